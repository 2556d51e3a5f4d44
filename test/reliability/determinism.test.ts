// Determinism: the same inputs give byte-identical output, run after run, in every format (the contract
// CI gates and committed reports rely on), and the code scan gives the same result for any number of
// worker threads. Inputs: the bundled salon example (README's "Try it").
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/index.js';
import { validateSnapshot } from '../../src/snapshot/validate.js';
import { runCli } from '../helpers/cli.js';
import { fileTempDir } from '../helpers/temp-dir.js';

const dir = fileTempDir('determinism-');
// the README's "Try it" example: fixtures/salon/source.sql target.sql --code fixtures/salon/code --preset supabase
const OPTIONS = ['--code', 'fixtures/salon/code', '--preset', 'supabase'];

describe('determinism', () => {
  it('the bundled example gives byte-identical reports in every format, run after run', async () => {
    // loading SQL into the embedded PostgreSQL: twice, same snapshot bytes (one at a time: ~1 GB each)
    const a = await runCli(['snapshot', 'fixtures/salon/source.sql'], { timeoutMs: 180_000 });
    const b = await runCli(['snapshot', 'fixtures/salon/source.sql'], { timeoutMs: 180_000 });
    const target = await runCli(['snapshot', 'fixtures/salon/target.sql'], { timeoutMs: 180_000 });
    for (const r of [a, b, target]) expect(r.code, r.stderr).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    writeFileSync(join(dir, 'source.json'), a.stdout);
    writeFileSync(join(dir, 'target.json'), target.stdout);

    // every format, twice each (from the snapshots: the SQL loading is proven above)
    const fromSnapshots = [join(dir, 'source.json'), join(dir, 'target.json'), ...OPTIONS];
    for (const format of ['table', 'markdown', 'json', 'sarif']) {
      const runs = await Promise.all([0, 1].map(() => runCli([...fromSnapshots, '--format', format], { timeoutMs: 180_000 })));
      expect(runs[0]!.code, runs[0]!.stderr).toBe(1);
      expect(runs[1]!.stdout, format).toBe(runs[0]!.stdout);
      expect(runs[0]!.stdout.length).toBeGreaterThan(1000);
    }
  }, 400_000);

  it('the code scan is the same with 1, 2 and 4 worker threads', async () => {
    const schema = validateSnapshot(JSON.parse(readFileSync(join(dir, 'target.json'), 'utf8')));
    const results = [];
    for (const workers of [1, 2, 4]) results.push(JSON.stringify(await scan(['fixtures/salon/code'], schema, { workers })));
    expect(JSON.parse(results[0]!).findings.length).toBeGreaterThan(0);
    expect(results[1]).toBe(results[0]);
    expect(results[2]).toBe(results[0]);
  }, 300_000);
});
