// The README's rule table, generated from the rule registries (a test keeps the README equal to it).
import type { RuleMeta } from './rule.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function ruleTable(rules: readonly RuleMeta[]): string {
  const rows = [...rules]
    .sort((a, b) => (a.category === b.category ? (a.id < b.id ? -1 : 1) : a.category === 'schema' ? -1 : 1))
    .map((r) => `| \`${r.id}\` | ${r.category} | ${r.severity} | ${cell(r.docs.summary)} ${cell(r.docs.why)} |`);
  return ['| rule | category | default severity | what it reports, and why it matters |', '|---|---|---|---|', ...rows].join('\n');
}

export const RULES_START = '<!-- rules:start -->';
export const RULES_END = '<!-- rules:end -->';

/** The README with its rule table replaced. */
export function withRuleTable(readme: string, rules: readonly RuleMeta[]): string {
  const start = readme.indexOf(RULES_START);
  const end = readme.indexOf(RULES_END);
  if (start === -1 || end === -1 || end < start) throw new Error('README has no rules:start/rules:end markers');
  return `${readme.slice(0, start + RULES_START.length)}\n${ruleTable(rules)}\n${readme.slice(end)}`;
}
