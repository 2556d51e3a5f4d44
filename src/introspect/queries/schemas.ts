import { notExtensionMember, userSchema, type QueryScope } from './scope.js';

export const schemasQuery = (scope: QueryScope) => `SELECT n.nspname AS name, d.description AS comment,
    pg_catalog.has_schema_privilege(n.oid, 'USAGE') AS usable
  FROM pg_catalog.pg_namespace n
  LEFT JOIN pg_catalog.pg_description d ON d.objoid = n.oid AND d.classoid = 'pg_catalog.pg_namespace'::regclass
  WHERE ${userSchema('n')}
    AND ${notExtensionMember(scope, 'n.oid', 'pg_namespace')}`;
