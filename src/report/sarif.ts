// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. GitHub annotates a pull request's
// lines from physical locations, and rejects the whole file when any result has none
// ("locationFromSarifResult: expected a physical location"), so every result gets one where it can.
import { createHash } from 'node:crypto';
import type { Finding, Location, Severity } from '../findings/finding.js';
import type { Report } from '../findings/report.js';
import type { RuleMeta } from '../findings/rule.js';
import { compareText } from '../snapshot/normalize.js';
import { coverage, notCompared, object } from './json.js';
import { objectName } from './object-name.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The key of our fingerprint in `partialFingerprints`; bump the version if its inputs ever change. */
export const FINGERPRINT_KEY = 'schemaDiffFinding/v1';

export interface SarifOptions {
  /** rule metadata: descriptions and default levels in `tool.driver.rules` */
  readonly rules?: readonly RuleMeta[];
}

type SarifLevel = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

export function sarifLevel(severity: Severity): SarifLevel {
  return LEVEL[severity];
}

/** A repository-relative URI: `/` separators, no leading `./`, each segment percent-encoded. */
function relativeUri(path: string): string {
  return path
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .split('/')
    .map(encodeURIComponent)
    .join('/');
}

/** A path we can point at relative to the source root; not URLs, `env:NAME` or absolute paths. */
function isRelativePath(input: string): boolean {
  return !/^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(input) && !/^([/\\]|[a-zA-Z]:)/.test(input);
}

function codeLocation(location: Location): object {
  return {
    physicalLocation: {
      artifactLocation: { uri: relativeUri(location.file), uriBaseId: '%SRCROOT%' },
      region: { startLine: location.line, startColumn: location.column },
    },
  };
}

function logicalLocation(f: Finding): object {
  return { fullyQualifiedName: objectName(f.object), name: f.object.name, kind: f.object.kind };
}

function locations(f: Finding, report: Report): object[] {
  const code = f.locations ?? [];
  if (f.category === 'code') return code.map(codeLocation);
  const logical = { logicalLocations: [logicalLocation(f)] };
  // A schema finding is shown where the code uses its object, else at the target schema file, else at the
  // source schema file (a live target compared with a committed source); two live databases leave only the
  // logical location, which GitHub will not take (README: Limits).
  if (code.length > 0) return code.map((l) => ({ ...codeLocation(l), ...logical }));
  const anchor = [report.target.input, report.source?.input].find((input) => input !== undefined && isRelativePath(input));
  if (anchor !== undefined) {
    // why: the object's line in that file is unknown; line 1 anchors the alert to the file, the message names the object
    const physicalLocation = {
      artifactLocation: { uri: relativeUri(anchor), uriBaseId: '%SRCROOT%' },
      region: { startLine: 1 },
    };
    return [{ physicalLocation, ...logical }];
  }
  return [logical];
}

/** Stable across runs and line moves: rule, object and message, never the location. */
export function fingerprint(f: Finding): string {
  const o = f.object;
  const key = [f.rule, o.kind, o.schema ?? '', o.table ?? '', o.name, f.message].join('\u0000');
  return createHash('sha256').update(key).digest('hex');
}

function messageText(f: Finding): string {
  return f.fix !== undefined ? `${f.message}\n\nSuggested fix: ${f.fix}` : f.message;
}

function descriptor(id: string, meta: RuleMeta | undefined): object {
  if (meta === undefined) return { id };
  return {
    id,
    shortDescription: { text: meta.docs.summary },
    fullDescription: { text: meta.docs.why },
    defaultConfiguration: { level: sarifLevel(meta.severity) },
    properties: { category: meta.category, tags: [meta.category] },
  };
}

export function renderSarif(report: Report, options: SarifOptions = {}): string {
  const metaById = new Map((options.rules ?? []).map((r) => [r.id, r]));
  const ruleIds = [...new Set(report.findings.map((f) => f.rule))].sort(compareText);
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));

  const results = report.findings.map((f) => ({
    ruleId: f.rule,
    ruleIndex: ruleIndex.get(f.rule),
    level: sarifLevel(f.severity),
    message: { text: messageText(f) },
    locations: locations(f, report),
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(f) },
    properties: {
      category: f.category,
      object: object(f.object),
      sql: f.sql,
      verified: f.verified,
    },
  }));

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            rules: ruleIds.map((id) => descriptor(id, metaById.get(id))),
          },
        },
        // why: locations come from JavaScript strings, whose columns count UTF-16 code units
        columnKind: 'utf16CodeUnits',
        results,
        properties: {
          source: report.source?.input ?? null,
          target: report.target.input,
          notCompared: report.notCompared.map(notCompared),
          coverage: report.coverage && coverage(report.coverage),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
