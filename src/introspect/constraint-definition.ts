// Plain primary key, unique and foreign key constraints spelled exactly as PostgreSQL's
// pg_get_constraintdef(oid) spells them (ruleutils.c, pg_get_constraintdef_worker without fullCommand),
// from the names the snapshot already has. Why: that function looks every name up in catalog caches that
// each new session starts empty; the constraints query asks the server only for the other constraints
// (queries/constraints.ts says which are plain). test/introspect/constraint-definitions.test.ts checks
// these against the server's own text, quoting included.
import type { ConstraintRow } from './rows.js';

export type QuoteIdentifier = (name: string) => string;

/**
 * quote_ident() for a server whose non-unreserved keywords are `reserved` (space-separated, from
 * pg_get_keywords()): a name stays bare when it is lower-case ASCII letters, digits and underscores, does
 * not start with a digit and is not such a keyword; otherwise it is double-quoted, inner quotes doubled.
 */
export function identifierQuoter(reserved: string): QuoteIdentifier {
  const keywords = new Set(reserved.split(' '));
  return (name) => (/^[a-z_][a-z0-9_]*$/.test(name) && !keywords.has(name) ? name : `"${name.replace(/"/g, '""')}"`);
}

/** confupdtype / confdeltype; 'a' (NO ACTION) is the default and is not printed. */
const ACTIONS: Readonly<Record<string, string>> = { r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

/** `columns`: the constraint's key columns by name, in key order. */
export function plainConstraintDefinition(row: ConstraintRow, columns: readonly string[], quote: QuoteIdentifier): string {
  const list = (names: readonly string[]) => names.map(quote).join(', ');
  let text: string;
  if (row.type === 'f') {
    text = `FOREIGN KEY (${list(columns)}) REFERENCES ${quote(row.ref_schema ?? '')}.${quote(row.ref_table ?? '')}(${list(row.ref_columns ?? [])})`;
    if (row.match === 'f') text += ' MATCH FULL';
    const onUpdate = ACTIONS[row.on_update];
    if (onUpdate) text += ` ON UPDATE ${onUpdate}`;
    const onDelete = ACTIONS[row.on_delete];
    if (onDelete) text += ` ON DELETE ${onDelete}`;
  } else if (row.type === 'p') {
    text = `PRIMARY KEY (${list(columns)})`;
  } else {
    text = `UNIQUE ${row.nulls_not_distinct === true ? 'NULLS NOT DISTINCT ' : ''}(${list(columns)})`;
  }
  if (row.deferrable) text += ' DEFERRABLE';
  if (row.deferred) text += ' INITIALLY DEFERRED';
  return text;
}
