import { defineSchemaRule } from '../rule.js';
import { displayRelation, relationKey } from '../objects.js';
import { uniqueKeySet, type UniqueKey } from '../keys.js';
import { createUniqueKeySql, describeUniqueKey, onUnmatchedColumn, uniqueKeyObject } from '../unique-keys.js';

/**
 * A partial key whose target twin has the same keys and no predicate is not missing: PostgreSQL infers any unique
 * index whose predicate the ON CONFLICT clause implies, and no predicate is always implied, so every upsert the
 * partial key served still works and every duplicate it rejected is still rejected. unique-extra reports the
 * stricter key.
 */
function widenedInTarget(key: UniqueKey, targetKeys: readonly UniqueKey[]): boolean {
  if (key.predicate === null) return false;
  const keySet = uniqueKeySet(key);
  return targetKeys.some(
    (k) => k.predicate === null && k.valid && !k.deferrable && (k.nullsNotDistinct || !key.nullsNotDistinct) && uniqueKeySet(k) === keySet,
  );
}

export default defineSchemaRule({
  id: 'unique-missing',
  severity: 'error',
  docs: {
    summary:
      'A primary key, unique constraint or unique index in source has no equivalent in target: no key on the same table with the same set of columns (or expressions) and the same predicate (or no predicate: such a key serves every upsert the partial one did), whatever its name.',
    why:
      'INSERT … ON CONFLICT (cols) needs a unique index on exactly those columns; without one PostgreSQL rejects the statement ("there is no unique or exclusion constraint matching the ON CONFLICT specification"), and rows that were unique can be duplicated. A key that was deferrable or invalid in source was no arbiter there: warning.',
  },
  check(diff, report) {
    const targetKeys = new Map<string, UniqueKey[]>();
    for (const key of diff.target.uniqueKeys) {
      const list = targetKeys.get(relationKey(key.relation)) ?? [];
      list.push(key);
      targetKeys.set(relationKey(key.relation), list);
    }
    for (const key of diff.uniqueKeys.removed) {
      if (onUnmatchedColumn(key, diff.unmatchedColumns)) continue;
      const onTable = targetKeys.get(relationKey(key.relation)) ?? [];
      if (widenedInTarget(key, onTable)) continue;
      const keyColumns = new Set(key.columns);
      // the target keys worth naming: those on some of the same columns (the primary key on id is not news)
      const related = onTable.filter((k) => k.columns.some((c) => keyColumns.has(c)));
      const others = related.map(describeUniqueKey);
      // a target key on a subset of the columns still keeps the rows unique, it just cannot be the arbiter
      const stillUnique = related.some((k) => k.predicate === null && k.columns.length > 0 && k.columns.every((c) => keyColumns.has(c)));
      const arbiter = key.valid && !key.deferrable;
      const upsert = `INSERT … ON CONFLICT (${key.keys.join(', ')}) fails`;
      const consequence = arbiter ? (stillUnique ? upsert : `${upsert} and duplicates are accepted`) : 'duplicates are accepted';
      report({
        object: uniqueKeyObject(key),
        severity: arbiter ? 'error' : 'warning',
        message: `${displayRelation(key.relation)}: ${describeUniqueKey(key)} exists in source but not in target${others.length ? ` (target has ${others.join('; ')})` : ''}: ${consequence}`,
        source: key.definition,
        ...(others.length ? { target: others.join('; ') } : {}),
        fix: createUniqueKeySql(key),
      });
    }
  },
});
