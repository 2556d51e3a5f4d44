import { userRelations, type QueryScope } from './scope.js';

// Indexes of tables and materialized views. Keys come back as attnums (0 = expression); expression
// keys are printed with pg_get_indexdef(index, position, true) only where there is an expression.
export const indexesQuery = (scope: QueryScope, versionNum: number) => `SELECT ix.indrelid AS relid, ic.relname AS name,
    ix.indisunique AS unique, ix.indisvalid AS valid, ix.indnkeyatts AS key_count,
    ix.indkey::int2[] AS keys,
    CASE WHEN ix.indexprs IS NOT NULL THEN
      (SELECT pg_catalog.array_agg(pg_catalog.pg_get_indexdef(ix.indexrelid, k.i::int, true) ORDER BY k.i)
         FROM pg_catalog.unnest(ix.indkey::int2[]) WITH ORDINALITY k(n, i) WHERE k.n = 0) END AS expressions,
    am.amname AS method,
    CASE WHEN ix.indpred IS NOT NULL THEN pg_catalog.pg_get_expr(ix.indpred, ix.indrelid) END AS predicate,
    ${versionNum >= 150000 ? 'ix.indnullsnotdistinct' : 'false'} AS nulls_not_distinct,
    (SELECT co.conname FROM pg_catalog.pg_constraint co
      WHERE co.conindid = ix.indexrelid AND co.conrelid = ix.indrelid AND co.contype IN ('p', 'u', 'x')) AS constraint_name,
    pg_catalog.pg_get_indexdef(ix.indexrelid) AS definition,
    d.description AS comment
  FROM (${userRelations(scope, `'r', 'p', 'm'`)}) r
  JOIN pg_catalog.pg_index ix ON ix.indrelid = r.oid
  JOIN pg_catalog.pg_class ic ON ic.oid = ix.indexrelid
  JOIN pg_catalog.pg_am am ON am.oid = ic.relam
  LEFT JOIN pg_catalog.pg_description d
    ON d.objoid = ix.indexrelid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0`;
