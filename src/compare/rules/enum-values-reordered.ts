import { defineSchemaRule } from '../rule.js';
import { displayName } from '../objects.js';
import { typeObject } from '../types-text.js';

export default defineSchemaRule({
  id: 'enum-values-reordered',
  severity: 'warning',
  docs: {
    summary: 'The labels both enums share are in another order in target.',
    why: 'Enums sort and compare by declaration order: ORDER BY, <, > and MIN/MAX on the column give other results.',
  },
  check(diff, report) {
    for (const { source, target } of diff.types.changed) {
      if (source.kind !== 'enum' || target.kind !== 'enum') continue;
      const inTarget = new Set(target.values);
      const inSource = new Set(source.values);
      const sourceOrder = source.values.filter((v) => inTarget.has(v));
      const targetOrder = target.values.filter((v) => inSource.has(v));
      if (sourceOrder.join('\u0000') === targetOrder.join('\u0000')) continue;
      report({
        object: typeObject(source),
        message: `enum ${displayName(source.schema, source.name)} orders its labels differently in target: sorting and comparisons on it differ`,
        source: sourceOrder.join(', '),
        target: targetOrder.join(', '),
      });
    }
  },
});
