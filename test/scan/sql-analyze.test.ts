// SQL → QueryFacts on its own (no schema): relations, column uses, bindings, ON CONFLICT text.
import { beforeAll, describe, expect, it } from 'vitest';
import type { QueryFacts } from '../../src/scan/facts.js';
import { analyzeStatement } from '../../src/scan/sql/analyze.js';
import { predicateImplied } from '../../src/scan/sql/implication.js';
import { canonicalExpression } from '../../src/scan/sql/canonical.js';
import { loadSqlParser, parseSql } from '../../src/scan/sql/parse.js';

function facts(sql: string): QueryFacts[] {
  const parsed = parseSql(sql);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.statements.flatMap((s) => analyzeStatement(s.node, sql));
}

const columnsOf = (f: QueryFacts): string[] =>
  f.columns.map((c) => `${c.access}:${c.relations.map((r) => r.name).join('|') || '?'}.${c.column}${c.openScope ? '*' : ''}`).sort();

beforeAll(loadSqlParser);

describe('analyzeStatement', () => {
  it('reads an upsert: target, insert columns, bindings, conflict target text, excluded', () => {
    const [f] = facts(
      "INSERT INTO app.clients AS c (yclients_id, company_id, data) VALUES ($1, $2, $3::jsonb) ON CONFLICT (yclients_id, (lower(name)) text_pattern_ops) WHERE deleted_at IS NULL DO UPDATE SET data = EXCLUDED.data RETURNING c.id",
    );
    expect(f!.command).toBe('insert');
    expect(f!.target).toEqual({ schema: 'app', name: 'clients', alias: 'c' });
    expect(f!.insertColumns).toEqual(['yclients_id', 'company_id', 'data']);
    expect(f!.bindings.map((b) => `${b.column}=$${b.param}`)).toEqual(['yclients_id=$1', 'company_id=$2', 'data=$3']);
    expect(f!.onConflict).toEqual({
      action: 'update',
      target: { kind: 'inference', elements: [{ column: 'yclients_id' }, { expression: 'lower(name)' }], where: 'deleted_at IS NULL' },
    });
    expect(columnsOf(f!)).toContain('read:clients.data');
    expect(columnsOf(f!)).toContain('read:clients.id');
  });

  it('cuts conflict text at character, not byte, offsets', () => {
    const [f] = facts("INSERT INTO t (a, b) VALUES ('é✓', 'ü') ON CONFLICT ((a || 'ß')) WHERE b <> 'ö' DO NOTHING");
    expect(f!.onConflict?.target).toEqual({ kind: 'inference', elements: [{ expression: "a || 'ß'" }], where: "b <> 'ö'" });
  });

  it('keeps CTE, subquery and function names out of the relations, and opens the scope for them', () => {
    const [f] = facts(`
      WITH recent AS (SELECT client_id FROM bookings WHERE starts_at > now())
      SELECT c.name, r.client_id, x.total, g
      FROM clients c
      JOIN recent r ON r.client_id = c.id
      JOIN LATERAL (SELECT count(*) AS total FROM visits v WHERE v.client_id = c.id) x ON true
      CROSS JOIN generate_series(1, 3) g
      ORDER BY total`);
    expect(f!.tables.map((t) => t.name).sort()).toEqual(['bookings', 'clients', 'visits']);
    expect(columnsOf(f!)).toEqual(
      [
        'read:bookings.client_id',
        'read:bookings.starts_at',
        'read:clients.id',
        'read:clients.id',
        'read:clients.name',
        'read:visits.client_id',
        'read:?.client_id*',
        'read:?.client_id*',
        'read:?.total*',
        'read:clients.g*',
      ].sort(),
    );
  });

  it('counts values of INSERT without a column list, and DEFAULT VALUES as no columns', () => {
    expect(facts('INSERT INTO t VALUES (1, 2, 3)')[0]).toMatchObject({ insertColumns: null, insertValueCount: 3 });
    expect(facts('INSERT INTO t DEFAULT VALUES')[0]).toMatchObject({ insertColumns: [], insertValueCount: null });
    expect(facts('INSERT INTO t SELECT * FROM u')[0]).toMatchObject({ insertColumns: null, insertValueCount: null });
  });

  it('reports data-modifying CTEs as statements of their own', () => {
    const all = facts('WITH moved AS (DELETE FROM queue WHERE id = $1 RETURNING payload) INSERT INTO archive (payload) SELECT payload FROM moved');
    expect(all.map((f) => `${f.command} ${f.target?.name}`)).toEqual(['insert archive', 'delete queue']);
  });

  it('binds UPDATE assignments and same-type comparisons, not ANY()', () => {
    const [f] = facts('UPDATE clients SET (name, data) = ($1, $2), tags = $3 WHERE id = $4 AND tags = ANY($5) AND data @> $6');
    expect(f!.bindings.map((b) => `${b.column}=$${b.param}`).sort()).toEqual(['data=$2', 'data=$6', 'id=$4', 'name=$1', 'tags=$3']);
    expect(f!.operators.map((o) => `${o.column} ${o.operator}`)).toContain('data @>');
  });

  it('records tables a statement creates', () => {
    expect(facts('CREATE TEMP TABLE import_rows (email text)')[0]!.createsTables).toEqual([{ schema: null, name: 'import_rows' }]);
    expect(facts('SELECT 1 INTO TEMP tmp_x')[0]!.createsTables).toEqual([{ schema: null, name: 'tmp_x' }]);
  });
});

describe('predicate implication', () => {
  it('proves what PostgreSQL proves, and says unknown beyond it', () => {
    expect(predicateImplied('(deleted_at IS NULL)', 'deleted_at IS NULL AND company_id > 0').verdict).toBe('implied');
    expect(predicateImplied('(email IS NOT NULL)', "email = 'x'").verdict).toBe('implied');
    expect(predicateImplied("(status = 'active'::text)", "status = 'active'").verdict).toBe('implied');
    expect(predicateImplied('(deleted_at IS NULL)', null)).toEqual({ verdict: 'not-implied', reason: 'no-where' });
    expect(predicateImplied('(deleted_at IS NULL)', 'company_id = 1')).toEqual({ verdict: 'not-implied', reason: 'unrelated' });
    expect(predicateImplied("(status = 'active'::text)", 'status = $1')).toEqual({ verdict: 'not-implied', reason: 'parameter' });
    expect(predicateImplied('(amount > 0)', 'amount > 5').verdict).toBe('unknown');
  });

  it('compares expressions modulo casts, parentheses and qualifiers', () => {
    expect(canonicalExpression('lower((email)::text)')).toBe(canonicalExpression('lower(c.email)'));
    expect(canonicalExpression('lower(email)')).not.toBe(canonicalExpression('upper(email)'));
  });
});
