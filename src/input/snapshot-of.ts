// Introspect one database and turn what can go wrong into one line naming the input.
import { ConnectionError, InputError } from '../errors.js';
import type { InputOptions } from './index.js';
import type { IntrospectOptions } from '../introspect/index.js';
import type { Queryable } from '../introspect/queryable.js';
import type { Snapshot } from '../snapshot/types.js';
import { maskSecrets } from './mask.js';

let introspector: Promise<typeof import('../introspect/index.js')> | undefined;

/**
 * The introspector's modules (the catalog queries and the snapshot builder), loaded once. Why on demand: a
 * live database asks for them right after it starts connecting, so that their loading (~10-20 ms) overlaps
 * the connections' set-up (TCP, authentication, backend start) instead of coming before it.
 */
export function loadIntrospector(): Promise<typeof import('../introspect/index.js')> {
  return (introspector ??= import('../introspect/index.js'));
}

export async function snapshotOf(db: Queryable, display: string, options: IntrospectOptions): Promise<Snapshot> {
  const { introspect, IntrospectionQueryError } = await loadIntrospector();
  try {
    return await introspect(db, options);
  } catch (error) {
    if (error instanceof IntrospectionQueryError) {
      const cause = error.cause as { code?: string; message?: string } | undefined;
      const limit = `${options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS} ms, ${STATEMENT_TIMEOUT_ENV}`;
      const reason =
        cause?.code === '57014'
          ? `a catalog query hit the statement timeout (${limit})`
          : cause?.code === '55P03'
            ? `a catalog query waited too long for a lock another session holds (lock timeout: half of ${limit})`
            : cause?.code === '57P01' || /terminat|Connection terminated|ECONNRESET|EPIPE|connection error and is not queryable/i.test(String(cause?.message))
              ? 'the connection was lost'
              : maskSecrets(error.message);
      throw new ConnectionError(`${display}: introspection failed while ${error.step}: ${reason}`, { cause: error });
    }
    throw error;
  }
}

export const STATEMENT_TIMEOUT_ENV = 'SCHEMA_DIFF_STATEMENT_TIMEOUT_MS';
export const DEFAULT_STATEMENT_TIMEOUT_MS = 60_000;

/** Per catalog query on a live database: the option, else SCHEMA_DIFF_STATEMENT_TIMEOUT_MS, else 60 s. */
export function statementTimeoutMs(options: InputOptions, env: NodeJS.ProcessEnv = process.env): number {
  if (options.statementTimeoutMs !== undefined) return options.statementTimeoutMs;
  const raw = env[STATEMENT_TIMEOUT_ENV]?.trim();
  if (raw === undefined || raw === '') return DEFAULT_STATEMENT_TIMEOUT_MS;
  const ms = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(ms) || ms <= 0) {
    throw new InputError(`${STATEMENT_TIMEOUT_ENV}="${raw}": expected a positive whole number of milliseconds`);
  }
  return ms;
}

