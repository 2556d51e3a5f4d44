// Each format rendered from the fixed sample report, compared byte for byte with its golden file.
// Regenerate on purpose with `npx vitest run test/report -u` and review the diff of __golden__/.
import { describe, expect, it } from 'vitest';
import { render, type ReportFormat } from '../../src/report/index.js';
import { emptyReport, sampleReport, sampleRules, scanReport } from './sample-report.js';

const EXTENSION: Record<ReportFormat, string> = { table: 'txt', markdown: 'md', json: 'json', sarif: 'sarif' };

describe.each(Object.keys(EXTENSION) as ReportFormat[])('%s', (format) => {
  it('renders the sample report as its golden file', async () => {
    await expect(render(sampleReport, format, { rules: sampleRules })).toMatchFileSnapshot(
      `__golden__/sample.${EXTENSION[format]}`,
    );
  });

  it('renders an empty report as its golden file', async () => {
    await expect(render(emptyReport, format)).toMatchFileSnapshot(`__golden__/empty.${EXTENSION[format]}`);
  });

  it('renders a scan (no source) as its golden file', async () => {
    await expect(render(scanReport, format)).toMatchFileSnapshot(`__golden__/scan.${EXTENSION[format]}`);
  });

  it('is deterministic', () => {
    expect(render(sampleReport, format, { rules: sampleRules })).toBe(render(sampleReport, format, { rules: sampleRules }));
  });
});
