// SQL the code keeps in files and reads at run time: `readFileSync(P, 'utf8')`, `readFileSync(P).toString()`,
// `await readFile(P, 'utf8')` (fs/promises), pg-promise's `new QueryFile(P, options)`
// (https://vitaly-t.github.io/pg-promise/QueryFile.html) and postgres.js `sql.file(P, args)`. The file's content is the statement's text, so
// its path must be known statically: string constants, `__dirname`/`__filename`, `import.meta.dirname`,
// `path.join`/`resolve`/`dirname`/`normalize` of such parts, `new URL('./x.sql', import.meta.url)` and
// `fileURLToPath(…)`, through the constant evaluator (constants.ts: `const`s, builder functions such as
// pg-promise's `sql(file)` helper). Anything else (an env variable, a parameter given at run time, a
// path relative to the process's working directory) is not checked, with a reason; never guessed.
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ts } from '../typescript.js';
import type { Located, ModuleLoader } from './constants.js';
import { requireOf } from './file-index.js';

/** A file read for its SQL: its text and its path relative to the scanned directory, or why it was not read. */
export type SqlFileRead = { readonly text: string; readonly file: string } | { readonly problem: string };

/** Reads a file (absolute path) within the scanned directory. */
export type SqlFileReader = (absolutePath: string) => SqlFileRead;

/** What the constant evaluator lends this file (constants.ts owns name resolution). */
export interface Evaluator {
  readonly load: ModuleLoader;
  /** identifiers, property accesses and builder-function calls → what they stand for (resolveExpression) */
  resolve(located: Located): Located | null;
  /** the constant string an expression evaluates to, or null */
  text(located: Located): string | null;
  /** a parameter or local of an enclosing function or block declares the name (hiding an import or global) */
  shadowed(located: Located, identifier: ts.Identifier): boolean;
}

// why: query files are small (the pg-promise demo's largest is 0.5 kB); a multi-megabyte file is a dump
// or a data load, and parsing it per call site would cost more than the whole scan of an app
const MAX_SQL_FILE_BYTES = 1024 * 1024;
const MAX_DEPTH = 24;

const FS_MODULES = new Set(['fs', 'node:fs']);
const FS_PROMISES_MODULES = new Set(['fs/promises', 'node:fs/promises']);
const PATH_MODULES = new Set(['path', 'node:path']);
const URL_MODULES = new Set(['url', 'node:url']);
const PATH_FUNCTIONS = new Set(['join', 'resolve', 'dirname', 'normalize']);

function unwrap(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isNonNullExpression(current) || ts.isSatisfiesExpression(current)) {
    current = current.expression;
  }
  return current;
}

const at = (located: Located, expression: ts.Expression): Located => ({ expression, file: located.file, scope: located.scope });

/** A top-level `const` or function of the name, other than the `const x = require('…')` the import is. */
function declaredAtTop(located: Located, name: string): boolean {
  const index = located.file.index;
  return (index.constants.has(name) && requireOf(index.constants.get(name)) === null) || index.functions.has(name);
}

/** The import an identifier names, if no declaration hides it. */
function importOf(located: Located, identifier: ts.Expression, ev: Evaluator): { module: string; imported: string } | null {
  if (!ts.isIdentifier(identifier)) return null;
  const binding = located.file.index.imports.get(identifier.text);
  if (!binding || declaredAtTop(located, identifier.text) || ev.shadowed(located, identifier)) return null;
  return binding;
}

/** `__dirname`, `URL`: a global, declared nowhere in the file. */
function isGlobal(located: Located, identifier: ts.Identifier, ev: Evaluator): boolean {
  const name = identifier.text;
  return !declaredAtTop(located, name) && !located.file.index.imports.has(name) && !ev.shadowed(located, identifier);
}

/**
 * `name(…)` or `ns.name(…)` where the function comes from one of `modules` (`import { name }`,
 * `import * as ns`, `import ns from`, `const ns = require(…)`, `const { name } = require(…)`).
 */
function isModuleFunction(located: Located, callee: ts.Expression, modules: ReadonlySet<string>, names: ReadonlySet<string>, ev: Evaluator): string | null {
  const target = unwrap(callee);
  if (ts.isIdentifier(target)) {
    const binding = importOf(located, target, ev);
    return binding && modules.has(binding.module) && names.has(binding.imported) ? binding.imported : null;
  }
  if (ts.isPropertyAccessExpression(target) && names.has(target.name.text)) {
    const binding = importOf(located, target.expression, ev);
    if (binding && modules.has(binding.module) && (binding.imported === '*' || binding.imported === 'default')) return target.name.text;
  }
  return null;
}

