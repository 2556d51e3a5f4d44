// The Markdown report, made to be pasted into a pull request and still readable in a terminal:
// verdict, summary table, one section per table (worst first), folded long lists, then what was
// not compared and what the code scan covered.
import type { Finding, JsonValue, Location, Severity } from '../findings/finding.js';
import type { Report, ScanCoverage } from '../findings/report.js';
import { SEVERITIES } from '../findings/finding.js';
import { codeBlock, codeSpan, details, escapeParagraph, escapeText, linkPath } from './markdown-escape.js';
import { objectName, shortObjectName, tableName } from './object-name.js';
import { countByKind, coveragePhrase, NOT_CHECKED_SITES_SHOWN, plural, severityCount, summaryPhrase } from './summary.js';
import { isInline, unifiedDiff, valueText } from './values.js';

export interface MarkdownOptions {
  /** prefix for code links, e.g. `../` or `https://github.com/o/r/blob/<sha>/`; default: links relative to the comment */
  readonly codeRoot?: string;
}

/** Locations listed inline; more are folded. */
const INLINE_LOCATIONS = 5;
/** Statements longer than this many lines are folded. */
const INLINE_SQL_LINES = 12;

const BADGE: Record<Severity, string> = { error: '❌', warning: '⚠️', info: 'ℹ️' };

function inputs(report: Report): { readonly source?: string; readonly target: string } {
  return {
    ...(report.source !== null ? { source: codeSpan(report.source.input) } : {}),
    target: codeSpan(report.target.input),
  };
}

function verdict(report: Report): string {
  const { source, target } = inputs(report);
  const { error, warning, info } = report.summary;
  const rest = summaryPhrase({ error: 0, warning, info });
  if (error > 0) {
    const also = rest === '' ? '' : ` (also ${rest})`;
    const what = severityCount('error', error);
    return source !== undefined
      ? `**❌ ${what}** would break code or data moving from ${source} to ${target}${also}.`
      : `**❌ ${what}** in code checked against ${target}${also}.`;
  }
  if (rest !== '') {
    return source !== undefined
      ? `**✅ No blocking differences** moving from ${source} to ${target}: ${rest} to review.`
      : `**✅ No blocking problems** in code checked against ${target}: ${rest} to review.`;
  }
  return source !== undefined
    ? `**✅ No differences** between ${source} and ${target}.`
    : `**✅ No problems** in code checked against ${target}.`;
}

function summaryTable(report: Report): string {
  const cell = (n: number): string => (n === 0 ? '' : String(n));
  const rows = [
    `| object kind | ${SEVERITIES.map((s) => `${BADGE[s]} ${s}`).join(' | ')} |`,
    '| :-- | --: | --: | --: |',
    ...countByKind(report.findings).map(
      ({ kind, counts }) => `| ${escapeText(kind)} | ${SEVERITIES.map((s) => cell(counts[s])).join(' | ')} |`,
    ),
    `| **total** | ${SEVERITIES.map((s) => (report.summary[s] === 0 ? '' : `**${report.summary[s]}**`)).join(' | ')} |`,
  ];
  return rows.join('\n');
}

function codeLink(location: Location, codeRoot: string): string {
  return `[${escapeText(`${location.file}:${location.line}`)}](${codeRoot}${linkPath(location.file)}#L${location.line})`;
}

/** The section a finding belongs to: its table, else its own object; code outside any table groups together. */
function sectionTitle(f: Finding): string {
  const table = tableName(f.object);
  if (table !== undefined) return table;
  if (f.category === 'code') return 'Code';
  return f.object.kind === 'table' ? objectName(f.object) : `${objectName(f.object)} (${f.object.kind})`;
}

function findingHeading(f: Finding, codeRoot: string): string {
  const first = f.locations?.[0];
  const subject =
    f.category === 'code' && first !== undefined
      ? codeLink(first, codeRoot)
      : f.object.table !== undefined
        ? `${escapeText(f.object.kind)} ${codeSpan(shortObjectName(f.object))}`
        : escapeText(f.object.kind);
  return `#### ${BADGE[f.severity]} ${subject} · ${codeSpan(f.rule)}`;
}

function language(value: JsonValue): string {
  return typeof value === 'string' ? 'sql' : 'json';
}

/** Short values inline (`jsonb` → `text`); long or multi-line ones folded, as a diff when both sides exist. */
function valueParts(f: Finding): { inline: string[]; blocks: string[] } {
  const inline: string[] = [];
  const blocks: string[] = [];
  const source = f.source !== undefined ? valueText(f.source) : undefined;
  const target = f.target !== undefined ? valueText(f.target) : undefined;
  if (source !== undefined && target !== undefined) {
    if (isInline(source) && isInline(target)) inline.push(`source ${codeSpan(source)} → target ${codeSpan(target)}`);
    else blocks.push(details('Definition: diff from source to target', codeBlock(unifiedDiff(source, target), 'diff')));
  } else {
    for (const [side, text, value] of [
      ['source', source, f.source],
      ['target', target, f.target],
    ] as const) {
      if (text === undefined || value === undefined) continue;
      if (isInline(text)) inline.push(`${side} ${codeSpan(text)}`);
      else if (!text.includes('\n')) blocks.push(`**${side === 'source' ? 'Source' : 'Target'}**\n\n${codeBlock(text, language(value))}`);
      else blocks.push(details(`Definition in ${side}`, codeBlock(text, language(value))));
    }
  }
  return { inline, blocks };
}

