import { userRelations, type QueryScope } from './scope.js';

// Tables, views, materialized views and composite types' relations, with what hangs off pg_class itself.
// Parents are aggregated once over pg_inherits and joined (an ordered aggregate per relation cost
// about 60 µs a row, mostly for relations without parents).
export const relationsQuery = (scope: QueryScope) => `SELECT r.oid, r.nspname AS schema, r.relname AS name, r.relkind AS kind,
    c.relrowsecurity AS rls_enabled, c.relforcerowsecurity AS rls_forced,
    c.relispartition AS is_partition,
    CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
    CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END AS partition_key,
    CASE WHEN c.relkind IN ('v', 'm') THEN pg_catalog.pg_get_viewdef(c.oid, true) END AS view_definition,
    inh.parents,
    d.description AS comment
  FROM (${userRelations(scope)}) r
  JOIN pg_catalog.pg_class c ON c.oid = r.oid
  LEFT JOIN (
    SELECT i.inhrelid, pg_catalog.array_agg(pg_catalog.json_build_array(pn.nspname, p.relname)::text ORDER BY i.inhseqno) AS parents
      FROM pg_catalog.pg_inherits i
      JOIN pg_catalog.pg_class p ON p.oid = i.inhparent
      JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace
     GROUP BY i.inhrelid) inh ON inh.inhrelid = c.oid
  LEFT JOIN pg_catalog.pg_description d
    ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0`;
