import { defineSchemaRule } from '../rule.js';
import { displayRelation, ownedObject, sqlName } from '../objects.js';
import { indexIdentity, indexShape, plainColumnsOf } from '../keys.js';
import { columnKey } from '../schema-diff.js';
import { createIndexSql } from '../fix-sql.js';

export default defineSchemaRule({
  id: 'index-changed',
  severity: 'info',
  docs: {
    summary:
      'An index is built differently in target: same keys but another sort order (DESC, NULLS FIRST), operator class, collation or INCLUDE columns, or the same name over other keys or predicate.',
    why: 'Nothing fails, but ORDER BY, LIKE prefix searches, index-only scans and the queries the old keys served may not use the target index.',
  },
  check(diff, report) {
    for (const { source, target } of diff.indexes.changed) {
      if (indexShape(source.item.definition) === indexShape(target.item.definition)) continue;
      const columns = [...(plainColumnsOf(source.item.keys) ?? []), ...(plainColumnsOf(target.item.keys) ?? [])];
      // an index over a column that exists on one side only changed with it: column-missing/-extra says so
      if (columns.some((c) => diff.unmatchedColumns.has(columnKey(source.relation, c)))) continue;
      const otherKeys = indexIdentity(source) !== indexIdentity(target);
      report({
        object: ownedObject('index', source.relation, source.item.name),
        message: `${displayRelation(source.relation)}: index ${source.item.name} ${otherKeys ? 'covers other keys' : 'is built differently'} in target: queries may not use it the same way`,
        source: source.item.definition,
        target: target.item.definition,
        fix: `DROP INDEX ${sqlName({ schema: target.relation.schema, name: target.item.name })};\n${createIndexSql(source.item.definition)}`,
      });
    }
  },
});
