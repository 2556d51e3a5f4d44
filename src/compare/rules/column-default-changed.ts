import { defineSchemaRule } from '../rule.js';
import { displayRelation, ownedObject } from '../objects.js';
import { alterColumn } from '../fix-sql.js';
import { defaultKey, generationOf } from '../column-generation.js';

export default defineSchemaRule({
  id: 'column-default-changed',
  severity: 'warning',
  docs: {
    summary:
      'A column default differs (compared after normalizing spellings PostgreSQL treats alike: now() = CURRENT_TIMESTAMP, literal casts, sequence qualification). Added in target: info; removed from a NOT NULL column: error. Serial ↔ identity is identity-changed.',
    why: 'Inserts that omit the column store another value on target, NULL, or fail with a not-null violation when the default is gone.',
  },
  check(diff, report) {
    for (const { source, target } of diff.columns.changed) {
      const [s, t] = [source.item, target.item];
      if (s.generated !== null || t.generated !== null) continue;
      const generations = [generationOf(diff.source, source), generationOf(diff.target, target)];
      if (generations.some((g) => g !== 'none')) continue;
      if (defaultKey(diff.source, source) === defaultKey(diff.target, target)) continue;
      const name = `${displayRelation(source.relation)}.${s.name}`;
      const object = ownedObject('column', source.relation, s.name);
      const restore = alterColumn(source.relation, s.name, s.default === null ? 'DROP DEFAULT' : `SET DEFAULT ${s.default}`);
      if (s.default === null) {
        report({ object, severity: 'info', message: `${name} has a default only in target (${t.default})`, target: t.default, fix: restore });
      } else if (t.default === null) {
        const required = !t.nullable && t.identity === null;
        report({
          object,
          severity: required ? 'error' : 'warning',
          message: required
            ? `${name} has no default in target and is NOT NULL: inserts that omit it fail`
            : `${name} has no default in target: inserts that omit it store NULL instead of ${s.default}`,
          source: s.default,
          fix: restore,
        });
      } else {
        report({
          object,
          message: `${name} defaults to ${s.default} in source but ${t.default} in target: inserts that omit it store another value`,
          source: s.default,
          target: t.default,
          fix: restore,
        });
      }
    }
  },
});
