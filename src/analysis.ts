// The whole job, as the CLI runs it and the library offers it: inputs → snapshots → compare and/or
// scan → one Report. The two inputs are read at the same time unless both are large SQL inputs (an
// embedded PostgreSQL holds ~0.5-1.2 GB): those load one after the other, each released before the
// next. The target stays open only when --verify needs to ask it.
import { compare as compareSnapshots } from './compare/index.js';
import type { Config } from './config/load-config.js';
import { PRESETS } from './config/presets.js';
import { applySettings } from './findings/apply-settings.js';
import { attachUsages } from './findings/attach-usages.js';
import type { Finding } from './findings/finding.js';
import { sortFindings, summarize } from './findings/order.js';
import type { NotCompared, Report, ScanCoverage } from './findings/report.js';
import { embeddedLoadBytes } from './input/embedded-load-size.js';
import { openInput, type InputOptions, type OpenedInput } from './input/index.js';
import type { Snapshot } from './snapshot/types.js';
import { TOOL_VERSION } from './version.js';
export { snapshotJson } from './snapshot/serialize.js';
// why not here: the rule metadata (src/all-rules.ts) loads the code rules and the SQL parser, which a
// compare of two schemas does not need

export interface AnalysisOptions {
  readonly config?: Config;
  /** command-line schema filters win over the config's */
  readonly schemas?: readonly string[];
  readonly excludeSchemas?: readonly string[];
  readonly preset?: string;
  readonly scratchDb?: string;
  readonly verify?: boolean;
  readonly codeDirs?: readonly string[];
  /** threads for the code scan; default: one per core for large trees */
  readonly workers?: number;
  readonly onProgress?: (message: string) => void;
  readonly onNote?: (message: string) => void;
}

function filters(options: AnalysisOptions) {
  const presetName = options.preset ?? options.config?.preset;
  const preset = presetName ? PRESETS[presetName] : undefined;
  const schemas = options.schemas ?? options.config?.schemas;
  const excludeSchemas = [...(options.excludeSchemas ?? options.config?.excludeSchemas ?? []), ...(preset?.excludeSchemas ?? [])]
    // a schema asked for by name is compared even when the preset would leave it out
    .filter((s) => !schemas?.includes(s));
  return { schemas, excludeSchemas, excludeRoles: preset?.excludeRoles ?? [] };
}

async function open(input: string, options: AnalysisOptions, keepOpen: boolean): Promise<OpenedInput> {
  options.onProgress?.(`reading ${input.startsWith('postgres') ? 'database' : input}`);
  const inputOptions: InputOptions = {
    scratchDb: options.scratchDb,
    keepOpen,
    onNote: options.onNote,
    preset: options.preset ?? options.config?.preset,
  };
  return openInput(input, inputOptions);
}

/**
 * `usages`: where the code uses each table and column, which only a compare reads (to size a
 * change's blast radius). `target` may still be opening: the code is parsed meanwhile.
 */
async function scanAgainst(target: OpenedInput | Promise<OpenedInput>, options: AnalysisOptions, usages: boolean, onStarted?: () => void) {
  const dirs = options.codeDirs ?? [];
  if (dirs.length === 0) return undefined;
  options.onProgress?.(`scanning ${dirs.join(', ')}`);
  // why: loaded on demand, the TypeScript compiler costs ~0.3 s of start-up that schema-only runs never need
  const { scan: scanCode } = await import('./scan/index.js');
  const opened = Promise.resolve(target);
  const snapshot = opened.then((t) => t.snapshot);
  snapshot.catch(() => undefined); // the caller reports a target that cannot be opened
  return scanCode([...dirs], snapshot, {
    include: options.config?.code?.include ? [...options.config.code.include] : undefined,
    exclude: options.config?.code?.exclude ? [...options.config.code.exclude] : undefined,
    verify: options.verify ? ((await opened).database ?? undefined) : undefined,
    usages,
    workers: options.workers,
    onStarted,
  });
}

function limitationsOf(snapshot: Snapshot, side: string): NotCompared[] {
  return snapshot.limitations.map((l) => ({ kind: l.kind, object: l.object, reason: `${side}: ${l.reason}` }));
}

function finish(
  source: { display: string; snapshot: Snapshot } | null,
  target: { display: string; snapshot: Snapshot },
  findings: Finding[],
  notCompared: NotCompared[],
  coverage: ScanCoverage | undefined,
  options: AnalysisOptions,
): Report {
  const settled = sortFindings(applySettings(findings, { rules: options.config?.rules, ignore: options.config?.ignore }));
  return {
    formatVersion: 1,
    tool: { name: 'schema-diff', version: TOOL_VERSION },
    source: source ? { input: source.display, serverVersion: source.snapshot.serverVersion } : null,
    target: { input: target.display, serverVersion: target.snapshot.serverVersion },
    summary: summarize(settled),
    findings: settled,
    notCompared,
    ...(coverage ? { coverage } : {}),
  };
}

/** The compare stage of `schema-diff <source> <target>` on snapshots already taken (no code scan). */
export function compareReport(
  source: { display: string; snapshot: Snapshot },
  target: { display: string; snapshot: Snapshot },
  options: AnalysisOptions = {},
): Report {
  return compareWithScan(source, target, undefined, options);
}

