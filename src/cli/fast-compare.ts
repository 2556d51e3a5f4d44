// `schema-diff <database> <database> [--format F] [-o FILE] [--fail-on S] [--quiet] [--no-color] [--debug]`
// without yargs, the code rules or the SQL parser: the compare of two live databases (postgres:// or
// env:NAME) that CI runs on every pull request. With a config file, any other option or input, --help or
// a typo, the full program runs and validates. Same report bytes and exit code as the full program
// (test/cli/fast-paths.test.ts).
import { existsSync } from 'node:fs';
import { DEFAULT_CONFIG_FILE } from '../config/load-config.js';
import { REPORT_FORMATS, type ReportFormat } from '../report/formats.js';
import { exitCodeFor, FAIL_ON_LEVELS, type FailOn } from './exit-code.js';
import { noteWriter, useColor, writeOutput } from './output.js';
import { createProgress } from './progress.js';

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
  if (positionals.length !== 2 || !positionals.every(isDatabase) || output === '') return null;
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
  const [{ runCompare }, { render }, { schemaRules }] = await Promise.all([
    import('../analysis.js'),
    import('../report/index.js'),
    import('../compare/index.js'),
  ]);
  const progress = createProgress(!args.quiet);
  let report;
  try {
    report = await runCompare(args.source, args.target, {
      config: {},
      onProgress: (m) => progress.step(m),
      onNote: noteWriter(args.quiet),
    });
  } finally {
    progress.done();
  }
  const color = useColor(args);
  // a compare without --code has schema findings only: the schema rules describe all of them in SARIF
  writeOutput(render(report, args.format, { color, rules: schemaRules }), args.output);
  process.exitCode = exitCodeFor(report.findings, args.failOn);
}
