import { defineSchemaRule } from '../rule.js';
import { displayRelation, ownedObject } from '../objects.js';
import { alterColumn } from '../fix-sql.js';
import { quoteIdent } from '../../snapshot/identifiers.js';

export default defineSchemaRule({
  id: 'column-collation-changed',
  severity: 'warning',
  docs: {
    summary: 'A text column has another explicit collation in target.',
    why: 'Sort order, comparisons, LIKE and unique keys on the column follow the collation: ORDER BY returns rows in another order and values unique in source may collide (or not) in target.',
  },
  check(diff, report) {
    for (const { source, target } of diff.columns.changed) {
      if (source.item.collation === target.item.collation || source.item.type !== target.item.type) continue;
      const shown = (c: string | null) => c ?? 'the default collation';
      report({
        object: ownedObject('column', source.relation, source.item.name),
        message: `${displayRelation(source.relation)}.${source.item.name} uses ${shown(source.item.collation)} in source but ${shown(target.item.collation)} in target: sorting and comparisons differ`,
        source: source.item.collation,
        target: target.item.collation,
        fix: alterColumn(
          source.relation,
          source.item.name,
          `TYPE ${source.item.type}${source.item.collation ? ` COLLATE ${source.item.collation}` : ''} USING ${quoteIdent(source.item.name)}`,
        ),
      });
    }
  },
});
