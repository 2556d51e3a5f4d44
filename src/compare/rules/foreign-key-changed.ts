import type { ForeignKeyConstraint } from '../../snapshot/types.js';
import { defineSchemaRule } from '../rule.js';
import { alterTable } from '../fix-sql.js';
import { displayRelation, ownedObject } from '../objects.js';
import { describeForeignKey } from '../constraints-text.js';
import { quoteIdent } from '../../snapshot/identifiers.js';

const ACTION = { 'no-action': 'NO ACTION', restrict: 'RESTRICT', cascade: 'CASCADE', 'set-null': 'SET NULL', 'set-default': 'SET DEFAULT' } as const;

/** What a foreign key does, apart from its name. */
function behaviour(fk: ForeignKeyConstraint): string[] {
  return [
    `ON DELETE ${ACTION[fk.onDelete]}`,
    `ON UPDATE ${ACTION[fk.onUpdate]}`,
    `MATCH ${fk.match.toUpperCase()}`,
    fk.deferrable ? (fk.initiallyDeferred ? 'DEFERRABLE INITIALLY DEFERRED' : 'DEFERRABLE') : 'NOT DEFERRABLE',
    fk.validated ? 'VALID' : 'NOT VALID',
  ];
}

export default defineSchemaRule({
  id: 'foreign-key-changed',
  severity: 'warning',
  docs: {
    summary: 'A foreign key on the same columns behaves differently in target: ON DELETE / ON UPDATE action, MATCH, deferrability. Only NOT VALID differing is info.',
    why: 'Deleting a parent row cascades on one side and fails (or sets NULL) on the other; deferred checks move errors to COMMIT. NOT VALID only means existing rows were not checked.',
  },
  check(diff, report) {
    for (const { source, target } of diff.foreignKeys.changed) {
      const [s, t] = [behaviour(source.item), behaviour(target.item)];
      const differing = s.filter((x, i) => x !== t[i]);
      if (differing.length === 0) continue;
      const onlyValidity = differing.length === 1 && s[4] !== t[4];
      report({
        object: ownedObject('constraint', source.relation, source.item.name),
        severity: onlyValidity ? 'info' : 'warning',
        message: `${displayRelation(source.relation)}: ${describeForeignKey(source.item)} is ${differing.join(', ')} in source but ${t.filter((x, i) => x !== s[i]).join(', ')} in target`,
        source: source.item.definition,
        target: target.item.definition,
        fix: alterTable(
          source.relation,
          `DROP CONSTRAINT ${quoteIdent(target.item.name)}, ADD CONSTRAINT ${quoteIdent(source.item.name)} ${source.item.definition}`,
        ),
      });
    }
  },
});
