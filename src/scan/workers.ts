// Parsing and extraction on worker threads. Files are dealt round-robin into one chunk per worker
// (sizes even out), results are put back in file order, so findings are identical for any worker
// count. Small trees stay on the main thread: starting a worker costs more than it saves.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ProjectFiles } from './project.js';
import { createModuleLoader, scanFile, type FileScan, type FileScanInput } from './scan-file.js';
import { workerScript } from './worker-script.js';

/** Below this many files one thread is faster (measured: worker start-up ≈ 150 ms). */
const MIN_FILES_FOR_WORKERS = 200;

export interface WorkerJob {
  readonly inputs: readonly FileScanInput[];
}

function inThread(inputs: readonly FileScanInput[]): FileScan[] {
  const load = createModuleLoader();
  return inputs.map((input) => scanFile(input, load));
}

export async function scanFiles(project: ProjectFiles, requested?: number): Promise<FileScan[]> {
  const dependencies = [...project.dependencies].sort();
  const inputs: FileScanInput[] = project.files.map((path) => ({ root: project.root, path, dependencies }));
  const count = Math.max(1, Math.min(requested ?? (inputs.length >= MIN_FILES_FOR_WORKERS ? availableParallelism() : 1), inputs.length));
  if (count <= 1) return inThread(inputs);
  const chunks: FileScanInput[][] = Array.from({ length: count }, () => []);
  inputs.forEach((input, i) => chunks[i % count]!.push(input));
  const results = await Promise.all(chunks.map((chunk) => runWorker({ inputs: chunk })));
  const byPath = new Map<string, FileScan>();
  chunks.forEach((chunk, c) => chunk.forEach((input, i) => byPath.set(input.path, results[c]![i]!)));
  return inputs.map((input) => byPath.get(input.path)!);
}

function runWorker(job: WorkerJob): Promise<FileScan[]> {
  const { source, options } = workerScript();
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { ...options, workerData: job });
    worker.once('message', (message: { ok: true; scans: FileScan[] } | { ok: false; error: string }) => {
      if (message.ok) resolve(message.scans);
      else reject(new Error(`scan worker: ${message.error}`));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`scan worker exited with code ${code}`));
    });
  });
}

export { inThread as scanFilesInThread };
