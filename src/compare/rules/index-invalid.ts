import { defineSchemaRule } from '../rule.js';
import { displayRelation, ownedObject, sqlName } from '../objects.js';
import { uniqueKeyObject } from '../unique-keys.js';

export default defineSchemaRule({
  id: 'index-invalid',
  severity: 'warning',
  docs: {
    summary: 'An index is valid on one side and INVALID on the other (a CREATE INDEX CONCURRENTLY that failed). Error for a unique index that is invalid in target.',
    why: 'The planner ignores invalid indexes, and ON CONFLICT does not infer an invalid unique index as its arbiter: upserts fail and queries scan the table, although the index looks present.',
  },
  check(diff, report) {
    const validity = (valid: boolean) => (valid ? 'valid' : 'INVALID');
    for (const { source, target } of diff.uniqueKeys.changed) {
      if (source.valid === target.valid) continue;
      report({
        object: uniqueKeyObject(source),
        severity: target.valid ? 'info' : 'error',
        message: target.valid
          ? `${displayRelation(source.relation)}: unique index ${source.indexName ?? source.name} is invalid in source but valid in target`
          : `${displayRelation(source.relation)}: unique index ${target.indexName ?? target.name} is INVALID in target: it is no ON CONFLICT arbiter and no query uses it`,
        source: validity(source.valid),
        target: validity(target.valid),
        ...(target.valid ? {} : { fix: `REINDEX INDEX CONCURRENTLY ${sqlName({ schema: target.relation.schema, name: target.indexName ?? target.name })};` }),
      });
    }
    for (const { source, target } of diff.indexes.changed) {
      if (source.item.valid === target.item.valid) continue;
      report({
        object: ownedObject('index', source.relation, source.item.name),
        severity: target.item.valid ? 'info' : 'warning',
        message: target.item.valid
          ? `${displayRelation(source.relation)}: index ${source.item.name} is invalid in source but valid in target`
          : `${displayRelation(source.relation)}: index ${target.item.name} is INVALID in target: no query uses it`,
        source: validity(source.item.valid),
        target: validity(target.item.valid),
        ...(target.item.valid ? {} : { fix: `REINDEX INDEX CONCURRENTLY ${sqlName({ schema: target.relation.schema, name: target.item.name })};` }),
      });
    }
  },
});
