// Start the code scan's worker threads before the rest of the command line has loaded, when the
// arguments say a scan is coming (`scan …`, or a compare with `--code`). Why: a worker spends ~0.4 s
// loading its modules, and the command line ~0.2 s more before it knows the files (yargs, the rules,
// the project's file list), while the second core is idle; measured on the 500k-line bench, the
// workers then start parsing ~0.2 s sooner. How many: as the scan would choose for a large tree (one
// per core, or --workers N); none on one core or with --workers 1. A scan that turns out to be small
// (it stays on the main thread) stops them at once (worker-pool.ts).
import { availableParallelism } from 'node:os';
import { prestartWorkers } from '../scan/worker-pool.js';
import { tuneV8ForScanning } from './v8-tuning.js';

export function prestartScanWorkers(argv: readonly string[]): void {
  const count = scanWorkersToPrestart(argv, availableParallelism());
  if (count === 0) return;
  tuneV8ForScanning();
  prestartWorkers(count);
}

/** How many workers to start for these arguments on this many cores: 0 when no scan is coming. */
export function scanWorkersToPrestart(argv: readonly string[], cores: number): number {
  const scans = argv[0] === 'scan' || argv.some((arg) => arg === '--code' || arg.startsWith('--code='));
  if (!scans || argv.includes('--help') || argv.includes('--version')) return 0;
  const count = workersAsked(argv) ?? cores;
  return count < 2 ? 0 : count;
}

/** `--workers N` / `--workers=N`, when it is a whole number (anything else is for yargs to reject) */
function workersAsked(argv: readonly string[]): number | null {
  const at = argv.findIndex((arg) => arg === '--workers' || arg.startsWith('--workers='));
  if (at < 0) return null;
  const value = argv[at]!.includes('=') ? argv[at]!.slice('--workers='.length) : argv[at + 1];
  const count = Number(value);
  return Number.isInteger(count) && count >= 1 ? count : null;
}
