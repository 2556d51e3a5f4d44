import { defineSchemaRule } from '../rule.js';
import { extensionCompared, knowsExtension, usersOfExtension } from '../extension-usage.js';
import { quoteIdent } from '../../snapshot/identifiers.js';

export default defineSchemaRule({
  id: 'extension-missing',
  severity: 'error',
  docs: {
    summary:
      'An extension installed in source is not installed in target. Error when source objects use what it provides (a column type, default, index operator class, check, view or function); warning when no use is found (usage is recognised for common extensions only). An extension in a schema the options leave out is only reported when something compared uses it.',
    why: 'Columns of its types, defaults that call its functions (uuid_generate_v4(), gen_random_bytes()) and indexes on its operator classes (gin_trgm_ops) cannot be created on target, and queries that call it fail.',
  },
  check(diff, report) {
    for (const extension of diff.extensions.removed) {
      if (!extensionCompared(diff, extension, 'source')) continue;
      const users = usersOfExtension(diff.source.snapshot, extension.name);
      const known = knowsExtension(extension.name);
      report({
        object: { kind: 'extension', name: extension.name },
        severity: users.length > 0 ? 'error' : 'warning',
        message:
          users.length > 0
            ? `extension ${extension.name} is installed in source but not in target, and ${users.join(', ')} use${users.length === 1 ? 's' : ''} it: those objects and queries calling it fail`
            : `extension ${extension.name} is installed in source but not in target: queries that call it fail${known ? '' : ' (which objects use it is not known to schema-diff)'}`,
        source: `${extension.name} ${extension.version}`,
        fix: `${extension.schema === 'public' ? '' : `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(extension.schema)};\n`}CREATE EXTENSION IF NOT EXISTS ${quoteIdent(extension.name)} WITH SCHEMA ${quoteIdent(extension.schema)};`,
      });
    }
  },
});
