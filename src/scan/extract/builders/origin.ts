// Where a value comes from, followed through declarations and imports of project files without the
// type checker: `supabase` ← `createClient(…)` ← '@supabase/supabase-js'; `clients` ←
// `pgTable('clients', …)` in ./schema.ts; `trx` ← the callback of `knex.transaction(…)`. Extractors
// decide from this whether a call belongs to their library; `unknown` is never guessed at.
import { ts } from '../../typescript.js';
import { skipWrappers } from './chain.js';
import { declarationsOf, lookup, lookupTypeAlias, MODULE_EXPORTS, returnedExpressions, type FileDeclarations, type ImportFrom } from './declarations.js';
import { parseFile, resolveModule } from './modules.js';

export type Origin =
  /** a package import, with the members read from it: `Knex.Transaction` → path ['Transaction'] */
  | { readonly kind: 'import'; readonly from: ImportFrom; readonly path: readonly string[] }
  /** the result of a call (or `new`) */
  | { readonly kind: 'call'; readonly callee: Origin; readonly node: ts.CallExpression | ts.NewExpression; readonly sourceFile: ts.SourceFile }
  | { readonly kind: 'member'; readonly of: Origin; readonly name: string }
  /**
   * declared with a type annotation that names a package type; `typeArguments` are the annotation's own
   * (`PostgresJsDatabase<typeof schema>`), with the declarations of the file they are written in
   */
  | { readonly kind: 'typed'; readonly type: Origin; readonly typeArguments?: { readonly nodes: readonly ts.TypeNode[]; readonly file: FileDeclarations } }
  /** a parameter of a callback passed to `receiver.method(…)` */
  | { readonly kind: 'callback'; readonly receiver: Origin; readonly method: string }
  /** a literal or other expression with nothing more to follow */
  | { readonly kind: 'expression'; readonly node: ts.Expression; readonly sourceFile: ts.SourceFile }
  | { readonly kind: 'unknown' };

const UNKNOWN: Origin = { kind: 'unknown' };
// a step of the walk, not a file: an imported name costs 3 (the name, the import, the export) and each
// `export *` of a barrel 1 more, so 12 stopped at a table of a pgSchema object declared in a third file
// and reached through a barrel (trigger.dev); 16 allows two more hops
const MAX_DEPTH = 16;

function importOrigin(from: ImportFrom, file: ts.SourceFile, depth: number): Origin {
  const path = resolveModule(file.fileName, from.module);
  if (path === null) return { kind: 'import', from, path: [] };
  const other = parseFile(path);
  if (!other) return UNKNOWN;
  const declarations = declarationsOf(other);
  if (from.imported === '*') {
    // `require('./db')` of a CommonJS module: what it assigns to module.exports
    if (declarations.exports.get('default') === MODULE_EXPORTS) return nameOrigin(declarations, MODULE_EXPORTS, other.end - 1, depth + 1);
    return { kind: 'expression', node: ts.factory.createIdentifier('*'), sourceFile: other };
  }
  return exportedOrigin(declarations, from.imported, depth + 1);
}

/** What a module exports under `name`, following `export { x } from` and `export *`. */
export function exportedOrigin(file: FileDeclarations, name: string, depth: number): Origin {
  if (depth > MAX_DEPTH) return UNKNOWN;
  const local = file.exports.get(name);
  if (local !== undefined) return nameOrigin(file, local, file.sourceFile.end - 1, depth + 1);
  const reexport = file.reexports.get(name);
  if (reexport) return importOrigin(reexport, file.sourceFile, depth + 1);
  return throughExportAll(file, (other) => exportedOrigin(other, name, depth + 1));
}

/** The first answer `find` gives for a module the file re-exports whole (`export * from './m'`). */
function throughExportAll(file: FileDeclarations, find: (other: FileDeclarations) => Origin): Origin {
  for (const module of file.exportAll) {
    const path = resolveModule(file.sourceFile.fileName, module);
    const other = path === null ? null : parseFile(path);
    if (!other) continue;
    const found = find(declarationsOf(other));
    if (found.kind !== 'unknown') return found;
  }
  return UNKNOWN;
}

