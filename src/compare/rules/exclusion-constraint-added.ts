import { defineSchemaRule } from '../rule.js';
import { alterTable } from '../fix-sql.js';
import { displayRelation, ownedObject } from '../objects.js';
import { quoteIdent } from '../../snapshot/identifiers.js';

export default defineSchemaRule({
  id: 'exclusion-constraint-added',
  severity: 'warning',
  docs: {
    summary: 'Target has an EXCLUDE constraint source lacks.',
    why: 'Writes that succeed on source fail on target with "conflicting key value violates exclusion constraint".',
  },
  check(diff, report) {
    for (const { relation, item } of diff.exclusions.added) {
      report({
        object: ownedObject('constraint', relation, item.name),
        message: `${displayRelation(relation)}: ${item.definition} exists only in target: writes source accepts may fail`,
        target: item.definition,
        fix: alterTable(relation, `DROP CONSTRAINT ${quoteIdent(item.name)}`),
      });
    }
  },
});
