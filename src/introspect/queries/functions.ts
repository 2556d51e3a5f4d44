import { userSchema, notExtensionMember, type QueryScope } from './scope.js';

// Functions, procedures, aggregates. The body is prosrc, or the SQL-standard body (PG 14+ BEGIN ATOMIC).
export const functionsQuery = (scope: QueryScope) => `SELECT n.nspname AS schema, p.proname AS name, p.prokind AS kind,
    pg_catalog.pg_get_function_identity_arguments(p.oid) AS identity_arguments,
    pg_catalog.pg_get_function_arguments(p.oid) AS arguments,
    CASE WHEN p.prokind <> 'p' THEN pg_catalog.pg_get_function_result(p.oid) END AS returns,
    l.lanname AS language, p.provolatile AS volatility, p.prosecdef AS security_definer, p.proisstrict AS strict,
    CASE WHEN p.prosqlbody IS NOT NULL THEN pg_catalog.pg_get_function_sqlbody(p.oid) ELSE p.prosrc END AS definition,
    p.proconfig AS config,
    d.description AS comment
  FROM pg_catalog.pg_proc p
  JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
  JOIN pg_catalog.pg_language l ON l.oid = p.prolang
  LEFT JOIN pg_catalog.pg_description d
    ON d.objoid = p.oid AND d.classoid = 'pg_catalog.pg_proc'::regclass AND d.objsubid = 0
  WHERE ${userSchema('n')} AND ${notExtensionMember(scope, 'p.oid', 'pg_proc')}
    -- a range type's constructor functions belong to the type (pg_dump leaves them out too)
    AND p.oid NOT IN (SELECT objid FROM pg_catalog.pg_depend WHERE deptype = 'i' AND classid = 'pg_catalog.pg_proc'::regclass)`;
