import { defineSchemaRule } from '../rule.js';
import { alterTable } from '../fix-sql.js';
import { displayRelation, ownedObject } from '../objects.js';
import { describeForeignKey, touchesUnmatched } from '../constraints-text.js';
import { quoteIdent } from '../../snapshot/identifiers.js';

export default defineSchemaRule({
  id: 'foreign-key-missing',
  severity: 'warning',
  docs: {
    summary: 'A foreign key in source has no equivalent in target (same columns referencing the same table and columns, whatever its name).',
    why: 'Target accepts rows that point nowhere, and ON DELETE CASCADE / SET NULL no longer clean up: code that relied on the database to keep references valid silently leaves orphans.',
  },
  check(diff, report) {
    for (const fk of diff.foreignKeys.removed) {
      if (touchesUnmatched(fk, diff.unmatchedColumns)) continue;
      report({
        object: ownedObject('constraint', fk.relation, fk.item.name),
        message: `${displayRelation(fk.relation)}: ${describeForeignKey(fk.item)} exists in source but not in target: rows that reference nothing are accepted`,
        source: fk.item.definition,
        fix: alterTable(fk.relation, `ADD CONSTRAINT ${quoteIdent(fk.item.name)} ${fk.item.definition}`),
      });
    }
  },
});
