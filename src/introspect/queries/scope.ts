// SQL fragments that decide which objects a snapshot holds: never system schemas, and by default
// nothing an extension owns (its tables, functions and types are the extension's, not the app's).

export interface QueryScope {
  /** include objects that belong to an extension (pg_depend deptype 'e') */
  readonly includeExtensionObjects: boolean;
}

/** `nsp` must be a pg_namespace alias. */
export function userSchema(nsp: string): string {
  return `${nsp}.nspname NOT IN ('pg_catalog', 'information_schema') AND ${nsp}.nspname !~ '^pg_(toast|temp_)'`;
}

/**
 * The oids of `catalog`'s objects that belong to an extension. Every deptype 'e' row references the
 * extension (refclassid = pg_extension): saying so lets PostgreSQL read them through
 * pg_depend_reference_index instead of scanning all of pg_depend (75 ms → 4 ms at 5,000 tables).
 */
export function extensionMembers(catalog: string): string {
  return `SELECT objid FROM pg_catalog.pg_depend WHERE refclassid = 'pg_catalog.pg_extension'::regclass AND deptype = 'e' AND classid = 'pg_catalog.${catalog}'::regclass`;
}

/** `oidExpr` is the object's oid, `catalog` its catalog (e.g. pg_class). */
export function notExtensionMember(scope: QueryScope, oidExpr: string, catalog: string): string {
  if (scope.includeExtensionObjects) return 'TRUE';
  return `${oidExpr} NOT IN (${extensionMembers(catalog)})`;
}

/** Relations a snapshot describes: tables, partitioned/foreign tables, views, materialized views, composite types. */
export function userRelations(scope: QueryScope, kinds = `'r', 'p', 'f', 'v', 'm', 'c'`): string {
  return `SELECT c.oid, c.relname, n.nspname, c.relkind
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN (${kinds}) AND ${userSchema('n')} AND ${notExtensionMember(scope, 'c.oid', 'pg_class')}`;
}
