// Runs inside a worker thread: scan the files it was given, post the plain results back.
import { parentPort, workerData } from 'node:worker_threads';
import { createModuleLoader, scanFile } from './scan-file.js';
import { loadSqlParser } from './sql/parse.js';
import type { WorkerJob } from './workers.js';

try {
  await loadSqlParser();
  const load = createModuleLoader();
  const scans = (workerData as WorkerJob).inputs.map((input) => scanFile(input, load));
  parentPort?.postMessage({ ok: true, scans });
} catch (error) {
  parentPort?.postMessage({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
