// The yargs program: every command and option. Behaviour lives in the library (src/analysis.ts); this
// writes the report and sets the exit code. Failures are turned into one line by main.ts.
// Why the library, the rules and the reporters are imported by the commands that run: --version, --help
// and a usage error then load yargs alone (the rule metadata alone pulls in the SQL parser).
import yargs from 'yargs';
import { PRESETS } from '../config/presets.js';
import { UsageError } from '../errors.js';
import { REPORT_FORMATS, type ReportFormat } from '../report/formats.js';
import { analysisOptions, emit, loadCommandModules, runScanCommand, withProgress, type CommonArgs } from './command-run.js';
import { FAIL_ON_LEVELS } from './exit-code.js';
import { noteWriter, writeOutput } from './output.js';
import { TOOL_VERSION } from '../version.js';
import { tuneV8ForScanning } from './v8-tuning.js';

/** The preset a config file names (the one given, or schema-diff.config.json if present). */
async function configPreset(path: string | undefined): Promise<string | undefined> {
  const [{ allRules }, { loadConfig }] = await Promise.all([import('../all-rules.js'), import('../config/load-config.js')]);
  return loadConfig(path, new Set(allRules.map((r) => r.id))).preset;
}

export async function runProgram(argv: string[]): Promise<void> {
  await yargs(argv)
    .scriptName('schema-diff')
    .usage('$0 <source> <target> [options]\n\nKeep application code and PostgreSQL schemas compatible.')
    .option('format', { choices: REPORT_FORMATS, default: 'table' as ReportFormat, describe: 'report format' })
    .option('output', { alias: 'o', type: 'string', describe: 'write the report/snapshot to FILE (folders created)' })
    .option('fail-on', { choices: FAIL_ON_LEVELS, describe: 'lowest severity that makes the exit code 1 [default: error]' })
    .option('schemas', { type: 'string', describe: 'only these schemas (comma-separated)' })
    .option('exclude-schemas', { type: 'string', describe: 'leave these schemas out (comma-separated)' })
    .option('config', { type: 'string', describe: 'config file [default: schema-diff.config.json if present]' })
    .option('scratch-db', { type: 'string', describe: 'load .sql inputs into a throwaway database on this server' })
    .option('preset', { choices: Object.keys(PRESETS), describe: 'leave platform-managed schemas and roles out' })
    .option('code', { type: 'string', array: true, describe: 'scan this codebase against target (repeatable)' })
    .option('workers', { type: 'number', describe: 'threads for the code scan [default: one per core for 200+ files; 1: no worker threads]' })
    .option('verify', { type: 'boolean', default: false, describe: 'ask the target PostgreSQL to plan every extracted statement' })
    .option('quiet', { type: 'boolean', default: false, describe: 'no progress on stderr' })
    .option('color', { type: 'boolean', default: true, describe: 'colours in the terminal table (--no-color, NO_COLOR)' })
    .option('debug', { type: 'boolean', default: false, describe: 'show stack traces of internal errors' })
    .command(
      'snapshot <input>',
      'write a schema snapshot (JSON) of one input',
      (y) => y.positional('input', { type: 'string', demandOption: true, describe: 'postgres:// URL, env:NAME, .sql file, migrations folder or snapshot .json' }),
      async (args) => {
        const a = args as unknown as CommonArgs & { input: string };
        // a snapshot holds the whole schema: what narrows or checks a comparison is refused, not ignored
        const narrowing: string[] = [
          ...(['schemas', 'exclude-schemas', 'code', 'workers', 'fail-on'] as const).filter((name) => a[name] !== undefined),
          ...(a.verify ? ['verify'] : []),
        ];
        if (narrowing.length > 0) {
          throw new UsageError(`snapshot: --${narrowing[0]} does not apply (a snapshot holds the whole schema; choose what to compare or check when it is compared)`);
        }
        const [{ runSnapshot }, { snapshotJson }] = await Promise.all([import('../analysis.js'), import('../snapshot/serialize.js')]);
        // --preset (or the config file's) matters to a snapshot too: a Supabase migrations folder loads only
        // with its stand-ins
        const preset = a.preset ?? (await configPreset(a.config));
        const snapshot = await withProgress(a, (progress) =>
          runSnapshot(a.input, { scratchDb: a['scratch-db'], preset, onProgress: (m) => progress.step(m), onNote: noteWriter(a.quiet) }),
        );
        writeOutput(snapshotJson(snapshot), a.output);
      },
    )
    .command(
      'scan <dirs..>',
      'check a codebase against one schema',
      (y) =>
        y
          .positional('dirs', { type: 'string', array: true, demandOption: true, describe: 'code directories' })
          .option('schema', { type: 'string', demandOption: true, describe: 'the schema the code runs against (any input form)' }),
      async (args) => {
        tuneV8ForScanning();
        await runScanCommand(args as unknown as CommonArgs & { dirs: string[]; schema: string });
      },
    )
    .command(
      '$0 <source> <target>',
      'compare two schemas; with --code also check a codebase against target',
      (y) =>
        y
          .positional('source', { type: 'string', demandOption: true, describe: 'where code and data come from today' })
          .positional('target', { type: 'string', demandOption: true, describe: 'where they are going' }),
      async (args) => {
        const a = args as unknown as CommonArgs & { source: string; target: string };
        if (a.code?.length) tuneV8ForScanning();
        const m = await loadCommandModules();
        const report = await withProgress(a, (progress) => m.analysis.runCompare(a.source, a.target, analysisOptions(m, a, progress)));
        emit(m, report, a);
      },
    )
    .strict()
    .version(TOOL_VERSION)
    .help()
    .wrap(Math.min(110, process.stdout.columns ?? 110))
    .fail((message, error) => {
      if (error) throw error;
      // yargs messages can span lines; the contract is one line
      throw new UsageError(`${message.replace(/\s*\n\s*/g, ' ')} (see --help)`);
    })
    .parseAsync();
}
