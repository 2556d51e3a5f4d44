import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allRules } from '../src/all-rules.js';
import { withRuleTable } from '../src/findings/rule-table.js';
import { TOOL_VERSION } from '../src/version.js';

describe('README', () => {
  it('documents exactly the registered rules (regenerate: npm run build && node scripts/update-readme-rules.mjs)', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toBe(withRuleTable(readme, allRules));
  });

  it('every rule has an id in kebab-case and docs', () => {
    const ids = allRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of allRules) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(rule.docs.summary.length).toBeGreaterThan(10);
      expect(rule.docs.why.length).toBeGreaterThan(10);
    }
  });

  it('tells the version package.json has', () => {
    expect(TOOL_VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });
});
