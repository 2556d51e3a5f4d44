// The contract's order for findings: severity (error first), then schema, table, name, rule.
import type { Finding, Severity } from './finding.js';
import { compareText } from '../snapshot/normalize.js';

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function locationKey(f: Finding): string {
  const l = f.locations?.[0];
  return l ? `${l.file}\u0000${String(l.line).padStart(9, '0')}\u0000${String(l.column).padStart(9, '0')}` : '';
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    compareText(a.object.schema ?? '', b.object.schema ?? '') ||
    compareText(a.object.table ?? '', b.object.table ?? '') ||
    compareText(a.object.name, b.object.name) ||
    compareText(a.rule, b.rule) ||
    compareText(locationKey(a), locationKey(b)) ||
    compareText(a.message, b.message)
  );
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

export function summarize(findings: readonly Finding[]): Record<Severity, number> {
  const summary: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) summary[f.severity] += 1;
  return summary;
}
