// Drizzle ORM (pg-core) query builders → neutral facts.
// https://orm.drizzle.team/docs/insert#on-conflict-do-update
// `db.insert(clients).values(v).onConflictDoUpdate({ target: [clients.a, clients.b], targetWhere, set })`
// sends `insert into "clients" (<every column of the table object>) values (…, default, …) on
// conflict ("a","b") [where …] do update set …`; `onConflictDoNothing({ target, where })` puts its
// `where` on the target. Column names come from the pgTable declarations, resolved across imports
// (builders/drizzle-schema.ts). Drizzle encodes json/jsonb values itself.
import { ts } from '../typescript.js';
import type { ColumnUse, ConflictElement, ExtractedStatement, OnConflictFacts, RelationName, TableRef } from '../facts.js';
import { chainText, statementsOfChains, skipWrappers, type Chain, type Link } from './builders/chain.js';
import { declarationsOf } from './builders/declarations.js';
import { conditionSql, drizzleTableOf, relationalTable, tableResolver, type Casing, type DrizzleTable, type TableResolver } from './builders/drizzle-schema.js';
import { bindingsOf, builderFacts, builderStatement, columnUse, unresolvedStatement, uniqueUses, type Envelope } from './builders/facts.js';
import { isCallOfImport, isTypedAs, nameOriginAt, originOf, packageOf, type Origin } from './builders/origin.js';
import { propertyOf, rowsOf } from './builders/rows.js';
import { drizzleSqlStatements } from './drizzle-sql.js';
import type { ExtractContext, Extractor } from './types.js';

const DRIZZLE_MODULES = [
  'drizzle-orm/node-postgres', 'drizzle-orm/postgres-js', 'drizzle-orm/neon-http', 'drizzle-orm/neon-serverless',
  'drizzle-orm/vercel-postgres', 'drizzle-orm/pglite', 'drizzle-orm/pg-proxy', 'drizzle-orm/aws-data-api/pg', 'drizzle-orm/xata-http',
];
const DRIZZLE_TYPES = ['NodePgDatabase', 'PostgresJsDatabase', 'PgDatabase', 'NeonHttpDatabase', 'NeonDatabase', 'PgliteDatabase', 'PgTransaction'];

/** `drizzle(url, { casing: 'snake_case' })` / `drizzle({ connection, casing })` → the casing. */
function casingOf(origin: Origin): Casing {
  if (origin.kind === 'callback') return casingOf(origin.receiver);
  if (origin.kind !== 'call' || !isDrizzle(origin)) return null;
  for (const arg of origin.node.arguments ?? []) {
    const object = skipWrappers(arg);
    const value = ts.isObjectLiteralExpression(object) ? propertyOf(object, 'casing') : null;
    const node = value && skipWrappers(value);
    if (node && ts.isStringLiteralLike(node) && (node.text === 'snake_case' || node.text === 'camelCase')) return node.text;
  }
  return null;
}

function isDrizzle(origin: Origin): boolean {
  if (isCallOfImport(origin, DRIZZLE_MODULES, ['drizzle'])) return true;
  if (isTypedAs(origin, [...DRIZZLE_MODULES, 'drizzle-orm/pg-core'], DRIZZLE_TYPES)) return true;
  return origin.kind === 'callback' && origin.method === 'transaction' && isDrizzle(origin.receiver);
}

// a Map, not an object literal: a method named toString or constructor must not look like a root
const ROOTS: ReadonlyMap<string, 'insert' | 'update' | 'delete' | 'select'> = new Map([
  ['insert', 'insert'],
  ['update', 'update'],
  ['delete', 'delete'],
  ['from', 'select'],
]);
const JOINS = new Set(['innerJoin', 'leftJoin', 'rightJoin', 'fullJoin', 'crossJoin', 'innerJoinLateral', 'leftJoinLateral']);
const SELECTS = new Set(['select', 'selectDistinct', 'selectDistinctOn']);

