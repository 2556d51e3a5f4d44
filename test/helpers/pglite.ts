// Test helper: load plain DDL into a fresh PGlite and snapshot it. (The CLI's SQL input does more:
// psql meta-commands, extensions, batching, error locations; see src/input/.)
import { PGlite } from '@electric-sql/pglite';
import { introspect } from '../../src/introspect/index.js';
import type { Snapshot } from '../../src/snapshot/types.js';

export async function snapshotOfDdl(ddl: string): Promise<Snapshot> {
  const db = await PGlite.create();
  try {
    await db.exec(ddl);
    return await introspect(db);
  } finally {
    await db.close();
  }
}
