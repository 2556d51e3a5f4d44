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

/** Structural equality of plain JSON data (snapshot objects are built with a fixed key order). */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function indexByKey<T>(items: readonly T[], keyOf: (item: T) => string, side: 'source' | 'target'): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    // why: two objects with one identity would make the diff depend on list order; a snapshot never has them.
    if (map.has(key)) throw new SnapshotFormatError(`two objects in the ${side} snapshot have the same identity: ${key}`);
    map.set(key, item);
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
  const targetByKey = indexByKey(target, keyOf, 'target');
  const sourceKeys = new Set<string>();
  const removed: T[] = [];
  const changed: Pair<T>[] = [];
  const unchanged: Pair<T>[] = [];
  for (const [key, item] of indexByKey(source, keyOf, 'source')) {
    sourceKeys.add(key);
    const match = targetByKey.get(key);
    if (match === undefined) removed.push(item);
    else (equal(item, match) ? unchanged : changed).push({ source: item, target: match });
  }
  const added = target.filter((item) => !sourceKeys.has(keyOf(item)));
  return { added, removed, changed, unchanged };
}

/**
 * Give repeated keys an ordinal (`key`, `key#2`, …) so lists that may legitimately hold two objects with one
 * meaning (two identical indexes) can still be diffed: the second copy missing in target is reported.
 */
export function withOrdinalKeys<T>(items: readonly T[], keyOf: (item: T) => string): Map<T, string> {
  const seen = new Map<string, number>();
  const keys = new Map<T, string>();
  for (const item of items) {
    const key = keyOf(item);
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    keys.set(item, count === 1 ? key : `${key}#${count}`);
  }
  return keys;
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
