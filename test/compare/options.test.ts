// CompareOptions: schema scope, excluded roles, per-rule severity or off, ignore patterns, and the
// not-compared ledger that says what a run left out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compare } from '../../src/compare/index.js';
import { UsageError } from '../../src/errors.js';
import type { Snapshot } from '../../src/snapshot/types.js';
import { openFixtureDatabase, type FixtureDatabase } from './fixture-db.js';

const SOURCE = `
CREATE ROLE app_user;
CREATE ROLE platform_admin;
CREATE SCHEMA billing;
CREATE TABLE billing.invoices (id bigint PRIMARY KEY, total numeric(10,2) NOT NULL);
CREATE TABLE clients (id bigint PRIMARY KEY, name text NOT NULL, ai_context jsonb, phone text);
ALTER TABLE clients ENABLE ROW LEVEL SECURITY;
CREATE POLICY clients_app ON clients TO app_user, platform_admin USING (true);
GRANT SELECT ON clients TO app_user, platform_admin;`;
const TARGET = `
CREATE ROLE app_user;
CREATE ROLE platform_admin;
CREATE TABLE clients (id bigint PRIMARY KEY, name text NOT NULL);
ALTER TABLE clients ENABLE ROW LEVEL SECURITY;
CREATE POLICY clients_app ON clients TO app_user USING (true);
GRANT SELECT ON clients TO app_user;`;

let db: FixtureDatabase;
let source: Snapshot;
let target: Snapshot;
beforeAll(async () => {
  db = await openFixtureDatabase();
  source = await db.snapshot(SOURCE);
  target = await db.snapshot(TARGET);
}, 600_000);
afterAll(async () => {
  await db?.close();
});

const summary = (findings: { rule: string; severity: string; object: { schema?: string; table?: string; name: string } }[]) =>
  findings.map((f) => `${f.severity} ${f.rule} ${[f.object.schema, f.object.table, f.object.name].filter(Boolean).join('.')}`);

describe('compare options', () => {
  it('reports everything by default, sorted errors first', () => {
    expect(summary(compare(source, target).findings)).toEqual([
      'error table-missing billing.invoices',
      'error column-missing public.clients.ai_context',
      'error column-missing public.clients.phone',
      'error grant-missing public.clients.platform_admin',
      'warning schema-missing billing',
      'warning policy-changed public.clients.clients_app',
    ]);
  });

  it('leaves out schemas, and says so', () => {
    const result = compare(source, target, { excludeSchemas: ['billing'] });
    expect(summary(result.findings).some((l) => l.includes('billing'))).toBe(false);
    expect(result.notCompared).toContainEqual(expect.objectContaining({ kind: 'schema', object: 'billing' }));
    expect(summary(compare(source, target, { schemas: ['billing'] }).findings)).toEqual([
      'error table-missing billing.invoices',
      'warning schema-missing billing',
    ]);
  });

  it('ignores excluded roles in grants and policy role lists, but keeps the policies', () => {
    const lines = summary(compare(source, target, { excludeRoles: ['platform_admin'] }).findings);
    expect(lines).not.toContain('error grant-missing public.clients.platform_admin');
    expect(lines).not.toContain('warning policy-changed public.clients.clients_app');
    const withoutPolicies = { ...target, tables: target.tables.map((t) => ({ ...t, policies: [] })) };
    const lines2 = summary(compare(source, withoutPolicies, { excludeRoles: ['platform_admin'] }).findings);
    expect(lines2).toContain('error policy-missing public.clients.clients_app');
  });

  it('sets a rule\'s severity or turns it off, and lists what is off', () => {
    const result = compare(source, target, { rules: { 'column-missing': 'info', 'table-missing': 'off' } });
    const lines = summary(result.findings);
    expect(lines).toContain('info column-missing public.clients.ai_context');
    expect(lines.some((l) => l.includes('table-missing'))).toBe(false);
    expect(result.notCompared).toContainEqual({ kind: 'rule', object: 'table-missing', reason: 'turned off by configuration' });
  });

  it('rejects rule ids it does not know instead of ignoring a typo', () => {
    expect(() => compare(source, target, { rules: { 'colum-missing': 'off' } })).toThrow(UsageError);
  });

  it('drops findings matching an ignore entry: an exact path, a parent, or a glob', () => {
    const lines = (ignore: { rule: string; object: string }[]) => summary(compare(source, target, { ignore }).findings);
    expect(lines([{ rule: 'column-missing', object: 'public.clients.ai_context' }])).not.toContain('error column-missing public.clients.ai_context');
    expect(lines([{ rule: 'column-missing', object: 'public.clients.ai_context' }])).toContain('error column-missing public.clients.phone');
    expect(lines([{ rule: 'column-missing', object: 'public.clients' }]).filter((l) => l.includes('column-missing'))).toEqual([]);
    expect(lines([{ rule: '*', object: 'billing*' }]).filter((l) => l.includes('billing'))).toEqual([]);
  });

  it('always lists what the snapshot does not hold', () => {
    const kinds = compare(source, source).notCompared.map((n) => n.kind);
    expect(kinds).toEqual(expect.arrayContaining(['owner', 'column-order', 'privilege', 'other']));
  });

  it('compares an extension in a left-out schema only when compared objects use it', async () => {
    const platform = 'CREATE SCHEMA extensions;\nCREATE EXTENSION pgcrypto WITH SCHEMA extensions;\n';
    const plain = 'CREATE TABLE tokens (id bigint PRIMARY KEY, secret bytea NOT NULL);';
    const used = 'CREATE TABLE tokens (id bigint PRIMARY KEY, secret bytea NOT NULL DEFAULT extensions.gen_random_bytes(32));';
    const bare = await db.snapshot('CREATE SCHEMA extensions;\n' + plain);
    const options = { excludeSchemas: ['extensions'] };
    const rules = (source: Snapshot) => compare(source, bare, options).findings.map((f) => `${f.severity} ${f.rule}`);
    expect(rules(await db.snapshot(platform + plain))).toEqual([]);
    expect(rules(await db.snapshot(platform + used))).toContain('error extension-missing');
    expect(summary(compare(await db.snapshot(platform + plain), bare).findings)).toContain('warning extension-missing pgcrypto');
  });
});
