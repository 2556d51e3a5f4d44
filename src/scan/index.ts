// scan(dirs, schema): check codebases against one schema. Files are parsed once (raw TypeScript
// parser, optionally on worker threads), extractors turn client calls into neutral statements,
// libpg-query turns SQL into facts, code rules check facts against the schema; the type checker runs
// only for the parameters a rule needs, and PostgreSQL itself is asked only with `verify`.
import type { Finding } from '../findings/finding.js';
import type { ScanCoverage } from '../findings/report.js';
import type { Queryable } from '../introspect/queryable.js';
import type { Snapshot } from '../snapshot/types.js';
import type { StatementAnalysis } from './analyze-statement.js';
import { checkFiles } from './check.js';
import type { RelationName } from './facts.js';
import { discoverProject, type FileSelection } from './project.js';
import { codeRules, type CodeRule } from './rules/index.js';
import type { FileScan } from './scan-file.js';
import { indexSchema } from './schema-index.js';
import { loadSqlParser } from './sql/parse.js';
import { resolveParamTypes } from './resolve-param-types.js';
import { collectUsages, type Usage } from './usages.js';
import { scanFiles } from './workers.js';
import { mergeVerified, verifyStatements } from './verify.js';
import { tablesCreatedForEveryFile } from './migration-context.js';

export type { Usage } from './usages.js';
export type * from './facts.js';
export type { Extractor, ExtractContext, ImportBinding } from './extract/types.js';
export { codeRules } from './rules/index.js';

export interface ScanOptions extends FileSelection {
  /** ask this database (the target) to plan every extracted statement, executing nothing */
  readonly verify?: Queryable;
  /** worker threads for parsing; default: one per core for large trees, none for small ones */
  readonly workers?: number;
  /** the rules to run; default: all code rules */
  readonly rules?: readonly CodeRule[];
}

export interface ScanResult {
  readonly findings: Finding[];
  /** table/column → code locations, for the link stage */
  readonly usages: Usage[];
  readonly coverage: ScanCoverage;
}

export async function scan(dirs: readonly string[], schema: Snapshot, options: ScanOptions = {}): Promise<ScanResult> {
  await loadSqlParser();
  const rules = options.rules ?? codeRules;
  const findings: Finding[] = [];
  const usages: Usage[] = [];
  let files = 0;
  const analyses: StatementAnalysis[] = [];
  const scanned: { root: string; scans: FileScan[]; project: ReturnType<typeof discoverProject> }[] = [];
  for (const dir of dirs) {
    const project = discoverProject(dir, options);
    files += project.files.length;
    const scans = await scanFiles(project, options.workers);
    scanned.push({ root: dir, scans, project });
  }
  // tables any scanned code creates are known to every statement (migrations, temp tables)
  const created = tablesCreatedForEveryFile(scanned.flatMap(({ scans }) => scans.flatMap((file) => file.analyses)), schema);
  const schemaIndex = indexSchema(schema, created);
  for (const { root, project, scans } of scanned) {
    const typed = resolveParamTypes(scans, schemaIndex, root, project.compilerOptions);
    const fileFindings = checkFiles(typed, schemaIndex, rules);
    const fileAnalyses = typed.flatMap((f) => f.analyses);
    const checked = options.verify ? mergeVerified(fileFindings, await verifyStatements(options.verify, fileAnalyses, schemaIndex)) : fileFindings;
    // why loops, not push(...xs): a large codebase has more usages than a call's argument limit
    for (const finding of checked) findings.push(finding);
    for (const analysis of fileAnalyses) analyses.push(analysis);
    for (const usage of collectUsages(fileAnalyses, schemaIndex)) usages.push(usage);
  }
  const unresolved = analyses.filter((a) => a.kind !== 'analyzed').length;
  return {
    findings,
    usages,
    coverage: { files, statements: analyses.length, checked: analyses.length - unresolved, notChecked: unresolved },
  };
}
