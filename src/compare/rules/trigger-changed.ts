import { defineSchemaRule } from '../rule.js';
import { displayRelation, ownedObject, sqlName } from '../objects.js';
import { normalizeExpression } from '../expression.js';
import { definitionDiff, fixWithDiff } from '../definition-diff.js';
import { quoteIdent } from '../../snapshot/identifiers.js';

/** The definition without the trigger's own name. */
function shape(definition: string): string {
  return normalizeExpression(definition.replace(/^CREATE (CONSTRAINT )?TRIGGER (?:"(?:[^"]|"")+"|\S+) /, 'CREATE $1TRIGGER '));
}

export default defineSchemaRule({
  id: 'trigger-changed',
  severity: 'warning',
  docs: {
    summary: 'A trigger differs in target: timing, events, columns, WHEN condition, function, or it is disabled on one side. Only renamed: info. The unified diff is in the fix, as SQL comments.',
    why: 'Writes on target run the trigger at another time, for other events, call another function, or not at all.',
  },
  check(diff, report) {
    for (const { source, target } of diff.triggers.changed) {
      const object = ownedObject('trigger', source.relation, source.item.name);
      const where = displayRelation(source.relation);
      const sameShape = shape(source.item.definition) === shape(target.item.definition);
      if (sameShape && source.item.enabled === target.item.enabled) {
        if (source.item.name === target.item.name) continue;
        report({
          object,
          severity: 'info',
          message: `${where}: trigger ${source.item.name} is named ${target.item.name} in target`,
          source: source.item.name,
          target: target.item.name,
          fix: `ALTER TRIGGER ${quoteIdent(target.item.name)} ON ${sqlName(source.relation)} RENAME TO ${quoteIdent(source.item.name)};`,
        });
        continue;
      }
      const reasons = [
        ...(sameShape ? [] : ['its definition differs']),
        ...(source.item.enabled === target.item.enabled ? [] : [`it is ${source.item.enabled} in source but ${target.item.enabled} in target`]),
      ];
      report({
        object,
        message: `${where}: trigger ${source.item.name} differs in target: ${reasons.join('; ')}`,
        source: source.item.definition,
        target: target.item.definition,
        fix: fixWithDiff(
          sameShape ? '' : definitionDiff(`${source.relation.schema}.${source.relation.name}.${source.item.name}.sql`, source.item.definition, target.item.definition),
          `DROP TRIGGER ${quoteIdent(target.item.name)} ON ${sqlName(source.relation)};\n${source.item.definition};`,
        ),
      });
    }
  },
});
