// Runs the per-file stages of a scan (scan-chunk.ts) on worker threads and puts every result back
// in file order, so the outcome is identical for any worker count (a file's result does not depend
// on which worker parsed it). Files are handed out in batches as workers ask for more, so a worker
// that gets less CPU (a loaded machine) parses fewer files instead of holding the others up. The
// main thread only does what needs all files at once: the set of tables the code creates, and the
// one type program per root for the parameters a rule needs. The schema goes to
// each worker once, as JSON text posted while the workers parse (measured on the 500k-line bench:
// sending the files' analyses back cost the main thread ~1.5 s of structured-clone and GC; the
// findings it receives now are a few MB). Small trees stay on the main thread: starting a worker
// costs more than it saves.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Snapshot } from '../snapshot/types.js';
import type { RelationName } from './facts.js';
import { tablesCreatedForEveryFile, type CreatedTable } from './migration-context.js';
import type { ProjectFiles } from './project.js';
import { codeRules } from './rules/index.js';
import type { CodeRule } from './rules/types.js';
import { checkedFile, type FileOutcome } from './check-file.js';
import type { ChunkScan, FileSites } from './scan-chunk.js';
import type { FileScanInput } from './scan-file.js';
import { indexSchema, type SchemaIndex } from './schema-index.js';
import type { TypeProgram } from './type-kinds.js';
import { workerScript } from './worker-script.js';

/** Below this many files one thread is faster (measured: worker start-up ≈ 150 ms). */
const MIN_FILES_FOR_WORKERS = 200;
/** Files per batch: ~50 ms of parsing, so the last batches even out the workers' finishing times. */
const BATCH_FILES = 8;
/**
 * Batches sent ahead to each worker before this thread blocks on a step of the type program's
 * warm-up (loading TypeScript ~0.3 s, parsing and binding its lib files ~1 s): the workers parse
 * them meanwhile instead of waiting for an answer to their next request.
 */
const BATCHES_AHEAD = 12;

/** What a worker is started with. */
export interface WorkerJob {
  /** code rule ids, run in this order */
  readonly rules: readonly string[];
  readonly usages: boolean;
  readonly analyses: boolean;
}

/** Messages between the main thread and a worker, in the order they are sent. */
export type ToWorker =
  /** files to parse, with their index in the whole scan; none: there are no more */
  | { readonly type: 'files'; readonly files: readonly { readonly index: number; readonly input: FileScanInput }[] }
  | {
      readonly type: 'schema';
      /** the snapshot as JSON */
      readonly json: string;
      /** tables the scanned code creates, from every worker */
      readonly created: readonly RelationName[];
    };
export type FromWorker =
  | { readonly type: 'more' }
  /** files of these scanned directories may need the type checker (sent once per directory) */
  | { readonly type: 'types-ahead'; readonly roots: readonly string[] }
  /** `files`: the indexes of the files it parsed, in the order of `created` (and of every later answer) */
  | { readonly type: 'scanned'; readonly files: number[]; readonly created: CreatedTable[][] }
  | { readonly type: 'type-sites'; readonly sites: FileSites[] }
  | { readonly type: 'checked'; readonly outcomes: (FileOutcome | null)[] }
  | { readonly type: 'failed'; readonly error: string };

/** One thread's share of the files, wherever it runs. */
interface Chunk {
  /** which files it parsed (indexes into the scan's inputs), and the tables each creates */
  scan(): Promise<{ files: number[]; created: CreatedTable[][] }>;
  /** `schemaJson`: the same snapshot as JSON, for a worker */
  typeSites(schema: Snapshot, schemaJson: string, created: readonly RelationName[]): Promise<FileSites[]>;
  /** the files that need no type checker; null for the files typeSites() handed over */
  checkUntyped(): Promise<(FileOutcome | null)[]>;
  close(): void;
}

