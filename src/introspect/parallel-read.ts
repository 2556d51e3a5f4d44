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

/**
 * Make `session` read what the exporting transaction reads: a READ ONLY repeatable-read transaction on
 * `snapshotId` (adopted before its first query, as PostgreSQL requires), with the same settings.
 */
export async function joinSnapshot(session: Queryable, snapshotId: string, settingsSql: string): Promise<void> {
  await session.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
  await session.query(`SET TRANSACTION SNAPSHOT '${snapshotId.replace(/'/g, "''")}'`);
  await session.query(settingsSql);
}

export type StepRows = Pick<CatalogRows, CatalogKey>;

/**
 * Run every step on `main` and on each helper as soon as it is ready (a helper that resolves to null
 * is left out; one still connecting when the work is done is not waited for). The first failing step
 * fails the whole read, naming its step; the other sessions take no more work, and the read settles
 * when their current queries have.
 */
export function readSteps(main: Queryable, helpers: readonly Promise<Session | null>[], steps: readonly CatalogStep[]): Promise<StepRows> {
  const queue = [...steps];
  const rows: Partial<Record<CatalogKey, unknown[]>> = {};
  let failure: { error: unknown } | null = null;
  let inFlight = 0;
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
      rowsOf(session, step.step, step.sql)
        .then((result) => void (rows[step.key] = result), (error: unknown) => void (failure ??= { error }))
        .finally(() => {
          inFlight--;
          next(session);
        });
    };
    next(main);
    for (const helper of helpers) helper.then((session) => session && next(session), () => undefined);
  });
}
