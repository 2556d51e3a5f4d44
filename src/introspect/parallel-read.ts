// Catalog steps spread over several sessions that all see the same snapshot: the first session's
// transaction exports its snapshot (pg_export_snapshot) and each helper's transaction adopts it
// (SET TRANSACTION SNAPSHOT) before its first query, so every step reads the database as of one
// instant, exactly as if one transaction had run them all. Each session takes the next step off one
// queue until it is empty: the server works on several catalog queries at once, and the client parses
// one result while the server produces the next (one session alone idles between them).
import type { CatalogKey, CatalogStep } from './catalog-steps.js';
import type { Queryable, Session } from './queryable.js';
import type { CatalogRows } from './rows.js';

export class IntrospectionQueryError extends Error {
  constructor(readonly step: string, cause: unknown) {
    super(`${step}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

export async function rowsOf<T>(db: Queryable, step: string, sql: string): Promise<T[]> {
  try {
    return (await db.query<T>(sql)).rows;
  } catch (error) {
    throw new IntrospectionQueryError(`reading ${step}`, error);
  }
}

/** Each row of `sql` to `onRow`: as it arrives where `db` can (eachRow), else once all are in. */
export async function eachRowOf<T>(db: Queryable, step: string, sql: string, onRow: (row: T) => void): Promise<void> {
  try {
    if (db.eachRow) return await db.eachRow<T>(sql, onRow);
    for (const row of (await db.query<T>(sql)).rows) onRow(row);
  } catch (error) {
    throw new IntrospectionQueryError(`reading ${step}`, error);
  }
}

/** Steps whose rows go to a consumer one by one (and not into the result: their list there is empty). */
export type RowConsumers = Partial<Record<CatalogKey, (row: never) => void>>;

/**
 * Make `session` read what the exporting transaction reads: a READ ONLY repeatable-read transaction on
 * `snapshotId` (adopted before its first query, as PostgreSQL requires), with the same settings.
 */
export async function joinSnapshot(session: Session, snapshotId: string, settingsSql: string): Promise<void> {
  // one round trip instead of three (a Session takes several statements in one string)
  await session.query(
    `BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT '${snapshotId.replace(/'/g, "''")}'; ${settingsSql}`,
  );
}

export type StepRows = Pick<CatalogRows, CatalogKey>;

export interface ReadHooks {
  /** steps whose rows go to a consumer one by one */
  readonly consumers?: RowConsumers;
  /**
   * Called once a step's rows are all in (its list is empty when a consumer took them), after its session
   * has been given its next step. What it throws is ignored: the rows are still in the result.
   */
  readonly onStepDone?: (key: CatalogKey, rows: readonly unknown[]) => void;
}

/**
 * Run every step on `main` and on each helper as soon as it is ready (a helper that resolves to null
 * is left out; one still connecting when the work is done is not waited for). A failing step fails the
 * whole read: the other sessions take no more work, the read settles when their current queries have,
 * and the error is that of the failed step that started first. Why: when the server goes away every
 * session fails at once, and the step that had been running longest (say, parked on a lock) is the one
 * that says where the read was, not a step that happened to start as the connection dropped.
 */
export function readSteps(
  main: Queryable,
  helpers: readonly Promise<Session | null>[],
  steps: readonly CatalogStep[],
  { consumers = {}, onStepDone }: ReadHooks = {},
): Promise<StepRows> {
  const queue = [...steps];
  const rows: Partial<Record<CatalogKey, unknown[]>> = {};
  let failure: { error: unknown; started: number } | null = null;
  let inFlight = 0;
  let started = 0;
  return new Promise((resolve, reject) => {
    const settle = () => {
      if (inFlight > 0) return;
      if (failure) reject(failure.error);
      else if (queue.length === 0) resolve(rows as StepRows);
    };
    const next = (session: Queryable) => {
      const step = failure ? undefined : queue.shift();
      if (!step) return settle();
      inFlight++;
      const order = started++;
      const consume = consumers[step.key] as ((row: unknown) => void) | undefined;
      (consume ? eachRowOf(session, step.step, step.sql, consume).then(() => []) : rowsOf(session, step.step, step.sql))
        .then(
          (result) => {
            rows[step.key] = result;
            inFlight--;
            next(session);
            try {
              if (!failure) onStepDone?.(step.key, result);
            } catch {
              // the builder decodes these rows again and says what is wrong
            }
          },
          (error: unknown) => {
            if (!failure || order < failure.started) failure = { error, started: order };
            inFlight--;
            next(session);
          },
        );
    };
    next(main);
    for (const helper of helpers) helper.then((session) => session && next(session), () => undefined);
  });
}
