// Drizzle table objects: `pgTable('clients', { yclientsId: integer('yclients_id').notNull(), … })`
// (or `pgSchema('crm').table(…)`, or the `(t) => ({ id: t.integer() })` form), found wherever the
// code's `clients` comes from (usually schema.ts), and what their properties are called in SQL.
// https://orm.drizzle.team/docs/sql-schema-declaration
import { ts } from '../../typescript.js';
import { skipWrappers, chainOf, type Chain } from './chain.js';
import { declarationsOf, lookup, lookupTypeAlias, returnedExpressions, type Declaration, type FileDeclarations, type ImportFrom } from './declarations.js';
import { parseFile, resolveModule } from './modules.js';
import { exportedOrigin, originIn, type Origin } from './origin.js';
import { propertyOf } from './rows.js';
import { treeCache } from './tree-cache.js';

export interface DrizzleColumn {
  /** the SQL name: the builder's first string argument, else the property name */
  readonly name: string;
  /** `$defaultFn` / `$default` / `$onUpdate`: Drizzle fills it in on insert */
  readonly runtimeDefault: boolean;
  /** false when the name is the property's, which the db's `casing` option may rewrite */
  readonly explicit: boolean;
  /** built with pg-core's `json()`/`jsonb()`: Drizzle JSON.stringify's every value itself */
  readonly encodesJson: boolean;
}

/** drizzle({ casing }) rewrites property-named columns: `createdAt` → `created_at`. */
export type Casing = 'snake_case' | 'camelCase' | null;

export interface DrizzleTable {
  readonly schema: string | null;
  readonly name: string;
  /** TS property → column */
  readonly columns: ReadonlyMap<string, DrizzleColumn>;
  /** false when a spread (`...timestamps`) or computed key adds columns we cannot see */
  readonly complete: boolean;
}

const PG_CORE = 'drizzle-orm/pg-core';
const cache = treeCache<ts.Node, DrizzleTable | null>('drizzle table');

function literalText(expression: ts.Expression | undefined): string | null {
  const node = expression && skipWrappers(expression);
  return node && ts.isStringLiteralLike(node) ? node.text : null;
}

function isImportOf(origin: Origin, name: string): boolean {
  return origin.kind === 'import' && origin.from.module === PG_CORE && (origin.path.at(-1) ?? origin.from.imported) === name;
}

/** A declaration exported by a project module (following re-exports and barrels), with its file. */
function exportedDeclaration(file: FileDeclarations, name: string, depth: number): { declaration: Declaration; file: FileDeclarations } | null {
  if (depth > MAX_HELPER_DEPTH * 2) return null;
  const local = file.exports.get(name);
  if (local !== undefined) {
    const declaration = lookup(file, local, file.sourceFile.end - 1);
    if (declaration?.kind === 'import' && declaration.importFrom) return importedDeclaration(file, declaration.importFrom, depth + 1);
    return declaration ? { declaration, file } : null;
  }
  const reexport = file.reexports.get(name);
  if (reexport) return importedDeclaration(file, reexport, depth + 1);
  for (const module of file.exportAll) {
    const path = resolveModule(file.sourceFile.fileName, module);
    const other = path === null ? null : parseFile(path);
    const found = other && exportedDeclaration(declarationsOf(other), name, depth + 1);
    if (found) return found;
  }
  return null;
}

/** What an import names in a project file; null for a package's (or a namespace import). */
function importedDeclaration(file: FileDeclarations, from: ImportFrom, depth: number): { declaration: Declaration; file: FileDeclarations } | null {
  if (from.imported === '*' || from.imported === 'default') return null;
  const path = resolveModule(file.sourceFile.fileName, from.module);
  const other = path === null ? null : parseFile(path);
  return other ? exportedDeclaration(declarationsOf(other), from.imported, depth + 1) : null;
}

/** The declaration a name stands for at `node`, followed into the project file it is imported from. */
function declarationAt(file: FileDeclarations, node: ts.Identifier): { declaration: Declaration; file: FileDeclarations } | null {
  const declaration = lookup(file, node.text, node.pos);
  if (declaration?.kind === 'import' && declaration.importFrom) return importedDeclaration(file, declaration.importFrom, 0);
  return declaration ? { declaration, file } : null;
}

// helpers calling helpers: `createdAt()` → `timestamptz('created_at')` → `timestamp(name, …)` is 2
const MAX_HELPER_DEPTH = 4;

