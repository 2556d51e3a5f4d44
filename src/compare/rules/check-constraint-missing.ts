import { defineSchemaRule } from '../rule.js';
import { alterTable } from '../fix-sql.js';
import { displayRelation, ownedObject, relationKey } from '../objects.js';
import { checkChanges } from '../check-pairs.js';
import { checkTouchesUnmatched } from '../constraints-text.js';
import { quoteIdent } from '../../snapshot/identifiers.js';

export default defineSchemaRule({
  id: 'check-constraint-missing',
  severity: 'warning',
  docs: {
    summary: 'A CHECK constraint in source has no equivalent in target (matched by normalized expression, whatever its name).',
    why: 'Target accepts values source rejects: code that relied on the database to refuse bad input (negative prices, unknown statuses) silently stores it.',
  },
  check(diff, report) {
    for (const check of checkChanges(diff).removed) {
      const columns = (diff.source.tables.get(relationKey(check.relation))?.columns ?? []).map((c) => c.name);
      if (checkTouchesUnmatched(check, diff.unmatchedColumns, columns)) continue;
      report({
        object: ownedObject('constraint', check.relation, check.item.name),
        message: `${displayRelation(check.relation)}: check ${check.item.expression} exists in source but not in target: values it rejects are accepted`,
        source: check.item.definition,
        fix: alterTable(check.relation, `ADD CONSTRAINT ${quoteIdent(check.item.name)} ${check.item.definition}`),
      });
    }
  },
});
