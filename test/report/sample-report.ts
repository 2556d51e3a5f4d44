// A fixed, realistic report for the reporter tests: one finding of each shape a reporter must lay out.
import type { Finding, Location } from '../../src/findings/finding.js';
import { sortFindings, summarize } from '../../src/findings/order.js';
import type { Report } from '../../src/findings/report.js';
import type { RuleMeta } from '../../src/findings/rule.js';

const phoneUsages: Location[] = [
  { file: 'src/repos/clients.ts', line: 18, column: 5 },
  { file: 'src/repos/clients.ts', line: 57, column: 9 },
  { file: 'src/repos/clients.ts', line: 91, column: 9 },
  { file: 'src/services/sms.ts', line: 23, column: 14 },
  { file: 'src/services/sms.ts', line: 40, column: 14 },
  { file: 'src/jobs/sync-clients.ts', line: 112, column: 11 },
  { file: 'src/api/routes/clients.ts', line: 66, column: 21 },
];

const viewSource = `SELECT c.id,
    c.company_id,
    c.name,
    c.phone_normalized
   FROM clients c
  WHERE c.deleted_at IS NULL;`;

const viewTarget = `SELECT c.id,
    c.company_id,
    c.name
   FROM clients c
  WHERE c.deleted_at IS NULL
    AND c.archived = false;`;

const findings: Finding[] = [
  {
    rule: 'unique-missing',
    severity: 'error',
    category: 'schema',
    object: { kind: 'constraint', schema: 'public', table: 'clients', name: 'clients_yclients_id_company_id_key' },
    message:
      'clients: unique (yclients_id, company_id) exists in source but not in target: INSERT … ON CONFLICT (yclients_id, company_id) will fail',
    source: 'UNIQUE (yclients_id, company_id)',
    locations: [{ file: 'src/jobs/sync-clients.ts', line: 88, column: 5 }],
    fix: 'ALTER TABLE public.clients ADD CONSTRAINT clients_yclients_id_company_id_key UNIQUE (yclients_id, company_id);',
  },
  {
    rule: 'column-type-changed',
    severity: 'error',
    category: 'schema',
    object: { kind: 'column', schema: 'public', table: 'clients', name: 'ai_context' },
    message: 'clients.ai_context is jsonb in source but text in target: values read back as strings',
    source: 'jsonb',
    target: 'text',
    locations: [{ file: 'src/repos/clients.ts', line: 42, column: 7 }],
    fix: 'ALTER TABLE public.clients ALTER COLUMN ai_context TYPE jsonb USING ai_context::jsonb;',
  },
  {
    rule: 'column-missing',
    severity: 'error',
    category: 'schema',
    object: { kind: 'column', schema: 'public', table: 'clients', name: 'phone_normalized' },
    message: 'clients.phone_normalized exists in source but not in target: 7 places in the code still read or write it',
    source: 'text NOT NULL',
    locations: phoneUsages,
  },
  {
    rule: 'on-conflict-no-arbiter',
    severity: 'error',
    category: 'code',
    object: { kind: 'statement', schema: 'public', table: 'clients', name: 'insert' },
    message:
      'ON CONFLICT (yclients_id, company_id) matches no unique constraint or unique index of public.clients in target',
    locations: [{ file: 'src/jobs/sync-clients.ts', line: 88, column: 5 }],
    sql:
      'INSERT INTO clients (yclients_id, company_id, name, ai_context)\nVALUES ($1, $2, $3, $4)\nON CONFLICT (yclients_id, company_id) DO UPDATE SET name = EXCLUDED.name',
    fix: 'ALTER TABLE public.clients ADD CONSTRAINT clients_yclients_id_company_id_key UNIQUE (yclients_id, company_id);',
    verified: true,
  },
  {
    rule: 'view-changed',
    severity: 'warning',
    category: 'schema',
    object: { kind: 'view', schema: 'public', name: 'active_clients' },
    message: 'active_clients has a different definition in target: it no longer returns phone_normalized and filters archived rows',
    source: viewSource,
    target: viewTarget,
    locations: [{ file: 'src/repos/clients.ts', line: 130, column: 12 }],
  },
  {
    rule: 'check-constraint-added',
    severity: 'warning',
    category: 'schema',
    object: { kind: 'constraint', schema: 'public', table: 'appointments', name: 'appointments_price_check' },
    message: 'appointments: target adds CHECK (price >= 0 AND price < 100000 OR status = \'free\') that source rows | code may violate',
    target: "CHECK (price >= 0::numeric AND price < 100000::numeric OR status = 'free'::text)",
  },
  {
    rule: 'column-type-changed',
    severity: 'info',
    category: 'schema',
    object: { kind: 'column', schema: 'public', table: 'clients', name: 'name' },
    message: 'clients.name widens from character varying(100) to character varying(255): existing values fit',
    source: 'character varying(100)',
    target: 'character varying(255)',
  },
];

