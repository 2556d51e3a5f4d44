// Resolve one command-line input into a snapshot: a live database (postgres:// or env:NAME), a `.sql`
// file or migrations folder (loaded into the embedded PostgreSQL or a --scratch-db), or a snapshot file.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError, SnapshotFormatError } from '../errors.js';
import type { IntrospectOptions } from '../introspect/index.js';
import type { Queryable, Session } from '../introspect/queryable.js';
import type pg from 'pg';
import type { Snapshot } from '../snapshot/types.js';
import { SnapshotValidationError, validateSnapshot } from '../snapshot/validate.js';
import { connect, isDatabaseUrl, PgQuery } from './database-url.js';
import { readEnvUrl } from './env-url.js';
import { displayPath } from './display-path.js';
import { maskInput } from './mask.js';
import { listSqlFiles } from './sql-files.js';
import { sessionCount } from './session-count.js';
import { loadIntrospector, snapshotOf, statementTimeoutMs } from './snapshot-of.js';
export { STATEMENT_TIMEOUT_ENV } from './snapshot-of.js';
export { SESSIONS_ENV } from './session-count.js';

export type InputKind = 'database' | 'sql-file' | 'sql-directory' | 'snapshot';

export interface InputOptions extends IntrospectOptions {
  /** load SQL inputs into a throwaway database on this server instead of the embedded PostgreSQL */
  readonly scratchDb?: string;
  /** keep the database open after the snapshot (for --verify); the caller must close() */
  readonly keepOpen?: boolean;
  /** `supabase`: SQL inputs get stand-ins for the platform's schemas (auth.users, auth.uid(), …) */
  readonly preset?: string;
  /** notes about things skipped on the way (ignored psql meta-commands, SET parameters) */
  readonly onNote?: (message: string) => void;
}

export interface OpenedInput {
  readonly kind: InputKind;
  /** the input as given, password masked */
  readonly display: string;
  readonly snapshot: Snapshot;
  /** the database behind the snapshot while keepOpen; null for snapshot files or after close */
  readonly database: Queryable | null;
  close(): Promise<void>;
}

export function classifyInput(input: string): InputKind {
  if (input.startsWith('env:') || isDatabaseUrl(input)) return 'database';
  let stat: import('node:fs').Stats;
  try {
    stat = statSync(input);
  } catch {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
      throw new InputError(`${maskInput(input)}: unsupported URL scheme (use postgres:// or postgresql://)`);
    }
    throw new InputError(`${input}: no such file or directory`);
  }
  if (stat.isDirectory()) return 'sql-directory';
  if (/\.json$/i.test(input)) return 'snapshot';
  if (/\.sql$/i.test(input)) return 'sql-file';
  throw new InputError(`${input}: not a .sql file, a directory of migrations, a snapshot .json or a postgres:// URL`);
}

function queryable(client: pg.Client): Queryable {
  return {
    async query<Row>(sql: string, params?: readonly unknown[]) {
      const result = await client.query(sql, params ? [...params] : undefined);
      return { rows: result.rows as Row[] };
    },
    eachRow<Row>(sql: string, onRow: (row: Row) => void) {
      return new Promise<void>((resolve, reject) => {
        // a query with a row listener and no callback hands each row over and keeps none (pg/lib/query.js)
        const query = client.query(new PgQuery(sql));
        query.on('row', onRow);
        query.once('end', () => resolve());
        query.once('error', reject);
      });
    },
  };
}

async function openDatabase(url: string, display: string, options: InputOptions): Promise<OpenedInput> {
  options = { ...options, statementTimeoutMs: statementTimeoutMs(options), sessions: options.sessions ?? sessionCount() };
  // why now: the helper sessions' connections (TCP, TLS, authentication, backend start) run alongside the
  // main one's instead of after it; one that fails is simply not used (src/introspect/helper-sessions.ts)
  const early = Array.from({ length: Math.max(0, Math.floor(options.sessions ?? 1) - 1) }, () => {
    const pending = connect(url, display);
    pending.catch(() => undefined);
    return pending;
  });
  // the introspector loads while the connections are set up (the connects above went out synchronously)
  loadIntrospector().catch(() => undefined);
  const releaseUnused = () => {
    for (const pending of early.splice(0)) pending.then((c) => c.end().catch(() => undefined), () => undefined);
  };
  let client: pg.Client;
  try {
    client = await connect(url, display);
  } catch (error) {
    releaseUnused();
    throw error;
  }
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= client.end().catch(() => undefined));
  try {
    const db = queryable(client);
    // why: more sessions on the same snapshot read the catalogs in parallel (src/introspect/parallel-read.ts)
    const openSession = async (): Promise<Session> => {
      const helper = await (early.shift() ?? connect(url, display));
      return { ...queryable(helper), close: () => helper.end() };
    };
    const snapshot = await snapshotOf(db, display, { ...options, openSession });
    // why not awaited: the server ending the session (backend exit, socket close: 5-40 ms) overlaps the
    // caller's work on the snapshot (serializing, comparing); the caller's close() waits for it
    if (!options.keepOpen) void close();
    return { kind: 'database', display, snapshot, database: options.keepOpen ? db : null, close };
  } catch (error) {
    await close();
    throw error;
  } finally {
    releaseUnused();
  }
}

function readSnapshotFile(path: string, display: string): OpenedInput {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`${display}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SnapshotFormatError(`${display}: not valid JSON (${(error as Error).message}); is the file truncated?`);
  }
  try {
    const snapshot = validateSnapshot(json);
    return { kind: 'snapshot', display, snapshot, database: null, close: async () => undefined };
  } catch (error) {
    if (error instanceof SnapshotValidationError) throw new SnapshotFormatError(`${display}: ${error.message}`);
    throw error;
  }
}

/** Resolve and snapshot one input. Errors are SchemaDiffErrors with one line naming the input. */
export async function openInput(input: string, options: InputOptions = {}): Promise<OpenedInput> {
  const kind = classifyInput(input);
  if (kind === 'database') {
    const url = input.startsWith('env:') ? readEnvUrl(input) : input;
    if (!isDatabaseUrl(url)) throw new InputError(`${input}: the variable does not hold a postgres:// URL`);
    return openDatabase(url, input.startsWith('env:') ? input : maskInput(url), options);
  }
  const display = displayPath(resolve(input));
  if (kind === 'snapshot') return readSnapshotFile(input, display);
  const paths = kind === 'sql-directory' ? listSqlFiles(resolve(input), display) : [resolve(input)];
  // why: loaded on demand, the embedded PostgreSQL and the SQL parser cost start-up a live database never needs
  const { openSql } = await import('./sql-input.js');
  return openSql(paths, kind, display, options);
}

/** Snapshot one input and release everything it held. */
export async function snapshotInput(input: string, options: Omit<InputOptions, 'keepOpen'> = {}): Promise<{ display: string; snapshot: Snapshot }> {
  const opened = await openInput(input, { ...options, keepOpen: false });
  await opened.close();
  return { display: opened.display, snapshot: opened.snapshot };
}
