// Runs the per-file stages of a scan (scan-chunk.ts) on worker threads and puts every result back
// in file order, so the outcome is identical for any worker count (a file's result does not depend
// on which worker parsed it). Workers take batches of files from a shared counter, so a worker that
// gets less CPU (a loaded machine) parses fewer files instead of holding the others up, and none
// waits for this thread. The main thread only does what needs all files at once: the set of tables
// the code creates, and the one type program per root for the parameters a rule needs, built while
// the workers parse (each worker gets the schema's json columns as soon as it is read, and reports
// the files that need the checker as it parses them; this thread parses those files meanwhile). Measured on the 500k-line bench: sending the
// files' analyses back cost the main thread ~1.5 s of structured-clone and GC; the findings it
// receives now are a few MB. Small trees stay on the main thread: starting a worker costs more than
// it saves.
import { availableParallelism } from 'node:os';
import type { Snapshot } from '../snapshot/types.js';
import type { RelationName } from './facts.js';
import { tablesCreatedForEveryFile, type CreatedTable } from './migration-context.js';
import type { ProjectFiles } from './project.js';
import { codeRules } from './rules/index.js';
import type { CodeRule } from './rules/types.js';
import { checkedFile, type FileOutcome } from './check-file.js';
import type { ChunkScan, FileSites } from './scan-chunk.js';
import type { FileScanInput } from './scan-file.js';
import { indexSchema, jsonColumnsOnly } from './schema-index.js';
import { schemaPayload, type SchemaPayload } from './schema-transfer.js';
import type { TypeProgram } from './type-kinds.js';
import { releaseIdleWorkers, startedWorker, type ScanWorker } from './worker-pool.js';

/** Below this many files one thread is faster (measured: worker start-up ≈ 150 ms). */
const MIN_FILES_FOR_WORKERS = 200;
/** Files a worker takes at a time: ~50 ms of parsing, so the workers finish at about the same time. */
const BATCH_FILES = 8;

/** What a worker is started with. */
export interface WorkerJob {
  /** code rule ids, run in this order */
  readonly rules: readonly string[];
  readonly usages: boolean;
  readonly analyses: boolean;
  /** every file of the scan; each worker parses the ones it takes */
  readonly inputs: readonly FileScanInput[];
  /** shared by all workers: the index of the next file nobody has taken */
  readonly next: Int32Array;
  readonly batchFiles: number;
}

/** Messages between the main thread and a worker, in the order they are sent. */
export type ToWorker =
  /** what to do (a worker may have been started before the scan knew its files: worker-pool.ts) */
  | { readonly type: 'job'; readonly job: WorkerJob }
  /** the snapshot's json columns (jsonColumnsOnly): enough to tell which files need the type checker */
  | { readonly type: 'json-columns'; readonly snapshot: Snapshot }
  /** the whole snapshot, sent as soon as it is read (each table parsed only when read) */
  | { readonly type: 'schema'; readonly payload: SchemaPayload }
  /** the tables the scanned code creates, from every worker: check the files */
  | { readonly type: 'check'; readonly created: readonly RelationName[] };
export type FromWorker =
  /** files of these scanned directories may need the type checker (sent once per directory) */
  | { readonly type: 'types-ahead'; readonly roots: readonly string[] }
  /** files that need the type checker, by index into the inputs */
  | { readonly type: 'typed'; readonly files: readonly { readonly index: number; readonly sites: FileSites }[] }
  /** `files`: the indexes of the files it parsed, in the order of `created` (and of every later answer) */
  | { readonly type: 'scanned'; readonly files: number[]; readonly created: CreatedTable[][] }
  | { readonly type: 'checked'; readonly outcomes: (FileOutcome | null)[] }
  | { readonly type: 'failed'; readonly error: string };

/** One thread's share of the files, wherever it runs. */
interface Chunk {
  /** which files it parsed (indexes into the scan's inputs), and the tables each creates */
  scan(): Promise<{ files: number[]; created: CreatedTable[][] }>;
  /**
   * the files that need no type checker, checked; null for the others, which went to `onTyped`
   * (every one of them before this resolves)
   */
  check(schema: Snapshot, created: readonly RelationName[]): Promise<(FileOutcome | null)[]>;
  close(): void;
}

/** Where a chunk hands over a file that needs the type checker (index into the scan's inputs). */
type OnTyped = (index: number, sites: FileSites) => void;

export interface ScanJob {
  readonly projects: readonly ProjectFiles[];
  /** may still be being read while the workers parse */
  readonly schema: Snapshot | PromiseLike<Snapshot>;
  readonly rules: readonly CodeRule[];
  readonly usages: boolean;
  readonly analyses: boolean;
  /** worker threads; default: one per core for large trees, none for small ones */
  readonly workers?: number;
  /** called once the worker threads (if any) are started */
  readonly onStarted?: () => void;
}

export interface ScanOutcome {
  /** tables the scanned code creates, in file order */
  readonly created: readonly RelationName[];
  /** per project, per file (in the project's file order) */
  readonly files: readonly (readonly FileOutcome[])[];
}

