// The TypeScript type checker, asked lazily: only for parameters whose kind syntax could not tell
// and that a rule needs (a value bound to a json/jsonb column through a driver that mangles
// arrays). One program over just those files (imports follow), never over the whole codebase.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Project, ts } from 'ts-morph';
import type { ValueKind } from './facts.js';

export interface TypeSite {
  /** relative to root */
  readonly file: string;
  readonly start: number;
  readonly end: number;
}

function findNode(sourceFile: ts.SourceFile, start: number, end: number): ts.Node | null {
  let found: ts.Node | null = null;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (node.getStart(sourceFile) === start && node.end === end) {
      found = node;
      return;
    }
    if (node.pos <= start && node.end >= end) ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

function kindOfType(type: ts.Type, checker: ts.TypeChecker): ValueKind {
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return 'unknown';
  if (type.isUnion()) {
    const kinds = new Set(
      type.types
        .filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)))
        .map((t) => kindOfType(t, checker)),
    );
    return kinds.size === 1 ? [...kinds][0]! : 'unknown';
  }
  if (checker.isArrayType(type) || checker.isTupleType(type)) return 'array';
  if (type.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.BigIntLike)) return 'scalar';
  const name = type.getSymbol()?.getName();
  if (name === 'Date' || name === 'Buffer' || name === 'Uint8Array') return 'scalar';
  if (type.flags & ts.TypeFlags.Object) {
    // why: a readonly array or an Array subclass is still sent as a PostgreSQL array
    if (checker.isArrayLikeType(type) && type.getProperty('length') && type.getNumberIndexType()) return 'array';
    return 'object';
  }
  return 'unknown';
}

/**
 * A type program built ahead: TypeScript's lib files parsed and bound while the workers still parse
 * the code (the main thread is idle then), and each file that needs the checker (with its imports)
 * as soon as a worker reports it. Measured on the 500k-line bench when 383 files needed it: the
 * program's part after the workers was 3.1 s of CPU cold, 2.0 s with the lib files warmed, and
 * 2.5 -> 0.9 s of wall time (load 11) with the code's files parsed and bound ahead too. The program
 * itself is unchanged: the same root files, the same files in the same order (TypeScript skips
 * binding a file it has bound, as its language service does with every unchanged file), the same
 * answers.
 */
export interface TypeProgram {
  readonly project: Project;
  /**
   * Parse a file the program will get, now: `resolveTypeKinds` then takes this parse instead of
   * parsing it again (if the file's text is still the same). Adds nothing to the program.
   * Returns the files it parsed: this one and the ones it imports, unless parsed before.
   */
  parseAhead(path: string): ts.SourceFile[];
}

function newProject(options: ts.CompilerOptions | null): Project {
  // why a ts-morph Project: it serves TypeScript's lib files from its bundle (a bare program would
  // find no lib.d.ts next to ts-morph's typescript.js, and `Visit[]` would not be an array)
  return new Project({
    compilerOptions: { ...(options ?? DEFAULT_OPTIONS), noEmit: true, skipLibCheck: true, allowJs: true },
    skipAddingFilesFromTsConfig: true,
  });
}

/** ts-morph's document registry (ts-morph 28: `project._context.compilerFactory.documentRegistry`). */
interface DocumentRegistry {
  createOrUpdateSourceFile(fileName: string, settings: ts.CompilerOptions, snapshot: ts.IScriptSnapshot, scriptKind: ts.ScriptKind | undefined): ts.SourceFile;
}

/**
 * `parseAhead` for a project. Every file ts-morph adds (a root file, an import it follows) is parsed
 * by its document registry; a file parsed ahead with the same call is handed out from here instead,
 * when ts-morph asks for it with the same text. Order and content of the program stay ts-morph's.
 * Without that registry (another ts-morph version) files are simply parsed when they are added.
 * The files a parsed file imports or references are guessed and parsed too (measured on the
 * 500k-line bench: 107 such files, @types/node most of them, ~0.4 s of the program's tail); a wrong
 * guess only costs its parse, TypeScript resolves every import itself. Files are bound ahead, too
 * (measured: ~0.3 s of the tail, more on a loaded machine).
 */
