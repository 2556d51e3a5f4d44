// Other files of the scanned project, parsed on demand: a builder statement often names a client or
// a table declared elsewhere (`import { db } from './db'`, `import { clients } from './schema'`).
// Relative specifiers, tsconfig `paths` aliases (`@/lib/supabase`) and the monorepo's own workspace
// packages (`@acme/db/schema`, through their package.json `exports`) resolve; other packages do not.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SCAN_PARSE_OPTIONS, ts } from '../../typescript.js';

const parsed = new Map<string, { readonly mtimeMs: number; readonly sourceFile: ts.SourceFile }>();

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

function scriptKind(path: string): ts.ScriptKind {
  if (path.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (path.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.[mc]?js$/.test(path)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/** A project file parsed like the scanner does (no parent pointers), cached until it changes. */
export function parseFile(path: string): ts.SourceFile | null {
  // why not a try around statSync: a missing file's exception cost more than the stat itself
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return null;
  const mtimeMs = stats.mtimeMs;
  const cached = parsed.get(path);
  if (cached && cached.mtimeMs === mtimeMs) return cached.sourceFile;
  const sourceFile = ts.createSourceFile(path, readFileSync(path, 'utf8'), SCAN_PARSE_OPTIONS, false, scriptKind(path));
  parsed.set(path, { mtimeMs, sourceFile });
  return sourceFile;
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

function fileFor(base: string): string | null {
  const stem = base.replace(/\.(m|c)?js$/, '');
  const candidates = [base, ...EXTENSIONS.map((e) => stem + e), ...EXTENSIONS.map((e) => join(base, `index${e}`))];
  return candidates.find(isFile) ?? null;
}

interface PathAliases {
  readonly base: string;
  readonly paths: readonly (readonly [pattern: string, targets: readonly string[]])[];
}

const aliasCache = new Map<string, PathAliases | null>();

/**
 * Reading a tsconfig for its options only: `extends` is followed (Nx keeps `paths` in tsconfig.base.json,
 * which each project's tsconfig extends), the file system is never listed for `include` globs.
 */
const OPTIONS_ONLY_HOST = {
  useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
  readDirectory: (): string[] => [],
  fileExists: (path: string): boolean => ts.sys.fileExists(path),
  readFile: (path: string): string | undefined => ts.sys.readFile(path),
};

/** The `paths` a tsconfig file sets (through `extends` too), or those of the first project it references that sets some. */
function aliasesOf(config: string, depth: number): PathAliases | null {
  if (depth > 4 || !existsSync(config)) return null;
  const read = ts.readConfigFile(config, (p) => ts.sys.readFile(p));
  if (!read.config) return null;
  const parsedConfig = ts.parseJsonConfigFileContent(read.config, OPTIONS_ONLY_HOST, dirname(config), undefined, config);
  const options = parsedConfig.options as ts.CompilerOptions & { pathsBasePath?: string };
  if (options.paths || options.baseUrl) {
    // paths resolve against baseUrl, else against the directory of the config that sets them; with a
    // baseUrl, TypeScript also looks any other bare specifier up under it (`src/repositories/x`), as `*`
    const paths = Object.entries(options.paths ?? {});
    if (options.baseUrl) paths.push(['*', ['*']]);
    return { base: options.baseUrl ?? options.pathsBasePath ?? dirname(config), paths };
  }
  // a solution-style tsconfig.json (Vite's template) keeps them in a referenced tsconfig.app.json
  for (const reference of parsedConfig.projectReferences ?? []) {
    const path = statSync(reference.path, { throwIfNoEntry: false })?.isDirectory() ? join(reference.path, 'tsconfig.json') : reference.path;
    const found = aliasesOf(path, depth + 1);
    if (found) return found;
  }
  return null;
}

/** `compilerOptions.paths` of the nearest tsconfig.json above `dir`. */
function aliasesFor(dir: string): PathAliases | null {
  if (aliasCache.has(dir)) return aliasCache.get(dir)!;
  let result: PathAliases | null = null;
  const config = join(dir, 'tsconfig.json');
  if (existsSync(config)) {
    result = aliasesOf(config, 0);
  } else {
    const parent = dirname(dir);
    if (parent !== dir) result = aliasesFor(parent);
  }
  aliasCache.set(dir, result);
  return result;
}

function viaAliases(fromDir: string, specifier: string): string | null {
  const aliases = aliasesFor(fromDir);
  if (!aliases) return null;
  for (const [pattern, targets] of aliases.paths) {
    const star = pattern.indexOf('*');
    const prefix = star < 0 ? pattern : pattern.slice(0, star);
    const suffix = star < 0 ? '' : pattern.slice(star + 1);
    if (star < 0 ? specifier !== pattern : !(specifier.startsWith(prefix) && specifier.endsWith(suffix))) continue;
    const matched = star < 0 ? '' : specifier.slice(prefix.length, specifier.length - suffix.length);
    for (const target of targets) {
      const found = fileFor(resolve(aliases.base, target.replace('*', matched)));
      if (found) return found;
    }
  }
  return null;
}

interface Workspace {
  readonly dir: string;
  readonly exports: unknown;
  readonly main: string | null;
}

const workspaceCache = new Map<string, ReadonlyMap<string, Workspace> | null>();

function readJson(path: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Workspace patterns of a monorepo root: package.json `workspaces` (npm, yarn, bun) or pnpm-workspace.yaml. */
function workspacePatterns(dir: string): string[] | null {
  const manifest = readJson(join(dir, 'package.json'));
  const field = manifest?.['workspaces'];
  const list = Array.isArray(field) ? field : (field as { packages?: unknown } | undefined)?.packages;
  if (Array.isArray(list)) return list.filter((p): p is string => typeof p === 'string');
  const pnpm = join(dir, 'pnpm-workspace.yaml');
  if (!existsSync(pnpm)) return null;
  return [...readFileSync(pnpm, 'utf8').matchAll(/^\s*-\s*['"]?([^'"\n#]+?)['"]?\s*$/gm)].map((m) => m[1]!);
}

/** name → package of the nearest monorepo root above `dir`; only `x/*` and plain-folder patterns. */
function workspacesAbove(dir: string): ReadonlyMap<string, Workspace> | null {
  if (workspaceCache.has(dir)) return workspaceCache.get(dir)!;
  let result: ReadonlyMap<string, Workspace> | null = null;
  const patterns = workspacePatterns(dir);
  if (patterns) {
    const packages = new Map<string, Workspace>();
    for (const pattern of patterns) {
      if (pattern.startsWith('!')) continue;
      const parent = pattern.endsWith('/*') ? resolve(dir, pattern.slice(0, -2)) : null;
      let dirs: string[] = [];
      try {
        dirs = parent ? ts.sys.getDirectories(parent).map((d) => join(parent, d)) : [resolve(dir, pattern)];
      } catch {
        dirs = [];
      }
      for (const packageDir of dirs) {
        const manifest = readJson(join(packageDir, 'package.json'));
        const name = manifest?.['name'];
        if (typeof name !== 'string') continue;
        const main = [manifest?.['types'], manifest?.['module'], manifest?.['main']].find((m): m is string => typeof m === 'string') ?? null;
        packages.set(name, { dir: packageDir, exports: manifest?.['exports'], main });
      }
    }
    result = packages;
  } else {
    const parent = dirname(dir);
    if (parent !== dir) result = workspacesAbove(parent);
  }
  workspaceCache.set(dir, result);
  return result;
}

/** An `exports` entry: a path, or conditions of which `types`, `import` and `default` are tried. */
function exportTarget(entry: unknown): string | null {
  if (typeof entry === 'string') return entry;
  if (typeof entry !== 'object' || entry === null) return null;
  const conditions = entry as Record<string, unknown>;
  for (const key of ['types', 'import', 'default', 'require', 'node']) {
    const found = exportTarget(conditions[key]);
    if (found) return found;
  }
  return null;
}

function viaWorkspaces(fromDir: string, specifier: string): string | null {
  const packages = workspacesAbove(fromDir);
  if (!packages) return null;
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  const workspace = packages.get(parts.slice(0, nameLength).join('/'));
  if (!workspace) return null;
  const subpath = parts.slice(nameLength).join('/');
  const key = subpath === '' ? '.' : `./${subpath}`;
  const exported = typeof workspace.exports === 'object' && workspace.exports !== null && !Array.isArray(workspace.exports)
    ? exportTarget((workspace.exports as Record<string, unknown>)[key] ?? (key === '.' && !Object.keys(workspace.exports).some((k) => k.startsWith('.')) ? workspace.exports : undefined))
    : key === '.' ? exportTarget(workspace.exports) : null;
  const target = exported ?? (subpath === '' ? (workspace.main ?? 'index') : subpath);
  return fileFor(resolve(workspace.dir, target)) ?? (subpath === '' ? fileFor(join(workspace.dir, 'src', 'index')) : fileFor(join(workspace.dir, 'src', subpath)));
}

/** The project file an import specifier names, or null for packages and what does not exist. */
export function resolveModule(fromFile: string, specifier: string): string | null {
  const fromDir = dirname(fromFile);
  if (specifier.startsWith('.')) return fileFor(resolve(fromDir, specifier));
  return viaAliases(fromDir, specifier) ?? viaWorkspaces(fromDir, specifier);
}

const projectModuleCache = new Map<string, string | null>();

/**
 * `resolveModule` for the specifiers a file's imports name, remembered per folder: the project file a
 * relative, `paths`-aliased (`@/lib/db`) or workspace-package (`@acme/db`) specifier names; null for
 * packages.
 */
export function projectModule(fromFile: string, specifier: string): string | null {
  if (specifier.startsWith('.')) return resolveModule(fromFile, specifier);
  const key = `${dirname(fromFile)}\u0000${specifier}`;
  let found = projectModuleCache.get(key);
  if (found === undefined) {
    found = resolveModule(fromFile, specifier);
    projectModuleCache.set(key, found);
  }
  return found;
}

/** Is the specifier the project's own code (relative, an alias of its tsconfig, a workspace package)? */
export function isProjectModule(fromFile: string, specifier: string): boolean {
  return specifier.startsWith('.') || projectModule(fromFile, specifier) !== null;
}

