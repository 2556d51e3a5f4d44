// One walk over a parsed file that collects what every extractor and the constant resolver need:
// calls, tagged templates, `const` bindings, imports and exports. Raw TypeScript nodes, no parent
// pointers, no type checker (research/dependencies.md §4: 6x faster than the wrapped ts-morph API).
import { SCAN_PARSE_OPTIONS, ts } from '../typescript.js';
import { declarationsOf } from './builders/declarations.js';
import { commonJsExports } from './commonjs-exports.js';
import { lineAndCharacter } from './line-map.js';
import { TYPE_ONLY } from './type-only.js';
import type { ImportBinding } from './types.js';

export type ExportTarget =
  | { readonly kind: 'local'; readonly name: string }
  | { readonly kind: 'reexport'; readonly module: string; readonly name: string };

export interface FileIndex {
  readonly sourceFile: ts.SourceFile;
  readonly calls: ts.CallExpression[];
  readonly taggedTemplates: ts.TaggedTemplateExpression[];
  /** `const NAME = init` anywhere in the file; null when the name is declared more than once */
  readonly constants: Map<string, ts.Expression | null>;
  /** top-level `function NAME(…) {…}` declarations (SQL builder functions); null when overloaded */
  readonly functions: Map<string, ts.FunctionDeclaration | null>;
  readonly imports: Map<string, ImportBinding>;
  readonly exports: Map<string, ExportTarget>;
  readonly starExports: string[];
  /** 1-based lines that carry `// schema-diff-ignore-next-line [rules]`, for the line after */
  readonly suppressions: Map<number, ReadonlySet<string> | 'all'>;
}

const IGNORE = /\/\/\s*schema-diff-ignore-next-line\b([^\n]*)/g;

/** `require('module')` → the module; null for anything else. */
export function requireOf(node: ts.Expression | null | undefined): string | null {
  if (!node || !ts.isCallExpression(node)) return null;
  if (!ts.isIdentifier(node.expression) || node.expression.text !== 'require') return null;
  const arg = node.arguments[0];
  return arg && ts.isStringLiteral(arg) ? arg.text : null;
}

function addConstant(index: FileIndex, name: string, init: ts.Expression | undefined): void {
  if (!init) return;
  index.constants.set(name, index.constants.has(name) ? null : init);
}

function indexTopLevel(index: FileIndex, statement: ts.Statement): void {
  if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
    const module = statement.moduleSpecifier.text;
    const clause = statement.importClause;
    if (clause?.name) index.imports.set(clause.name.text, { module, imported: 'default' });
    const bindings = clause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) index.imports.set(bindings.name.text, { module, imported: '*' });
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) {
        index.imports.set(element.name.text, { module, imported: (element.propertyName ?? element.name).text });
      }
    }
  } else if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
    const expr = statement.moduleReference.expression;
    if (ts.isStringLiteral(expr)) index.imports.set(statement.name.text, { module: expr.text, imported: '*' });
  } else if (ts.isVariableStatement(statement)) {
    const exported = statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
    for (const declaration of statement.declarationList.declarations) {
      const module = requireOf(declaration.initializer);
      if (module !== null && ts.isIdentifier(declaration.name)) {
        index.imports.set(declaration.name.text, { module, imported: '*' });
      } else if (module !== null && ts.isObjectBindingPattern(declaration.name)) {
        for (const element of declaration.name.elements) {
          if (!ts.isIdentifier(element.name)) continue;
          const imported = element.propertyName && ts.isIdentifier(element.propertyName) ? element.propertyName.text : element.name.text;
          index.imports.set(element.name.text, { module, imported });
        }
      }
      if (exported && ts.isIdentifier(declaration.name)) {
        index.exports.set(declaration.name.text, { kind: 'local', name: declaration.name.text });
      }
    }
  } else if (ts.isFunctionDeclaration(statement) && statement.body) {
    const modifiers = statement.modifiers ?? [];
    const exported = modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    const name = statement.name?.text ?? (exported && modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword) ? '\u0000default' : null);
    if (name === null) return;
    index.functions.set(name, index.functions.has(name) ? null : statement);
    if (exported) index.exports.set(name === '\u0000default' ? 'default' : name, { kind: 'local', name });
  } else if (ts.isExportDeclaration(statement)) {
    const module = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : null;
    const clause = statement.exportClause;
    if (!clause && module !== null) index.starExports.push(module);
    if (clause && ts.isNamedExports(clause)) {
      for (const element of clause.elements) {
        const local = (element.propertyName ?? element.name).text;
        index.exports.set(
          element.name.text,
          module === null ? { kind: 'local', name: local } : { kind: 'reexport', module, name: local },
        );
      }
    }
  } else if (ts.isExpressionStatement(statement)) {
    indexCommonJsExports(index, statement);
  } else if (ts.isExportAssignment(statement) && !statement.isExportEquals) {
    if (ts.isIdentifier(statement.expression)) index.exports.set('default', { kind: 'local', name: statement.expression.text });
    else {
      index.constants.set('\u0000default', statement.expression);
      index.exports.set('default', { kind: 'local', name: '\u0000default' });
    }
  }
}

