// Other files of the scanned project, parsed on demand: a builder statement often names a client or
// a table declared elsewhere (`import { db } from './db'`, `import { clients } from './schema'`).
// Relative specifiers and tsconfig `paths` aliases (`@/lib/supabase`) resolve; packages do not.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ts } from 'ts-morph';

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
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch {
    return null;
  }
  const cached = parsed.get(path);
  if (cached && cached.mtimeMs === mtimeMs) return cached.sourceFile;
  const sourceFile = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, false, scriptKind(path));
  parsed.set(path, { mtimeMs, sourceFile });
  return sourceFile;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
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

/** `compilerOptions.paths` of the nearest tsconfig.json above `dir` (`extends` is not followed). */
function aliasesFor(dir: string): PathAliases | null {
  if (aliasCache.has(dir)) return aliasCache.get(dir)!;
  let result: PathAliases | null = null;
  const config = join(dir, 'tsconfig.json');
  if (existsSync(config)) {
    const read = ts.readConfigFile(config, (p) => ts.sys.readFile(p));
    const options = (read.config as { compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } } | undefined)
      ?.compilerOptions;
    if (options?.paths) {
      result = { base: resolve(dir, options.baseUrl ?? '.'), paths: Object.entries(options.paths) };
    }
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

/** The project file an import specifier names, or null for packages and what does not exist. */
export function resolveModule(fromFile: string, specifier: string): string | null {
  const fromDir = dirname(fromFile);
  if (specifier.startsWith('.')) return fileFor(resolve(fromDir, specifier));
  return viaAliases(fromDir, specifier);
}
