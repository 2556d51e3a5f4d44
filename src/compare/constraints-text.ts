// Shared wording for table constraints (foreign keys, checks, exclusions) and the columns they use.
import type { CheckConstraint, ForeignKeyConstraint } from '../snapshot/types.js';
import type { Owned } from './keys.js';
import { columnKey } from './schema-diff.js';
import { displayName } from './objects.js';

export function describeForeignKey(fk: ForeignKeyConstraint): string {
  const ref = fk.references;
  return `foreign key (${fk.columns.join(', ')}) → ${displayName(ref.schema, ref.table)} (${ref.columns.join(', ')})`;
}

/** Identifiers in an expression that name columns of the table (a conservative guess: no parser needed). */
export function columnsInExpression(expression: string, columns: readonly string[]): string[] {
  const words = new Set(expression.replace(/'(?:[^']|'')*'/g, '').match(/"(?:[^"]|"")+"|[A-Za-z_][\w$]*/g) ?? []);
  return columns.filter((c) => words.has(c) || words.has(`"${c.replace(/"/g, '""')}"`));
}

export function touchesUnmatched(owned: Owned<ForeignKeyConstraint>, unmatched: ReadonlySet<string>): boolean {
  return owned.item.columns.some((c) => unmatched.has(columnKey(owned.relation, c)));
}

export function checkTouchesUnmatched(owned: Owned<CheckConstraint>, unmatched: ReadonlySet<string>, tableColumns: readonly string[]): boolean {
  return columnsInExpression(owned.item.expression, tableColumns).some((c) => unmatched.has(columnKey(owned.relation, c)));
}
