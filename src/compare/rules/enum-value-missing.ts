import { defineSchemaRule } from '../rule.js';
import { displayName, sqlName } from '../objects.js';
import { literal, typeObject } from '../types-text.js';

export default defineSchemaRule({
  id: 'enum-value-missing',
  severity: 'error',
  docs: {
    summary: 'An enum in target lacks labels the source enum has.',
    why: 'Writes of those values fail on target with "invalid input value for enum", and existing rows holding them cannot be copied over.',
  },
  check(diff, report) {
    for (const { source, target } of diff.types.changed) {
      if (source.kind !== 'enum' || target.kind !== 'enum') continue;
      const present = new Set(target.values);
      const missing = source.values.filter((v) => !present.has(v));
      if (missing.length === 0) continue;
      const fix = missing.map((value) => {
        const before = source.values[source.values.indexOf(value) - 1];
        return `ALTER TYPE ${sqlName(source)} ADD VALUE ${literal(value)}${before === undefined ? '' : ` AFTER ${literal(before)}`};`;
      });
      report({
        object: typeObject(source),
        message: `enum ${displayName(source.schema, source.name)} lacks ${missing.map(literal).join(', ')} in target: writing ${missing.length === 1 ? 'that value' : 'those values'} fails`,
        source: source.values.join(', '),
        target: target.values.join(', '),
        fix: fix.join('\n'),
      });
    }
  },
});
