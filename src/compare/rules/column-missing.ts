import { defineSchemaRule } from '../rule.js';
import { displayRelation, ownedObject } from '../objects.js';
import { alterTable, columnDefinitionSql } from '../fix-sql.js';

export default defineSchemaRule({
  id: 'column-missing',
  severity: 'error',
  docs: {
    summary: 'A column of a table in source does not exist in the same table in target.',
    why: 'Queries that select, filter on or write the column fail on target with "column does not exist", and its data is lost in a migration.',
  },
  check(diff, report) {
    for (const { relation, item } of diff.columns.removed) {
      if (relation.kind !== 'table') continue;
      report({
        object: ownedObject('column', relation, item.name),
        message: `${displayRelation(relation)}.${item.name} exists in source but not in target: queries that read or write it fail`,
        source: item.type,
        fix: alterTable(relation, `ADD COLUMN ${columnDefinitionSql(item)}`),
      });
    }
  },
});
