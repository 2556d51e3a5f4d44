// Start the code scan's worker threads before the rest of the command line has loaded, when the
// arguments say a scan is coming (`scan …`, or a compare with `--code`). Why: a worker spends ~0.4 s
// loading its modules, and the command line ~0.2 s more before it knows the files (yargs, the rules,
// the project's file list), while the second core is idle; measured on the 500k-line bench, the
// workers then start parsing ~0.2 s sooner. How many: as the scan would choose for a large tree (one
// per core, or --workers N); none on one core or with --workers 1. A scan that turns out to be small
// (it stays on the main thread) stops them at once (worker-pool.ts). Not when a schema input is SQL (a
// file or a migrations folder): loading it takes seconds, which the parse overlaps anyway, and workers
// a small tree never uses would take CPU from the load (the bundled example: +0.3 s).
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
  const scans = argv[0] === 'scan' || optionValue(argv, '--code') !== undefined;
  if (!scans || argv.includes('--help') || argv.includes('--version')) return 0;
  const inputs = argv[0] === 'scan' ? [optionValue(argv, '--schema')] : positionals(argv);
  if (!inputs.every((input) => input !== undefined && QUICK_INPUT.test(input))) return 0;
  const count = Number(optionValue(argv, '--workers') ?? cores);
  // anything but a whole number is for yargs to reject
  return Number.isInteger(count) && count >= 2 ? count : 0;
}

/** A database (URL or env:NAME) or a snapshot file: read in well under a second. */
const QUICK_INPUT = /^(postgres(ql)?:\/\/|env:)|\.json$/i;

/** Options that take a value (the next argument, or after `=`). */
const WITH_VALUE = new Set(['--code', '--schema', '--format', '-o', '--output', '--fail-on', '--schemas', '--exclude-schemas', '--config', '--scratch-db', '--preset', '--workers']);

function optionValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === name) return argv[i + 1];
    if (argv[i]!.startsWith(`${name}=`)) return argv[i]!.slice(name.length + 1);
  }
  return undefined;
}

function positionals(argv: readonly string[]): string[] {
  const result: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (WITH_VALUE.has(arg)) i++;
    else if (!arg.startsWith('-')) result.push(arg);
  }
  return result;
}
