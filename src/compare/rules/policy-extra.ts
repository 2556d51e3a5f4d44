import { defineSchemaRule } from '../rule.js';
import { displayRelation, ownedObject } from '../objects.js';
import { createPolicySql, dropPolicySql } from '../policies-text.js';

export default defineSchemaRule({
  id: 'policy-extra',
  severity: 'warning',
  docs: {
    summary: 'Target has a row-level security policy source lacks.',
    why: 'An extra permissive policy opens rows to roles source kept out; an extra restrictive policy hides rows and rejects writes source allows.',
  },
  check(diff, report) {
    for (const { relation, item } of diff.policies.added) {
      report({
        object: ownedObject('policy', relation, item.name),
        message: `${displayRelation(relation)}: policy ${item.name} exists only in target: ${item.permissive ? 'it grants access source does not' : 'it restricts access source does not'}`,
        target: createPolicySql(relation, item),
        fix: dropPolicySql(relation, item),
      });
    }
  },
});
