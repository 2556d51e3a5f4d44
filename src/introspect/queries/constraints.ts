import { userRelations, type QueryScope } from './scope.js';

// Table constraints. PG 18 also lists NOT NULL as contype 'n': left out here, nullability comes from
// pg_attribute on every major. Constraint triggers ('t') appear with the triggers.
// Column numbers come as space-separated text and referenced names as JSON: both decode natively, where
// node-postgres' array parser, character by character, was ~5% of a snapshot's client time.
// A foreign key to a partitioned table has a hidden copy per referenced partition on the same table
// (conparentid = the key itself): PostgreSQL's bookkeeping, named fkey1 on 15 and fkey_1 on 18, never in pg_dump.
// Referenced column names: only for foreign keys, one pg_attribute lookup per key column (a join
// made PostgreSQL read every column of the referenced table for every constraint).
// The definition: pg_get_constraintdef looks up every key column's and the referenced table's names in
// catalog caches that a new session starts empty (at 5,000 tables 60 of the query's 150 ms of server CPU).
// Plain primary keys, unique and foreign keys (no INCLUDE columns, not NOT VALID, no ON DELETE SET NULL
// (columns), and on 18 enforced and without PERIOD/WITHOUT OVERLAPS) come without it: the builder spells
// them as pg_get_constraintdef does from the names it already has (constraint-definition.ts).
const plainConstraint = (versionNum: number) => `((co.contype IN ('p', 'u') AND ix.indnatts = ix.indnkeyatts${versionNum >= 180000 ? ' AND NOT co.conperiod' : ''})
      OR (co.contype = 'f' AND co.convalidated AND co.confmatchtype IN ('s', 'f')${versionNum >= 150000 ? ' AND co.confdelsetcols IS NULL' : ''}${versionNum >= 180000 ? ' AND co.conenforced AND NOT co.conperiod' : ''}))`;

export const constraintsQuery = (scope: QueryScope, versionNum: number) => `SELECT co.conrelid AS relid, co.conname AS name,
    co.contype AS type, co.condeferrable AS deferrable, co.condeferred AS deferred, co.convalidated AS validated,
    co.connoinherit AS no_inherit,
    pg_catalog.array_to_string(co.conkey, ' ') AS keys,
    rn.nspname AS ref_schema, rc.relname AS ref_table,
    CASE WHEN co.confkey IS NOT NULL THEN
      (SELECT pg_catalog.json_agg(
                (SELECT ra.attname::text FROM pg_catalog.pg_attribute ra WHERE ra.attrelid = co.confrelid AND ra.attnum = k.n)
                ORDER BY k.i)
         FROM pg_catalog.unnest(co.confkey) WITH ORDINALITY k(n, i)) END AS ref_columns,
    co.confupdtype AS on_update, co.confdeltype AS on_delete, co.confmatchtype AS match,
    CASE WHEN co.contype = 'c' THEN pg_catalog.pg_get_expr(co.conbin, co.conrelid) END AS expression,
    ${versionNum >= 150000 ? "co.contype = 'u' AND ix.indnullsnotdistinct" : 'false'} AS nulls_not_distinct,
    CASE WHEN ${plainConstraint(versionNum)} THEN NULL ELSE pg_catalog.pg_get_constraintdef(co.oid) END AS definition,
    d.description AS comment
  FROM (${userRelations(scope, `'r', 'p', 'f'`)}) r
  JOIN pg_catalog.pg_constraint co ON co.conrelid = r.oid
  LEFT JOIN pg_catalog.pg_class rc ON rc.oid = co.confrelid
  LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
  LEFT JOIN pg_catalog.pg_index ix ON ix.indexrelid = co.conindid AND co.contype IN ('p', 'u')
  LEFT JOIN pg_catalog.pg_description d
    ON d.objoid = co.oid AND d.classoid = 'pg_catalog.pg_constraint'::regclass
  WHERE co.contype IN ('p', 'u', 'f', 'c', 'x')
    AND (co.conparentid = 0 OR NOT EXISTS (
      SELECT 1 FROM pg_catalog.pg_constraint pc WHERE pc.oid = co.conparentid AND pc.conrelid = co.conrelid))`;
