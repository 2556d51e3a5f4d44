// Golden tests: every comparison fixture (fixtures/<case>/ with source.sql and target.sql, optional code/
// and options.json) runs through the library exactly as the CLI runs it, and its JSON and Markdown
// reports must equal expected.json / expected.md byte for byte. Regenerate on purpose only:
// `npx vitest run test/golden.test.ts -u`, then review the diff.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules, runCompare, type AnalysisOptions } from '../src/analysis.js';
import { render } from '../src/report/index.js';

const FIXTURES = 'fixtures';

const cases = readdirSync(FIXTURES)
  .filter((name) => existsSync(join(FIXTURES, name, 'source.sql')) && existsSync(join(FIXTURES, name, 'target.sql')))
  .sort();

describe.each(cases)('fixtures/%s', (name) => {
  it('reports exactly what expected.json and expected.md say', async () => {
    const dir = join(FIXTURES, name);
    const optionsFile = join(dir, 'options.json');
    const extra = existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as Partial<AnalysisOptions>) : {};
    const code = join(dir, 'code');
    const report = await runCompare(join(dir, 'source.sql'), join(dir, 'target.sql'), {
      ...extra,
      codeDirs: existsSync(code) ? [code] : undefined,
    });
    await expect(render(report, 'json')).toMatchFileSnapshot(join('..', dir, 'expected.json'));
    await expect(render(report, 'markdown', { rules: allRules })).toMatchFileSnapshot(join('..', dir, 'expected.md'));
  });
});
