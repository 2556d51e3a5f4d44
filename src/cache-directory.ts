// Where schema-diff keeps what it can make again (the embedded PostgreSQL's fresh cluster, V8 code
// caches): $SCHEMA_DIFF_CACHE_DIR, else $XDG_CACHE_HOME/schema-diff, else ~/.cache/schema-diff; `off`
// keeps nothing. Nothing kept there changes a result: a missing or unusable file is made again.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const CACHE_DIR_ENV = 'SCHEMA_DIFF_CACHE_DIR';

export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string | null {
  const configured = env[CACHE_DIR_ENV]?.trim();
  if (configured === 'off') return null;
  return configured || join(env.XDG_CACHE_HOME?.trim() || join(homedir(), '.cache'), 'schema-diff');
}