export async function scanProjects(job: ScanJob): Promise<ScanOutcome> {
  const inputs: FileScanInput[] = [];
  const projectOf: number[] = [];
  job.projects.forEach((project, p) => {
    const dependencies = [...project.dependencies].sort();
    for (const path of project.files) {
      inputs.push({ root: project.root, path, dependencies });
      projectOf.push(p);
    }
  });
  // rules are named to a worker by id: any other rule object keeps the scan on this thread
  const byId = job.rules.every((rule) => codeRules.includes(rule));
  const wanted = job.workers ?? (inputs.length >= MIN_FILES_FOR_WORKERS ? availableParallelism() : 1);
  const count = byId ? Math.max(1, Math.min(wanted, inputs.length)) : 1;
  // the type program per scanned directory, built here while the workers parse: its fixed part once
  // a worker has seen a file that may need the checker, then each file that does as it is reported
  // (with one thread there is nothing to overlap)
  const warming = new Map<string, Promise<TypeProgram | null>>();
  const warmUp = (root: string): Promise<TypeProgram | null> => {
    let program = warming.get(root);
    if (!program) {
      const project = job.projects.find((p) => p.root === root)!;
      // a warm-up that fails only loses time: the type program is then built from scratch
      program = import('./type-kinds.js')
        .then(({ warmTypeProgram }) => warmTypeProgram(project.root, project.compilerOptions))
        .catch(() => null);
      warming.set(root, program);
    }
    return program;
  };
  /** files that need the type checker, by index into inputs */
  const typed = new Map<number, FileSites>();
  const onTyped: OnTyped = (index, sites) => {
    typed.set(index, sites);
    if (count === 1) return;
    const input = inputs[index]!;
    // why: parsing these files is most of the type program's cost (~0.6 s of ~2 s on the bench), and
    // this thread would otherwise wait for the workers
    // (a parse that fails only loses time: the program parses the file again and reports it)
    warmUp(input.root)
      .then((program) => program?.parseAhead(input.path))
      .catch(() => undefined);
  };
  const next = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const workerChunks: WorkerChunk[] = [];
  // prestarted workers (worker-pool.ts) not taken here are stopped at once
  if (count === 1) releaseIdleWorkers();
  const chunks: Chunk[] =
    count === 1
      ? [new LocalChunk(inputs, job, onTyped)]
      : Array.from({ length: count }, () => {
          const data: WorkerJob = { rules: job.rules.map((rule) => rule.id), usages: job.usages, analyses: job.analyses, inputs, next, batchFiles: BATCH_FILES };
          const chunk = new WorkerChunk(data, (roots) => roots.forEach((root) => void warmUp(root)), onTyped);
          workerChunks.push(chunk);
          return chunk;
        });
  releaseIdleWorkers();
  job.onStarted?.();
  // which files each chunk parsed, in its order: every later per-file answer comes in that order
  const shares: number[][] = [];
  const inFileOrder = <T>(perChunk: readonly (readonly T[])[]): T[] => {
    const result = new Array<T>(inputs.length);
    perChunk.forEach((values, c) => values.forEach((value, k) => (result[shares[c]![k]!] = value)));
    return result;
  };
  try {
    const snapshot = Promise.resolve(job.schema);
    // a schema that cannot be read stops the workers at once, not after they have parsed everything;
    // one that can goes to them at once: its json columns tell them which files need the type
    // checker while they parse; the whole of it with each table parsed only when read
    // (schema-transfer.ts), so they check most files as they parse them (early-check.ts) instead of
    // all after the last one (measured on the 500k-line bench, 5 alternated runs on a quiet machine:
    // 4.07-4.48 s -> 4.05-4.17 s, CPU 7.8-8.5 -> 7.7-7.9 s, same report)
    snapshot.then(
      (schema) => {
        if (workerChunks.length === 0) return;
        const jsonColumns = jsonColumnsOnly(schema);
        for (const chunk of workerChunks) chunk.sendJsonColumns(jsonColumns);
        const payload = schemaPayload(schema);
        for (const chunk of workerChunks) chunk.sendSchema(payload);
      },
      () => chunks.forEach((chunk) => chunk.close()),
    );
    const scanned = await Promise.all(chunks.map((chunk) => chunk.scan()));
    for (const { files } of scanned) shares.push(files);
    const createdPerFile = inFileOrder(scanned.map(({ created }) => created)).flat();
    const schema = await snapshot;
    // tables any scanned code creates are known to every statement (temp tables, the code's own tables)
    const created = tablesCreatedForEveryFile(createdPerFile, schema);
    // the workers check every other file, then end: their memory is gone before the type checker
    // runs, which keeps the peak RSS under 1 GB
    const untyped = inFileOrder(await Promise.all(chunks.map(async (chunk) => {
      const outcomes = await chunk.check(schema, created);
      chunk.close();
      return outcomes;
    })));
    const schemaIndex = indexSchema(schema, created);
    const checked = new Array<FileOutcome | null>(inputs.length).fill(null);
    for (const [p, project] of job.projects.entries()) {
      // in file order, whichever worker reported them first: the program gets its files in this order
      const needing = [...typed.keys()].filter((i) => projectOf[i] === p).sort((a, b) => a - b);
      if (needing.length === 0) continue;
      // why loaded only now: TypeScript costs this thread ~85 MB, and the workers are gone by now
      const { resolveSiteKinds } = await import('./type-kinds.js');
      const warm = (await warming.get(project.root)) ?? undefined;
      const sites = needing.map((i) => typed.get(i)!);
      const kinds = resolveSiteKinds(project.root, sites, project.compilerOptions, warm);
      needing.forEach((i, k) => (checked[i] = checkedFile(sites[k]!.scan!, schemaIndex, job, sites[k]!.sites, kinds[k])));
    }
    const outcomes = untyped.map((outcome, i) => (outcome ?? checked[i])!);
    const files = job.projects.map((_, p) => outcomes.filter((_, i) => projectOf[i] === p));
    return { created, files };
  } finally {
    for (const chunk of chunks) chunk.close();
  }
}

