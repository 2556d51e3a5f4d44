import { defineSchemaRule } from '../rule.js';
import { displayRelation, ownedObject, sqlName } from '../objects.js';
import { quoteIdent } from '../../snapshot/identifiers.js';

export default defineSchemaRule({
  id: 'index-renamed',
  severity: 'info',
  docs: {
    summary: 'A non-unique index with the same meaning (table, method, keys, predicate) has another name in target.',
    why: 'Matched by meaning so it is not reported as missing + extra; the name only matters to scripts and migrations that drop or alter the index by name.',
  },
  check(diff, report) {
    for (const { source, target } of diff.indexes.changed) {
      if (source.item.name === target.item.name) continue;
      report({
        object: ownedObject('index', source.relation, source.item.name),
        message: `${displayRelation(source.relation)}: index ${source.item.name} is named ${target.item.name} in target`,
        source: source.item.name,
        target: target.item.name,
        fix: `ALTER INDEX ${sqlName({ schema: target.relation.schema, name: target.item.name })} RENAME TO ${quoteIdent(source.item.name)};`,
      });
    }
  },
});
