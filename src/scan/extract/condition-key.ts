// Which conditionals in SQL choose on the same condition: such choices go the same way in one variant of
// a statement (template.ts, constants.ts), as they do when the application runs.
import { ts } from '../typescript.js';
import { skipWrappers } from './builders/chain.js';

/**
 * A condition as text, to tell two conditionals on the same condition: names, property accesses,
 * literals, calls without arguments and comparisons of those (`!x` is `x` negated). Null for anything
 * else (such choices vary on their own). Built from the syntax, as a fragment may come from another file.
 */
export function conditionKey(condition: ts.Expression): { key: string | null; negated: boolean } {
  let node = skipWrappers(condition);
  let negated = false;
  while (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
    negated = !negated;
    node = skipWrappers(node.operand);
  }
  return { key: keyOf(node, 0), negated };
}

function keyOf(node: ts.Expression, depth: number): string | null {
  if (depth > 6) return null;
  const inner = skipWrappers(node);
  if (ts.isIdentifier(inner)) return inner.text;
  if (ts.isPropertyAccessExpression(inner)) {
    const object = keyOf(inner.expression, depth + 1);
    return object === null ? null : `${object}.${inner.name.text}`;
  }
  if (ts.isStringLiteral(inner) || ts.isNumericLiteral(inner)) return JSON.stringify(inner.text);
  if (inner.kind === ts.SyntaxKind.TrueKeyword) return 'true';
  if (inner.kind === ts.SyntaxKind.FalseKeyword) return 'false';
  if (inner.kind === ts.SyntaxKind.NullKeyword) return 'null';
  if (ts.isCallExpression(inner) && inner.arguments.length === 0) {
    const callee = keyOf(inner.expression, depth + 1);
    return callee === null ? null : `${callee}()`;
  }
  if (ts.isBinaryExpression(inner)) {
    const left = keyOf(inner.left, depth + 1);
    const right = keyOf(inner.right, depth + 1);
    return left === null || right === null ? null : `(${left} ${ts.SyntaxKind[inner.operatorToken.kind]} ${right})`;
  }
  return null;
}
