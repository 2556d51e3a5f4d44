// Property-based tests of the generic keyed differ (diffByKey, pairRenamed) and of compare() on small random
// snapshots built directly as plain objects.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffByKey, pairRenamed, sameJson } from '../../src/compare/diff-by-key.js';
import { compare } from '../../src/compare/index.js';
import { SnapshotFormatError } from '../../src/errors.js';
import type { Finding } from '../../src/findings/finding.js';
import { normalizeSnapshot } from '../../src/snapshot/normalize.js';
import type { Column, Constraint, Index, Snapshot, Table, TypeCategory } from '../../src/snapshot/types.js';
import { validateSnapshot } from '../../src/snapshot/validate.js';

interface Item {
  readonly key: string;
  readonly value: number;
}
const keyOf = (item: Item) => item.key;
const items = fc.uniqueArray(fc.record({ key: fc.string({ maxLength: 3 }), value: fc.integer({ min: 0, max: 2 }) }), {
  selector: keyOf,
  maxLength: 12,
});

describe('sameJson', () => {
  // values JSON prints in surprising ways (undefined, NaN, -0, toJSON, key order) next to plain ones
  const odd = fc.constantFrom<unknown>(undefined, null, Number.NaN, Infinity, -0, 0, '0', '', 'null', true, false, 1, '1', new Date(0), () => 1);
  const value = fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof(
      { depthSize: 'small' },
      odd,
      fc.string({ maxLength: 2 }),
      fc.array(tie('v'), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('v'), { maxKeys: 3 }),
    ),
  })).v;

  const copy = (x: unknown): unknown =>
    Array.isArray(x) ? x.map(copy) : x !== null && typeof x === 'object' && !(x instanceof Date) ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, copy(v)])) : x;

  it('says exactly what comparing the JSON texts says', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(sameJson(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b));
        // a copy is a different object with the same content: equal exactly when JSON says so
        expect(sameJson(a, copy(a))).toBe(JSON.stringify(a) === JSON.stringify(copy(a)));
      }),
      { numRuns: 2000 },
    );
  });

  it('is true for a value and its JSON round trip', () => {
    fc.assert(fc.property(value, (a) => {
      const text = JSON.stringify(a);
      if (text !== undefined) expect(sameJson(a, JSON.parse(text))).toBe(true);
    }));
  });
});

