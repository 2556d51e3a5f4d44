// What the compare and scan commands do around the analysis, without yargs: load the library, build its
// options, write the report and set the exit code. Shared by the yargs program (program.ts) and the
// short path of `scan` (fast-scan.ts), so that both give the same bytes and exit code.
import type { AnalysisOptions } from '../analysis.js';
import { UsageError } from '../errors.js';
import type { Report } from '../findings/report.js';
import type { ReportFormat } from '../report/formats.js';
import { exitCodeFor, type FailOn } from './exit-code.js';
import { noteWriter, useColor, writeOutput } from './output.js';
import { createProgress } from './progress.js';

export interface CommonArgs {
  format: ReportFormat;
  output?: string;
  'fail-on'?: FailOn;
  schemas?: string;
  'exclude-schemas'?: string;
  config?: string;
  'scratch-db'?: string;
  preset?: string;
  verify: boolean;
  quiet: boolean;
  color: boolean;
  debug: boolean;
  code?: string[];
  workers?: number;
}

const list = (value: string | undefined) =>
  value === undefined ? undefined : value.split(',').map((s) => s.trim()).filter((s) => s !== '');

/** What the compare and scan commands need besides the analysis itself. */
export async function loadCommandModules() {
  const [analysis, { allRules }, { loadConfig }, { render }] = await Promise.all([
    import('../analysis.js'),
    import('../all-rules.js'),
    import('../config/load-config.js'),
    import('../report/index.js'),
  ]);
  return { analysis, allRules, loadConfig, render };
}
export type CommandModules = Awaited<ReturnType<typeof loadCommandModules>>;

export function analysisOptions(m: CommandModules, args: CommonArgs, progress: ReturnType<typeof createProgress>): AnalysisOptions {
  const config = m.loadConfig(args.config, new Set(m.allRules.map((r) => r.id)));
  return {
    config,
    schemas: list(args.schemas),
    excludeSchemas: list(args['exclude-schemas']),
    preset: args.preset,
    scratchDb: args['scratch-db'],
    verify: args.verify,
    codeDirs: args.code,
    workers: workerCount(args.workers),
    onProgress: (m) => progress.step(m),
    onNote: noteWriter(args.quiet),
  };
}

function workerCount(value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1) throw new UsageError('--workers: expected a whole number of threads, 1 or more');
  return value;
}

export function emit(m: CommandModules, report: Report, args: CommonArgs): void {
  const color = useColor(args);
  // Markdown links to code resolve from where the command ran when there is one code directory
  const codeRoot = args.code?.length === 1 ? args.code[0] : undefined;
  writeOutput(m.render(report, args.format, { color, rules: m.allRules, codeRoot }), args.output);
  const config = m.loadConfig(args.config, new Set(m.allRules.map((r) => r.id)));
  process.exitCode = exitCodeFor(report.findings, args['fail-on'] ?? config.failOn ?? 'error');
}

export async function withProgress<T>(args: CommonArgs, work: (progress: ReturnType<typeof createProgress>) => Promise<T>): Promise<T> {
  const progress = createProgress(!args.quiet);
  try {
    return await work(progress);
  } finally {
    progress.done();
  }
}

/** `scan <dirs..> --schema <input>`, once the arguments are read (by yargs or by fast-scan.ts). */
export async function runScanCommand(args: CommonArgs & { dirs: string[]; schema: string }): Promise<void> {
  const m = await loadCommandModules();
  const report = await withProgress(args, (progress) => m.analysis.runScan(args.dirs, args.schema, analysisOptions(m, args, progress)));
  emit(m, report, args);
}
