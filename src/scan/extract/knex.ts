// knex query builders → neutral facts (knex.raw statements are knex-raw.ts).
// https://knexjs.org/guide/query-builder.html
// `knex('clients').insert(rows).onConflict(['a', 'b']).merge()` sends `insert into "clients" (…)
// values (…) on conflict ("a", "b") do update set …` (research/code-checkers.md §2.2). knex hands
// values to node-postgres: a JS array bound to a json/jsonb column arrives as a PostgreSQL array.
import { ts } from '../typescript.js';
import type { ColumnUse, ExtractedStatement, OnConflictFacts, TableRef } from '../facts.js';
import { chainOf, chainText, statementsOfChains, skipWrappers, type Chain, type Link } from './builders/chain.js';
import {
  bindingOf,
  bindingsOf,
  builderFacts,
  builderStatement,
  columnUse,
  conflictTargetFromSql,
  parseColumnName,
  parseTableName,
  relationsFor,
  unresolvedStatement,
  uniqueUses,
  type Envelope,
} from './builders/facts.js';
import { isCallOfImport, isTypedAs, originOf, packageOf, type Origin } from './builders/origin.js';
import { rowsOf } from './builders/rows.js';
import { propertyName } from './constants.js';
import type { ExtractContext, Extractor } from './types.js';

const KNEX = ['knex'];

/** A knex instance or transaction: `knex({…})`, typed `Knex` / `Knex.Transaction`, `knex.transaction(trx => …)`. */
function isKnex(origin: Origin): boolean {
  if (isCallOfImport(origin, KNEX, ['default', 'knex', '*'])) return true;
  if (isTypedAs(origin, KNEX, ['Knex', 'knex'])) return true;
  if (origin.kind === 'callback') return origin.method === 'transaction' && isKnex(origin.receiver);
  if (origin.kind === 'call' && origin.callee.kind === 'member') {
    return (origin.callee.name === 'transaction' || origin.callee.name === 'transactionProvider') && isKnex(origin.callee.of);
  }
  return false;
}

const TABLE_METHODS = new Set(['table', 'from', 'into']);
const READ_METHODS = new Set(['select', 'first', 'pluck', 'column', 'columns', 'distinct', 'distinctOn', 'groupBy', 'returning', 'count', 'countDistinct', 'min', 'max', 'sum', 'sumDistinct', 'avg', 'avgDistinct']);
const WHERE_METHODS = new Set(['where', 'andWhere', 'orWhere', 'whereNot', 'andWhereNot', 'orWhereNot', 'having', 'orHaving']);
const FIRST_ARG_COLUMN = new Set([
  'whereIn', 'whereNotIn', 'orWhereIn', 'orWhereNotIn', 'whereNull', 'whereNotNull', 'orWhereNull', 'orWhereNotNull',
  'whereBetween', 'whereNotBetween', 'orWhereBetween', 'orWhereNotBetween', 'whereLike', 'whereILike', 'orWhereLike',
  'orWhereILike', 'whereJsonObject', 'whereJsonPath', 'whereJsonSupersetOf', 'whereJsonSubsetOf', 'havingIn', 'havingNull',
  'havingNotNull', 'havingBetween', 'orderBy',
]);
const JOIN_METHODS = new Set(['join', 'innerJoin', 'leftJoin', 'leftOuterJoin', 'rightJoin', 'rightOuterJoin', 'fullOuterJoin', 'crossJoin']);
/** Methods that bring columns from places we cannot see: unqualified names may be valid there (a modify() callback read as its links is no longer one). */
const OPENING_METHODS = new Set(['with', 'withRecursive', 'withMaterialized', 'withNotMaterialized', 'joinRaw', 'fromRaw', 'union', 'unionAll', 'modify']);
export const CTE_METHODS: ReadonlySet<string> = new Set(['with', 'withRecursive', 'withMaterialized', 'withNotMaterialized']);
const KNOWN_METHODS = new Set([
  ...TABLE_METHODS, ...READ_METHODS, ...WHERE_METHODS, ...FIRST_ARG_COLUMN, ...JOIN_METHODS, ...OPENING_METHODS,
  'insert', 'update', 'del', 'delete', 'increment', 'decrement', 'onConflict', 'merge', 'ignore', 'withSchema',
  'limit', 'offset', 'forUpdate', 'forShare', 'then', 'orderByRaw', 'whereRaw', 'first', 'timeout', 'clearSelect',
]);

interface Scope {
  readonly tables: TableRef[];
  readonly uses: ColumnUse[];
  open: boolean;
}

