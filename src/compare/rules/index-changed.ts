import { defineSchemaRule } from '../rule.js';
import { displayRelation, ownedObject, sqlName } from '../objects.js';
import { indexShape } from '../keys.js';

export default defineSchemaRule({
  id: 'index-changed',
  severity: 'info',
  docs: {
    summary: 'An index on the same keys is built differently in target: sort order (DESC, NULLS FIRST), operator class, collation or INCLUDE columns.',
    why: 'Nothing fails, but ORDER BY, LIKE prefix searches and index-only scans that used the source index may not use the target one.',
  },
  check(diff, report) {
    for (const { source, target } of diff.indexes.changed) {
      if (indexShape(source.item.definition) === indexShape(target.item.definition)) continue;
      report({
        object: ownedObject('index', source.relation, source.item.name),
        message: `${displayRelation(source.relation)}: index ${source.item.name} is built differently in target: queries may not use it the same way`,
        source: source.item.definition,
        target: target.item.definition,
        fix: `DROP INDEX ${sqlName({ schema: target.relation.schema, name: target.item.name })};\n${source.item.definition};`,
      });
    }
  },
});
