// --scratch-db: load SQL inputs into a throwaway database on a real server (for extensions the
// embedded PostgreSQL lacks: PostGIS, pgvector, …). We create the database and drop it again; an
// existing database is never touched. Roles are cluster-wide: the ones we had to create are dropped too.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { ConnectionError } from '../errors.js';
import type { Queryable } from '../introspect/queryable.js';
import { connect } from './database-url.js';
import { maskInput } from './mask.js';
import type { SqlExecutor } from './sql-loader.js';

export interface ScratchDatabase extends Queryable, SqlExecutor {
  readonly serverVersion: string;
  createRoles(roles: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export async function createScratchDatabase(serverUrl: string): Promise<ScratchDatabase> {
  const display = maskInput(serverUrl);
  const admin = await connect(serverUrl, display);
  const name = `schema_diff_scratch_${process.pid}_${randomBytes(4).toString('hex')}`;
  try {
    await admin.query(`CREATE DATABASE ${quote(name)} TEMPLATE template0 ENCODING 'UTF8'`);
  } catch (error) {
    await admin.end().catch(() => undefined);
    throw new ConnectionError(`--scratch-db ${display}: cannot create a scratch database (${(error as Error).message}); the role needs CREATEDB`, { cause: error });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  url.searchParams.delete('dbname');
  let client: pg.Client;
  try {
    client = await connect(url.toString(), display);
  } catch (error) {
    await admin.query(`DROP DATABASE IF EXISTS ${quote(name)}`).catch(() => undefined);
    await admin.end().catch(() => undefined);
    throw error;
  }
  const createdRoles: string[] = [];
  const version = (await client.query<{ v: string }>('SHOW server_version')).rows[0]?.v ?? '';
  return {
    serverVersion: version,
    async query<Row>(sql: string, params?: readonly unknown[]) {
      const result = await client.query(sql, params ? [...params] : undefined);
      return { rows: result.rows as Row[] };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    async createRoles(roles: readonly string[]) {
      const existing = new Set((await client.query<{ rolname: string }>('SELECT rolname FROM pg_catalog.pg_roles')).rows.map((r) => r.rolname));
      for (const role of roles) {
        if (existing.has(role)) continue;
        await client.query(`CREATE ROLE ${quote(role)} NOLOGIN`);
        createdRoles.push(role);
      }
    },
    async close() {
      await client.end().catch(() => undefined);
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`);
        for (const role of createdRoles) await admin.query(`DROP ROLE IF EXISTS ${quote(role)}`).catch(() => undefined);
      } finally {
        await admin.end().catch(() => undefined);
      }
    },
  };
}
