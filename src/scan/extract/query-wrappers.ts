// Functions an application wraps its query calls in. node-postgres' own guide
// (https://node-postgres.com/guides/project-structure) puts
//   export const query = (text, params) => pool.query(text, params)
// in db/index.js, and the routes call `query('SELECT …', [id])`: the call sites hold the SQL, the
// wrapper only passes it on. A function is such a wrapper when its body hands one of its own parameters,
// as it is, to a query call as the SQL text (and maybe another as the values); wrappers of wrappers
// count too, a few levels deep. Found by resolving the callee through constants.ts (local functions
// and consts, relative imports, namespace imports, `module.exports` objects): never by name alone.
import { ts } from '../typescript.js';
import { skipWrappers } from './builders/chain.js';
import { treeCache, type TreeCache } from './builders/tree-cache.js';
import { resolveExpression, type IndexedFile, type ModuleLoader } from './constants.js';
import { pathTo } from './node-path.js';
import { isProjectModule } from './builders/modules.js';

/** Which of the wrapper's parameters carry the SQL text and the values (positions, from 0). */
export interface QueryWrapper {
  readonly text: number;
  /** null: the wrapper does not pass values through */
  readonly values: number | null;
}

/** A library's query call: its text and values arguments, or null when the call is not one. */
export type QueryCallArguments = (call: ts.CallExpression) => { text: ts.Expression; values: ts.Expression | undefined } | null;

export interface QueryCallShape {
  /** method names of the library's query calls (`.query`, `.any`, …) */
  readonly methods: ReadonlySet<string>;
  readonly argumentsOf: QueryCallArguments;
  readonly cache: TreeCache<ts.Node, QueryWrapper | null>;
}

export function queryCallShape(id: string, methods: ReadonlySet<string>, argumentsOf: QueryCallArguments): QueryCallShape {
  return { methods, argumentsOf, cache: treeCache<ts.Node, QueryWrapper | null>(`query wrapper (${id})`) };
}

const MAX_DEPTH = 3;

/**
 * Whether the callee can name a function of the application at all, before resolving it: a function or
 * `const` of the file, an import of the project's own code (relative, a tsconfig alias, a workspace
 * package), or a member of such a module imported whole. Keeps the
 * resolution off the many calls that are neither (`console.log`, `rows.map`, …).
 */
function mayNameFunction(callee: ts.Expression, file: IndexedFile): boolean {
  const index = file.index;
  if (ts.isIdentifier(callee)) {
    const name = callee.text;
    if (index.functions.has(name) || index.constants.has(name)) return true;
    const binding = index.imports.get(name);
    return binding !== undefined && isProjectModule(file.path, binding.module);
  }
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
    const binding = index.imports.get(callee.expression.text);
    return binding !== undefined && (binding.imported === '*' || binding.imported === 'default') && isProjectModule(file.path, binding.module);
  }
  return false;
}

/** The wrapper a call calls, if its callee resolves to one. */
export function wrapperCalled(
  call: ts.CallExpression,
  file: IndexedFile,
  load: ModuleLoader,
  shape: QueryCallShape,
  depth = 0,
  enclosing: readonly ts.Node[] = [],
): QueryWrapper | null {
  const callee = skipWrappers(call.expression);
  if (ts.isPropertyAccessExpression(callee) && (callee.expression.kind === ts.SyntaxKind.ThisKeyword || callee.expression.kind === ts.SyntaxKind.SuperKeyword)) {
    const method = methodCalled(call, callee, file, load);
    return method ? wrapperOf(method.fn, method.file, load, shape, depth, enclosing) : null;
  }
  if (!mayNameFunction(callee, file)) return null;
  const found = resolveExpression({ expression: callee, file }, load);
  if (!found) return null;
  const fn = found.expression as ts.Node;
  if (!ts.isFunctionDeclaration(fn) && !ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn) && !ts.isMethodDeclaration(fn)) return null;
  return wrapperOf(fn, found.file, load, shape, depth, enclosing);
}

