// Kysely query builders → neutral facts (raw `` sql`…`.execute(db) `` statements: kysely-sql.ts).
// https://kysely.dev/docs/category/examples (API: https://kysely-org.github.io/kysely-apidoc/)
// `db.insertInto('t').values(v).onConflict((oc) => oc.columns(['a', 'b']).doUpdateSet({…}))` sends
// `on conflict ("a", "b") do update set …`; `oc.where(…)` before the action is the index predicate,
// `.where(…)` after doUpdateSet is the DO UPDATE condition (research/code-checkers.md §2.2). Kysely
// binds every value as a parameter except `null`/booleans after `is`; with the pg dialect a JS array
// reaches PostgreSQL as an array literal.
import { ts } from '../typescript.js';
import type { ColumnUse, ConflictElement, ExtractedStatement, OnConflictFacts, QueryFacts, RelationName, TableRef } from '../facts.js';
import { quoteIdent } from '../../snapshot/identifiers.js';
import { chainOf, chainsOf, chainText, statementsOfChains, returnedChain, skipWrappers, type Chain, type Link } from './builders/chain.js';
import { expressionColumns } from './builders/kysely-expressions.js';
import {
  bindingOf,
  bindingsOf,
  builderFacts,
  builderStatement,
  columnUse,
  conflictElement,
  parseColumnName,
  parseTableName,
  relationsFor,
  unresolvedStatement,
  uniqueUses,
  type Envelope,
} from './builders/facts.js';
import { originOf, packageOf } from './builders/origin.js';
import { kyselySqlStatements } from './kysely-sql.js';
import { kyselyCasingOf, pluginOptions, snakeCase } from './builders/kysely-casing.js';
import { rowsOf } from './builders/rows.js';
import type { ExtractContext, Extractor } from './types.js';

// a Map, not an object literal: a method named toString or constructor must not look like a root
const ROOTS: ReadonlyMap<string, 'select' | 'insert' | 'update' | 'delete'> = new Map([
  ['selectFrom', 'select'],
  ['insertInto', 'insert'],
  ['replaceInto', 'insert'],
  ['updateTable', 'update'],
  ['deleteFrom', 'delete'],
]);
// what may come before the root: WITH clauses, a schema, and plugins and table types, which change no
// name (immich's search builder starts `kysely.withPlugin(joinDeduplicationPlugin).selectFrom('assets')`)
const BEFORE_ROOT = new Set(['with', 'withRecursive', 'withSchema', 'withPlugin', 'withoutPlugins', 'withTables']);
const READ_METHODS = new Set(['select', 'returning', 'orderBy', 'groupBy', 'distinctOn']);
const WHERE_METHODS = new Set(['where', 'orWhere', 'having', 'orHaving']);
const REF_METHODS = new Set(['whereRef', 'orWhereRef', 'havingRef']);
const JOIN_METHODS = new Set(['innerJoin', 'leftJoin', 'rightJoin', 'fullJoin', 'innerJoinLateral', 'leftJoinLateral']);

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
    else {
      const text = context.constantText(node);
      if (text !== null) out.push(text);
    }
  }
  return out;
}

function read(scope: Scope, text: string): void {
  const name = parseColumnName(text);
  if (name?.column) scope.uses.push(columnUse(name.column, relationsFor(name.qualifier, scope.tables), 'read', scope.open && name.qualifier === null));
}

/** `sql\`lower(email)\`` without holes → its text; anything else null. */
function sqlText(expression: ts.Expression | undefined): string | null {
  const node = expression && skipWrappers(expression);
  if (!node || !ts.isTaggedTemplateExpression(node)) return null;
  return ts.isNoSubstitutionTemplateLiteral(node.template) ? node.template.text.trim() : null;
}

/** A value as it appears in the SQL Kysely sends: `null`/booleans inline after `is`, else a parameter. */
function predicateValue(operator: string, value: ts.Expression): string {
  const node = skipWrappers(value);
  const raw = sqlText(node);
  if (raw !== null) return raw;
  if (/^is( not)?$/i.test(operator)) {
    if (node.kind === ts.SyntaxKind.NullKeyword) return 'null';
    if (node.kind === ts.SyntaxKind.TrueKeyword) return 'true';
    if (node.kind === ts.SyntaxKind.FalseKeyword) return 'false';
  }
  return '$1';
}

