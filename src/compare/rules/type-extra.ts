import { defineSchemaRule } from '../rule.js';
import { displayName, sqlName } from '../objects.js';
import { typeLabel, typeObject } from '../types-text.js';

export default defineSchemaRule({
  id: 'type-extra',
  severity: 'info',
  docs: {
    summary: 'A user-defined type exists in target but not in source.',
    why: 'Code written against source does not use it; reported so the difference is visible.',
  },
  check(diff, report) {
    for (const type of diff.types.added) {
      report({
        object: typeObject(type),
        message: `${typeLabel(type)} ${displayName(type.schema, type.name)} exists only in target`,
        fix: `DROP ${type.kind === 'domain' ? 'DOMAIN' : 'TYPE'} ${sqlName(type)};`,
      });
    }
  },
});