function usageParts(f: Finding, codeRoot: string): { inline: string[]; blocks: string[] } {
  // why: a code finding's first location is already in its heading
  const locations = (f.locations ?? []).slice(f.category === 'code' ? 1 : 0);
  if (locations.length === 0) return { inline: [], blocks: [] };
  const label = f.category === 'code' ? 'also at' : 'used at';
  if (locations.length <= INLINE_LOCATIONS) {
    return { inline: [`${label} ${locations.map((l) => codeLink(l, codeRoot)).join(', ')}`], blocks: [] };
  }
  const list = locations.map((l) => `- ${codeLink(l, codeRoot)}`).join('\n');
  const summary = f.category === 'code' ? `Also at ${locations.length} more places` : `Used in ${locations.length} places in the code`;
  return { inline: [], blocks: [details(summary, list)] };
}

function findingBlock(f: Finding, codeRoot: string): string {
  const values = valueParts(f);
  const usage = usageParts(f, codeRoot);
  const parts = [findingHeading(f, codeRoot), escapeParagraph(f.message)];
  const facts = [...values.inline, ...usage.inline];
  if (f.verified === true) facts.push('confirmed by the target PostgreSQL (`--verify`)');
  if (facts.length > 0) {
    const line = facts.join(' · ');
    parts.push(line.charAt(0).toUpperCase() + line.slice(1));
  }
  parts.push(...values.blocks, ...usage.blocks);
  if (f.sql !== undefined) {
    const sql = codeBlock(f.sql.trim(), 'sql');
    parts.push(f.sql.trim().split('\n').length > INLINE_SQL_LINES ? details('Statement', sql) : `**Statement**\n\n${sql}`);
  }
  if (f.fix !== undefined) parts.push(`**Suggested fix**\n\n${codeBlock(f.fix.trim(), 'sql')}`);
  return parts.join('\n\n');
}

function findingSections(report: Report, codeRoot: string): string[] {
  // Findings arrive in the contract's order (severity first), so first appearance orders sections worst first.
  const sections = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const title = sectionTitle(f);
    sections.set(title, [...(sections.get(title) ?? []), f]);
  }
  return [...sections.entries()].map(
    ([title, findings]) => `### ${escapeText(title)}\n\n${findings.map((f) => findingBlock(f, codeRoot)).join('\n\n')}`,
  );
}

function notCompared(report: Report): string | undefined {
  if (report.notCompared.length === 0) return undefined;
  const items = report.notCompared.map(
    (n) => `- **${escapeText(n.kind)}**${n.object !== undefined ? ` ${codeSpan(n.object)}` : ''}: ${escapeText(n.reason)}`,
  );
  // why: the same ledger closes every report; folded, it stays honest without pushing findings off screen
  return `### Not compared\n\n${details(`${report.notCompared.length} kinds of object or difference this run did not compare`, items.join('\n'))}`;
}

function codeScanned(coverage: ScanCoverage, codeRoot: string): string {
  const phrase = `### Code scanned\n\n${escapeText(coveragePhrase(coverage))}`;
  if (coverage.notCheckedReasons.length === 0) return phrase;
  const items = coverage.notCheckedReasons.map((r) => {
    const shown = r.locations.slice(0, NOT_CHECKED_SITES_SHOWN.markdown).map((l) => codeLink(l, codeRoot));
    const more = r.count > shown.length ? ` and ${r.count - shown.length} more` : '';
    return `- **${r.count}** ${escapeText(r.reason)}: ${shown.join(', ')}${more}`;
  });
  return `${phrase}\n\n${details(`${plural(coverage.notChecked, 'statement', 'statements')} not checked, by reason`, items.join('\n'))}`;
}

function footer(report: Report): string {
  const parts = [`schema-diff ${report.tool.version}`];
  if (report.source !== null && report.source.serverVersion) parts.push(`source PostgreSQL ${report.source.serverVersion}`);
  if (report.target.serverVersion) parts.push(`target PostgreSQL ${report.target.serverVersion}`);
  return `<sub>${escapeText(parts.join(' · '))}</sub>`;
}

function normalizeRoot(codeRoot: string): string {
  return codeRoot === '' || codeRoot.endsWith('/') ? codeRoot : `${codeRoot}/`;
}

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const codeRoot = normalizeRoot(options.codeRoot ?? '');
  const blocks = ['## schema-diff', verdict(report)];
  if (report.findings.length > 0) blocks.push(summaryTable(report), ...findingSections(report, codeRoot));
  const skipped = notCompared(report);
  if (skipped !== undefined) blocks.push(skipped);
  if (report.coverage !== undefined) blocks.push(codeScanned(report.coverage, codeRoot));
  blocks.push(footer(report));
  return `${blocks.join('\n\n')}\n`;
}
