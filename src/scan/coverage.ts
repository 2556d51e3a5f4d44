// What a scan covered: files, statements, how many were checked, and why the others were not,
// grouped by reason (most frequent first) with every site in file order.
import type { NotCheckedReason, ScanCoverage } from '../findings/report.js';
import type { FileOutcome } from './check-file.js';

export function scanCoverage(files: number, outcomes: readonly FileOutcome[]): ScanCoverage {
  let statements = 0;
  const byReason = new Map<string, NotCheckedReason['locations'][number][]>();
  for (const outcome of outcomes) {
    statements += outcome.statements;
    for (const { reason, location } of outcome.unchecked) {
      const locations = byReason.get(reason);
      if (locations) locations.push(location);
      else byReason.set(reason, [location]);
    }
  }
  const notCheckedReasons = [...byReason]
    .map(([reason, locations]) => ({ reason, count: locations.length, locations }))
    .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
  const notChecked = notCheckedReasons.reduce((sum, r) => sum + r.count, 0);
  return { files, statements, checked: statements - notChecked, notChecked, notCheckedReasons };
}
