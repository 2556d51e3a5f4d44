import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import type { Report } from '../../src/findings/report.js';
import { renderJson } from '../../src/report/json.js';
import { sampleReport } from './sample-report.js';

/** The report as plain JSON data would carry it: undefined fields gone. */
function withoutUndefined(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

describe('json reporter', () => {
  it('round-trips: parsing the output gives the report back', () => {
    expect(JSON.parse(renderJson(sampleReport))).toEqual(withoutUndefined(sampleReport));
  });

  it("keeps the contract's key order whatever order the report was built in", () => {
    const f = sampleReport.findings[0] as Finding;
    const scrambled: Finding = {
      fix: f.fix,
      locations: f.locations,
      target: f.target,
      source: f.source,
      message: f.message,
      object: { name: f.object.name, table: f.object.table, schema: f.object.schema, kind: f.object.kind },
      category: f.category,
      severity: f.severity,
      rule: f.rule,
    } as Finding;
    const report: Report = {
      notCompared: [],
      findings: [scrambled],
      summary: { info: 0, warning: 0, error: 1 },
      target: sampleReport.target,
      source: sampleReport.source,
      tool: sampleReport.tool,
      formatVersion: 1,
    };
    const parsed = JSON.parse(renderJson(report)) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['formatVersion', 'tool', 'source', 'target', 'summary', 'findings', 'notCompared']);
    expect(Object.keys(parsed.summary as object)).toEqual(['error', 'warning', 'info']);
    const finding = (parsed.findings as Record<string, unknown>[])[0] as Record<string, unknown>;
    expect(Object.keys(finding)).toEqual(['rule', 'severity', 'category', 'object', 'message', 'source', 'target', 'locations', 'fix']);
    expect(Object.keys(finding.object as object)).toEqual(['kind', 'schema', 'table', 'name']);
  });

  it('puts coverage last and verified after fix, and leaves unset optional fields out', () => {
    const parsed = JSON.parse(renderJson(sampleReport)) as { findings: Record<string, unknown>[] } & Record<string, unknown>;
    expect(Object.keys(parsed).slice(-2)).toEqual(['notCompared', 'coverage']);
    const code = parsed.findings.find((f) => f.rule === 'on-conflict-no-arbiter') as Record<string, unknown>;
    expect(Object.keys(code)).toEqual(['rule', 'severity', 'category', 'object', 'message', 'locations', 'sql', 'fix', 'verified']);
    const view = parsed.findings.find((f) => f.rule === 'view-changed') as Record<string, unknown>;
    expect(Object.keys(view.object as object)).toEqual(['kind', 'schema', 'name']);
  });

  it('writes null for the source of a scan', () => {
    const parsed = JSON.parse(renderJson({ ...sampleReport, source: null })) as Record<string, unknown>;
    expect(parsed.source).toBeNull();
  });

  it('uses a 2-space indent and ends with a newline', () => {
    const out = renderJson(sampleReport);
    expect(out.startsWith('{\n  "formatVersion": 1,\n  "tool": {\n    "name"')).toBe(true);
    expect(out.endsWith('}\n')).toBe(true);
  });
});
