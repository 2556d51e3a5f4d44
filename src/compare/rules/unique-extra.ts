import { defineSchemaRule } from '../rule.js';
import { displayRelation, relationKey, sqlName } from '../objects.js';
import { uniqueKeySet, type UniqueKey } from '../keys.js';
import { describeUniqueKey, onUnmatchedColumn, replaceUniqueKeySql, uniqueKeyObject } from '../unique-keys.js';
import { quoteIdent } from '../../snapshot/identifiers.js';

/** A source key on a subset of these columns already made them unique. */
function impliedBy(key: UniqueKey, sourceKeys: readonly UniqueKey[]): UniqueKey | undefined {
  if (key.predicate !== null || key.columns.length === 0) return undefined;
  const columns = new Set(key.columns);
  return sourceKeys.find((k) => k.predicate === null && k.columns.length > 0 && k.columns.every((c) => columns.has(c)));
}

/** A source key on the same keys that only covered the rows matching a predicate. */
function partialInSource(key: UniqueKey, sourceKeys: readonly UniqueKey[]): UniqueKey | undefined {
  if (key.predicate !== null) return undefined;
  const keySet = uniqueKeySet(key);
  return sourceKeys.find((k) => k.predicate !== null && uniqueKeySet(k) === keySet);
}

export default defineSchemaRule({
  id: 'unique-extra',
  severity: 'warning',
  docs: {
    summary: 'Target has a unique key (primary key, unique constraint or index) source lacks, or has without the predicate source limits it to. Info when a source key on fewer columns already implied it.',
    why: 'Rows that are distinct in source may collide in target: inserts and migrations fail with "duplicate key value violates unique constraint".',
  },
  check(diff, report) {
    const sourceKeys = new Map<string, UniqueKey[]>();
    for (const key of diff.source.uniqueKeys) {
      const list = sourceKeys.get(relationKey(key.relation)) ?? [];
      list.push(key);
      sourceKeys.set(relationKey(key.relation), list);
    }
    for (const key of diff.uniqueKeys.added) {
      if (onUnmatchedColumn(key, diff.unmatchedColumns)) continue;
      const onTable = sourceKeys.get(relationKey(key.relation)) ?? [];
      const implied = impliedBy(key, onTable);
      const partial = implied ? undefined : partialInSource(key, onTable);
      const name = `${displayRelation(key.relation)}: ${describeUniqueKey(key)}`;
      report({
        object: uniqueKeyObject(key),
        severity: implied ? 'info' : 'warning',
        message: implied
          ? `${name} exists only in target; source's ${describeUniqueKey(implied)} already implies it`
          : partial
            ? `${name} exists only in target; source's ${describeUniqueKey(partial)} covers only the rows matching its predicate: rows outside it that are distinct in source may collide and fail to insert`
            : `${name} exists only in target: rows that are distinct in source may collide and fail to insert`,
        target: key.definition,
        fix: partial
          ? replaceUniqueKeySql(partial, key)
          : key.form === 'unique-index'
            ? `DROP INDEX ${sqlName({ schema: key.relation.schema, name: key.name })};`
            : `ALTER TABLE ${sqlName(key.relation)} DROP CONSTRAINT ${quoteIdent(key.name)};`,
      });
    }
  },
});
