import { userSchema, notExtensionMember, type QueryScope } from './scope.js';

// Enums, domains, composite types and ranges. Composite attributes come from the columns query.
// Name arrays are cast to text[]: node-postgres has no parser for name[] and would return '{a,b}'.
export const typesQuery = (scope: QueryScope) => `SELECT t.oid, n.nspname AS schema, t.typname AS name, t.typtype AS type,
    t.typrelid AS relid,
    CASE WHEN t.typtype = 'e' THEN
      (SELECT pg_catalog.array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid) END AS enum_values,
    CASE WHEN t.typtype = 'd' THEN pg_catalog.format_type(t.typbasetype, t.typtypmod) END AS base_type,
    t.typnotnull AS not_null, t.typdefault AS "default",
    CASE WHEN t.typtype = 'd' AND t.typcollation <> 0 AND t.typcollation <> bt.typcollation THEN
      (SELECT pg_catalog.quote_ident(co.collname) FROM pg_catalog.pg_collation co WHERE co.oid = t.typcollation) END AS collation,
    CASE WHEN t.typtype = 'd' THEN
      (SELECT pg_catalog.json_agg(json_build_object('name', co.conname,
                'expression', pg_catalog.pg_get_expr(co.conbin, 0), 'validated', co.convalidated) ORDER BY co.conname)
         FROM pg_catalog.pg_constraint co WHERE co.contypid = t.oid AND co.contype = 'c') END AS domain_constraints,
    CASE WHEN t.typtype = 'r' THEN
      (SELECT pg_catalog.format_type(rg.rngsubtype, NULL) FROM pg_catalog.pg_range rg WHERE rg.rngtypid = t.oid) END AS range_subtype,
    d.description AS comment
  FROM pg_catalog.pg_type t
  JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
  LEFT JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype
  LEFT JOIN pg_catalog.pg_class rel ON rel.oid = t.typrelid
  LEFT JOIN pg_catalog.pg_description d
    ON d.objoid = t.oid AND d.classoid = 'pg_catalog.pg_type'::regclass AND d.objsubid = 0
  WHERE ${userSchema('n')} AND ${notExtensionMember(scope, 't.oid', 'pg_type')}
    AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND rel.relkind = 'c'))`;
