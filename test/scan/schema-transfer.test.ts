// The schema as the scan's workers get it (src/scan/schema-transfer.ts): tables parsed when first read
// must be indistinguishable from the parsed snapshot, whichever way they are read.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaPayload, snapshotFromPayload } from '../../src/scan/schema-transfer.js';
import type { Snapshot } from '../../src/snapshot/types.js';
import { snapshotOfDdl } from '../helpers/pglite.js';

const salonTarget = readFileSync(join(import.meta.dirname, '../../fixtures/salon/target.sql'), 'utf8');

describe('schema transfer to scan workers', () => {
  it('gives the same snapshot, read as data, spread, stringified or cloned', async () => {
    // a name with quotes and non-ASCII text: byte offsets must not be character offsets
    const snapshot = await snapshotOfDdl(`${salonTarget}
      CREATE TABLE "Zeitplan ""ü""" (id int PRIMARY KEY, notiz text DEFAULT 'größe ✓');
      COMMENT ON TABLE "Zeitplan ""ü""" IS 'Kalender – ✓';`);
    expect(snapshot.tables.length).toBeGreaterThan(3);
    const payload = schemaPayload(snapshot);
    expect(payload.keys).toEqual(Object.keys(snapshot.tables[0]!));

    const lazy = snapshotFromPayload(structuredClone(payload));
    expect(JSON.stringify(lazy)).toBe(JSON.stringify(snapshot));
    const fresh = snapshotFromPayload(payload);
    // property by property, in another order than JSON.stringify's
    const last = fresh.tables.length - 1;
    expect(fresh.tables[last]!.comment).toBe(snapshot.tables[last]!.comment);
    expect(fresh.tables[last]!.columns).toEqual(snapshot.tables[last]!.columns);
    expect({ ...fresh.tables[0]! }).toEqual(snapshot.tables[0]);
    expect(structuredClone(fresh.tables[1]!)).toEqual(snapshot.tables[1]);
    expect(Object.keys(fresh.tables[2]!)).toEqual(Object.keys(snapshot.tables[2]!));
    expect(fresh.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(snapshot.tables.map((t) => `${t.schema}.${t.name}`));
  }, 60_000);

  it('parses every table at once when their keys differ', () => {
    const table = (name: string, extra: Record<string, unknown> = {}) => ({ schema: 'public', name, kind: 'table', columns: [], ...extra });
    const snapshot = { formatVersion: 1, tables: [table('a'), table('b', { comment: 'x' })] } as unknown as Snapshot;
    const payload = schemaPayload(snapshot);
    expect(payload.keys).toBeNull();
    expect(snapshotFromPayload(payload)).toEqual(snapshot);
  });

  it('handles a snapshot without tables', () => {
    const snapshot = { formatVersion: 1, tables: [], views: [] } as unknown as Snapshot;
    expect(snapshotFromPayload(schemaPayload(snapshot))).toEqual(snapshot);
  });
});