function isUtf8(located: Located, expression: ts.Expression | undefined, ev: Evaluator): boolean {
  if (!expression) return false;
  const value = unwrap(expression);
  if (ts.isObjectLiteralExpression(value)) {
    const encoding = value.properties.find((p) => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'encoding');
    return encoding !== undefined && ts.isPropertyAssignment(encoding) && isUtf8(located, encoding.initializer, ev);
  }
  const text = ev.text(at(located, value));
  return text !== null && /^utf-?8$/i.test(text);
}

/** `fs.readFileSync(P)` (no encoding: a Buffer) → P. */
function readFileSyncPath(located: Located, call: ts.CallExpression, ev: Evaluator): ts.Expression | null {
  if (!isModuleFunction(located, call.expression, FS_MODULES, new Set(['readFileSync']), ev)) return null;
  return call.arguments[0] ?? null;
}

/** `readFile(P, 'utf8')` from fs/promises, `fs.promises.readFile(P, 'utf8')`, `{ promises as fs }` → P. */
function readFilePromisePath(located: Located, call: ts.CallExpression, ev: Evaluator): ts.Expression | null {
  const callee = unwrap(call.expression);
  let promises = isModuleFunction(located, callee, FS_PROMISES_MODULES, new Set(['readFile']), ev) !== null;
  if (!promises && ts.isPropertyAccessExpression(callee) && callee.name.text === 'readFile') {
    const owner = unwrap(callee.expression);
    const binding = importOf(located, owner, ev);
    promises =
      // fs.promises.readFile(…)
      isModuleFunction(located, owner, FS_MODULES, new Set(['promises']), ev) !== null ||
      // import { promises as fs } from 'fs'
      (binding !== null && FS_MODULES.has(binding.module) && binding.imported === 'promises');
  }
  return promises && isUtf8(located, call.arguments[1], ev) ? (call.arguments[0] ?? null) : null;
}

/** `QueryFile` from pg-promise: imported, destructured, or a property of pg-promise's module or of `pgp = pgPromise()`. */
function isQueryFileClass(located: Located, callee: ts.Expression, ev: Evaluator): boolean {
  const target = unwrap(callee);
  if (ts.isIdentifier(target)) {
    const binding = importOf(located, target, ev);
    if (binding) return binding.module === 'pg-promise' && binding.imported === 'QueryFile';
    // `const { QueryFile } = pgp` at the top level
    const owner = ev.shadowed(located, target) ? null : destructuredFrom(located, target.text, 'QueryFile');
    return owner !== null && isPgPromise(at(located, owner), ev);
  }
  if (!ts.isPropertyAccessExpression(target) || target.name.text !== 'QueryFile') return false;
  return isPgPromise(at(located, unwrap(target.expression)), ev);
}

/** pg-promise's module (`import pgPromise from 'pg-promise'`) or its root `pgp = pgPromise(options)`, here or imported. */
function isPgPromise(owner: Located, ev: Evaluator): boolean {
  if (importOf(owner, owner.expression, ev)?.module === 'pg-promise') return true;
  const root = ev.resolve(owner);
  if (!root || !ts.isCallExpression(root.expression)) return false;
  return importOf(root, unwrap(root.expression.expression), ev)?.module === 'pg-promise';
}

/** `const { key: name } = owner` among the file's top-level statements → owner. */
function destructuredFrom(located: Located, name: string, key: string): ts.Expression | null {
  for (const statement of located.file.index.sourceFile.statements) {
    if (!ts.isVariableStatement(statement) || (statement.declarationList.flags & ts.NodeFlags.Const) === 0) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isObjectBindingPattern(declaration.name) || !declaration.initializer) continue;
      const element = declaration.name.elements.find((e) => ts.isIdentifier(e.name) && e.name.text === name && !e.dotDotDotToken);
      const property = element ? (element.propertyName ?? element.name) : null;
      if (property && ts.isIdentifier(property) && property.text === key) return unwrap(declaration.initializer);
    }
  }
  return null;
}

/** `sql.file(P, args)` where `sql = postgres(…)` (https://github.com/porsager/postgres#file): the file is the query. */
function isPostgresFile(located: Located, call: ts.CallExpression, ev: Evaluator): boolean {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'file') return false;
  const root = ev.resolve(at(located, unwrap(callee.expression)));
  if (!root || !ts.isCallExpression(root.expression)) return false;
  return importOf(root, unwrap(root.expression.expression), ev)?.module === 'postgres';
}

type FileSite = {
  readonly path: Located;
  readonly queryFile: ts.NewExpression | null;
  /** a client's own file query (QueryFile, postgres.js `sql.file`): SQL by construction */
  readonly query: boolean;
};