/** A column name argument: its text, absent (Drizzle then names the column after the property), or not known (null). */
type NameArgument = string | undefined | null;

function nameArgument(argument: ts.Expression | undefined, parameter: ts.ParameterDeclaration | undefined, bindings: ReadonlyMap<string, NameArgument>): NameArgument {
  const node = argument ? skipWrappers(argument) : parameter?.initializer && skipWrappers(parameter.initializer);
  if (!node) return undefined;
  if (ts.isStringLiteralLike(node)) return node.text;
  if (ts.isIdentifier(node) && bindings.has(node.text)) return bindings.get(node.text);
  if (ts.isIdentifier(node) && node.text === 'undefined') return undefined;
  return null;
}

/**
 * The SQL name a column builder chain gives and whether it sets a run-time default. A call of the
 * app's own helper (LobeChat's `createdAt: createdAt()`, with `const createdAt = () =>
 * timestamptz('created_at').notNull()` and `const timestamptz = (name: string) => timestamp(name, …)`)
 * is followed into the helper's one returned chain, its parameters bound to the call's arguments:
 * taking the property's name there was a false unknown-column on every `createdAt` (658 on LobeChat).
 */
function builderOf(file: FileDeclarations, chain: Chain, bindings: ReadonlyMap<string, NameArgument>, depth: number): { name: NameArgument; runtimeDefault: boolean; encodesJson: boolean } {
  const runtimeDefault = chain.links.some((l) => /^\$(default|defaultFn|onUpdate|onUpdateFn)$/.test(l.name));
  const builder = chain.links[0]!;
  const callee = skipWrappers(chain.base);
  const helper = builder.name === '' && ts.isIdentifier(callee) ? declarationAt(file, callee) : null;
  const fn = helper?.declaration.function;
  if (!helper || !fn) {
    const first = builder.args[0] && skipWrappers(builder.args[0]);
    const encodesJson = isJsonBuilder(file, chain);
    // a builder of drizzle-orm or another package (customType, pgvector's vector): `text('name')`, `text()`, `text({ … })`
    if (first && ts.isIdentifier(first) && bindings.has(first.text)) return { name: bindings.get(first.text), runtimeDefault, encodesJson };
    return { name: first && ts.isStringLiteralLike(first) ? first.text : depth > 0 && first && ts.isIdentifier(first) ? null : undefined, runtimeDefault, encodesJson };
  }
  const returned = returnedExpressions(helper.declaration);
  const inner = returned.length === 1 ? skipWrappers(returned[0]!) : null;
  if (depth >= MAX_HELPER_DEPTH || !inner || !ts.isCallExpression(inner)) return { name: null, runtimeDefault, encodesJson: false };
  const innerBindings = new Map<string, NameArgument>();
  fn.parameters.forEach((parameter, i) => {
    if (ts.isIdentifier(parameter.name)) innerBindings.set(parameter.name.text, nameArgument(builder.args[i], parameter, bindings));
  });
  const found = builderOf(helper.file, chainOf(inner), innerBindings, depth + 1);
  return { name: found.name, runtimeDefault: runtimeDefault || found.runtimeDefault, encodesJson: found.encodesJson };
}

const JSON_BUILDERS = new Set(['json', 'jsonb']);

/**
 * pg-core's `json('data')`/`jsonb('data')` (imported under that name, or its namespace's member), or the
 * `(t) => ({ data: t.jsonb() })` form: Drizzle encodes every value of such a column with JSON.stringify.
 */
function isJsonBuilder(file: FileDeclarations, chain: Chain): boolean {
  const builder = chain.links[0]!;
  const callee = skipWrappers(chain.base);
  if (builder.name === '' && ts.isIdentifier(callee)) {
    const declaration = lookup(file, callee.text, callee.pos);
    const from = declaration?.kind === 'import' ? declaration.importFrom : undefined;
    return from?.module === PG_CORE && JSON_BUILDERS.has(from.imported);
  }
  return JSON_BUILDERS.has(builder.name) && ts.isIdentifier(callee);
}

/** `integer('yclients_id').notNull().$defaultFn(…)` under property `yclientsId`; null when its name is not known. */
function columnOf(file: FileDeclarations, property: string, initializer: ts.Expression): DrizzleColumn | null {
  const node = skipWrappers(initializer);
  if (!ts.isCallExpression(node)) return null;
  const chain = chainOf(node);
  if (!chain.links[0]) return null;
  const { name, runtimeDefault, encodesJson } = builderOf(file, chain, new Map(), 0);
  if (name === null) return null;
  return { name: name ?? property, runtimeDefault, explicit: name !== undefined, encodesJson };
}

