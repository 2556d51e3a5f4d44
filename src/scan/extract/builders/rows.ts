// Rows and assignments as builder APIs take them: `{ a: 1, b }`, `[{…}, {…}]`, `items.map(i => ({…}))`,
// or a const bound to one of those in the same file. Keys are the columns written; each value's kind
// (array / object / scalar) comes from syntax, and what syntax cannot tell keeps a type site for the
// checker. A spread or computed key leaves the column list incomplete: never guessed.
import { ts } from '../../typescript.js';
import type { ValueKind } from '../../facts.js';
import { skipWrappers } from './chain.js';
import { declarationsOf, lookup } from './declarations.js';

export interface RowValue {
  readonly key: string;
  readonly value: ts.Expression;
}

export interface Rows {
  /** every key written, in first-seen order */
  readonly keys: readonly string[];
  /** each key's values across rows, in source order */
  readonly values: readonly RowValue[];
  /** false when a spread, computed key or non-literal row may add keys we cannot see */
  readonly complete: boolean;
  /** how many rows, when literal */
  readonly count: number | null;
}

const NONE: Rows = { keys: [], values: [], complete: false, count: null };

function keyOf(name: ts.PropertyName): string | null {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return null;
}

function objectRow(node: ts.ObjectLiteralExpression): { values: RowValue[]; complete: boolean } {
  const values: RowValue[] = [];
  let complete = true;
  for (const property of node.properties) {
    if (ts.isPropertyAssignment(property)) {
      const key = keyOf(property.name);
      if (key === null) complete = false;
      else values.push({ key, value: property.initializer });
    } else if (ts.isShorthandPropertyAssignment(property)) {
      values.push({ key: property.name.text, value: property.name });
    } else if (ts.isSpreadAssignment(property)) {
      complete = false;
    }
  }
  return { values, complete };
}

/** `x => ({…})` or `x => { return {…} }`: the object the callback builds per element. */
function mappedObject(fn: ts.Expression | undefined): ts.ObjectLiteralExpression | null {
  const node = fn && skipWrappers(fn);
  if (!node || !(ts.isArrowFunction(node) || ts.isFunctionExpression(node))) return null;
  let body: ts.Node = node.body;
  if (ts.isBlock(body)) {
    const returns = body.statements.filter(ts.isReturnStatement);
    if (returns.length !== 1 || !returns[0]!.expression) return null;
    body = returns[0]!.expression;
  }
  const object = skipWrappers(body as ts.Expression);
  return ts.isObjectLiteralExpression(object) ? object : null;
}

/** The rows an insert/upsert/values argument describes. */
export function rowsOf(expression: ts.Expression | undefined, sourceFile: ts.SourceFile, depth = 0): Rows {
  if (!expression || depth > 3) return NONE;
  const node = skipWrappers(expression);
  if (ts.isObjectLiteralExpression(node)) {
    const row = objectRow(node);
    return { keys: unique(row.values), values: row.values, complete: row.complete, count: 1 };
  }
  if (ts.isArrayLiteralExpression(node)) {
    // `let batch = []; … batch.push(row)`: an empty array is filled later, its rows are unknown (immich's
    // geodata import was a false missing-required-column); nor would a library send an empty insert
    if (node.elements.length === 0) return NONE;
    const values: RowValue[] = [];
    let complete = true;
    for (const element of node.elements) {
      const inner = skipWrappers(element);
      if (!ts.isObjectLiteralExpression(inner)) {
        const resolved = ts.isIdentifier(inner) ? rowsOf(inner, sourceFile, depth + 1) : NONE;
        values.push(...resolved.values);
        complete &&= resolved.complete && resolved.count === 1;
        continue;
      }
      const row = objectRow(inner);
      values.push(...row.values);
      complete &&= row.complete;
    }
    return { keys: unique(values), values, complete, count: node.elements.length };
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'map') {
    const object = mappedObject(node.arguments[0]);
    if (!object) return NONE;
    const row = objectRow(object);
    return { keys: unique(row.values), values: row.values, complete: row.complete, count: null };
  }
  if (ts.isIdentifier(node)) {
    const declaration = lookup(declarationsOf(sourceFile), node.text, node.pos);
    if (declaration?.kind === 'variable' && declaration.initializer && !declaration.type) {
      return rowsOf(declaration.initializer, sourceFile, depth + 1);
    }
  }
  return NONE;
}

function unique(values: readonly RowValue[]): string[] {
  return [...new Set(values.map((v) => v.key))];
}

/** The source offsets the type checker would need for a value whose kind syntax does not tell. */
export function typeSiteOf(expression: ts.Expression, sourceFile: ts.SourceFile): { start: number; end: number } {
  return { start: expression.getStart(sourceFile), end: expression.end };
}

/** The value of `name` in an object literal (`{ name: v }` or `{ name }`), or null. */
export function propertyOf(object: ts.ObjectLiteralExpression, name: string): ts.Expression | null {
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) && property.name.text === name) {
      return property.initializer;
    }
    if (ts.isShorthandPropertyAssignment(property) && property.name.text === name) return property.name;
  }
  return null;
}
