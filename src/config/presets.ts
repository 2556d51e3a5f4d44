// Presets leave platform-managed objects out of a comparison, so that moving off a platform shows
// the application's differences, not the platform's.

export interface Preset {
  readonly excludeSchemas: readonly string[];
  /** grants to these roles, and these roles in policy role lists, are not compared */
  readonly excludeRoles: readonly string[];
}

// Schemas and roles that hosted Supabase creates and manages (supabase/postgres, supabase/cli).
export const SUPABASE: Preset = {
  excludeSchemas: [
    '_analytics', '_realtime', '_supavisor', 'auth', 'cron', 'extensions', 'graphql', 'graphql_public', 'net',
    'pgbouncer', 'pgsodium', 'pgsodium_masks', 'pgtle', 'realtime', 'storage', 'supabase_functions',
    'supabase_migrations', 'vault',
  ],
  excludeRoles: [
    'anon', 'authenticated', 'authenticator', 'dashboard_user', 'pgbouncer', 'pgsodium_keyholder', 'pgsodium_keyiduser',
    'pgsodium_keymaker', 'service_role', 'supabase_admin', 'supabase_auth_admin', 'supabase_functions_admin',
    'supabase_read_only_user', 'supabase_realtime_admin', 'supabase_replication_admin', 'supabase_storage_admin',
  ],
};

export const PRESETS: Readonly<Record<string, Preset>> = { supabase: SUPABASE };
