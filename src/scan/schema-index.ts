// Looking relations up the way PostgreSQL's search_path would, plus the decision of when a name the
// snapshot does not know is worth a finding at all.
//
// Decision (documented in the README rule table): a relation is reported unknown only when the
// snapshot could have known it:
// - a qualified name is checked only when its schema is one the snapshot covers (`auth.users`
//   against a snapshot without `auth` is out of scope, not missing);
// - an unqualified name is looked up in `public` first, then in every other covered schema (the
//   application may set search_path); `pg_*` names are system catalogs;
// - tables the scanned code creates itself (CREATE [TEMP] TABLE, SELECT … INTO) are known, with
//   columns unknown.
import type { Column, Snapshot, Table, View } from '../snapshot/types.js';
import type { RelationName } from './facts.js';

export type Relation =
  | { readonly kind: 'table'; readonly schema: string; readonly name: string; readonly table: Table }
  | { readonly kind: 'view'; readonly schema: string; readonly name: string; readonly view: View };

export type Lookup =
  | { readonly status: 'found'; readonly relation: Relation }
  /** created by the scanned code, or a system catalog: exists, columns unknown */
  | { readonly status: 'opaque' }
  /** in a schema the snapshot does not cover */
  | { readonly status: 'out-of-scope' }
  | { readonly status: 'missing'; readonly schema: string | null };

export interface SchemaIndex {
  readonly snapshot: Snapshot;
  lookup(name: RelationName): Lookup;
  /** the relation's columns, or null when they are not known */
  columnsOf(name: RelationName): readonly { readonly name: string; readonly column: Column | null }[] | null;
  /** `public.clients` for messages and fixes */
  display(relation: Relation): string;
}

const SYSTEM_SCHEMAS = new Set(['pg_catalog', 'information_schema', 'pg_toast']);

export function indexSchema(snapshot: Snapshot, createdByCode: readonly RelationName[] = []): SchemaIndex {
  const byQualified = new Map<string, Relation>();
  const byName = new Map<string, Relation[]>();
  const add = (relation: Relation): void => {
    byQualified.set(`${relation.schema}.${relation.name}`, relation);
    const list = byName.get(relation.name) ?? [];
    list.push(relation);
    byName.set(relation.name, list);
  };
  for (const table of snapshot.tables) add({ kind: 'table', schema: table.schema, name: table.name, table });
  for (const view of snapshot.views) add({ kind: 'view', schema: view.schema, name: view.name, view });
  for (const list of byName.values()) list.sort((a, b) => rank(a.schema) - rank(b.schema) || (a.schema < b.schema ? -1 : 1));
  const covered = new Set(snapshot.schemas.map((s) => s.name));
  const created = new Set(createdByCode.map((r) => (r.schema === null ? r.name : `${r.schema}.${r.name}`)));

  const lookup = (name: RelationName): Lookup => {
    if (name.schema !== null) {
      const found = byQualified.get(`${name.schema}.${name.name}`);
      if (found) return { status: 'found', relation: found };
      if (created.has(`${name.schema}.${name.name}`) || created.has(name.name)) return { status: 'opaque' };
      if (SYSTEM_SCHEMAS.has(name.schema) || name.schema.startsWith('pg_temp')) return { status: 'opaque' };
      return covered.has(name.schema) ? { status: 'missing', schema: name.schema } : { status: 'out-of-scope' };
    }
    const found = byName.get(name.name)?.[0];
    if (found) return { status: 'found', relation: found };
    if (created.has(name.name) || name.name.startsWith('pg_')) return { status: 'opaque' };
    return covered.size === 0 ? { status: 'out-of-scope' } : { status: 'missing', schema: null };
  };

  const columns = new Map<Relation, readonly { readonly name: string; readonly column: Column | null }[]>();
  return {
    snapshot,
    lookup,
    columnsOf(name) {
      const result = lookup(name);
      if (result.status !== 'found') return null;
      const relation = result.relation;
      let list = columns.get(relation);
      if (!list) {
        list = relation.kind === 'table'
          ? relation.table.columns.map((column) => ({ name: column.name, column }))
          : relation.view.columns.map((column) => ({ name: column.name, column: null }));
        columns.set(relation, list);
      }
      return list;
    },
    display: (relation) => `${relation.schema}.${relation.name}`,
  };
}

function rank(schema: string): number {
  return schema === 'public' ? 0 : 1;
}

/** System columns every table has (`ctid`, `xmin`, …): valid in any statement. */
export const SYSTEM_COLUMNS = new Set(['ctid', 'xmin', 'xmax', 'cmin', 'cmax', 'tableoid', 'oid']);

/**
 * The snapshot cut down to what decides where the type checker is needed (resolve-param-types.ts:
 * whether a relation's column is json or jsonb): every table and view, and of their columns only
 * those whose type mentions json. Lookups find the same relations and every json column is kept, so
 * those answers are the ones the whole snapshot gives. Why: worker threads need them while they
 * parse; the whole 5,000-table bench snapshot held by each worker all that time cost ~1 s of CPU
 * (more garbage collection) and ~100 MB; this cut is ~1% of its size.
 */
export function jsonColumnsOnly(snapshot: Snapshot): Snapshot {
  const json = (column: Column): boolean => /json/i.test(column.type) || /json/i.test(column.domainBaseType ?? '');
  return {
    ...snapshot,
    extensions: [],
    sequences: [],
    types: [],
    functions: [],
    limitations: [],
    tables: snapshot.tables.map((table) => ({ ...table, columns: table.columns.filter(json), constraints: [], indexes: [], triggers: [], policies: [], grants: [] })),
    views: snapshot.views.map((view) => ({ ...view, definition: '', columns: [], indexes: [], triggers: [], grants: [] })),
  };
}
