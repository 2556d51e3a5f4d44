// Read one database's catalogs into a Snapshot: one set-based query per object kind, all inside one
// read-only, repeatable-read transaction (a consistent picture, and no way to write), with timeouts.
import type { Snapshot } from '../snapshot/types.js';
import type { Queryable, Session } from './queryable.js';
import type { CatalogRows } from './rows.js';
import { buildSnapshot, EarlyDecoding } from './build-snapshot.js';
import { identifierQuoter } from './constraint-definition.js';
import { catalogSteps } from './catalog-steps.js';
import { HelperSessions } from './helper-sessions.js';
import { IntrospectionQueryError, joinSnapshot, readSteps, rowsOf } from './parallel-read.js';
import type { QueryScope } from './queries/scope.js';
import { serverColumns } from './queries/server.js';
import { DEFAULT_SESSIONS } from './default-sessions.js';
export { IntrospectionQueryError } from './parallel-read.js';
export { DEFAULT_SESSIONS } from './default-sessions.js';

export const MINIMUM_SERVER_VERSION = 140000;

/**
 * Transaction-local settings. The pg_get_*def functions print constants and names through the session's
 * settings, so a server configured with another TimeZone, DateStyle, IntervalStyle, bytea_output or
 * quote_all_identifiers would otherwise print the same schema differently (a timestamptz default as
 * `'01/01/2024 05:30:00 IST'` instead of `'2024-01-01 00:00:00+00'`). search_path = pg_catalog makes every
 * user object print schema-qualified. JIT compiles catalog queries that run once: it costs more than it saves.
 */
const OUTPUT_SETTINGS: Readonly<Record<string, string>> = {
  search_path: 'pg_catalog',
  TimeZone: 'UTC',
  DateStyle: 'ISO, MDY',
  IntervalStyle: 'postgres',
  extra_float_digits: '3',
  bytea_output: 'hex',
  standard_conforming_strings: 'on',
  quote_all_identifiers: 'off',
  lc_monetary: 'C',
  jit: 'off',
  // why: the catalog queries already run side by side over several sessions; PostgreSQL's parallel workers
  // on top cost more than they save (columns at 5,000 tables: 0.37 s -> 0.28 s of server CPU without them)
  max_parallel_workers_per_gather: '0',
};

export interface IntrospectOptions {
  readonly includeExtensionObjects?: boolean;
  /** per catalog query, milliseconds */
  readonly statementTimeoutMs?: number;
  /**
   * Opens one more session to the same database. With it, the catalog queries are spread over up to
   * `sessions` sessions sharing one snapshot; without it (PGlite, a scratch database), one session.
   */
  readonly openSession?: () => Promise<Session>;
  /** sessions in all, the caller's included; default 3 */
  readonly sessions?: number;
}


/**
 * Snapshot the schema behind `db`. The caller owns the connection; this opens and rolls back its own
 * transaction, so it must not be inside one.
 */
export async function introspect(db: Queryable, options: IntrospectOptions = {}): Promise<Snapshot> {
  const scope: QueryScope = { includeExtensionObjects: options.includeExtensionObjects ?? false };
  const timeout = Math.max(1, Math.floor(options.statementTimeoutMs ?? 60_000));
  // why half: a catalog query stuck behind another session's lock (a running migration's ACCESS EXCLUSIVE)
  // then fails as a lock timeout, which says what happened, instead of as a statement timeout
  const lockTimeout = Math.max(1, Math.floor(timeout / 2));
  const settings = { ...OUTPUT_SETTINGS, statement_timeout: String(timeout), lock_timeout: String(lockTimeout) };
  const setConfig = Object.entries(settings).map(([name, value]) => `set_config('${name}', '${value}', true)`).join(', ');
  const settingsSql = `SELECT ${setConfig}`;
  const helperSessions = new HelperSessions(options.openSession, Math.floor(options.sessions ?? DEFAULT_SESSIONS) - 1);
  let helpers: Promise<Session | null>[] = [];
  /** `exporting`: also export the transaction's snapshot, for the helpers to adopt */
  const begin = async (exporting: boolean) => {
    await rowsOf(db, 'transaction start', 'BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // why together: the settings, the server version and the snapshot for the helpers in one round trip
    const exported = exporting ? ', pg_catalog.pg_export_snapshot() AS snapshot_id' : '';
    const [row] = await rowsOf<StartRow>(db, 'session settings', `SELECT ${serverColumns}, ${setConfig}${exported}`);
    if (!row) throw new IntrospectionQueryError('reading server version', 'no row');
    return row;
  };
  let early: EarlyDecoding | undefined;
  let stepRows: Awaited<ReturnType<typeof readSteps>>;
  let server: CatalogRows['server'];
  try {
    const row = helperSessions.count > 0 ? await beginExporting(db, begin) : await begin(false);
    const versionNum = Number(row.version_num);
    if (versionNum < MINIMUM_SERVER_VERSION) {
      throw new IntrospectionQueryError(
        'checking server version',
        `PostgreSQL ${row.version} is not supported (14 or newer is required)`,
      );
    }
    const snapshotId = row.snapshot_id;
    if (snapshotId) helpers = helperSessions.prepared((session) => joinSnapshot(session, snapshotId, settingsSql));
    server = { version_num: versionNum, version: row.version, reserved: row.reserved ?? null };
    // why: the columns (the most rows by far) are decoded as they arrive and each step's rows as soon as
    // they are in, while the server still works on the other steps
    const decoding = (early = new EarlyDecoding(identifierQuoter(server.reserved ?? '')));
    stepRows = await readSteps(db, helpers, catalogSteps(scope, versionNum), {
      consumers: { columns: decoding.columns.add },
      onStepDone: (key, rows) => (key === 'columns' ? void decoding.finishColumns() : decoding.stepDone(key, rows)),
    });
  } catch (error) {
    await release(db, helperSessions);
    throw error;
  }
  // why before building: the ROLLBACK and the helpers' goodbyes go out now and their answers (the server
  // ending two backends: 10-70 ms at 5,000 tables, ~7 ms on musicbrainz) arrive while the snapshot is built
  const released = release(db, helperSessions);
  try {
    return buildSnapshot({ server, ...stepRows }, early);
  } finally {
    await released;
  }
}

/** End the read-only transaction (the caller keeps its connection) and close the helper sessions. */
async function release(db: Queryable, helperSessions: HelperSessions): Promise<void> {
  await Promise.all([db.query('ROLLBACK').catch(() => undefined), helperSessions.close()]);
}

type StartRow = CatalogRows['server'] & { snapshot_id?: string | null };

/**
 * Start the transaction and export its snapshot for helpers to adopt. A server that cannot export one
 * leaves the transaction aborted: it is started again and the read goes on with one session.
 */
async function beginExporting(db: Queryable, begin: (exporting: boolean) => Promise<StartRow>): Promise<StartRow> {
  try {
    return await begin(true);
  } catch {
    await rowsOf(db, 'transaction start', 'ROLLBACK');
    return begin(false);
  }
}
