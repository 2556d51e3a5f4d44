import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import type { Report } from '../../src/findings/report.js';
import { codeBlock, codeSpan, escapeParagraph, escapeText, linkPath } from '../../src/report/markdown-escape.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { emptyReport, sampleReport } from './sample-report.js';

function reportWith(findings: Finding[]): Report {
  const summary = { error: 0, warning: 0, info: 0 };
  for (const f of findings) summary[f.severity] += 1;
  return { ...emptyReport, summary, findings };
}

const warning: Finding = {
  rule: 'index-missing',
  severity: 'warning',
  category: 'schema',
  object: { kind: 'index', schema: 'public', table: 'clients', name: 'clients_phone_idx' },
  message: 'clients: index on (phone) exists in source but not in target: lookups by phone scan the table',
};

describe('markdown reporter', () => {
  it('opens with a verdict line', () => {
    expect(renderMarkdown(sampleReport).split('\n')[2]).toMatch(/^\*\*❌ 4 errors\*\* would break code or data moving from /);
    expect(renderMarkdown(reportWith([warning])).split('\n')[2]).toBe(
      '**✅ No blocking differences** moving from `schema/source.sql` to `schema/target.sql`: 1 warning to review.',
    );
    expect(renderMarkdown(emptyReport).split('\n')[2]).toBe(
      '**✅ No differences** between `schema/source.sql` and `schema/target.sql`.',
    );
    expect(renderMarkdown({ ...emptyReport, source: null }).split('\n')[2]).toBe(
      '**✅ No problems** in code checked against `schema/target.sql`.',
    );
  });

  it('lists errors first: the section of the worst table comes first', () => {
    const out = renderMarkdown(sampleReport);
    const sections = [...out.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
    expect(sections).toEqual(['public.clients', 'public.active_clients (view)', 'public.appointments', 'Not compared', 'Code scanned']);
  });

  it('links code locations relative to codeRoot', () => {
    expect(renderMarkdown(sampleReport)).toContain('[src/repos/clients.ts:42](src/repos/clients.ts#L42)');
    expect(renderMarkdown(sampleReport, { codeRoot: '../app' })).toContain('[src/repos/clients.ts:42](../app/src/repos/clients.ts#L42)');
  });

  it('folds more than 5 locations and multi-line definitions', () => {
    const out = renderMarkdown(sampleReport);
    expect(out).toContain('<details><summary>Used in 7 places in the code</summary>');
    expect(out).toContain('<details><summary>Definition: diff from source to target</summary>\n\n```diff\n--- source\n+++ target\n');
  });

  it('keeps identifiers and messages literal', () => {
    const hostile: Finding = {
      ...warning,
      object: { kind: 'column', schema: 'public', table: 'weird|table', name: '_x_' },
      message: 'a <script> | *b* [c](d) `e` _f_ snake_case &amp; 1. g',
    };
    const out = renderMarkdown(reportWith([hostile]));
    expect(out).toContain('### public."weird\\|table"');
    expect(out).toContain('a \\<script> \\| \\*b\\* \\[c\\](d) \\`e\\` \\_f\\_ snake_case &amp;amp; 1. g');
    expect(out).not.toMatch(/[^\\]<script>/);
  });
});

describe('markdown escaping', () => {
  it('leaves intraword underscores alone', () => {
    expect(escapeText('clients.ai_context')).toBe('clients.ai_context');
    expect(escapeText('_private')).toBe('\\_private');
  });

  it('escapes what would start a block at the beginning of a paragraph', () => {
    expect(escapeParagraph('- not a list')).toBe('\\- not a list');
    expect(escapeParagraph('1. not a list')).toBe('1\\. not a list');
    expect(escapeParagraph('> not a quote')).toBe('\\> not a quote');
  });

  it('makes code spans and blocks that survive backticks', () => {
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`a')).toBe('`` `a ``');
    expect(codeBlock('x\n```\ny', 'sql')).toBe('````sql\nx\n```\ny\n````');
  });

  it('percent-encodes link paths segment by segment', () => {
    expect(linkPath('src/my file (1).ts')).toBe('src/my%20file%20%281%29.ts');
    expect(linkPath('app/[id]/page.ts')).toBe('app/%5Bid%5D/page.ts');
  });
});