/**
 * CommonJS exports at the top level, as ES exports of the same names (`module.exports` itself as the
 * default a default import gets). Values that are not a local name are kept as constants under a name
 * no identifier can have.
 */
function indexCommonJsExports(index: FileIndex, statement: ts.Statement): void {
  for (const { name, kind, value } of commonJsExports(statement)) {
    const exported = kind === 'module' ? 'default' : name;
    if (ts.isIdentifier(value)) {
      index.exports.set(exported, { kind: 'local', name: value.text });
      continue;
    }
    const local = `\u0000cjs:${exported}`;
    index.constants.set(local, value);
    index.exports.set(exported, { kind: 'local', name: local });
  }
}

function suppressionsOf(text: string, sourceFile: ts.SourceFile): FileIndex['suppressions'] {
  const result: FileIndex['suppressions'] = new Map();
  if (!text.includes('schema-diff-ignore-next-line')) return result;
  for (const match of text.matchAll(IGNORE)) {
    const line = lineAndCharacter(sourceFile, match.index ?? 0).line + 1;
    const rules = (match[1] ?? '').split(/[\s,]+/).filter((r) => /^[a-z][a-z0-9-]*$/.test(r));
    result.set(line + 1, rules.length === 0 ? 'all' : new Set(rules));
  }
  return result;
}

/**
 * Parses a file and indexes it. `wantsDeclarations` is asked once the top-level imports are known:
 * when it says yes, the file's declarations (builders/declarations.ts) are collected in the same walk
 * over the tree, instead of a second walk when an extractor first asks for them. Why: the second walk
 * cost about a seventh of the parse on the 500k-line bench, and there every file has its declarations
 * read.
 */
export function indexFile(fileName: string, text: string, wantsDeclarations?: (index: FileIndex) => boolean): FileIndex {
  const kind = fileName.endsWith('.tsx') || fileName.endsWith('.jsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sourceFile = ts.createSourceFile(fileName, text, SCAN_PARSE_OPTIONS, false, kind);
  const index: FileIndex = {
    sourceFile,
    calls: [],
    taggedTemplates: [],
    constants: new Map(),
    functions: new Map(),
    imports: new Map(),
    exports: new Map(),
    starExports: [],
    suppressions: suppressionsOf(text, sourceFile),
  };
  for (const statement of sourceFile.statements) indexTopLevel(index, statement);
  const collect = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) index.calls.push(node);
    else if (ts.isTaggedTemplateExpression(node)) index.taggedTemplates.push(node);
    else if (ts.isVariableDeclarationList(node) && (node.flags & ts.NodeFlags.Const) !== 0) {
      for (const declaration of node.declarations) {
        if (ts.isIdentifier(declaration.name)) addConstant(index, declaration.name.text, declaration.initializer);
      }
    }
  };
  if (wantsDeclarations?.(index)) {
    declarationsOf(sourceFile, { kinds: INDEXED, collect });
    return index;
  }
  const visit = (node: ts.Node): void => {
    if (TYPE_ONLY[node.kind]) return;
    collect(node);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return index;
}

/** the kinds `collect` above looks at */
const INDEXED: readonly boolean[] = Array.from(
  { length: ts.SyntaxKind.Count },
  (_, kind) => kind === ts.SyntaxKind.CallExpression || kind === ts.SyntaxKind.TaggedTemplateExpression || kind === ts.SyntaxKind.VariableDeclarationList,
);
