import { defineSchemaRule } from '../rule.js';
import { quoteIdent } from '../../snapshot/identifiers.js';

export default defineSchemaRule({
  id: 'schema-extra',
  severity: 'info',
  docs: {
    summary: 'A schema exists in target but not in source.',
    why: 'Code written against source does not use it; an earlier search_path entry with the same object names would change what unqualified names resolve to.',
  },
  check(diff, report) {
    for (const schema of diff.schemas.added) {
      report({
        object: { kind: 'schema', name: schema.name },
        message: `schema ${schema.name} exists only in target`,
        fix: `DROP SCHEMA ${quoteIdent(schema.name)};`,
      });
    }
  },
});