/**
 * The columns of a table's definition object. A spread of a `const` object of column builders (LobeChat's
 * `...timestamps`), here or imported from a project file, adds its columns; any other spread or
 * computed key makes the table incomplete.
 */
function columnsOf(file: FileDeclarations, definition: ts.Expression | undefined, depth = 0): { columns: Map<string, DrizzleColumn>; complete: boolean } | null {
  let node = definition && skipWrappers(definition);
  if (node && (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && !ts.isBlock(node.body)) node = skipWrappers(node.body);
  if (!node || !ts.isObjectLiteralExpression(node)) return null;
  const columns = new Map<string, DrizzleColumn>();
  let complete = true;
  for (const property of node.properties) {
    if (ts.isSpreadAssignment(property)) {
      const spread = skipWrappers(property.expression);
      const found = depth < MAX_HELPER_DEPTH && ts.isIdentifier(spread) ? declarationAt(file, spread) : null;
      const object = found?.declaration.kind === 'variable' && !found.declaration.function ? found.declaration.initializer : undefined;
      const inner = object && ts.isObjectLiteralExpression(skipWrappers(object)) ? columnsOf(found!.file, object, depth + 1) : null;
      if (!inner) complete = false;
      else {
        for (const [key, column] of inner.columns) columns.set(key, column);
        complete &&= inner.complete;
      }
      continue;
    }
    const key = ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : null;
    const column = key === null ? null : columnOf(file, key, (property as ts.PropertyAssignment).initializer);
    if (key === null || !column) {
      complete = false;
      if (key !== null) columns.delete(key);
    } else columns.set(key, column);
  }
  return { columns, complete };
}

/**
 * `pgTableCreator((name) => `app_${name}`)`: the creator's naming function, when it only pastes the
 * name between constant text; null otherwise.
 */
function tableNamer(argument: ts.Expression | undefined): ((name: string) => string) | null {
  const fn = argument && skipWrappers(argument);
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || fn.parameters.length < 1) return null;
  const parameter = fn.parameters[0]!.name;
  if (!ts.isIdentifier(parameter)) return null;
  let body: ts.Node = fn.body;
  if (ts.isBlock(body)) {
    const only = body.statements.length === 1 ? body.statements[0] : undefined;
    if (!only || !ts.isReturnStatement(only) || !only.expression) return null;
    body = only.expression;
  }
  body = skipWrappers(body as ts.Expression);
  const isParameter = (e: ts.Expression): boolean => ts.isIdentifier(skipWrappers(e)) && (skipWrappers(e) as ts.Identifier).text === parameter.text;
  if (ts.isExpression(body) && isParameter(body)) return (name) => name;
  if (ts.isNoSubstitutionTemplateLiteral(body)) return null;
  if (!ts.isTemplateExpression(body) || !body.templateSpans.every((span) => isParameter(span.expression))) return null;
  const template = body;
  return (name) => template.head.text + template.templateSpans.map((span) => name + span.literal.text).join('');
}

/** The table an origin is, when it is a pgTable / pgSchema(…).table / pgTableCreator(…) call. */
export function drizzleTableOf(origin: Origin): DrizzleTable | null {
  if (origin.kind !== 'call' || !ts.isCallExpression(origin.node)) return null;
  const node = origin.node;
  if (cache.has(node)) return cache.get(node)!;
  let schema: string | null = null;
  let ok = isImportOf(origin.callee, 'pgTable');
  if (!ok && origin.callee.kind === 'member' && origin.callee.name === 'table') {
    const owner = origin.callee.of;
    if (owner.kind === 'call' && isImportOf(owner.callee, 'pgSchema') && ts.isCallExpression(owner.node)) {
      schema = literalText(owner.node.arguments[0]);
      ok = schema !== null;
    }
  }
  let namer: (name: string) => string = (name) => name;
  if (!ok && origin.callee.kind === 'call' && isImportOf(origin.callee.callee, 'pgTableCreator')) {
    const creator = origin.callee.node;
    const found = ts.isCallExpression(creator) ? tableNamer(creator.arguments[0]) : null;
    if (found) (namer = found), (ok = true);
  }
  const literal = ok ? literalText(node.arguments[0]) : null;
  const name = literal === null ? null : namer(literal);
  const columns = name === null ? null : columnsOf(declarationsOf(origin.sourceFile), node.arguments[1]);
  const table = name !== null && columns ? { schema, name, ...columns } : null;
  // only what the call itself decides is remembered: whether its callee is a table function depends on
  // how far the origin walk got (a barrel's `export *` makes it longer), and a miss remembered from a
  // long path hid the table from every shorter one (trigger.dev: 36 statements not checked)
  if (ok) cache.set(node, table);
  return table;
}

