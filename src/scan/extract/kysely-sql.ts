// Kysely's raw SQL: https://kysely.dev/docs/recipes/raw-sql (API: the `sql` tag of kysely).
// `` sql`…`.execute(db) `` (also `sql<Row>`, or a `const` holding the template executed later) is a whole
// statement; the same tag elsewhere (`select(sql`…`.as('x'))`) is a fragment of a builder and not read.
// Holes: a value (or `sql.val(v)`) is a bound parameter; `sql.raw`, `sql.ref`, `sql.table`, `sql.id` splice
// a name or text and `sql.lit` a literal (read only when constant), `sql.join(list)` a list of parameters,
// nested `` sql`…` `` fragments their text; a query builder Kysely inlines leaves the statement not checked.
import { ts } from '../typescript.js';
import { kyselyCasingOf, snakeCase } from './builders/kysely-casing.js';
import type { ExtractedStatement } from '../facts.js';
import { skipWrappers } from './builders/chain.js';
import { buildSql, builtStatements, quoteIdentifier, type Hole } from './template.js';
import type { ExtractContext } from './types.js';

function isKyselySql(tag: ts.Expression, context: ExtractContext): boolean {
  return ts.isIdentifier(tag) && context.importOf(tag)?.module === 'kysely';
}

/** The template an `.execute(…)` receiver stands for: `` sql`…` `` itself or a `const` bound to it. */
function executedTemplate(call: ts.CallExpression, context: ExtractContext): ts.TaggedTemplateExpression | null {
  const callee = skipWrappers(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'execute' || call.arguments.length !== 1) return null;
  let receiver: ts.Expression | null = skipWrappers(callee.expression);
  if (ts.isIdentifier(receiver)) receiver = context.resolveLocal(receiver);
  receiver = receiver && skipWrappers(receiver);
  return receiver && ts.isTaggedTemplateExpression(receiver) && isKyselySql(receiver.tag, context) ? receiver : null;
}

function quotedName(text: string, name: (identifier: string) => string): string {
  return text.split('.').map((part) => quoteIdentifier(name(part))).join('.');
}

function literal(expression: ts.Expression, context: ExtractContext): string | null {
  const node = skipWrappers(expression);
  if (ts.isNumericLiteral(node)) return node.text;
  if (node.kind === ts.SyntaxKind.TrueKeyword) return 'true';
  if (node.kind === ts.SyntaxKind.FalseKeyword) return 'false';
  if (node.kind === ts.SyntaxKind.NullKeyword) return 'null';
  const text = context.constantText(node);
  return text === null ? null : `'${text.replace(/'/g, "''")}'`;
}

// methods of Kysely's query and expression builders: a hole holding one of their chains is SQL Kysely
// inlines (immich: `` sql`${lessThan} union all ${greaterThan}` ``), not a value
const BUILDER_METHODS = new Set(['selectFrom', 'selectAll', 'select', 'where', 'whereRef', 'innerJoin', 'leftJoin', 'orderBy', 'groupBy', 'limit', 'returning', 'insertInto', 'updateTable', 'deleteFrom', 'with', 'as', 'ref']);

function isQueryBuilder(expression: ts.Expression): boolean {
  for (let node = skipWrappers(expression); ts.isCallExpression(node); ) {
    const callee = skipWrappers(node.expression);
    if (!ts.isPropertyAccessExpression(callee)) return false;
    if (BUILDER_METHODS.has(callee.name.text)) return true;
    node = skipWrappers(callee.expression);
  }
  return false;
}

function classifier(context: ExtractContext, name: (identifier: string) => string) {
  const classify = (expression: ts.Expression): Hole => {
    const node = skipWrappers(expression);
    if (ts.isTaggedTemplateExpression(node) && isKyselySql(node.tag, context)) return { kind: 'fragment', template: node.template };
    const bound = ts.isIdentifier(node) ? context.resolveLocal(node) : null;
    if (bound && ts.isTaggedTemplateExpression(bound) && isKyselySql(bound.tag, context)) return { kind: 'fragment', template: bound.template };
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && isKyselySql(node.expression.expression, context)) {
      const method = node.expression.name.text;
      const [first, second] = node.arguments;
      const text = first ? context.constantText(first) : null;
      if (method === 'raw') return text === null ? { kind: 'unresolved', reason: 'sql.raw(…) of text built at run time' } : { kind: 'text', text };
      if (method === 'ref' || method === 'table') {
        return text === null ? { kind: 'unresolved', reason: `sql.${method}(…) of a name known only at run time` } : { kind: 'text', text: quotedName(text, name) };
      }
      if (method === 'id') {
        const parts = node.arguments.map((a) => context.constantText(a));
        return parts.some((p) => p === null) ? { kind: 'unresolved', reason: 'sql.id(…) of a name known only at run time' } : { kind: 'text', text: (parts as string[]).map((p) => quoteIdentifier(name(p))).join('.') };
      }
      if (method === 'val' || method === 'value') return { kind: 'param', value: first ?? null };
      if (method === 'lit' || method === 'literal') {
        const value = first ? literal(first, context) : null;
        return value === null ? { kind: 'unresolved', reason: 'sql.lit(…) of a value known only at run time' } : { kind: 'text', text: value };
      }
      if (method === 'join') {
        const list = first && skipWrappers(first);
        const separator = second ? null : ', ';
        if (list && ts.isArrayLiteralExpression(list) && separator !== null) return { kind: 'sequence', separator, holes: list.elements.map(classify) };
        if (second) return { kind: 'unresolved', reason: 'sql.join(…) with a separator fragment' };
        return { kind: 'param', value: first ?? null, valueKind: 'unknown' };
      }
      return { kind: 'unresolved', reason: `sql.${method}(…) in a raw statement` };
    }
    if (isQueryBuilder(bound ?? node)) return { kind: 'unresolved', reason: 'a query builder inlined into raw SQL' };
    return { kind: 'param', value: expression };
  };
  return classify;
}

/** The statements a file runs with Kysely's `` sql`…`.execute(db) ``. */
export function kyselySqlStatements(context: ExtractContext, arrayEncoding: 'array-literal' | 'server-typed'): ExtractedStatement[] {
  const statements: ExtractedStatement[] = [];
  if (![...context.imports.values()].some((b) => b.module === 'kysely' && b.imported === 'sql')) return statements;
  const base = { library: 'kysely', arrayEncoding } as const;
  let name: ((identifier: string) => string) | 'unknown' | undefined;
  for (const call of context.calls) {
    const template = executedTemplate(call, context);
    if (!template) continue;
    // the names sql.ref/table/id splice go through the db's CamelCasePlugin; the template's text does not
    if (name === undefined) {
      const casing = kyselyCasingOf(context.sourceFile.fileName);
      name = casing === 'unknown' ? casing : casing === null ? (identifier) => identifier : (identifier) => snakeCase(identifier, casing);
    }
    if (name === 'unknown' && /\bsql\.(?:ref|table|id)\(/.test(template.getText(context.sourceFile))) {
      statements.push({ ...base, location: context.location(call), kind: 'unresolved', reason: 'CamelCasePlugin options computed at run time' });
      continue;
    }
    const built = buildSql(template.template, classifier(context, name === 'unknown' ? (identifier) => identifier : name), context);
    const location = context.location(call);
    statements.push(...builtStatements(built, { ...base, location }));
  }
  return statements;
}
