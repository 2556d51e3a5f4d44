// How many sessions a snapshot of a live database may open (SCHEMA_DIFF_SESSIONS, default 3): the
// catalog queries run on all of them at once, on one shared snapshot. 1 restores a single session,
// for a role with a tight connection limit (a refused helper is skipped anyway, but the server logs it).
import { InputError } from '../errors.js';
import { DEFAULT_SESSIONS } from '../introspect/default-sessions.js';

export const SESSIONS_ENV = 'SCHEMA_DIFF_SESSIONS';
const MAX_SESSIONS = 8;

export function sessionCount(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[SESSIONS_ENV]?.trim();
  if (raw === undefined || raw === '') return DEFAULT_SESSIONS;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > MAX_SESSIONS) {
    throw new InputError(`${SESSIONS_ENV}="${raw}": expected a whole number of sessions from 1 to ${MAX_SESSIONS}`);
  }
  return n;
}
