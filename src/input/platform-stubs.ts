// --preset supabase, for SQL inputs: a `supabase db dump` or a migrations folder assumes the platform's
// own schemas exist (auth.users for foreign keys, auth.uid() in policies, an `extensions` schema to
// install into). The embedded PostgreSQL has none of them, so minimal stand-ins are created first:
// only for schemas the script does not create itself, and all in schemas the preset leaves out of the
// comparison, so they never show up in a report.
import type { SqlPlan } from './sql-statements.js';

// Platform extensions the embedded PostgreSQL cannot provide; with the preset, creating them is skipped
// (with a note) instead of stopping the run.
export const SUPABASE_PLATFORM_EXTENSIONS = new Set([
  'pg_graphql', 'pg_net', 'pgsodium', 'supabase_vault', 'pgjwt', 'pg_stat_monitor', 'index_advisor', 'hypopg',
  'wrappers', 'pg_cron', 'pgaudit', 'pg_jsonschema', 'pg_hashids', 'pg_tle', 'plpgsql_check', 'http',
]);

/**
 * Extensions every Supabase project has in its `extensions` schema before the first migration runs,
 * with that schema on the search_path: migrations call `uuid_generate_v4()` or `gen_random_bytes()`
 * without creating them (chatbot-ui's do), and a migration's own `CREATE EXTENSION IF NOT EXISTS`
 * then changes nothing, as on the platform.
 */
export const SUPABASE_PREINSTALLED_EXTENSIONS = ['uuid-ossp', 'pgcrypto'] as const;

/**
 * What the preset runs after the stand-ins, before the script: nothing when the script makes the
 * `extensions` schema itself (a `supabase db dump` creates it and its extensions).
 */
export function supabasePreinstall(plan: SqlPlan): string[] {
  if (createdSchemas(plan).has('extensions')) return [];
  return [
    ...SUPABASE_PREINSTALLED_EXTENSIONS.map((name) => `CREATE EXTENSION IF NOT EXISTS "${name}" WITH SCHEMA extensions`),
    // a Supabase database's default search_path; the introspection sets its own (pg_catalog)
    `SET search_path = "$user", public, extensions`,
  ];
}

const STUBS: Readonly<Record<string, string>> = {
  extensions: 'CREATE SCHEMA extensions',
  graphql: 'CREATE SCHEMA graphql',
  vault: 'CREATE SCHEMA vault',
  auth: `CREATE SCHEMA auth;
CREATE TABLE auth.users (
  id uuid PRIMARY KEY, instance_id uuid, aud varchar(255), role varchar(255), email varchar(255), phone text,
  encrypted_password varchar(255), email_confirmed_at timestamptz, last_sign_in_at timestamptz,
  raw_app_meta_data jsonb, raw_user_meta_data jsonb, is_anonymous boolean NOT NULL DEFAULT false,
  created_at timestamptz, updated_at timestamptz, deleted_at timestamptz
);
CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('request.jwt.claim.sub', true), '')::uuid $$;
CREATE FUNCTION auth.role() RETURNS text LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('request.jwt.claim.role', true), '')::text $$;
CREATE FUNCTION auth.email() RETURNS text LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('request.jwt.claim.email', true), '')::text $$;
CREATE FUNCTION auth.jwt() RETURNS jsonb LANGUAGE sql STABLE
  AS $$ SELECT coalesce(nullif(current_setting('request.jwt.claims', true), ''), '{}')::jsonb $$`,
  storage: `CREATE SCHEMA storage;
CREATE TABLE storage.buckets (id text PRIMARY KEY, name text NOT NULL, owner uuid, public boolean DEFAULT false,
  created_at timestamptz DEFAULT now(), updated_at timestamptz DEFAULT now());
CREATE TABLE storage.objects (id uuid PRIMARY KEY, bucket_id text REFERENCES storage.buckets (id), name text,
  owner uuid, owner_id text, metadata jsonb, created_at timestamptz DEFAULT now(), updated_at timestamptz DEFAULT now());
CREATE FUNCTION storage.foldername(name text) RETURNS text[] LANGUAGE sql IMMUTABLE
  AS $$ SELECT (string_to_array(name, '/'))[1:array_length(string_to_array(name, '/'), 1) - 1] $$;
CREATE FUNCTION storage.filename(name text) RETURNS text LANGUAGE sql IMMUTABLE
  AS $$ SELECT (string_to_array(name, '/'))[array_length(string_to_array(name, '/'), 1)] $$;
CREATE FUNCTION storage.extension(name text) RETURNS text LANGUAGE sql IMMUTABLE
  AS $$ SELECT reverse(split_part(reverse(name), '.', 1)) $$`,
};

function createdSchemas(plan: SqlPlan): Set<string> {
  const names = new Set<string>();
  for (const statement of plan.statements) {
    if (statement.kind !== 'CreateSchemaStmt') continue;
    const match = /^\s*CREATE\s+SCHEMA\s+(?:IF\s+NOT\s+EXISTS\s+)?("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)/i.exec(statement.text);
    if (match) names.add(match[1]!.startsWith('"') ? match[1]!.slice(1, -1).replace(/""/g, '"') : match[1]!.toLowerCase());
  }
  return names;
}

/** The stand-in SQL to run before the script, one entry per platform schema it does not create. */
export function supabaseStubs(plan: SqlPlan): string[] {
  const created = createdSchemas(plan);
  return Object.entries(STUBS)
    .filter(([schema]) => !created.has(schema))
    .map(([, sql]) => sql);
}