/** The expression reads a file for its text (one of the shapes above): where the path is. */
function fileSite(located: Located, ev: Evaluator): FileSite | null {
  const expression = unwrap(located.expression);
  if (ts.isNewExpression(expression)) {
    const path = expression.arguments?.[0];
    return path && isQueryFileClass(located, expression.expression, ev) ? { path: at(located, path), queryFile: expression, query: true } : null;
  }
  if (ts.isAwaitExpression(expression)) {
    const call = unwrap(expression.expression);
    const path = ts.isCallExpression(call) ? readFilePromisePath(located, call, ev) : null;
    return path ? { path: at(located, path), queryFile: null, query: false } : null;
  }
  if (!ts.isCallExpression(expression)) return null;
  const callee = unwrap(expression.expression);
  // `readFileSync(P).toString()` / `.toString('utf8')`
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'toString') {
    const inner = unwrap(callee.expression);
    const encoding = expression.arguments[0];
    if (!ts.isCallExpression(inner) || (encoding && !isUtf8(located, encoding, ev))) return null;
    const path = readFileSyncPath(located, inner, ev);
    return path ? { path: at(located, path), queryFile: null, query: false } : null;
  }
  if (expression.arguments[0] && isPostgresFile(located, expression, ev)) return { path: at(located, expression.arguments[0]), queryFile: null, query: true };
  const path = readFileSyncPath(located, expression, ev);
  return path && isUtf8(located, expression.arguments[1], ev) ? { path: at(located, path), queryFile: null, query: false } : null;
}

/**
 * The value of a path expression: an absolute path, a `file:` URL, or a relative path (relative to the
 * process's working directory); null when any part is not known statically.
 */
function pathValue(located: Located, ev: Evaluator, depth: number): string | null {
  if (depth > MAX_DEPTH) return null;
  const expression = unwrap(located.expression);
  const again = (next: Located): string | null => pathValue(next, ev, depth + 1);
  if (ts.isStringLiteralLike(expression)) return expression.text;
  if (ts.isIdentifier(expression)) {
    if ((expression.text === '__dirname' || expression.text === '__filename') && isGlobal(located, expression, ev)) {
      return expression.text === '__dirname' ? dirname(located.file.path) : located.file.path;
    }
    const found = ev.resolve(located);
    return found && found.expression !== expression ? again(found) : null;
  }
  if (ts.isPropertyAccessExpression(expression) && ts.isMetaProperty(expression.expression)) {
    const name = expression.name.text;
    if (name === 'dirname') return dirname(located.file.path);
    if (name === 'filename') return located.file.path;
    if (name === 'url') return pathToFileURL(located.file.path).href;
    return null;
  }
  if (ts.isTemplateExpression(expression)) {
    let text = expression.head.text;
    for (const span of expression.templateSpans) {
      const part = again(at(located, span.expression));
      if (part === null) return null;
      text += part + span.literal.text;
    }
    return text;
  }
  if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = again(at(located, expression.left));
    const right = left === null ? null : again(at(located, expression.right));
    return left === null || right === null ? null : left + right;
  }
  if (ts.isNewExpression(expression)) {
    // `new URL('./x.sql', import.meta.url)`
    const args = expression.arguments ?? [];
    if (!ts.isIdentifier(expression.expression) || expression.expression.text !== 'URL' || !isGlobal(located, expression.expression, ev)) return null;
    if (args.length < 1 || args.length > 2 || args.some(ts.isSpreadElement)) return null;
    const input = again(at(located, args[0]!));
    const base = args[1] ? again(at(located, args[1])) : undefined;
    if (input === null || base === null) return null;
    try {
      return new URL(input, base).href;
    } catch {
      return null;
    }
  }
  if (ts.isCallExpression(expression)) {
    if (expression.arguments.some(ts.isSpreadElement)) return null;
    const pathFunction = isModuleFunction(located, expression.expression, PATH_MODULES, PATH_FUNCTIONS, ev);
    if (pathFunction !== null) {
      const parts: string[] = [];
      for (const arg of expression.arguments) {
        const part = again(at(located, arg));
        if (part === null || part.startsWith('file:')) return null;
        parts.push(part);
      }
      return pathCall(pathFunction, parts);
    }
    if (isModuleFunction(located, expression.expression, URL_MODULES, new Set(['fileURLToPath']), ev) !== null) {
      const url = expression.arguments[0] ? again(at(located, expression.arguments[0])) : null;
      if (url === null || !url.startsWith('file:')) return null;
      try {
        return fileURLToPath(url);
      } catch {
        return null;
      }
    }
  }
  const found = ev.resolve(located);
  if (found && found.expression !== expression) return again(found);
  return ev.text(located);
}