/** The onConflict callback → target and action; null when any part is not static. */
function conflictOf(callback: ts.Expression | undefined, context: ExtractContext, name: (identifier: string) => string): OnConflictFacts | null {
  const returned = callback ? returnedChain(callback) : null;
  if (!returned || skipWrappers(returned.chain.base).getText(context.sourceFile) !== returned.param) return null;
  const elements: ConflictElement[] = [];
  const predicates: string[] = [];
  let constraint: string | null = null;
  let action: 'nothing' | 'update' | null = null;
  for (const link of returned.chain.links) {
    if (action !== null) break; // what follows the action is the DO UPDATE WHERE
    const [first, second, third] = link.args;
    if (link.name === 'column' || link.name === 'columns') {
      for (const text of first ? strings([first], context) : []) elements.push({ column: name(text) });
      if (!first || strings([first], context).length === 0) return null;
    } else if (link.name === 'constraint') {
      constraint = first ? context.constantText(first) : null;
      if (constraint === null) return null;
      constraint = name(constraint);
    } else if (link.name === 'expression') {
      const text = sqlText(first);
      if (text === null) return null;
      elements.push(conflictElement(text));
    } else if (link.name === 'where' || link.name === 'whereRef') {
      if (!second) {
        const text = sqlText(first);
        if (text === null) return null;
        predicates.push(text);
        continue;
      }
      const column = first ? context.constantText(first) : null;
      const operator = context.constantText(second);
      if (column === null || operator === null || !third) return null;
      const right = link.name === 'whereRef' ? context.constantText(third) : predicateValue(operator, third);
      if (right === null) return null;
      predicates.push(`${quoteIdent(name(column))} ${operator} ${link.name === 'whereRef' ? quoteIdent(name(right)) : right}`);
    } else if (link.name === 'doNothing') action = 'nothing';
    else if (link.name === 'doUpdateSet') action = 'update';
    else return null;
  }
  if (action === null) return null;
  if (constraint !== null) return { target: { kind: 'constraint', name: constraint }, action };
  if (elements.length === 0) return { target: null, action };
  return { target: { kind: 'inference', elements, where: predicates.length === 0 ? null : predicates.join(' and ') }, action };
}

/**
 * The columns an upsert's `doUpdateSet` names: the keys it sets, from an object or a callback returning
 * one (`(eb) => ({ path: eb.ref('excluded.path') })`, also as the first argument of a helper that drops
 * keys, immich's `removeUndefinedKeys({…}, value)`), and the columns its expression builder refers to.
 * Before, none were read (immich: 2 dropped columns missed).
 */
function updateSetColumns(callback: ts.Expression | undefined, context: ExtractContext): { keys: readonly string[]; refs: readonly string[] } {
  const returned = callback ? returnedChain(callback) : null;
  const update = returned?.chain.links.find((l) => l.name === 'doUpdateSet');
  const argument = update?.args[0] && skipWrappers(update.args[0]);
  if (!argument) return { keys: [], refs: [] };
  let row: ts.Expression = argument;
  if (ts.isArrowFunction(argument) || ts.isFunctionExpression(argument)) {
    const body = ts.isBlock(argument.body) ? argument.body.statements.find(ts.isReturnStatement)?.expression : argument.body;
    row = body ? skipWrappers(body) : argument;
    if (ts.isCallExpression(row) && row.arguments[0] && ts.isObjectLiteralExpression(skipWrappers(row.arguments[0]))) row = skipWrappers(row.arguments[0]);
  }
  const keys = ts.isObjectLiteralExpression(row) ? rowsOf(row, context.sourceFile).keys : [];
  return { keys, refs: expressionColumns(argument, context.constantText, isSubquery, false) ?? [] };
}

/**
 * Names the select list gives its outputs: `'t.id as id'` and `….as('month')` anywhere inside a select or
 * returning argument (nested subqueries' aliases too: a superset only leaves more names unchecked).
 * null when a select argument is neither a string, an array of them nor a callback or expression we can
 * read (`select(columns)`): its aliases are unknown.
 */
