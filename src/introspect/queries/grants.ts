import { userRelations, type QueryScope } from './scope.js';

// Table and view privileges granted to someone other than the owner (the owner's are implicit, and owner
// names differ between environments).
export const grantsQuery = (scope: QueryScope) => `SELECT r.oid AS relid,
    CASE WHEN acl.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(acl.grantee)::text END AS grantee,
    acl.privilege_type AS privilege, acl.is_grantable AS grantable
  FROM (${userRelations(scope, `'r', 'p', 'f', 'v', 'm'`)}) r
  JOIN pg_catalog.pg_class c ON c.oid = r.oid
  CROSS JOIN LATERAL pg_catalog.aclexplode(c.relacl) acl
  WHERE c.relacl IS NOT NULL AND acl.grantee <> c.relowner`;
