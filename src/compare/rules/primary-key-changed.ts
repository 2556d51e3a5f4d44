import { defineSchemaRule } from '../rule.js';
import { displayRelation, relationKey, sqlName } from '../objects.js';
import { describeUniqueKey, uniqueKeyObject } from '../unique-keys.js';
import { quoteIdent } from '../../snapshot/identifiers.js';

export default defineSchemaRule({
  id: 'primary-key-changed',
  severity: 'warning',
  docs: {
    summary: 'The same columns are unique on both sides, but they are the primary key on one side only.',
    why: 'Logical replication (REPLICA IDENTITY DEFAULT), ORMs and admin tools find rows by the primary key: UPDATE and DELETE may stop replicating, and tools may refuse to edit the table. ON CONFLICT is unaffected.',
  },
  check(diff, report) {
    const targetHasPrimaryKey = new Set(diff.target.uniqueKeys.filter((k) => k.form === 'primary-key').map((k) => relationKey(k.relation)));
    for (const { source, target } of diff.uniqueKeys.changed) {
      if ((source.form === 'primary-key') === (target.form === 'primary-key')) continue;
      const keys = source.keys.join(', ');
      const wasPrimary = source.form === 'primary-key';
      const canRestore = wasPrimary && !targetHasPrimaryKey.has(relationKey(source.relation)) && target.form !== 'unique-index';
      report({
        object: uniqueKeyObject(source),
        message: wasPrimary
          ? `${displayRelation(source.relation)}: (${keys}) is the primary key in source but only a ${describeUniqueKey(target)} in target: tools and replication that need a primary key behave differently`
          : `${displayRelation(source.relation)}: (${keys}) is the primary key only in target`,
        source: source.definition,
        target: target.definition,
        ...(canRestore
          ? {
              fix: `ALTER TABLE ${sqlName(source.relation)} DROP CONSTRAINT ${quoteIdent(target.name)}, ADD CONSTRAINT ${quoteIdent(source.name)} ${source.definition};`,
            }
          : {}),
      });
    }
  },
});
