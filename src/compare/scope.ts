// What a comparison looks at: schemas chosen or excluded, and roles whose grants and policy membership are
// platform business (Supabase's `supabase_admin`, `authenticator`, …), not the application's.
import type { Snapshot, Table, View } from '../snapshot/types.js';

export interface Scope {
  /** compare only these schemas (all non-system schemas when empty) */
  readonly schemas?: readonly string[];
  readonly excludeSchemas?: readonly string[];
  readonly excludeRoles?: readonly string[];
  /** privileges one side cannot have, e.g. MAINTAIN before PostgreSQL 17 */
  readonly ignorePrivileges?: readonly string[];
}

export function schemaFilter(scope: Scope): (schema: string) => boolean {
  const only = scope.schemas && scope.schemas.length > 0 ? new Set(scope.schemas) : null;
  const excluded = new Set(scope.excludeSchemas ?? []);
  return (schema) => (only === null || only.has(schema)) && !excluded.has(schema);
}

/**
 * The part of a snapshot a comparison covers. Extensions are kept: see rules/extension-missing.ts. Grants to
 * excluded roles are dropped; policies are kept whole (a Supabase app's own policies say TO authenticated),
 * and the policy rules ignore excluded roles when they compare role lists (SchemaDiff.excludedRoles).
 */
export function scopeSnapshot(snapshot: Snapshot, scope: Scope): Snapshot {
  const inScope = schemaFilter(scope);
  const excludedRoles = new Set(scope.excludeRoles ?? []);
  const ignored = new Set(scope.ignorePrivileges ?? []);
  const filtering = excludedRoles.size > 0 || ignored.size > 0;
  const grantFilter = <G extends { grantee: string; privilege: string }>(grants: readonly G[]) =>
    grants.filter((g) => !excludedRoles.has(g.grantee) && !ignored.has(g.privilege));
  const table = (t: Table): Table => (filtering ? { ...t, grants: grantFilter(t.grants) } : t);
  const view = (v: View): View => (filtering ? { ...v, grants: grantFilter(v.grants) } : v);
  return {
    ...snapshot,
    schemas: snapshot.schemas.filter((s) => inScope(s.name)),
    tables: snapshot.tables.filter((t) => inScope(t.schema)).map(table),
    views: snapshot.views.filter((v) => inScope(v.schema)).map(view),
    sequences: snapshot.sequences.filter((s) => inScope(s.schema)),
    types: snapshot.types.filter((t) => inScope(t.schema)),
    functions: snapshot.functions.filter((f) => inScope(f.schema)),
  };
}
