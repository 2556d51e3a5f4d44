import type { Column, Table } from '../../snapshot/types.js';
import { qualified, tableObject } from './describe.js';
import { defineCodeRule } from './types.js';
import { quoteIdent } from '../../snapshot/identifiers.js';

function required(column: Column): boolean {
  return !column.nullable && column.default === null && column.identity === null && column.generated === null;
}

/** Row-level BEFORE INSERT triggers that are enabled: they may fill the column before NOT NULL is checked. */
function fillingTriggers(table: Table): string[] {
  return table.triggers
    .filter((t) => t.timing === 'before' && t.level === 'row' && t.events.includes('insert') && t.enabled !== 'disabled')
    .map((t) => `${t.name} (${t.function})`);
}

export default defineCodeRule({
  id: 'missing-required-column',
  severity: 'error',
  docs: {
    summary: 'An INSERT leaves out a NOT NULL column that has no default, identity or generated value.',
    why:
      'Every execution fails with 23502 "null value in column … violates not-null constraint"; PREPARE and EXPLAIN do not see it. When a BEFORE INSERT trigger may fill the column, the finding is a warning that names the trigger.',
  },
  check(subject, schema, report) {
    if (subject.kind !== 'statement') return;
    const { facts } = subject;
    if (facts.command !== 'insert' || !facts.target) return;
    const found = schema.lookup(facts.target);
    if (found.status !== 'found' || found.relation.kind !== 'table') return;
    const table = found.relation.table;
    let supplied: Set<string>;
    if (facts.insertColumns !== null) supplied = new Set(facts.insertColumns);
    else if (facts.insertValueCount !== null) {
      supplied = new Set(table.columns.slice(0, facts.insertValueCount).map((c) => c.name));
    } else return;
    const missing = table.columns.filter((c) => required(c) && !supplied.has(c.name));
    if (missing.length === 0) return;
    const triggers = fillingTriggers(table);
    const names = missing.map((c) => c.name).join(', ');
    const name = `${table.schema}.${table.name}`;
    const trigger = triggers.length > 0
      ? ` BEFORE INSERT trigger ${triggers.join(', ')} may fill ${missing.length > 1 ? 'them' : 'it'}; check that it does.`
      : '';
    report({
      object: tableObject(table.schema, table.name, missing[0]!.name),
      severity: triggers.length > 0 ? 'warning' : undefined,
      message: `INSERT INTO ${name} omits ${names}: NOT NULL without default, identity or generated value, so each row fails with 23502 "null value in column \\"${missing[0]!.name}\\" of relation \\"${table.name}\\" violates not-null constraint".${trigger}`,
      fix: missing
        .map((c) => `-- supply ${c.name} in the INSERT, or: ALTER TABLE ${qualified(table.schema, table.name)} ALTER COLUMN ${quoteIdent(c.name)} SET DEFAULT …;`)
        .join('\n'),
    });
  },
});
