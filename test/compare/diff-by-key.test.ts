import { describe, expect, it } from 'vitest';
import { diffByKey, pairRenamed, withOrdinalKeys } from '../../src/compare/diff-by-key.js';
import { SnapshotFormatError } from '../../src/errors.js';

interface Item {
  name: string;
  value: number;
}
const item = (name: string, value = 0): Item => ({ name, value });
const byName = (x: Item) => x.name;

describe('diffByKey', () => {
  it('splits two lists into added, removed, changed and unchanged, keeping input order', () => {
    const diff = diffByKey([item('a'), item('b', 1), item('c')], [item('d'), item('c'), item('b', 2), item('e')], byName);
    expect(diff.removed.map(byName)).toEqual(['a']);
    expect(diff.added.map(byName)).toEqual(['d', 'e']);
    expect(diff.changed).toEqual([{ source: item('b', 1), target: item('b', 2) }]);
    expect(diff.unchanged).toEqual([{ source: item('c'), target: item('c') }]);
  });

  it('uses the given equality', () => {
    const diff = diffByKey([item('a', 1)], [item('a', 2)], byName, () => true);
    expect(diff.changed).toEqual([]);
    expect(diff.unchanged).toHaveLength(1);
  });

  it('rejects two objects with one identity on a side instead of picking one', () => {
    expect(() => diffByKey([item('a'), item('a', 1)], [], byName)).toThrow(SnapshotFormatError);
    expect(() => diffByKey([], [item('a'), item('a', 1)], byName)).toThrow(/target/);
  });

  it('is linear: each object is keyed a bounded number of times and compared at most once', () => {
    const n = 50_000;
    const source = Array.from({ length: n }, (_, i) => item(`t${i}`, i));
    const target = Array.from({ length: n }, (_, i) => item(`t${i + 1000}`, i + 1000));
    let keyed = 0;
    let compared = 0;
    const diff = diffByKey(
      source,
      target,
      (x) => {
        keyed += 1;
        return x.name;
      },
      (a, b) => {
        compared += 1;
        return a.value === b.value;
      },
    );
    expect(keyed).toBeLessThanOrEqual(3 * 2 * n);
    expect(compared).toBe(n - 1000);
    expect([diff.removed.length, diff.added.length, diff.unchanged.length]).toEqual([1000, 1000, n - 1000]);
  });
});

describe('withOrdinalKeys', () => {
  it('numbers repeated keys so duplicates can be diffed', () => {
    const [a, b, c] = [item('x'), item('x', 1), item('y')];
    const keys = withOrdinalKeys([a, b, c], byName);
    expect([keys.get(a), keys.get(b), keys.get(c)]).toEqual(['x', 'x#2', 'y']);
  });
});

describe('pairRenamed', () => {
  it('pairs a removed and an added object with the same meaning, once each', () => {
    const meaning = (x: Item) => String(x.value);
    const result = pairRenamed([item('old', 1), item('gone', 2)], [item('new', 1), item('other', 1)], meaning);
    expect(result.renamed).toEqual([{ source: item('old', 1), target: item('new', 1) }]);
    expect(result.removed).toEqual([item('gone', 2)]);
    expect(result.added).toEqual([item('other', 1)]);
  });
});
