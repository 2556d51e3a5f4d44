import { defineSchemaRule } from '../rule.js';
import type { RuleFinding } from '../rule.js';
import { displayRelation, ownedObject, sqlName } from '../objects.js';
import type { RelationRef } from '../objects.js';
import { describeUniqueKey, uniqueKeyObject } from '../unique-keys.js';
import { quoteIdent } from '../../snapshot/identifiers.js';

function renamed(relation: RelationRef, what: string, from: string, to: string): RuleFinding {
  return {
    object: ownedObject('constraint', relation, from),
    message: `${displayRelation(relation)}: ${what} is named ${from} in source but ${to} in target: ON CONFLICT ON CONSTRAINT ${from} and scripts that name it fail`,
    source: from,
    target: to,
    fix: `ALTER TABLE ${sqlName(relation)} RENAME CONSTRAINT ${quoteIdent(to)} TO ${quoteIdent(from)};`,
  };
}

export default defineSchemaRule({
  id: 'constraint-renamed',
  severity: 'info',
  docs: {
    summary:
      'A constraint with the same meaning (same columns, references or expression) has another name in target, or a unique key is a constraint on one side and a plain unique index on the other.',
    why: 'Names are generated and differ between environments, so this is matched by meaning and not reported as missing + extra. It still matters to ON CONFLICT ON CONSTRAINT <name>, which needs a constraint with that exact name, and to migration scripts that drop or alter constraints by name.',
  },
  check(diff, report) {
    for (const { source, target } of diff.uniqueKeys.changed) {
      const formChanged = (source.form === 'unique-index') !== (target.form === 'unique-index');
      if (formChanged) {
        report({
          object: uniqueKeyObject(source),
          message: `${displayRelation(source.relation)}: ${describeUniqueKey(source)} is ${source.form === 'unique-index' ? 'a unique index' : 'a constraint'} named ${source.name} in source but ${target.form === 'unique-index' ? 'a unique index' : 'a constraint'} named ${target.name} in target: ON CONFLICT ON CONSTRAINT needs a constraint`,
          source: source.definition,
          target: target.definition,
        });
      } else if (source.name !== target.name) {
        if (source.form === 'unique-index') {
          report({
            object: uniqueKeyObject(source),
            message: `${displayRelation(source.relation)}: ${describeUniqueKey(source)} is named ${source.name} in source but ${target.name} in target`,
            source: source.name,
            target: target.name,
            fix: `ALTER INDEX ${sqlName({ schema: target.relation.schema, name: target.name })} RENAME TO ${quoteIdent(source.name)};`,
          });
        } else report(renamed(source.relation, describeUniqueKey(source), source.name, target.name));
      }
    }
    const others = [
      ...diff.foreignKeys.changed.map((p) => ({ ...p, what: `foreign key (${p.source.item.columns.join(', ')})` })),
      ...diff.checks.changed.map((p) => ({ ...p, what: `check ${p.source.item.expression}` })),
      ...diff.exclusions.changed.map((p) => ({ ...p, what: p.source.item.definition })),
    ];
    for (const { source, target, what } of others) {
      if (source.item.name !== target.item.name) report(renamed(source.relation, what, source.item.name, target.item.name));
    }
  },
});
