// The embedded PostgreSQL: PGlite (PostgreSQL 18 in WASM, in-process, each instance in a thread of its
// own: embedded-postgres-thread.ts). Contrib extensions ship inside the package but must be registered
// when the instance is created.
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Extension } from '@electric-sql/pglite';
import { cacheDirectory } from '../cache-directory.js';
import type { Queryable } from '../introspect/queryable.js';
import { WORKER_SOURCE, type FromThread, type Started, type ToThread } from './embedded-postgres-thread.js';
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
// process in memory (shared with every instance's thread) for the second input.
let freshCluster: SharedArrayBuffer | undefined;

/** Where the fresh cluster is kept (cache-directory.ts), keyed by the PGlite version. */
export function freshClusterCacheFile(env: NodeJS.ProcessEnv = process.env): string | null {
  const dir = cacheDirectory(env);
  const version = dir === null ? null : pgliteVersion();
  return dir && version ? join(dir, `pglite-${version}-fresh-cluster.tar`) : null;
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

function readCachedCluster(file: string | null): SharedArrayBuffer | undefined {
  if (!file) return undefined;
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const shared = new SharedArrayBuffer(fstatSync(fd).size);
    const bytes = new Uint8Array(shared);
    for (let at = 0; at < bytes.length; ) {
      const n = readSync(fd, bytes, at, bytes.length - at, at);
      if (n === 0) return undefined;
      at += n;
    }
    return shared;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

async function keepCluster(file: string | null, cluster: Uint8Array): Promise<void> {
  if (!file) return;
  // written whole under a temporary name and renamed, so a concurrent run never reads half a file
  const partial = `${file}.${process.pid}.partial`;
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(partial, cluster);
    await rename(partial, file);
  } catch {
    await rm(partial, { force: true }).catch(() => undefined);
  }
}

/** The worker thread behind one instance: requests out, replies in, errors as PostgreSQL gave them. */
class InstanceThread {
  private readonly worker = new Worker(WORKER_SOURCE, { eval: true });
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  private failure: Error | null = null;

  constructor() {
    // why: an idle thread must not keep the process alive (a caller that never closes, an error path);
    // it is referenced only while a request is in flight
    this.worker.unref();
    this.worker.on('message', (reply: FromThread) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) this.worker.unref();
      if (reply.ok) waiting.resolve(reply.value);
      else waiting.reject(Object.assign(new Error(reply.error.message), reply.error));
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`embedded PostgreSQL thread exited (code ${code})`)));
  }

  request<T>(message: DistributiveOmit<ToThread, 'id'>): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage({ ...message, id });
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.pending.values()) waiting.reject(this.failure);
    this.pending.clear();
    this.worker.unref();
  }

  async terminate(): Promise<void> {
    this.failure ??= new Error('embedded PostgreSQL used after close');
    await this.worker.terminate();
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * Scripts up to this size start with shared_buffers 32 MB instead of PGlite's 128 MB. Why: PostgreSQL
 * zeroes its shared buffers at start, which touches all of them. Measured on musicbrainz (0.7 MB), three
 * alternated runs: peak RSS 585-625 -> 442-519 MB, start 0.87-1.03 -> 0.79-0.91 s of CPU, load unchanged;
 * at 1,400 tables (1.5 MB) the load took ~0.15 s more CPU (evictions), so larger scripts keep 128 MB.
 */
export const SMALL_BUFFERS_MAX_SQL_CHARACTERS = 1024 * 1024;

/**
 * Start an instance with these extensions registered, sized for a script of `sqlCharacters`. Its thread
 * starts at once: the caller may await the result later (start-up then overlaps what it does meanwhile).
 */
export async function createEmbeddedDatabase(extensionNames: readonly string[], sqlCharacters = Infinity): Promise<EmbeddedDatabase> {
  const thread = new InstanceThread();
  try {
    const cacheFile = freshClusterCacheFile();
    freshCluster ??= readCachedCluster(cacheFile);
    const extensions: Record<string, string> = {};
    for (const name of new Set(extensionNames)) {
      if (BUILT_IN.has(name) || !(await loadContrib(name))) continue;
      const moduleName = name.replace(/-/g, '_');
      extensions[moduleName] = import.meta.resolve(`@electric-sql/pglite/contrib/${moduleName}`);
    }
    const pglite = import.meta.resolve('@electric-sql/pglite');
    const settings: Record<string, string> = sqlCharacters <= SMALL_BUFFERS_MAX_SQL_CHARACTERS ? { shared_buffers: '32MB' } : {};
    const started = await thread.request<Started>({ op: 'start', pglite, extensions, cluster: freshCluster ?? null, settings });
    if (started.dumped) {
      const bytes = new Uint8Array(started.dumped);
      const shared = new SharedArrayBuffer(bytes.length);
      new Uint8Array(shared).set(bytes);
      freshCluster = shared;
      await keepCluster(cacheFile, bytes);
    }
  } catch (error) {
    await thread.terminate();
    throw error;
  }
  // why: the caller keeps its handle after close (analysis.ts holds the source input while the target
  // loads); ending the thread lets the first instance's WASM memory and in-memory data directory
  // (1 GB and more at 5,000 tables) go before the second one grows.
  let open = true;
  const live = (): InstanceThread => {
    if (!open) throw new Error('embedded PostgreSQL used after close');
    return thread;
  };
  return {
    async query<Row>(sql: string, params?: readonly unknown[]) {
      const rows = await live().request<Row[]>({ op: 'query', sql, params: params ? [...params] : undefined });
      return { rows };
    },
    async exec(sql: string) {
      await live().request({ op: 'exec', sql });
    },
    // why: PGlite is PostgreSQL in single-user mode, which never checkpoints on its own (no checkpointer,
    // and WAL volume only requests one under a postmaster), so every WAL segment of the load stays in
    // memory until close; a checkpoint now and then lets it recycle them.
    async checkpoint() {
      await live().request({ op: 'exec', sql: 'CHECKPOINT' });
    },
    async close() {
      if (!open) return;
      open = false;
      try {
        await thread.request({ op: 'close' });
      } finally {
        await thread.terminate();
      }
    },
  };
}
