import { userRelations, type QueryScope } from './scope.js';

// User triggers (internal ones implement FKs and are described by the constraints).
export const triggersQuery = (scope: QueryScope) => `SELECT tg.tgrelid AS relid, tg.tgname AS name, tg.tgtype AS type,
    tg.tgenabled AS enabled, pn.nspname AS function_schema, p.proname AS function_name,
    pg_catalog.pg_get_triggerdef(tg.oid) AS definition,
    d.description AS comment
  FROM (${userRelations(scope, `'r', 'p', 'f', 'v', 'm'`)}) r
  JOIN pg_catalog.pg_trigger tg ON tg.tgrelid = r.oid
  JOIN pg_catalog.pg_proc p ON p.oid = tg.tgfoid
  JOIN pg_catalog.pg_namespace pn ON pn.oid = p.pronamespace
  LEFT JOIN pg_catalog.pg_description d
    ON d.objoid = tg.oid AND d.classoid = 'pg_catalog.pg_trigger'::regclass
  WHERE NOT tg.tgisinternal AND tg.tgparentid = 0`;
