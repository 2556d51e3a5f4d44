// supabase-js / postgrest-js query builders → neutral facts.
// https://supabase.com/docs/reference/javascript/select (call shapes; requests PostgREST turns into
// SQL: research/code-checkers.md §2.1). `.upsert(rows, { onConflict: 'a,b' })` becomes
// `INSERT … ON CONFLICT ("a", "b") DO UPDATE`, without onConflict the primary key is the target, and
// PostgREST cannot send an index predicate. Only chains on a real supabase client count: created by
// createClient / createServerClient / createBrowserClient, or declared as SupabaseClient.
import { ts } from '../typescript.js';
import type { ColumnUse, ExtractedStatement, OnConflictFacts, RelationName, TableRef } from '../facts.js';
import { chainText, skipWrappers, statementsOfChains, type Chain, type Link } from './builders/chain.js';
import { builderFacts, builderStatement, bindingsOf, columnUse, unresolvedStatement, uniqueUses, type Envelope } from './builders/facts.js';
import { isCallOfImport, isTypedAs, originOf, packageOf, type Origin } from './builders/origin.js';
import { baseColumn, logicFilterColumns, parseSelect, type SelectItem } from './builders/postgrest-select.js';
import { propertyOf, rowsOf } from './builders/rows.js';
import type { ExtractContext, Extractor } from './types.js';

const CLIENT_FACTORIES: readonly (readonly [module: string, names: readonly string[]])[] = [
  ['@supabase/supabase-js', ['createClient']],
  ['@supabase/ssr', ['createServerClient', 'createBrowserClient']],
  [
    '@supabase/auth-helpers-nextjs',
    ['createClientComponentClient', 'createServerComponentClient', 'createRouteHandlerClient', 'createServerActionClient', 'createMiddlewareClient', 'createPagesBrowserClient', 'createPagesServerClient'],
  ],
  ['@supabase/postgrest-js', ['PostgrestClient']],
];
const CLIENT_TYPES: readonly (readonly [module: string, names: readonly string[]])[] = [
  ['@supabase/supabase-js', ['SupabaseClient']],
  ['@supabase/postgrest-js', ['PostgrestClient']],
];

/** The client a chain starts from, if it is a supabase client: with its `db.schema` option. */
function clientOf(origin: Origin, context: ExtractContext): { schema: string | null } | null {
  if (CLIENT_TYPES.some(([module, names]) => isTypedAs(origin, [module], names))) return { schema: null };
  if (origin.kind !== 'call' || !CLIENT_FACTORIES.some(([module, names]) => isCallOfImport(origin, [module], names))) return null;
  return { schema: optionSchema(origin.node, origin.sourceFile === context.sourceFile ? context : null) };
}

/**
 * A receiver the code names as a Supabase client (`supabase`, `supabaseAdmin`, `ctx.supabase`,
 * `io.supabase.client`) whose origin cannot be traced: frameworks hand the client over in a context
 * object (next-safe-action's `ctx`, trigger.dev's `io`) that only the type checker could follow. Taken
 * as a client (in a project that depends on supabase-js, with a PostgREST-shaped chain after it) unless
 * the origin leads to another package; its schema is then unknown, so table names are unqualified.
 */
function namedSupabase(receiver: ts.Expression): boolean {
  // the names from the last one back: `io.supabase.client` → client, supabase, io
  const names: string[] = [];
  let node = skipWrappers(receiver);
  while (ts.isPropertyAccessExpression(node)) {
    names.push(node.name.text);
    node = skipWrappers(node.expression);
  }
  if (ts.isIdentifier(node)) names.push(node.text);
  else if (node.kind !== ts.SyntaxKind.ThisKeyword) return false;
  // `supabase.storage.from('avatars')` is a bucket, not a table
  if (names.some((n) => NOT_POSTGREST.has(n))) return false;
  const last = names[0];
  if (last === undefined) return false;
  return /supabase/i.test(last) || (/^(client|db)$/.test(last) && names.some((n) => /supabase/i.test(n)));
}

