import { defineSchemaRule } from '../rule.js';
import { displayRelation } from '../objects.js';
import { describeUniqueKey, replaceUniqueKeySql, uniqueKeyObject } from '../unique-keys.js';

const timing = (key: { deferrable: boolean; initiallyDeferred: boolean }) =>
  !key.deferrable ? 'NOT DEFERRABLE' : key.initiallyDeferred ? 'DEFERRABLE INITIALLY DEFERRED' : 'DEFERRABLE INITIALLY IMMEDIATE';

export default defineSchemaRule({
  id: 'unique-deferrable',
  severity: 'error',
  docs: {
    summary: 'A unique key is DEFERRABLE on one side only, or deferred by default on one side only. Becoming deferrable is an error; the other changes are warnings.',
    why:
      'A deferrable unique constraint cannot be an ON CONFLICT arbiter: upserts that work on source fail on target ("ON CONFLICT does not support deferrable unique constraints/exclusion constraints as arbiters", raised only when the statement runs). Deferred checking also moves duplicate-key errors from the statement to COMMIT.',
  },
  check(diff, report) {
    for (const { source, target } of diff.uniqueKeys.changed) {
      if (timing(source) === timing(target)) continue;
      const becameDeferrable = !source.deferrable && target.deferrable;
      report({
        object: uniqueKeyObject(source),
        severity: becameDeferrable ? 'error' : 'warning',
        message: becameDeferrable
          ? `${displayRelation(source.relation)}: ${describeUniqueKey(source)} is DEFERRABLE in target: it is no ON CONFLICT arbiter there, so upserts on (${source.keys.join(', ')}) fail`
          : `${displayRelation(source.relation)}: ${describeUniqueKey(source)} is ${timing(source)} in source but ${timing(target)} in target: duplicates are detected at another time`,
        source: timing(source),
        target: timing(target),
        fix: replaceUniqueKeySql(source, target),
      });
    }
  },
});
