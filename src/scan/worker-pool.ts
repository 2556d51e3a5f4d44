// Scan workers, possibly started before the scan knows its files. A worker spends its first ~0.4 s
// loading its modules (TypeScript's 9 MB compiler, the SQL parser's WASM); the command line starts
// them as soon as it sees a scan coming (src/cli/prestart-scan.ts), so that this overlaps its own
// start-up (yargs, the rules, listing the files: ~0.2 s on the bench, when the second core is idle).
// A worker waits for its job (a message) and is unref'd until taken: one never taken (a small tree
// scanned on this thread, a usage error) neither keeps the process alive nor holds anything up.
// Events that come before a worker is taken (a worker that fails to load) are kept for its owner.
import { Worker } from 'node:worker_threads';
import { workerScript } from './worker-script.js';

type Event = { readonly kind: 'message'; readonly value: unknown } | { readonly kind: 'error'; readonly value: Error } | { readonly kind: 'exit'; readonly value: number };

export interface ScanWorkerHandlers {
  message(value: unknown): void;
  error(error: Error): void;
  exit(code: number): void;
}

export class ScanWorker {
  private readonly worker: Worker;
  private readonly early: Event[] = [];
  private handlers: ScanWorkerHandlers | null = null;

  constructor() {
    const { source, options } = workerScript();
    this.worker = new Worker(source, options);
    this.worker.on('message', (value: unknown) => this.emit({ kind: 'message', value }));
    this.worker.on('error', (value: Error) => this.emit({ kind: 'error', value }));
    this.worker.on('exit', (value: number) => this.emit({ kind: 'exit', value }));
    // after the listeners: a 'message' listener refs the worker's port again
    this.worker.unref();
  }

  /** Take the worker: events from now on (and any that came before) go to `handlers`. */
  attach(handlers: ScanWorkerHandlers): void {
    this.handlers = handlers;
    this.worker.ref();
    for (const event of this.early.splice(0)) this.emit(event);
  }

  postMessage(message: unknown): void {
    this.worker.postMessage(message);
  }

  terminate(): void {
    void this.worker.terminate();
  }

  private emit(event: Event): void {
    const handlers = this.handlers;
    if (!handlers) {
      this.early.push(event);
      return;
    }
    if (event.kind === 'message') handlers.message(event.value);
    else if (event.kind === 'error') handlers.error(event.value);
    else handlers.exit(event.value);
  }
}

const idle: ScanWorker[] = [];

/** Start `count` workers now, for a scan that will take them (startedWorker). */
export function prestartWorkers(count: number): void {
  for (let i = 0; i < count; i++) idle.push(new ScanWorker());
}

/** A worker for the scan: a prestarted one if any is left, else a new one. */
export function startedWorker(): ScanWorker {
  return idle.shift() ?? new ScanWorker();
}

/** The scan needs no more workers: stop the prestarted ones it did not take. */
export function releaseIdleWorkers(): void {
  for (const worker of idle.splice(0)) worker.terminate();
}
