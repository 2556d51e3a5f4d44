import { describe, expect, it } from 'vitest';
import { attachUsages, type CodeUsage } from '../../src/findings/attach-usages.js';
import type { Finding } from '../../src/findings/finding.js';

const dropped: Finding = {
  rule: 'column-missing',
  severity: 'warning',
  category: 'schema',
  object: { kind: 'column', schema: 'public', table: 'clients', name: 'ai_context' },
  message: 'public.clients.ai_context exists in source but not in target',
};
const uniqueGone: Finding = {
  rule: 'unique-missing',
  severity: 'error',
  category: 'schema',
  object: { kind: 'constraint', schema: 'public', table: 'clients', name: 'clients_yclients_id_company_id_key' },
  message: 'unique (yclients_id, company_id) missing',
};

const at = (file: string, line: number, column = 1) => ({ file, line, column });
const usages: CodeUsage[] = [
  { schema: 'public', table: 'clients', column: 'ai_context', location: at('src/b.ts', 9) },
  { schema: 'public', table: 'clients', column: 'ai_context', location: at('src/a.ts', 3) },
  { schema: 'public', table: 'clients', column: 'ai_context', location: at('src/a.ts', 3) },
  { schema: 'public', table: 'clients', column: null, location: at('src/c.ts', 1) },
  { schema: 'public', table: 'services', column: 'ai_context', location: at('src/d.ts', 1) },
];

describe('attachUsages', () => {
  it('makes a dropped column that code uses an error with the count and the locations, sorted', () => {
    const [result] = attachUsages([dropped], usages);
    expect(result!.severity).toBe('error');
    expect(result!.message).toBe('public.clients.ai_context exists in source but not in target; used in 2 places across 2 files');
    expect(result!.locations).toEqual([at('src/a.ts', 3), at('src/b.ts', 9)]);
  });

  it('gives table-level objects every location that uses the table, without changing severity', () => {
    const [result] = attachUsages([uniqueGone], usages);
    expect(result!.severity).toBe('error');
    expect(result!.message).toBe(uniqueGone.message);
    expect(result!.locations).toEqual([at('src/a.ts', 3), at('src/b.ts', 9), at('src/c.ts', 1)]);
  });

  it('leaves unused objects and code findings alone', () => {
    const unused = { ...dropped, object: { ...dropped.object, name: 'declensions' } };
    const code: Finding = { ...dropped, category: 'code' };
    expect(attachUsages([unused, code], usages)).toEqual([unused, code]);
  });

  it('links a dropped function to the code that calls it by name (supabase-js rpc), not to a table of that name', () => {
    const functionGone: Finding = {
      rule: 'function-missing',
      severity: 'error',
      category: 'schema',
      object: { kind: 'function', schema: 'public', name: 'client_stats(p_company bigint)' },
      message: 'function public.client_stats(p_company bigint) exists in source but not in target: calls to it fail',
    };
    const calls: CodeUsage[] = [
      ...usages,
      { schema: 'public', table: 'client_stats', column: null, function: true, location: at('src/e.ts', 4) },
      // a table named like the function, and a function of another schema: not its callers
      { schema: 'public', table: 'client_stats', column: null, location: at('src/f.ts', 2) },
      { schema: 'reports', table: 'client_stats', column: null, function: true, location: at('src/g.ts', 7) },
      // a function whose name starts the same: not it
      { schema: 'public', table: 'client', column: null, function: true, location: at('src/h.ts', 1) },
    ];
    const [result] = attachUsages([functionGone], calls);
    expect(result!.message).toBe(`${functionGone.message}; used in 1 place across 1 file`);
    expect(result!.locations).toEqual([at('src/e.ts', 4)]);
    const table: Finding = { ...dropped, rule: 'table-missing', object: { kind: 'table', schema: 'public', name: 'client_stats' } };
    expect(attachUsages([table], calls)[0]!.locations).toEqual([at('src/f.ts', 2)]);
  });
});
