import { defineSchemaRule } from '../rule.js';
import { displayRelation, relationObject } from '../objects.js';
import { relationOfTable } from '../keys.js';
import { createTableSql } from '../fix-sql.js';

export default defineSchemaRule({
  id: 'table-missing',
  severity: 'error',
  docs: {
    summary: 'A table in source does not exist in target.',
    why: 'Every query that reads or writes it fails on target with "relation does not exist", and its data has nowhere to go.',
  },
  check(diff, report) {
    for (const table of diff.tables.removed) {
      report({
        object: relationObject(relationOfTable(table)),
        message: `table ${displayRelation(relationOfTable(table))} exists in source but not in target: every query that uses it fails`,
        fix: createTableSql(table),
      });
    }
  },
});
