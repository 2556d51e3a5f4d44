import { defineSchemaRule } from '../rule.js';
import { alterTable } from '../fix-sql.js';
import { displayRelation, ownedObject } from '../objects.js';
import { checkChanges } from '../check-pairs.js';
import { quoteIdent } from '../../snapshot/identifiers.js';

export default defineSchemaRule({
  id: 'check-constraint-changed',
  severity: 'warning',
  docs: {
    summary:
      'A CHECK constraint has another expression in target (paired by name, or as the only check on the same columns), or the same expression differs in NOT VALID / NO INHERIT (info).',
    why: 'Values accepted on one side are rejected on the other: writes fail on target, or bad values get in.',
  },
  check(diff, report) {
    for (const { source, target } of checkChanges(diff).changed) {
      report({
        object: ownedObject('constraint', source.relation, source.item.name),
        message: `${displayRelation(source.relation)}: check ${source.item.name} is ${source.item.expression} in source but ${target.item.expression} in target: values accepted on one side are rejected on the other`,
        source: source.item.definition,
        target: target.item.definition,
        fix: alterTable(source.relation, `DROP CONSTRAINT ${quoteIdent(target.item.name)}, ADD CONSTRAINT ${quoteIdent(source.item.name)} ${source.item.definition}`),
      });
    }
    for (const { source, target } of diff.checks.changed) {
      const flags = (c: typeof source.item) => `${c.validated ? '' : ' NOT VALID'}${c.noInherit ? ' NO INHERIT' : ''}`.trim() || 'VALID';
      if (flags(source.item) === flags(target.item)) continue;
      report({
        object: ownedObject('constraint', source.relation, source.item.name),
        severity: 'info',
        message: `${displayRelation(source.relation)}: check ${source.item.name} is ${flags(source.item)} in source but ${flags(target.item)} in target`,
        source: source.item.definition,
        target: target.item.definition,
      });
    }
  },
});
