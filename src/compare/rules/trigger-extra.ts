import { defineSchemaRule } from '../rule.js';
import { displayRelation, ownedObject, sqlName } from '../objects.js';
import { quoteIdent } from '../../snapshot/identifiers.js';

export default defineSchemaRule({
  id: 'trigger-extra',
  severity: 'warning',
  docs: {
    summary: 'Target has a trigger source lacks.',
    why: 'Writes on target run code they do not run on source: other values are stored, other tables change, or writes fail where the trigger raises.',
  },
  check(diff, report) {
    for (const { relation, item } of diff.triggers.added) {
      report({
        object: ownedObject('trigger', relation, item.name),
        message: `${displayRelation(relation)}: trigger ${item.name} (${item.timing} ${item.events.join(' or ')}, runs ${item.function}) exists only in target: writes behave differently`,
        target: item.definition,
        fix: `DROP TRIGGER ${quoteIdent(item.name)} ON ${sqlName(relation)};`,
      });
    }
  },
});
