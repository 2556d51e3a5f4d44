// What kind of JS value an argument is, from syntax alone, then from the types the file declares
// (declared-kind.ts). Whatever they cannot tell is left to the type checker (../type-kinds.ts), which
// runs only for the few sites a rule needs. Raw-SQL parameters and builder values both come through here.
import { ts } from '../typescript.js';
import type { ValueKind } from '../facts.js';
import { skipWrappers } from './builders/chain.js';
import { declaredKind } from './declared-kind.js';

/** The kind from syntax, else from the types the file declares; 'unknown' leaves it to the checker. */
export function valueKind(expression: ts.Expression, sourceFile: ts.SourceFile): ValueKind {
  const kind = syntacticKind(expression);
  return kind === 'unknown' ? (declaredKind(expression, sourceFile) ?? 'unknown') : kind;
}

// why not slice/concat: strings have them too
const ARRAY_METHODS = new Set(['map', 'filter', 'flat', 'flatMap', 'sort', 'toSorted', 'reverse', 'split']);
const SCALAR_CALLS = new Set(['String', 'Number', 'Boolean', 'BigInt', 'parseInt', 'parseFloat']);
const SCALAR_METHODS = new Set(['toString', 'toISOString', 'toFixed', 'join']);

/** `JSON.stringify(…)`, through parentheses and casts. */
export function isJsonStringify(expression: ts.Expression): boolean {
  const node = skipWrappers(expression);
  if (!ts.isCallExpression(node)) return false;
  const callee = skipWrappers(node.expression);
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'JSON' && callee.name.text === 'stringify';
}

export function syntacticKind(expression: ts.Expression): ValueKind {
  const node = skipWrappers(expression);
  if (ts.isArrayLiteralExpression(node)) return 'array';
  if (ts.isObjectLiteralExpression(node)) return 'object';
  if (
    ts.isStringLiteralLike(node) ||
    ts.isTemplateExpression(node) ||
    ts.isNumericLiteral(node) ||
    ts.isBigIntLiteral(node) ||
    node.kind === ts.SyntaxKind.TrueKeyword ||
    node.kind === ts.SyntaxKind.FalseKeyword ||
    node.kind === ts.SyntaxKind.NullKeyword ||
    ts.isPrefixUnaryExpression(node) ||
    ts.isTypeOfExpression(node) ||
    // node-postgres and the builders send a Date as a timestamp string
    (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Date')
  ) {
    return 'scalar';
  }
  if (ts.isCallExpression(node)) {
    const callee = skipWrappers(node.expression);
    if (ts.isIdentifier(callee) && SCALAR_CALLS.has(callee.text)) return 'scalar';
    if (ts.isPropertyAccessExpression(callee)) {
      const owner = ts.isIdentifier(callee.expression) ? callee.expression.text : '';
      const method = callee.name.text;
      if (owner === 'JSON' && method === 'stringify') return 'json-text';
      if (owner === 'Array' && (method === 'from' || method === 'of')) return 'array';
      if (owner === 'Object' && (method === 'keys' || method === 'values' || method === 'entries')) return 'array';
      if (SCALAR_METHODS.has(method)) return 'scalar';
      if (ARRAY_METHODS.has(method)) return 'array';
    }
  }
  return 'unknown';
}
