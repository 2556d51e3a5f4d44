import type { Finding, Severity } from '../findings/finding.js';

export type FailOn = Severity | 'none';
export const FAIL_ON_LEVELS: readonly FailOn[] = ['error', 'warning', 'info', 'none'];
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** 1 when a finding is at or above --fail-on, else 0. (2 is for runs that could not complete.) */
export function exitCodeFor(findings: readonly Finding[], failOn: FailOn): 0 | 1 {
  if (failOn === 'none') return 0;
  return findings.some((f) => RANK[f.severity] <= RANK[failOn]) ? 1 : 0;
}
