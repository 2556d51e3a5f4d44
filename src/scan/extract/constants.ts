// Constant folding for SQL text: string literals, `const` bindings, imported constants (relative
// imports, re-exports, namespace imports), `+` concatenation, templates with constant holes,
// `as const` objects. Anything else is not a constant: callers count it as not checked.
import { ts } from 'ts-morph';
import type { FileIndex } from './file-index.js';

export interface IndexedFile {
  readonly path: string;
  readonly index: FileIndex;
}

/** Finds and indexes the file a relative import points at; null for packages and missing files. */
export type ModuleLoader = (fromPath: string, specifier: string) => IndexedFile | null;

/** An expression together with the file whose scope its names live in. */
export interface Located {
  readonly expression: ts.Expression;
  readonly file: IndexedFile;
}

const MAX_DEPTH = 24;

function unwrapExpression(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isTypeAssertionExpression(current) ||
    ts.isNonNullExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

function resolveExport(file: IndexedFile, name: string, load: ModuleLoader, depth: number): Located | null {
  if (depth > MAX_DEPTH) return null;
  const target = file.index.exports.get(name);
  if (target?.kind === 'local') return resolveName(file, target.name, load, depth + 1);
  if (target?.kind === 'reexport') {
    const next = load(file.path, target.module);
    return next ? resolveExport(next, target.name, load, depth + 1) : null;
  }
  for (const module of file.index.starExports) {
    const next = load(file.path, module);
    const found = next ? resolveExport(next, name, load, depth + 1) : null;
    if (found) return found;
  }
  return null;
}

/** A name in a file's scope → the expression it is bound to (`const` or import), if unambiguous. */
function resolveName(file: IndexedFile, name: string, load: ModuleLoader, depth: number): Located | null {
  if (depth > MAX_DEPTH) return null;
  const init = file.index.constants.get(name);
  if (init) return { expression: init, file };
  if (init === null) return null;
  const binding = file.index.imports.get(name);
  if (!binding || binding.imported === '*' || !binding.module.startsWith('.')) return null;
  const next = load(file.path, binding.module);
  return next ? resolveExport(next, binding.imported, load, depth + 1) : null;
}

/** Follows identifiers and property accesses to the expression they stand for. */
export function resolveExpression(located: Located, load: ModuleLoader, depth = 0): Located | null {
  if (depth > MAX_DEPTH) return null;
  const expression = unwrapExpression(located.expression);
  if (ts.isIdentifier(expression)) {
    const found = resolveName(located.file, expression.text, load, depth + 1);
    return found ? resolveExpression(found, load, depth + 1) : null;
  }
  if (ts.isPropertyAccessExpression(expression) || ts.isElementAccessExpression(expression)) {
    const key = ts.isPropertyAccessExpression(expression)
      ? expression.name.text
      : ts.isStringLiteralLike(expression.argumentExpression)
        ? expression.argumentExpression.text
        : null;
    if (key === null) return null;
    const owner = expression.expression;
    if (ts.isIdentifier(owner)) {
      const binding = located.file.index.imports.get(owner.text);
      if (binding?.imported === '*' && binding.module.startsWith('.') && !located.file.index.constants.has(owner.text)) {
        const module = load(located.file.path, binding.module);
        const found = module ? resolveExport(module, key, load, depth + 1) : null;
        return found ? resolveExpression(found, load, depth + 1) : null;
      }
    }
    const object = resolveExpression({ expression: owner, file: located.file }, load, depth + 1);
    if (!object || !ts.isObjectLiteralExpression(object.expression)) return null;
    for (const property of object.expression.properties) {
      if (ts.isPropertyAssignment(property) && propertyName(property.name) === key) {
        return resolveExpression({ expression: property.initializer, file: object.file }, load, depth + 1);
      }
      if (ts.isShorthandPropertyAssignment(property) && property.name.text === key) {
        return resolveExpression({ expression: property.name, file: object.file }, load, depth + 1);
      }
    }
    return null;
  }
  return { expression, file: located.file };
}

export function propertyName(name: ts.PropertyName): string | null {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return null;
}

/** The string the expression always evaluates to, or null. */
export function constantText(located: Located, load: ModuleLoader, depth = 0): string | null {
  if (depth > MAX_DEPTH) return null;
  const expression = unwrapExpression(located.expression);
  const again = (next: ts.Expression, file = located.file): string | null =>
    constantText({ expression: next, file }, load, depth + 1);
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return expression.text;
  if (ts.isNumericLiteral(expression)) return expression.text;
  if (ts.isTemplateExpression(expression)) {
    let text = expression.head.text;
    for (const span of expression.templateSpans) {
      const value = again(span.expression);
      if (value === null) return null;
      text += value + span.literal.text;
    }
    return text;
  }
  if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = again(expression.left);
    if (left === null) return null;
    const right = again(expression.right);
    return right === null ? null : left + right;
  }
  if (ts.isCallExpression(expression) && ts.isPropertyAccessExpression(expression.expression)) {
    const method = expression.expression.name.text;
    if (method === 'trim' && expression.arguments.length === 0) return again(expression.expression.expression)?.trim() ?? null;
    if (method === 'join') {
      const array = resolveExpression({ expression: expression.expression.expression, file: located.file }, load, depth + 1);
      if (!array || !ts.isArrayLiteralExpression(array.expression)) return null;
      const separator = expression.arguments[0] ? again(expression.arguments[0]) : ',';
      const parts = array.expression.elements.map((e) => again(e, array.file));
      return separator === null || parts.some((p) => p === null) ? null : parts.join(separator);
    }
    return null;
  }
  if (ts.isIdentifier(expression) || ts.isPropertyAccessExpression(expression) || ts.isElementAccessExpression(expression)) {
    const found = resolveExpression({ expression, file: located.file }, load, depth + 1);
    if (!found || found.expression === expression) return null;
    return constantText(found, load, depth + 1);
  }
  return null;
}
