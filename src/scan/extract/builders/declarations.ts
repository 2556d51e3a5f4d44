// What each name of a file is declared as, found in one walk of the raw syntax tree (no binder, no
// type checker): imports, `require()`, variables, parameters (and the call a callback is passed
// to), functions, class properties (`this.db`), exports. Lookups pick the innermost declaration
// whose scope holds the use.
import { ts } from '../../typescript.js';
import { skipWrappers } from './chain.js';
import { commonJsExports } from '../commonjs-exports.js';
import { treeCache } from './tree-cache.js';
import { TYPE_ONLY } from '../type-only.js';

export interface ImportFrom {
  readonly module: string;
  /** `default`, `*` (namespace import or require) or the exported name */
  readonly imported: string;
}

export interface Declaration {
  readonly name: string;
  readonly kind: 'import' | 'variable' | 'parameter' | 'function' | 'property';
  readonly scopeStart: number;
  readonly scopeEnd: number;
  readonly position: number;
  readonly importFrom?: ImportFrom;
  readonly type?: ts.TypeNode;
  readonly initializer?: ts.Expression;
  /** function declarations and functions assigned to variables (what they return: returnedExpressions) */
  readonly function?: ts.SignatureDeclaration;
  /** parameters of a function passed as an argument: the call it is passed to */
  readonly callbackOf?: ts.CallExpression;
  /** a `const` variable (its initializer is its value wherever it is read) */
  readonly constant?: true;
}

export interface FileDeclarations {
  readonly sourceFile: ts.SourceFile;
  readonly byName: ReadonlyMap<string, readonly Declaration[]>;
  /** exported name → local name (`export { a as b }`, `export const b`, `export default b`) */
  readonly exports: ReadonlyMap<string, string>;
  /** `export { b } from './m'` → module and name there */
  readonly reexports: ReadonlyMap<string, ImportFrom>;
  /** `export * from './m'` */
  readonly exportAll: readonly string[];
  /** `type Client = SupabaseClient<Database>`: type aliases, apart from values (a type and a value may share a name) */
  readonly typeAliases: ReadonlyMap<string, readonly TypeAlias[]>;
}

export interface TypeAlias {
  readonly scopeStart: number;
  readonly scopeEnd: number;
  readonly type: ts.TypeNode;
}

const cache = treeCache<ts.SourceFile, FileDeclarations>('declarations');

interface Scope {
  readonly start: number;
  readonly end: number;
  visitChild?: (child: ts.Node) => void;
}

/**
 * The syntax kinds the walk below looks at (declarations, calls, functions, scopes); it only walks
 * through the others. Why a table: most nodes are none of them, and testing each node against every
 * kind was as costly as parsing the file (measured on the 500k-line bench). Built from the same
 * ts.is* tests the walk uses, so the two cannot disagree.
 */
const DECLARES: boolean[] = [];
for (let kind = 0; kind < ts.SyntaxKind.Count; kind++) {
  const node = { kind } as ts.Node;
  DECLARES[kind] =
    ts.isImportDeclaration(node) ||
    ts.isExportDeclaration(node) ||
    ts.isExportAssignment(node) ||
    ts.isVariableStatement(node) ||
    ts.isVariableDeclaration(node) ||
    ts.isFunctionDeclaration(node) ||
    ts.isClassDeclaration(node) ||
    ts.isClassExpression(node) ||
    ts.isCallExpression(node) ||
    ts.isFunctionLike(node) ||
    ts.isBlock(node) ||
    ts.isCaseBlock(node) ||
    ts.isForStatement(node) ||
    ts.isForOfStatement(node) ||
    ts.isTypeAliasDeclaration(node);
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === kind) ?? false);
}

const returnsCache = treeCache<ts.SignatureDeclaration, readonly ts.Expression[]>('returns');

/**
 * What a declared function returns (its `return` expressions, or an arrow's expression body); empty
 * when the declaration is no function. Looked for only when asked: walking every function body up front
 * cost a fifth of the declarations walk on the 500k-line bench.
 */
