// A file that creates, alters, renames or drops a table is a migration: its other statements on that
// table ran against the table's shape at that point in history, which the snapshot (the shape after
// every migration) cannot speak for. Measured on logto: all 13 findings against its own schema were
// statements in old migration scripts next to the DDL that later changed their tables.
import type { StatementAnalysis } from './analyze-statement.js';
import type { RelationName } from './facts.js';
import type { Snapshot } from '../snapshot/types.js';
import type { SchemaIndex } from './schema-index.js';

/** The tables these statements' DDL creates or changes. */
function tablesChangedBy(analyses: readonly StatementAnalysis[]): RelationName[] {
  const changed: RelationName[] = [];
  for (const analysis of analyses) {
    if (analysis.kind !== 'analyzed') continue;
    for (const item of analysis.items) changed.push(...item.facts.createsTables, ...item.facts.changesTables);
  }
  return changed;
}

/**
 * SQL read from a file (a `.sql` query file) is a unit of its own: its DDL puts its tables in flux for
 * the statements of the same text only, not for the code file that loads it. Why: a repository that
 * loads `create.sql`, `drop.sql` and `find.sql` (pg-promise's demo, and its docs' advice) is not a
 * migration, and taking it for one hid every finding on those tables.
 */
function readFromFile(analysis: StatementAnalysis): boolean {
  return analysis.statement.kind === 'sql' && analysis.statement.sqlFiles !== undefined;
}

/**
 * A file in a migrations folder (`src/migrations/1715…-AddX.ts`, `db/migrations/…`, Rails-style `db/migrate/`):
 * each of its statements ran once, against the schema of its time, which the snapshot (the schema after every
 * migration) cannot speak for, whether or not the file itself changes the table. Measured on Immich: 27 errors
 * on its own schema were old TypeORM migrations reading tables and columns that later ones dropped or renamed.
 */
const MIGRATIONS_FOLDER = /(^|\/)(migrations?|migrate)\//i;

export function isMigrationFile(file: string): boolean {
  return MIGRATIONS_FOLDER.test(file);
}

/** The schema each of one code file's statements is checked against (see migrationView). */
export function migrationViews(schema: SchemaIndex, analyses: readonly StatementAnalysis[]): (analysis: StatementAnalysis) => SchemaIndex {
  const first = analyses[0];
  if (first && isMigrationFile(first.statement.location.file)) {
    const opaque: SchemaIndex = { ...schema, lookup: () => ({ status: 'opaque' }), columnsOf: () => null };
    return () => opaque;
  }
  const fileView = migrationView(schema, tablesChangedBy(analyses.filter((a) => !readFromFile(a))));
  return (analysis) => (readFromFile(analysis) ? migrationView(schema, tablesChangedBy([analysis])) : fileView);
}

/** `schema` as seen from such a file: the tables it changes exist, with columns and keys unknown. */
function migrationView(schema: SchemaIndex, changed: readonly RelationName[]): SchemaIndex {
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

/**
 * The tables the code creates that every statement may use although the snapshot lacks them. Temporary
 * tables and SELECT … INTO always; permanent CREATE TABLEs only when they are the code's own run-time
 * tables, not migrations: when the snapshot already has at least half of them, the code's CREATE TABLEs
 * are the migrations the snapshot is the result of, and a table it lacks is missing (measured on logto:
 * 1,000+ migration statements created every table, so a dropped or renamed table was never reported).
 */
export function tablesCreatedForEveryFile(created: readonly CreatedTable[], snapshot: Snapshot): RelationName[] {
  const runTime: RelationName[] = [];
  const permanent: RelationName[] = [];
  for (const { table, isPermanent } of created) (isPermanent ? permanent : runTime).push(table);
  const names = [...new Set(permanent.map((r) => `${r.schema ?? ''}.${r.name}`))];
  // a table is there under its own schema, or (unqualified in the code) under any schema
  const tables = new Set(snapshot.tables.flatMap((t) => [`${t.schema}.${t.name}`, `.${t.name}`]));
  const inSnapshot = names.filter((key) => tables.has(key));
  return inSnapshot.length * 2 >= names.length && names.length > 0 ? runTime : [...runTime, ...permanent];
}

/** A table a statement creates; permanent when the statement also changes it (not TEMP, not SELECT … INTO). */
export interface CreatedTable {
  readonly table: RelationName;
  readonly isPermanent: boolean;
}

/** The tables a file's statements create, in order (per file, so each worker thread can tell its own). */
export function tablesCreatedIn(analyses: readonly StatementAnalysis[]): CreatedTable[] {
  const created: CreatedTable[] = [];
  for (const analysis of analyses) {
    if (analysis.kind !== 'analyzed') continue;
    for (const { facts } of analysis.items) {
      for (const table of facts.createsTables) {
        created.push({ table, isPermanent: facts.changesTables.some((c) => c.name === table.name && c.schema === table.schema) });
      }
    }
  }
  return created;
}
