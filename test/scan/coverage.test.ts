// The coverage line and its not-checked reasons: every not-checked statement is counted once, under its
// reason, reasons most frequent first (ties by reason), sites in the order the files came.
import { describe, expect, it } from 'vitest';
import { scanCoverage } from '../../src/scan/coverage.js';
import type { FileOutcome } from '../../src/scan/check-file.js';
import { scan } from '../../src/scan/index.js';
import { openInput } from '../../src/input/index.js';

const at = (file: string, line: number) => ({ file, line, column: 1 });
const outcome = (statements: number, unchecked: [string, number, string][]): FileOutcome => ({
  findings: [],
  usages: [],
  analyses: null,
  statements,
  unchecked: unchecked.map(([file, line, reason]) => ({ location: at(file, line), reason })),
});

describe('scan coverage', () => {
  it('groups not-checked statements by reason, most frequent first', () => {
    const coverage = scanCoverage(3, [
      outcome(4, [['a.ts', 3, 'b reason'], ['a.ts', 9, 'a reason']]),
      outcome(0, []),
      outcome(5, [['c.ts', 1, 'c reason'], ['c.ts', 2, 'c reason'], ['c.ts', 7, 'a reason']]),
    ]);
    expect(coverage).toEqual({
      files: 3,
      statements: 9,
      checked: 4,
      notChecked: 5,
      notCheckedReasons: [
        { reason: 'a reason', count: 2, locations: [at('a.ts', 9), at('c.ts', 7)] },
        { reason: 'c reason', count: 2, locations: [at('c.ts', 1), at('c.ts', 2)] },
        { reason: 'b reason', count: 1, locations: [at('a.ts', 3)] },
      ],
    });
  });

  it('lists every not-checked site of a real scan, parse errors included', async () => {
    const { snapshot } = await openInput('fixtures/salon/target.sql');
    const { coverage } = await scan(['fixtures/scan-pg'], snapshot, { workers: 1 });
    const listed = coverage.notCheckedReasons.reduce((sum, r) => sum + r.locations.length, 0);
    expect(coverage.notChecked).toBeGreaterThan(0);
    expect(listed).toBe(coverage.notChecked);
    expect(coverage.checked + coverage.notChecked).toBe(coverage.statements);
  });
});
