import { describe, expect, it } from 'vitest';
import extractor from '../../../src/scan/extract/kysely.js';
import type { OnConflictFacts } from '../../../src/scan/facts.js';
import { extractFrom, onlyFacts, uses } from './snippets.js';

const db = `import { Kysely, sql } from 'kysely';\nconst db = new Kysely<any>({} as any);\n`;
const conflict = (callback: string): OnConflictFacts | null =>
  onlyFacts(extractFrom(extractor, { 'main.ts': `${db}db.insertInto('users').values({ email: 'x' }).onConflict(${callback}).execute();` })).onConflict;

describe('Kysely extractor', () => {
  it('reads every onConflict target form', () => {
    expect(conflict(`(oc) => oc.columns(['a', 'b']).doNothing()`)).toEqual({ target: { kind: 'inference', elements: [{ column: 'a' }, { column: 'b' }], where: null }, action: 'nothing' });
    expect(conflict(`(oc) => oc.column('a').column('b').doUpdateSet({ c: 1 })`)?.target).toEqual({ kind: 'inference', elements: [{ column: 'a' }, { column: 'b' }], where: null });
    expect(conflict(`(oc) => oc.constraint('users_email_key').doNothing()`)?.target).toEqual({ kind: 'constraint', name: 'users_email_key' });
    expect(conflict('(oc) => oc.expression(sql`lower(email)`).doNothing()')?.target).toEqual({ kind: 'inference', elements: [{ expression: 'lower(email)' }], where: null });
    expect(conflict(`(oc) => oc.doNothing()`)).toEqual({ target: null, action: 'nothing' });
  });

  it('keeps the index predicate as Kysely sends it: null inline after `is`, other values as parameters', () => {
    expect(conflict(`(oc) => oc.column('email').where('deleted_at', 'is', null).doNothing()`)?.target).toMatchObject({ where: 'deleted_at is null' });
    expect(conflict(`(oc) => oc.column('email').where('status', '=', 'active').doNothing()`)?.target).toMatchObject({ where: 'status = $1' });
    // a where after doUpdateSet is the DO UPDATE condition, not the index predicate
    expect(conflict(`(oc) => oc.column('email').doUpdateSet({ name: 'x' }).where('users.name', 'is', null)`)?.target).toMatchObject({ where: null });
  });

  it('resolves aliases and joins, leaves CTE names out of the tables', () => {
    const statements = extractFrom(extractor, {
      'main.ts': `${db}db.with('recent', (qb) => qb.selectFrom('users').select('id')).selectFrom('users as u').innerJoin('recent as r', 'r.id', 'u.id').innerJoin('accounts as a', 'a.id', 'u.account_id').select(['u.email', 'a.slug']).where('u.id', '=', 1).execute();`,
    });
    // the CTE's own query is a statement too
    expect(statements).toHaveLength(2);
    const facts = onlyFacts(statements.slice(0, 1));
    expect(facts.tables).toEqual([
      { schema: null, name: 'users', alias: 'u' },
      { schema: null, name: 'accounts', alias: 'a' },
    ]);
    // `r.id` names the CTE: no relation to check it against
    expect(uses(facts)).toEqual(['account_id@users:read', 'email@users:read', 'id@:read', 'id@accounts:read', 'id@users:read', 'slug@accounts:read']);
  });

  it('reads values, set, withSchema and transactions', () => {
    const statements = extractFrom(extractor, {
      'main.ts': `${db}export async function f(roles: string[]) {\n  await db.transaction().execute(async (trx) => trx.updateTable('users').set({ roles, meta: {} }).where('id', '=', 1).execute());\n  await db.withSchema('audit').insertInto('events').values([{ kind: 'a' }, { kind: 'b', payload: {} }]).execute();\n}`,
    });
    const [update, insert] = statements.map((s) => (s.kind === 'builder' ? s.facts : null));
    expect(update?.bindings.map((b) => `${b.column}:${b.valueKind}`)).toEqual(['roles:array', 'meta:object', 'id:scalar']);
    expect(insert?.target).toEqual({ schema: 'audit', name: 'events', alias: null });
    expect(insert?.insertColumns).toEqual(['kind', 'payload']);
  });

  it('counts a table name known only at run time as not checked, and ignores other libraries', () => {
    const [statement] = extractFrom(extractor, { 'main.ts': `${db}export function f(t: string) { return db.selectFrom(t as 'users').selectAll(); }` });
    expect(statement).toMatchObject({ kind: 'unresolved' });
    expect(extractFrom(extractor, { 'main.ts': `import { runner } from 'other-lib';\nrunner.selectFrom('ghosts').select('x');` })).toEqual([]);
  });
});
