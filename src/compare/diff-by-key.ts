// The one generic differ: match two lists by a key, in linear time (one Map per side, no nested loops).
// Every comparison in compare/ goes through here; what the key is decides whether objects are matched by
// name (tables, columns) or by meaning (unique keys, foreign keys, checks: see keys.ts).
import { SnapshotFormatError } from '../errors.js';

export interface Pair<T> {
  readonly source: T;
  readonly target: T;
}

export interface KeyedDiff<T> {
  /** only in target */
  readonly added: readonly T[];
  /** only in source */
  readonly removed: readonly T[];
  /** same key, `equal` says they differ */
  readonly changed: readonly Pair<T>[];
  /** same key, `equal` says they are the same */
  readonly unchanged: readonly Pair<T>[];
}

const UNSURE = 2;
const isScalar = (x: unknown) => typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x));

/**
 * `JSON.stringify(a) === JSON.stringify(b)` without building the strings (which was a quarter of a
 * 5,000-table compare): walks both values in key order; true/false where that is certainly what the
 * strings would say, UNSURE for anything JSON turns into something else (undefined, functions,
 * non-finite numbers, objects with toJSON, differing key lists) so the caller asks JSON itself.
 */
function walkSame(a: unknown, b: unknown): boolean | typeof UNSURE {
  // a string, a number and a boolean never print alike; anything else may (NaN and null both print null)
  if (typeof a !== typeof b) return isScalar(a) && isScalar(b) ? false : UNSURE;
  switch (typeof a) {
    case 'string':
    case 'boolean':
      return a === b;
    case 'number':
      return Number.isFinite(a) && Number.isFinite(b) ? a === b : UNSURE;
    case 'object': {
      if (a === null || b === null) return a === b ? true : UNSURE;
      if (Array.isArray(a)) {
        if (!Array.isArray(b)) return UNSURE;
        if (a.length !== b.length) return false;
        for (let i = 0; i < a.length; i++) {
          const same = walkSame(a[i], b[i]);
          if (same !== true) return same;
        }
        return true;
      }
      if (Array.isArray(b) || typeof (a as { toJSON?: unknown }).toJSON === 'function' || typeof (b as { toJSON?: unknown }).toJSON === 'function') return UNSURE;
      const ka = Object.keys(a);
      const kb = Object.keys(b as object);
      if (ka.length !== kb.length) return UNSURE;
      for (let i = 0; i < ka.length; i++) {
        if (ka[i] !== kb[i]) return UNSURE;
        const same = walkSame((a as Record<string, unknown>)[ka[i]!], (b as Record<string, unknown>)[kb[i]!]);
        if (same !== true) return same;
      }
      return true;
    }
    default:
      return UNSURE;
  }
}

/** Structural equality of plain JSON data (snapshot objects are built with a fixed key order): equal JSON text. */
export function sameJson(a: unknown, b: unknown): boolean {
  const same = walkSame(a, b);
  return same === UNSURE ? JSON.stringify(a) === JSON.stringify(b) : same;
}

function indexByKey<T>(items: readonly T[], keys: readonly string[], side: 'source' | 'target'): Map<string, T> {
  const map = new Map<string, T>();
  for (let i = 0; i < items.length; i++) {
    const key = keys[i]!;
    // why: two objects with one identity would make the diff depend on list order; a snapshot never has them.
    if (map.has(key)) throw new SnapshotFormatError(`two objects in the ${side} snapshot have the same identity: ${key}`);
    map.set(key, items[i]!);
  }
  return map;
}

/**
 * Match `source` and `target` by `keyOf`. Results keep the order of the input lists (removed and pairs in
 * source order, added in target order), so sorted snapshots give sorted diffs.
 */
export function diffByKey<T>(
  source: readonly T[],
  target: readonly T[],
  keyOf: (item: T) => string,
  equal: (a: T, b: T) => boolean = sameJson,
): KeyedDiff<T> {
  return diffByKeys(source, source.map(keyOf), target, target.map(keyOf), equal);
}

/** diffByKey with every item's key given (`sourceKeys[i]` is the key of `source[i]`). */
export function diffByKeys<T>(
  source: readonly T[],
  sourceKeys: readonly string[],
  target: readonly T[],
  targetKeys: readonly string[],
  equal: (a: T, b: T) => boolean = sameJson,
): KeyedDiff<T> {
  const targetByKey = indexByKey(target, targetKeys, 'target');
  const sourceByKey = indexByKey(source, sourceKeys, 'source');
  const removed: T[] = [];
  const changed: Pair<T>[] = [];
  const unchanged: Pair<T>[] = [];
  for (const [key, item] of sourceByKey) {
    const match = targetByKey.get(key);
    if (match === undefined) removed.push(item);
    else (equal(item, match) ? unchanged : changed).push({ source: item, target: match });
  }
  const added = target.filter((_, i) => !sourceByKey.has(targetKeys[i]!));
  return { added, removed, changed, unchanged };
}

/**
 * Give repeated keys an ordinal (`key`, `key#2`, …) so lists that may legitimately hold two objects with one
 * meaning (two identical indexes) can still be diffed: the second copy missing in target is reported.
 */
export function withOrdinalKeys<T>(items: readonly T[], keyOf: (item: T) => string): Map<T, string> {
  const keys = ordinalKeys(items.map(keyOf));
  return new Map(items.map((item, i) => [item, keys[i]!]));
}

/** withOrdinalKeys on the keys alone: `ordinalKeys(keys)[i]` belongs to the item whose key is `keys[i]`. */
export function ordinalKeys(keys: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return keys.map((key) => {
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    return count === 1 ? key : `${key}#${count}`;
  });
}

/** Pairs of `removed` and `added` with the same `meaningOf`: the same object under another name. */
export function pairRenamed<T>(
  removed: readonly T[],
  added: readonly T[],
  meaningOf: (item: T) => string,
): { readonly renamed: readonly Pair<T>[]; readonly removed: readonly T[]; readonly added: readonly T[] } {
  const addedByMeaning = new Map<string, T[]>();
  for (const item of added) {
    const meaning = meaningOf(item);
    const list = addedByMeaning.get(meaning);
    if (list) list.push(item);
    else addedByMeaning.set(meaning, [item]);
  }
  const renamed: Pair<T>[] = [];
  const stillRemoved: T[] = [];
  const taken = new Set<T>();
  for (const item of removed) {
    const candidate = addedByMeaning.get(meaningOf(item))?.shift();
    if (candidate === undefined) stillRemoved.push(item);
    else {
      renamed.push({ source: item, target: candidate });
      taken.add(candidate);
    }
  }
  return { renamed, removed: stillRemoved, added: added.filter((item) => !taken.has(item)) };
}
