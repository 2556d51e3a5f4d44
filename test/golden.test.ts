// Golden tests: every comparison fixture (fixtures/<case>/ with source.sql and target.sql, optional code/
// and options.json) is reported as the CLI reports it, and its JSON and Markdown must equal expected.json /
// expected.md byte for byte. Regenerate on purpose only: `npx vitest run test/golden.test.ts -u`, then
// review the diff. Schema-only cases share one embedded PostgreSQL (DDL in a rolled-back transaction,
// see compare/fixture-db.ts); cases with code/ run the whole pipeline from the files.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRules } from '../src/all-rules.js';
import { compareReport, runCompare, type AnalysisOptions } from '../src/analysis.js';
import type { Report } from '../src/findings/report.js';
import { render } from '../src/report/index.js';
import { openFixtureDatabase, type FixtureDatabase } from './compare/fixture-db.js';

const FIXTURES = 'fixtures';

const cases = readdirSync(FIXTURES)
  .filter((name) => existsSync(join(FIXTURES, name, 'source.sql')) && existsSync(join(FIXTURES, name, 'target.sql')))
  .sort();

let db: FixtureDatabase;
beforeAll(async () => {
  db = await openFixtureDatabase();
}, 600_000);
afterAll(async () => {
  await db?.close();
});

async function reportOf(dir: string): Promise<Report> {
  const optionsFile = join(dir, 'options.json');
  const options = existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as Partial<AnalysisOptions>) : {};
  const code = join(dir, 'code');
  const source = join(dir, 'source.sql');
  const target = join(dir, 'target.sql');
  if (existsSync(code)) return runCompare(source, target, { ...options, codeDirs: [code] });
  const side = async (path: string) => ({ display: path, snapshot: await db.snapshot(readFileSync(path, 'utf8')) });
  return compareReport(await side(source), await side(target), options);
}

describe.each(cases)('fixtures/%s', (name) => {
  it('reports exactly what expected.json and expected.md say', async () => {
    const dir = join(FIXTURES, name);
    const report = await reportOf(dir);
    await expect(render(report, 'json')).toMatchFileSnapshot(join('..', dir, 'expected.json'));
    await expect(render(report, 'markdown', { rules: allRules })).toMatchFileSnapshot(join('..', dir, 'expected.md'));
    // the directory name says what the case is about: <rule>/ fires, <rule>.ok/ is a near miss
    const rule = name.replace(/\..*$/, '');
    if (allRules.some((r) => r.id === rule)) {
      const fired = report.findings.some((f) => f.rule === rule);
      expect(fired, `${name}: ${rule} ${name.endsWith('.ok') ? 'must stay silent' : 'must fire'}`).toBe(!name.endsWith('.ok'));
    }
  });
});