function ref(table: DrizzleTable): TableRef {
  return { schema: table.schema, name: table.name, alias: null };
}

function plain(table: DrizzleTable): RelationName {
  return { schema: table.schema, name: table.name };
}

/**
 * Every `table.column` inside an expression, as read uses; `param` names a callback parameter that
 * stands for a table (`(users, { eq }) => eq(users.id, 1)` in a relational query).
 */
function collectUses(node: ts.Node, resolver: TableResolver, into: ColumnUse[], param?: { readonly name: string; readonly table: DrizzleTable }): void {
  if (ts.isPropertyAccessExpression(node)) {
    if (param && ts.isIdentifier(node.expression) && node.expression.text === param.name) {
      const column = param.table.columns.get(node.name.text);
      if (column) into.push(columnUse(column.name, [plain(param.table)], 'read'));
      return;
    }
    const found = resolver.column(node);
    if (found) {
      into.push(columnUse(found.column, [plain(found.table)], 'read'));
      return;
    }
  }
  ts.forEachChild(node, (child) => collectUses(child, resolver, into, param));
}

function allColumns(table: DrizzleTable, access: 'read' | 'write'): ColumnUse[] {
  return [...table.columns.values()].map((c) => columnUse(c.name, [plain(table)], access));
}

function targetElements(target: ts.Expression, resolver: TableResolver): ConflictElement[] | null {
  const node = skipWrappers(target);
  const items = ts.isArrayLiteralExpression(node) ? [...node.elements] : [node];
  const elements: ConflictElement[] = [];
  for (const item of items) {
    const found = resolver.column(item);
    if (!found) return null;
    elements.push({ column: found.column });
  }
  return elements;
}

function conflictOf(link: Link, resolver: TableResolver, uses: ColumnUse[], table: DrizzleTable): OnConflictFacts | null {
  const action = link.name === 'onConflictDoUpdate' ? 'update' : 'nothing';
  const options = link.args[0] && skipWrappers(link.args[0]);
  if (!options) return action === 'nothing' ? { target: null, action } : null;
  if (!ts.isObjectLiteralExpression(options)) return null;
  const set = propertyOf(options, 'set');
  if (set) {
    const rows = rowsOf(set, resolver.sourceFile);
    for (const key of rows.keys) {
      const column = table.columns.get(key);
      if (column) uses.push(columnUse(column.name, [plain(table)], 'write'));
    }
  }
  const target = propertyOf(options, 'target');
  if (!target) return action === 'nothing' ? { target: null, action } : null;
  const elements = targetElements(target, resolver);
  if (!elements) return null;
  // DoNothing's `where` is the target's; DoUpdate's `where` is the (deprecated) DO UPDATE WHERE
  const predicate = propertyOf(options, action === 'nothing' ? 'where' : 'targetWhere');
  const where = predicate ? conditionSql(predicate, resolver) : null;
  if (predicate && where === null) return null;
  return { target: { kind: 'inference', elements, where }, action };
}

const RELATIONAL = new Set(['findMany', 'findFirst']);

/**
 * `db.query.users.findMany({ columns: { id: true }, where: eq(users.id, id) })`, Drizzle's relational
 * queries (https://orm.drizzle.team/docs/rqb): the listed columns (`true`), or every column of the table
 * but those set `false`, and the columns its `where` and `orderBy` name (also through the callback form
 * `(users, { eq }) => eq(users.id, id)`). `with` (relations) is not read. The table is the `drizzle(…)`
 * call's `schema` entry for the key; when `db` comes from a framework's context (tRPC, Hono) that only the
 * type checker could follow, and leads to no other package, the key's own name when it is a pgTable in
 * this file (Mail-0/Zero names its relational keys after its table exports).
 */
