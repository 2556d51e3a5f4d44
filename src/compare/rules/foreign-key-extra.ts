import { defineSchemaRule } from '../rule.js';
import { alterTable } from '../fix-sql.js';
import { displayRelation, ownedObject } from '../objects.js';
import { describeForeignKey, touchesUnmatched } from '../constraints-text.js';
import { quoteIdent } from '../../snapshot/identifiers.js';

export default defineSchemaRule({
  id: 'foreign-key-extra',
  severity: 'warning',
  docs: {
    summary: 'Target has a foreign key source lacks.',
    why: 'Inserts that work on source fail on target when the referenced row does not exist yet (insert order, bulk loads) or never existed, and deletes of referenced rows fail or cascade.',
  },
  check(diff, report) {
    for (const fk of diff.foreignKeys.added) {
      if (touchesUnmatched(fk, diff.unmatchedColumns)) continue;
      report({
        object: ownedObject('constraint', fk.relation, fk.item.name),
        message: `${displayRelation(fk.relation)}: ${describeForeignKey(fk.item)} exists only in target: writes that leave the reference dangling fail`,
        target: fk.item.definition,
        fix: alterTable(fk.relation, `DROP CONSTRAINT ${quoteIdent(fk.item.name)}`),
      });
    }
  },
});
