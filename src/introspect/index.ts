// Read one database's catalogs into a Snapshot: one set-based query per object kind, all inside one
// read-only, repeatable-read transaction (a consistent picture, and no way to write), with timeouts.
import type { Snapshot } from '../snapshot/types.js';
import type { Queryable } from './queryable.js';
import type { CatalogRows } from './rows.js';
import { buildSnapshot } from './build-snapshot.js';
import type { QueryScope } from './queries/scope.js';
import { serverQuery } from './queries/server.js';
import { schemasQuery } from './queries/schemas.js';
import { extensionsQuery } from './queries/extensions.js';
import { relationsQuery } from './queries/relations.js';
import { columnsQuery } from './queries/columns.js';
import { constraintsQuery } from './queries/constraints.js';
import { indexesQuery } from './queries/indexes.js';
import { triggersQuery } from './queries/triggers.js';
import { policiesQuery } from './queries/policies.js';
import { grantsQuery } from './queries/grants.js';
import { sequencesQuery } from './queries/sequences.js';
import { typesQuery } from './queries/types.js';
import { functionsQuery } from './queries/functions.js';

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
};

export interface IntrospectOptions {
  readonly includeExtensionObjects?: boolean;
  /** per catalog query, milliseconds */
  readonly statementTimeoutMs?: number;
}

export class IntrospectionQueryError extends Error {
  constructor(readonly step: string, cause: unknown) {
    super(`${step}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

async function rowsOf<T>(db: Queryable, step: string, sql: string): Promise<T[]> {
  try {
    return (await db.query<T>(sql)).rows;
  } catch (error) {
    throw new IntrospectionQueryError(`reading ${step}`, error);
  }
}

/**
 * Snapshot the schema behind `db`. The caller owns the connection; this opens and rolls back its own
 * transaction, so it must not be inside one.
 */
export async function introspect(db: Queryable, options: IntrospectOptions = {}): Promise<Snapshot> {
  const scope: QueryScope = { includeExtensionObjects: options.includeExtensionObjects ?? false };
  const timeout = Math.max(1, Math.floor(options.statementTimeoutMs ?? 60_000));
  await rowsOf(db, 'transaction start', 'BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    // why half: a catalog query stuck behind another session's lock (a running migration's ACCESS EXCLUSIVE)
    // then fails as a lock timeout, which says what happened, instead of as a statement timeout
    const lockTimeout = Math.max(1, Math.floor(timeout / 2));
    const settings = { ...OUTPUT_SETTINGS, statement_timeout: String(timeout), lock_timeout: String(lockTimeout) };
    await rowsOf(
      db,
      'session settings',
      `SELECT ${Object.entries(settings).map(([name, value]) => `set_config('${name}', '${value}', true)`).join(', ')}`,
    );
    const [server] = await rowsOf<CatalogRows['server']>(db, 'server version', serverQuery);
    if (!server) throw new IntrospectionQueryError('reading server version', 'no row');
    const versionNum = Number(server.version_num);
    if (versionNum < MINIMUM_SERVER_VERSION) {
      throw new IntrospectionQueryError(
        'checking server version',
        `PostgreSQL ${server.version} is not supported (14 or newer is required)`,
      );
    }
    const rows: CatalogRows = {
      server: { version_num: versionNum, version: server.version },
      schemas: await rowsOf(db, 'schemas', schemasQuery(scope)),
      extensions: await rowsOf(db, 'extensions', extensionsQuery),
      relations: await rowsOf(db, 'tables and views', relationsQuery(scope)),
      columns: await rowsOf(db, 'columns', columnsQuery(scope)),
      constraints: await rowsOf(db, 'constraints', constraintsQuery(scope, versionNum)),
      indexes: await rowsOf(db, 'indexes', indexesQuery(scope, versionNum)),
      triggers: await rowsOf(db, 'triggers', triggersQuery(scope)),
      policies: await rowsOf(db, 'policies', policiesQuery(scope)),
      grants: await rowsOf(db, 'grants', grantsQuery(scope)),
      sequences: await rowsOf(db, 'sequences', sequencesQuery(scope)),
      types: await rowsOf(db, 'types', typesQuery(scope)),
      functions: await rowsOf(db, 'functions', functionsQuery(scope)),
    };
    return buildSnapshot(rows);
  } finally {
    await db.query('ROLLBACK').catch(() => undefined);
  }
}