/** Where the value `name` refers to at `position` comes from (a name the code does not spell there). */
export function nameOriginAt(file: FileDeclarations, name: string, position: number): Origin {
  return nameOrigin(file, name, position, 0);
}

function nameOrigin(file: FileDeclarations, name: string, position: number, depth: number): Origin {
  if (depth > MAX_DEPTH) return UNKNOWN;
  const declaration = lookup(file, name, position);
  if (!declaration) return UNKNOWN;
  const sourceFile = file.sourceFile;
  switch (declaration.kind) {
    case 'import':
      return importOrigin(declaration.importFrom!, sourceFile, depth);
    case 'function':
      return { kind: 'expression', node: ts.factory.createIdentifier(name), sourceFile };
    case 'parameter':
    case 'variable':
    case 'property': {
      if (declaration.type) {
        const type = typeOrigin(file, declaration.type, depth);
        if (type.kind !== 'unknown') return type;
      }
      if (declaration.callbackOf) {
        const callee = skipWrappers(declaration.callbackOf.expression);
        if (ts.isPropertyAccessExpression(callee)) {
          return { kind: 'callback', receiver: originIn(file, callee.expression, depth + 1), method: callee.name.text };
        }
        return UNKNOWN;
      }
      if (declaration.initializer) return originIn(file, declaration.initializer, depth + 1);
      return UNKNOWN;
    }
  }
}

function typeOrigin(file: FileDeclarations, type: ts.TypeNode, depth: number): Origin {
  if (depth > MAX_DEPTH) return UNKNOWN;
  if (ts.isParenthesizedTypeNode(type)) return typeOrigin(file, type.type, depth + 1);
  // `type Db = Knex | Knex.Transaction` (Unleash), `client: Pool | PoolClient | null`: one package's types
  if (ts.isUnionTypeNode(type)) {
    const origins = type.types.filter((member) => !isNullish(member)).map((member) => typeOrigin(file, member, depth + 1));
    const owner = origins[0] ? packageOf(origins[0]) : null;
    return owner !== null && origins.every((o) => packageOf(o) === owner) ? origins[0]! : UNKNOWN;
  }
  if (!ts.isTypeReferenceNode(type)) return UNKNOWN;
  const path: string[] = [];
  let name: ts.EntityName = type.typeName;
  while (ts.isQualifiedName(name)) {
    path.unshift(name.right.text);
    name = name.left;
  }
  if (depth > MAX_DEPTH) return UNKNOWN;
  // `type Client = SupabaseClient<Database>` in this file
  const alias = path.length === 0 ? lookupTypeAlias(file, name.text, type.pos) : null;
  if (alias) return typeOrigin(file, alias.type, depth + 1);
  const root = lookup(file, name.text, type.pos);
  if (root?.kind !== 'import' || !root.importFrom) return UNKNOWN;
  // a type alias exported by a project file (`import type { Client } from '../types'`)
  const found: Origin = path.length === 0 ? typeOriginOfImport(file, root.importFrom, depth + 1) : { kind: 'typed', type: { kind: 'import', from: root.importFrom, path } };
  // the package type's arguments, when this annotation gives them (an alias's own come first)
  if (found.kind === 'typed' && !found.typeArguments && type.typeArguments?.length) return { ...found, typeArguments: { nodes: type.typeArguments, file } };
  return found;
}

function isNullish(type: ts.TypeNode): boolean {
  if (type.kind === ts.SyntaxKind.UndefinedKeyword || type.kind === ts.SyntaxKind.VoidKeyword) return true;
  return ts.isLiteralTypeNode(type) && type.literal.kind === ts.SyntaxKind.NullKeyword;
}

