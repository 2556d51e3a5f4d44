// Runs inside a worker thread: the steps of scan-chunk.ts for the files it is given, driven by
// messages from workers.ts. In: batches of files (an empty batch: no more), then the snapshot and
// every file's created tables. Out: a request for more after each batch, the created tables of the
// files it parsed, their type sites (with the files that need the checker), the other files' outcomes.
import { parentPort, workerData } from 'node:worker_threads';
import type { Snapshot } from '../snapshot/types.js';
import type { CreatedTable } from './migration-context.js';
import { codeRules } from './rules/index.js';
import { ChunkScan } from './scan-chunk.js';
import { indexSchema } from './schema-index.js';
import { loadSqlParser } from './sql/parse.js';
import type { FromWorker, ToWorker, WorkerJob } from './workers.js';

const job = workerData as WorkerJob;
const post = (message: FromWorker): void => parentPort!.postMessage(message);
const failed = (error: unknown): void => post({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });

const chunk = new ChunkScan();
const rules = job.rules.map((id) => codeRules.find((rule) => rule.id === id)!);
const request = { rules, usages: job.usages, analyses: job.analyses };
const parsed: number[] = [];
const created: CreatedTable[][] = [];
const ready = loadSqlParser();
const typesAhead = new Set<string>();

parentPort!.on('message', (message: ToWorker) => {
  void handle(message).catch(failed);
});

async function handle(message: ToWorker): Promise<void> {
  if (message.type === 'files') {
    await ready;
    if (message.files.length === 0) return post({ type: 'scanned', files: parsed, created });
    // ask for the next batch first: it arrives while this one is parsed
    post({ type: 'more' });
    const batch = chunk.scan(message.files.map((f) => f.input));
    message.files.forEach((f, k) => {
      parsed.push(f.index);
      created.push(batch.created[k]!);
    });
    // once per scanned directory: the main thread starts on the type program's fixed part
    const roots = batch.mayNeedTypes ? [...new Set(message.files.map((f) => f.input.root))].filter((root) => !typesAhead.has(root)) : [];
    for (const root of roots) typesAhead.add(root);
    if (roots.length > 0) post({ type: 'types-ahead', roots });
    return;
  }
  const schema = indexSchema(JSON.parse(message.json) as Snapshot, message.created);
  post({ type: 'type-sites', sites: chunk.typeSites(schema) });
  post({ type: 'checked', outcomes: chunk.checkUntyped(schema, request) });
}