export const sampleReport: Report = {
  formatVersion: 1,
  tool: { name: 'schema-diff', version: '0.1.0' },
  source: { input: 'postgres://app:***@db:5432/prod', serverVersion: '15.4' },
  target: { input: 'schema/target.sql', serverVersion: '17.4' },
  summary: summarize(findings),
  findings: sortFindings(findings),
  notCompared: [
    { kind: 'owner', reason: 'owners differ between environments by design' },
    { kind: 'extension', object: 'postgis', reason: 'not installed in the embedded PostgreSQL; use --scratch-db' },
  ],
  coverage: {
    files: 53,
    statements: 240,
    checked: 226,
    notChecked: 14,
    notCheckedReasons: [
      {
        reason: 'SQL text built at run time',
        count: 12,
        locations: Array.from({ length: 12 }, (_, i) => ({ file: `src/repositories/report-${String(i + 1).padStart(2, '0')}.ts`, line: 10 + i, column: 5 })),
      },
      {
        reason: 'a template hole stands for an identifier or SQL fragment built at run time',
        count: 2,
        locations: [
          { file: 'src/admin/tables.ts', line: 31, column: 9 },
          { file: 'src/admin/tables.ts', line: 58, column: 9 },
        ],
      },
    ],
  },
};

export const emptyReport: Report = {
  formatVersion: 1,
  tool: { name: 'schema-diff', version: '0.1.0' },
  source: { input: 'schema/source.sql', serverVersion: '17.4' },
  target: { input: 'schema/target.sql', serverVersion: '17.4' },
  summary: { error: 0, warning: 0, info: 0 },
  findings: [],
  notCompared: [],
};

export const sampleRules: readonly RuleMeta[] = [
  {
    id: 'unique-missing',
    category: 'schema',
    severity: 'error',
    docs: {
      summary: 'A unique constraint or unique index in source has no equivalent (same columns) in target.',
      why: 'INSERT … ON CONFLICT (cols) needs a matching unique index; without one PostgreSQL rejects the statement, and rows that were unique can now be duplicated.',
    },
  },
  {
    id: 'column-type-changed',
    category: 'schema',
    severity: 'error',
    docs: {
      summary: 'A column has a different type in target.',
      why: 'Values may be rejected, truncated or read back differently (jsonb read as text arrives as a string).',
    },
  },
  {
    id: 'on-conflict-no-arbiter',
    category: 'code',
    severity: 'error',
    docs: {
      summary: 'ON CONFLICT target matches no unique constraint or unique index of the table.',
      why: 'PostgreSQL rejects the statement when it is planned: "there is no unique or exclusion constraint matching the ON CONFLICT specification".',
    },
  },
];

/** `schema-diff scan`: no source, code findings only, one of them outside any table. */
export const scanReport: Report = {
  formatVersion: 1,
  tool: { name: 'schema-diff', version: '0.1.0' },
  source: null,
  target: { input: 'supabase/migrations/', serverVersion: '17.4' },
  summary: { error: 1, warning: 1, info: 0 },
  findings: sortFindings([
    {
      rule: 'unknown-column',
      severity: 'error',
      category: 'code',
      object: { kind: 'statement', schema: 'public', table: 'clients', name: 'select' },
      message: 'clients has no column "phoneNumber" in target (did you mean phone_normalized?)',
      locations: [{ file: 'src/repos/clients.ts', line: 12, column: 3 }],
      sql: 'SELECT id, "phoneNumber" FROM clients WHERE id = $1',
    },
    {
      rule: 'sql-parse-error',
      severity: 'warning',
      category: 'code',
      object: { kind: 'statement', name: 'src/reports/monthly.ts:7:18' },
      message: 'syntax error at or near "FORM": the statement was not checked',
      locations: [{ file: 'src/reports/monthly.ts', line: 7, column: 18 }],
      sql: 'SELECT count(*) FORM appointments',
    },
  ]),
  notCompared: [],
  coverage: {
    files: 2,
    statements: 2,
    checked: 1,
    notChecked: 1,
    notCheckedReasons: [{ reason: 'the SQL does not parse (sql-parse-error)', count: 1, locations: [{ file: 'src/reports/monthly.ts', line: 7, column: 18 }] }],
  },
};
