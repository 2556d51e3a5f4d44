import { userRelations, type QueryScope } from './scope.js';

export const policiesQuery = (scope: QueryScope) => `SELECT po.polrelid AS relid, po.polname AS name, po.polcmd AS command,
    po.polpermissive AS permissive,
    (SELECT pg_catalog.array_agg(CASE WHEN ro.r = 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid(ro.r)::text END)
       FROM pg_catalog.unnest(po.polroles) ro(r)) AS roles,
    CASE WHEN po.polqual IS NOT NULL THEN pg_catalog.pg_get_expr(po.polqual, po.polrelid) END AS using,
    CASE WHEN po.polwithcheck IS NOT NULL THEN pg_catalog.pg_get_expr(po.polwithcheck, po.polrelid) END AS with_check
  FROM (${userRelations(scope, `'r', 'p', 'f'`)}) r
  JOIN pg_catalog.pg_policy po ON po.polrelid = r.oid`;
