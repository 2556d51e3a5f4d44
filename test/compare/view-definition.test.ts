import { describe, expect, it } from 'vitest';
import { normalizeViewDefinition } from '../../src/compare/view-definition.js';

// pg_get_viewdef() output of the same views on PostgreSQL 14/15 (qualified) and 16+ (not)
describe('normalizeViewDefinition', () => {
  it('drops the qualifier 14 and 15 put on columns of a single-relation view', () => {
    const pg14 = ' SELECT orders.id,\n    sum(orders.line_total) AS total\n   FROM app.orders\n  WHERE orders.deleted_at IS NULL\n  GROUP BY orders.id;';
    const pg16 = ' SELECT id,\n    sum(line_total) AS total\n   FROM app.orders\n  WHERE deleted_at IS NULL\n  GROUP BY id;';
    expect(normalizeViewDefinition(pg14)).toBe(normalizeViewDefinition(pg16));
  });

  it('handles an alias', () => {
    expect(normalizeViewDefinition(' SELECT c.id\n   FROM public.clients c;')).toBe(normalizeViewDefinition(' SELECT id\n   FROM public.clients c;'));
  });

  it('leaves joins alone: there the qualifier is meaning', () => {
    const joined = ' SELECT a.id, b.id AS other\n   FROM public.a\n     JOIN public.b ON a.id = b.a_id;';
    expect(normalizeViewDefinition(joined)).toContain('a.id');
    expect(normalizeViewDefinition(joined)).not.toBe(normalizeViewDefinition(' SELECT id, b.id AS other\n   FROM public.a\n     JOIN public.b ON id = b.a_id;'));
  });

  it('never touches string literals', () => {
    expect(normalizeViewDefinition(" SELECT orders.id\n   FROM app.orders\n  WHERE orders.note <> 'orders.x';")).toContain("'orders.x'");
  });

  it('still sees a real difference', () => {
    expect(normalizeViewDefinition(' SELECT id\n   FROM app.orders;')).not.toBe(normalizeViewDefinition(' SELECT id\n   FROM app.invoices;'));
  });
});
