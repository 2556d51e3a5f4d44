// The catalogs read over several sessions describe one instant: helpers adopt the first session's
// exported snapshot, so DDL that commits after it (a migration running during the snapshot) is invisible
// to every session, not just to some of them (which would give, say, a table without its columns).
// A helper that cannot connect leaves the read to the others.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { introspect } from '../../src/introspect/index.js';
import type { Queryable, Session } from '../../src/introspect/queryable.js';
import { createDatabase, withClient } from '../helpers/databases.js';
import { NEWEST } from '../helpers/reliability.js';
import { useServers } from '../helpers/use-servers.js';

const servers = useServers([NEWEST]);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function helperOpener(url: string, before: () => Promise<void> = async () => undefined) {
  const used: string[] = [];
  let readOne!: () => void;
  /** a helper has read a catalog */
  const helperRead = new Promise<void>((resolve) => (readOne = resolve));
  const openSession = async (): Promise<Session> => {
    await before();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return {
      query: async (sql: string) => {
        used.push(sql);
        const result = await client.query(sql);
        if (/^SELECT/.test(sql) && !/set_config/.test(sql)) readOne();
        return result;
      },
      close: () => client.end(),
    };
  };
  return { openSession, used, helperRead };
}

describe('catalogs read over several sessions', () => {
  it('see none of the DDL that commits after the first session exported its snapshot', async () => {
    const url = await createDatabase(servers()[0]!.url, 'shared_snapshot');
    await withClient(url, (c) => c.query('CREATE TABLE a (id int PRIMARY KEY, v text)'));
    const expected = JSON.stringify(await withClient(url, (c) => introspect(c)));

    let exported!: () => void;
    const snapshotExported = new Promise<void>((resolve) => (exported = resolve));
    // the migration runs once the first session has exported its snapshot, before any helper connects
    let migrated: Promise<void> | undefined;
    const migrate = () =>
      (migrated ??= snapshotExported.then(() =>
        withClient(url, (c) =>
          c.query(`CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a, w text DEFAULT 'x');
                   CREATE INDEX b_w ON b (w); ALTER TABLE a ADD COLUMN added int; CREATE INDEX a_v ON a (v)`),
        ),
      ));
    const helpers = helperOpener(url, migrate);
    let hasExported = false;
    const snapshot = await withClient(url, (c) => {
      const watched: Queryable = {
        query: async (sql, params) => {
          // why: the first session would otherwise read everything before a helper gets going
          if (hasExported && /^SELECT/.test(sql)) await Promise.race([helpers.helperRead, sleep(10_000)]);
          const result = await c.query(sql, params ? [...params] : undefined);
          if (/pg_export_snapshot/.test(sql)) (hasExported = true), exported();
          return result as never;
        },
      };
      return introspect(watched, { sessions: 3, openSession: helpers.openSession });
    });
    await migrated;
    // the helpers did read catalogs (on the exported snapshot), and what they read predates the migration
    expect(helpers.used.some((sql) => /; SET TRANSACTION SNAPSHOT '/.test(sql))).toBe(true);
    expect(helpers.used.filter((sql) => /^SELECT/.test(sql) && !/set_config/.test(sql)).length).toBeGreaterThan(0);
    expect(JSON.stringify(snapshot)).toBe(expected);
    // and the migration did happen: a new snapshot sees it
    const after = await withClient(url, (c) => introspect(c));
    expect(after.tables.map((t) => t.name)).toEqual(['a', 'b']);
  });

  it('go on in one session when the server cannot export a snapshot', async () => {
    const url = await createDatabase(servers()[0]!.url, 'export_refused');
    await withClient(url, (c) => c.query('CREATE TABLE t (id int PRIMARY KEY, v text); CREATE INDEX ON t (v)'));
    const expected = JSON.stringify(await withClient(url, (c) => introspect(c)));
    const helpers = helperOpener(url);
    let refused = 0;
    const snapshot = await withClient(url, (c) => {
      const noExport: Queryable = {
        query: async (sql, params) => {
          // as a standby or a pooler in transaction mode answers: the transaction is aborted
          if (/pg_export_snapshot/.test(sql)) {
            refused++;
            await c.query('SELECT 1/0').catch(() => undefined);
            throw new Error('cannot export a snapshot');
          }
          return (await c.query(sql, params ? [...params] : undefined)) as never;
        },
      };
      return introspect(noExport, { sessions: 3, openSession: helpers.openSession });
    });
    expect(refused).toBe(1);
    expect(helpers.used.filter((sql) => /^SELECT/.test(sql) && !/set_config/.test(sql))).toEqual([]);
    expect(JSON.stringify(snapshot)).toBe(expected);
  });

  it('go on without a helper that cannot connect', async () => {
    const url = await createDatabase(servers()[0]!.url, 'helper_refused');
    await withClient(url, (c) => c.query('CREATE TABLE t (id int PRIMARY KEY, v text); CREATE INDEX ON t (v)'));
    const expected = JSON.stringify(await withClient(url, (c) => introspect(c)));
    const refused = async (): Promise<Session> => {
      throw new Error('too many connections for role');
    };
    const snapshot = await withClient(url, (c) => introspect(c, { sessions: 3, openSession: refused }));
    expect(JSON.stringify(snapshot)).toBe(expected);
  });
});
