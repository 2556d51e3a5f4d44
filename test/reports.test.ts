// reports/ holds the bundled example's report in every format; it must be what the tool produces now.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allRules } from '../src/all-rules.js';
import { runCompare } from '../src/analysis.js';
import { render, type ReportFormat } from '../src/report/index.js';
// @ts-expect-error plain ESM module shared with scripts/regenerate-reports.mjs
import { EXAMPLE, REPORT_CODE_ROOT, REPORT_FILES } from '../scripts/report-files.mjs';

describe('reports/ (regenerate: npm run build && npm run reports)', () => {
  it('equals the current output for the bundled example in every format', async () => {
    const report = await runCompare(EXAMPLE.source, EXAMPLE.target, { codeDirs: [EXAMPLE.code], preset: EXAMPLE.preset });
    for (const [format, file] of Object.entries(REPORT_FILES as Record<ReportFormat, string>)) {
      expect(render(report, format as ReportFormat, { rules: allRules, codeRoot: REPORT_CODE_ROOT }), file).toBe(readFileSync(file, 'utf8'));
    }
    // the example exists to show the incidents: it must keep failing the gate
    expect(report.summary.error).toBeGreaterThan(0);
  });
});
