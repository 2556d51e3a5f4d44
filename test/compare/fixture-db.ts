// One embedded PostgreSQL (PGlite) for many small schemas: each DDL runs inside a transaction that is
// introspected and then rolled back, so the next schema starts from an empty database. A fresh PGlite costs
// seconds; this costs the DDL and the catalog queries. DDL that cannot run in a transaction block
// (CREATE INDEX CONCURRENTLY) gets a fresh instance of its own.
import { PGlite } from '@electric-sql/pglite';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { introspect } from '../../src/introspect/index.js';
import type { Queryable } from '../../src/introspect/queryable.js';
import type { Snapshot } from '../../src/snapshot/types.js';

export interface FixtureDatabase {
  snapshot(ddl: string): Promise<Snapshot>;
  close(): Promise<void>;
}

/** introspect() opens its own read-only transaction; inside ours that BEGIN must be skipped, the ROLLBACK kept. */
function insideOpenTransaction(db: PGlite): Queryable {
  return {
    query: async <Row>(sql: string, params?: readonly unknown[]) => {
      if (/^\s*BEGIN\b/i.test(sql)) return { rows: [] as Row[] };
      const result = await db.query<Row>(sql, params ? [...params] : undefined);
      return { rows: result.rows };
    },
  };
}

// the extensions fixtures use; loaded on CREATE EXTENSION only
const extensions = { citext, pg_trgm, pgcrypto };

async function freshSnapshot(ddl: string): Promise<Snapshot> {
  const db = await PGlite.create({ extensions });
  try {
    await db.exec(ddl);
    return await introspect(db);
  } finally {
    await db.close();
  }
}

export async function openFixtureDatabase(): Promise<FixtureDatabase> {
  const db = await PGlite.create({ extensions });
  return {
    async snapshot(ddl) {
      if (/\bCONCURRENTLY\b/i.test(ddl)) return freshSnapshot(ddl);
      await db.exec('BEGIN');
      try {
        await db.exec(ddl);
        return await introspect(insideOpenTransaction(db));
      } finally {
        await db.exec('ROLLBACK');
      }
    },
    close: () => db.close(),
  };
}
