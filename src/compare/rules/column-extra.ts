import { defineSchemaRule } from '../rule.js';
import { displayRelation, ownedObject } from '../objects.js';
import { alterColumn } from '../fix-sql.js';
import { hasValueWhenOmitted } from '../column-generation.js';

export default defineSchemaRule({
  id: 'column-extra',
  severity: 'info',
  docs: {
    summary: 'A column exists in target but not in source. Error when it is NOT NULL without a default: inserts written for source omit it.',
    why: 'Code written against source never sets the new column; if target requires a value and has no default, every such INSERT fails with "null value in column violates not-null constraint".',
  },
  check(diff, report) {
    for (const { relation, item } of diff.columns.added) {
      if (relation.kind !== 'table') continue;
      const required = !item.nullable && !hasValueWhenOmitted(item);
      const name = `${displayRelation(relation)}.${item.name}`;
      report({
        object: ownedObject('column', relation, item.name),
        severity: required ? 'error' : 'info',
        message: required
          ? `${name} exists only in target and is NOT NULL without a default: inserts that omit it fail`
          : `${name} exists only in target`,
        target: item.type,
        ...(required ? { fix: alterColumn(relation, item.name, 'DROP NOT NULL') } : {}),
      });
    }
  },
});
