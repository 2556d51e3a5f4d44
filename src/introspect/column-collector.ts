// Columns decoded one row at a time, grouped by relation. Why one at a time: on a live database the rows
// of the largest catalog query are decoded as they arrive (src/input/index.ts eachRow), while the server
// still produces the rest, instead of all at once after the last query.
import type { Column, TypeCategory } from '../snapshot/types.js';
import type { ColumnRow, Oid } from './rows.js';

const TYPE_CATEGORIES: Record<string, TypeCategory> = {
  A: 'array', B: 'boolean', C: 'composite', D: 'datetime', E: 'enum', G: 'geometric', I: 'network',
  N: 'numeric', P: 'pseudo', R: 'range', S: 'string', T: 'timespan', U: 'user', V: 'bitstring', X: 'unknown',
};

/** Map key of an oid: a number (numeric keys hash without allocating a string per lookup). */
export function key(oid: Oid): number {
  return typeof oid === 'number' ? oid : Number(oid);
}

/** A relation's column names by attnum (a sparse array: dropped columns leave holes). */
export type ColumnNames = readonly (string | undefined)[];

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** `position` is set once the relation's columns are all in (positions count live columns only). */
function decodeColumn(row: ColumnRow): Mutable<Column> {
  return {
    name: row.name,
    position: 0,
    type: row.type,
    typeCategory: TYPE_CATEGORIES[row.category] ?? 'unknown',
    domainBaseType: row.domain_base,
    nullable: !row.not_null,
    default: row.default,
    identity: row.identity === 'a' ? 'always' : row.identity === 'd' ? 'by-default' : null,
    generated: row.generated,
    generatedKind: row.generated_kind === 's' ? 'stored' : row.generated_kind === 'v' ? 'virtual' : null,
    collation: row.collation,
    comment: row.comment,
  };
}

interface Pending {
  readonly attnums: number[];
  readonly columns: Mutable<Column>[];
}

export class ColumnCollector {
  private readonly pending = new Map<number, Pending>();

  readonly add = (row: ColumnRow): void => {
    const rel = key(row.relid);
    let list = this.pending.get(rel);
    if (!list) this.pending.set(rel, (list = { attnums: [], columns: [] }));
    list.attnums.push(row.attnum);
    list.columns.push(decodeColumn(row));
  };

  /** Every relation's columns in attnum order with their positions, and their names by attnum. */
  finish(): { columnsByRel: Map<number, Column[]>; columnNamesByRel: Map<number, ColumnNames> } {
    const columnsByRel = new Map<number, Column[]>();
    const columnNamesByRel = new Map<number, ColumnNames>();
    for (const [rel, { attnums, columns }] of this.pending) {
      let ordered = columns;
      if (!attnums.every((n, i) => i === 0 || attnums[i - 1]! < n)) {
        const order = attnums.map((_, i) => i).sort((a, b) => attnums[a]! - attnums[b]!);
        ordered = order.map((i) => columns[i]!);
        attnums.sort((a, b) => a - b);
      }
      const names: (string | undefined)[] = [];
      ordered.forEach((column, i) => {
        column.position = i + 1;
        names[attnums[i]!] = column.name;
      });
      columnsByRel.set(rel, ordered);
      columnNamesByRel.set(rel, names);
    }
    return { columnsByRel, columnNamesByRel };
  }
}