function strings(args: readonly ts.Expression[], context: ExtractContext): string[] {
  const out: string[] = [];
  for (const arg of args) {
    const node = skipWrappers(arg);
    if (ts.isArrayLiteralExpression(node)) out.push(...strings(node.elements, context));
    else if (ts.isObjectLiteralExpression(node)) {
      // `{ alias: 'column' }` (select, count) and `[{ column: 'a', order: 'desc' }]` (orderBy)
      for (const p of node.properties) {
        if (!ts.isPropertyAssignment(p)) continue;
        const name = ts.isIdentifier(p.name) ? p.name.text : null;
        if (name === 'order' || name === 'nulls') continue;
        const text = context.constantText(p.initializer);
        if (text !== null) out.push(text);
      }
    } else {
      const text = context.constantText(node);
      if (text !== null) out.push(text);
    }
  }
  return out;
}

const AS_ALIAS = /\bas\s+"?(\w+)"?\s*$/i;

/**
 * The output names a query's select list gives: `'id as n'`, `count('* as count')`, `{ alias: … }` keys of
 * select/count/sum…, and a raw item's `… AS name`. ORDER BY and GROUP BY resolve such a name to the output
 * column (Unleash: `.count('* as count').orderBy('count')`, `.sum({ total_size: … }).orderBy('total_size')`).
 */
function selectAliases(links: readonly Link[], context: ExtractContext): Set<string> {
  const aliases = new Set<string>();
  const add = (arg: ts.Expression): void => {
    const node = skipWrappers(arg);
    if (ts.isArrayLiteralExpression(node)) node.elements.forEach(add);
    else if (ts.isObjectLiteralExpression(node)) {
      for (const p of node.properties) if (ts.isPropertyAssignment(p) && propertyName(p.name) !== null) aliases.add(propertyName(p.name)!);
    } else {
      const text = ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'raw' && node.arguments[0]
        ? context.constantText(node.arguments[0])
        : context.constantText(node);
      const alias = text === null ? null : AS_ALIAS.exec(text)?.[1];
      if (alias) aliases.add(alias);
    }
  };
  for (const link of links) if (READ_METHODS.has(link.name) && link.name !== 'groupBy' && link.name !== 'returning') link.args.forEach(add);
  return aliases;
}

function read(scope: Scope, text: string): void {
  const name = parseColumnName(text);
  if (name?.column) scope.uses.push(columnUse(name.column, relationsFor(name.qualifier, scope.tables), 'read', scope.open && name.qualifier === null));
}

function conflictOf(links: readonly Link[], index: number, context: ExtractContext, scope: Scope, target: TableRef): OnConflictFacts | null {
  const link = links[index]!;
  const next = links[index + 1];
  if (next?.name !== 'merge' && next?.name !== 'ignore') return null;
  const action = next.name === 'merge' ? 'update' : 'nothing';
  if (next.name === 'merge' && next.args[0]) {
    const updated = skipWrappers(next.args[0]);
    const keys = ts.isObjectLiteralExpression(updated) ? rowsOf(updated, context.sourceFile).keys : strings([updated], context);
    for (const key of keys) scope.uses.push(columnUse(key, [{ schema: target.schema, name: target.name }], 'write'));
  }
  const arg = link.args[0];
  if (!arg) return { target: null, action };
  const node = skipWrappers(arg);
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'raw') {
    const text = node.arguments[0] ? context.constantText(node.arguments[0]) : null;
    const raw = text === null ? null : conflictTargetFromSql(text);
    return raw ? { target: raw, action } : null;
  }
  const columns = strings([node], context);
  if (columns.length === 0) return null;
  return { target: { kind: 'inference', elements: columns.map((column) => ({ column })), where: null }, action };
}

function tableStart(chain: Chain): { index: number; receiver: ts.Expression; arg: ts.Expression | undefined; member?: true } | null {
  const links = chain.links;
  if (links[0]?.name === '') return { index: 0, receiver: chain.base, arg: links[0].args[0] };
  // `this.db(TABLE)…`: an instance kept in a property, called; taken only when its origin is knex
  const first = links[0];
  if (first && !KNOWN_METHODS.has(first.name) && first.args.length === 1 && links.length > 1) {
    return { index: 0, receiver: skipWrappers(first.call.expression), arg: first.args[0], member: true };
  }
  const index = links.findIndex((l) => TABLE_METHODS.has(l.name));
  if (index < 0 || !links.slice(0, index).every((l) => KNOWN_METHODS.has(l.name))) return null;
  return { index, receiver: chain.base, arg: links[index]!.args[0] };
}

