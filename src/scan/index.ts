// scan(dirs, schema): check codebases against one schema. Files are parsed once (raw TypeScript
// parser, on worker threads for large trees), extractors turn client calls into neutral statements,
// libpg-query turns SQL into facts, code rules check facts against the schema, all per file in the
// worker that parsed it; the type checker runs (on the main thread, one program per codebase) only
// for the parameters a rule needs, and PostgreSQL itself is asked only with `verify`.
import type { Finding } from '../findings/finding.js';
import type { ScanCoverage } from '../findings/report.js';
import type { Queryable } from '../introspect/queryable.js';
import type { Snapshot } from '../snapshot/types.js';
import { scanCoverage } from './coverage.js';
import { discoverProject, type FileSelection } from './project.js';
import { codeRules, type CodeRule } from './rules/index.js';
import { indexSchema } from './schema-index.js';
import type { Usage } from './usages.js';
import { scanProjects } from './workers.js';
import { mergeVerified, verifyStatements } from './verify.js';

export type { Usage } from './usages.js';
export type * from './facts.js';
export type { Extractor, ExtractContext, ImportBinding } from './extract/types.js';
export { codeRules } from './rules/index.js';

export interface ScanOptions extends FileSelection {
  /** ask this database (the target) to plan every extracted statement, executing nothing */
  readonly verify?: Queryable;
  /** worker threads; default: one per core for large trees, none for small ones */
  readonly workers?: number;
  /** the rules to run; default: all code rules */
  readonly rules?: readonly CodeRule[];
  /** collect where the code uses each table and column (default true; only a compare with --code reads them) */
  readonly usages?: boolean;
  /** called once the files are listed and the worker threads (if any) started: a good time to read the schema */
  readonly onStarted?: () => void;
}

export interface ScanResult {
  readonly findings: Finding[];
  /** table/column → code locations, for the link stage */
  readonly usages: Usage[];
  readonly coverage: ScanCoverage;
}

/** `schema` may be a promise: the code is parsed while it is being read. */
export async function scan(dirs: readonly string[], schema: Snapshot | PromiseLike<Snapshot>, options: ScanOptions = {}): Promise<ScanResult> {
  const projects = dirs.map((dir) => discoverProject(dir, options));
  const outcome = await scanProjects({
    projects,
    schema,
    rules: options.rules ?? codeRules,
    usages: options.usages ?? true,
    analyses: options.verify !== undefined,
    workers: options.workers,
    onStarted: options.onStarted,
  });
  const findings: Finding[] = [];
  const usages: Usage[] = [];
  const schemaIndex = options.verify ? indexSchema(await schema, outcome.created) : null;
  for (const files of outcome.files) {
    // why loops, not push(...xs): a large codebase has more usages than a call's argument limit
    const fileFindings: Finding[] = [];
    for (const file of files) {
      for (const finding of file.findings) fileFindings.push(finding);
      for (const usage of file.usages) usages.push(usage);
    }
    const checked = options.verify
      ? mergeVerified(fileFindings, await verifyStatements(options.verify, files.flatMap((f) => f.analyses ?? []), schemaIndex!))
      : fileFindings;
    for (const finding of checked) findings.push(finding);
  }
  const files = projects.reduce((sum, project) => sum + project.files.length, 0);
  return { findings, usages, coverage: scanCoverage(files, outcome.files.flat()) };
}
