// The INSERT … ON CONFLICT a builder library sends for given facts (knex, Kysely, Drizzle and
// PostgREST all quote identifiers), wrapped in EXPLAIN (GENERIC_PLAN): planning runs arbiter
// inference, executes nothing, and a bind parameter in the predicate stays a parameter.
import type { Table } from '../../../src/snapshot/types.js';
import type { OnConflictFacts } from '../../../src/scan/facts.js';

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export function conflictSql(table: Table, onConflict: OnConflictFacts): string {
  const target = onConflict.target;
  let clause = '';
  if (target?.kind === 'constraint') clause = ` ON CONSTRAINT ${quote(target.name)}`;
  if (target?.kind === 'inference') {
    const elements = target.elements.map((e) => (e.column !== undefined ? quote(e.column) : `(${e.expression})`));
    clause = ` (${elements.join(', ')})${target.where === null ? '' : ` WHERE ${target.where}`}`;
  }
  const column = quote(table.columns[0]!.name);
  const action = onConflict.action === 'nothing' ? 'DO NOTHING' : `DO UPDATE SET ${column} = excluded.${column}`;
  return `EXPLAIN (GENERIC_PLAN) INSERT INTO ${quote(table.schema)}.${quote(table.name)} DEFAULT VALUES ON CONFLICT${clause} ${action}`;
}
