import { defineSchemaRule } from '../rule.js';
import { displayRelation, relationObject, sqlName } from '../objects.js';
import { relationOfView } from '../keys.js';

export default defineSchemaRule({
  id: 'view-extra',
  severity: 'info',
  docs: {
    summary: 'A view or materialized view exists in target but not in source.',
    why: 'Code written against source does not use it; reported so the difference is visible.',
  },
  check(diff, report) {
    for (const view of diff.views.added) {
      const relation = relationOfView(view);
      report({
        object: relationObject(relation),
        message: `${view.materialized ? 'materialized view' : 'view'} ${displayRelation(relation)} exists only in target`,
        target: view.definition,
        fix: `DROP ${view.materialized ? 'MATERIALIZED VIEW' : 'VIEW'} ${sqlName(view)};`,
      });
    }
  },
});