describe('diffByKey', () => {
  it('partitions the union of keys exactly into added, removed, changed and unchanged', () => {
    fc.assert(
      fc.property(items, items, (source, target) => {
        const d = diffByKey(source, target, keyOf);
        const added = d.added.map(keyOf);
        const removed = d.removed.map(keyOf);
        const changed = d.changed.map((p) => p.source.key);
        const unchanged = d.unchanged.map((p) => p.source.key);
        const all = [...added, ...removed, ...changed, ...unchanged];
        const union = new Set([...source.map(keyOf), ...target.map(keyOf)]);
        expect(new Set(all).size).toBe(all.length); // disjoint, no duplicates
        expect(new Set(all)).toEqual(union);
        const sourceKeys = new Set(source.map(keyOf));
        const targetKeys = new Set(target.map(keyOf));
        for (const k of added) expect(sourceKeys.has(k) || !targetKeys.has(k)).toBe(false);
        for (const k of removed) expect(!sourceKeys.has(k) || targetKeys.has(k)).toBe(false);
        for (const p of [...d.changed, ...d.unchanged]) {
          expect(p.source.key).toBe(p.target.key);
          expect(source).toContain(p.source);
          expect(target).toContain(p.target);
        }
        for (const p of d.changed) expect(p.source.value).not.toBe(p.target.value);
        for (const p of d.unchanged) expect(p.source.value).toBe(p.target.value);
        // order: removed and pairs in source order, added in target order
        const inOrder = (keys: readonly string[], list: readonly Item[]) =>
          expect(keys).toEqual(list.map(keyOf).filter((k) => keys.includes(k)));
        inOrder(removed, source);
        inOrder(changed, source);
        inOrder(unchanged, source);
        inOrder(added, target);
      }),
      { numRuns: 200 },
    );
  });

  it('finds nothing added, removed or changed between a list and itself (or a permutation of it)', () => {
    fc.assert(
      fc.property(items.chain((a) => fc.tuple(fc.constant(a), fc.shuffledSubarray(a, { minLength: a.length }))), ([a, shuffled]) => {
        for (const other of [a, shuffled]) {
          const d = diffByKey(a, other, keyOf);
          expect(d.added).toEqual([]);
          expect(d.removed).toEqual([]);
          expect(d.changed).toEqual([]);
          expect(d.unchanged.map((p) => p.source)).toEqual(a);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('throws SnapshotFormatError when one side repeats a key', () => {
    fc.assert(
      fc.property(items.filter((a) => a.length > 0), fc.nat(), fc.boolean(), (a, i, onSource) => {
        const repeated = [...a, { ...a[i % a.length]! }];
        expect(() => (onSource ? diffByKey(repeated, a, keyOf) : diffByKey(a, repeated, keyOf))).toThrow(SnapshotFormatError);
      }),
      { numRuns: 100 },
    );
  });

  it('pairRenamed only moves items from removed/added into pairs of equal meaning', () => {
    fc.assert(
      fc.property(items, items, (removed, added) => {
        const meaning = (x: Item) => String(x.value);
        const r = pairRenamed(removed, added, meaning);
        expect(r.renamed.length + r.removed.length).toBe(removed.length);
        expect(r.renamed.length + r.added.length).toBe(added.length);
        for (const p of r.renamed) expect(meaning(p.source)).toBe(meaning(p.target));
        // nothing pairable is left over
        const leftMeanings = new Set(r.added.map(meaning));
        for (const x of r.removed) expect(leftMeanings.has(meaning(x))).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

// ---- compare() on generated snapshots ----

const TYPES: readonly (readonly [string, TypeCategory])[] = [
  ['integer', 'numeric'],
  ['bigint', 'numeric'],
  ['numeric(12,2)', 'numeric'],
  ['text', 'string'],
  ['character varying(255)', 'string'],
  ['boolean', 'boolean'],
  ['timestamp with time zone', 'datetime'],
  ['jsonb', 'user'],
];
const DEFAULTS: Record<string, string> = {
  numeric: '0', string: "''::text", boolean: 'false', datetime: 'now()', user: "'{}'::jsonb",
};
const COLUMN_NAMES = ['id', 'name', 'email', 'price', 'qty', 'created_at', 'data', 'flag'];
const TABLE_NAMES = ['clients', 'orders', 'items', 'visits', 'users'];
const SCHEMA_NAMES = ['public', 'app', 'billing'];

interface ColumnSpec {
  name: string;
  type: number;
  nullable: boolean;
  hasDefault: boolean;
}
interface TableSpec {
  schema: string;
  name: string;
  columns: ColumnSpec[];
  /** names of the columns of a unique constraint, or empty for none */
  unique: string[];
}

const columnSpec = (name: string) =>
  fc.record({ name: fc.constant(name), type: fc.nat({ max: TYPES.length - 1 }), nullable: fc.boolean(), hasDefault: fc.boolean() });

const tableSpec = (schema: string, name: string): fc.Arbitrary<TableSpec> =>
  fc
    .shuffledSubarray(COLUMN_NAMES, { minLength: 1, maxLength: 6 })
    .chain((names) => fc.tuple(fc.tuple(...names.map(columnSpec)), fc.subarray(names)))
    .map(([columns, unique]) => ({ schema, name, columns, unique }));

const schemaSpec = fc
  .shuffledSubarray(SCHEMA_NAMES, { minLength: 1, maxLength: 3 })
  .chain((schemas) =>
    fc.tuple(
      fc.constant(schemas),
      fc.tuple(...schemas.map((s) => fc.subarray(TABLE_NAMES, { maxLength: 3 }).chain((names) => fc.tuple(...names.map((n) => tableSpec(s, n)))))),
    ),
  )
  .map(([schemas, tables]) => ({ schemas, tables: tables.flat() }));
type SchemaSpec = { schemas: string[]; tables: TableSpec[] };

function buildTable(spec: TableSpec): Table {
  const columns: Column[] = spec.columns.map((c, i) => {
    const [type, typeCategory] = TYPES[c.type]!;
    return {
      name: c.name, position: i + 1, type, typeCategory, domainBaseType: null, nullable: c.nullable,
      default: c.hasDefault ? DEFAULTS[typeCategory]! : null, identity: null, generated: null, generatedKind: null,
      collation: null, comment: null,
    };
  });
  const constraints: Constraint[] = [];
  const indexes: Index[] = [];
  const unique = spec.unique.filter((u) => spec.columns.some((c) => c.name === u));
  if (unique.length > 0) {
    const name = `${spec.name}_${unique.join('_')}_key`;
    constraints.push({
      kind: 'unique', name, definition: `UNIQUE (${unique.join(', ')})`, deferrable: false, initiallyDeferred: false,
      validated: true, comment: null, columns: unique, nullsNotDistinct: false,
    });
    indexes.push({
      name, unique: true, constraint: name, method: 'btree', keys: unique.map((column) => ({ column })), include: [],
      predicate: null, nullsNotDistinct: false, valid: true,
      definition: `CREATE UNIQUE INDEX ${name} ON ${spec.schema}.${spec.name} USING btree (${unique.join(', ')})`, comment: null,
    });
  }
  return {
    schema: spec.schema, name: spec.name, kind: 'table', partitionOf: null, partitionBound: null, partitionKey: null,
    inherits: [], rlsEnabled: false, rlsForced: false, comment: null, columns, constraints, indexes, triggers: [],
    policies: [], grants: [],
  };
}

function buildSnapshot(spec: SchemaSpec): Snapshot {
  return validateSnapshot(
    normalizeSnapshot({
      formatVersion: 1, serverVersion: '17.10', schemas: spec.schemas.map((name) => ({ name, comment: null })),
      extensions: [], tables: spec.tables.map(buildTable), views: [], sequences: [], types: [], functions: [], limitations: [],
    }),
  );
}

type Edit =
  | { kind: 'drop-column'; table: number; column: number }
  | { kind: 'change-type'; table: number; column: number; type: number }
  | { kind: 'flip-nullable'; table: number; column: number }
  | { kind: 'toggle-default'; table: number; column: number }
  | { kind: 'drop-table'; table: number }
  | { kind: 'add-table'; schema: number; table: TableSpec };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('drop-column' as const), table: fc.nat(), column: fc.nat() }),
  fc.record({ kind: fc.constant('change-type' as const), table: fc.nat(), column: fc.nat(), type: fc.nat({ max: TYPES.length - 1 }) }),
  fc.record({ kind: fc.constant('flip-nullable' as const), table: fc.nat(), column: fc.nat() }),
  fc.record({ kind: fc.constant('toggle-default' as const), table: fc.nat(), column: fc.nat() }),
  fc.record({ kind: fc.constant('drop-table' as const), table: fc.nat() }),
  fc.record({ kind: fc.constant('add-table' as const), schema: fc.nat(), table: tableSpec('?', 'new_table') }),
);

function applyEdits(a: SchemaSpec, edits: readonly Edit[]): SchemaSpec {
  const spec: SchemaSpec = structuredClone(a);
  for (const e of edits) {
    if (e.kind === 'add-table') {
      const schema = spec.schemas[e.schema % spec.schemas.length]!;
      const name = `${e.table.name}_${spec.tables.length}`;
      if (!spec.tables.some((t) => t.schema === schema && t.name === name)) spec.tables.push({ ...structuredClone(e.table), schema, name });
      continue;
    }
    if (spec.tables.length === 0) continue;
    const ti = e.table % spec.tables.length;
    const table = spec.tables[ti]!;
    if (e.kind === 'drop-table') {
      spec.tables.splice(ti, 1);
      continue;
    }
    const ci = e.column % table.columns.length;
    const column = table.columns[ci]!;
    if (e.kind === 'drop-column') {
      if (table.columns.length === 1) continue;
      table.columns.splice(ci, 1);
      // PostgreSQL drops a unique constraint with one of its columns
      if (table.unique.includes(column.name)) table.unique = [];
    } else if (e.kind === 'change-type') column.type = e.type;
    else if (e.kind === 'flip-nullable') column.nullable = !column.nullable;
    else column.hasDefault = !column.hasDefault;
  }
  return spec;
}

const pair = schemaSpec.chain((a) => fc.tuple(fc.constant(a), fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => applyEdits(a, edits))));

/** As in test/compare/fixtures.test.ts: the objects findings are about, without their own name. */
const objects = (findings: readonly Finding[]) =>
  [
    ...new Set(
      findings.map((f) => {
        const kind = f.object.kind === 'index' && f.rule !== 'index-missing' && f.rule !== 'index-extra' ? 'constraint' : f.object.kind;
        return [kind, f.object.schema ?? '', f.object.table ?? ''].join('.');
      }),
    ),
  ].sort();

describe('compare on generated snapshots', () => {
  it('generated snapshots pass validateSnapshot', () => {
    fc.assert(fc.property(pair, ([a, b]) => void (buildSnapshot(a), buildSnapshot(b))), { numRuns: 100 });
  });

  it('compare(A, A) reports nothing', () => {
    fc.assert(
      fc.property(schemaSpec, (spec) => {
        const a = buildSnapshot(spec);
        expect(compare(a, a).findings).toEqual([]);
        expect(compare(a, structuredClone(a)).findings).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('compare(A, B) and compare(B, A) are about the same objects, with as many findings', () => {
    fc.assert(
      fc.property(pair, ([specA, specB]) => {
        const a = buildSnapshot(specA);
        const b = buildSnapshot(specB);
        const forward = compare(a, b).findings;
        const backward = compare(b, a).findings;
        expect(objects(backward)).toEqual(objects(forward));
        expect(backward.length).toBe(forward.length);
      }),
      { numRuns: 150 },
    );
  });

  it('compare is deterministic and does not modify its inputs', () => {
    fc.assert(
      fc.property(pair, ([specA, specB]) => {
        const a = buildSnapshot(specA);
        const b = buildSnapshot(specB);
        const [copyA, copyB] = [structuredClone(a), structuredClone(b)];
        const first = compare(a, b);
        const second = compare(structuredClone(a), structuredClone(b));
        expect(second).toEqual(first);
        expect(a).toEqual(copyA);
        expect(b).toEqual(copyB);
      }),
      { numRuns: 150 },
    );
  });

  it('compare(A, B) reports something exactly when the snapshots differ', () => {
    fc.assert(
      fc.property(pair, ([specA, specB]) => {
        const a = buildSnapshot(specA);
        const b = buildSnapshot(specB);
        const findings = compare(a, b).findings;
        if (JSON.stringify(a) === JSON.stringify(b)) expect(findings).toEqual([]);
        else expect(findings).not.toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
