import { defineSchemaRule } from '../rule.js';
import { displayRelation, ownedObject } from '../objects.js';
import { changeColumnTypeSql } from '../fix-sql.js';
import { judgeTypeChange } from '../type-compat.js';

export default defineSchemaRule({
  id: 'json-type-changed',
  severity: 'error',
  docs: {
    summary: 'A json or jsonb column has another type in target (jsonb ↔ json ↔ text, or array ↔ scalar). json → jsonb is a warning.',
    why: 'Operators such as @>, ? and ?| exist only for jsonb; a jsonb column turned into text reads back strings that code then treats as objects; text → jsonb rejects strings that are not JSON; jsonb → json loses equality, so DISTINCT, GROUP BY and unique keys on it fail.',
  },
  check(diff, report) {
    for (const { source, target } of diff.columns.changed) {
      const verdict = judgeTypeChange(
        { type: source.item.type, category: source.item.typeCategory, domainBaseType: source.item.domainBaseType },
        { type: target.item.type, category: target.item.typeCategory, domainBaseType: target.item.domainBaseType },
      );
      if (!verdict?.json) continue;
      const column = source.item.name;
      report({
        object: ownedObject('column', source.relation, column),
        severity: verdict.severity,
        message: `${displayRelation(source.relation)}.${column} is ${source.item.type} in source but ${target.item.type} in target: ${verdict.reason}`,
        source: source.item.type,
        target: target.item.type,
        fix: changeColumnTypeSql(source.relation, source.item, target.item),
      });
    }
  },
});
