import { defineSchemaRule } from '../rule.js';
import { displayRelation, relationObject } from '../objects.js';
import { relationOfView } from '../keys.js';
import { createViewSql } from '../fix-sql.js';

export default defineSchemaRule({
  id: 'view-missing',
  severity: 'error',
  docs: {
    summary: 'A view or materialized view in source does not exist in target.',
    why: 'Queries that read it fail on target with "relation does not exist".',
  },
  check(diff, report) {
    for (const view of diff.views.removed) {
      const relation = relationOfView(view);
      report({
        object: relationObject(relation),
        message: `${view.materialized ? 'materialized view' : 'view'} ${displayRelation(relation)} exists in source but not in target: queries that read it fail`,
        source: view.definition,
        fix: createViewSql(view),
      });
    }
  },
});