class LocalChunk implements Chunk {
  private chunk: ChunkScan | null = null;

  constructor(
    private readonly inputs: readonly FileScanInput[],
    private readonly job: ScanJob,
    private readonly onTyped: OnTyped,
  ) {}

  async scan(): Promise<{ files: number[]; created: CreatedTable[][] }> {
    // one thread gains nothing from parsing while the schema is read, and a schema that cannot be
    // read is reported before the code is parsed
    await this.job.schema;
    const [{ ChunkScan }, { loadSqlParser }, { keepTypeScriptCodeCache }] = await Promise.all([
      import('./scan-chunk.js'),
      import('./sql/parse.js'),
      import('./typescript.js'),
    ]);
    await loadSqlParser();
    this.chunk = new ChunkScan();
    const created = this.chunk.scan(this.inputs).created;
    keepTypeScriptCodeCache();
    return { files: this.inputs.map((_, i) => i), created };
  }

  async check(schema: Snapshot, created: readonly RelationName[]): Promise<(FileOutcome | null)[]> {
    const index = indexSchema(schema, created);
    for (const { position, sites } of this.chunk!.typeSites(index)) this.onTyped(position, sites);
    return this.chunk!.checkUntyped(index, this.job);
  }

  close(): void {}
}

class WorkerChunk implements Chunk {
  private readonly worker: ScanWorker;
  private readonly arrived: FromWorker[] = [];
  private waiting: ((message: FromWorker) => void) | null = null;
  private failure: Error | null = null;
  private closed = false;

  constructor(
    data: WorkerJob,
    private readonly onTypesAhead: (roots: readonly string[]) => void,
    private readonly onTyped: OnTyped,
  ) {
    this.worker = startedWorker();
    this.worker.attach({
      message: (message) => this.deliver(message as FromWorker),
      error: (error) => this.fail(error),
      exit: (code) => {
        if (!this.closed) this.fail(new Error(`scan worker exited with code ${code}`));
      },
    });
    this.post({ type: 'job', job: data });
  }

  async scan(): Promise<{ files: number[]; created: CreatedTable[][] }> {
    const { files, created } = await this.next('scanned');
    return { files, created };
  }

  /** the worker tells which files need the type checker from then on */
  sendJsonColumns(snapshot: Snapshot): void {
    this.post({ type: 'json-columns', snapshot });
  }

  sendSchema(payload: SchemaPayload): void {
    this.post({ type: 'schema', payload });
  }

  async check(_schema: Snapshot, created: readonly RelationName[]): Promise<(FileOutcome | null)[]> {
    this.post({ type: 'check', created });
    return (await this.next('checked')).outcomes;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.worker.terminate();
    this.fail(new Error('scan worker stopped'));
  }

  private post(message: ToWorker): void {
    if (!this.closed) this.worker.postMessage(message);
  }

  private deliver(message: FromWorker): void {
    if (message.type === 'failed') return this.fail(new Error(`scan worker: ${message.error}`));
    if (message.type === 'types-ahead') return this.onTypesAhead(message.roots);
    if (message.type === 'typed') return message.files.forEach(({ index, sites }) => this.onTyped(index, sites));
    this.arrived.push(message);
    this.wake();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.wake();
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.(this.arrived.shift()!);
  }

  private next<T extends FromWorker['type']>(type: T): Promise<Extract<FromWorker, { type: T }>> {
    return new Promise((resolve, reject) => {
      const take = (message: FromWorker | undefined): void => {
        if (this.failure) return reject(this.failure);
        if (message?.type !== type) return reject(new Error(`scan worker: expected ${type}, got ${message?.type}`));
        resolve(message as Extract<FromWorker, { type: T }>);
      };
      if (this.failure || this.arrived.length > 0) take(this.arrived.shift());
      else this.waiting = take;
    });
  }
}
