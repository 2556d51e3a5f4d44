import { defineSchemaRule } from '../rule.js';
import { displayName, schemaObject, relationKey } from '../objects.js';
import { createRoutineSql } from '../fix-sql.js';

export default defineSchemaRule({
  id: 'function-missing',
  severity: 'error',
  docs: {
    summary: 'A function, procedure or aggregate in source has no counterpart with the same name and argument types in target.',
    why: 'Calls fail on target with "function does not exist", and so do defaults, triggers and policies that use it.',
  },
  check(diff, report) {
    const targetOverloads = new Map<string, string[]>();
    for (const f of diff.functions.added) {
      targetOverloads.set(relationKey(f), [...(targetOverloads.get(relationKey(f)) ?? []), `(${f.identityArguments})`]);
    }
    for (const f of diff.functions.removed) {
      const signature = `${displayName(f.schema, f.name)}(${f.identityArguments})`;
      const others = targetOverloads.get(relationKey(f));
      const fix = createRoutineSql(f);
      report({
        object: schemaObject('function', f.schema, `${f.name}(${f.identityArguments})`),
        message: `${f.kind} ${signature} exists in source but not in target${others ? ` (target has ${f.name}${others.join(', ')})` : ''}: calls to it fail`,
        source: f.definition,
        ...(fix ? { fix } : {}),
      });
    }
  },
});
