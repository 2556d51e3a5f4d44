// The embedded PostgreSQL: PGlite (PostgreSQL 18 in WASM, in-process). Contrib extensions ship inside
// the package but must be registered when the instance is created, so the script is planned first.
import { readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite, type Extension } from '@electric-sql/pglite';
import type { Queryable } from '../introspect/queryable.js';
import type { SqlExecutor } from './sql-loader.js';

export interface EmbeddedDatabase extends Queryable, SqlExecutor {
  close(): Promise<void>;
}

/** SQL extension name → the module under @electric-sql/pglite/contrib/ (`uuid-ossp` → `uuid_ossp`). */
async function loadContrib(name: string): Promise<Extension | null> {
  if (!/^[a-z0-9_-]+$/.test(name)) return null;
  const moduleName = name.replace(/-/g, '_');
  try {
    const mod = (await import(`@electric-sql/pglite/contrib/${moduleName}`)) as Record<string, Extension>;
    return mod[moduleName] ?? null;
  } catch {
    return null;
  }
}

/** Extensions PGlite provides without a contrib module. */
const BUILT_IN = new Set(['plpgsql']);

/** Returns the names it cannot provide (empty when all are available). */
export async function unavailableExtensions(names: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const name of new Set(names)) if (!BUILT_IN.has(name) && !(await loadContrib(name))) missing.push(name);
  return missing;
}

// why: initdb is most of the cost of a new instance: PGlite runs it in a second WASM instance and copies
// the result over (measured 3.2 s wall / 4.3 s CPU and 865 MB RSS, against 1.1 s / 1.0 s and 430 MB
// when starting from the same fresh data directory). So the fresh cluster is made once per machine
// and kept in the user's cache directory (a 40 MB tar, keyed by the PGlite version), and once per
// process in memory for the second input.
let freshDataDir: Promise<Blob> | undefined;

export const CACHE_DIR_ENV = 'SCHEMA_DIFF_CACHE_DIR';

/** Where the fresh cluster is kept: $SCHEMA_DIFF_CACHE_DIR, else $XDG_CACHE_HOME/schema-diff, else ~/.cache/schema-diff; `off` keeps nothing. */
export function freshClusterCacheFile(env: NodeJS.ProcessEnv = process.env): string | null {
  const configured = env[CACHE_DIR_ENV]?.trim();
  if (configured === 'off') return null;
  const dir = configured || join(env.XDG_CACHE_HOME?.trim() || join(homedir(), '.cache'), 'schema-diff');
  const version = pgliteVersion();
  return version ? join(dir, `pglite-${version}-fresh-cluster.tar`) : null;
}

function pgliteVersion(): string | null {
  try {
    const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'));
    const manifest = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version?: unknown };
    return typeof manifest.version === 'string' && /^[\w.+-]+$/.test(manifest.version) ? manifest.version : null;
  } catch {
    return null;
  }
}

function readCachedCluster(file: string | null): Blob | undefined {
  if (!file) return undefined;
  try {
    return new Blob([readFileSync(file)]);
  } catch {
    return undefined;
  }
}

async function keepCluster(file: string | null, cluster: Blob): Promise<void> {
  if (!file) return;
  // written whole under a temporary name and renamed, so a concurrent run never reads half a file
  const partial = `${file}.${process.pid}.partial`;
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(partial, new Uint8Array(await cluster.arrayBuffer()));
    await rename(partial, file);
  } catch {
    await rm(partial, { force: true }).catch(() => undefined);
  }
}

async function newInstance(extensions: Record<string, Extension>): Promise<PGlite> {
  const cacheFile = freshClusterCacheFile();
  if (!freshDataDir) {
    const cached = readCachedCluster(cacheFile);
    if (cached) freshDataDir = Promise.resolve(cached);
  }
  if (freshDataDir) {
    try {
      return await PGlite.create({ extensions, loadDataDir: await freshDataDir });
    } catch {
      // a stale or damaged copy: fall through to initdb, which replaces it
      freshDataDir = undefined;
    }
  }
  const db = await PGlite.create({ extensions });
  const dumped = db.dumpDataDir('none').then((file): Blob => file);
  freshDataDir = dumped;
  try {
    await keepCluster(cacheFile, await dumped);
  } catch {
    freshDataDir = undefined;
  }
  return db;
}

export async function createEmbeddedDatabase(extensionNames: readonly string[]): Promise<EmbeddedDatabase> {
  const extensions: Record<string, Extension> = {};
  for (const name of new Set(extensionNames)) {
    if (BUILT_IN.has(name)) continue;
    const ext = await loadContrib(name);
    if (ext) extensions[name.replace(/-/g, '_')] = ext;
  }
  // why: the caller keeps its handle after close (analysis.ts holds the source input while the target
  // loads); dropping the instance here lets the first one's WASM memory and in-memory data directory
  // (1 GB and more at 5,000 tables) be collected before the second one grows.
  let db: PGlite | undefined = await newInstance(extensions);
  const open = (): PGlite => {
    if (!db) throw new Error('embedded PostgreSQL used after close');
    return db;
  };
  return {
    async query<Row>(sql: string, params?: readonly unknown[]) {
      const result = await open().query<Row>(sql, params ? [...params] : undefined);
      return { rows: result.rows };
    },
    async exec(sql: string) {
      await open().exec(sql);
    },
    // why: PGlite is PostgreSQL in single-user mode, which never checkpoints on its own (no checkpointer,
    // and WAL volume only requests one under a postmaster), so every WAL segment of the load stays in
    // memory until close; a checkpoint now and then lets it recycle them.
    async checkpoint() {
      await open().exec('CHECKPOINT');
    },
    async close() {
      const closing = db;
      db = undefined;
      await closing?.close();
    },
  };
}
