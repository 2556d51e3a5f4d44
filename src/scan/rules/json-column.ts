// The json/jsonb column a value is bound to, for the rules about how clients send JSON values.
import type { Column, Table } from '../../snapshot/types.js';
import type { ColumnBinding } from '../facts.js';
import type { SchemaIndex } from '../schema-index.js';

export interface JsonColumn {
  readonly table: Table;
  readonly column: Column;
  readonly type: 'json' | 'jsonb';
}

/** The binding's column when it is json or jsonb (through a domain too) in a table of the schema; null otherwise. */
export function jsonColumnOf(schema: SchemaIndex, binding: ColumnBinding): JsonColumn | null {
  const found = schema.lookup(binding.relation);
  if (found.status !== 'found' || found.relation.kind !== 'table') return null;
  const table = found.relation.table;
  const column = table.columns.find((c) => c.name === binding.column);
  const type = column ? (column.domainBaseType ?? column.type) : null;
  return column && (type === 'json' || type === 'jsonb') ? { table, column, type } : null;
}