export function returnedExpressions(declaration: Declaration): readonly ts.Expression[] {
  return declaration.function ? functionReturns(declaration.function) : [];
}

/** What a function (or method) returns: the expressions of its return statements, or an arrow's body. */
export function functionReturns(fn: ts.SignatureDeclaration): readonly ts.Expression[] {
  let returns = returnsCache.get(fn);
  if (!returns) {
    returns = returnsOf(fn);
    returnsCache.set(fn, returns);
  }
  return returns;
}

function returnsOf(fn: ts.SignatureDeclaration): ts.Expression[] {
  if (ts.isArrowFunction(fn) && !ts.isBlock(fn.body)) return [fn.body];
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body || !ts.isBlock(body)) return [];
  const found: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) found.push(node.expression);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

function requireOf(expression: ts.Expression | undefined): string | null {
  if (!expression) return null;
  const node = skipWrappers(expression);
  if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'require') return null;
  const arg = node.arguments[0];
  return arg && ts.isStringLiteralLike(arg) ? arg.text : null;
}

/** Other nodes the walk hands over as it meets them, in the walk's order (file-index.ts: the same walk). */
export interface AlsoCollect {
  /** by syntax kind: whether `collect` wants nodes of that kind */
  readonly kinds: readonly boolean[];
  readonly collect: (node: ts.Node) => void;
}

