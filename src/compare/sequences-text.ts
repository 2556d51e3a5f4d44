// Serial sequences follow their column: a sequence that exists on one side only because its column is gone,
// or because the column became an identity column, is reported by the column rules, not again here.
import type { Sequence } from '../snapshot/types.js';
import type { SchemaDiff, SnapshotIndex } from './schema-diff.js';
import { columnKey } from './schema-diff.js';
import { relationKey, sqlName } from './objects.js';
import { generationOf } from './column-generation.js';

/** True when the other side's column owning this sequence does not exist or does not use a sequence default. */
export function followsItsColumn(sequence: Sequence, diff: SchemaDiff, other: 'source' | 'target'): boolean {
  if (!sequence.ownedBy) return false;
  const relation = { schema: sequence.schema, name: sequence.ownedBy.table, kind: 'table' as const };
  const side: SnapshotIndex = diff[other];
  const table = side.tables.get(relationKey(relation));
  const column = table?.columns.find((c) => c.name === sequence.ownedBy?.column);
  if (!table || !column) return true;
  if (diff.unmatchedColumns.has(columnKey(relation, column.name))) return true;
  return generationOf(side, { relation, item: column }) !== 'serial';
}

export function createSequenceSql(sequence: Sequence): string {
  return (
    `CREATE SEQUENCE ${sqlName(sequence)} AS ${sequence.dataType} INCREMENT BY ${sequence.increment}` +
    ` MINVALUE ${sequence.min} MAXVALUE ${sequence.max} START WITH ${sequence.start} CACHE ${sequence.cache}` +
    `${sequence.cycle ? ' CYCLE' : ' NO CYCLE'}` +
    `${sequence.ownedBy ? ` OWNED BY ${sqlName({ schema: sequence.schema, name: sequence.ownedBy.table })}.${sequence.ownedBy.column}` : ''};`
  );
}
