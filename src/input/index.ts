// Resolve one command-line input into a snapshot: a live database (postgres:// or env:NAME), a `.sql`
// file or migrations folder (loaded into the embedded PostgreSQL or a --scratch-db), or a snapshot file.
import { readFileSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { ConnectionError, InputError, SnapshotFormatError } from '../errors.js';
import { introspect, IntrospectionQueryError, type IntrospectOptions } from '../introspect/index.js';
import type { Queryable } from '../introspect/queryable.js';
import type { Snapshot } from '../snapshot/types.js';
import { SnapshotValidationError, validateSnapshot } from '../snapshot/validate.js';
import { connect, isDatabaseUrl } from './database-url.js';
import { createEmbeddedDatabase, unavailableExtensions } from './embedded-postgres.js';
import { readEnvUrl } from './env-url.js';
import { maskInput, maskSecrets } from './mask.js';
import { readPsqlScript, type SqlSegment } from './psql-script.js';
import { listSqlFiles } from './sql-files.js';
import { createReferencedRoles, loadPlan } from './sql-loader.js';
import { locationOf, planStatements } from './sql-statements.js';
import { createScratchDatabase } from './scratch-database.js';
import { SUPABASE_PLATFORM_EXTENSIONS, supabaseStubs } from './platform-stubs.js';

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

function displayPath(absolutePath: string): string {
  const rel = relative(process.cwd(), absolutePath);
  return (rel && !rel.startsWith('..') ? rel : absolutePath).split(sep).join('/');
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

async function snapshotOf(db: Queryable, display: string, options: IntrospectOptions): Promise<Snapshot> {
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
            : cause?.code === '57P01' || /terminat|Connection terminated|ECONNRESET|EPIPE/i.test(String(cause?.message))
              ? 'the connection was lost'
              : maskSecrets(error.message);
      throw new ConnectionError(`${display}: introspection failed while ${error.step}: ${reason}`, { cause: error });
    }
    throw error;
  }
}

export const STATEMENT_TIMEOUT_ENV = 'SCHEMA_DIFF_STATEMENT_TIMEOUT_MS';
const DEFAULT_STATEMENT_TIMEOUT_MS = 60_000;

/** Per catalog query on a live database: the option, else SCHEMA_DIFF_STATEMENT_TIMEOUT_MS, else 60 s. */
function statementTimeoutMs(options: InputOptions, env: NodeJS.ProcessEnv = process.env): number {
  if (options.statementTimeoutMs !== undefined) return options.statementTimeoutMs;
  const raw = env[STATEMENT_TIMEOUT_ENV]?.trim();
  if (raw === undefined || raw === '') return DEFAULT_STATEMENT_TIMEOUT_MS;
  const ms = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(ms) || ms <= 0) {
    throw new InputError(`${STATEMENT_TIMEOUT_ENV}="${raw}": expected a positive whole number of milliseconds`);
  }
  return ms;
}

async function openDatabase(url: string, display: string, options: InputOptions): Promise<OpenedInput> {
  options = { ...options, statementTimeoutMs: statementTimeoutMs(options) };
  const client = await connect(url, display);
  let open = true;
  const close = async () => {
    if (open) (open = false), await client.end().catch(() => undefined);
  };
  try {
    const db: Queryable = {
      async query<Row>(sql: string, params?: readonly unknown[]) {
        const result = await client.query(sql, params ? [...params] : undefined);
        return { rows: result.rows as Row[] };
      },
    };
    const snapshot = await snapshotOf(db, display, options);
    if (!options.keepOpen) await close();
    return { kind: 'database', display, snapshot, database: options.keepOpen ? db : null, close };
  } catch (error) {
    await close();
    throw error;
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

async function openSql(paths: string[], kind: InputKind, display: string, options: InputOptions): Promise<OpenedInput> {
  const segments: SqlSegment[] = [];
  for (const path of paths) {
    const script = readPsqlScript(path, displayPath);
    segments.push(...script.segments);
    for (const note of script.notes) options.onNote?.(`${note.file}:${note.line}: ${note.message}`);
  }
  let plan = await planStatements(segments);
  if (plan.statements.length === 0) throw new InputError(`${display}: contains no SQL statements`);
  const supabase = options.preset === 'supabase';
  if (supabase && !options.scratchDb) {
    // The platform's own extensions cannot load here; what the application built on them still can.
    const platform = plan.statements.filter((s) => s.extension !== null && SUPABASE_PLATFORM_EXTENSIONS.has(s.extension));
    const missing = new Set(await unavailableExtensions(platform.map((s) => s.extension!)));
    for (const s of platform.filter((p) => missing.has(p.extension!))) {
      options.onNote?.(`${locationOf(s)}: CREATE EXTENSION ${s.extension} skipped (Supabase platform extension, --preset supabase)`);
    }
    plan = { ...plan, statements: plan.statements.filter((s) => !(s.extension !== null && missing.has(s.extension))) };
  }
  const extensionStatements = plan.statements.filter((s) => s.extension !== null);
  let database: (Queryable & { exec(sql: string): Promise<void>; close(): Promise<void> }) | undefined;
  try {
    if (options.scratchDb) {
      const scratch = await createScratchDatabase(options.scratchDb);
      database = scratch;
      await scratch.createRoles(plan.referencedRoles);
    } else {
      const missing = await unavailableExtensions(extensionStatements.map((s) => s.extension!));
      if (missing.length > 0) {
        const first = extensionStatements.find((s) => missing.includes(s.extension!))!;
        throw new InputError(
          `${locationOf(first)}: extension "${first.extension}" is not available in the embedded PostgreSQL; ` +
            `load this input with --scratch-db postgres://… on a server that has it`,
        );
      }
      database = await createEmbeddedDatabase(extensionStatements.map((s) => s.extension!));
      await createReferencedRoles(database, plan.referencedRoles);
    }
    if (supabase) for (const stub of supabaseStubs(plan)) await database.exec(stub);
    await loadPlan(database, plan, { onNote: options.onNote });
    const snapshot = await snapshotOf(database, display, options);
    const db = database;
    let open = true;
    const close = async () => {
      if (open) (open = false), await db.close().catch(() => undefined);
    };
    if (!options.keepOpen) await close();
    return { kind, display, snapshot, database: options.keepOpen ? db : null, close };
  } catch (error) {
    await database?.close().catch(() => undefined);
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
  return openSql(paths, kind, display, options);
}

/** Snapshot one input and release everything it held. */
export async function snapshotInput(input: string, options: Omit<InputOptions, 'keepOpen'> = {}): Promise<{ display: string; snapshot: Snapshot }> {
  const opened = await openInput(input, { ...options, keepOpen: false });
  await opened.close();
  return { display: opened.display, snapshot: opened.snapshot };
}
