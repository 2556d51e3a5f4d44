import type { Table } from '../../snapshot/types.js';
import { defineSchemaRule } from '../rule.js';
import { displayRelation, relationObject } from '../objects.js';
import { relationOfTable } from '../keys.js';
import { normalizeExpression } from '../expression.js';

function shape(table: Table): Record<string, string> {
  const parent = table.partitionOf ? `${table.partitionOf.schema}.${table.partitionOf.name}` : null;
  return {
    kind: table.kind === 'partitioned' ? 'partitioned table' : table.kind === 'foreign' ? 'foreign table' : 'table',
    ...(table.partitionKey ? { 'partition key': table.partitionKey } : {}),
    ...(parent ? { 'partition of': `${parent} ${table.partitionBound ?? ''}`.trim() } : {}),
    ...(table.inherits.length > 0 ? { inherits: table.inherits.map((p) => `${p.schema}.${p.name}`).join(', ') } : {}),
  };
}

/** The shape with expressions normalized, for comparing. */
function shapeKey(table: Table): string {
  const expression = (text: string | null) => (text === null ? null : normalizeExpression(text));
  const parent = table.partitionOf ? `${table.partitionOf.schema}.${table.partitionOf.name}` : null;
  return JSON.stringify([table.kind, expression(table.partitionKey), parent, expression(table.partitionBound), shape(table).inherits ?? null]);
}

function describe(table: Table): string {
  return Object.entries(shape(table))
    .map(([k, v]) => (k === 'kind' ? v : `${k} ${v}`))
    .join(', ');
}

export default defineSchemaRule({
  id: 'table-kind-changed',
  severity: 'warning',
  docs: {
    summary: 'A table is a different kind in target (plain, partitioned, foreign), or its partitioning or inheritance differs.',
    why: 'Rows route to other partitions or fail with "no partition of relation found for row"; partitioned and foreign tables reject some DDL, constraints and ON CONFLICT forms that plain tables accept.',
  },
  check(diff, report) {
    for (const { source, target } of diff.tables.changed) {
      if (shapeKey(source) === shapeKey(target)) continue;
      const relation = relationOfTable(source);
      report({
        object: relationObject(relation),
        message: `${displayRelation(relation)} is a ${describe(source)} in source but a ${describe(target)} in target: row routing and the DDL it accepts differ`,
        source: describe(source),
        target: describe(target),
      });
    }
  },
});
