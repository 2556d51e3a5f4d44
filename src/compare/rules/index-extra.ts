import { defineSchemaRule } from '../rule.js';
import { displayRelation, ownedObject, sqlName } from '../objects.js';
import { plainColumnsOf } from '../keys.js';
import { columnKey } from '../schema-diff.js';

export default defineSchemaRule({
  id: 'index-extra',
  severity: 'info',
  docs: {
    summary: 'Target has a non-unique index that source lacks.',
    why: 'Nothing breaks; writes on target maintain one more index, and query plans may differ from source.',
  },
  check(diff, report) {
    for (const { relation, item } of diff.indexes.added) {
      const columns = plainColumnsOf(item.keys) ?? [];
      if (columns.some((c) => diff.unmatchedColumns.has(columnKey(relation, c)))) continue;
      report({
        object: ownedObject('index', relation, item.name),
        message: `${displayRelation(relation)}: index ${item.name} exists only in target`,
        target: item.definition,
        fix: `DROP INDEX ${sqlName({ schema: relation.schema, name: item.name })};`,
      });
    }
  },
});
