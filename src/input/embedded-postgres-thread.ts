// The embedded PostgreSQL's own thread: one PGlite instance in a worker, driven by messages from
// embedded-postgres.ts. Why a thread: PGlite runs PostgreSQL synchronously on the thread that calls it,
// so on the main thread nothing else could happen while it starts (0.6-0.9 s) or loads a script; in
// its own thread it starts while the main thread parses the script, and two inputs load side by side.

/** One request from the main thread. `id` pairs it with its reply. */
export type ToThread =
  | { id: number; op: 'start'; pglite: string; extensions: Record<string, string>; cluster: SharedArrayBuffer | null; settings: Record<string, string> }
  | { id: number; op: 'exec'; sql: string }
  | { id: number; op: 'query'; sql: string; params: unknown[] | undefined }
  | { id: number; op: 'close' };

/** What PostgreSQL said when it refused something: the fields sql-loader.ts reads, as plain data. */
export interface ThreadError {
  message: string;
  code?: string;
  position?: string | number;
  detail?: string;
  hint?: string;
}

export type FromThread = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: ThreadError };

/** `start` answers with the fresh cluster it had to make (initdb), for the next instance, else null. */
export interface Started {
  dumped: ArrayBuffer | null;
}

/**
 * The worker's whole program. It runs from its source text (WORKER_SOURCE, an `eval` worker), so it is
 * self-contained: no imports; what it needs comes in as arguments, and modules load by the file URLs the
 * main thread resolved. Why not a file of its own: run from TypeScript sources (tests) a worker file
 * would need a .ts loader in every worker. Why `load` and `parentPort` as arguments: a test runner
 * rewrites `import()` and `require` in the code it runs, and this code runs outside it.
 */
function embeddedPostgresThread(parentPort: import('node:worker_threads').MessagePort, load: (url: string) => Promise<unknown>): void {
  type Instance = import('@electric-sql/pglite').PGlite;
  let db: Instance | null = null;

  const errorOf = (e: unknown): ThreadError => {
    const x = (e ?? {}) as Partial<ThreadError> & { message?: unknown };
    return { message: typeof x.message === 'string' ? x.message : String(e), code: x.code, position: x.position, detail: x.detail, hint: x.hint };
  };

  const start = async (m: Extract<ToThread, { op: 'start' }>): Promise<Started> => {
    const { PGlite } = (await load(m.pglite)) as typeof import('@electric-sql/pglite');
    const extensions: Record<string, import('@electric-sql/pglite').Extension> = {};
    for (const [name, url] of Object.entries(m.extensions)) extensions[name] = ((await load(url)) as Record<string, import('@electric-sql/pglite').Extension>)[name]!;
    const startParams = [...PGlite.defaultStartParams, ...Object.entries(m.settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])];
    if (m.cluster) {
      try {
        db = await PGlite.create({ extensions, startParams, loadDataDir: new Blob([new Uint8Array(m.cluster).slice()]) });
        return { dumped: null };
      } catch {
        // a stale or damaged copy: initdb below makes a new one, which replaces it
      }
    }
    db = await PGlite.create({ extensions, startParams });
    return { dumped: await (await db.dumpDataDir('none')).arrayBuffer() };
  };

  const open = (): Instance => {
    if (!db) throw new Error('embedded PostgreSQL not started');
    return db;
  };

  parentPort.on('message', (m: ToThread) => {
    const run = async (): Promise<unknown> => {
      switch (m.op) {
        case 'start':
          return start(m);
        case 'exec':
          await open().exec(m.sql);
          return null;
        case 'query':
          return (await open().query(m.sql, m.params)).rows;
        case 'close': {
          const closing = db;
          db = null;
          await closing?.close();
          return null;
        }
      }
    };
    run().then(
      (value) => {
        const dumped = (value as Partial<Started> | null)?.dumped;
        parentPort.postMessage({ id: m.id, ok: true, value } satisfies FromThread, dumped ? [dumped] : []);
      },
      (error: unknown) => parentPort.postMessage({ id: m.id, ok: false, error: errorOf(error) } satisfies FromThread),
    );
  });
}

// import(), not require: the eval'd source is a module when the process runs with --input-type=module
export const WORKER_SOURCE = `import('node:worker_threads').then(({ parentPort }) => (${embeddedPostgresThread.toString()})(parentPort, (url) => import(url)));`;