function wrapperOf(
  fn: ts.FunctionLikeDeclaration,
  file: IndexedFile,
  load: ModuleLoader,
  shape: QueryCallShape,
  depth: number,
  enclosing: readonly ts.Node[],
): QueryWrapper | null {
  // why only the outermost answer is kept: one found a few calls deep was cut short by MAX_DEPTH, and
  // reusing either kind of answer at another depth would make findings depend on the order the files
  // are scanned in (and so on the number of worker threads)
  if (depth === 0 && shape.cache.has(fn)) return shape.cache.get(fn) ?? null;
  // a function that calls itself (or one that calls it back) is not a wrapper through that call
  if (enclosing.includes(fn)) return null;
  const inside = [...enclosing, fn];
  const body = fn.body;
  const parameters = fn.parameters.map((p) => (ts.isIdentifier(p.name) && !p.dotDotDotToken ? p.name.text : null));
  if (!body || parameters.every((p) => p === null)) return null;
  const position = (expression: ts.Expression | undefined): number | null => {
    if (!expression) return null;
    const node = skipWrappers(expression);
    if (!ts.isIdentifier(node)) return null;
    const i = parameters.indexOf(node.text);
    return i >= 0 ? i : null;
  };
  let found: QueryWrapper | null = null;
  const visit = (node: ts.Node): boolean | undefined => {
    // a nested function that declares the same name hides the wrapper's parameter: not looked into
    if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isFunctionDeclaration(node)) &&
        node.parameters.some((p) => ts.isIdentifier(p.name) && parameters.includes(p.name.text))) {
      return undefined;
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      let args: { text: ts.Expression | undefined; values: ts.Expression | undefined } | null = null;
      if (ts.isPropertyAccessExpression(callee) && shape.methods.has(callee.name.text)) args = shape.argumentsOf(node);
      else if (depth < MAX_DEPTH) {
        const inner = wrapperCalled(node, file, load, shape, depth + 1, inside);
        if (inner) args = { text: node.arguments[inner.text], values: inner.values === null ? undefined : node.arguments[inner.values] };
      }
      const text = position(args?.text);
      if (text !== null) {
        found = { text, values: position(args?.values) };
        return true;
      }
    }
    return ts.forEachChild(node, visit);
  };
  visit(body);
  if (depth === 0) shape.cache.set(fn, found);
  return found;
}

/**
 * Whether a query call's text is a parameter of the function it is written in, passed on as it is: the
 * body of a wrapper. Its SQL is at the wrapper's call sites, which count (checked or not) on their own;
 * the forwarding call is not a site.
 */
export function forwardsParameter(call: ts.CallExpression, text: ts.Expression, sourceFile: ts.SourceFile): boolean {
  const node = skipWrappers(text);
  if (!ts.isIdentifier(node)) return false;
  const path = pathTo(sourceFile, call.getStart(sourceFile));
  for (let i = path.length - 1; i >= 0; i--) {
    const scope = path[i]!;
    if (!ts.isFunctionLike(scope)) continue;
    if (scope.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === node.text)) return true;
  }
  return false;
}

type ClassLike = ts.ClassDeclaration | ts.ClassExpression;

/**
 * `this.name(…)` / `super.name(…)` inside a class: the method `name` of the class (for `this`) or of the
 * classes it extends, a class of the file or of a relative import, a few levels up. Repository classes
 * keep their query helper in a base class (`class UserRepository extends BaseRepository`).
 */
function methodCalled(call: ts.CallExpression, callee: ts.PropertyAccessExpression, file: IndexedFile, load: ModuleLoader): { fn: ts.FunctionLikeDeclaration; file: IndexedFile } | null {
  const path = pathTo(file.index.sourceFile, call.getStart(file.index.sourceFile));
  let owner: ClassLike | null = null;
  for (let i = path.length - 1; i >= 0 && !owner; i--) {
    const node = path[i]!;
    if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) owner = node;
    // a `function` has a `this` of its own; an arrow function has the class's
    else if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node)) return null;
  }
  if (!owner) return null;
  const name = callee.name.text;
  let current: { cls: ClassLike; file: IndexedFile } | null = { cls: owner, file };
  if (callee.expression.kind === ts.SyntaxKind.SuperKeyword) current = baseOf(current.cls, current.file, load);
  for (let level = 0; current && level < MAX_DEPTH; level++) {
    for (const member of current.cls.members) {
      if (!member.name || !ts.isIdentifier(member.name) || member.name.text !== name) continue;
      if (ts.isMethodDeclaration(member) && member.body) return { fn: member, file: current.file };
      const init = ts.isPropertyDeclaration(member) ? member.initializer : undefined;
      if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) return { fn: init, file: current.file };
      return null; // a member of that name that is not a function of its own
    }
    current = baseOf(current.cls, current.file, load);
  }
  return null;
}

/** The class a class extends, when it is a class of the file or one a relative import names. */
function baseOf(cls: ClassLike, file: IndexedFile, load: ModuleLoader): { cls: ClassLike; file: IndexedFile } | null {
  const clause = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword);
  const base = clause?.types[0]?.expression;
  if (!base || !ts.isIdentifier(base)) return null;
  const local = classNamed(file, base.text, false);
  if (local) return { cls: local, file };
  const binding = file.index.imports.get(base.text);
  if (!binding || binding.imported === '*' || !isProjectModule(file.path, binding.module)) return null;
  const module = load(file.path, binding.module);
  if (!module) return null;
  const target = module.index.exports.get(binding.imported);
  const exported = target?.kind === 'local' ? classNamed(module, target.name, false) : classNamed(module, binding.imported, true);
  return exported ? { cls: exported, file: module } : null;
}

/** A top-level class declaration of the file by name (`default`: the default-exported one, when asked). */
function classNamed(file: IndexedFile, name: string, exportedOnly: boolean): ts.ClassDeclaration | null {
  for (const statement of file.index.sourceFile.statements) {
    if (!ts.isClassDeclaration(statement)) continue;
    const modifiers = statement.modifiers ?? [];
    const exported = modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (exportedOnly && !exported) continue;
    if (statement.name?.text === name) return statement;
    if (name === 'default' && exported && modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) return statement;
  }
  return null;
}
