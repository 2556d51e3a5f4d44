import { describe, expect, it } from 'vitest';
import extractor from '../../../src/scan/extract/knex.js';
import { extractFrom, onlyFacts, uses } from './snippets.js';

const db = `import knex from 'knex';\nconst db = knex({ client: 'pg' });\n`;

describe('knex query-builder extractor', () => {
  it('reads insert rows and onConflict(…).merge() / .ignore() targets', () => {
    const merge = onlyFacts(extractFrom(extractor, { 'main.ts': `${db}db('clients').insert([{ a: 1, b: 2 }]).onConflict(['a', 'b']).merge(['c']);` }));
    expect(merge.command).toBe('insert');
    expect(merge.insertColumns).toEqual(['a', 'b']);
    expect(merge.onConflict).toEqual({ target: { kind: 'inference', elements: [{ column: 'a' }, { column: 'b' }], where: null }, action: 'update' });
    expect(uses(merge)).toEqual(['a@clients:write', 'b@clients:write', 'c@clients:write']);
    const ignore = onlyFacts(extractFrom(extractor, { 'main.ts': `${db}db.insert({ a: 1 }).into('clients').onConflict().ignore();` }));
    expect(ignore.onConflict).toEqual({ target: null, action: 'nothing' });
  });

  it('parses a raw conflict target with expressions and an index predicate', () => {
    const facts = onlyFacts(extractFrom(extractor, { 'main.ts': `${db}db('users').insert({ email: 'x' }).onConflict(db.raw('(tenant_id, lower(email)) where deleted_at is null')).ignore();` }));
    expect(facts.onConflict?.target).toEqual({ kind: 'inference', elements: [{ column: 'tenant_id' }, { expression: 'lower(email)' }], where: 'deleted_at is null' });
  });

  it('resolves aliases, joins, withSchema and where shapes to columns', () => {
    const facts = onlyFacts(
      extractFrom(extractor, {
        'main.ts': `${db}db.withSchema('crm').select('c.name', 'o.total as sum').from('clients as c').leftJoin('orders as o', 'o.client_id', 'c.id').where({ 'c.active': true }).where('status', 'new').whereIn('c.id', [1]).orderBy('c.name');`,
      }),
    );
    expect(facts.command).toBe('select');
    expect(facts.tables).toEqual([
      { schema: 'crm', name: 'clients', alias: 'c' },
      { schema: null, name: 'orders', alias: 'o' },
    ]);
    expect(uses(facts)).toEqual(['active@crm.clients:read', 'client_id@orders:read', 'id@crm.clients:read', 'name@crm.clients:read', 'status@crm.clients|orders:read', 'total@orders:read']);
  });

  it('knows transactions and typed instances, and records array values for jsonb checks', () => {
    const files = {
      'db.ts': `import knex from 'knex';\nexport const db = knex({ client: 'pg' });`,
      'main.ts': `import type { Knex } from 'knex';\nimport { db } from './db';\nexport async function a(trx: Knex.Transaction) { await trx('t').update({ tags: ['x'], meta: { a: 1 } }).where({ id: 1 }); }\nexport async function b() { await db.transaction(async (tx) => tx('t').del().where('id', 1)); }`,
    };
    const statements = extractFrom(extractor, files);
    expect(statements.map((s) => (s.kind === 'builder' ? s.facts.command : s.kind))).toEqual(['update', 'delete']);
    const update = statements[0]!.kind === 'builder' ? statements[0].facts : null;
    expect(update?.bindings.map((b) => `${b.column}:${b.valueKind}`)).toEqual(['tags:array', 'meta:object', 'id:scalar']);
    expect(statements[0]!.arrayEncoding).toBe('array-literal');
  });

  it('counts a table name known only at run time as not checked', () => {
    const [statement] = extractFrom(extractor, { 'main.ts': `${db}export function f(t: string) { return db(t).insert({ a: 1 }); }` });
    expect(statement).toMatchObject({ kind: 'unresolved', reason: 'table name computed at run time' });
  });

  it('ignores look-alikes: other objects’ from(), other libraries, plain functions', () => {
    const statements = extractFrom(extractor, {
      'main.ts': `import { createClient } from '@supabase/supabase-js';\nconst supabase = createClient('u', 'k');\nconst registry = { from: (n: string) => ({ select: (c: string) => [n, c] }) };\nsupabase.from('clients').select('id');\nregistry.from('ghosts').select('nope');\nArray.from('abc');\nexpect('x').toBe('x');\nfunction expect(v: string) { return { toBe: (w: string) => v === w }; }`,
    });
    expect(statements).toEqual([]);
  });

  it('takes no plain function call followed by .then() for the callable form', () => {
    // measured on kutt: a bundled front-end library's `request('get', url, options).then(…)` became a SELECT from "get"
    const plain = [
      `function request(verb, url, options) { return fetch(url, { method: verb, ...options }); }`,
      `request('get', '/links', {}).then(function () { return 1; });`,
      `request('links').then(function () { return 1; });`,
    ].join('\n');
    expect(extractFrom(extractor, { 'main.js': plain }, 'main.js', ['knex'])).toEqual([]);
    // an untyped knex instance in the callable form is still read
    const handler = `function handle(db) { return db('links').where('id', 1).first().then(function () { return 1; }); }`;
    const facts = onlyFacts(extractFrom(extractor, { 'main.js': handler }, 'main.js', ['knex']));
    expect(facts.tables).toEqual([{ schema: null, name: 'links', alias: null }]);
  });
});
