// Every schema rule has a fixture where it fires (fixtures/<rule-id>/) and a near miss where it must stay
// silent (fixtures/<rule-id>.ok/). Both SQL files are loaded into real PostgreSQL (PGlite), snapshotted and
// compared. The same fixtures check the comparator's invariants: a schema compared with itself reports
// nothing, and swapping source and target reports the same objects. And every suggested fix is real SQL:
// run on target, it makes the finding go away.
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

const read = (dir: string, side: string) => readFileSync(join(FIXTURES, dir, `${side}.sql`), 'utf8');

async function load(dir: string): Promise<{ source: Snapshot; target: Snapshot }> {
  return { source: await db.snapshot(read(dir, 'source')), target: await db.snapshot(read(dir, 'target')) };
}

// Rules whose fix cannot be checked by running it on the fixture's target alone, and why.
const FIX_CHECKED_ELSEWHERE: Record<string, string> = {
  'index-invalid': 'REINDEX … CONCURRENTLY cannot run inside the transaction the fixture is loaded in',
  'type-extra': 'DROP TYPE needs the columns using it changed first (column-type-changed gives that fix)',
};

/** Run the rule's suggested SQL on target in PostgreSQL: each finding it fixes must be gone afterwards. */
async function checkFixes(id: string, source: Snapshot, findings: readonly Finding[]): Promise<void> {
  const fixable = findings.filter((f) => f.rule === id && f.fix !== undefined);
  if (fixable.length === 0 || id in FIX_CHECKED_ELSEWHERE) return;
  const fixed = await db.snapshot(`${read(id, 'target')}\n${fixable.map((f) => f.fix).join('\n')}`);
  const remaining = compare(source, fixed).findings.filter((f) => f.rule === id);
  for (const finding of fixable) {
    expect(remaining, `after: ${finding.fix}`).not.toContainEqual(expect.objectContaining({ object: finding.object, severity: finding.severity }));
  }
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
    await checkFixes(id, source, findings);
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
