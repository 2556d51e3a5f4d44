import { defineSchemaRule } from '../rule.js';
import { displayName, schemaObject, sqlName } from '../objects.js';
import { followsItsColumn } from '../sequences-text.js';

export default defineSchemaRule({
  id: 'sequence-extra',
  severity: 'info',
  docs: {
    summary: 'A sequence exists in target but not in source (serial sequences whose column explains them are left to the column rules).',
    why: 'Code written against source does not use it; reported so the difference is visible.',
  },
  check(diff, report) {
    for (const sequence of diff.sequences.added) {
      if (followsItsColumn(sequence, diff, 'source')) continue;
      report({
        object: schemaObject('sequence', sequence.schema, sequence.name),
        message: `sequence ${displayName(sequence.schema, sequence.name)} exists only in target`,
        fix: `DROP SEQUENCE ${sqlName(sequence)};`,
      });
    }
  },
});
