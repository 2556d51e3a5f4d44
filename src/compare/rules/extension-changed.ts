import { defineSchemaRule } from '../rule.js';
import { quoteIdent } from '../../snapshot/identifiers.js';
import { majorOf } from '../not-compared.js';
import { extensionCompared } from '../extension-usage.js';

export default defineSchemaRule({
  id: 'extension-changed',
  severity: 'info',
  docs: {
    summary:
      'An extension has another version (info; only between servers of the same major release, since each release installs its own default versions) or lives in another schema (warning) in target.',
    why: 'Versions add, change or drop functions; an extension in another schema is only found when that schema is on search_path, and schema-qualified calls (extensions.uuid_generate_v4()) fail.',
  },
  check(diff, report) {
    const sameMajor = majorOf(diff.source.snapshot.serverVersion) === majorOf(diff.target.snapshot.serverVersion);
    for (const { source, target } of diff.extensions.changed) {
      if (!extensionCompared(diff, source, 'source') && !extensionCompared(diff, target, 'target')) continue;
      const object = { kind: 'extension' as const, name: source.name };
      if (source.schema !== target.schema) {
        report({
          object,
          severity: 'warning',
          message: `extension ${source.name} is in schema ${source.schema} in source but ${target.schema} in target: qualified calls and search_path lookups differ`,
          source: source.schema,
          target: target.schema,
          fix: `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(source.schema)};\nALTER EXTENSION ${quoteIdent(source.name)} SET SCHEMA ${quoteIdent(source.schema)};`,
        });
      }
      if (sameMajor && source.version !== target.version) {
        report({
          object,
          message: `extension ${source.name} is version ${source.version} in source but ${target.version} in target`,
          source: source.version,
          target: target.version,
          fix: `ALTER EXTENSION ${quoteIdent(source.name)} UPDATE TO '${source.version.replace(/'/g, "''")}';`,
        });
      }
    }
  },
});