function looksLikeCallableKnex(links: readonly Link[]): boolean {
  return links[0]!.args.length === 1 && links.slice(1).some((l) => l.name !== 'then' && KNOWN_METHODS.has(l.name));
}

/**
 * The links a callback adds to the query it is given: `where((qb) => qb.where('a', 1).orWhere('b', 2))`,
 * `where(function () { this.where(…) })` (a grouped condition), `modify((qb) => { qb.where(…); })`.
 * null when the callback is anything else, or uses a method this file does not read.
 */
function callbackLinks(callback: ts.Expression | undefined): Link[] | null {
  const fn = callback && skipWrappers(callback);
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return null;
  const param = fn.parameters[0] && ts.isIdentifier(fn.parameters[0].name) ? fn.parameters[0].name.text : null;
  const isBuilder = (node: ts.Expression): boolean =>
    (param !== null && ts.isIdentifier(node) && node.text === param) || (ts.isFunctionExpression(fn) && node.kind === ts.SyntaxKind.ThisKeyword);
  const expressions: ts.Expression[] = [];
  // statements of the body, through blocks and both branches of an `if`; false for anything else
  const collect = (statement: ts.Statement): boolean => {
    if (ts.isExpressionStatement(statement)) expressions.push(statement.expression);
    else if (ts.isReturnStatement(statement) && statement.expression) expressions.push(statement.expression);
    else if (ts.isBlock(statement)) return statement.statements.every(collect);
    else if (ts.isIfStatement(statement)) return collect(statement.thenStatement) && (!statement.elseStatement || collect(statement.elseStatement));
    else return false;
    return true;
  };
  if (ts.isBlock(fn.body)) {
    if (!fn.body.statements.every(collect)) return null;
  } else expressions.push(fn.body);
  const links: Link[] = [];
  for (const expression of expressions) {
    const call = skipWrappers(expression);
    if (!ts.isCallExpression(call)) return null;
    const chain = chainOf(call);
    if (!isBuilder(skipWrappers(chain.base))) return null;
    const inner = inlinedLinks(chain.links);
    // a subquery (its own from/table) names another table's columns
    if (!inner.every((l) => KNOWN_METHODS.has(l.name) && !TABLE_METHODS.has(l.name))) return null;
    links.push(...inner);
  }
  return links;
}

/** The chain's links with grouped conditions and modify() callbacks replaced by the links they add. */
function inlinedLinks(links: readonly Link[]): Link[] {
  const out: Link[] = [];
  for (const link of links) {
    const grouped = (WHERE_METHODS.has(link.name) && link.args.length === 1) || link.name === 'modify' ? callbackLinks(link.args[0]) : null;
    if (grouped) out.push(...grouped);
    else out.push(link);
  }
  return out;
}

