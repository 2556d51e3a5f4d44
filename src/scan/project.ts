// Which files make up a scanned codebase, and which packages it declares. Honours tsconfig.json
// (files/include/exclude, allowJs) when there is one, else walks the directory; always applies the
// default excludes and the user's include/exclude globs. The only file-system reading in scan/
// besides reading the files themselves.
import { readdirSync, readFileSync, existsSync, statSync, type Dirent } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { ts } from 'ts-morph';
import { InputError } from '../errors.js';
import { DEFAULT_EXCLUDES, globMatcher } from './glob.js';

export interface ProjectFiles {
  readonly root: string;
  /** absolute paths, sorted by relative path */
  readonly files: readonly string[];
  readonly dependencies: ReadonlySet<string>;
  /** from tsconfig.json; null without one (type-kinds.ts has the defaults) */
  readonly compilerOptions: ts.CompilerOptions | null;
}

export interface FileSelection {
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
}

const SOURCE = /\.(ts|tsx|mts|cts)$/;
const SCRIPT = /\.(js|jsx|mjs|cjs)$/;

/** a relative path that path.relative would change: `.`/`..` segments, doubled or trailing separators */
const NOT_NORMAL = /(^|[\\/])\.\.?([\\/]|$)|[\\/]{2}|[\\/]$/;

export function relativePath(root: string, file: string): string {
  // a file under the root, spelled from it: the rest as it is (path.relative resolves both paths
  // first, ~10 µs a call: 25 ms of a 500k-line scan's parse and as much again to sort the files)
  if (root !== '' && file.length > root.length + 1 && file[root.length] === sep && file.startsWith(root)) {
    const rest = file.slice(root.length + 1);
    if (!NOT_NORMAL.test(rest)) return sep === '/' ? rest : rest.split(sep).join('/');
  }
  return relative(root, file).split(sep).join('/');
}

function readDependencies(root: string): Set<string> {
  const result = new Set<string>();
  const path = join(root, 'package.json');
  if (!existsSync(path)) return result;
  try {
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
      const deps = manifest[field];
      if (deps && typeof deps === 'object') for (const name of Object.keys(deps)) result.add(name);
    }
  } catch {
    // a broken package.json enables nothing; files importing a client still enable its extractor
  }
  return result;
}

/** A folder the scan cannot list fails the run: silently skipping it would report its code as clean. */
function listDirectory(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new InputError(`${dir}: cannot read the folder (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

function walk(dir: string, into: string[], skip: (path: string) => boolean, root: string, allowJs: boolean): void {
  for (const entry of listDirectory(dir)) {
    const path = join(dir, entry.name);
    if (skip(relativePath(root, path))) continue;
    if (entry.isDirectory()) walk(path, into, skip, root, allowJs);
    else if (entry.isFile() && (SOURCE.test(entry.name) || (allowJs && SCRIPT.test(entry.name)))) into.push(path);
  }
}

/**
 * The files of a tsconfig.json and of the projects it references (`"references": [{ "path": "./pkgs/core" }]`,
 * followed recursively): a solution-style tsconfig (`"files": []` plus references, as Vite's templates and Nx
 * monorepos write it) names no file of its own. Compiler options are the root config's.
 */
function tsconfigFiles(tsconfig: string): { files: string[]; options: ts.CompilerOptions } {
  // why loaded here, not imported: the main thread of a large scan needs no TypeScript until the
  // type checker runs, after the workers have ended (~85 MB less at the peak)
  const { ts } = createRequire(import.meta.url)('ts-morph') as typeof import('ts-morph');
  const files: string[] = [];
  const seen = new Set<string>();
  let options: ts.CompilerOptions = {};
  const visit = (config: string, depth: number): void => {
    if (seen.has(config) || depth > 16 || !existsSync(config)) return;
    seen.add(config);
    const read = ts.readConfigFile(config, ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(read.config ?? {}, ts.sys, dirname(config), undefined, config);
    if (depth === 0) options = parsed.options;
    files.push(...parsed.fileNames);
    for (const reference of parsed.projectReferences ?? []) {
      const path = reference.path;
      visit(statSync(path, { throwIfNoEntry: false })?.isDirectory() ? join(path, 'tsconfig.json') : path, depth + 1);
    }
  };
  visit(tsconfig, 0);
  return { files, options };
}

export function discoverProject(dir: string, selection: FileSelection = {}): ProjectFiles {
  const root = resolve(dir);
  const stat = statSync(root, { throwIfNoEntry: false });
  if (!stat) throw new InputError(`${dir}: no such directory (the code to scan)`);
  if (!stat.isDirectory()) throw new InputError(`${dir}: not a directory (scan and --code take the code's root folder)`);
  const excluded = globMatcher([...DEFAULT_EXCLUDES, ...(selection.exclude ?? [])]);
  const included = selection.include && selection.include.length > 0 ? globMatcher(selection.include) : null;
  const skip = (path: string): boolean => excluded(path) && !(included?.(path) ?? false);
  let files: string[] = [];
  let compilerOptions: ts.CompilerOptions | null = null;
  const tsconfig = join(root, 'tsconfig.json');
  if (existsSync(tsconfig)) {
    const project = tsconfigFiles(tsconfig);
    compilerOptions = project.options;
    files = project.files.filter((f) => !skip(relativePath(root, f)) && (SOURCE.test(f) || SCRIPT.test(f)));
  }
  // why: a tsconfig.json that names no file of its own and no project reference that does (or none at
  // all) must not make the scan report a codebase as clean: the folder is walked instead
  if (files.length === 0) walk(root, files, skip, root, true);
  if (files.length === 0) {
    throw new InputError(`${dir}: no TypeScript or JavaScript files to scan${included ? ' (after --include)' : ''}`);
  }
  if (included) files = files.filter((f) => included(relativePath(root, f)));
  const sorted = [...new Set(files)].sort((a, b) => {
    const ra = relativePath(root, a);
    const rb = relativePath(root, b);
    return ra < rb ? -1 : ra > rb ? 1 : 0;
  });
  return { root, files: sorted, dependencies: readDependencies(root), compilerOptions };
}