export interface ScanJob {
  readonly projects: readonly ProjectFiles[];
  /** may still be being read while the workers parse */
  readonly schema: Snapshot | PromiseLike<Snapshot>;
  readonly rules: readonly CodeRule[];
  readonly usages: boolean;
  readonly analyses: boolean;
  /** worker threads; default: one per core for large trees, none for small ones */
  readonly workers?: number;
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
  let handedOut = 0;
  const nextBatch = (): { index: number; input: FileScanInput }[] => {
    const batch = inputs.slice(handedOut, handedOut + BATCH_FILES).map((input, k) => ({ index: handedOut + k, input }));
    handedOut += batch.length;
    return batch;
  };
  // the type program's fixed part per scanned directory, built here while the workers parse, once a
  // worker has seen a file that may need the checker (with one thread there is nothing to overlap)
  const warming = new Map<string, Promise<TypeProgram | null>>();
  const workerChunks: WorkerChunk[] = [];
  const warmUp = (roots: readonly string[]): void => {
    for (const root of roots) {
      const project = job.projects.find((p) => p.root === root);
      if (!project || warming.has(root)) continue;
      const program = (async () => {
        const sendAhead = (): void => workerChunks.forEach((chunk) => chunk.sendAhead(BATCHES_AHEAD));
        sendAhead();
        const { warmTypeProgram } = await import('./type-kinds.js');
        sendAhead();
        await new Promise((resolve) => setImmediate(resolve));
        return warmTypeProgram(project.root, project.compilerOptions);
      })();
      // a warm-up that fails only loses time: the type program is then built from scratch
      warming.set(root, program.catch(() => null));
    }
  };
  const chunks: Chunk[] =
    count === 1
      ? [new LocalChunk(inputs, job)]
      : Array.from({ length: count }, () => {
          const chunk = new WorkerChunk(job, nextBatch, warmUp);
          workerChunks.push(chunk);
          return chunk;
        });
  // which files each chunk parsed, in its order: every later per-file answer comes in that order
  const shares: number[][] = [];
  const inFileOrder = <T>(perChunk: readonly (readonly T[])[]): T[] => {
    const result = new Array<T>(inputs.length);
    perChunk.forEach((values, c) => values.forEach((value, k) => (result[shares[c]![k]!] = value)));
    return result;
  };
  try {
    const snapshot = Promise.resolve(job.schema);
    // a schema that cannot be read stops the workers at once, not after they have parsed everything
    snapshot.then(undefined, () => chunks.forEach((chunk) => chunk.close()));
    // why as soon as the schema is there: the workers are still parsing while this thread serializes
    // it (~0.3 s on the bench). It is posted only after they have parsed their files: a message
    // waiting in a worker's queue all that time held two more copies of it in memory
    const serialized = count > 1 ? snapshot.then((schema) => JSON.stringify(schema)) : snapshot.then(() => '');
    serialized.catch(() => {}); // awaited below
    const scanned = await Promise.all(chunks.map((chunk) => chunk.scan()));
    for (const { files } of scanned) shares.push(files);
    const createdPerFile = inFileOrder(scanned.map(({ created }) => created)).flat();
    const [schema, schemaJson] = [await snapshot, await serialized];
    // tables any scanned code creates are known to every statement (temp tables, the code's own tables)
    const created = tablesCreatedForEveryFile(createdPerFile, schema);
    const sites = inFileOrder(await Promise.all(chunks.map((chunk) => chunk.typeSites(schema, schemaJson, created))));
    // the workers check every other file, then end: their memory is gone before the type program
    // (~250 MB on the bench) is built, which keeps the peak RSS under 1 GB
    const untyped = inFileOrder(await Promise.all(chunks.map(async (chunk) => {
      const outcomes = await chunk.checkUntyped();
      chunk.close();
      return outcomes;
    })));
    const schemaIndex = indexSchema(schema, created);
    const typed = new Array<FileOutcome | null>(inputs.length).fill(null);
    for (const [p, project] of job.projects.entries()) {
      const needing = sites.flatMap((fileSites, i) => (projectOf[i] === p && fileSites.scan ? [i] : []));
      if (needing.length === 0) continue;
      // why loaded only now: TypeScript costs this thread ~85 MB, and the workers are gone by now
      const { resolveSiteKinds } = await import('./type-kinds.js');
      const warm = (await warming.get(project.root)) ?? undefined;
      const kinds = resolveSiteKinds(project.root, needing.map((i) => sites[i]!), project.compilerOptions, warm);
      needing.forEach((i, k) => (typed[i] = checkedFile(sites[i]!.scan!, schemaIndex, job, sites[i]!.sites, kinds[k])));
    }
    const outcomes = untyped.map((outcome, i) => (outcome ?? typed[i])!);
    const files = job.projects.map((_, p) => outcomes.filter((_, i) => projectOf[i] === p));
    return { created, files };
  } finally {
    for (const chunk of chunks) chunk.close();
  }
}

