// Column rows arrive in whatever order the server scans pg_attribute, one at a time on a live database:
// the collector must order each relation's columns by attnum and number only the live ones.
import { describe, expect, it } from 'vitest';
import { ColumnCollector } from '../../src/introspect/column-collector.js';
import type { ColumnRow } from '../../src/introspect/rows.js';

const row = (relid: number | string, attnum: number, name: string): ColumnRow => ({
  relid, attnum, name, type: 'integer', category: 'N', domain_base: null, not_null: false, default: null,
  identity: '', generated_kind: '', generated: null, collation: null, comment: null,
});

describe('ColumnCollector', () => {
  it('orders columns by attnum per relation, positions counting live columns (dropped attnums leave holes)', () => {
    const collector = new ColumnCollector();
    // relation 10: attnum 2 was dropped, and the rows come out of order; relation 20 in order, oid as text
    for (const r of [row(10, 4, 'd'), row(20, 1, 'x'), row(10, 1, 'a'), row(10, 3, 'c'), row('20', 2, 'y')]) collector.add(r);
    const { columnsByRel, columnNamesByRel } = collector.finish();
    expect(columnsByRel.get(10)!.map((c) => [c.name, c.position])).toEqual([['a', 1], ['c', 2], ['d', 3]]);
    expect(columnsByRel.get(20)!.map((c) => [c.name, c.position])).toEqual([['x', 1], ['y', 2]]);
    expect(columnNamesByRel.get(10)![3]).toBe('c');
    expect(columnNamesByRel.get(10)![2]).toBeUndefined();
    expect(Object.keys(columnsByRel.get(10)![0]!)).toEqual([
      'name', 'position', 'type', 'typeCategory', 'domainBaseType', 'nullable', 'default', 'identity', 'generated',
      'generatedKind', 'collation', 'comment',
    ]);
  });
});
