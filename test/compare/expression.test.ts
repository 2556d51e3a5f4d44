import { describe, expect, it } from 'vitest';
import { normalizeDefault, normalizeExpression } from '../../src/compare/expression.js';
import { normalizeLayout } from '../../src/compare/sql-text.js';

describe('normalizeExpression: spellings PostgreSQL prints for one meaning compare equal', () => {
  it.each([
    ['now()', 'CURRENT_TIMESTAMP'],
    ['now()', 'transaction_timestamp()'],
    ['now()', 'pg_catalog.now()'],
    ["'x'::text", "'x'::character varying"],
    ["'active'::character varying", "'active'::text"],
    ["'{}'::jsonb", "'{}'::json"],
    ['(h > (0)::numeric)', 'h > 0'],
    ['((price > (0)::numeric))', '(price > 0)'],
    ["(status = ANY (ARRAY['a'::text, 'b'::text]))", "((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))"],
    ['lower((email)::text)', 'lower(email)'],
    ['(deleted_at IS NULL)', 'deleted_at IS NULL'],
    ['  a  +\n  b ', 'a + b'],
    ["NULL::text", 'NULL'],
  ])('%s = %s', (a, b) => {
    expect(normalizeExpression(a)).toBe(normalizeExpression(b));
  });

  it.each([
    ['now()', 'statement_timestamp()'],
    ["'x'", "'X'"],
    ["'a  b'", "'a b'"],
    ['lower(email)', 'upper(email)'],
    ['(a + b) * c', 'a + b * c'],
    ['created_at::date', 'created_at'],
    ['x1 > 0', 'x > 0'],
    ['"Name" = 1', 'name = 1'],
  ])('%s ≠ %s', (a, b) => {
    expect(normalizeExpression(a)).not.toBe(normalizeExpression(b));
  });

  it('keeps literals and quoted identifiers byte for byte', () => {
    expect(normalizeExpression(`("Weird  Col" = 'a  ''b'' ::text')`)).toBe(`"Weird  Col" = 'a  ''b'' ::text'`);
  });
});

describe('normalizeDefault', () => {
  const context = { schema: 'public', ownedSequence: 'public.clients_id_seq' };
  it('treats the column\'s own sequence as one value, however it is named or qualified', () => {
    const own = normalizeDefault("nextval('public.clients_id_seq'::regclass)", context);
    expect(normalizeDefault("nextval('clients_id_seq'::regclass)", context)).toBe(own);
    expect(normalizeDefault("nextval('clients_id_seq1'::regclass)", { ...context, ownedSequence: 'public.clients_id_seq1' })).toBe(own);
  });
  it('keeps a shared sequence distinct from the column\'s own', () => {
    expect(normalizeDefault("nextval('global_seq'::regclass)", context)).not.toBe(normalizeDefault("nextval('clients_id_seq'::regclass)", context));
    expect(normalizeDefault("nextval('global_seq'::regclass)", context)).toBe(normalizeDefault("nextval('public.global_seq')", context));
  });
});

describe('normalizeLayout', () => {
  it('drops comments and layout outside literals only', () => {
    expect(normalizeLayout("BEGIN\n  -- set it\n  NEW.x := 'a  b'; /* done */\nEND;")).toBe("BEGIN NEW.x := 'a  b'; END;");
    expect(normalizeLayout('SELECT $$ keep  -- this $$')).toBe('SELECT $$ keep  -- this $$');
  });
});

describe('normalizeExpression: values computed at write time', () => {
  it.each([
    ["('now'::text)::date", 'CURRENT_DATE'],
    ["'now'::timestamp with time zone", 'now()'],
    ["('now'::text)::timestamp without time zone", 'LOCALTIMESTAMP'],
  ])('%s = %s', (a, b) => {
    expect(normalizeExpression(a)).toBe(normalizeExpression(b));
  });
  it('keeps a fixed date apart from the current one', () => {
    expect(normalizeExpression("'2024-01-01'::date")).not.toBe(normalizeExpression('CURRENT_DATE'));
  });
});
