import { defineSchemaRule } from '../rule.js';
import { quoteIdent } from '../../snapshot/identifiers.js';

export default defineSchemaRule({
  id: 'schema-missing',
  severity: 'warning',
  docs: {
    summary: 'A schema in source does not exist in target (its tables, views and functions are reported one by one).',
    why: 'Qualified names in it fail to resolve, search_path entries naming it are ignored, and code that creates objects in it fails.',
  },
  check(diff, report) {
    for (const schema of diff.schemas.removed) {
      report({
        object: { kind: 'schema', name: schema.name },
        message: `schema ${schema.name} exists in source but not in target: names qualified with it do not resolve`,
        fix: `CREATE SCHEMA ${quoteIdent(schema.name)};`,
      });
    }
  },
});
