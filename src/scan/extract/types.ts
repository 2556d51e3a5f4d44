// The contract between the scanner and its extractors (one per client library, like knip's
// plugins). The scanner parses each file once with the raw TypeScript parser, collects every call
// and tagged template in one walk, and hands them to the extractors the project enables; an
// extractor looks only at those nodes and returns neutral facts (../facts.ts).
import type { ts } from 'ts-morph';
import type { ExtractedStatement, Location, ParamFact } from '../facts.js';
import type { SqlTexts, SqlTextProblem } from './constants.js';
import type { QueryCallShape, QueryWrapper } from './query-wrappers.js';

/** Where a local name comes from: `import { sql as q } from 'slonik'` → `q` ↦ { module: 'slonik', imported: 'sql' }. */
export interface ImportBinding {
  readonly module: string;
  /** the exported name, `default` for default imports, `*` for namespace imports and `require()` */
  readonly imported: string;
}

export interface ExtractContext {
  /** relative to the scanned directory, `/` separators */
  readonly file: string;
  /** parsed without parent pointers; use `context.parentOf` when an extractor needs to look up */
  readonly sourceFile: ts.SourceFile;
  /** every call expression in the file, in source order */
  readonly calls: readonly ts.CallExpression[];
  /** every tagged template in the file, in source order */
  readonly taggedTemplates: readonly ts.TaggedTemplateExpression[];
  /** local names bound by imports and top-level `require()` */
  readonly imports: ReadonlyMap<string, ImportBinding>;
  /** package names the project declares (package.json dependencies of every kind) */
  readonly dependencies: ReadonlySet<string>;
  /** 1-based line and column of a node's first token */
  location(node: ts.Node): Location;
  /**
   * The string an expression always evaluates to, or null: literals, `const` bindings in scope,
   * imported constants (relative imports), `+` concatenation and templates whose holes are
   * themselves constant. Never guesses.
   */
  constantText(expression: ts.Expression): string | null;
  /**
   * `constantText` for a whole statement's SQL: also evaluates calls to SQL builder functions, and a
   * builder parameter given at run time that qualifies a relation (`${schema}.job`) leaves the name
   * unqualified (looked up in every schema the snapshot covers). SQL read from a file whose path is
   * known statically is the file's text; `unresolved` says why such a file was not read. Never guesses
   * anything else.
   */
  sqlText(expression: ts.Expression): SqlTexts | SqlTextProblem | null;
  /** A bound value as a parameter fact: its kind from syntax, or a type site for the checker. */
  paramFact(expression: ts.Expression, index: number): ParamFact;
  /** the initializer of a `const` of this file the identifier names (unambiguously), else null */
  resolveLocal(expression: ts.Expression): ts.Expression | null;
  /** name of the local import binding the expression's root identifier refers to, if any */
  importOf(expression: ts.Expression): ImportBinding | null;
  /** the application's function a call calls, when it passes its SQL text on to a query call of `shape` */
  queryWrapper(call: ts.CallExpression, shape: QueryCallShape): QueryWrapper | null;
}

export interface Extractor {
  /** the library id statements carry */
  readonly id: ExtractedStatement['library'];
  /** package names that turn the extractor on when the project depends on any of them (or a file imports one) */
  readonly enablers: readonly string[];
  /**
   * true when extract() follows names to their declarations (builders/declarations.ts, origin.ts):
   * the scanner then collects the file's declarations in the walk that finds its calls
   */
  readonly readsDeclarations?: boolean;
  /** docs of the client library the call shapes come from */
  readonly docs: string;
  extract(sourceFile: ts.SourceFile, context: ExtractContext): ExtractedStatement[];
}
