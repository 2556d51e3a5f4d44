// Counts shared by the table and markdown reporters: by severity, and by object kind × severity.
import type { Finding, ObjectKind, Severity } from '../findings/finding.js';
import { SEVERITIES } from '../findings/finding.js';
import type { ScanCoverage } from '../findings/report.js';
import { compareText } from '../snapshot/normalize.js';

// The contract's list of kinds, in its order: the summary table's rows follow it, not first appearance.
const KIND_ORDER: readonly ObjectKind[] = [
  'schema',
  'extension',
  'table',
  'column',
  'constraint',
  'index',
  'view',
  'materialized-view',
  'sequence',
  'type',
  'domain',
  'function',
  'trigger',
  'policy',
  'rls',
  'grant',
  'statement',
];

export type SeverityCounts = Readonly<Record<Severity, number>>;

export interface KindCounts {
  readonly kind: string;
  readonly counts: SeverityCounts;
}

function kindRank(kind: string): number {
  const i = KIND_ORDER.indexOf(kind as ObjectKind);
  return i === -1 ? KIND_ORDER.length : i;
}

/** One row per object kind that has findings, in the contract's kind order. */
export function countByKind(findings: readonly Finding[]): KindCounts[] {
  const byKind = new Map<string, Record<Severity, number>>();
  for (const f of findings) {
    const counts = byKind.get(f.object.kind) ?? { error: 0, warning: 0, info: 0 };
    counts[f.severity] += 1;
    byKind.set(f.object.kind, counts);
  }
  return [...byKind.entries()]
    .map(([kind, counts]) => ({ kind, counts }))
    .sort((a, b) => kindRank(a.kind) - kindRank(b.kind) || compareText(a.kind, b.kind));
}

const NOUN: Record<Severity, [string, string]> = {
  error: ['error', 'errors'],
  warning: ['warning', 'warnings'],
  info: ['info', 'info'],
};

/** `1 error`, `5 warnings`, `1 info` */
export function severityCount(severity: Severity, count: number): string {
  return `${count} ${NOUN[severity][count === 1 ? 0 : 1]}`;
}

/** `3 errors, 5 warnings, 1 info`; severities with no finding are left out. */
export function summaryPhrase(summary: SeverityCounts): string {
  return SEVERITIES.filter((s) => summary[s] > 0)
    .map((s) => severityCount(s, summary[s]))
    .join(', ');
}

/** `53 files, 240 statements, 231 checked, 9 not checked` */
export function coveragePhrase(coverage: ScanCoverage): string {
  return (
    `${plural(coverage.files, 'file', 'files')}, ${plural(coverage.statements, 'statement', 'statements')}, ` +
    `${coverage.checked} checked, ${coverage.notChecked} not checked`
  );
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** How many sites of a not-checked reason a report lists before `and N more` (the JSON lists all). */
export const NOT_CHECKED_SITES_SHOWN = { terminal: 3, markdown: 10 } as const;