function statementOf(chain: Chain, context: ExtractContext): ExtractedStatement | null {
  const start = tableStart(chain);
  if (!start) return null;
  const links = inlinedLinks(chain.links);
  if (!links.slice(1).every((l) => KNOWN_METHODS.has(l.name))) return null;
  const origin = originOf(context.sourceFile, start.receiver);
  const knex = isKnex(origin);
  if (start.member && !knex) return null;
  // the callable form `db('t').where(…)` is knex's own shape; `x.from('t')` is everyone's. Only with one
  // argument and a query method after it: `request('get', url, options).then(…)` (htmx, in kutt) is no query
  if (!knex && (start.index !== 0 || links[0]!.name !== '' || packageOf(origin) !== null || !looksLikeCallableKnex(links))) return null;
  const envelope: Envelope = { library: 'knex', arrayEncoding: 'array-literal', location: context.location(chain.outer), text: chainText(chain, context.sourceFile) };
  const tableText = start.arg ? context.constantText(start.arg) : null;
  if (tableText === null) {
    const isSubquery = start.arg && (ts.isArrowFunction(skipWrappers(start.arg)) || ts.isCallExpression(skipWrappers(start.arg)));
    return knex && !isSubquery ? unresolvedStatement(envelope, 'table name computed at run time') : null;
  }
  const schemaLink = links.find((l) => l.name === 'withSchema');
  const schema = schemaLink?.args[0] ? context.constantText(schemaLink.args[0]) : null;
  if (schemaLink && schema === null) return unresolvedStatement(envelope, 'schema name computed at run time');
  const table = parseTableName(tableText, schema);
  if (!table) return null;
  // `.with('ranked', …).from('ranked')`: a CTE of the chain is no table, and its columns are not known here
  const ctes = new Set(links.filter((l) => CTE_METHODS.has(l.name) && l.args[0]).map((l) => context.constantText(l.args[0]!)?.split('(')[0]!.trim()));
  const isCte = (ref: TableRef): boolean => ref.schema === null && ctes.has(ref.name);
  const scope: Scope = { tables: isCte(table) ? [] : [table], uses: [], open: links.some((l) => OPENING_METHODS.has(l.name)) };
  const plainTable = { schema: table.schema, name: table.name };
  for (const link of links) {
    if (!JOIN_METHODS.has(link.name) || !link.args[0]) continue;
    const joined = context.constantText(link.args[0]);
    const ref = joined === null ? null : parseTableName(joined);
    if (ref && !isCte(ref)) scope.tables.push(ref);
    else scope.open = true;
  }

  const aliases = selectAliases(links, context);
  const isAlias = (text: string): boolean => aliases.has(text);
  let command = 'select' as 'select' | 'insert' | 'update' | 'delete';
  let insertColumns: string[] | null = null;
  let onConflict: OnConflictFacts | null = null;
  const bindings: ReturnType<typeof bindingsOf> = [];
  const sourceFile = context.sourceFile;
  for (const [index, link] of links.entries()) {
    const [first, second, third] = link.args;
    if (link.name === 'insert' || (link.name === 'update' && first && !ts.isStringLiteralLike(skipWrappers(first)))) {
      command = link.name;
      const rows = rowsOf(first, sourceFile);
      for (const key of rows.keys) scope.uses.push(columnUse(key, [plainTable], 'write'));
      bindings.push(...bindingsOf(plainTable, rows.values, sourceFile));
      if (link.name === 'insert' && rows.complete) insertColumns = [...rows.keys];
      if (link.name === 'insert' && second) for (const text of strings([second], context)) read(scope, text);
    } else if (link.name === 'update' || link.name === 'increment' || link.name === 'decrement') {
      command = 'update';
      const column = first ? context.constantText(first) : null;
      if (column !== null) scope.uses.push(columnUse(column, [plainTable], 'write'));
      if (column !== null && second && link.name === 'update') bindings.push(bindingOf(plainTable, column, second, sourceFile));
    } else if (link.name === 'del' || link.name === 'delete') {
      command = 'delete';
    } else if (link.name === 'onConflict') {
      onConflict = conflictOf(links, index, context, scope, table);
    } else if (READ_METHODS.has(link.name)) {
      for (const text of strings(link.args, context)) if (link.name !== 'groupBy' || !isAlias(text)) read(scope, text);
    } else if (FIRST_ARG_COLUMN.has(link.name) && first) {
      for (const text of strings([first], context)) if (link.name !== 'orderBy' || !isAlias(text)) read(scope, text);
    } else if (WHERE_METHODS.has(link.name) && first) {
      const node = skipWrappers(first);
      if (ts.isObjectLiteralExpression(node)) {
        const rows = rowsOf(node, sourceFile);
        for (const key of rows.keys) read(scope, key);
        bindings.push(...rows.values.filter((v) => parseColumnName(v.key)?.qualifier === null).flatMap((v) => bindingsOf(plainTable, [v], sourceFile)));
      } else {
        const column = context.constantText(node);
        if (column !== null) read(scope, column);
        const value = third ?? second;
        const operator = third ? context.constantText(second!) : '=';
        if (column !== null && value && operator === '=' && parseColumnName(column)?.qualifier === null) {
          bindings.push(bindingOf(plainTable, column, value, sourceFile));
        }
      }
    } else if (JOIN_METHODS.has(link.name)) {
      for (const arg of link.args.slice(1)) {
        const text = context.constantText(arg);
        if (text !== null && text !== '=' && parseColumnName(text)) read(scope, text);
      }
    }
  }

  const facts = builderFacts({
    command,
    target: command === 'select' ? null : table,
    tables: scope.tables,
    columns: uniqueUses(scope.uses),
    insertColumns,
    onConflict: command === 'insert' ? onConflict : null,
    bindings,
  });
  return builderStatement(envelope, facts);
}

const extractor: Extractor = {
  id: 'knex',
  readsDeclarations: true,
  enablers: ['knex'],
  docs: 'https://knexjs.org/guide/query-builder.html',
  extract(_sourceFile, context) {
    return statementsOfChains(context.calls, context.sourceFile, (chain) => statementOf(chain, context));
  },
};

export default extractor;
