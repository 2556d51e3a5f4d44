// Runs inside a worker thread: the steps of scan-chunk.ts, driven by workers.ts. The worker loads its
// modules and the SQL parser as soon as it starts (it may be started before the scan knows its files:
// worker-pool.ts), then waits for its job. It takes batches of files itself (a counter shared with the
// other workers), so it never waits for the main thread, which is busy with the type program
// meanwhile. In: the job; the snapshot's json columns and the whole snapshot, its tables parsed only
// when read (schema-transfer.ts), whenever they have been read; then, once every file is parsed, every
// file's created tables. Out: the directories that may need the type checker, the files that do (as
// soon as the json columns are known), the created tables of the files it parsed, then the other
// files' outcomes. Files are checked as they are parsed where the created tables cannot change their
// outcome (early-check.ts); the rest once those are known.
import { parentPort } from 'node:worker_threads';
import type { Snapshot } from '../snapshot/types.js';
import type { CreatedTable } from './migration-context.js';
import { codeRules } from './rules/index.js';
import type { CheckRequest } from './check-file.js';
import { MissTrackingSchema } from './early-check.js';
import { ChunkScan } from './scan-chunk.js';
import { indexSchema, type SchemaIndex } from './schema-index.js';
import { snapshotFromPayload } from './schema-transfer.js';
import { loadSqlParser } from './sql/parse.js';
import { keepTypeScriptCodeCache } from './typescript.js';
import type { FromWorker, ToWorker, WorkerJob } from './workers.js';

const post = (message: FromWorker): void => parentPort!.postMessage(message);
const failed = (error: unknown): void => post({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });

const parserLoaded = loadSqlParser();
parserLoaded.catch(() => undefined); // reported when the job starts
const chunk = new ChunkScan();
let request: CheckRequest | null = null;
/** indexes (into job.inputs) of the files this worker parsed, in its order */
const parsed: number[] = [];
const created: CreatedTable[][] = [];
const typesAhead = new Set<string>();
let sitesSchema: SchemaIndex | null = null;
/** the whole snapshot, each table parsed when first read */
let snapshot: Snapshot | null = null;
/** the snapshot without the code's created tables, for checks ahead of them */
let earlySchema: MissTrackingSchema | null = null;

parentPort!.on('message', (message: ToWorker) => {
  try {
    handle(message);
  } catch (error) {
    failed(error);
  }
});

async function parseAll(job: WorkerJob): Promise<void> {
  await parserLoaded;
  for (;;) {
    const start = Atomics.add(job.next, 0, job.batchFiles);
    if (start >= job.inputs.length) break;
    const indexes = Array.from({ length: Math.min(job.batchFiles, job.inputs.length - start) }, (_, k) => start + k);
    const batch = chunk.scan(indexes.map((i) => job.inputs[i]!));
    indexes.forEach((index, k) => {
      parsed.push(index);
      created.push(batch.created[k]!);
    });
    // once per scanned directory: the main thread starts on the type program's fixed part
    const roots = batch.mayNeedTypes ? [...new Set(indexes.map((i) => job.inputs[i]!.root))].filter((root) => !typesAhead.has(root)) : [];
    for (const root of roots) typesAhead.add(root);
    if (roots.length > 0) post({ type: 'types-ahead', roots });
    postTyped();
    // lets the snapshot in as soon as it is posted (a message is handled only between tasks)
    await new Promise((resolve) => setImmediate(resolve));
  }
  post({ type: 'scanned', files: parsed, created });
  // while the main thread gathers every worker's created tables
  keepTypeScriptCodeCache();
}

/**
 * The files parsed since the last call that need the type checker, once the snapshot is known; the
 * others checked where their outcome is already final.
 */
function postTyped(): void {
  if (!sitesSchema) return;
  const typed = chunk.typeSites(sitesSchema);
  if (typed.length > 0) post({ type: 'typed', files: typed.map(({ position, sites }) => ({ index: parsed[position]!, sites })) });
  if (earlySchema && request) chunk.checkEarly(earlySchema, request);
}

function handle(message: ToWorker): void {
  if (message.type === 'job') {
    const job = message.job;
    const rules = job.rules.map((id) => codeRules.find((rule) => rule.id === id)!);
    request = { rules, usages: job.usages, analyses: job.analyses };
    parseAll(job).catch(failed);
    return;
  }
  if (message.type === 'schema') {
    snapshot = snapshotFromPayload(message.payload);
    earlySchema = new MissTrackingSchema(indexSchema(snapshot));
    postTyped();
    return;
  }
  if (message.type === 'json-columns') {
    sitesSchema = indexSchema(message.snapshot);
    postTyped();
    return;
  }
  // every file parsed, the json columns posted before this message (and handled: messages come in order)
  postTyped();
  const schema = indexSchema(snapshot!, message.created);
  snapshot = null;
  earlySchema = null;
  post({ type: 'checked', outcomes: chunk.checkUntyped(schema, request!) });
}
