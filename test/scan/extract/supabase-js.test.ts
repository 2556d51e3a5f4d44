import { describe, expect, it } from 'vitest';
import extractor from '../../../src/scan/extract/supabase-js.js';
import { logicFilterColumns, parseSelect } from '../../../src/scan/extract/builders/postgrest-select.js';
import { extractFrom, onlyFacts, uses } from './snippets.js';

const client = `import { createClient } from '@supabase/supabase-js';\nconst supabase = createClient('u', 'k');\n`;

describe('supabase-js extractor', () => {
  it('turns upsert({ onConflict }) into the ON CONFLICT PostgREST generates', () => {
    const facts = onlyFacts(
      extractFrom(extractor, { 'main.ts': `${client}await supabase.from('clients').upsert([{ yclients_id: 1, company_id: 2 }, { yclients_id: 3, company_id: 4, name: 'x' }], { onConflict: 'yclients_id, company_id' });` }),
    );
    expect(facts.command).toBe('insert');
    expect(facts.target).toEqual({ schema: null, name: 'clients', alias: null });
    expect(facts.onConflict).toEqual({ target: { kind: 'inference', elements: [{ column: 'yclients_id' }, { column: 'company_id' }], where: null }, action: 'update' });
    expect(facts.insertColumns).toEqual(['yclients_id', 'company_id', 'name']);
  });

  it('targets the primary key without onConflict, and does nothing with ignoreDuplicates', () => {
    const implicit = onlyFacts(extractFrom(extractor, { 'main.ts': `${client}supabase.from('t').upsert({ id: 1 });` }));
    expect(implicit.onConflict).toEqual({ target: null, action: 'update', implicitTarget: 'primary-key' });
    const ignore = onlyFacts(extractFrom(extractor, { 'main.ts': `${client}supabase.from('t').upsert({ id: 1 }, { onConflict: 'code', ignoreDuplicates: true });` }));
    expect(ignore.onConflict?.action).toBe('nothing');
  });

  it('reads columns, aliases, casts, JSON paths and embedded relations from select strings and filters', () => {
    const facts = onlyFacts(
      extractFrom(extractor, {
        'main.ts': `${client}supabase.from('clients').select('id, full:name, phone::text, data->>kind, company:companies(title), bookings!inner(starts_at)').eq('bookings.status', 'new').or('email.is.null').order('starts_at', { referencedTable: 'bookings' });`,
      }),
    );
    expect(facts.command).toBe('select');
    expect(facts.tables).toEqual([
      { schema: null, name: 'clients', alias: null },
      { schema: null, name: 'companies', alias: 'company', embeddedIn: { schema: null, name: 'clients' } },
      { schema: null, name: 'bookings', alias: null, embeddedIn: { schema: null, name: 'clients' } },
    ]);
    expect(uses(facts)).toEqual(['data@clients:read', 'email@clients:read', 'id@clients:read', 'name@clients:read', 'phone@clients:read', 'starts_at@bookings:read', 'status@bookings:read', 'title@companies:read']);
  });

  it('records what each written value is, with a type site when neither syntax nor the types the file declares can tell', () => {
    const facts = onlyFacts(
      extractFrom(extractor, {
        'main.ts': `${client}import type { Meta } from './meta';\nexport function f(tags: string[], meta: Meta) { return supabase.from('t').update({ a: ['x'], b: { k: 1 }, c: 'text', tags, meta }).eq('id', 1); }`,
      }),
    );
    expect(facts.bindings.map((b) => [b.column, b.valueKind, b.typeSite === undefined])).toEqual([
      ['a', 'array', true],
      ['b', 'object', true],
      ['c', 'scalar', true],
      ['tags', 'array', true],
      ['meta', 'unknown', false],
    ]);
  });

  it('follows clients across files: helpers returning createServerClient, typed parameters, schema options', () => {
    const files = {
      'lib/server.ts': `import { createServerClient } from '@supabase/ssr';\nexport async function makeClient() { return createServerClient('u', 'k', { cookies: {} }); }`,
      'lib/app.ts': `import { createClient } from '@supabase/supabase-js';\nexport const app = createClient('u', 'k', { db: { schema: 'app' } });`,
      'main.ts': `import type { SupabaseClient } from '@supabase/supabase-js';\nimport { makeClient } from './lib/server';\nimport { app } from './lib/app';\nexport async function a() { const s = await makeClient(); return s.from('one').select('id'); }\nexport function b(db: SupabaseClient) { return db.schema('crm').from('two').delete().eq('id', 1); }\nexport function c() { return app.from('three').select('*'); }`,
    };
    const statements = extractFrom(extractor, files);
    expect(statements.map((s) => (s.kind === 'builder' ? `${s.facts.command} ${s.facts.tables[0]!.schema}.${s.facts.tables[0]!.name}` : s.kind))).toEqual(['select null.one', 'delete crm.two', 'select app.three']);
  });

  it('reads upsert options declared as a const of the file', () => {
    const facts = onlyFacts(extractFrom(extractor, { 'main.ts': `${client}const byCrmId = { onConflict: 'yclients_id' };\nsupabase.from('clients').upsert({ yclients_id: 1 }, byCrmId);` }));
    expect(facts.onConflict?.target).toEqual({ kind: 'inference', elements: [{ column: 'yclients_id' }], where: null });
  });

  it('counts a table name known only at run time as not checked', () => {
    const [statement] = extractFrom(extractor, { 'main.ts': `${client}export function f(t: string) { return supabase.from(t).select('*'); }` });
    expect(statement).toMatchObject({ kind: 'unresolved', reason: 'table name computed at run time' });
  });

  it('ignores from() on anything but a supabase client, and onConflict options given to other functions', () => {
    const statements = extractFrom(extractor, {
      'main.ts': `import { from } from 'rxjs';\nimport { createClient } from '@supabase/supabase-js';\nimport knex from 'knex';\nconst db = knex({});\nconst store = { from: (n: string) => ({ upsert: (r: object, o: object) => [n, r, o] }) };\nArray.from('abc');\nfrom([1]).pipe();\ndb.from('clients').select('id');\nconst supabase = createClient('u', 'k');\nsupabase.storage.from('avatars').upload('a.png', new Blob());\nsupabase.storage.from('avatars').remove(['a.png']);\nstore.from('t').upsert({}, { onConflict: 'a,b' });\nsave({ onConflict: 'a,b' });\nfunction save(o: object) { return o; }`,
    });
    expect(statements).toEqual([]);
  });
});

describe('PostgREST select and logic-filter strings', () => {
  it('parses spreads, hints, aggregates and quoted names', () => {
    expect(parseSelect('"My Col", ...owner!fk_owner(name), amount.sum(), count(), x:rel(*)')).toEqual([
      { kind: 'column', name: 'My Col' },
      { kind: 'embed', relation: 'owner', alias: null, items: [{ kind: 'column', name: 'name' }] },
      { kind: 'column', name: 'amount' },
      { kind: 'aggregate' },
      { kind: 'embed', relation: 'rel', alias: 'x', items: [{ kind: 'star' }] },
    ]);
  });

  it('finds the columns of nested and/or conditions', () => {
    expect(logicFilterColumns('status.eq.new,and(starts_at.gt.now,data->>kind.neq.x),not.or(a.is.null,b.eq.1)')).toEqual(['status', 'starts_at', 'data', 'a', 'b']);
  });
});
