import { defineSchemaRule } from '../rule.js';
import { alterTable } from '../fix-sql.js';
import { displayRelation, ownedObject } from '../objects.js';
import { quoteIdent } from '../../snapshot/identifiers.js';

export default defineSchemaRule({
  id: 'exclusion-constraint-missing',
  severity: 'warning',
  docs: {
    summary: 'An EXCLUDE constraint in source has no equivalent in target (matched by definition, whatever its name).',
    why: 'Target accepts rows source rejects (overlapping bookings, double allocations), and ON CONFLICT DO NOTHING that relied on it as arbiter inserts duplicates or fails.',
  },
  check(diff, report) {
    for (const { relation, item } of diff.exclusions.removed) {
      report({
        object: ownedObject('constraint', relation, item.name),
        message: `${displayRelation(relation)}: ${item.definition} exists in source but not in target: conflicting rows are accepted`,
        source: item.definition,
        fix: alterTable(relation, `ADD CONSTRAINT ${quoteIdent(item.name)} ${item.definition}`),
      });
    }
  },
});
