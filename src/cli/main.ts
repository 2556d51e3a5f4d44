#!/usr/bin/env node
// The command line's entry: turns every failure into one line on stderr with exit 2 (a stack trace only
// with --debug). `snapshot <live database>`, the compare of two live databases and a plain `scan` take
// short paths that load only what they need: they are the commands run on every pull request, and module
// loading (yargs alone ~0.1 s) would otherwise be much of their time.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SchemaDiffError } from '../errors.js';
import { maskSecrets } from '../input/mask.js';
import { fastCompareArgs, runFastCompare } from './fast-compare.js';
import { fastScanArgs } from './fast-scan.js';
import { fastSnapshotArgs, runFastSnapshot } from './fast-snapshot.js';

export async function main(argv: string[]): Promise<void> {
  let debug = argv.includes('--debug');
  try {
    const snapshot = fastSnapshotArgs(argv);
    const compare = snapshot ? null : fastCompareArgs(argv);
    const scan = snapshot || compare ? null : fastScanArgs(argv);
    if (snapshot) await runFastSnapshot(snapshot);
    else if (compare) await runFastCompare(compare);
    else if (scan) {
      (await import('./prestart-scan.js')).prestartScanWorkers(argv);
      (await import('./v8-tuning.js')).tuneV8ForScanning();
      await (await import('./command-run.js')).runScanCommand(scan);
    } else {
      (await import('./prestart-scan.js')).prestartScanWorkers(argv);
      await (await import('./program.js')).runProgram(argv);
    }
  } catch (error) {
    debug ||= process.env.SCHEMA_DIFF_DEBUG === '1';
    if (error instanceof SchemaDiffError) {
      process.stderr.write(`schema-diff: ${maskSecrets(error.message)}\n`);
      if (debug && error.stack) process.stderr.write(`${maskSecrets(error.stack)}\n`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`schema-diff: internal error: ${maskSecrets(message)}${debug ? '' : ' (run with --debug for details)'}\n`);
      if (debug && error instanceof Error && error.stack) process.stderr.write(`${maskSecrets(error.stack)}\n`);
    }
    process.exitCode = 2;
  }
}

function isEntryPoint(): boolean {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  process.on('unhandledRejection', (reason) => {
    process.stderr.write(`schema-diff: internal error: ${maskSecrets(String((reason as Error)?.message ?? reason))}\n`);
    process.exit(2);
  });
  await main(process.argv.slice(2));
}
