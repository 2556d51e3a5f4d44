// Wording shared by the code rules: how a table's unique keys and a statement are shown.
import type { ObjectRef } from '../../findings/finding.js';
import { quoteIdent } from '../../snapshot/identifiers.js';
import type { Index, Table } from '../../snapshot/types.js';
import type { ConflictTarget, RelationName } from '../facts.js';

export function keyText(index: Index): string {
  return index.keys.map((k) => (k.column !== undefined ? k.column : `(${k.expression})`)).join(', ');
}

/** One unique key as a reader knows it: `UNIQUE (yclients_id) "clients_yclients_id_key"`. */
export function describeIndex(table: Table, index: Index): string {
  const constraint = index.constraint === null ? null : table.constraints.find((c) => c.name === index.constraint);
  const head = constraint
    ? `${constraint.kind === 'primary-key' ? 'PRIMARY KEY' : constraint.kind === 'exclusion' ? 'EXCLUDE' : 'UNIQUE'} (${keyText(index)})`
    : `unique index (${keyText(index)})`;
  const where = index.predicate === null ? '' : ` WHERE ${index.predicate}`;
  const deferrable = constraint?.deferrable ? ' DEFERRABLE' : '';
  return `${head}${where}${deferrable} "${index.name}"`;
}

/** Every unique key of the table, or a plain statement that there is none. */
export function describeUniqueKeys(table: Table): string {
  const keys = table.indexes.filter((i) => i.unique || i.constraint !== null).map((i) => describeIndex(table, i));
  return keys.length === 0 ? 'It has no unique constraint or unique index' : `It has ${keys.join(', ')}`;
}

export function conflictTargetText(target: ConflictTarget | null): string {
  if (target === null) return 'ON CONFLICT';
  if (target.kind === 'constraint') return `ON CONFLICT ON CONSTRAINT ${target.name}`;
  const elements = target.elements.map((e) => (e.column !== undefined ? e.column : `(${e.expression})`)).join(', ');
  return `ON CONFLICT (${elements})${target.where === null ? '' : ` WHERE ${target.where}`}`;
}

export function qualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

export function tableObject(schema: string, table: string, name = table): ObjectRef {
  return { kind: 'statement', schema, table, name };
}

export function relationText(name: RelationName): string {
  return name.schema === null ? name.name : `${name.schema}.${name.name}`;
}

/**
 * The fix for a json/jsonb operator or function (`jsonb_set()`) used on a column of the wrong type: make the
 * column jsonb, or cast it in the query.
 */
export function jsonbColumnFix(schema: string, table: string, column: string, operator: string): string {
  // a function's or COALESCE's operand is cast on its own; an operator's with the operator after it
  const cast = operator.endsWith('()') || operator.startsWith('coalesce') ? `${column}::jsonb` : `${column}::jsonb ${operator} …`;
  return `ALTER TABLE ${schema}.${table} ALTER COLUMN ${column} TYPE jsonb USING ${column}::jsonb;  -- or cast in the query: ${cast}`;
}
