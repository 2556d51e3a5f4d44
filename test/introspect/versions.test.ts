// The catalog queries on every supported major: the every-object-kind fixture loaded into a real
// PostgreSQL 14-18 must snapshot exactly like the same DDL loaded into PGlite (PostgreSQL 18), apart from
// the release noise listed in version-noise.ts; twice in a row to the same bytes; and the same for a
// non-superuser that holds only CONNECT + USAGE.
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { introspect } from '../../src/introspect/index.js';
import type { Queryable } from '../../src/introspect/queryable.js';
import type { Snapshot } from '../../src/snapshot/types.js';
import { testMajors, type Major, type TestServer } from '../helpers/servers.js';
import { SERVER_HOOK_TIMEOUT_MS, useServers } from '../helpers/use-servers.js';
import { createDatabase, createIntrospectionRole, withClient } from '../helpers/databases.js';
import { fixtureStages, stagesFor } from '../helpers/every-object-kind.js';
import { createContribPglite } from '../helpers/pglite-contrib.js';
import { withoutVersionNoise } from './version-noise.js';
import { CONSTRAINT_NAMES_DDL, expectServerDefinitions } from '../helpers/constraint-names.js';

// Servers run with session defaults unlike PGlite's, so any output that depends on them (timestamps in
// defaults and partition bounds, intervals, floats, bytea, identifier quoting) shows up as a difference.
const UNUSUAL_SETTINGS = {
  TimeZone: 'Asia/Kolkata',
  DateStyle: 'SQL, DMY',
  IntervalStyle: 'sql_standard',
  extra_float_digits: '0',
  bytea_output: 'escape',
  quote_all_identifiers: 'on',
};

const majors = testMajors();
const stages = fixtureStages();

interface Loaded {
  readonly server: TestServer;
  readonly url: string;
  readonly readerUrl: string;
}

const loaded = new Map<Major, Loaded>();
/** PGlite snapshot after each stage, keyed by the stage's `since` */
const pgliteBySince = new Map<number, Snapshot>();

async function snapshotPgliteStages(): Promise<void> {
  const db = await createContribPglite();
  try {
    for (const stage of stages) {
      await db.exec(stage.sql);
      pgliteBySince.set(stage.since, await introspect(db));
    }
  } finally {
    await db.close();
  }
}

async function loadFixture(server: TestServer): Promise<Loaded> {
  const url = await createDatabase(server.url, 'every_object_kind');
  await withClient(url, async (c) => {
    // Only the introspecting session must cope with unusual settings: SET values (proconfig) are stored
    // as the creating session printed them, so quote_all_identifiers would store a different schema.
    await c.query('SET quote_all_identifiers = off');
    for (const stage of stagesFor(server.major, stages)) await c.query(stage.sql);
  });
  const readerUrl = await createIntrospectionRole(url, 'introspector');
  return { server, url, readerUrl };
}

const snapshotOf = (url: string) => withClient(url, (c) => introspect(c));

/** The PGlite snapshot of exactly the stages `major` loaded. */
function expectedFor(major: Major): Snapshot {
  const since = Math.max(...stagesFor(major, stages).map((s) => s.since));
  const snapshot = pgliteBySince.get(since);
  if (!snapshot) throw new Error(`no PGlite snapshot for stage @since ${since}`);
  return snapshot;
}

// PGlite loads while the servers start.
let pglite: Promise<void> = Promise.resolve();
beforeAll(() => {
  pglite = snapshotPgliteStages();
  pglite.catch(() => undefined); // awaited below
});
const servers = useServers(majors, { settings: UNUSUAL_SETTINGS });
beforeAll(async () => {
  await pglite;
  for (const l of await Promise.all(servers().map(loadFixture))) loaded.set(l.server.major, l);
}, SERVER_HOOK_TIMEOUT_MS);

describe.each(majors)('PostgreSQL %i', (major) => {
  const server = () => {
    const l = loaded.get(major);
    if (!l) throw new Error(`PostgreSQL ${major} did not start`);
    return l;
  };

  it('snapshots the fixture exactly like PGlite, apart from release noise', async () => {
    const actual = await snapshotOf(server().url);
    expect(withoutVersionNoise(actual, major)).toEqual(withoutVersionNoise(expectedFor(major), 18));
    expect(actual.serverVersion).toMatch(new RegExp(`^${major}\\.\\d+$`));
  });

  it('reports the extension versions the server installed', async () => {
    const actual = await snapshotOf(server().url);
    const installed = await withClient(server().url, async (c) =>
      (await c.query<{ name: string; version: string }>('SELECT extname AS name, extversion AS version FROM pg_extension')).rows);
    const expected = installed.filter((e) => e.name !== 'plpgsql').sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(actual.extensions.map((e) => ({ name: e.name, version: e.version }))).toEqual(expected);
  });

  it('snapshots the same bytes with the catalogs read over three sessions on one shared snapshot', async () => {
    const helpers: pg.Client[] = [];
    // why the barrier: a helper still connecting when the work is done is not waited for (by design), so
    // on a loaded machine the caller's session alone could finish first; holding its first query until
    // both helpers are connected makes the test about shared-snapshot reading, not about timing
    let bothConnected!: () => void;
    const barrier = new Promise<void>((resolve) => (bothConnected = resolve));
    const parallel = await withClient(server().url, (c) =>
      introspect(
        {
          query: async (sql: string, params?: readonly unknown[]) => {
            await barrier;
            return c.query(sql, params ? [...params] : undefined);
          },
        } as Queryable,
        {
          sessions: 3,
          openSession: async () => {
            const helper = new pg.Client({ connectionString: server().url });
            await helper.connect();
            helpers.push(helper);
            if (helpers.length === 2) bothConnected();
            return { query: (sql: string) => helper.query(sql), close: () => helper.end() };
          },
        },
      ),
    );
    expect(helpers).toHaveLength(2);
    expect(JSON.stringify(parallel)).toBe(JSON.stringify(await snapshotOf(server().url)));
  });

  it('spells plain key, unique and foreign key constraints as pg_get_constraintdef does, quoting included', async () => {
    const url = await createDatabase(server().server.url, 'constraint_names');
    await withClient(url, async (c) => {
      await c.query(CONSTRAINT_NAMES_DDL);
      await expectServerDefinitions(c);
    });
  });

  it('snapshots twice to byte-identical JSON', async () => {
    const first = JSON.stringify(await snapshotOf(server().url));
    const second = JSON.stringify(await snapshotOf(server().url));
    expect(second).toBe(first);
  });

  it('gives a non-superuser with only CONNECT + USAGE the superuser snapshot', async () => {
    const asSuperuser = await snapshotOf(server().url);
    const asReader = await snapshotOf(server().readerUrl);
    expect(JSON.stringify(asReader)).toBe(JSON.stringify(asSuperuser));
  });

  it('lists a schema the role cannot use as a limitation, and still describes it', async () => {
    const { url } = server();
    const reader = await createIntrospectionRole(url, 'introspector_no_audit');
    await withClient(url, (c) => c.query('REVOKE USAGE ON SCHEMA audit FROM introspector_no_audit'));
    const asSuperuser = await snapshotOf(url);
    const limited = await snapshotOf(reader);
    expect(limited.limitations).toEqual([expect.objectContaining({ kind: 'schema', object: 'audit' })]);
    expect({ ...limited, limitations: [] }).toEqual(asSuperuser);
  });
});