function parsingAhead(project: Project): (path: string) => ts.SourceFile[] {
  const internals = project as unknown as { _context?: { compilerFactory?: { documentRegistry?: DocumentRegistry } } };
  const registry = internals._context?.compilerFactory?.documentRegistry;
  if (typeof registry?.createOrUpdateSourceFile !== 'function') return () => [];
  const parse = registry.createOrUpdateSourceFile.bind(registry);
  const ahead = new Map<string, { readonly text: string; readonly file: ts.SourceFile }>();
  registry.createOrUpdateSourceFile = (fileName, settings, snapshot, scriptKind) => {
    const early = ahead.get(fileName);
    ahead.delete(fileName);
    if (early && scriptKind === undefined && early.text === snapshot.getText(0, snapshot.getLength())) return early.file;
    return parse(fileName, settings, snapshot, scriptKind);
  };
  const options = project.compilerOptions.get();
  // TypeScript's own (not in its typings): what the type checker runs on every file when it starts
  const bind = (ts as unknown as { bindSourceFile?: (file: ts.SourceFile, options: ts.CompilerOptions) => void }).bindSourceFile;
  const resolutions = ts.createModuleResolutionCache(ts.sys.getCurrentDirectory(), (name) => name, options);
  const seen = new Set<string>();
  const parseOne = (path: string): ts.SourceFile | null => {
    if (seen.has(path) || project.getSourceFile(path)) return null;
    seen.add(path);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return null; // ts-morph reports it when the file is added
    }
    // as ts-morph reads a file: without its byte order mark
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const file = parse(path, options, ts.ScriptSnapshot.fromString(text), undefined);
    // binding, too, is the file's alone (the checker binds a file only once, with the same options)
    try {
      bind?.(file, options);
    } catch {
      return null; // half bound: the program parses and binds it itself
    }
    ahead.set(path, { text, file });
    return file;
  };
  return (path) => {
    const parsed: ts.SourceFile[] = [];
    const pending = [path];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      const file = parseOne(next);
      if (file) {
        parsed.push(file);
        pending.push(...referencedFiles(file, options, resolutions));
      }
    }
    return parsed;
  };
}

/** The files a file's top-level imports and its `/// <reference>`s most likely resolve to. */
function referencedFiles(file: ts.SourceFile, options: ts.CompilerOptions, cache: ts.ModuleResolutionCache): string[] {
  const found: string[] = [];
  const add = (resolved: ts.ResolvedModuleFull | ts.ResolvedTypeReferenceDirective | undefined): void => {
    const name = resolved?.resolvedFileName;
    // a program takes no JavaScript from node_modules (maxNodeModuleJsDepth 0)
    if (name && !(resolved.isExternalLibraryImport && /\.[cm]?jsx?$/.test(name))) found.push(name);
  };
  for (const statement of file.statements) {
    const specifier =
      ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)
        ? statement.moduleSpecifier
        : ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)
          ? statement.moduleReference.expression
          : undefined;
    if (specifier && ts.isStringLiteral(specifier)) add(ts.resolveModuleName(specifier.text, file.fileName, options, ts.sys, cache).resolvedModule);
  }
  for (const reference of file.referencedFiles) found.push(join(dirname(file.fileName), reference.fileName));
  for (const reference of file.typeReferenceDirectives) {
    add(ts.resolveTypeReferenceDirective(reference.fileName, file.fileName, options, ts.sys).resolvedTypeReferenceDirective);
  }
  return found;
}

/** Parse and bind the lib files now; `resolveSiteKinds` later adds the code's files. */
export function warmTypeProgram(root: string, options: ts.CompilerOptions | null): TypeProgram {
  const project = newProject(options);
  // TypeScript adds the lib files only to a program with a root file: an empty one, removed again
  const placeholder = project.createSourceFile(join(root, '__schema-diff-type-warm-up__.ts'), '', { overwrite: true });
  void project.getTypeChecker().compilerObject;
  project.removeSourceFile(placeholder);
  return { project, parseAhead: parsingAhead(project) };
}

/** Kinds for the given sites, keyed `file:start:end`. */
export function resolveTypeKinds(root: string, sites: readonly TypeSite[], options: ts.CompilerOptions, warm?: TypeProgram): Map<string, ValueKind> {
  const result = new Map<string, ValueKind>();
  if (sites.length === 0) return result;
  const files = [...new Set(sites.map((s) => s.file))];
  const project = warm?.project ?? newProject(options);
  for (const file of files) project.addSourceFileAtPath(join(root, file));
  project.resolveSourceFileDependencies();
  const checker = project.getTypeChecker().compilerObject;
  for (const site of sites) {
    const sourceFile = project.getSourceFile(join(root, site.file))?.compilerNode;
    const node = sourceFile ? findNode(sourceFile, site.start, site.end) : null;
    const kind = node ? kindOfType(checker.getTypeAtLocation(node), checker) : 'unknown';
    result.set(`${site.file}:${site.start}:${site.end}`, kind);
  }
  return result;
}

/** The kinds for every file's sites (`result[f][i]` for `files[f].sites[i]`): one program for all of them. */
export function resolveSiteKinds(
  root: string,
  files: readonly { readonly file: string; readonly sites: readonly { readonly start: number; readonly end: number }[] }[],
  options: ts.CompilerOptions | null,
  warm?: TypeProgram,
): ValueKind[][] {
  const all: TypeSite[] = files.flatMap(({ file, sites }) => sites.map((site) => ({ file, ...site })));
  if (all.length === 0) return files.map(() => []);
  const kinds = resolveTypeKinds(root, all, options ?? DEFAULT_OPTIONS, warm);
  return files.map(({ file, sites }) => sites.map((site) => kinds.get(`${file}:${site.start}:${site.end}`) ?? 'unknown'));
}

/** Without a tsconfig.json: modern Node.js, JavaScript files included. */
const DEFAULT_OPTIONS: ts.CompilerOptions = {
  allowJs: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
};
