import { defineSchemaRule } from '../rule.js';
import { displayName, schemaObject, sqlName } from '../objects.js';

export default defineSchemaRule({
  id: 'function-extra',
  severity: 'info',
  docs: {
    summary: 'A function, procedure or aggregate exists in target but not in source (same name and argument types).',
    why: 'Code written against source does not call it; reported so the difference is visible.',
  },
  check(diff, report) {
    for (const f of diff.functions.added) {
      report({
        object: schemaObject('function', f.schema, `${f.name}(${f.identityArguments})`),
        message: `${f.kind} ${displayName(f.schema, f.name)}(${f.identityArguments}) exists only in target`,
        target: f.definition,
        fix: `DROP ${f.kind === 'procedure' ? 'PROCEDURE' : f.kind === 'aggregate' ? 'AGGREGATE' : 'FUNCTION'} ${sqlName(f)}(${f.identityArguments});`,
      });
    }
  },
});
