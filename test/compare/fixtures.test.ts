// Every schema rule has a fixture where it fires (fixtures/<rule-id>/) and a near miss where it must stay
// silent (fixtures/<rule-id>.ok/). Both SQL files are loaded into real PostgreSQL (PGlite), snapshotted and
// compared. The same fixtures check the comparator's invariants: a schema compared with itself reports
// nothing, and swapping source and target reports the same objects.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compare, schemaRules } from '../../src/compare/index.js';
import type { Finding } from '../../src/findings/finding.js';
import type { Snapshot } from '../../src/snapshot/types.js';
import { openFixtureDatabase, type FixtureDatabase } from './fixture-db.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures');

let db: FixtureDatabase;
// generous: an embedded PostgreSQL starts in seconds, or in minutes on a machine busy with other test files
beforeAll(async () => {
  db = await openFixtureDatabase();
}, 600_000);
afterAll(async () => {
  await db?.close();
});

async function load(dir: string): Promise<{ source: Snapshot; target: Snapshot }> {
  const read = (side: string) => readFileSync(join(FIXTURES, dir, `${side}.sql`), 'utf8');
  return { source: await db.snapshot(read('source')), target: await db.snapshot(read('target')) };
}

/**
 * The objects findings are about, without their own name: a renamed object is named after the side it is
 * read from, and a unique constraint that is a unique index on the other side is a constraint or an index.
 */
const objects = (findings: readonly Finding[]) =>
  [
    ...new Set(
      findings.map((f) => {
        const kind = f.object.kind === 'index' && f.rule !== 'index-missing' && f.rule !== 'index-extra' ? 'constraint' : f.object.kind;
        return [kind, f.object.schema ?? '', f.object.table ?? ''].join('.');
      }),
    ),
  ].sort();

function checkInvariants(source: Snapshot, target: Snapshot): void {
  expect(compare(source, source).findings).toEqual([]);
  expect(compare(target, target).findings).toEqual([]);
  const forward = compare(source, target).findings;
  const backward = compare(target, source).findings;
  expect(objects(backward)).toEqual(objects(forward));
  expect(backward.length).toBe(forward.length);
}

describe.each(schemaRules.map((rule) => rule.id))('%s', (id) => {
  it('fires on its fixture', async () => {
    expect(existsSync(join(FIXTURES, id)), `fixtures/${id}/ is missing`).toBe(true);
    const { source, target } = await load(id);
    const findings = compare(source, target).findings;
    expect(findings.filter((f) => f.rule === id), JSON.stringify(findings, null, 2)).not.toEqual([]);
    checkInvariants(source, target);
  });

  it('stays silent on its near miss', async () => {
    expect(existsSync(join(FIXTURES, `${id}.ok`)), `fixtures/${id}.ok/ is missing`).toBe(true);
    const { source, target } = await load(`${id}.ok`);
    const findings = compare(source, target).findings;
    expect(findings.filter((f) => f.rule === id)).toEqual([]);
    checkInvariants(source, target);
  });
});

describe('no-changes', () => {
  it('reports nothing for the same schema', async () => {
    const { source, target } = await load('no-changes');
    expect(compare(source, target).findings).toEqual([]);
  });
});
