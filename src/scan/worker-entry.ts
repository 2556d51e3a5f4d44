// Runs inside a worker thread: the steps of scan-chunk.ts for the files it was given, driven by
// messages from workers.ts (the snapshot and every file's created tables in; created tables, type sites with the
// files that need them, and the other files' outcomes out).
import { parentPort, workerData } from 'node:worker_threads';
import type { Snapshot } from '../snapshot/types.js';
import { codeRules } from './rules/index.js';
import { ChunkScan } from './scan-chunk.js';
import { indexSchema } from './schema-index.js';
import { loadSqlParser } from './sql/parse.js';
import type { FromWorker, ToWorker, WorkerJob } from './workers.js';

const job = workerData as WorkerJob;
const post = (message: FromWorker): void => parentPort!.postMessage(message);
const failed = (error: unknown): void => post({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });

const chunk = new ChunkScan(job.inputs);
const rules = job.rules.map((id) => codeRules.find((rule) => rule.id === id)!);
const request = { rules, usages: job.usages, analyses: job.analyses };

// the schema arrives once every worker has parsed its files
parentPort!.on('message', (message: ToWorker) => {
  try {
    const schema = indexSchema(JSON.parse(message.json) as Snapshot, message.created);
    post({ type: 'type-sites', sites: chunk.typeSites(schema) });
    post({ type: 'checked', outcomes: chunk.checkUntyped(schema, request) });
  } catch (error) {
    failed(error);
  }
});

try {
  await loadSqlParser();
  post({ type: 'scanned', created: chunk.scan() });
} catch (error) {
  failed(error);
}