export function declarationsOf(sourceFile: ts.SourceFile, also?: AlsoCollect): FileDeclarations {
  const cached = cache.get(sourceFile);
  if (cached) return cached;
  const alsoKinds = also?.kinds;
  const collect = also?.collect;
  const byName = new Map<string, Declaration[]>();
  const exports = new Map<string, string>();
  const reexports = new Map<string, ImportFrom>();
  const exportAll: string[] = [];
  const typeAliases = new Map<string, TypeAlias[]>();
  const callbacks = new Map<ts.Node, ts.CallExpression>();
  const add = (declaration: Declaration): void => {
    const list = byName.get(declaration.name) ?? [];
    list.push(declaration);
    byName.set(declaration.name, list);
  };
  // the declarations of `const` lists, met before their declarations are
  const constants = new Set<ts.VariableDeclaration>();
  const fileScope: Scope = { start: 0, end: sourceFile.end };
  // one child visitor per scope, not a closure per node
  const inScope = (scope: Scope): ((child: ts.Node) => void) => (scope.visitChild ??= (child) => visit(child, scope));

  const visit = (node: ts.Node, scope: Scope): void => {
    // parameters of function types and method signatures are never looked up from code
    if (TYPE_ONLY[node.kind]) return;
    if (alsoKinds?.[node.kind]) collect!(node);
    if (ts.isVariableDeclarationList(node) && node.flags & ts.NodeFlags.Const) for (const d of node.declarations) constants.add(d);
    if (!DECLARES[node.kind]) {
      ts.forEachChild(node, inScope(scope));
      return;
    }
    const position = node.pos;
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const module = node.moduleSpecifier.text;
      const clause = node.importClause;
      if (clause?.name) add({ name: clause.name.text, kind: 'import', ...range(fileScope), position, importFrom: { module, imported: 'default' } });
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) {
        add({ name: bindings.name.text, kind: 'import', ...range(fileScope), position, importFrom: { module, imported: '*' } });
      } else if (bindings) {
        for (const element of bindings.elements) {
          const imported = (element.propertyName ?? element.name).text;
          add({ name: element.name.text, kind: 'import', ...range(fileScope), position, importFrom: { module, imported } });
        }
      }
      return;
    }
    if (ts.isExportDeclaration(node)) {
      const module = node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) ? node.moduleSpecifier.text : null;
      if (!node.exportClause && module) exportAll.push(module);
      if (node.exportClause && ts.isNamedExports(node.exportClause)) {
        for (const element of node.exportClause.elements) {
          const local = (element.propertyName ?? element.name).text;
          if (module) reexports.set(element.name.text, { module, imported: local });
          else exports.set(element.name.text, local);
        }
      }
      return;
    }
    if (ts.isTypeAliasDeclaration(node)) {
      const list = typeAliases.get(node.name.text) ?? [];
      list.push({ ...range(scope), type: node.type });
      typeAliases.set(node.name.text, list);
      if (hasModifier(node, ts.SyntaxKind.ExportKeyword)) exports.set(node.name.text, node.name.text);
      return;
    }
    if (ts.isExportAssignment(node) && ts.isIdentifier(node.expression)) exports.set('default', node.expression.text);
    if (ts.isVariableStatement(node) && hasModifier(node, ts.SyntaxKind.ExportKeyword)) {
      for (const d of node.declarationList.declarations) if (ts.isIdentifier(d.name)) exports.set(d.name.text, d.name.text);
    }
    if (ts.isVariableDeclaration(node)) {
      const module = requireOf(node.initializer);
      if (ts.isIdentifier(node.name)) {
        add(
          module !== null
            ? { name: node.name.text, kind: 'import', ...range(scope), position, importFrom: { module, imported: '*' } }
            : {
                name: node.name.text,
                kind: 'variable',
                ...range(scope),
                position,
                ...(node.type ? { type: node.type } : {}),
                ...(node.initializer ? { initializer: node.initializer } : {}),
                ...(constants.has(node) ? { constant: true as const } : {}),
              },
        );
      } else if (ts.isObjectBindingPattern(node.name) && module !== null) {
        for (const element of node.name.elements) {
          if (!ts.isIdentifier(element.name)) continue;
          const imported = element.propertyName && ts.isIdentifier(element.propertyName) ? element.propertyName.text : element.name.text;
          add({ name: element.name.text, kind: 'import', ...range(scope), position, importFrom: { module, imported } });
        }
      } else if (ts.isObjectBindingPattern(node.name) && node.initializer) {
        // `const { supabase, response } = createClient(request)` (Supabase's Next.js middleware): each name is
        // that property of the initializer, written as a (synthesized) `initializer.name` to follow
        for (const element of node.name.elements) {
          if (!ts.isIdentifier(element.name) || element.dotDotDotToken || element.initializer) continue;
          const property = element.propertyName ?? element.name;
          if (!ts.isIdentifier(property)) continue;
          const initializer = ts.factory.createPropertyAccessExpression(node.initializer, property.text);
          add({ name: element.name.text, kind: 'variable', ...range(scope), position, initializer });
        }
      }
    }
    if (ts.isFunctionDeclaration(node) && node.name) {
      add({ name: node.name.text, kind: 'function', ...range(scope), position, function: node });
      if (hasModifier(node, ts.SyntaxKind.ExportKeyword)) {
        exports.set(hasModifier(node, ts.SyntaxKind.DefaultKeyword) ? 'default' : node.name.text, node.name.text);
      }
    }
    if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) {
      const classScope = { start: node.pos, end: node.end };
      for (const member of node.members) {
        if (ts.isPropertyDeclaration(member) && ts.isIdentifier(member.name)) {
          add({
            name: `this.${member.name.text}`,
            kind: 'property',
            ...range(classScope),
            position: member.pos,
            ...(member.type ? { type: member.type } : {}),
            ...(member.initializer ? { initializer: member.initializer } : {}),
          });
        }
        if (ts.isConstructorDeclaration(member)) {
          for (const parameter of member.parameters) {
            if (!ts.isIdentifier(parameter.name) || !ts.getModifiers(parameter)?.length) continue;
            add({ name: `this.${parameter.name.text}`, kind: 'property', ...range(classScope), position: parameter.pos, ...(parameter.type ? { type: parameter.type } : {}) });
          }
        }
      }
    }
    if (ts.isCallExpression(node)) {
      for (const arg of node.arguments) if (ts.isArrowFunction(arg) || ts.isFunctionExpression(arg)) callbacks.set(arg, node);
    }
    if (ts.isFunctionLike(node)) {
      const fnScope: Scope = { start: node.pos, end: node.end };
      const callbackOf = callbacks.get(node);
      for (const parameter of node.parameters) {
        if (!ts.isIdentifier(parameter.name)) continue;
        add({
          name: parameter.name.text,
          kind: 'parameter',
          ...range(fnScope),
          position: parameter.pos,
          ...(parameter.type ? { type: parameter.type } : {}),
          ...(callbackOf ? { callbackOf } : {}),
        });
      }
      ts.forEachChild(node, inScope(fnScope));
      return;
    }
    const opensScope = ts.isBlock(node) || ts.isCaseBlock(node) || ts.isForStatement(node) || ts.isForOfStatement(node);
    const inner = opensScope ? { start: node.pos, end: node.end } : scope;
    ts.forEachChild(node, inScope(inner));
  };
  ts.forEachChild(sourceFile, inScope(fileScope));

  // `const f = () => …` is a function too.
  for (const list of byName.values()) {
    for (let i = 0; i < list.length; i++) {
      const d = list[i]!;
      const init = d.initializer && skipWrappers(d.initializer);
      if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) list[i] = { ...d, function: init };
    }
  }
  for (const statement of sourceFile.statements) commonJsExport(statement, add, exports, fileScope);
  const result: FileDeclarations = { sourceFile, byName, exports, reexports, exportAll, typeAliases };
  cache.set(sourceFile, result);
  return result;
}