/** What a module exports as the type `name`, when it is a type alias (or re-exports one). */
function exportedTypeOrigin(file: FileDeclarations, name: string, depth: number): Origin {
  if (depth > MAX_DEPTH) return UNKNOWN;
  const local = file.exports.get(name);
  if (local !== undefined) {
    const alias = lookupTypeAlias(file, local, file.sourceFile.end - 1);
    if (alias) return typeOrigin(file, alias.type, depth + 1);
    // `import type { SupabaseClient as Client } …; export { Client }`
    const imported = lookup(file, local, file.sourceFile.end - 1);
    if (imported?.kind === 'import' && imported.importFrom) return typeOriginOfImport(file, imported.importFrom, depth + 1);
    return UNKNOWN;
  }
  const reexport = file.reexports.get(name);
  if (reexport) {
    const path = resolveModule(file.sourceFile.fileName, reexport.module);
    const other = path === null ? null : parseFile(path);
    return other ? exportedTypeOrigin(declarationsOf(other), reexport.imported, depth + 1) : { kind: 'typed', type: { kind: 'import', from: reexport, path: [] } };
  }
  return throughExportAll(file, (other) => exportedTypeOrigin(other, name, depth + 1));
}

/** A type imported by name: from a project file, what it exports; from a package, that package's type. */
function typeOriginOfImport(file: FileDeclarations, from: ImportFrom, depth: number): Origin {
  const module = resolveModule(file.sourceFile.fileName, from.module);
  const other = module === null || from.imported === '*' ? null : parseFile(module);
  const aliased = other ? exportedTypeOrigin(declarationsOf(other), from.imported, depth + 1) : UNKNOWN;
  // not an alias we can follow (an interface, a class): the import itself, as before
  return aliased.kind !== 'unknown' ? aliased : { kind: 'typed', type: { kind: 'import', from, path: [] } };
}

/** What a function declared in `file` under `name` returns, if it returns one thing we can follow. */
function returnedOrigin(file: FileDeclarations, name: string, position: number, depth: number): Origin {
  const declaration = lookup(file, name, position);
  const returns = declaration ? returnedExpressions(declaration) : [];
  if (returns.length === 0) return UNKNOWN;
  const origins = returns.map((r) => originIn(file, r, depth + 1));
  return origins.length === 1 || origins.every((o) => sameShape(o, origins[0]!)) ? origins[0]! : UNKNOWN;
}

function sameShape(a: Origin, b: Origin): boolean {
  return describeOrigin(a) === describeOrigin(b);
}

/** A short description, for comparing origins and for tests: `call(import(@supabase/ssr#createServerClient))`. */
export function describeOrigin(origin: Origin): string {
  switch (origin.kind) {
    case 'import':
      return `import(${origin.from.module}#${[origin.from.imported, ...origin.path].join('.')})`;
    case 'call':
      return `call(${describeOrigin(origin.callee)})`;
    case 'member':
      return `${describeOrigin(origin.of)}.${origin.name}`;
    case 'typed':
      return `typed(${describeOrigin(origin.type)})`;
    case 'callback':
      return `callback(${describeOrigin(origin.receiver)}.${origin.method})`;
    case 'expression':
      return `expression(${ts.SyntaxKind[origin.node.kind]})`;
    case 'unknown':
      return 'unknown';
  }
}

