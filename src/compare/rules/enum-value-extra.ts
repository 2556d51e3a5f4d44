import { defineSchemaRule } from '../rule.js';
import { displayName } from '../objects.js';
import { literal, typeObject } from '../types-text.js';

export default defineSchemaRule({
  id: 'enum-value-extra',
  severity: 'info',
  docs: {
    summary: 'An enum in target has labels the source enum lacks.',
    why: 'Code written against source never writes them, but may read them from target and not know what to do with them.',
  },
  check(diff, report) {
    for (const { source, target } of diff.types.changed) {
      if (source.kind !== 'enum' || target.kind !== 'enum') continue;
      const known = new Set(source.values);
      const extra = target.values.filter((v) => !known.has(v));
      if (extra.length === 0) continue;
      report({
        object: typeObject(source),
        message: `enum ${displayName(source.schema, source.name)} has ${extra.map(literal).join(', ')} only in target`,
        source: source.values.join(', '),
        target: target.values.join(', '),
      });
    }
  },
});