const NOT_POSTGREST = new Set(['storage', 'auth', 'functions', 'realtime', 'channel']);

/** The origin leads into a package (not the project's own files, nor a supabase package). */
function fromOtherPackage(origin: Origin): boolean {
  const module = packageOf(origin);
  if (module === null || /^(\.|\/|@\/|~\/|#)/.test(module)) return false;
  return !/supabase/i.test(module);
}

/** `createClient(url, key, { db: { schema: 'app' } })` → `app`. */
function optionSchema(node: ts.CallExpression | ts.NewExpression, context: ExtractContext | null): string | null {
  const options = node.arguments?.[node.arguments.length - 1];
  const object = options && skipWrappers(options);
  if (!object || !ts.isObjectLiteralExpression(object)) return null;
  const db = propertyOf(object, 'db');
  const dbObject = db && skipWrappers(db);
  if (!dbObject || !ts.isObjectLiteralExpression(dbObject)) return null;
  const schema = propertyOf(dbObject, 'schema');
  if (!schema) return null;
  const node2 = skipWrappers(schema);
  if (ts.isStringLiteralLike(node2)) return node2.text;
  return context?.constantText(schema) ?? null;
}


const OPERATIONS = new Set(['select', 'insert', 'upsert', 'update', 'delete']);
/** Filters and modifiers whose first argument is a column. */
const COLUMN_FILTERS = new Set([
  'eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'likeAllOf', 'likeAnyOf', 'ilikeAllOf', 'ilikeAnyOf',
  'regexMatch', 'regexIMatch', 'is', 'isDistinct', 'in', 'notIn', 'contains', 'containedBy', 'overlaps',
  'rangeGt', 'rangeGte', 'rangeLt', 'rangeLte', 'rangeAdjacent', 'textSearch', 'not', 'filter', 'order',
]);

interface Scope {
  readonly target: TableRef;
  readonly tables: TableRef[];
  readonly uses: ColumnUse[];
}

function plain(ref: TableRef): RelationName {
  return { schema: ref.schema, name: ref.name };
}

/** Columns and embedded relations of a select string, attributed to `relation`. */
function addSelect(items: readonly SelectItem[], relation: TableRef, scope: Scope): void {
  for (const item of items) {
    if (item.kind === 'column') scope.uses.push(columnUse(item.name, [plain(relation)], 'read'));
    if (item.kind === 'embed') {
      const embedded: TableRef = { schema: relation.schema, name: item.relation, alias: item.alias, embeddedIn: plain(relation) };
      scope.tables.push(embedded);
      addSelect(item.items, embedded, scope);
    }
  }
}

/** `rel.col` names a column of an embedded relation (by alias or name); anything else the target. */
function filterColumn(field: string, scope: Scope, referenced: string | null): ColumnUse | null {
  const embeddedBy = (name: string): TableRef | undefined =>
    scope.tables.find((t) => t.embeddedIn && (t.alias === name || t.name === name));
  let relation: TableRef | undefined = scope.target;
  let name = field;
  if (referenced !== null) relation = embeddedBy(referenced);
  else {
    const dot = field.indexOf('.');
    if (dot > 0 && !field.startsWith('"')) {
      relation = embeddedBy(field.slice(0, dot));
      name = field.slice(dot + 1);
    }
  }
  if (!relation) return null;
  return columnUse(baseColumn(name), [plain(relation)], 'read');
}

function referencedTable(options: ts.Expression | undefined, context: ExtractContext): string | null {
  const object = options && skipWrappers(options);
  if (!object || !ts.isObjectLiteralExpression(object)) return null;
  const value = propertyOf(object, 'referencedTable') ?? propertyOf(object, 'foreignTable');
  return value ? context.constantText(value) : null;
}

function booleanOption(options: ts.ObjectLiteralExpression | null, name: string): boolean | null {
  const value = options && propertyOf(options, name);
  if (!value) return false;
  const node = skipWrappers(value);
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  return null;
}

/** `upsert(rows, { onConflict: 'a, b', ignoreDuplicates })` → the ON CONFLICT PostgREST generates, or null when not static. */
function upsertConflict(options: ts.Expression | undefined, context: ExtractContext): OnConflictFacts | null {
  // `const options = { onConflict: 'a,b' }` declared in this file counts as written inline
  const object = options && skipWrappers(ts.isIdentifier(skipWrappers(options)) ? (context.resolveLocal(options) ?? options) : options);
  const literal = object && ts.isObjectLiteralExpression(object) ? object : null;
  if (object && !literal) return null;
  const ignore = booleanOption(literal, 'ignoreDuplicates');
  if (ignore === null) return null;
  const action = ignore ? 'nothing' : 'update';
  const onConflict = literal && propertyOf(literal, 'onConflict');
  if (!onConflict) return { target: null, action, implicitTarget: 'primary-key' };
  const text = context.constantText(onConflict);
  if (text === null) return null;
  // PostgREST trims each name and quotes it: case-sensitive, no expressions, no predicate
  const elements = text.split(',').map((c) => ({ column: c.trim() })).filter((e) => e.column !== '');
  return { target: { kind: 'inference', elements, where: null }, action };
}

function statementOf(chain: Chain, fromIndex: number, client: { schema: string | null }, context: ExtractContext, envelope: Envelope): ExtractedStatement | null {
  const links = chain.links;
  const schemaLink = fromIndex > 0 && links[fromIndex - 1]!.name === 'schema' ? links[fromIndex - 1] : undefined;
  const schemaText = schemaLink?.args[0] ? context.constantText(schemaLink.args[0]) : null;
  if (schemaLink && schemaText === null) return unresolvedStatement(envelope, 'schema name computed at run time');
  const tableArg = links[fromIndex]!.args[0];
  const table = tableArg ? context.constantText(tableArg) : null;
  if (table === null) return unresolvedStatement(envelope, 'table name computed at run time');
  const target: TableRef = { schema: schemaText ?? client.schema, name: table, alias: null };
  const scope: Scope = { target, tables: [target], uses: [] };
  const rest = links.slice(fromIndex + 1);
  const operation = rest.find((l) => OPERATIONS.has(l.name));
  if (!operation) return null;
  const command = operation.name === 'upsert' ? 'insert' : (operation.name as 'select' | 'insert' | 'update' | 'delete');
  const sourceFile = context.sourceFile;

  let insertColumns: string[] | null = null;
  let insertValueCount: number | null = null;
  let bindings: ReturnType<typeof bindingsOf> = [];
  let onConflict: OnConflictFacts | null = null;
  if (operation.name === 'insert' || operation.name === 'upsert' || operation.name === 'update') {
    const rows = rowsOf(operation.args[0], sourceFile);
    for (const key of rows.keys) scope.uses.push(columnUse(key, [plain(target)], 'write'));
    bindings = bindingsOf(plain(target), rows.values, sourceFile);
    if (operation.name !== 'update' && rows.complete) {
      insertColumns = [...rows.keys];
      insertValueCount = rows.keys.length;
    }
    if (operation.name === 'upsert') onConflict = upsertConflict(operation.args[1], context);
  }
  for (const link of rest) {
    if (link.name === 'select') {
      const text = link.args[0] ? context.constantText(link.args[0]) : '*';
      if (text !== null) addSelect(parseSelect(text), target, scope);
    }
  }
  for (const link of rest) filterUses(link, scope, context);

  const facts = builderFacts({
    command,
    target: command === 'select' ? null : target,
    tables: scope.tables,
    columns: uniqueUses(scope.uses),
    insertColumns,
    insertValueCount,
    onConflict,
    bindings,
  });
  return builderStatement(envelope, facts);
}

/**
 * `rpc('fn', { a, b })`: PostgREST's `POST /rpc/fn`, which finds the function by its name and the
 * argument names (the filters and `select` after it apply to the function's result, not a table).
 */
function rpcStatementOf(chain: Chain, rpcIndex: number, client: { schema: string | null }, context: ExtractContext, envelope: Envelope): ExtractedStatement | null {
  const links = chain.links;
  const schemaLink = rpcIndex > 0 && links[rpcIndex - 1]!.name === 'schema' ? links[rpcIndex - 1] : undefined;
  const schema = schemaLink?.args[0] ? context.constantText(schemaLink.args[0]) : null;
  if (schemaLink && schema === null) return unresolvedStatement(envelope, 'schema name computed at run time');
  const [nameArg, argsArg] = links[rpcIndex]!.args;
  const name = nameArg ? context.constantText(nameArg) : null;
  if (name === null) return unresolvedStatement(envelope, 'function name computed at run time');
  let argumentNames: string[] | null = [];
  if (argsArg) {
    const rows = rowsOf(argsArg, context.sourceFile);
    argumentNames = rows.complete ? [...rows.keys] : null;
  }
  const facts = builderFacts({ command: 'select', functions: [{ schema: schema ?? client.schema, name, argumentNames }] });
  return builderStatement(envelope, facts);
}

function filterUses(link: Link, scope: Scope, context: ExtractContext): void {
  const first = link.args[0];
  if (!first) return;
  if (COLUMN_FILTERS.has(link.name)) {
    const field = context.constantText(first);
    const options = link.name === 'order' ? link.args[1] : link.name === 'textSearch' ? link.args[2] : undefined;
    // `order('category(name)')`: a column of an embedded to-one resource (PostgREST's `order=category(name)`)
    const embedded = link.name === 'order' && field !== null ? /^\s*([^\s().]+)\(([^()]+)\)\s*$/.exec(field) : null;
    const use =
      field === null ? null : embedded ? filterColumn(embedded[2]!.trim(), scope, embedded[1]!) : filterColumn(field, scope, referencedTable(options, context));
    if (use) scope.uses.push(use);
  } else if (link.name === 'or') {
    const text = context.constantText(first);
    const referenced = referencedTable(link.args[1], context);
    for (const column of text === null ? [] : logicFilterColumns(text)) {
      const use = filterColumn(column, scope, referenced);
      if (use) scope.uses.push(use);
    }
  } else if (link.name === 'match') {
    const object = skipWrappers(first);
    if (!ts.isObjectLiteralExpression(object)) return;
    for (const key of rowsOf(object, context.sourceFile).keys) {
      const use = filterColumn(key, scope, null);
      if (use) scope.uses.push(use);
    }
  }
}

function extract(sourceFile: ts.SourceFile, context: ExtractContext): ExtractedStatement[] {
  return statementsOfChains(context.calls, sourceFile, (chain) => {
    const fromIndex = chain.links.findIndex((l) => l.name === 'from' || l.name === 'rpc');
    if (fromIndex < 0) return null;
    const start = fromIndex > 0 && chain.links[fromIndex - 1]!.name === 'schema' ? fromIndex - 1 : fromIndex;
    const receiver = start === 0 ? chain.base : chain.links[start - 1]!.call;
    const origin = originOf(sourceFile, receiver);
    const client = clientOf(origin, context) ?? (!fromOtherPackage(origin) && namedSupabase(receiver) ? { schema: null } : null);
    if (!client) return null;
    const envelope: Envelope = { library: 'supabase-js', arrayEncoding: 'json', encodesJson: true, location: context.location(chain.outer), text: chainText(chain, sourceFile) };
    return chain.links[fromIndex]!.name === 'rpc'
      ? rpcStatementOf(chain, fromIndex, client, context, envelope)
      : statementOf(chain, fromIndex, client, context, envelope);
  });
}

const extractor: Extractor = {
  id: 'supabase-js',
  // @trigger.dev/supabase hands jobs a supabase-js client (`io.supabase.client`)
  readsDeclarations: true,
  enablers: ['@supabase/supabase-js', '@supabase/ssr', '@supabase/postgrest-js', '@supabase/auth-helpers-nextjs', '@trigger.dev/supabase'],
  docs: 'https://supabase.com/docs/reference/javascript/select',
  extract,
};

export default extractor;