function outputAliases(links: readonly Chain['links'][number][], context: ExtractContext): Set<string> | null {
  const aliases = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'as' && node.arguments[0]) {
      const alias = context.constantText(node.arguments[0]);
      if (alias !== null) aliases.add(alias);
    }
    if (ts.isStringLiteralLike(node)) {
      const alias = / as\s+(\S+)$/i.exec(node.text.trim());
      if (alias) aliases.add(alias[1]!);
    }
    ts.forEachChild(node, visit);
  };
  for (const link of links) {
    if (link.name !== 'select' && link.name !== 'returning') continue;
    for (const arg of link.args) {
      const node = skipWrappers(arg);
      if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
        const text = context.constantText(node);
        if (text === null) return null;
        const alias = / as\s+(\S+)$/i.exec(text.trim());
        if (alias) aliases.add(alias[1]!);
        continue;
      }
      visit(node);
    }
  }
  return aliases;
}

// ORDER BY, GROUP BY and DISTINCT ON may name an output column of the select list instead of a table's
const OUTPUT_NAME_METHODS = new Set(['orderBy', 'groupBy', 'distinctOn']);

/**
 * `$if(cond, (qb) => qb.where(…))` and `$call((qb) => qb.where(…))` add the callback's links to the
 * query (whether the condition holds is a run-time matter: every column they name must exist).
 */
function inlinedLinks(links: readonly Link[]): Link[] {
  const out: Link[] = [];
  for (const link of links) {
    const callback = link.name === '$if' ? link.args[1] : link.name === '$call' ? link.args[0] : undefined;
    const returned = callback ? returnedChain(callback) : null;
    const base = returned && skipWrappers(returned.chain.base);
    if (returned && base && ts.isIdentifier(base) && base.text === returned.param) out.push(...inlinedLinks(returned.chain.links));
    else out.push(link);
  }
  return out;
}

/** A call whose chain is a query of its own (a subquery inside a callback). */
function isSubquery(call: ts.CallExpression): boolean {
  return chainOf(call).links.some((l) => ROOTS.has(l.name));
}

/** How a JS array parameter reaches PostgreSQL: through postgres.js (kysely-postgres-js) typed by the server. */
function arrayEncodingOf(context: ExtractContext): 'server-typed' | 'array-literal' {
  return context.dependencies.has('postgres') && !context.dependencies.has('pg') ? 'server-typed' : 'array-literal';
}

/** `'recent'` or `'recent(id, name)'` → `recent` */
function cteName(argument: ts.Expression, context: ExtractContext): string | null {
  return context.constantText(argument)?.split('(')[0]?.trim() ?? null;
}

/** Where the CTEs of a query are visible: inside the arguments of its later links. */
interface CteScope {
  readonly pos: number;
  readonly end: number;
  readonly names: readonly string[];
}

/**
 * The places inside a file's queries that see their WITH names: a query inside a callback of another
 * (`.with('cte', …).with('agg', (qb) => qb.selectFrom('cte'))`, `.with('u', …).selectFrom('d')
 * .where(({ exists }) => exists((eb) => eb.selectFrom('u')))`) may read them (immich: 4 false
 * unknown-tables). A CTE is not visible inside its own definition unless it is recursive. Built top-down
 * from the chains (the syntax trees have no parent links).
 */
function cteScopes(chains: readonly Chain[], context: ExtractContext): CteScope[] {
  const scopes: CteScope[] = [];
  for (const chain of chains) {
    const names: string[] = [];
    for (const link of chain.links) {
      const isWith = link.name === 'with' || link.name === 'withRecursive';
      const name = isWith && link.args[0] ? cteName(link.args[0], context) : null;
      if (name !== null && link.name === 'withRecursive') names.push(name);
      if (names.length > 0) for (const arg of link.args) scopes.push({ pos: arg.pos, end: arg.end, names: [...names] });
      if (name !== null && link.name === 'with') names.push(name);
    }
  }
  return scopes;
}

function enclosingCteNames(call: ts.CallExpression, scopes: readonly CteScope[]): string[] {
  if (call.pos < 0) return []; // a continued chain (continuation.ts) may start from a synthesized call
  return scopes.filter((s) => s.pos <= call.pos && call.end <= s.end).flatMap((s) => s.names);
}

