import { defineSchemaRule } from '../rule.js';
import { displayRelation, ownedObject } from '../objects.js';
import { alterColumn } from '../fix-sql.js';
import { hasValueWhenOmitted } from '../column-generation.js';

export default defineSchemaRule({
  id: 'column-nullability-changed',
  severity: 'error',
  docs: {
    summary:
      'A column is NOT NULL on one side only. Error when target adds NOT NULL without a default, warning when target has a default, info when target allows NULL.',
    why: 'Inserts that omit the column (or write NULL) succeed on source and fail on target with "null value in column violates not-null constraint"; rows holding NULL cannot be copied over. A column that became nullable can return NULLs code never saw.',
  },
  check(diff, report) {
    for (const { source, target } of diff.columns.changed) {
      if (source.item.nullable === target.item.nullable) continue;
      const name = `${displayRelation(source.relation)}.${source.item.name}`;
      const object = ownedObject('column', source.relation, source.item.name);
      if (target.item.nullable) {
        report({
          object,
          severity: 'info',
          message: `${name} is NOT NULL in source but nullable in target: target accepts NULLs code may not expect`,
          source: 'NOT NULL',
          target: 'NULL',
          fix: alterColumn(source.relation, source.item.name, 'SET NOT NULL'),
        });
      } else {
        const defaulted = hasValueWhenOmitted(target.item);
        report({
          object,
          severity: defaulted ? 'warning' : 'error',
          message: defaulted
            ? `${name} is nullable in source but NOT NULL in target: inserts and updates that write NULL fail`
            : `${name} is nullable in source but NOT NULL without a default in target: inserts that omit it fail`,
          source: 'NULL',
          target: 'NOT NULL',
          fix: alterColumn(source.relation, source.item.name, 'DROP NOT NULL'),
        });
      }
    }
  },
});
