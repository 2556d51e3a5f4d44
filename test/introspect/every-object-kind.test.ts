// The every-object-kind golden: PGlite's snapshot of fixtures/every-object-kind/source.sql, byte for byte.
// It also proves the fixture is what its name says: every kind of object the snapshot model describes,
// and every field of every object, is exercised at least once (versions.test.ts then checks them all
// on each real major). Regenerate with UPDATE_GOLDENS=1 and review the diff.
import { readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { introspect } from '../../src/introspect/index.js';
import type { Constraint, Routine, Snapshot, TableKind, Trigger, UserType } from '../../src/snapshot/types.js';
import { GOLDEN_SNAPSHOT, SOURCE_SQL } from '../helpers/every-object-kind.js';
import { createContribPglite } from '../helpers/pglite-contrib.js';
import { SERVER_HOOK_TIMEOUT_MS } from '../helpers/use-servers.js';

/** The bytes the CLI writes for a snapshot (src/analysis.ts snapshotJson). */
const toJson = (snapshot: Snapshot) => `${JSON.stringify(snapshot, null, 2)}\n`;

let first: Snapshot;
let second: Snapshot;

beforeAll(async () => {
  const db = await createContribPglite();
  try {
    await db.exec(readFileSync(SOURCE_SQL, 'utf8'));
    first = await introspect(db);
    second = await introspect(db);
  } finally {
    await db.close();
  }
}, SERVER_HOOK_TIMEOUT_MS);

describe('every-object-kind golden snapshot', () => {
  it('is what PGlite gives for source.sql, byte for byte', () => {
    if (process.env.UPDATE_GOLDENS === '1') writeFileSync(GOLDEN_SNAPSHOT, toJson(first));
    expect(toJson(first)).toBe(readFileSync(GOLDEN_SNAPSHOT, 'utf8'));
  });

  it('is the same bytes when snapshotted twice', () => {
    expect(toJson(second)).toBe(toJson(first));
  });
});

// Exhaustive by type: adding a kind to the model without adding it here fails `npm run typecheck`.
const TABLE_KINDS: Record<TableKind, true> = { table: true, partitioned: true, foreign: true };
const CONSTRAINT_KINDS: Record<Constraint['kind'], true> = {
  'primary-key': true, unique: true, 'foreign-key': true, check: true, exclusion: true,
};
const TYPE_KINDS: Record<UserType['kind'], true> = { enum: true, domain: true, composite: true, range: true };
// 'window' is left out: a window function needs C code (no SQL or PL/pgSQL body can define one).
const ROUTINE_KINDS: Record<Exclude<Routine['kind'], 'window'>, true> = { function: true, procedure: true, aggregate: true };
const TRIGGER_TIMINGS: Record<Trigger['timing'], true> = { before: true, after: true, 'instead-of': true };
const TRIGGER_STATES: Record<Trigger['enabled'], true> = { origin: true, always: true, replica: true, disabled: true };

/** Every kind of object in a snapshot, by a readable path. Indexes, triggers and grants are grouped by type,
 * wherever they hang (a materialized view's index cannot implement a constraint; a table's can). */
function collections(s: Snapshot): Record<string, readonly object[]> {
  const relations = [...s.tables, ...s.views];
  return {
    schemas: s.schemas,
    extensions: s.extensions,
    tables: s.tables,
    'tables[].columns': s.tables.flatMap((t) => t.columns),
    'tables[].constraints': s.tables.flatMap((t) => t.constraints),
    'tables[].policies': s.tables.flatMap((t) => t.policies),
    views: s.views,
    'views[].columns': s.views.flatMap((v) => v.columns),
    '(tables|views)[].indexes': relations.flatMap((r) => r.indexes),
    '(tables|views)[].triggers': relations.flatMap((r) => r.triggers),
    '(tables|views)[].grants': relations.flatMap((r) => r.grants),
    sequences: s.sequences,
    ...Object.fromEntries(Object.keys(TYPE_KINDS).map((kind) => [`types[${kind}]`, s.types.filter((t) => t.kind === kind)])),
    'types[domain].constraints': s.types.flatMap((t) => (t.kind === 'domain' ? t.constraints : [])),
    'types[composite].attributes': s.types.flatMap((t) => (t.kind === 'composite' ? t.attributes : [])),
    functions: s.functions,
  };
}

/** A field counts as exercised when some object sets it: not null, false, '' or []. */
const isSet = (value: unknown) =>
  value !== null && value !== undefined && value !== false && value !== '' && !(Array.isArray(value) && value.length === 0);

describe('every-object-kind fixture coverage', () => {
  it('holds every top-level collection except limitations', () => {
    // limitations describe the reading role, not the schema: a superuser (PGlite) has none. versions.test.ts
    // produces one with a role that lacks USAGE.
    const empty = Object.entries(first).filter(([key, value]) => Array.isArray(value) && value.length === 0).map(([key]) => key);
    expect(empty).toEqual(['limitations']);
  });

  it('holds every kind of table, constraint, type, routine and trigger', () => {
    const seen = (values: readonly string[], expected: object) => expect([...new Set(values)].sort()).toEqual(Object.keys(expected).sort());
    seen(first.tables.map((t) => t.kind), TABLE_KINDS);
    seen(first.tables.flatMap((t) => t.constraints.map((c) => c.kind)), CONSTRAINT_KINDS);
    seen(first.types.map((t) => t.kind), TYPE_KINDS);
    seen(first.functions.map((f) => f.kind), ROUTINE_KINDS);
    const triggers = [...first.tables, ...first.views].flatMap((r) => r.triggers);
    seen(triggers.map((t) => t.timing), TRIGGER_TIMINGS);
    seen(triggers.map((t) => t.enabled), TRIGGER_STATES);
    expect(new Set(triggers.map((t) => t.level))).toEqual(new Set(['row', 'statement']));
    expect(new Set(first.views.map((v) => v.materialized))).toEqual(new Set([true, false]));
    expect(first.views.some((v) => v.indexes.length > 0 && v.triggers.length === 0)).toBe(true);
    expect(first.views.some((v) => v.triggers.length > 0 && v.grants.length > 0)).toBe(true);
  });

  it('sets every field of every kind of object at least once', () => {
    const unset: string[] = [];
    for (const [path, objects] of Object.entries(collections(first))) {
      if (objects.length === 0) {
        unset.push(`${path} (no object at all)`);
        continue;
      }
      const fields = new Set(objects.flatMap((o) => Object.keys(o)));
      for (const field of fields) {
        if (!objects.some((o) => isSet((o as Record<string, unknown>)[field]))) unset.push(`${path}.${field}`);
      }
    }
    expect(unset).toEqual([]);
  });
});