function statementOf(chain: Chain, context: ExtractContext, scopes: readonly CteScope[]): ExtractedStatement | null {
  const links = inlinedLinks(chain.links);
  const rootIndex = links.findIndex((l) => ROOTS.has(l.name));
  if (rootIndex < 0) return null;
  const before = links.slice(0, rootIndex);
  if (!before.every((l) => BEFORE_ROOT.has(l.name))) return null;
  const origin = originOf(context.sourceFile, chain.base);
  const library = packageOf(origin);
  if (library !== null && library !== 'kysely') return null;
  const encoding = arrayEncodingOf(context);
  const envelope: Envelope = { library: 'kysely', arrayEncoding: encoding, location: context.location(chain.outer), text: chainText(chain, context.sourceFile) };
  const schemaLink = before.find((l) => l.name === 'withSchema');
  const schema = schemaLink?.args[0] ? context.constantText(schemaLink.args[0]) : null;
  if (schemaLink && schema === null) return unresolvedStatement(envelope, 'schema name computed at run time');
  const casing = casingOf(before, context);
  if (casing === 'unknown') return unresolvedStatement(envelope, 'CamelCasePlugin options computed at run time');
  const name = casing === null ? (identifier: string): string => identifier : (identifier: string): string => snakeCase(identifier, casing);
  const root = links[rootIndex]!;
  const command = ROOTS.get(root.name)!;
  const rootArg = root.args[0] && skipWrappers(root.args[0]);
  const tableTexts = rootArg && ts.isArrayLiteralExpression(rootArg) ? rootArg.elements.map((e) => context.constantText(e)) : [rootArg ? context.constantText(rootArg) : null];
  if (tableTexts.some((t) => t === null)) {
    const isSubquery = rootArg && (ts.isCallExpression(rootArg) || ts.isArrowFunction(rootArg));
    return isSubquery ? null : unresolvedStatement(envelope, 'table name computed at run time');
  }
  const parsed = tableTexts.map((t) => parseTableName(t!, schema));
  if (parsed.some((t) => t === null)) return null;
  // names a WITH clause defines are not tables, here or in an enclosing query
  const ownCtes = before.filter((l) => l.name === 'with' || l.name === 'withRecursive').map((l) => (l.args[0] ? cteName(l.args[0], context) : null));
  const ctes = new Set([...ownCtes, ...enclosingCteNames(chain.outer, scopes)]);
  const tables = (parsed as TableRef[]).filter((t) => !ctes.has(t.name));
  const target = parsed[0]!;
  const scope: Scope = { tables, uses: [], open: ownCtes.length > 0 || tables.length < parsed.length };
  const plainTarget = { schema: target.schema, name: target.name };
  for (const link of links.slice(rootIndex + 1)) {
    if (!JOIN_METHODS.has(link.name) || !link.args[0]) continue;
    const joined = context.constantText(link.args[0]);
    const ref = joined === null ? null : parseTableName(joined, schema);
    if (ref && !ctes.has(ref.name)) scope.tables.push(ref);
    else scope.open = true;
  }

  let insertColumns: string[] | null = null;
  let onConflict: OnConflictFacts | null = null;
  const bindings: ReturnType<typeof bindingsOf> = [];
  const aliases = outputAliases(links.slice(rootIndex + 1), context);
  const sourceFile = context.sourceFile;
  for (const link of links.slice(rootIndex + 1)) {
    const [first, second, third] = link.args;
    const setColumn = link.name === 'set' && first && second ? context.constantText(first) : null;
    if (setColumn !== null) {
      scope.uses.push(columnUse(setColumn, [plainTarget], 'write'));
      bindings.push(bindingOf(plainTarget, setColumn, second!, sourceFile));
    } else if (link.name === 'values' || link.name === 'set') {
      const rows = rowsOf(first, sourceFile);
      for (const key of rows.keys) scope.uses.push(columnUse(key, [plainTarget], 'write'));
      bindings.push(...bindingsOf(plainTarget, rows.values, sourceFile));
      if (link.name === 'values' && rows.complete) insertColumns = [...rows.keys];
    } else if (link.name === 'columns' && command === 'insert') {
      insertColumns = strings(link.args, context);
      for (const key of insertColumns) scope.uses.push(columnUse(key, [plainTarget], 'write'));
    } else if (link.name === 'onConflict') {
      onConflict = conflictOf(first, context, name);
      const updated = updateSetColumns(first, context);
      for (const key of updated.keys) scope.uses.push(columnUse(key, [plainTarget], 'write'));
      for (const text of updated.refs) {
        // `excluded.x` is the row proposed for insertion: a column of the target
        const name = parseColumnName(text);
        if (name?.column && name.qualifier === 'excluded') scope.uses.push(columnUse(name.column, [plainTarget], 'read'));
        else read(scope, text);
      }
    } else if ((WHERE_METHODS.has(link.name) && first && !second) || link.name === 'select' || link.name === 'returning') {
      // expression-builder callbacks: `.where((eb) => eb.or([…]))`, `.select((eb) => ['id', eb.fn.count('id').as('n')])`
      for (const arg of link.args) {
        const columns = expressionColumns(arg, context.constantText, isSubquery, link.name === 'select' || link.name === 'returning');
        for (const text of columns ?? (WHERE_METHODS.has(link.name) ? [] : strings([arg], context))) read(scope, text);
      }
    } else if (READ_METHODS.has(link.name)) {
      for (const text of strings(link.name === 'orderBy' ? link.args.slice(0, 1) : link.args, context)) {
        const outputName = OUTPUT_NAME_METHODS.has(link.name) && parseColumnName(text)?.qualifier === null;
        if (outputName && (aliases === null || aliases.has(parseColumnName(text)!.column!))) continue;
        read(scope, text);
      }
    } else if (WHERE_METHODS.has(link.name) && first && second) {
      const column = context.constantText(first);
      if (column !== null) read(scope, column);
      const operator = context.constantText(second);
      if (column !== null && third && operator === '=' && parseColumnName(column)?.qualifier === null) {
        bindings.push(bindingOf(plainTarget, column, third, sourceFile));
      }
    } else if (REF_METHODS.has(link.name)) {
      for (const arg of [first, third]) {
        const text = arg ? context.constantText(arg) : null;
        if (text !== null) read(scope, text);
      }
    } else if (JOIN_METHODS.has(link.name)) {
      for (const arg of link.args.slice(1)) {
        const text = context.constantText(arg);
        if (text !== null) read(scope, text);
      }
    }
  }
  const facts = builderFacts({
    command,
    target: command === 'select' ? null : target,
    tables: scope.tables,
    columns: uniqueUses(scope.uses),
    insertColumns,
    onConflict: command === 'insert' ? onConflict : null,
    bindings,
  });
  return builderStatement(envelope, casing === null ? facts : renamed(facts, name));
}

