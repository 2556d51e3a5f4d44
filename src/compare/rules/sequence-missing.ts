import { defineSchemaRule } from '../rule.js';
import { displayName, schemaObject } from '../objects.js';
import { createSequenceSql, followsItsColumn } from '../sequences-text.js';

export default defineSchemaRule({
  id: 'sequence-missing',
  severity: 'error',
  docs: {
    summary: 'A sequence in source does not exist in target. A serial column\'s own sequence is matched by its column (names like _seq1 do not matter) and is not reported when the column is gone or became an identity column.',
    why: 'Code that calls nextval(\'…\') or setval(\'…\') on it fails with "relation does not exist".',
  },
  check(diff, report) {
    for (const sequence of diff.sequences.removed) {
      if (followsItsColumn(sequence, diff, 'target')) continue;
      report({
        object: schemaObject('sequence', sequence.schema, sequence.name),
        message: `sequence ${displayName(sequence.schema, sequence.name)} exists in source but not in target: nextval() and setval() on it fail`,
        fix: createSequenceSql(sequence),
      });
    }
  },
});
