// The test servers themselves: every requested major starts from the npm binaries, is the major it claims,
// demands a password over TCP, and the introspection role really is a non-superuser.
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { testMajors } from './servers.js';
import { useServers } from './use-servers.js';
import { createDatabase, createIntrospectionRole, withClient } from './databases.js';

const majors = testMajors();
const servers = useServers(majors);

describe.each(majors)('PostgreSQL %i test server', (major) => {
  const server = () => servers().find((s) => s.major === major)!;

  it('runs the requested major', async () => {
    const version = await withClient(server().url, async (c) => (await c.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]!.v);
    expect(Math.floor(Number(version) / 10000)).toBe(major);
  });

  it('rejects a wrong password over TCP', async () => {
    const url = new URL(server().url);
    url.password = 'wrong';
    const client = new pg.Client({ connectionString: url.toString() });
    client.on('error', () => undefined);
    await expect(client.connect()).rejects.toThrow(/password authentication failed/);
    await client.end().catch(() => undefined);
  });

  it('creates a database and a non-superuser role limited to CONNECT + USAGE', async () => {
    const dbUrl = await createDatabase(server().url, 'role_check');
    await withClient(dbUrl, (c) => c.query('CREATE SCHEMA app; CREATE TABLE app.t (id int)'));
    const roleUrl = await createIntrospectionRole(dbUrl, 'introspector_check');
    const facts = await withClient(roleUrl, async (c) => (await c.query<{ su: boolean; db: string; usage: boolean; select: boolean }>(
      `SELECT current_setting('is_superuser')::boolean AS su, current_database() AS db,
              has_schema_privilege('app', 'USAGE') AS usage, has_table_privilege('app.t', 'SELECT') AS select`,
    )).rows[0]);
    expect(facts).toEqual({ su: false, db: 'role_check', usage: true, select: false });
  });
});
