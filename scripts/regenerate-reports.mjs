// Regenerate reports/ from the bundled example: npm run build && npm run reports
// These files are the README's showcase; never edit them by hand (test/reports.test.ts checks them).
import { mkdirSync, writeFileSync } from 'node:fs';
import { allRules } from '../dist/all-rules.js';
import { runCompare } from '../dist/analysis.js';
import { render } from '../dist/report/index.js';
import { REPORT_FILES, EXAMPLE, REPORT_CODE_ROOT } from './report-files.mjs';

const report = await runCompare(EXAMPLE.source, EXAMPLE.target, { codeDirs: [EXAMPLE.code], preset: EXAMPLE.preset });
mkdirSync('reports', { recursive: true });
for (const [format, file] of Object.entries(REPORT_FILES)) {
  writeFileSync(file, render(report, format, { rules: allRules, codeRoot: REPORT_CODE_ROOT }));
  console.log(`wrote ${file}`);
}
