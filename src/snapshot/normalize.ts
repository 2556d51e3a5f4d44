// Stable order everywhere, so the same schema always serializes to the same bytes.
// Plain code-unit comparison, never localeCompare: output must not depend on the machine's locale.
import type { Snapshot, Table, View } from './types.js';

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function by<T>(...keys: ((item: T) => string)[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const k of keys) {
      const d = compareText(k(a), k(b));
      if (d !== 0) return d;
    }
    return 0;
  };
}

const byName = (a: { name: string }, b: { name: string }) => compareText(a.name, b.name);
const bySchemaName = (a: { schema: string; name: string }, b: { schema: string; name: string }) =>
  compareText(a.schema, b.schema) || compareText(a.name, b.name);
const byGrant = by<{ grantee: string; privilege: string }>((g) => g.grantee, (g) => g.privilege);

/** Array.prototype.sort is stable, so sorting in place orders exactly like sorting a copy. */
function sortList<T>(list: readonly T[], order: (a: T, b: T) => number): void {
  if (list.length > 1) (list as T[]).sort(order);
}

function sortTable(table: Table): void {
  sortList(table.inherits, bySchemaName);
  sortList(table.columns, (a, b) => a.position - b.position);
  sortList(table.constraints, byName);
  sortList(table.indexes, byName);
  sortList(table.triggers, byName);
  sortList(table.policies, byName);
  sortList(table.grants, byGrant);
}

function sortView(view: View): void {
  sortList(view.indexes, byName);
  sortList(view.triggers, byName);
  sortList(view.grants, byGrant);
}

/**
 * Put every list of `snapshot` in its stable order, in place, and return it. Only for a snapshot whose
 * arrays the caller just built and shares with nobody (buildSnapshot): sorting copies of every list and
 * table was ~10% of a 5,000-table snapshot's client time, most of it garbage collection.
 */
export function normalizeSnapshot(snapshot: Snapshot): Snapshot {
  sortList(snapshot.schemas, byName);
  sortList(snapshot.extensions, byName);
  sortList(snapshot.tables, bySchemaName);
  for (const table of snapshot.tables) sortTable(table);
  sortList(snapshot.views, bySchemaName);
  for (const view of snapshot.views) sortView(view);
  sortList(snapshot.sequences, bySchemaName);
  sortList(snapshot.types, bySchemaName);
  sortList(snapshot.functions, by((f) => f.schema, (f) => f.name, (f) => f.identityArguments));
  sortList(snapshot.limitations, by((l) => l.kind, (l) => l.object));
  return snapshot;
}
