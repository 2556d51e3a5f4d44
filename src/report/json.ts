// The JSON report: the contract's shape and key order, rebuilt field by field so that key order
// never depends on how the report object happened to be constructed.
import type { Finding, Location, ObjectRef } from '../findings/finding.js';
import type { InputInfo, NotCompared, Report, ScanCoverage } from '../findings/report.js';

type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json | undefined };

function input(info: InputInfo | null): Json {
  return info === null ? null : { input: info.input, serverVersion: info.serverVersion };
}

export function object(ref: ObjectRef): Json {
  return { kind: ref.kind, schema: ref.schema, table: ref.table, name: ref.name };
}

function location(l: Location): Json {
  return { file: l.file, line: l.line, column: l.column };
}

function finding(f: Finding): Json {
  return {
    rule: f.rule,
    severity: f.severity,
    category: f.category,
    object: object(f.object),
    message: f.message,
    source: f.source,
    target: f.target,
    locations: f.locations?.map(location),
    sql: f.sql,
    fix: f.fix,
    verified: f.verified,
  };
}

export function notCompared(n: NotCompared): Json {
  return { kind: n.kind, object: n.object, reason: n.reason };
}

export function coverage(c: ScanCoverage): Json {
  return {
    files: c.files,
    statements: c.statements,
    checked: c.checked,
    notChecked: c.notChecked,
    notCheckedReasons: c.notCheckedReasons.map((r) => ({ reason: r.reason, count: r.count, locations: r.locations.map(location) })),
  };
}

/** Plain data in the contract's key order; undefined fields are left out by JSON.stringify. */
export function reportToJson(report: Report): Json {
  return {
    formatVersion: report.formatVersion,
    tool: { name: report.tool.name, version: report.tool.version },
    source: input(report.source),
    target: input(report.target),
    summary: { error: report.summary.error, warning: report.summary.warning, info: report.summary.info },
    findings: report.findings.map(finding),
    notCompared: report.notCompared.map(notCompared),
    coverage: report.coverage && coverage(report.coverage),
  };
}

export function renderJson(report: Report): string {
  return `${JSON.stringify(reportToJson(report), null, 2)}\n`;
}