// the same word split drizzle-orm's casing.ts uses
function words(name: string): string[] {
  return name.replace(/['\u2019]/g, '').match(/[\da-z]+|[A-Z]+(?![a-z])|[A-Z][\da-z]+/g) ?? [name];
}

function cased(name: string, casing: Casing): string {
  if (casing === 'snake_case') return words(name).map((w) => w.toLowerCase()).join('_');
  if (casing === 'camelCase') return words(name).map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase())).join('');
  return name;
}

const casedCache = new WeakMap<DrizzleTable, Map<Casing, DrizzleTable>>();

function withCasing(table: DrizzleTable, casing: Casing): DrizzleTable {
  if (casing === null) return table;
  const byCasing = casedCache.get(table) ?? new Map<Casing, DrizzleTable>();
  casedCache.set(table, byCasing);
  let result = byCasing.get(casing);
  if (!result) {
    const columns = new Map([...table.columns].map(([key, c]) => [key, c.explicit ? c : { ...c, name: cased(c.name, casing) }] as const));
    result = { ...table, columns };
    byCasing.set(casing, result);
  }
  return result;
}

/**
 * The table behind `db.query.<key>` (Drizzle's relational queries): the `schema` option of the
 * `drizzle(…)` call that made `db` names it, as an export of a schema module (`import * as schema`),
 * a property, or a spread of such modules (`{ ...users, ...posts }`); or, for a db known by its type
 * (`PostgresJsDatabase<typeof schema>`), the type's schema argument. null when not static.
 */
export function relationalTable(db: Origin, key: string, casing: Casing): DrizzleTable | null {
  let table: DrizzleTable | null = null;
  if (db.kind === 'call') {
    const options = db.node.arguments?.[db.node.arguments.length - 1];
    const object = options && skipWrappers(options);
    const schema = object && ts.isObjectLiteralExpression(object) ? propertyOf(object, 'schema') : null;
    table = schema ? schemaTable(declarationsOf(db.sourceFile), schema, key) : null;
  } else if (db.kind === 'typed' && db.typeArguments) {
    table = schemaTypeTable(db.typeArguments.file, db.typeArguments.nodes[0], key, 0);
  }
  return table && withCasing(table, casing);
}

/**
 * The schema type argument of a Drizzle database type: `typeof schema`, or an alias of it (LobeChat's
 * `type LobeChatDatabase = NeonDatabase<LobeChatDatabaseSchema>` with `type LobeChatDatabaseSchema =
 * typeof schema`; Dokploy's `type Database = PostgresJsDatabase<typeof schema>`, its db a global cache
 * of the drizzle() call), here or imported from a project file.
 */
function schemaTypeTable(file: FileDeclarations, type: ts.TypeNode | undefined, key: string, depth: number): DrizzleTable | null {
  if (!type || depth > MAX_HELPER_DEPTH) return null;
  if (ts.isTypeQueryNode(type)) return ts.isIdentifier(type.exprName) ? schemaTable(file, type.exprName, key) : null;
  if (!ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName) || type.typeArguments?.length) return null;
  const alias = lookupTypeAlias(file, type.typeName.text, type.pos);
  if (alias) return schemaTypeTable(file, alias.type, key, depth + 1);
  const imported = lookup(file, type.typeName.text, type.pos);
  if (imported?.kind !== 'import' || !imported.importFrom || imported.importFrom.imported === '*') return null;
  const path = resolveModule(file.sourceFile.fileName, imported.importFrom.module);
  const module = path === null ? null : parseFile(path);
  const there = module ? declarationsOf(module) : null;
  const local = there?.exports.get(imported.importFrom.imported);
  const exported = there && local !== undefined ? lookupTypeAlias(there, local, there.sourceFile.end - 1) : null;
  return exported ? schemaTypeTable(there!, exported.type, key, depth + 1) : null;
}

