import { quoteIdent } from '../../snapshot/identifiers.js';
import type { Table } from '../../snapshot/types.js';
import type { ConflictTarget } from '../facts.js';
import { inferArbiters, type NoArbiterReason } from './arbiter.js';
import { conflictTargetText, describeUniqueKeys, qualified, tableObject } from './describe.js';
import { defineCodeRule } from './types.js';

const PLANNER_ERROR = '42P10 "there is no unique or exclusion constraint matching the ON CONFLICT specification"';

function explain(reason: NoArbiterReason, table: string, target: ConflictTarget): string {
  switch (reason) {
    case 'no-matching-key':
      return `no unique constraint or unique index of ${table} has exactly these key columns (order does not matter, a subset or superset does not match); PostgreSQL rejects it when planning: ${PLANNER_ERROR}`;
    case 'partial-without-where':
      return `the only unique index on these columns is partial and the clause has no WHERE implying its predicate; PostgreSQL rejects it when planning: ${PLANNER_ERROR}`;
    case 'partial-where-unrelated':
      return `the only unique index on these columns is partial and the clause's WHERE does not imply its predicate; PostgreSQL rejects it when planning: ${PLANNER_ERROR}`;
    case 'partial-where-parameter':
      return `the only unique index on these columns is partial and the clause's WHERE compares with a bind parameter, which a generic plan cannot use: the first executions of a prepared statement work, then it fails with ${PLANNER_ERROR}`;
    case 'constraint-missing':
      return `${table} has no constraint named "${target.kind === 'constraint' ? target.name : ''}" (ON CONSTRAINT takes a constraint name, not an index name): 42704`;
    case 'constraint-not-unique':
      return `constraint "${target.kind === 'constraint' ? target.name : ''}" is not a unique, primary-key or exclusion constraint: 42809 "constraint in ON CONFLICT clause has no associated index"`;
    case 'exclusion-with-update':
      return `an exclusion constraint can only arbitrate DO NOTHING: 42809 "ON CONFLICT DO UPDATE not supported with exclusion constraints"`;
  }
}

function suggestFix(table: Table, target: ConflictTarget, reason: NoArbiterReason): string | undefined {
  if (target.kind !== 'inference') return undefined;
  if (reason.startsWith('partial')) {
    return 'Repeat the partial index predicate in the clause, e.g. `ON CONFLICT (…) WHERE <index predicate> DO …` (as a literal, not a bind parameter), or make the index non-partial.';
  }
  const columns = target.elements.map((e) => (e.column !== undefined ? e.column : null));
  if (columns.every((c): c is string => c !== null)) {
    const name = `${table.name}_${columns.join('_')}_key`.slice(0, 63);
    return `ALTER TABLE ${qualified(table.schema, table.name)} ADD CONSTRAINT ${quoteIdent(name)} UNIQUE (${columns.map(quoteIdent).join(', ')});`;
  }
  const keys = target.elements.map((e) => (e.column !== undefined ? quoteIdent(e.column) : `(${e.expression})`));
  return `CREATE UNIQUE INDEX ON ${qualified(table.schema, table.name)} (${keys.join(', ')});`;
}

export default defineCodeRule({
  id: 'on-conflict-no-arbiter',
  severity: 'error',
  docs: {
    summary: 'INSERT … ON CONFLICT names a target no unique constraint or unique index of the table matches.',
    why:
      'PostgreSQL infers the arbiter by set equality with a unique index\'s key columns, and a partial index only counts when the clause\'s WHERE implies its predicate; otherwise every execution fails with 42P10.',
  },
  check(subject, schema, report) {
    if (subject.kind !== 'statement') return;
    const { facts } = subject;
    if (!facts.onConflict?.target || !facts.target) return;
    const found = schema.lookup(facts.target);
    if (found.status !== 'found' || found.relation.kind !== 'table') return;
    const table = found.relation.table;
    const verdict = inferArbiters(table, facts.onConflict);
    if (verdict.kind !== 'no-arbiter') return;
    const name = `${table.schema}.${table.name}`;
    const target = facts.onConflict.target;
    report({
      object: tableObject(table.schema, table.name),
      message: `${conflictTargetText(target)} on ${name}: ${explain(verdict.reason, name, target)}. ${describeUniqueKeys(table)}.`,
      fix: suggestFix(table, target, verdict.reason),
    });
  },
});
