import { defineSchemaRule } from '../rule.js';
import { displayRelation, ownedObject } from '../objects.js';

export default defineSchemaRule({
  id: 'trigger-missing',
  severity: 'warning',
  docs: {
    summary: 'A trigger in source does not exist in target (matched by name, or by identical definition under another name).',
    why: 'What the trigger did on write (set updated_at, keep a counter, write an audit row, fill a NOT NULL column) silently stops happening on target.',
  },
  check(diff, report) {
    for (const { relation, item } of diff.triggers.removed) {
      report({
        object: ownedObject('trigger', relation, item.name),
        message: `${displayRelation(relation)}: trigger ${item.name} (${item.timing} ${item.events.join(' or ')}, runs ${item.function}) exists in source but not in target: its effect on writes is lost`,
        source: item.definition,
        fix: `${item.definition};`,
      });
    }
  },
});
