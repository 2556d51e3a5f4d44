// The schema rule registry is the list of files in src/compare/rules/: one rule per file, named by its id,
// with docs (the README table is generated from them) and fixtures (checked in fixtures.test.ts).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaRules } from '../../src/compare/index.js';
import type { SchemaRule } from '../../src/compare/rule.js';

const RULES_DIR = join(import.meta.dirname, '../../src/compare/rules');
const files = readdirSync(RULES_DIR)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

describe('schema rule registry', () => {
  it('lists exactly the rule files, each once', () => {
    const ids = schemaRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(files);
  });

  it.each(files)('%s: its file exports the rule with that id, documented', async (file) => {
    const rule = ((await import(join(RULES_DIR, `${file}.js`))) as { default: SchemaRule }).default;
    expect(rule.id).toBe(file);
    expect(rule.category).toBe('schema');
    expect(['error', 'warning', 'info']).toContain(rule.severity);
    expect(rule.docs.summary).toMatch(/^[A-Z].{20,}\.$/s);
    expect(rule.docs.why).toMatch(/^[A-Z].{20,}\.$/s);
    expect(schemaRules).toContain(rule);
  });
});
