// snapshotJsonPieces (what `schema-diff snapshot -o FILE` writes) must join to exactly snapshotJson's
// bytes, whatever the number of tables relative to the pieces' size and whatever the names hold.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { snapshotJson, snapshotJsonPieces } from '../../src/snapshot/serialize.js';
import type { Snapshot, Table } from '../../src/snapshot/types.js';
import { GOLDEN_SNAPSHOT } from '../helpers/every-object-kind.js';

const golden = JSON.parse(readFileSync(GOLDEN_SNAPSHOT, 'utf8')) as Snapshot;

function withTables(count: number): Snapshot {
  const tables: Table[] = Array.from({ length: count }, (_, i) => {
    const model = golden.tables[i % golden.tables.length]!;
    // names that JSON must escape, including the marker the pieces use
    return { ...model, name: `${model.name}_${i}`, comment: i % 7 === 0 ? `"tables": "\u0000" \n ✓ ${i}` : model.comment };
  });
  return { ...golden, tables };
}

const joined = (snapshot: Snapshot) => {
  const pieces: string[] = [];
  snapshotJsonPieces(snapshot, (piece) => pieces.push(piece));
  return pieces.join('');
};

describe('snapshotJsonPieces', () => {
  it.each([0, 1, 2, 1000, 1001, 1023, 1024, 1025, 1088, 1100])('joins to the bytes of snapshotJson with %i tables', (count) => {
    const snapshot = withTables(count);
    expect(joined(snapshot)).toBe(snapshotJson(snapshot));
  });

  it('cuts a snapshot of more than 1,000 tables into pieces of 64 tables', () => {
    let pieces = 0;
    snapshotJsonPieces(withTables(1100), () => pieces++);
    expect(pieces).toBe(2 + Math.ceil(1100 / 64));
  });

  it('joins to the golden snapshot file, byte for byte', () => {
    expect(joined(golden)).toBe(readFileSync(GOLDEN_SNAPSHOT, 'utf8'));
  });
});
