// `schema-diff snapshot <postgres://…|env:NAME> [-o FILE] [--quiet] [--no-color] [--debug]` without yargs,
// the comparator, the reporters, the SQL parser or the embedded PostgreSQL. Anything else (other options,
// --help, a typo) goes through the full program, which validates it.
import { writeOutput, writeOutputPieces } from './output.js';

export interface FastSnapshotArgs {
  readonly input: string;
  readonly output: string | undefined;
}

const FLAGS = new Set(['--quiet', '--no-color', '--debug']);

export function fastSnapshotArgs(argv: readonly string[]): FastSnapshotArgs | null {
  if (argv[0] !== 'snapshot') return null;
  let input: string | undefined;
  let output: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (FLAGS.has(arg)) continue;
    if ((arg === '-o' || arg === '--output') && i + 1 < argv.length && !argv[i + 1]!.startsWith('-')) {
      if (output !== undefined) return null;
      output = argv[++i];
      continue;
    }
    if (arg.startsWith('-') || input !== undefined) return null;
    input = arg;
  }
  if (input === undefined || !/^(postgres(ql)?:\/\/|env:)/i.test(input)) return null;
  return { input, output };
}

export async function runFastSnapshot(args: FastSnapshotArgs): Promise<void> {
  const { openInput } = await import('../input/index.js');
  const { snapshotJson, snapshotJsonPieces } = await import('../snapshot/serialize.js');
  const opened = await openInput(args.input, { keepOpen: false });
  // the connection closes while the snapshot is written (src/input/index.ts)
  try {
    if (args.output) writeOutputPieces((emit) => snapshotJsonPieces(opened.snapshot, emit), args.output);
    else writeOutput(snapshotJson(opened.snapshot), undefined);
  } finally {
    await opened.close();
  }
}
