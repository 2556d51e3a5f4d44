import { defineSchemaRule } from '../rule.js';
import { displayRelation, ownedObject, sqlName } from '../objects.js';
import { createPolicySql, dropPolicySql, policyBehaviour } from '../policies-text.js';
import { quoteIdent } from '../../snapshot/identifiers.js';

export default defineSchemaRule({
  id: 'policy-changed',
  severity: 'warning',
  docs: {
    summary:
      'A row-level security policy differs in command, roles, permissive/restrictive mode or its USING / WITH CHECK expression (compared normalized). A policy only renamed is info.',
    why: 'Rows visible or writable on source are hidden or rejected on target, or the other way round: a security difference that no query error reveals.',
  },
  check(diff, report) {
    for (const { source, target } of diff.policies.changed) {
      const [s, t] = [policyBehaviour(source.item, diff.excludedRoles), policyBehaviour(target.item, diff.excludedRoles)];
      const differing = Object.keys(s).filter((k) => s[k] !== t[k]);
      const object = ownedObject('policy', source.relation, source.item.name);
      const where = displayRelation(source.relation);
      if (differing.length === 0) {
        if (source.item.name === target.item.name) continue;
        report({
          object,
          severity: 'info',
          message: `${where}: policy ${source.item.name} is named ${target.item.name} in target`,
          source: source.item.name,
          target: target.item.name,
          fix: `ALTER POLICY ${quoteIdent(target.item.name)} ON ${sqlName(source.relation)} RENAME TO ${quoteIdent(source.item.name)};`,
        });
        continue;
      }
      const detail = differing.map((k) => `${k} ${s[k]} → ${t[k]}`).join('; ');
      report({
        object,
        message: `${where}: policy ${source.item.name} differs in target (${detail}): rows visible or writable differ`,
        source: createPolicySql(source.relation, source.item),
        target: createPolicySql(target.relation, target.item),
        fix: `${dropPolicySql(target.relation, target.item)}\n${createPolicySql(source.relation, source.item)}`,
      });
    }
  },
});