function compareWithScan(
  source: { display: string; snapshot: Snapshot },
  target: { display: string; snapshot: Snapshot },
  scanned: Awaited<ReturnType<typeof scanAgainst>>,
  options: AnalysisOptions,
): Report {
  const f = filters(options);
  const result = compareSnapshots(source.snapshot, target.snapshot, {
    schemas: f.schemas ? [...f.schemas] : undefined,
    excludeSchemas: [...f.excludeSchemas],
    excludeRoles: [...f.excludeRoles],
  });
  let findings: Finding[] = [...result.findings];
  if (scanned) findings = [...attachUsages(findings, scanned.usages), ...scanned.findings];
  return finish(source, target, findings, [...result.notCompared], scanned?.coverage, options);
}

/**
 * Read both inputs at the same time? Two live databases, yes (each is mostly waiting on its server), and
 * anything with at most one SQL input. A SQL input loads in its embedded PostgreSQL's own thread, so two
 * of them load side by side on two cores, but each instance holds ~0.45 GB plus what it loaded. Peak RSS
 * measured two at a time: 0.65 MB of SQL in all 1.02 GB, musicbrainz (1.4 MB) 1.03 GB (0.81 GB since
 * scripts up to 1 MiB start with small shared buffers: embedded-postgres.ts), 2.2 MB 1.20 GB,
 * 3.0 MB 1.30 GB; one at a time at 5,000 tables (11 MB) 1.17 GB, where two at once would pass 2 GB. So
 * up to 3 MiB of SQL in all they load together, above it one after the other (peak stays under 1.5 GB).
 */
export const TOGETHER_MAX_SQL_BYTES = 3 * 1024 * 1024;

function readTogether(sourceInput: string, targetInput: string, options: AnalysisOptions): boolean {
  const [source, target] = [sourceInput, targetInput].map((input) => embeddedLoadBytes(input, options)) as [number, number];
  return source === 0 || target === 0 || source + target <= TOGETHER_MAX_SQL_BYTES;
}

/** `schema-diff <source> <target> [--code DIR]` */
export async function runCompare(sourceInput: string, targetInput: string, options: AnalysisOptions = {}): Promise<Report> {
  const keepTarget = Boolean(options.verify && options.codeDirs?.length);
  let source: OpenedInput;
  let target: OpenedInput;
  if (readTogether(sourceInput, targetInput, options)) {
    // the target's notes wait until the source is read, so that they come out in the order they would
    // one at a time (and not at all when the source fails, as then the target would not have been read)
    let held: string[] | null = [];
    const onNote = options.onNote;
    const targetOptions = { ...options, onNote: onNote && ((note: string) => (held ? held.push(note) : onNote(note))) };
    const sourceOpened = open(sourceInput, options, false).then(
      (opened) => {
        for (const note of held ?? []) onNote?.(note);
        held = null;
        return opened;
      },
      (error: unknown) => {
        held = [];
        throw error;
      },
    );
    const [s, t] = await Promise.allSettled([sourceOpened, open(targetInput, targetOptions, keepTarget)]);
    if (s.status === 'rejected' || t.status === 'rejected') {
      if (t.status === 'fulfilled') await t.value.close();
      throw s.status === 'rejected' ? s.reason : (t as PromiseRejectedResult).reason;
    }
    [source, target] = [s.value, t.value];
  } else {
    source = await open(sourceInput, options, false);
    target = await open(targetInput, options, keepTarget);
  }
  await source.close();
  try {
    options.onProgress?.('comparing');
    const scanned = await scanAgainst(target, options, true);
    return compareWithScan(source, target, scanned, options);
  } finally {
    await target.close();
  }
}

/** `schema-diff scan <dir...> --schema <input>` */
export async function runScan(dirs: readonly string[], schemaInput: string, options: AnalysisOptions = {}): Promise<Report> {
  // why at the same time: on a large codebase the worker threads parse the code while this thread
  // reads the schema. Why only once the scan has started its workers (unless --verify, which needs
  // the database first): reading a 5,000-table snapshot file keeps this thread busy ~1 s, and the
  // workers were started after it (measured on the 500k-line bench: they started at 1.5 s instead
  // of 0.5 s, load 6-11); now they load their modules meanwhile
  let startOpening = (): void => undefined;
  const scanStarted = options.verify ? Promise.resolve() : new Promise<void>((resolve) => (startOpening = resolve));
  const opening = scanStarted.then(() => open(schemaInput, options, Boolean(options.verify)));
  const scanning = scanAgainst(opening, { ...options, codeDirs: dirs }, false, startOpening);
  // a scan that ends (or fails: a missing folder) before it starts its workers still reads the schema
  scanning.then(startOpening, startOpening);
  // why: the scan may fail (a missing folder) while this thread still awaits the schema; marking it
  // handled now keeps that from becoming an unhandled rejection. It is awaited (and rethrown) below.
  scanning.catch(() => undefined);
  let target: OpenedInput;
  try {
    target = await opening;
  } catch (error) {
    await scanning.catch(() => undefined);
    throw error;
  }
  try {
    const scanned = await scanning;
    const notCompared = limitationsOf(target.snapshot, 'schema');
    return finish(null, target, scanned ? [...scanned.findings] : [], notCompared, scanned?.coverage, options);
  } finally {
    await target.close();
  }
}

/** `schema-diff snapshot <input>`: the snapshot as the bytes the CLI writes. */
export async function runSnapshot(input: string, options: Pick<AnalysisOptions, 'scratchDb' | 'preset' | 'onProgress' | 'onNote'> = {}): Promise<Snapshot> {
  const opened = await open(input, options, false);
  await opened.close();
  return opened.snapshot;
}

