// The embedded PostgreSQL: PGlite (PostgreSQL 18 in WASM, in-process). Contrib extensions ship inside
// the package but must be registered when the instance is created, so the script is planned first.
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

// why: initdb is most of the cost of a new instance (1.5-5 s); a fresh cluster's data directory, dumped
// once per process, starts the next instances 3-4x faster (two inputs, or many in tests).
let freshDataDir: Promise<Blob | File> | undefined;

async function newInstance(extensions: Record<string, Extension>): Promise<PGlite> {
  if (freshDataDir) {
    try {
      return await PGlite.create({ extensions, loadDataDir: await freshDataDir });
    } catch {
      // fall through to a plain instance
    }
  }
  const db = await PGlite.create({ extensions });
  if (!freshDataDir) {
    freshDataDir = db.dumpDataDir('none');
    freshDataDir.catch(() => (freshDataDir = undefined));
    await freshDataDir.catch(() => undefined);
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
  const db = await newInstance(extensions);
  return {
    async query<Row>(sql: string, params?: readonly unknown[]) {
      const result = await db.query<Row>(sql, params ? [...params] : undefined);
      return { rows: result.rows };
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
    async close() {
      await db.close();
    },
  };
}
