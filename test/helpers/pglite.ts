// Test helper: load plain DDL into a fresh embedded PostgreSQL and snapshot it. (The CLI's SQL input
// does more: psql meta-commands, extensions, batching, error locations; see src/input/.)
import { createEmbeddedDatabase } from '../../src/input/embedded-postgres.js';
import { introspect } from '../../src/introspect/index.js';
import type { Snapshot } from '../../src/snapshot/types.js';

export async function snapshotOfDdl(ddl: string, extensions: readonly string[] = []): Promise<Snapshot> {
  const db = await createEmbeddedDatabase(extensions);
  try {
    await db.exec(ddl);
    return await introspect(db);
  } finally {
    await db.close();
  }
}
