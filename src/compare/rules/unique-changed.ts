import { defineSchemaRule } from '../rule.js';
import { displayRelation } from '../objects.js';
import { describeUniqueKey, replaceUniqueKeySql, uniqueKeyObject } from '../unique-keys.js';

const nulls = (nullsNotDistinct: boolean) => (nullsNotDistinct ? 'NULLS NOT DISTINCT' : 'NULLS DISTINCT');

export default defineSchemaRule({
  id: 'unique-changed',
  severity: 'warning',
  docs: {
    summary: 'A unique key on the same columns treats NULLs differently (NULLS NOT DISTINCT on one side only).',
    why: 'With NULLS NOT DISTINCT, rows with NULL in a key column collide and ON CONFLICT fires for them; with the default, any number of such rows are accepted. Inserts that worked on one side fail or duplicate on the other.',
  },
  check(diff, report) {
    for (const { source, target } of diff.uniqueKeys.changed) {
      if (source.nullsNotDistinct === target.nullsNotDistinct) continue;
      report({
        object: uniqueKeyObject(source),
        message: target.nullsNotDistinct
          ? `${displayRelation(source.relation)}: ${describeUniqueKey(source)} is NULLS NOT DISTINCT in target: rows with NULL in a key column that coexist in source collide`
          : `${displayRelation(source.relation)}: ${describeUniqueKey(source)} is NULLS NOT DISTINCT only in source: target accepts duplicates with NULL and ON CONFLICT no longer fires for them`,
        source: nulls(source.nullsNotDistinct),
        target: nulls(target.nullsNotDistinct),
        fix: replaceUniqueKeySql(source, target),
      });
    }
  },
});
