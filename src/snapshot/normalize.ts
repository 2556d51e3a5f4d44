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

const byName = by<{ name: string }>((x) => x.name);
const bySchemaName = by<{ schema: string; name: string }>((x) => x.schema, (x) => x.name);

function sortedCopy<T>(list: readonly T[], order: (a: T, b: T) => number): T[] {
  return [...list].sort(order);
}

function normalizeTable(table: Table): Table {
  return {
    ...table,
    inherits: sortedCopy(table.inherits, bySchemaName),
    columns: sortedCopy(table.columns, (a, b) => a.position - b.position),
    constraints: sortedCopy(table.constraints, byName),
    indexes: sortedCopy(table.indexes, byName),
    triggers: sortedCopy(table.triggers, byName),
    policies: sortedCopy(table.policies, byName),
    grants: sortedCopy(table.grants, by((g) => g.grantee, (g) => g.privilege)),
  };
}

function normalizeView(view: View): View {
  return {
    ...view,
    indexes: sortedCopy(view.indexes, byName),
    triggers: sortedCopy(view.triggers, byName),
    grants: sortedCopy(view.grants, by((g) => g.grantee, (g) => g.privilege)),
  };
}

export function normalizeSnapshot(snapshot: Snapshot): Snapshot {
  return {
    formatVersion: snapshot.formatVersion,
    serverVersion: snapshot.serverVersion,
    schemas: sortedCopy(snapshot.schemas, byName),
    extensions: sortedCopy(snapshot.extensions, byName),
    tables: sortedCopy(snapshot.tables, bySchemaName).map(normalizeTable),
    views: sortedCopy(snapshot.views, bySchemaName).map(normalizeView),
    sequences: sortedCopy(snapshot.sequences, bySchemaName),
    types: sortedCopy(snapshot.types, bySchemaName),
    functions: sortedCopy(
      snapshot.functions,
      by((f) => f.schema, (f) => f.name, (f) => f.identityArguments),
    ),
    limitations: sortedCopy(snapshot.limitations, by((l) => l.kind, (l) => l.object)),
  };
}
