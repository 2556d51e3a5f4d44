// Checks are matched by normalized expression (schema-diff). A check that exists on both sides with another
// expression shows up as one removed + one added; pair those back into "changed" when they share a name, or
// when they are the only ones on the table constraining the same columns.
import type { CheckConstraint } from '../snapshot/types.js';
import type { Pair } from './diff-by-key.js';
import type { Owned } from './keys.js';
import type { SchemaDiff, SnapshotIndex } from './schema-diff.js';
import { relationKey } from './objects.js';
import { columnsInExpression } from './constraints-text.js';
import { compareText } from '../snapshot/normalize.js';

export interface CheckChanges {
  readonly changed: readonly Pair<Owned<CheckConstraint>>[];
  readonly removed: readonly Owned<CheckConstraint>[];
  readonly added: readonly Owned<CheckConstraint>[];
}

type Check = Owned<CheckConstraint>;

function columnsKey(side: SnapshotIndex, check: Check): string | null {
  const columns = (side.tables.get(relationKey(check.relation))?.columns ?? []).map((c) => c.name);
  const used = columnsInExpression(check.item.expression, columns).sort(compareText);
  return used.length === 0 ? null : `${relationKey(check.relation)}|${used.join(',')}`;
}

function pairBy(
  removed: readonly Check[],
  added: readonly Check[],
  keyOfRemoved: (c: Check) => string | null,
  keyOfAdded: (c: Check) => string | null,
  onlyUnique: boolean,
): { pairs: Pair<Check>[]; removed: Check[]; added: Check[] } {
  const group = (list: readonly Check[], keyOf: (c: Check) => string | null) => {
    const map = new Map<string, Check[]>();
    for (const c of list) {
      const key = keyOf(c);
      if (key !== null) map.set(key, [...(map.get(key) ?? []), c]);
    }
    return map;
  };
  const addedGroups = group(added, keyOfAdded);
  const removedGroups = group(removed, keyOfRemoved);
  const pairs: Pair<Check>[] = [];
  const taken = new Set<Check>();
  for (const [key, sources] of removedGroups) {
    const targets = addedGroups.get(key) ?? [];
    if (onlyUnique && (sources.length !== 1 || targets.length !== 1)) continue;
    sources.slice(0, targets.length).forEach((source, i) => {
      const target = targets[i];
      if (!target) return;
      pairs.push({ source, target });
      taken.add(source).add(target);
    });
  }
  return { pairs, removed: removed.filter((c) => !taken.has(c)), added: added.filter((c) => !taken.has(c)) };
}

const cache = new WeakMap<SchemaDiff, CheckChanges>();

export function checkChanges(diff: SchemaDiff): CheckChanges {
  const cached = cache.get(diff);
  if (cached) return cached;
  const byName = (c: Check) => `${relationKey(c.relation)}|${c.item.name}`;
  const named = pairBy(diff.checks.removed, diff.checks.added, byName, byName, false);
  const byColumns = pairBy(named.removed, named.added, (c) => columnsKey(diff.source, c), (c) => columnsKey(diff.target, c), true);
  const result = { changed: [...named.pairs, ...byColumns.pairs], removed: byColumns.removed, added: byColumns.added };
  cache.set(diff, result);
  return result;
}
