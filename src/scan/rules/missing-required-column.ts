import type { Column, Snapshot, Table } from '../../snapshot/types.js';
import { qualified, tableObject } from './describe.js';
import { defineCodeRule } from './types.js';
import { quoteIdent } from '../../snapshot/identifiers.js';

function required(column: Column): boolean {
  return !column.nullable && column.default === null && column.identity === null && column.generated === null;
}

/** Bodies that may set any column: whole-row assignment, record population, dynamic SQL. */
const FILLS_ANY_COLUMN = /\bNEW\s*:=|populate_record|\bEXECUTE\b|hstore/i;

/**
 * Could the trigger function set this column? Yes unless its body is known (plpgsql or sql) and never
 * names the column: logto's set_tenant_id fills tenant_id only, so an INSERT that also leaves out another
 * NOT NULL column still fails on every row.
 */
function mayFill(functionName: string, column: string, snapshot: Snapshot): boolean {
  const dot = functionName.lastIndexOf('.');
  const [schema, name] = dot < 0 ? [null, functionName] : [functionName.slice(0, dot), functionName.slice(dot + 1)];
  const routine = snapshot.functions.find((f) => f.name === name && (schema === null || f.schema === schema) && f.returns === 'trigger');
  if (!routine || !['plpgsql', 'sql'].includes(routine.language) || routine.definition === '') return true;
  if (FILLS_ANY_COLUMN.test(routine.definition)) return true;
  const word = column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w$])"?${word}"?($|[^\\w$])`, 'i').test(routine.definition);
}

/** Row-level BEFORE INSERT triggers that are enabled and may fill the column before NOT NULL is checked. */
function fillingTriggers(table: Table, column: string, snapshot: Snapshot): string[] {
  return table.triggers
    .filter((t) => t.timing === 'before' && t.level === 'row' && t.events.includes('insert') && t.enabled !== 'disabled')
    .filter((t) => mayFill(t.function, column, snapshot))
    .map((t) => `${t.name} (${t.function})`);
}

export default defineCodeRule({
  id: 'missing-required-column',
  severity: 'error',
  docs: {
    summary: 'An INSERT leaves out a NOT NULL column that has no default, identity or generated value.',
    why:
      'Every execution fails with 23502 "null value in column … violates not-null constraint"; PREPARE and EXPLAIN do not see it. When a BEFORE INSERT trigger may fill every omitted column (its function names the column, or is not plpgsql/sql, or sets the whole row or runs dynamic SQL), the finding is a warning that names the trigger.',
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
    // a warning only when a trigger may fill every omitted column; the triggers named are those
    const fillers = missing.map((c) => fillingTriggers(table, c.name, schema.snapshot));
    const triggers = fillers.some((list) => list.length === 0) ? [] : [...new Set(fillers.flat())];
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
