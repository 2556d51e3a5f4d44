// What kind of JS value an argument is, from syntax alone. Whatever syntax cannot tell is left to the
// type checker (../type-kinds.ts), which runs only for the few sites a rule needs.
import { ts } from 'ts-morph';
import type { ValueKind } from '../facts.js';

const ARRAY_METHODS = new Set(['map', 'filter', 'slice', 'concat', 'flat', 'flatMap', 'split', 'sort', 'reverse', 'keys', 'values', 'entries']);
const SCALAR_CALLS = new Set(['String', 'Number', 'Boolean', 'BigInt', 'parseInt', 'parseFloat']);

export function syntacticKind(node: ts.Expression): ValueKind {
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node) || ts.isSatisfiesExpression(node)) {
    return syntacticKind(node.expression);
  }
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
    ts.isTypeOfExpression(node)
  ) {
    return 'scalar';
  }
  if (ts.isCallExpression(node)) {
    const callee = node.expression;
    if (ts.isIdentifier(callee) && SCALAR_CALLS.has(callee.text)) return 'scalar';
    if (ts.isPropertyAccessExpression(callee)) {
      const owner = callee.expression;
      const method = callee.name.text;
      if (ts.isIdentifier(owner) && owner.text === 'JSON' && method === 'stringify') return 'scalar';
      if (ts.isIdentifier(owner) && owner.text === 'Array' && (method === 'from' || method === 'of')) return 'array';
      if (ts.isIdentifier(owner) && owner.text === 'Object' && (method === 'keys' || method === 'values' || method === 'entries')) return 'array';
      if (method === 'toString' || method === 'toISOString' || method === 'toFixed' || method === 'join') return 'scalar';
      if (ARRAY_METHODS.has(method) && method !== 'keys' && method !== 'values' && method !== 'entries') return 'array';
    }
  }
  return 'unknown';
}
