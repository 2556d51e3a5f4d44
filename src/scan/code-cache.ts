// Loads one big CommonJS file (TypeScript's compiler, 9 MB) with a V8 code cache kept in the cache
// directory (cache-directory.ts). Why: compiling typescript.js cost every thread that loads it
// ~170 ms of CPU (each scan worker, and the main thread of a small scan); from the cache, made after a
// scan so that the parser's functions are in it too, 65-70 ms. A cache V8 rejects (another Node, other
// V8 flags) or cannot read costs only the plain compile, and is made again.
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { cacheDirectory } from '../cache-directory.js';

export interface CachedRequire {
  readonly exports: unknown;
  /** whether V8 compiled it from the code cache */
  readonly fromCache: boolean;
  /** Writes the code cache, with every function compiled so far, if the file had none V8 took. */
  readonly keep: () => void;
}

/**
 * require(path) of a CommonJS file that needs nothing but Node's built-in modules, compiled with the
 * code cache when there is one. The module goes into require's cache under its path, so a later
 * require() of the same file (ts-morph's) gets this instance.
 */
export function requireWithCodeCache(path: string, env: NodeJS.ProcessEnv = process.env): CachedRequire {
  const require = createRequire(path);
  const loaded = require.cache[path];
  if (loaded) return { exports: loaded.exports, fromCache: false, keep: () => undefined };
  const source = readFileSync(path, 'utf8');
  const cacheFile = codeCacheFile(path, env);
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: path,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = new Module(path);
  module.filename = path;
  require.cache[path] = module;
  try {
    (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, require, module, path, dirname(path));
  } catch (error) {
    delete require.cache[path];
    throw error;
  }
  module.loaded = true;
  const fromCache = cachedData !== undefined && script.cachedDataRejected !== true;
  let kept = cacheFile === null || fromCache;
  return {
    exports: module.exports,
    fromCache,
    keep: () => {
      if (kept) return;
      kept = true;
      writeAtomically(cacheFile!, script.createCachedData());
    },
  };
}

/** The cache file for this file's size and time and this V8 (V8 checks its own version and flags too). */
function codeCacheFile(path: string, env: NodeJS.ProcessEnv): string | null {
  const dir = cacheDirectory(env);
  if (dir === null) return null;
  try {
    const { size, mtimeMs } = statSync(path);
    const v8 = process.versions.v8.replace(/[^\w.-]/g, '_');
    return join(dir, `code-cache-${path.split(/[\\/]/).pop()}-${size}-${Math.trunc(mtimeMs)}-v8-${v8}-${process.arch}.bin`);
  } catch {
    return null;
  }
}

/** Written whole under a temporary name and renamed, so a concurrent run never reads half a file. */
function writeAtomically(file: string, bytes: Uint8Array): void {
  const partial = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.partial`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(partial, bytes);
    renameSync(partial, file);
  } catch {
    rmSync(partial, { force: true });
  }
}