class LocalChunk implements Chunk {
  private chunk: ChunkScan | null = null;
  private schema: SchemaIndex | null = null;

  constructor(
    private readonly inputs: readonly FileScanInput[],
    private readonly job: ScanJob,
  ) {}

  async scan(): Promise<{ files: number[]; created: CreatedTable[][] }> {
    // one thread gains nothing from parsing while the schema is read, and a schema that cannot be
    // read is reported before the code is parsed
    await this.job.schema;
    const [{ ChunkScan }, { loadSqlParser }] = await Promise.all([import('./scan-chunk.js'), import('./sql/parse.js')]);
    await loadSqlParser();
    this.chunk = new ChunkScan();
    return { files: this.inputs.map((_, i) => i), created: this.chunk.scan(this.inputs).created };
  }

  async typeSites(schema: Snapshot, _schemaJson: string, created: readonly RelationName[]): Promise<FileSites[]> {
    this.schema = indexSchema(schema, created);
    return this.chunk!.typeSites(this.schema);
  }

  async checkUntyped(): Promise<(FileOutcome | null)[]> {
    return this.chunk!.checkUntyped(this.schema!, this.job);
  }

  close(): void {}
}

class WorkerChunk implements Chunk {
  private readonly worker: Worker;
  private readonly arrived: FromWorker[] = [];
  private waiting: ((message: FromWorker) => void) | null = null;
  private failure: Error | null = null;
  private closed = false;
  private lastBatchSent = false;
  /** batches sent ahead: that many requests for more are already answered */
  private ahead = 0;

  constructor(
    job: ScanJob,
    private readonly nextBatch: () => { index: number; input: FileScanInput }[],
    private readonly onTypesAhead: (roots: readonly string[]) => void,
  ) {
    const { source, options } = workerScript();
    const data: WorkerJob = { rules: job.rules.map((rule) => rule.id), usages: job.usages, analyses: job.analyses };
    this.worker = new Worker(source, { ...options, workerData: data });
    // two batches to start: one is always waiting while the other is parsed
    this.sendBatch();
    this.sendBatch();
    this.worker.on('message', (message: FromWorker) => this.deliver(message));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => {
      if (!this.closed) this.fail(new Error(`scan worker exited with code ${code}`));
    });
  }

  async scan(): Promise<{ files: number[]; created: CreatedTable[][] }> {
    const { files, created } = await this.next('scanned');
    return { files, created };
  }

  /** `count` more batches now, before this thread is busy for a while */
  sendAhead(count: number): void {
    for (let i = 0; i < count && !this.lastBatchSent && !this.closed; i++) {
      this.sendBatch();
      this.ahead++;
    }
  }

  private sendBatch(): void {
    if (this.lastBatchSent || this.closed) return;
    const files = this.nextBatch();
    this.lastBatchSent = files.length === 0;
    const message: ToWorker = { type: 'files', files };
    this.worker.postMessage(message);
  }

  async typeSites(_schema: Snapshot, schemaJson: string, created: readonly RelationName[]): Promise<FileSites[]> {
    const message: ToWorker = { type: 'schema', json: schemaJson, created };
    this.worker.postMessage(message);
    return (await this.next('type-sites')).sites;
  }

  async checkUntyped(): Promise<(FileOutcome | null)[]> {
    return (await this.next('checked')).outcomes;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    void this.worker.terminate();
    this.fail(new Error('scan worker stopped'));
  }

  private deliver(message: FromWorker): void {
    if (message.type === 'failed') return this.fail(new Error(`scan worker: ${message.error}`));
    if (message.type === 'more') {
      if (this.ahead > 0) this.ahead--;
      else this.sendBatch();
      return;
    }
    if (message.type === 'types-ahead') return this.onTypesAhead(message.roots);
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