/** Table `key` of a schema expression written in `file`: a module imported whole, an object of tables, spreads of modules. */
function schemaTable(file: FileDeclarations, schema: ts.Expression, key: string): DrizzleTable | null {
  const inModule = (name: ts.Expression): DrizzleTable | null => {
    const node = skipWrappers(name);
    if (!ts.isIdentifier(node)) return null;
    const declaration = lookup(file, node.text, node.pos);
    if (declaration?.kind === 'import' && declaration.importFrom?.imported === '*') {
      const path = resolveModule(file.sourceFile.fileName, declaration.importFrom.module);
      const module = path === null ? null : parseFile(path);
      return module ? drizzleTableOf(exportedOrigin(declarationsOf(module), key, 0)) : null;
    }
    if (declaration?.kind === 'variable' && declaration.initializer) return inObject(declaration.initializer);
    return null;
  };
  const inObject = (expression: ts.Expression): DrizzleTable | null => {
    const node = skipWrappers(expression);
    if (!ts.isObjectLiteralExpression(node)) return inModule(node);
    for (const property of node.properties) {
      if (ts.isSpreadAssignment(property)) {
        const found = inModule(property.expression);
        if (found) return found;
      } else if ((ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property)) && ts.isIdentifier(property.name) && property.name.text === key) {
        const value = ts.isPropertyAssignment(property) ? property.initializer : property.name;
        return drizzleTableOf(originIn(file, value));
      }
    }
    return null;
  };
  return inObject(schema);
}

/** Resolves table expressions of one file, remembering each answer. */
export interface TableResolver {
  readonly sourceFile: ts.SourceFile;
  table(expression: ts.Expression): DrizzleTable | null;
  /** `clients.yclientsId` → the table and the column's SQL name */
  column(expression: ts.Expression): { table: DrizzleTable; column: string } | null;
}

export function tableResolver(sourceFile: ts.SourceFile, casing: Casing = null): TableResolver {
  const declarations = declarationsOf(sourceFile);
  const byText = new Map<string, DrizzleTable | null>();
  const table = (expression: ts.Expression): DrizzleTable | null => {
    const node = skipWrappers(expression);
    if (!ts.isIdentifier(node) && !ts.isPropertyAccessExpression(node)) return null;
    const text = node.getText(sourceFile);
    if (!byText.has(text)) {
      const found = drizzleTableOf(originIn(declarations, node));
      byText.set(text, found && withCasing(found, casing));
    }
    return byText.get(text)!;
  };
  return {
    sourceFile,
    table,
    column(expression) {
      const node = skipWrappers(expression);
      if (!ts.isPropertyAccessExpression(node)) return null;
      const owner = table(node.expression);
      const column = owner?.columns.get(node.name.text);
      return owner && column ? { table: owner, column: column.name } : null;
    },
  };
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * A Drizzle condition as the SQL it renders: `isNull(t.a)` → `"a" is null`, `eq(t.a, 'x')` →
 * `"a" = $1` (Drizzle binds values), `and(…)`, and sql`` templates with column holes. Null when
 * any part is beyond that.
 */
export function conditionSql(expression: ts.Expression, resolver: TableResolver): string | null {
  const node = skipWrappers(expression);
  if (ts.isTaggedTemplateExpression(node)) {
    const template = node.template;
    if (ts.isNoSubstitutionTemplateLiteral(template)) return template.text;
    let text = template.head.text;
    for (const span of template.templateSpans) {
      const column = resolver.column(span.expression);
      text += (column ? quote(column.column) : '$1') + span.literal.text;
    }
    return text;
  }
  if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression)) return null;
  const [first, second] = node.arguments;
  const fn = node.expression.text;
  if ((fn === 'and' || fn === 'or') && node.arguments.length > 0) {
    const parts = node.arguments.map((a) => conditionSql(a, resolver));
    return parts.some((p) => p === null) ? null : `(${parts.join(` ${fn} `)})`;
  }
  const column = first ? resolver.column(first) : null;
  if (!column) return null;
  if (fn === 'isNull' || fn === 'isNotNull') return `${quote(column.column)} ${fn === 'isNull' ? 'is null' : 'is not null'}`;
  const operators: Record<string, string> = { eq: '=', ne: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' };
  const operator = Object.hasOwn(operators, fn) ? operators[fn] : undefined;
  if (!operator || !second) return null;
  const other = resolver.column(second);
  return `${quote(column.column)} ${operator} ${other ? quote(other.column) : '$1'}`;
}
