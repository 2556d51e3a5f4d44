// `schema-diff scan <dir...> --schema <input> [--format F] [-o FILE] [--fail-on S] [--quiet] [--no-color]
// [--debug]` without yargs: the scan CI runs on every pull request. yargs, its help text (rendered and
// cached for every command it runs) and the string-width chain behind it cost ~0.1 s of CPU before the
// scan could start, while the scan's worker threads, already started, waited for their files. The run
// itself is the full program's (command-run.ts), config file included; any other option, a repeated one,
// `--opt=value`, --help or a typo goes to the full program, which validates and explains. Same report
// bytes and exit code (test/cli/fast-paths.test.ts).
import { REPORT_FORMATS, type ReportFormat } from '../report/formats.js';
import type { CommonArgs } from './command-run.js';
import { FAIL_ON_LEVELS, type FailOn } from './exit-code.js';

export type FastScanArgs = CommonArgs & { dirs: string[]; schema: string };

export function fastScanArgs(argv: readonly string[]): FastScanArgs | null {
  if (argv[0] !== 'scan') return null;
  const dirs: string[] = [];
  const seen = new Set<string>();
  const values = new Map<string, string>();
  let quiet = false;
  let color = true;
  let debug = false;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    const name = arg === '-o' ? '--output' : arg;
    if (seen.has(name)) return null;
    seen.add(name);
    if (name === '--quiet') quiet = true;
    else if (name === '--no-color') color = false;
    else if (name === '--debug') debug = true;
    else if (name === '--schema' || name === '--format' || name === '--output' || name === '--fail-on') {
      const value = argv[i + 1];
      if (value === undefined || value === '' || value.startsWith('-')) return null;
      values.set(name, value);
      i++;
    } else if (arg.startsWith('-')) return null;
    else dirs.push(arg);
  }
  const schema = values.get('--schema');
  const format = values.get('--format') ?? 'table';
  const failOn = values.get('--fail-on');
  if (dirs.length === 0 || schema === undefined) return null;
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) return null;
  if (failOn !== undefined && !(FAIL_ON_LEVELS as readonly string[]).includes(failOn)) return null;
  const output = values.get('--output');
  return {
    dirs,
    schema,
    format: format as ReportFormat,
    ...(output !== undefined ? { output } : {}),
    ...(failOn !== undefined ? { 'fail-on': failOn as FailOn } : {}),
    verify: false,
    quiet,
    color,
    debug,
  };
}
