import { defineSchemaRule } from '../rule.js';
import { displayName } from '../objects.js';
import { createTypeSql, typeLabel, typeObject } from '../types-text.js';

export default defineSchemaRule({
  id: 'type-missing',
  severity: 'error',
  docs: {
    summary: 'A user-defined type (enum, domain, composite, range) in source does not exist in target.',
    why: 'Casts such as \'active\'::status, function signatures and columns that use the type fail on target with "type does not exist".',
  },
  check(diff, report) {
    for (const type of diff.types.removed) {
      report({
        object: typeObject(type),
        message: `${typeLabel(type)} ${displayName(type.schema, type.name)} exists in source but not in target: casts and columns that use it fail`,
        fix: createTypeSql(type),
      });
    }
  },
});
