import { defineSchemaRule } from '../rule.js';
import { displayRelation, relationObject, sqlName } from '../objects.js';
import { relationOfTable } from '../keys.js';

export default defineSchemaRule({
  id: 'table-extra',
  severity: 'info',
  docs: {
    summary: 'A table exists in target but not in source.',
    why: 'Code written against source does not use it; it is reported so the difference is visible, not because anything breaks.',
  },
  check(diff, report) {
    for (const table of diff.tables.added) {
      const relation = relationOfTable(table);
      report({
        object: relationObject(relation),
        message: `table ${displayRelation(relation)} exists only in target`,
        fix: `DROP TABLE ${sqlName(table)};`,
      });
    }
  },
});