/**
 * The CamelCasePlugin a query goes through: `.withPlugin(new CamelCasePlugin())` before its root, none
 * after `.withoutPlugins()`, else the one its package builds its Kysely instance with (kysely-casing.ts).
 */
function casingOf(before: readonly Link[], context: ExtractContext): ReturnType<typeof kyselyCasingOf> {
  for (let i = before.length - 1; i >= 0; i--) {
    const link = before[i]!;
    if (link.name === 'withoutPlugins') return null;
    const plugin = link.name === 'withPlugin' && link.args[0] ? skipWrappers(link.args[0]) : null;
    if (plugin && ts.isNewExpression(plugin) && ts.isIdentifier(plugin.expression) && plugin.expression.text === 'CamelCasePlugin') return pluginOptions(plugin);
  }
  return kyselyCasingOf(context.sourceFile.fileName);
}

/** Every identifier of the facts as the plugin sends it (SQL text a `sql` fragment gives stays as written). */
function renamed(facts: QueryFacts, name: (identifier: string) => string): QueryFacts {
  const relation = (r: RelationName): RelationName => ({ schema: r.schema === null ? null : name(r.schema), name: name(r.name) });
  const table = (t: TableRef): TableRef => ({ ...t, ...relation(t), alias: t.alias === null ? null : name(t.alias) });
  return {
    ...facts,
    target: facts.target && table(facts.target),
    tables: facts.tables.map(table),
    columns: facts.columns.map((c) => ({ ...c, column: name(c.column), relations: c.relations.map(relation) })),
    insertColumns: facts.insertColumns && facts.insertColumns.map(name),
    bindings: facts.bindings.map((b) => ({ ...b, relation: relation(b.relation), column: name(b.column) })),
  };
}

const extractor: Extractor = {
  id: 'kysely',
  readsDeclarations: true,
  enablers: ['kysely'],
  docs: 'https://kysely.dev/docs/category/examples',
  extract(_sourceFile, context) {
    const scopes = cteScopes(chainsOf(context.calls), context);
    const built = statementsOfChains(context.calls, context.sourceFile, (chain) => statementOf(chain, context, scopes));
    const raw = kyselySqlStatements(context, arrayEncodingOf(context));
    return raw.length === 0 ? built : [...built, ...raw];
  },
};

export default extractor;
