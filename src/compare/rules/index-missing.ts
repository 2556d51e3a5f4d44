import { defineSchemaRule } from '../rule.js';
import { displayRelation, ownedObject } from '../objects.js';
import { plainColumnsOf } from '../keys.js';
import { columnKey } from '../schema-diff.js';
import { createIndexSql } from '../fix-sql.js';

export default defineSchemaRule({
  id: 'index-missing',
  severity: 'info',
  docs: {
    summary:
      'A non-unique index in source has no equivalent in target (same table, method, keys and predicate, whatever its name). Missing unique indexes are unique-missing.',
    why: 'Nothing fails, but queries that relied on the index scan the table instead: fine in development, slow in production.',
  },
  check(diff, report) {
    for (const { relation, item } of diff.indexes.removed) {
      const columns = plainColumnsOf(item.keys) ?? [];
      if (columns.some((c) => diff.unmatchedColumns.has(columnKey(relation, c)))) continue;
      report({
        object: ownedObject('index', relation, item.name),
        message: `${displayRelation(relation)}: index ${item.name} exists in source but not in target: queries it served scan the table instead`,
        source: item.definition,
        fix: createIndexSql(item.definition),
      });
    }
  },
});
