// The terminal report: a header line, one table of findings (rows already in the contract's order,
// so grouped by severity, then table), details that do not fit a cell (fixes, SQL, definition diffs,
// long location lists), what was not compared, scan coverage, and a closing summary line.
import Table from 'cli-table3';
import type { Finding, Severity } from '../findings/finding.js';
import type { Report } from '../findings/report.js';
import { findingSubject, inputLabel, locationText } from './object-name.js';
import { coveragePhrase, NOT_CHECKED_SITES_SHOWN, plural, summaryPhrase } from './summary.js';
import { findingValues, unifiedDiff, wantsDiff } from './values.js';
import { wrapText } from './wrap.js';

export interface TableOptions {
  /** ANSI colours; off unless asked for, so files and pipes get plain text */
  readonly color?: boolean;
  /** total width in columns the table is laid out for */
  readonly width?: number;
}

export const DEFAULT_TABLE_WIDTH = 100;
/** Code locations listed in the message cell; longer lists move to the details below the table. */
const CELL_LOCATIONS = 3;
const SUBJECT_MAX = 32;
const MESSAGE_MIN = 30;

const ANSI = { red: 31, yellow: 33, cyan: 36, green: 32, bold: 1, dim: 2 } as const;
type Style = keyof typeof ANSI;

function painter(color: boolean): (style: Style, text: string) => string {
  return color ? (style, text) => (text === '' ? text : `\u001b[${ANSI[style]}m${text}\u001b[0m`) : (_style, text) => text;
}

const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'cyan' };

function header(report: Report): string {
  const target = inputLabel(report.target);
  return report.source === null
    ? `schema-diff ${report.tool.version}: code checked against ${target}`
    : `schema-diff ${report.tool.version}: ${inputLabel(report.source)} → ${target}`;
}

function usageText(f: Finding): string | undefined {
  const locations = f.locations ?? [];
  if (f.category === 'code') {
    const more = locations.slice(1).map(locationText);
    return more.length > 0 ? `also at ${more.join(', ')}` : undefined;
  }
  if (locations.length === 0) return undefined;
  if (locations.length <= CELL_LOCATIONS) return `used at ${locations.map(locationText).join(', ')}`;
  return `used in ${locations.length} places (listed under Details)`;
}

/** The message cell: the message, then one line each for values and code usage. */
function messageLines(f: Finding): string[] {
  const lines = [f.message];
  const values = findingValues(f);
  if (wantsDiff(values)) lines.push('definition differs (diff under Details)');
  else if (values.source !== undefined && values.target !== undefined) lines.push(`${values.source} → ${values.target}`);
  else if (values.source !== undefined) lines.push(`source: ${values.source}`);
  else if (values.target !== undefined) lines.push(`target: ${values.target}`);
  const usage = usageText(f);
  if (usage !== undefined) lines.push(usage);
  if (f.verified === true) lines.push('confirmed by the target PostgreSQL (--verify)');
  return lines;
}

function indent(text: string, by = '    '): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : by + line))
    .join('\n');
}

/** Everything that does not fit a cell, per finding, in the same order as the table. */
function details(f: Finding, paint: ReturnType<typeof painter>): string | undefined {
  const blocks: string[] = [];
  const values = findingValues(f);
  if (wantsDiff(values) && values.source !== undefined && values.target !== undefined) {
    const diff = unifiedDiff(values.source, values.target)
      .split('\n')
      .map((line) => (line.startsWith('+') ? paint('green', line) : line.startsWith('-') ? paint('red', line) : line))
      .join('\n');
    blocks.push(`  ${paint('dim', 'definition:')}\n${indent(diff)}`);
  }
  const locations = f.locations ?? [];
  if (f.category === 'schema' && locations.length > CELL_LOCATIONS) {
    blocks.push(`  ${paint('dim', 'used at:')}\n${indent(locations.map(locationText).join('\n'))}`);
  }
  if (f.sql !== undefined) blocks.push(`  ${paint('dim', 'statement:')}\n${indent(f.sql.trim())}`);
  if (f.fix !== undefined) blocks.push(`  ${paint('dim', 'fix:')}\n${indent(paint('green', f.fix.trim()))}`);
  if (blocks.length === 0) return undefined;
  const title = `${paint(SEVERITY_STYLE[f.severity], f.severity)} · ${paint('bold', findingSubject(f))} · ${f.rule}`;
  return `${title}\n${blocks.join('\n')}`;
}

