import { userSchema, notExtensionMember, type QueryScope } from './scope.js';

// Sequences, except those behind identity columns (they are part of the column: Column.identity).
export const sequencesQuery = (scope: QueryScope) => `SELECT n.nspname AS schema, c.relname AS name,
    pg_catalog.format_type(s.seqtypid, NULL) AS data_type,
    s.seqstart::text AS start, s.seqincrement::text AS increment, s.seqmin::text AS min, s.seqmax::text AS max,
    s.seqcache::text AS cache, s.seqcycle AS cycle,
    owner_table.relname AS owned_by_table, owner_col.attname AS owned_by_column,
    d.description AS comment
  FROM pg_catalog.pg_sequence s
  JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_catalog.pg_depend dep
    ON dep.classid = 'pg_catalog.pg_class'::regclass AND dep.objid = c.oid
   AND dep.refclassid = 'pg_catalog.pg_class'::regclass AND dep.deptype IN ('a', 'i')
  LEFT JOIN pg_catalog.pg_class owner_table ON owner_table.oid = dep.refobjid
  LEFT JOIN pg_catalog.pg_attribute owner_col ON owner_col.attrelid = dep.refobjid AND owner_col.attnum = dep.refobjsubid
  LEFT JOIN pg_catalog.pg_description d
    ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
  WHERE ${userSchema('n')} AND ${notExtensionMember(scope, 'c.oid', 'pg_class')}
    AND (dep.deptype IS NULL OR dep.deptype <> 'i')`;
