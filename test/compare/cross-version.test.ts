// No noise across PostgreSQL releases: the same DDL loaded into the embedded PostgreSQL (PGlite, 18) and
// into real servers of the oldest and newest tested majors (14 and 18 by default) must compare equal, both
// ways. Covers every fixture of the schema rules and the bundled example, so whatever a release prints
// differently (view bodies, defaults, check expressions, extension versions) is caught here.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compare, schemaRules } from '../../src/compare/index.js';
import { introspect } from '../../src/introspect/index.js';
import type { Queryable } from '../../src/introspect/queryable.js';
import type { Snapshot } from '../../src/snapshot/types.js';
import { startServer, testMajors, type TestServer } from '../helpers/servers.js';
import { openFixtureDatabase, type FixtureDatabase } from './fixture-db.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures');
const ruleIds = new Set(schemaRules.map((r) => r.id));
const mine = readdirSync(FIXTURES)
  .filter((dir) => ruleIds.has(dir.replace(/\..*$/, '')) || dir === 'no-changes' || dir === 'salon')
  .sort();
// one entry per distinct DDL text: many fixtures share a side
const ddlByText = new Map<string, string>();
for (const dir of mine) {
  for (const side of ['source', 'target']) {
    const file = join(FIXTURES, dir, `${side}.sql`);
    if (existsSync(file)) ddlByText.set(readFileSync(file, 'utf8'), `${dir}/${side}.sql`);
  }
}
const cases = [...ddlByText].map(([ddl, name]) => ({ ddl, name })).sort((a, b) => (a.name < b.name ? -1 : 1));
const all = testMajors();
const majors = [...new Set([all[0]!, all.at(-1)!])];

/** Syntax a release does not have yet: such DDL is not loaded there (PostgreSQL rejects it, rightly). */
function minimumMajor(ddl: string): number {
  return /NULLS NOT DISTINCT/i.test(ddl) ? 15 : 14;
}

/** The DDL runs in a transaction that is introspected and rolled back, as in fixture-db.ts. */
async function serverSnapshot(client: pg.Client, ddl: string): Promise<Snapshot> {
  const inTransaction: Queryable = {
    query: async <Row>(sql: string) => (/^\s*BEGIN\b/i.test(sql) ? { rows: [] as Row[] } : { rows: (await client.query(sql)).rows as Row[] }),
  };
  await client.query('BEGIN');
  try {
    await client.query(ddl);
    return await introspect(inTransaction);
  } finally {
    await client.query('ROLLBACK');
  }
}

let embedded: FixtureDatabase;
const embeddedSnapshots = new Map<string, Snapshot>();
beforeAll(async () => {
  embedded = await openFixtureDatabase();
  for (const { ddl, name } of cases) embeddedSnapshots.set(name, await embedded.snapshot(ddl));
}, 900_000);
afterAll(async () => {
  await embedded?.close();
});

describe.each(majors)('PostgreSQL %i', (major) => {
  let server: TestServer;
  let client: pg.Client;
  beforeAll(async () => {
    server = await startServer(major);
    client = new pg.Client({ connectionString: server.url });
    await client.connect();
  }, 600_000);
  afterAll(async () => {
    await client?.end();
    await server?.stop();
  });

  it.each(cases.filter(({ ddl }) => minimumMajor(ddl) <= major))('$name compares equal to the embedded PostgreSQL', async ({ ddl, name }) => {
    const live = await serverSnapshot(client, ddl);
    const local = embeddedSnapshots.get(name)!;
    expect(compare(local, live).findings).toEqual([]);
    expect(compare(live, local).findings).toEqual([]);
  });
});
