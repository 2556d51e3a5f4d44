import { defineSchemaRule } from '../rule.js';
import { displayRelation, ownedObject } from '../objects.js';
import { changeColumnTypeSql } from '../fix-sql.js';
import { judgeTypeChange } from '../type-compat.js';

export default defineSchemaRule({
  id: 'column-type-changed',
  severity: 'error',
  docs: {
    summary:
      'A column has another type in target. Severity follows the type-compatibility matrix: widening (int → bigint, varchar(n) → text) is info, rounding or reinterpreting is a warning, failing writes or reads are errors. json/jsonb changes are json-type-changed.',
    why: 'Narrowed types reject values source accepts (value too long, integer out of range); reinterpreted types return or compare values differently (time zones dropped, enum order lost).',
  },
  check(diff, report) {
    for (const { source, target } of diff.columns.changed) {
      const verdict = judgeTypeChange(
        { type: source.item.type, category: source.item.typeCategory, domainBaseType: source.item.domainBaseType },
        { type: target.item.type, category: target.item.typeCategory, domainBaseType: target.item.domainBaseType },
      );
      if (!verdict || verdict.json) continue;
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
