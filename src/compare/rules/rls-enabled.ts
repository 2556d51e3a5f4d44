import { defineSchemaRule } from '../rule.js';
import { alterTable } from '../fix-sql.js';
import { displayRelation, ownedObject } from '../objects.js';
import { relationOfTable } from '../keys.js';

export default defineSchemaRule({
  id: 'rls-enabled',
  severity: 'warning',
  docs: {
    summary: 'Row-level security is enabled (or FORCEd) on a table in target but not in source.',
    why: 'Queries by roles without a matching policy return no rows and writes fail ("new row violates row-level security policy"): code that worked on source sees empty results on target.',
  },
  check(diff, report) {
    for (const { source, target } of diff.tables.changed) {
      const relation = relationOfTable(source);
      const object = ownedObject('rls', relation, source.name);
      if (!source.rlsEnabled && target.rlsEnabled) {
        report({
          object,
          message: `${displayRelation(relation)} has row-level security enabled only in target: roles without a matching policy see no rows`,
          source: 'DISABLE ROW LEVEL SECURITY',
          target: 'ENABLE ROW LEVEL SECURITY',
          fix: alterTable(relation, 'DISABLE ROW LEVEL SECURITY'),
        });
      } else if (target.rlsEnabled && target.rlsForced && !source.rlsForced) {
        report({
          object,
          message: `${displayRelation(relation)} forces row-level security only in target: the table owner is subject to the policies`,
          source: 'NO FORCE ROW LEVEL SECURITY',
          target: 'FORCE ROW LEVEL SECURITY',
          fix: alterTable(relation, 'NO FORCE ROW LEVEL SECURITY'),
        });
      }
    }
  },
});
