import { defineSchemaRule } from '../rule.js';
import { alterTable } from '../fix-sql.js';
import { displayRelation, ownedObject } from '../objects.js';
import { relationOfTable } from '../keys.js';

export default defineSchemaRule({
  id: 'rls-disabled',
  severity: 'error',
  docs: {
    summary: 'Row-level security is enabled on a table in source but disabled in target (error), or FORCEd only in source (warning).',
    why: 'With RLS off every role with table privileges sees and changes every row: policies that kept tenants or users apart no longer apply. Without FORCE the table owner bypasses the policies.',
  },
  check(diff, report) {
    for (const { source, target } of diff.tables.changed) {
      const relation = relationOfTable(source);
      const object = ownedObject('rls', relation, source.name);
      if (source.rlsEnabled && !target.rlsEnabled) {
        report({
          object,
          message: `${displayRelation(relation)} has row-level security enabled in source but disabled in target: every role with table privileges reads and writes all rows`,
          source: 'ENABLE ROW LEVEL SECURITY',
          target: 'DISABLE ROW LEVEL SECURITY',
          fix: alterTable(relation, 'ENABLE ROW LEVEL SECURITY'),
        });
      } else if (source.rlsEnabled && source.rlsForced && !target.rlsForced) {
        report({
          object,
          severity: 'warning',
          message: `${displayRelation(relation)} forces row-level security in source but not in target: the table owner bypasses the policies`,
          source: 'FORCE ROW LEVEL SECURITY',
          target: 'NO FORCE ROW LEVEL SECURITY',
          fix: alterTable(relation, 'FORCE ROW LEVEL SECURITY'),
        });
      }
    }
  },
});
