import { describe, expect, it } from 'vitest';
import { renderTable } from '../../src/report/table.js';
import { emptyReport, sampleReport } from './sample-report.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** Terminal width of a line: box-drawing and arrows count one column each. */
function columns(line: string): number {
  return [...line.replace(ANSI, '')].length;
}

describe('table reporter', () => {
  it('has no ANSI escape codes unless colour is asked for', () => {
    expect(renderTable(sampleReport)).not.toMatch(ANSI);
    expect(renderTable(sampleReport, { color: false })).not.toMatch(ANSI);
  });

  it('colours severities when asked, and is otherwise the same text', () => {
    const coloured = renderTable(sampleReport, { color: true });
    expect(coloured).toContain('\u001b[31merror\u001b[0m');
    expect(coloured).toContain('\u001b[33mwarning\u001b[0m');
    expect(coloured.replace(ANSI, '')).toBe(renderTable(sampleReport));
  });

  it('keeps the table within the requested width', () => {
    for (const width of [100, 120]) {
      const table = renderTable(sampleReport, { width }).split('\n').filter((l) => /^[┌│├└]/.test(l));
      expect(table.length).toBeGreaterThan(0);
      for (const line of table) expect(columns(line)).toBeLessThanOrEqual(width);
    }
  });

  it('ends with the summary line', () => {
    expect(renderTable(sampleReport).trimEnd().split('\n').at(-1)).toBe('4 errors, 2 warnings, 1 info');
  });

  it('says so when there is nothing to report', () => {
    expect(renderTable(emptyReport)).toContain('No differences found.');
    expect(renderTable({ ...emptyReport, source: null })).toContain('No problems found.');
  });
});
