// The bundled example: a hosted, Supabase-style salon schema (source) and the hand-written self-hosted
// "clean version" of it (target). Every difference planted in fixtures/salon/target.sql must be reported
// with the right rule and severity, and nothing else: the cosmetic differences planted alongside
// (CURRENT_TIMESTAMP for now(), '{}'::jsonb for '{}', CREATE OR REPLACE and another layout for the same
// function and trigger) must not be.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compare, type CompareOptions } from '../../src/compare/index.js';
import type { Finding } from '../../src/findings/finding.js';
import type { Snapshot } from '../../src/snapshot/types.js';
import { openFixtureDatabase, type FixtureDatabase } from './fixture-db.js';

const DIR = join(import.meta.dirname, '../../fixtures/salon');
// what --preset supabase leaves out that this example touches: the platform's auth schema and API roles
const SUPABASE_LIKE: CompareOptions = { excludeSchemas: ['auth'], excludeRoles: ['anon', 'authenticated', 'service_role'] };

let db: FixtureDatabase;
let source: Snapshot;
let target: Snapshot;
beforeAll(async () => {
  db = await openFixtureDatabase();
  source = await db.snapshot(readFileSync(join(DIR, 'source.sql'), 'utf8'));
  target = await db.snapshot(readFileSync(join(DIR, 'target.sql'), 'utf8'));
}, 600_000);
afterAll(async () => {
  await db?.close();
});

const line = (f: Finding) => `${f.severity} ${f.rule} ${[f.object.table, f.object.name].filter(Boolean).join('.')}`;
const SYNCED = ['bookings', 'clients', 'services', 'staff'];
const ALL_TABLES = ['bookings', 'clients', 'companies', 'dialog_contexts', 'services', 'staff', 'staff_schedules'];

const PLANTED = [
  // the ON CONFLICT incident: (yclients_id, company_id) became (yclients_id)
  ...SYNCED.map((t) => `error unique-missing ${t}.${t}_yclients_id_company_id_key`),
  ...SYNCED.map((t) => `warning unique-extra ${t}.${t}_yclients_id_key`),
  // the AI columns left out
  'error column-missing clients.ai_context',
  'error column-missing clients.visit_history',
  'error column-missing clients.declensions',
  'error column-missing services.declensions',
  'error column-missing staff.declensions',
  // a JSONB column as TEXT, a shortened name, a time zone dropped, a forgotten enum label
  'error json-type-changed clients.preferences',
  'error column-type-changed clients.name',
  'warning column-type-changed clients.last_visit_at',
  'error enum-value-missing booking_status',
  // row-level security not carried over
  ...ALL_TABLES.map((t) => `error rls-disabled ${t}.${t}`),
  ...ALL_TABLES.map((t) => `warning policy-missing ${t}.${t}_owner`),
  // constraints that got simpler
  'warning check-constraint-missing services.services_check',
  'warning foreign-key-changed bookings.bookings_client_id_fkey',
  // harmless but real
  'info index-missing clients.clients_preferences_idx',
  'info index-renamed clients.clients_company_phone_idx',
  'info index-renamed bookings.bookings_company_starts_idx',
  'info identity-changed companies.id',
  'info constraint-renamed staff_schedules.staff_schedules_staff_id_date_key',
];

describe('fixtures/salon', () => {
  it('reports every planted difference at its severity, and nothing else', () => {
    const findings = compare(source, target, SUPABASE_LIKE).findings;
    expect(findings.map(line).sort()).toEqual([...PLANTED].sort());
  });

  it('explains the ON CONFLICT incident and suggests the constraint that fixes it', () => {
    const finding = compare(source, target, SUPABASE_LIKE).findings.find(
      (f) => f.rule === 'unique-missing' && f.object.table === 'clients',
    );
    expect(finding).toMatchObject({
      severity: 'error',
      object: { kind: 'constraint', schema: 'public', table: 'clients', name: 'clients_yclients_id_company_id_key' },
      message: expect.stringContaining('ON CONFLICT (yclients_id, company_id) fails'),
      fix: 'ALTER TABLE public.clients ADD CONSTRAINT clients_yclients_id_company_id_key UNIQUE (yclients_id, company_id);',
    });
    expect(finding?.message).toContain('target has unique (yclients_id)');
  });

  it('says what a JSONB column turned TEXT does to the code', () => {
    const finding = compare(source, target, SUPABASE_LIKE).findings.find((f) => f.rule === 'json-type-changed');
    expect(finding).toMatchObject({
      message: 'clients.preferences is jsonb in source but text in target: values read back as strings and JSON operators (->, ->>, @>) fail',
      source: 'jsonb',
      target: 'text',
    });
  });

  it('without the platform exclusions, also reports the platform schema, its function and the API roles\' grants', () => {
    const all = compare(source, target).findings;
    const platform = all.map(line).filter((l) => !PLANTED.includes(l));
    expect(platform.sort()).toEqual(
      [
        'warning schema-missing auth',
        'error function-missing uid()',
        ...ALL_TABLES.flatMap((t) => [`error grant-missing ${t}.authenticated`, `error grant-missing ${t}.service_role`]),
      ].sort(),
    );
  });
});
