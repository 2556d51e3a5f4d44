// `schema-diff <database|snapshot.json> <database|snapshot.json> [--format F] [-o FILE] [--fail-on S]
// [--quiet] [--no-color] [--debug]` without yargs, the code rules or the SQL parser: the compare that CI runs
// on every pull request, of two live databases (postgres:// or env:NAME) or of a committed snapshot file and
// a database. With a config file, any other option or input (.sql files and folders need the embedded
// PostgreSQL and are read one at a time), --help or a typo, the full program runs and validates. Same report
// bytes and exit code as the full program (test/cli/fast-paths.test.ts).
import { existsSync, statSync } from 'node:fs';
import { DEFAULT_CONFIG_FILE } from '../config/load-config.js';
import { REPORT_FORMATS, type ReportFormat } from '../report/formats.js';
import { exitCodeFor, FAIL_ON_LEVELS, type FailOn } from './exit-code.js';
import { noteWriter, useColor, writeOutput } from './output.js';
import { createProgress } from './progress.js';
import type { Report } from '../findings/report.js';
import { loadRenderer, type Renderer } from '../report/renderer.js';
import type { schemaRules } from '../compare/index.js';

export interface FastCompareArgs {
  readonly source: string;
  readonly target: string;
  readonly format: ReportFormat;
  readonly output: string | undefined;
  readonly failOn: FailOn;
  readonly quiet: boolean;
  readonly color: boolean;
}

const isDatabase = (input: string) => /^(postgres(ql)?:\/\/|env:)/i.test(input);

/** A snapshot file as the full program classifies it (src/input/index.ts: a .json file, not a folder). */
function isSnapshotFile(input: string): boolean {
  if (!/\.json$/i.test(input)) return false;
  try {
    return statSync(input).isFile();
  } catch {
    return false; // the full program says what is wrong with it
  }
}

export function fastCompareArgs(argv: readonly string[]): FastCompareArgs | null {
  const positionals: string[] = [];
  let format: string | undefined;
  let output: string | undefined;
  let failOn: string | undefined;
  let quiet = false;
  let color = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => (i + 1 < argv.length && !argv[i + 1]!.startsWith('-') ? argv[++i] : undefined);
    if (arg === '--quiet') quiet = true;
    else if (arg === '--no-color') color = false;
    else if (arg === '--debug') continue;
    else if (arg === '--format' && format === undefined) format = value() ?? '?';
    else if ((arg === '-o' || arg === '--output') && output === undefined) output = value() ?? '';
    else if (arg === '--fail-on' && failOn === undefined) failOn = value() ?? '?';
    else if (arg.startsWith('-')) return null;
    else positionals.push(arg);
  }
  if (positionals.length !== 2 || output === '') return null;
  if (!positionals.every((input) => isDatabase(input) || isSnapshotFile(input))) return null;
  if (format !== undefined && !(REPORT_FORMATS as readonly string[]).includes(format)) return null;
  if (failOn !== undefined && !(FAIL_ON_LEVELS as readonly string[]).includes(failOn)) return null;
  // a config file may name code rules: the full program validates it against every rule
  if (existsSync(DEFAULT_CONFIG_FILE)) return null;
  return {
    source: positionals[0]!,
    target: positionals[1]!,
    format: (format ?? 'table') as ReportFormat,
    output,
    failOn: (failOn ?? 'error') as FailOn,
    quiet,
    color,
  };
}

export async function runFastCompare(args: FastCompareArgs): Promise<void> {
  const progress = createProgress(!args.quiet);
  const onNote = noteWriter(args.quiet);
  let result: { report: Report; render: Renderer; rules: typeof schemaRules };
  const closing: Promise<void>[] = [];
  try {
    // why the databases first: their catalog queries start before the comparator and the reporters load,
    // so that this module loading (~50 ms of CPU) overlaps the servers' work instead of coming before it
    const { openInput } = await import('../input/index.js');
    // both at once, as runCompare reads two live databases (a snapshot file is read synchronously, in
    // order); each starts closing its connections once read, and they finish closing while the
    // comparison runs. The progress line is the full program's (src/analysis.ts).
    const reading = Promise.allSettled(
      [args.source, args.target].map((input) => {
        progress.step(`reading ${input.startsWith('postgres') ? 'database' : input}`);
        const opened = openInput(input, { onNote, keepOpen: false });
        closing.push(opened.then((o) => o.close(), () => undefined));
        return opened;
      }),
    );
    const [{ compareReport }, renderer, compare] = await Promise.all([
      import('../analysis.js'),
      loadRenderer(args.format),
      import('../compare/index.js'),
    ]);
    const [source, target] = await reading;
    if (source!.status === 'rejected') throw source!.reason;
    if (target!.status === 'rejected') throw target!.reason;
    progress.step('comparing');
    const report = compareReport(source!.value, target!.value, { config: {}, onNote });
    result = { report, render: renderer, rules: compare.schemaRules };
  } catch (error) {
    progress.done();
    await Promise.all(closing);
    throw error;
  }
  progress.done();
  // a compare without --code has schema findings only: the schema rules describe all of them in SARIF
  try {
    writeOutput(result.render(result.report, { color: useColor(args), rules: result.rules }), args.output);
    process.exitCode = exitCodeFor(result.report.findings, args.failOn);
  } finally {
    await Promise.all(closing);
  }
}