function relationalStatementOf(chain: Chain, context: ExtractContext, resolverFor: (casing: Casing) => TableResolver): ExtractedStatement | null {
  const [link] = chain.links;
  const base = skipWrappers(chain.base);
  if (!link || chain.links.length !== 1 || !RELATIONAL.has(link.name) || !ts.isPropertyAccessExpression(base)) return null;
  const query = skipWrappers(base.expression);
  if (!ts.isPropertyAccessExpression(query) || query.name.text !== 'query') return null;
  const key = base.name.text;
  const db = originOf(context.sourceFile, query.expression);
  const envelope: Envelope = { library: 'drizzle', arrayEncoding: 'json', location: context.location(chain.outer), text: chainText(chain, context.sourceFile) };
  let table: DrizzleTable | null;
  let casing: Casing = null;
  if (isDrizzle(db)) {
    casing = casingOf(db);
    // `tx.query.users…` inside db.transaction((tx) => …): the db's own drizzle() call
    let call: Origin = db;
    while (call.kind === 'callback') call = call.receiver;
    table = relationalTable(call, key, casing);
    if (!table) return unresolvedStatement(envelope, 'relational query on a table not resolved statically');
  } else {
    if (packageOf(db) !== null) return null;
    table = drizzleTableOf(nameOriginAt(declarationsOf(context.sourceFile), key, chain.outer.pos));
    if (!table) return null;
  }
  const resolver = resolverFor(casing);
  const uses: ColumnUse[] = [];
  const options = link.args[0] && skipWrappers(link.args[0]);
  const object = options && ts.isObjectLiteralExpression(options) ? options : null;
  const columns = object && propertyOf(object, 'columns');
  const listedNode = columns && skipWrappers(columns);
  const listed = listedNode && ts.isObjectLiteralExpression(listedNode) ? listedNode : null;
  const chosen = new Map<string, boolean>();
  for (const property of listed?.properties ?? []) {
    if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name)) continue;
    const value = skipWrappers(property.initializer).kind;
    if (value === ts.SyntaxKind.TrueKeyword) chosen.set(property.name.text, true);
    else if (value === ts.SyntaxKind.FalseKeyword) chosen.set(property.name.text, false);
  }
  const anyTrue = [...chosen.values()].some(Boolean);
  for (const [property, column] of table.columns) {
    const picked = anyTrue ? chosen.get(property) === true : chosen.get(property) !== false;
    if (picked) uses.push(columnUse(column.name, [plain(table)], 'read'));
  }
  for (const name of ['where', 'orderBy']) {
    const value = object && propertyOf(object, name);
    if (!value) continue;
    const fn = skipWrappers(value);
    // the callback form names the table by its first parameter
    const first = ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) ? fn.parameters[0] : undefined;
    collectUses(fn, resolver, uses, first && ts.isIdentifier(first.name) ? { name: first.name.text, table } : undefined);
  }
  return builderStatement(envelope, builderFacts({ command: 'select', target: null, tables: [ref(table)], columns: uniqueUses(uses) }));
}