export function originIn(file: FileDeclarations, expression: ts.Expression, depth = 0): Origin {
  if (depth > MAX_DEPTH) return UNKNOWN;
  const node = skipWrappers(expression);
  const sourceFile = file.sourceFile;
  if (ts.isAwaitExpression(node)) return originIn(file, node.expression, depth + 1);
  if (ts.isIdentifier(node)) return nameOrigin(file, node.text, node.pos, depth + 1);
  if (ts.isPropertyAccessExpression(node)) {
    if (node.expression.kind === ts.SyntaxKind.ThisKeyword) return nameOrigin(file, `this.${node.name.text}`, node.pos, depth + 1);
    const of = originIn(file, node.expression, depth + 1);
    if (of.kind === 'import') return { ...of, path: [...of.path, node.name.text] };
    // `schema.clients` with `import * as schema from './schema'`: the export of that module
    if (of.kind === 'expression' && ts.isIdentifier(of.node) && of.node.text === '*') {
      return exportedOrigin(declarationsOf(of.sourceFile), node.name.text, depth + 1);
    }
    // a property of an object literal a function returns: `return { supabase, response }`
    if (of.kind === 'expression' && ts.isObjectLiteralExpression(of.node)) {
      const property = propertyOrigin(declarationsOf(of.sourceFile), of.node, node.name.text, depth + 1);
      if (property) return property;
    }
    return { kind: 'member', of, name: node.name.text };
  }
  if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
    const callee = skipWrappers(node.expression);
    // `require('knex')` in an expression (`module.exports = require('knex')(config)`): the module itself
    const required = ts.isCallExpression(node) && ts.isIdentifier(callee) && callee.text === 'require' ? node.arguments[0] : undefined;
    if (required && ts.isStringLiteralLike(required) && !lookup(file, 'require', callee.pos)) {
      return importOrigin({ module: required.text, imported: '*' }, sourceFile, depth + 1);
    }
    if (ts.isIdentifier(callee)) {
      const declaration = lookup(file, callee.text, callee.pos);
      if (declaration?.function) return returnedOrigin(file, callee.text, callee.pos, depth + 1);
      // a function imported from a project file: what it returns there
      if (declaration?.kind === 'import' && declaration.importFrom) {
        const path = resolveModule(sourceFile.fileName, declaration.importFrom.module);
        const other = path === null ? null : parseFile(path);
        if (other) {
          const there = declarationsOf(other);
          const local = there.exports.get(declaration.importFrom.imported);
          if (local !== undefined) return returnedOrigin(there, local, other.end - 1, depth + 1);
          return UNKNOWN;
        }
      }
    }
    return { kind: 'call', callee: originIn(file, callee, depth + 1), node, sourceFile };
  }
  return { kind: 'expression', node, sourceFile };
}

/** The origin of property `name` of an object literal (shorthand or `name: value`); null when not written there. */
function propertyOrigin(file: FileDeclarations, object: ts.ObjectLiteralExpression, name: string, depth: number): Origin | null {
  let found: ts.ObjectLiteralElementLike | undefined;
  for (const property of object.properties) {
    // a spread may bring the name in as well: the last writer is not known
    if (ts.isSpreadAssignment(property)) found = undefined;
    else if (property.name && ts.isIdentifier(property.name) && property.name.text === name) found = property;
  }
  if (!found) return null;
  if (ts.isShorthandPropertyAssignment(found)) return nameOrigin(file, name, found.name.pos, depth + 1);
  if (ts.isPropertyAssignment(found)) return originIn(file, found.initializer, depth + 1);
  return null;
}

/** Origin of an expression of `sourceFile`. */
export function originOf(sourceFile: ts.SourceFile, expression: ts.Expression): Origin {
  return originIn(declarationsOf(sourceFile), expression);
}

/** True when the origin is a call of (a member of) an import of one of `modules`, named one of `names`. */
export function isCallOfImport(origin: Origin, modules: readonly string[], names: readonly string[]): boolean {
  if (origin.kind !== 'call' || origin.callee.kind !== 'import') return false;
  const { from, path } = origin.callee;
  if (!modules.includes(from.module)) return false;
  const name = path.length > 0 ? path[path.length - 1]! : from.imported;
  return names.includes(name);
}

/** True when the origin is declared with a type (or a member type) exported by one of `modules`. */
export function isTypedAs(origin: Origin, modules: readonly string[], names: readonly string[]): boolean {
  if (origin.kind !== 'typed' || origin.type.kind !== 'import') return false;
  const { from, path } = origin.type;
  return modules.includes(from.module) && names.includes(from.imported === 'default' || from.imported === '*' ? (path[0] ?? '') : from.imported);
}

/** The package an origin can be traced to, if any: used to rule out other libraries' clients. */
export function packageOf(origin: Origin): string | null {
  switch (origin.kind) {
    case 'import':
      return origin.from.module;
    case 'call':
      return packageOf(origin.callee);
    case 'member':
      return packageOf(origin.of);
    case 'typed':
      return packageOf(origin.type);
    case 'callback':
      return packageOf(origin.receiver);
    default:
      return null;
  }
}
