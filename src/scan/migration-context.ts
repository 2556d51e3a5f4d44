// A file that creates, alters, renames or drops a table is a migration: its other statements on that
// table ran against the table's shape at that point in history, which the snapshot (the shape after
// every migration) cannot speak for. Measured on logto: all 13 findings against its own schema were
// statements in old migration scripts next to the DDL that later changed their tables.
import type { StatementAnalysis } from './analyze-statement.js';
import type { RelationName } from './facts.js';
import type { SchemaIndex } from './schema-index.js';

/** The tables a file's own DDL creates or changes. */
export function tablesChangedIn(analyses: readonly StatementAnalysis[]): RelationName[] {
  const changed: RelationName[] = [];
  for (const analysis of analyses) {
    if (analysis.kind !== 'analyzed') continue;
    for (const item of analysis.items) changed.push(...item.facts.createsTables, ...item.facts.changesTables);
  }
  return changed;
}

/** `schema` as seen from such a file: the tables it changes exist, with columns and keys unknown. */
export function migrationView(schema: SchemaIndex, changed: readonly RelationName[]): SchemaIndex {
  if (changed.length === 0) return schema;
  const names = new Set(changed.map((r) => r.name));
  const qualified = new Set(changed.filter((r) => r.schema !== null).map((r) => `${r.schema}.${r.name}`));
  const inFlux = (name: RelationName): boolean =>
    name.schema === null ? names.has(name.name) : qualified.has(`${name.schema}.${name.name}`) || changed.some((r) => r.schema === null && r.name === name.name);
  return {
    ...schema,
    lookup: (name) => (inFlux(name) ? { status: 'opaque' } : schema.lookup(name)),
    columnsOf: (name) => (inFlux(name) ? null : schema.columnsOf(name)),
  };
}
