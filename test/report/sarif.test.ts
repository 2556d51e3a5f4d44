import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import { FINGERPRINT_KEY, renderSarif, sarifLevel } from '../../src/report/sarif.js';
import { emptyReport, sampleReport, sampleRules } from './sample-report.js';
import { sarifProblems } from './sarif-shape.js';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation?: { artifactLocation: { uri: string; uriBaseId?: string }; region?: { startLine: number; startColumn?: number } };
    logicalLocations?: { fullyQualifiedName: string; kind: string }[];
  }[];
  partialFingerprints: Record<string, string>;
}

function parse(out: string): { runs: { tool: { driver: { rules: Record<string, unknown>[] } }; results: SarifResult[] }[] } {
  return JSON.parse(out);
}

function resultFor(out: string, rule: string, name?: string): SarifResult {
  const result = parse(out).runs[0]?.results.find(
    (r) => r.ruleId === rule && (name === undefined || r.message.text.includes(name)),
  );
  if (result === undefined) throw new Error(`no result for ${rule}`);
  return result;
}

describe('sarif reporter', () => {
  it('produces a log that satisfies the SARIF 2.1.0 essentials and GitHub upload rules', () => {
    expect(sarifProblems(JSON.parse(renderSarif(sampleReport, { rules: sampleRules })))).toEqual([]);
    expect(sarifProblems(JSON.parse(renderSarif(sampleReport)))).toEqual([]);
    expect(sarifProblems(JSON.parse(renderSarif(emptyReport)))).toEqual([]);
  });

  it('the validator catches what GitHub rejects', () => {
    const log = parse(
      renderSarif({
        ...sampleReport,
        source: { input: 'env:SOURCE_URL', serverVersion: '15.8' },
        target: { input: 'postgres://db/app', serverVersion: '17.4' },
      }),
    );
    expect(sarifProblems(log)).toContain('$.runs[0].results[5].locations[0].physicalLocation: GitHub needs a physical location');
    expect(sarifProblems(log, { github: false })).toEqual([]);
  });

  it('maps severities to SARIF levels', () => {
    expect(sarifLevel('error')).toBe('error');
    expect(sarifLevel('warning')).toBe('warning');
    expect(sarifLevel('info')).toBe('note');
    const results = parse(renderSarif(sampleReport)).runs[0]?.results ?? [];
    expect(results.map((r) => r.level)).toEqual(sampleReport.findings.map((f) => sarifLevel(f.severity)));
  });

  it('describes each rule used once, with metadata when given', () => {
    const rules = parse(renderSarif(sampleReport, { rules: sampleRules })).runs[0]?.tool.driver.rules ?? [];
    expect(rules.map((r) => r.id)).toEqual([
      'check-constraint-added',
      'column-missing',
      'column-type-changed',
      'on-conflict-no-arbiter',
      'unique-missing',
      'view-changed',
    ]);
    expect(rules[2]).toMatchObject({
      shortDescription: { text: 'A column has a different type in target.' },
      defaultConfiguration: { level: 'error' },
    });
    expect(rules[0]).toEqual({ id: 'check-constraint-added' });
  });

  it('places code findings at their line so GitHub annotates it', () => {
    const result = resultFor(renderSarif(sampleReport), 'on-conflict-no-arbiter');
    expect(result.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'src/jobs/sync-clients.ts', uriBaseId: '%SRCROOT%' },
          region: { startLine: 88, startColumn: 5 },
        },
      },
    ]);
  });

  it('places schema findings where code uses the object, with the object as logical location', () => {
    const result = resultFor(renderSarif(sampleReport), 'column-missing');
    expect(result.locations).toHaveLength(7);
    expect(result.locations[0]?.physicalLocation?.artifactLocation.uri).toBe('src/repos/clients.ts');
    expect(result.locations[0]?.logicalLocations).toEqual([
      { fullyQualifiedName: 'public.clients.phone_normalized', name: 'phone_normalized', kind: 'column' },
    ]);
  });

  it('anchors schema findings no code uses at the target schema file', () => {
    const result = resultFor(renderSarif(sampleReport), 'check-constraint-added');
    expect(result.locations).toEqual([
      {
        physicalLocation: { artifactLocation: { uri: 'schema/target.sql', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } },
        logicalLocations: [
          { fullyQualifiedName: 'public.appointments.appointments_price_check', name: 'appointments_price_check', kind: 'constraint' },
        ],
      },
    ]);
  });

  it('anchors them at the source schema file when the target is a live database', () => {
    const out = renderSarif({
      ...sampleReport,
      source: { input: 'schema/source.sql', serverVersion: '15.8' },
      target: { input: 'postgres://db/app', serverVersion: '17.4' },
    });
    expect(sarifProblems(JSON.parse(out))).toEqual([]);
    expect(resultFor(out, 'check-constraint-added').locations[0]?.physicalLocation?.artifactLocation.uri).toBe('schema/source.sql');
  });

  it('writes relative URIs with / separators', () => {
    const finding: Finding = {
      ...(sampleReport.findings.find((f) => f.category === 'code') as Finding),
      locations: [{ file: './src\\my jobs\\sync.ts', line: 3, column: 1 }],
    };
    const out = renderSarif({ ...emptyReport, findings: [finding], summary: { error: 1, warning: 0, info: 0 } });
    expect(resultFor(out, finding.rule).locations[0]?.physicalLocation?.artifactLocation.uri).toBe('src/my%20jobs/sync.ts');
  });

  it('fingerprints findings by rule, object and message, not by location', () => {
    const result = resultFor(renderSarif(sampleReport), 'on-conflict-no-arbiter');
    const moved = sampleReport.findings.map((f) =>
      f.rule === 'on-conflict-no-arbiter' ? { ...f, locations: [{ file: 'src/jobs/sync-clients.ts', line: 120, column: 5 }] } : f,
    );
    const after = resultFor(renderSarif({ ...sampleReport, findings: moved }), 'on-conflict-no-arbiter');
    expect(result.partialFingerprints[FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{64}$/);
    expect(after.partialFingerprints).toEqual(result.partialFingerprints);
    const all = parse(renderSarif(sampleReport)).runs[0]?.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]);
    expect(new Set(all).size).toBe(sampleReport.findings.length);
  });
});
