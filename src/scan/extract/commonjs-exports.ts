// CommonJS exports of a top-level statement, for both per-file indexes (file-index.ts for constants,
// builders/declarations.ts for origins): `module.exports = X` exports X as the module itself (what
// `require()` and a default import give), and each member of an object literal assigned to it under its
// name, like `exports.name = Y` and `module.exports.name = Y`.
import { ts } from '../typescript.js';

export interface CommonJsExport {
  /** `module`: the whole `module.exports`; otherwise the exported name */
  readonly name: string;
  readonly kind: 'module' | 'member';
  /** the value: an expression, a shorthand member's identifier, or a method (a function) */
  readonly value: ts.Expression;
}

const isModuleExports = (node: ts.Expression): boolean =>
  ts.isPropertyAccessExpression(node) && node.name.text === 'exports' && ts.isIdentifier(node.expression) && node.expression.text === 'module';

export function commonJsExports(statement: ts.Statement): CommonJsExport[] {
  if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) return [];
  const { left, operatorToken, right } = statement.expression;
  if (operatorToken.kind !== ts.SyntaxKind.EqualsToken) return [];
  if (isModuleExports(left)) {
    const found: CommonJsExport[] = [{ name: 'module', kind: 'module', value: right }];
    if (!ts.isObjectLiteralExpression(right)) return found;
    for (const property of right.properties) {
      if (ts.isShorthandPropertyAssignment(property)) found.push({ name: property.name.text, kind: 'member', value: property.name });
      else if (ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) {
        found.push({ name: property.name.text, kind: 'member', value: property.initializer });
      } else if (ts.isMethodDeclaration(property) && ts.isIdentifier(property.name)) {
        // `query(text, params) { return pool.query(text, params) }`: a method stands for its function
        found.push({ name: property.name.text, kind: 'member', value: property as unknown as ts.Expression });
      }
    }
    return found;
  }
  if (ts.isPropertyAccessExpression(left) &&
      (isModuleExports(left.expression) || (ts.isIdentifier(left.expression) && left.expression.text === 'exports'))) {
    return [{ name: left.name.text, kind: 'member', value: right }];
  }
  return [];
}