/** The name `module.exports = …` is declared under (no identifier can be spelled so). */
export const MODULE_EXPORTS = 'module.exports';

/**
 * CommonJS exports at the top level, as declarations: `module.exports = X` declares MODULE_EXPORTS (what
 * `require()` and a default import give); any other export is declared as `exports.name`, or names the
 * local it is (`module.exports = { query }`).
 */
function commonJsExport(statement: ts.Statement, add: (declaration: Declaration) => void, exports: Map<string, string>, fileScope: Scope): void {
  for (const { name, kind, value } of commonJsExports(statement)) {
    if (kind === 'member' && ts.isIdentifier(value) && value.text === name) {
      exports.set(name, name);
      continue;
    }
    const declared = kind === 'module' ? MODULE_EXPORTS : `exports.${name}`;
    add({ name: declared, kind: 'variable', ...range(fileScope), position: statement.pos, initializer: value });
    exports.set(kind === 'module' ? 'default' : name, declared);
  }
}

function range(scope: { start: number; end: number }): { scopeStart: number; scopeEnd: number } {
  return { scopeStart: scope.start, scopeEnd: scope.end };
}

/** The type alias a type reference to `name` at `position` means: the innermost scope holding it. */
export function lookupTypeAlias(declarations: FileDeclarations, name: string, position: number): TypeAlias | null {
  let best: TypeAlias | null = null;
  for (const alias of declarations.typeAliases.get(name) ?? []) {
    if (position < alias.scopeStart || position >= alias.scopeEnd) continue;
    if (!best || alias.scopeEnd - alias.scopeStart < best.scopeEnd - best.scopeStart) best = alias;
  }
  return best;
}

/** The declaration a use of `name` at `position` refers to: the innermost scope holding it. */
export function lookup(declarations: FileDeclarations, name: string, position: number): Declaration | null {
  let best: Declaration | null = null;
  for (const d of declarations.byName.get(name) ?? []) {
    if (position < d.scopeStart || position >= d.scopeEnd) continue;
    if (!best || d.scopeEnd - d.scopeStart < best.scopeEnd - best.scopeStart) best = d;
    else if (d.scopeEnd - d.scopeStart === best.scopeEnd - best.scopeStart && d.position <= position) best = d;
  }
  return best;
}