/** path.join/resolve/dirname/normalize; `resolve` of relative parts stays relative (to the working directory). */
function pathCall(name: string, parts: readonly string[]): string | null {
  if (name === 'join') return parts.length === 0 ? null : join(...parts);
  if (name === 'normalize' || name === 'dirname') return parts.length === 1 ? (name === 'dirname' ? dirname(parts[0]!) : normalize(parts[0]!)) : null;
  // resolve: from the last absolute part on; without one it depends on the working directory
  let start = -1;
  parts.forEach((part, i) => {
    if (isAbsolute(part)) start = i;
  });
  if (start < 0) return parts.length === 0 ? null : join(...parts);
  return resolve(...parts.slice(start));
}

/** QueryFile options that change the text: `params` formats it once at load time (two-step formatting). */
function queryFileProblem(located: Located, queryFile: ts.NewExpression, ev: Evaluator): string | null {
  const options = queryFile.arguments?.[1];
  if (!options) return null;
  const found = ev.resolve(at(located, options));
  if (!found || !ts.isObjectLiteralExpression(unwrap(found.expression))) return 'pg-promise QueryFile options not known statically';
  for (const property of (unwrap(found.expression) as ts.ObjectLiteralExpression).properties) {
    if (!ts.isPropertyAssignment(property) && !ts.isShorthandPropertyAssignment(property)) return 'pg-promise QueryFile options not known statically';
    if (ts.isIdentifier(property.name) && property.name.text === 'params') return 'pg-promise QueryFile with params (formatted when the file is loaded)';
  }
  return null;
}

/**
 * `sql`: the file is SQL whatever the call it is passed to (a QueryFile, a `.sql` path), so a site that
 * cannot be read counts as not checked even where the call does not look like a database call.
 */
export type LoadedSql = { readonly text: string; readonly file: string } | { readonly problem: string; readonly sql: boolean };

const SQL_EXTENSION = /\.(sql|pgsql|psql)$/i;

/** The SQL text an expression reads from a file; undefined when it does not read a file. */
export function loadedSql(located: Located, ev: Evaluator): LoadedSql | undefined {
  const site = fileSite(located, ev);
  if (!site) return undefined;
  const queryFile = site.query;
  if (site.queryFile) {
    const problem = queryFileProblem(located, site.queryFile, ev);
    if (problem) return { problem, sql: true };
  }
  let path = pathValue(site.path, ev, 0);
  if (path === null) return { problem: 'path of the SQL file computed at run time', sql: queryFile };
  const sql = queryFile || SQL_EXTENSION.test(path);
  if (path.startsWith('file:')) {
    try {
      path = fileURLToPath(path);
    } catch {
      return { problem: 'path of the SQL file computed at run time', sql };
    }
  }
  // why not the scanned directory: a relative path is read from the process's working directory (pg-promise's
  // QueryFile: from the directory of the application's entry script), which the code does not fix
  if (!isAbsolute(path)) return { problem: `SQL file path relative to the working directory: ${path}`, sql };
  const read = ev.load.readSqlFile;
  const result = read ? read(path) : { problem: 'SQL files are not read here' };
  return 'problem' in result ? { ...result, sql } : result;
}

/** One file read, as cached: the text, or why not. */
function readWithin(root: string, absolutePath: string): SqlFileRead {
  const file = relative(root, absolutePath);
  if (file === '' || file.startsWith(`..${sep}`) || file === '..' || isAbsolute(file)) {
    return { problem: `SQL file outside the scanned directory: ${absolutePath}` };
  }
  const shown = file.split(sep).join('/');
  try {
    const stat = statSync(absolutePath);
    if (!stat.isFile()) return { problem: `SQL file is not a file: ${shown}` };
    if (stat.size > MAX_SQL_FILE_BYTES) return { problem: `SQL file over ${MAX_SQL_FILE_BYTES / 1024 / 1024} MiB: ${shown}` };
    return { text: readFileSync(absolutePath, 'utf8'), file: shown };
  } catch {
    return { problem: `SQL file not found: ${shown}` };
  }
}

/** Per loader (one per thread and scan), like the module loader's cache: each file is read once. */
const caches = new WeakMap<ModuleLoader, Map<string, SqlFileRead>>();

/** The loader, able to read SQL files under `root` (the scanned directory). */
export function withSqlFiles(load: ModuleLoader, root: string): ModuleLoader {
  let cache = caches.get(load);
  if (!cache) {
    cache = new Map();
    caches.set(load, cache);
  }
  const reads = cache;
  const readSqlFile: SqlFileReader = (absolutePath) => {
    const key = `${root}\u0000${absolutePath}`;
    let read = reads.get(key);
    if (!read) {
      read = readWithin(root, absolutePath);
      reads.set(key, read);
    }
    return read;
  };
  return Object.assign((fromPath: string, specifier: string) => load(fromPath, specifier), { readSqlFile });
}
