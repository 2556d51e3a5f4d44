// Real-world schemas (../shared/corpus/schemas: five projects' schema pairs, used by path, never copied)
// through every input form: each loads and snapshots; a real server (through --scratch-db) and the
// embedded PostgreSQL agree; the snapshot survives its own JSON file; comparing a schema with itself
// reports nothing.
import { existsSync, readdirSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compare } from '../src/compare/index.js';
import { snapshotInput } from '../src/input/index.js';
import type { Snapshot } from '../src/snapshot/types.js';
import { startServer, testMajors, type TestServer } from './helpers/servers.js';
import { withoutVersionNoise } from './introspect/version-noise.js';
import { testTempDir } from './helpers/temp-dir.js';

const CORPUS = '../shared/corpus/schemas';
if (!existsSync(CORPUS)) throw new Error(`${CORPUS} is missing: the corpus tests need ../shared next to the project`);
const files = readdirSync(CORPUS)
  .sort()
  .flatMap((name) => ['source.sql', 'target.sql'].map((side) => join(CORPUS, name, side)));

let server: TestServer;
const major = testMajors().at(-1)!;
beforeAll(async () => {
  server = await startServer(major);
});
afterAll(async () => {
  await server?.stop();
});

const normalized = (s: Snapshot) => withoutVersionNoise(s, 18);

describe.each(files)('%s', (file) => {
  let embedded: Snapshot;

  it('loads into the embedded PostgreSQL, snapshots deterministically, and equals itself', async () => {
    embedded = (await snapshotInput(file)).snapshot;
    expect(embedded.tables.length).toBeGreaterThan(0);
    const again = (await snapshotInput(file)).snapshot;
    expect(JSON.stringify(again)).toBe(JSON.stringify(embedded));
    expect(compare(embedded, embedded).findings).toEqual([]);
  });

  it(`gives the same snapshot on a real PostgreSQL ${major} (--scratch-db)`, async () => {
    const live = (await snapshotInput(file, { scratchDb: server.url })).snapshot;
    expect(withoutVersionNoise(live, major)).toEqual(normalized(embedded));
  });

  it('round-trips through a snapshot file and a migrations folder', async () => {
    const dir = testTempDir('corpus-');
    const json = join(dir, 'snapshot.json');
    writeFileSync(json, JSON.stringify(embedded));
    expect((await snapshotInput(json)).snapshot).toEqual(embedded);
    mkdirSync(join(dir, 'migrations'));
    copyFileSync(file, join(dir, 'migrations', '001_schema.sql'));
    expect((await snapshotInput(join(dir, 'migrations'))).snapshot).toEqual(embedded);
  });
});
