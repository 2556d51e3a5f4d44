// Property-based tests of validateSnapshot: it never fails with anything but SnapshotValidationError, and any
// type-changing mutation of a real snapshot is rejected with a message naming (a prefix of) the mutated path.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { SnapshotValidationError, validateSnapshot } from '../../src/snapshot/validate.js';
import type { Snapshot } from '../../src/snapshot/types.js';
import { snapshotOfDdl } from '../helpers/pglite.js';

const DDL = `
CREATE SCHEMA app;
COMMENT ON SCHEMA app IS 'the app';
CREATE TYPE app.status AS ENUM ('new', 'active', 'gone');
CREATE DOMAIN app.email AS text CHECK (VALUE LIKE '%@%');
CREATE TABLE app.company (id serial PRIMARY KEY, name text NOT NULL UNIQUE);
CREATE TABLE app.client (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  company_id int NOT NULL REFERENCES app.company (id) ON DELETE CASCADE,
  status app.status NOT NULL DEFAULT 'new',
  email app.email,
  price numeric(12,2) CHECK (price > 0),
  qty int DEFAULT 1,
  total numeric GENERATED ALWAYS AS (price * qty) STORED,
  data jsonb
);
COMMENT ON COLUMN app.client.data IS 'free-form';
CREATE INDEX client_status_idx ON app.client (status) INCLUDE (qty) WHERE status <> 'gone';
CREATE INDEX client_data_idx ON app.client ((data->>'k'));
CREATE VIEW app.active_clients AS SELECT id, company_id FROM app.client WHERE status = 'active';
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER client_touch BEFORE UPDATE ON app.client FOR EACH ROW EXECUTE FUNCTION app.touch();
ALTER TABLE app.client ENABLE ROW LEVEL SECURITY;
CREATE POLICY client_company ON app.client FOR SELECT USING (company_id > 0);
GRANT SELECT ON app.client TO PUBLIC;
`;

let snapshot: Snapshot;
beforeAll(async () => {
  snapshot = await snapshotOfDdl(DDL);
}, 600_000);

const expectOnlyValidationError = (value: unknown) => {
  try {
    validateSnapshot(value);
  } catch (error) {
    expect(error).toBeInstanceOf(SnapshotValidationError);
  }
};

describe('validateSnapshot on arbitrary input', () => {
  it('returns or throws SnapshotValidationError for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), expectOnlyValidationError), { numRuns: 200 });
  });

  it('returns or throws SnapshotValidationError for anything (objects, arrays, undefined, symbols, …)', () => {
    fc.assert(fc.property(fc.anything({ withMap: true, withSet: true, withDate: true, withTypedArray: true, withNullPrototype: true }), expectOnlyValidationError), {
      numRuns: 200,
    });
  });

  it('returns or throws SnapshotValidationError for snapshot-shaped objects with random field values', () => {
    const field = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.array(fc.dictionary(fc.constantFrom('name', 'schema', 'kind', 'columns', 'type', 'comment', 'keys', 'column'), fc.jsonValue({ maxDepth: 2 })), { maxLength: 3 }));
    const shaped = fc.record(
      {
        formatVersion: fc.constantFrom<unknown>(1, 1, 1, 2, 0, '1', null),
        serverVersion: fc.oneof(fc.string(), fc.jsonValue({ maxDepth: 1 })),
        schemas: field, extensions: field, tables: field, views: field, sequences: field, types: field, functions: field, limitations: field,
      },
      { requiredKeys: [] },
    );
    fc.assert(fc.property(shaped, expectOnlyValidationError), { numRuns: 200 });
  });
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Step = string | number;

const render = (path: readonly Step[]) => 'snapshot' + path.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('');

/** Every node below the root, with its path (the formatVersion check is separate and has no path in its message). */
function nodes(value: Json, path: Step[] = [], out: { path: Step[]; value: Json; inObject: boolean }[] = []) {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push({ path: [...path, i], value: v, inObject: false });
      nodes(v, [...path, i], out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (path.length === 0 && k === 'formatVersion') continue;
      out.push({ path: [...path, k], value: v, inObject: true });
      nodes(v, [...path, k], out);
    }
  }
  return out;
}

/** Values of another JSON type than `value` that no nullable/optional spec could accept in its place. */
function otherTypes(value: Json): Json[] {
  if (value === null) return [0, true, []]; // null is only there where the spec allows null: a string, object or enum
  if (Array.isArray(value)) return ['x', 1, false, {}, null];
  switch (typeof value) {
    case 'string':
      return [7, false, [], {}];
    case 'number':
      return ['7', true, null, []];
    case 'boolean':
      return ['true', 1, null, {}];
    default: // objects may be nullable (partitionOf, ownedBy): never null
      return ['x', 1, true, []];
  }
}

function mutate(root: Json, path: readonly Step[], op: { kind: 'delete' } | { kind: 'replace'; with: Json }): Json {
  const copy = structuredClone(root);
  let parent: any = copy;
  for (const step of path.slice(0, -1)) parent = parent[step];
  const last = path[path.length - 1]!;
  if (op.kind === 'delete') delete parent[last];
  else parent[last] = op.with;
  return copy;
}

describe('validateSnapshot on mutations of a real snapshot', () => {
  it('accepts the unmutated snapshot, and it has something in every list', () => {
    expect(validateSnapshot(structuredClone(snapshot))).toEqual(snapshot);
    for (const list of ['schemas', 'tables', 'views', 'sequences', 'types', 'functions'] as const) expect(snapshot[list].length, list).toBeGreaterThan(0);
  });

  const errorPathOf = (value: unknown): string => {
    try {
      validateSnapshot(value);
    } catch (error) {
      expect(error).toBeInstanceOf(SnapshotValidationError);
      return (error as Error).message.split(' ')[0]!;
    }
    throw new Error('accepted');
  };
  /** the error names the mutated path or one of its ancestors (an index key reports the key, not its `column`) */
  const expectNamesPrefix = (errorPath: string, mutated: string) => {
    const isPrefix = mutated === errorPath || mutated.startsWith(`${errorPath}.`) || mutated.startsWith(`${errorPath}[`);
    expect(isPrefix, `error names ${errorPath}, mutated ${mutated}`).toBe(true);
  };

  it('rejects a snapshot with a deleted object key, naming the key', () => {
    const all = nodes(snapshot as unknown as Json).filter((n) => n.inObject);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: all.length - 1 }), (i) => {
        const { path } = all[i]!;
        const errorPath = errorPathOf(mutate(snapshot as unknown as Json, path, { kind: 'delete' }));
        expectNamesPrefix(errorPath, render(path));
      }),
      { numRuns: 200 },
    );
  });

  it('rejects a snapshot with a value replaced by one of another type, naming its path', () => {
    const all = nodes(snapshot as unknown as Json);
    const mutation = fc.integer({ min: 0, max: all.length - 1 }).chain((i) =>
      fc.record({ i: fc.constant(i), with: fc.constantFrom(...otherTypes(all[i]!.value)) }),
    );
    fc.assert(
      fc.property(mutation, ({ i, with: replacement }) => {
        const { path } = all[i]!;
        const errorPath = errorPathOf(mutate(snapshot as unknown as Json, path, { kind: 'replace', with: replacement }));
        expectNamesPrefix(errorPath, render(path));
      }),
      { numRuns: 200 },
    );
  });
});