function findingsTable(findings: readonly Finding[], width: number, paint: ReturnType<typeof painter>): string {
  const subjectWidth = Math.min(
    SUBJECT_MAX,
    Math.max('object / rule'.length, ...findings.map((f) => Math.max(findingSubject(f).length, f.rule.length))),
  );
  const severityWidth = 'severity'.length;
  // 4 borders, 2 padding per column
  const messageWidth = Math.max(MESSAGE_MIN, width - 4 - 6 - severityWidth - subjectWidth);
  const table = new Table({
    head: ['severity', 'object / rule', 'message'].map((h) => paint('bold', h)),
    colWidths: [severityWidth + 2, subjectWidth + 2, messageWidth + 2],
    wordWrap: false,
    style: { head: [], border: [] },
  });
  for (const f of findings) {
    const subject = [...wrapText(findingSubject(f), subjectWidth), ...wrapText(f.rule, subjectWidth).map((l) => paint('dim', l))];
    const message = messageLines(f).flatMap((line, i) =>
      wrapText(line, messageWidth).map((l) => (i === 0 ? l : paint('dim', l))),
    );
    table.push([paint(SEVERITY_STYLE[f.severity], f.severity), subject.join('\n'), message.join('\n')]);
  }
  return table.toString();
}

/** Why statements were not checked, most frequent reason first, with the first sites of each. */
function notCheckedLines(report: Report): string[] {
  const reasons = report.coverage?.notCheckedReasons ?? [];
  if (reasons.length === 0) return [];
  return [
    `Not checked (${plural(report.coverage!.notChecked, 'statement', 'statements')}):`,
    ...reasons.map((r) => {
      const shown = r.locations.slice(0, NOT_CHECKED_SITES_SHOWN.terminal).map((l) => `${l.file}:${l.line}:${l.column}`);
      const more = r.count > shown.length ? ` and ${r.count - shown.length} more` : '';
      return `  ${r.count} ${r.reason}: ${shown.join(', ')}${more}`;
    }),
  ];
}

function notComparedLines(report: Report): string[] {
  if (report.notCompared.length === 0) return [];
  return [
    'Not compared:',
    ...report.notCompared.map((n) => `  ${n.kind}${n.object !== undefined ? ` ${n.object}` : ''}: ${n.reason}`),
  ];
}

export function renderTable(report: Report, options: TableOptions = {}): string {
  const paint = painter(options.color ?? false);
  const width = options.width ?? DEFAULT_TABLE_WIDTH;
  const sections: string[] = [paint('bold', header(report))];

  if (report.findings.length === 0) {
    sections.push(paint('green', report.source === null ? 'No problems found.' : 'No differences found.'));
  } else {
    sections.push(findingsTable(report.findings, width, paint));
    const detailBlocks = report.findings.map((f) => details(f, paint)).filter((d): d is string => d !== undefined);
    if (detailBlocks.length > 0) sections.push(`${paint('bold', 'Details')}\n\n${detailBlocks.join('\n\n')}`);
  }

  const skipped = notComparedLines(report);
  if (skipped.length > 0) sections.push(skipped.join('\n'));
  const unchecked = notCheckedLines(report);
  if (unchecked.length > 0) sections.push(unchecked.join('\n'));
  const closing: string[] = [];
  if (report.coverage !== undefined) closing.push(`code: ${coveragePhrase(report.coverage)}`);
  const summary = summaryPhrase(report.summary);
  if (summary !== '') {
    const worst: Severity = report.summary.error > 0 ? 'error' : report.summary.warning > 0 ? 'warning' : 'info';
    closing.push(paint('bold', paint(SEVERITY_STYLE[worst], summary)));
  }
  if (closing.length > 0) sections.push(closing.join('\n'));
  return `${sections.join('\n\n')}\n`;
}

