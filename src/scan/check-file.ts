// The last per-file stage of a scan: the kinds the type checker found, then the code rules and the
// usages for one file. Plain data in and out (it runs in workers and on the main thread), and no
// TypeScript compiler among its imports.
import type { Finding, Location } from '../findings/finding.js';
import type { StatementAnalysis } from './analyze-statement.js';
import { checkFiles } from './check.js';
import type { ParamFact } from './facts.js';
import { applyTypeKinds, type Site } from './resolve-param-types.js';
import type { CodeRule } from './rules/types.js';
import type { FileScan } from './scan-file.js';
import type { SchemaIndex } from './schema-index.js';
import { collectUsages, type Usage } from './usages.js';

export interface CheckRequest {
  readonly rules: readonly CodeRule[];
  /** collect table/column usages (only a compare with --code reads them) */
  readonly usages: boolean;
  /** send the typed analyses back (verify asks PostgreSQL about every statement on the main thread) */
  readonly analyses: boolean;
}

/** What one file contributes to the scan result. */
export interface FileOutcome {
  readonly findings: readonly Finding[];
  readonly usages: readonly Usage[];
  readonly analyses: readonly StatementAnalysis[] | null;
  readonly statements: number;
  /** the statements not checked against the schema, with why */
  readonly unchecked: readonly UncheckedStatement[];
}

export interface UncheckedStatement {
  readonly location: Location;
  readonly reason: string;
}

/** Said of a statement the SQL parser rejects: its finding (sql-parse-error) says more. */
export const PARSE_ERROR_REASON = 'the SQL does not parse (sql-parse-error)';

/** The rules (and usages) for one file, `kinds[i]` being the type checker's answer for `sites[i]`. */
export function checkedFile(
  scanned: FileScan,
  schema: SchemaIndex,
  request: CheckRequest,
  sites: readonly Site[] = [],
  kinds: readonly ParamFact['kind'][] = [],
): FileOutcome {
  const file = applyTypeKinds(scanned, sites, kinds);
  return {
    // one file at a time: checkFiles deduplicates by location, which never spans two files
    findings: checkFiles([file], schema, request.rules),
    usages: request.usages ? collectUsages(file.analyses, schema) : [],
    analyses: request.analyses ? file.analyses : null,
    statements: file.analyses.filter((a) => variantIndex(a) === 0).length,
    unchecked: uncheckedSites(file.analyses),
  };
}

/** 0 for a statement with one SQL text, else which of its variants (template.ts) this is. */
function variantIndex(analysis: StatementAnalysis): number {
  return analysis.statement.variant?.index ?? 0;
}

/** Statements not checked, with why: a site with several variants counts once (its first variant not checked). */
function uncheckedSites(analyses: readonly StatementAnalysis[]): UncheckedStatement[] {
  const unchecked: UncheckedStatement[] = [];
  let site: StatementAnalysis['statement'] | null = null;
  for (const a of analyses) {
    if (a.kind === 'analyzed') continue;
    // the variants of one site are consecutive and share its location object's values
    const index = variantIndex(a);
    if (index > 0 && site && sameLocation(site.location, a.statement.location)) continue;
    site = a.statement;
    unchecked.push({ location: a.statement.location, reason: a.kind === 'unresolved' ? a.statement.reason : PARSE_ERROR_REASON });
  }
  return unchecked;
}

function sameLocation(a: Location, b: Location): boolean {
  return a.file === b.file && a.line === b.line && a.column === b.column;
}
