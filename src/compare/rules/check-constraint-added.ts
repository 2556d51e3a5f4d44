import { defineSchemaRule } from '../rule.js';
import { alterTable } from '../fix-sql.js';
import { displayRelation, ownedObject, relationKey } from '../objects.js';
import { checkChanges } from '../check-pairs.js';
import { checkTouchesUnmatched } from '../constraints-text.js';
import { quoteIdent } from '../../snapshot/identifiers.js';

export default defineSchemaRule({
  id: 'check-constraint-added',
  severity: 'warning',
  docs: {
    summary: 'Target has a CHECK constraint source lacks.',
    why: 'Writes that succeed on source fail on target ("new row violates check constraint"), and existing rows may not migrate.',
  },
  check(diff, report) {
    for (const check of checkChanges(diff).added) {
      const columns = (diff.target.tables.get(relationKey(check.relation))?.columns ?? []).map((c) => c.name);
      if (checkTouchesUnmatched(check, diff.unmatchedColumns, columns)) continue;
      report({
        object: ownedObject('constraint', check.relation, check.item.name),
        message: `${displayRelation(check.relation)}: check ${check.item.expression} exists only in target: writes source accepts may fail`,
        target: check.item.definition,
        fix: alterTable(check.relation, `DROP CONSTRAINT ${quoteIdent(check.item.name)}`),
      });
    }
  },
});
