import { defineSchemaRule } from '../rule.js';
import { displayRelation, ownedObject, relationKey } from '../objects.js';
import { createPolicySql } from '../policies-text.js';

export default defineSchemaRule({
  id: 'policy-missing',
  severity: 'error',
  docs: {
    summary: 'A row-level security policy in source does not exist in target (matched by name, or by identical definition under another name). Warning when target has RLS disabled on the table (rls-disabled reports that).',
    why: 'A missing permissive policy hides rows and rejects writes that source allows; a missing restrictive policy lets through what source kept out. Either way access differs from what the code was written for.',
  },
  check(diff, report) {
    for (const { relation, item } of diff.policies.removed) {
      const rlsOn = diff.target.tables.get(relationKey(relation))?.rlsEnabled ?? false;
      const who = item.roles.includes('public') ? 'every role loses' : `${item.roles.join(', ')} lose${item.roles.length === 1 ? 's' : ''}`;
      const effect = item.permissive
        ? `${who} the ${item.command === 'all' ? '' : `${item.command.toUpperCase()} `}access it granted`
        : `the ${item.command.toUpperCase()} restriction it imposed is lifted`;
      report({
        object: ownedObject('policy', relation, item.name),
        severity: rlsOn ? 'error' : 'warning',
        message: `${displayRelation(relation)}: policy ${item.name} exists in source but not in target: ${rlsOn ? effect : 'RLS is off there, so nothing enforces access per row'}`,
        source: createPolicySql(relation, item),
        fix: createPolicySql(relation, item),
      });
    }
  },
});
