import { userRelations, type QueryScope } from './scope.js';

// Indexes of tables and materialized views. Keys come back as attnums (0 = expression); expression
// keys are printed with pg_get_indexdef(index, position, true) only where there is an expression.
//
// The definition: pg_get_indexdef opens the indexed table to name its columns (a relcache entry and a
// lock per table), which made this the slowest catalog query (2.5-4 s of 15,000 indexes at 5,000
// tables on 2 busy cores). Plain indexes (only column keys, each with its type's default operator
// class and the column's collation, no INCLUDE, predicate, storage options, NULLS NOT DISTINCT, on a
// table rather than a partitioned one) are printed here the same way pg_get_indexdef_worker prints
// them: CREATE [UNIQUE ]INDEX name ON schema.table USING method (col [DESC] [NULLS FIRST|LAST], ...),
// every name through quote_ident (quote_identifier), the table always schema-qualified (the
// introspector runs with search_path = pg_catalog), DESC/NULLS only where indoption says so (btree
// only here: other methods fall back). Anything else still goes through pg_get_indexdef.
const plainIndexDefinition = (versionNum: number) => `LEFT JOIN LATERAL (
    SELECT 'CREATE ' || CASE WHEN ix.indisunique THEN 'UNIQUE ' ELSE '' END || 'INDEX ' || pg_catalog.quote_ident(ic.relname)
        || ' ON ' || pg_catalog.quote_ident(r.nspname) || '.' || pg_catalog.quote_ident(r.relname)
        || ' USING ' || pg_catalog.quote_ident(am.amname) || ' ('
        || pg_catalog.string_agg(pg_catalog.quote_ident(a.attname)
             || CASE WHEN k.opt & 1 <> 0 THEN ' DESC' || CASE WHEN k.opt & 2 = 0 THEN ' NULLS LAST' ELSE '' END
                     WHEN k.opt & 2 <> 0 THEN ' NULLS FIRST' ELSE '' END, ', ' ORDER BY k.i) || ')' AS definition
      FROM ROWS FROM (pg_catalog.unnest(ix.indkey::int2[]), pg_catalog.unnest(ix.indclass::oid[]),
                      pg_catalog.unnest(ix.indcollation::oid[]), pg_catalog.unnest(ix.indoption::int2[])) WITH ORDINALITY k(n, cls, coll, opt, i)
      JOIN pg_catalog.pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.n
      JOIN pg_catalog.pg_opclass opc ON opc.oid = k.cls
      JOIN pg_catalog.pg_attribute ia ON ia.attrelid = ix.indexrelid AND ia.attnum = k.i
     WHERE ix.indexprs IS NULL AND ix.indpred IS NULL AND ic.relkind = 'i' AND ic.reloptions IS NULL
       AND ix.indnkeyatts = ix.indnatts${versionNum >= 150000 ? ' AND NOT ix.indnullsnotdistinct' : ''}
    HAVING pg_catalog.count(*) = ix.indnatts
       AND pg_catalog.bool_and(opc.opcdefault AND opc.opcintype = a.atttypid AND (k.coll = 0 OR k.coll = a.attcollation)
                               AND ia.attoptions IS NULL AND (k.opt = 0 OR (am.amname = 'btree' AND k.opt & ~3 = 0)))
  ) plain ON true`;

export const indexesQuery = (scope: QueryScope, versionNum: number) => `SELECT ix.indrelid AS relid, ic.relname AS name,
    ix.indisunique AS unique, ix.indisvalid AS valid, ix.indnkeyatts AS key_count,
    ix.indkey::text AS keys,
    CASE WHEN ix.indexprs IS NOT NULL THEN
      (SELECT pg_catalog.array_agg(pg_catalog.pg_get_indexdef(ix.indexrelid, k.i::int, true) ORDER BY k.i)
         FROM pg_catalog.unnest(ix.indkey::int2[]) WITH ORDINALITY k(n, i) WHERE k.n = 0) END AS expressions,
    am.amname AS method,
    CASE WHEN ix.indpred IS NOT NULL THEN pg_catalog.pg_get_expr(ix.indpred, ix.indrelid) END AS predicate,
    ${versionNum >= 150000 ? 'ix.indnullsnotdistinct' : 'false'} AS nulls_not_distinct,
    (SELECT co.conname FROM pg_catalog.pg_constraint co
      WHERE co.conindid = ix.indexrelid AND co.conrelid = ix.indrelid AND co.contype IN ('p', 'u', 'x')) AS constraint_name,
    COALESCE(plain.definition, pg_catalog.pg_get_indexdef(ix.indexrelid)) AS definition,
    d.description AS comment
  FROM (${userRelations(scope, `'r', 'p', 'm'`)}) r
  JOIN pg_catalog.pg_index ix ON ix.indrelid = r.oid
  JOIN pg_catalog.pg_class ic ON ic.oid = ix.indexrelid
  JOIN pg_catalog.pg_am am ON am.oid = ic.relam
  ${plainIndexDefinition(versionNum)}
  LEFT JOIN pg_catalog.pg_description d
    ON d.objoid = ix.indexrelid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0`;