function statementOf(chain: Chain, context: ExtractContext, resolverFor: (casing: Casing) => TableResolver): ExtractedStatement | null {
  const relational = relationalStatementOf(chain, context, resolverFor);
  if (relational) return relational;
  const links = chain.links;
  const rootIndex = links.findIndex((l) => ROOTS.has(l.name));
  if (rootIndex < 0) return null;
  const root = links[rootIndex]!;
  const command = ROOTS.get(root.name)!;
  if (command === 'select' ? !links.slice(0, rootIndex).some((l) => SELECTS.has(l.name)) : rootIndex !== 0) return null;
  const tableArg = root.args[0];
  if (!tableArg || ts.isStringLiteralLike(skipWrappers(tableArg))) return null;
  const base = originOf(context.sourceFile, chain.base);
  const resolver = resolverFor(casingOf(base));
  const table = resolver.table(tableArg);
  const envelope: Envelope = { library: 'drizzle', arrayEncoding: 'json', location: context.location(chain.outer), text: chainText(chain, context.sourceFile) };
  if (!table) {
    const node = skipWrappers(tableArg);
    if (ts.isCallExpression(node)) return null; // a subquery or alias() call
    return isDrizzle(base) ? unresolvedStatement(envelope, 'table object not resolved statically') : null;
  }
  const tables: TableRef[] = [ref(table)];
  const uses: ColumnUse[] = [];
  let insertColumns: string[] | null = null;
  let onConflict: OnConflictFacts | null = null;
  const bindings: ReturnType<typeof bindingsOf> = [];
  const sourceFile = context.sourceFile;
  const columnOf = (key: string): string | null => table.columns.get(key)?.name ?? null;
  let selectsAll = false;
  const joinedTables: DrizzleTable[] = [];

  for (const [index, link] of links.entries()) {
    if (index === rootIndex) continue;
    if (link.name === 'values' || link.name === 'set') {
      const rows = rowsOf(link.args[0], sourceFile);
      const known = rows.keys.filter((k) => table.columns.has(k));
      for (const key of known) uses.push(columnUse(columnOf(key)!, [plain(table)], 'write'));
      // a json()/jsonb() column's value is JSON.stringify'd by Drizzle whatever the driver
      const encoded = new Set([...table.columns.values()].filter((c) => c.encodesJson).map((c) => c.name));
      bindings.push(...bindingsOf(plain(table), rows.values, sourceFile, columnOf).map((b) => (encoded.has(b.column) ? { ...b, encodedAsJson: true as const } : b)));
      if (link.name === 'values' && rows.complete && (table.complete || known.length === rows.keys.length)) {
        const filled = [...table.columns.values()].filter((c) => c.runtimeDefault).map((c) => c.name);
        insertColumns = [...new Set([...known.map((k) => columnOf(k)!), ...filled])];
      }
    } else if (link.name === 'onConflictDoUpdate' || link.name === 'onConflictDoNothing') {
      onConflict = conflictOf(link, resolver, uses, table);
    } else if (JOINS.has(link.name) && link.args[0]) {
      const joined = resolver.table(link.args[0]);
      if (joined) {
        tables.push(ref(joined));
        joinedTables.push(joined);
      }
      for (const arg of link.args.slice(1)) collectUses(arg, resolver, uses);
    } else if (SELECTS.has(link.name) && index < rootIndex) {
      if (link.args.length === 0) selectsAll = true;
      for (const arg of link.args) collectUses(arg, resolver, uses);
    } else if (link.name === 'returning' && link.args.length === 0) {
      uses.push(...allColumns(table, 'read'));
    } else {
      for (const arg of link.args) collectUses(arg, resolver, uses);
    }
  }
  // Drizzle names every column of the table object: INSERT lists them all (DEFAULT for the
  // missing), select() without fields selects them all, from each joined table too
  if (command === 'insert') uses.push(...allColumns(table, 'write'));
  if (selectsAll) for (const t of [table, ...joinedTables]) uses.push(...allColumns(t, 'read'));
  const facts = builderFacts({
    command,
    target: command === 'select' ? null : ref(table),
    tables,
    columns: uniqueUses(uses),
    insertColumns,
    onConflict: command === 'insert' ? onConflict : null,
    bindings,
  });
  return builderStatement(envelope, facts);
}

const extractor: Extractor = {
  id: 'drizzle',
  readsDeclarations: true,
  enablers: ['drizzle-orm'],
  docs: 'https://orm.drizzle.team/docs/insert#on-conflict-do-update',
  extract(sourceFile, context) {
    const resolvers = new Map<Casing, TableResolver>();
    const resolverFor = (casing: Casing): TableResolver => {
      if (!resolvers.has(casing)) resolvers.set(casing, tableResolver(sourceFile, casing));
      return resolvers.get(casing)!;
    };
    const chains = statementsOfChains(context.calls, context.sourceFile, (chain) => statementOf(chain, context, resolverFor));
    const raw = drizzleSqlStatements(context, (db) => resolverFor(casingOf(originOf(sourceFile, db))));
    return raw.length === 0 ? chains : [...chains, ...raw];
  },
};

export default extractor;
