// The whole result of one run, in the shape of the JSON report (../shared/CONTRACT.md), plus two
// additive fields: what was not compared, and what the code scan covered.
import type { Finding, Location, Severity } from './finding.js';

export const REPORT_FORMAT_VERSION = 1 as const;

export interface InputInfo {
  /** the input as the user gave it, password masked: `postgres://app:***@db:5432/prod`, `schema/target.sql` */
  readonly input: string;
  readonly serverVersion: string;
}

/** Something the run did not compare or check, listed so a report never looks more complete than it is. */
export interface NotCompared {
  /** object kind or area, e.g. `owner`, `schema`, `statement` */
  readonly kind: string;
  readonly object?: string;
  readonly reason: string;
}

export interface ScanCoverage {
  readonly files: number;
  /** statements and builder calls found */
  readonly statements: number;
  /** of those, checked against the schema */
  readonly checked: number;
  /** dynamic SQL that could not be resolved statically */
  readonly notChecked: number;
  /**
   * Why those were not checked, most frequent first, with where: a report must not look more complete
   * than it is, and a user who sees the sites can often make them static (or check them with --verify).
   */
  readonly notCheckedReasons: readonly NotCheckedReason[];
}

export interface NotCheckedReason {
  readonly reason: string;
  readonly count: number;
  /** every site, in file order */
  readonly locations: readonly Location[];
}

export interface Report {
  readonly formatVersion: typeof REPORT_FORMAT_VERSION;
  readonly tool: { readonly name: 'schema-diff'; readonly version: string };
  /** null for `scan` */
  readonly source: InputInfo | null;
  readonly target: InputInfo;
  readonly summary: Readonly<Record<Severity, number>>;
  /** sorted: severity, schema, table, name, rule */
  readonly findings: readonly Finding[];
  readonly notCompared: readonly NotCompared[];
  /** present when code was scanned */
  readonly coverage?: ScanCoverage;
}
