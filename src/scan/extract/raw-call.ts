// Shared by the extractors of `client.query(text, values)`-style APIs: turn a call's text and
// values arguments into an extracted statement, or a counted unresolved site.
import { ts } from '../typescript.js';
import type { ArrayEncoding, ExtractedStatement, Library, ParamFact } from '../facts.js';
import { propertyOf } from './builders/rows.js';
import { looksLikeStatement } from './template.js';
import type { ExtractContext } from './types.js';

/** Receivers that are almost certainly a database handle when the SQL cannot be resolved. */
const DATABASE_RECEIVER = /(pool|client|db|database|pg|conn|connection|tx|trx|transaction|sql|knex|postgres|prisma|repo)/i;

export function receiverName(callee: ts.Expression): string {
  if (ts.isPropertyAccessExpression(callee)) {
    const owner = callee.expression;
    if (ts.isIdentifier(owner)) return owner.text;
    if (ts.isPropertyAccessExpression(owner)) return owner.name.text;
    if (owner.kind === ts.SyntaxKind.ThisKeyword) return 'this';
    if (ts.isCallExpression(owner)) return receiverName(owner.expression);
  }
  return '';
}

export function looksLikeDatabase(callee: ts.Expression): boolean {
  return DATABASE_RECEIVER.test(receiverName(callee));
}

/** `[a, b]` (directly or through a const) → its elements; null when the values are not a literal list. */
export function valueList(expression: ts.Expression | undefined, context: ExtractContext): readonly ts.Expression[] | null {
  if (!expression) return [];
  let current = expression;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current)) current = current.expression;
  if (ts.isArrayLiteralExpression(current)) {
    return current.elements.some(ts.isSpreadElement) ? null : current.elements;
  }
  return null;
}

export function paramsOf(values: readonly ts.Expression[] | null, context: ExtractContext): ParamFact[] {
  return (values ?? []).map((value, i) => context.paramFact(value, i + 1));
}

export interface RawSite {
  readonly node: ts.Node;
  readonly library: Library;
  readonly arrayEncoding: ArrayEncoding;
  readonly encodesJson?: true;
  readonly text: ts.Expression;
  /** resolved SQL → final SQL and params (placeholder styles differ by library) */
  readonly build: (sql: string) => { sql: string; params: readonly ParamFact[] } | { unresolved: string };
  /** count the site as not checked when its text cannot be resolved */
  readonly plausible: boolean;
}

/**
 * The statement a raw call sends: one per text its SQL can be (parts chosen by a conditional), marked as
 * variants of the site; or one that says why it is not checked; or null when the call sends no SQL.
 */
export function rawStatement(site: RawSite, context: ExtractContext): ExtractedStatement[] | null {
  const location = context.location(site.node);
  const base = { location, library: site.library, arrayEncoding: site.arrayEncoding, ...(site.encodesJson ? { encodesJson: true as const } : {}) };
  const resolved = context.sqlText(site.text);
  if (resolved !== null && 'unresolved' in resolved) return site.plausible || resolved.sql ? [{ ...base, kind: 'unresolved', reason: resolved.unresolved }] : null;
  if (resolved === null) {
    return site.plausible ? [{ ...base, kind: 'unresolved', reason: 'SQL text built at run time' }] : null;
  }
  const texts = resolved.variants;
  if (!texts.every((text) => looksLikeStatement(text.text))) return null;
  const statements: ExtractedStatement[] = [];
  for (const [index, text] of texts.entries()) {
    const built = site.build(text.text);
    if ('unresolved' in built) return [{ ...base, kind: 'unresolved', reason: built.unresolved }];
    statements.push({
      ...base,
      kind: 'sql',
      sql: built.sql,
      params: built.params,
      ...(text.standIn ? { verifiable: false } : {}),
      ...(text.runtimeSchema ? { runtimeSchema: true } : {}),
      ...(text.sqlFiles ? { sqlFiles: text.sqlFiles } : {}),
      ...(texts.length > 1 ? { variant: { index, of: texts.length } } : {}),
    });
  }
  return statements;
}

/**
 * A query call's text and values arguments, `(text, values)` or a config object `({ text, values, name })`
 * (node-postgres' QueryConfig, pg-promise's PreparedStatement and ParameterizedQuery); a callback in
 * place of the values is not values.
 */
export function queryArguments(first: ts.Expression | undefined, second: ts.Expression | undefined): { text: ts.Expression; values: ts.Expression | undefined } | null {
  if (!first) return null;
  if (ts.isObjectLiteralExpression(first)) {
    const text = propertyOf(first, 'text');
    return text ? { text, values: propertyOf(first, 'values') ?? undefined } : null;
  }
  const values = second && !ts.isArrowFunction(second) && !ts.isFunctionExpression(second) ? second : undefined;
  return { text: first, values };
}

