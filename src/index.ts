// Public API: the same results as the CLI, with types.
//   import { snapshot, compare, scan, render } from 'schema-diff'
import { runSnapshot } from './analysis.js';
import type { Snapshot } from './snapshot/types.js';

export { runCompare, runScan, snapshotJson, type AnalysisOptions } from './analysis.js';
export { allRules } from './all-rules.js';
export { compare, schemaRules, type CompareOptions } from './compare/index.js';
export { scan } from './scan/index.js';
export { codeRules } from './scan/rules/index.js';
export { render, REPORT_FORMATS, type ReportFormat, type RenderOptions } from './report/index.js';
export { openInput, snapshotInput, type InputOptions, type OpenedInput } from './input/index.js';
export { introspect, type IntrospectOptions } from './introspect/index.js';
export type { Queryable } from './introspect/queryable.js';
export { validateSnapshot } from './snapshot/validate.js';
export * from './errors.js';
export type * from './snapshot/types.js';
export type * from './findings/finding.js';
export type * from './findings/report.js';
export type { RuleMeta } from './findings/rule.js';

/** Snapshot one input (postgres:// URL, env:NAME, .sql file, migrations folder, snapshot .json). */
export function snapshot(input: string, options: { scratchDb?: string; preset?: string } = {}): Promise<Snapshot> {
  return runSnapshot(input, options);
}
