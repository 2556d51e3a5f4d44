// Speed and memory bars for the scanner (opt-in: SCAN_BENCH=1, on an otherwise idle machine):
// - at least 0.5x the throughput of bare ts.createSourceFile + forEachChild over the same files;
// - at least 1.6x faster with 2 workers than with 1 (on 2 cores);
// - peak RSS growth under 1 GB on 500k lines; identical findings whatever the worker count.
// From sources, each worker first starts a transpiling loader, which built code (dist/) does not:
// worker numbers measured here understate the built CLI's.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ts } from 'ts-morph';
import { afterAll, describe, expect, it } from 'vitest';
import { scan } from '../../../src/scan/index.js';
import { snapshotOfDdl } from '../../helpers/pglite.js';
import { generateTree, TREE_SCHEMA } from './generate-tree.js';

const LINES = Number(process.env.SCAN_BENCH_LINES ?? 500_000);
const dir = mkdtempSync(join(tmpdir(), 'scan-bench-'));

function bareParse(root: string): number {
  let nodes = 0;
  const visit = (node: ts.Node): void => {
    nodes++;
    ts.forEachChild(node, visit);
  };
  for (const name of readdirSync(join(root, 'src'))) {
    const path = join(root, 'src', name);
    visit(ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS));
  }
  return nodes;
}

async function timed<T>(run: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await run();
  return { ms: performance.now() - start, value };
}

describe.runIf(process.env.SCAN_BENCH === '1')('scan speed', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('meets the throughput, parallelism and memory bars', async () => {
    const lines = generateTree(dir, Math.ceil(LINES / 300));
    const schema = await snapshotOfDdl(TREE_SCHEMA);
    // why a baseline: the PGlite that built the snapshot stays in this process's RSS
    const baseline = process.memoryUsage().rss;
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    bareParse(dir); // warm-up: JIT and file cache, for both contenders
    const bare = await timed(() => bareParse(dir));
    const one = await timed(() => scan([dir], schema, { workers: 1 }));
    const two = await timed(() => scan([dir], schema, { workers: 2 }));
    clearInterval(sampler);
    const rate = (ms: number): number => Math.round(lines / (ms / 1000));
    console.log(
      `lines ${lines}; bare createSourceFile ${rate(bare.ms)} lines/s; scan 1 worker ${rate(one.ms)} lines/s; ` +
        `2 workers ${rate(two.ms)} lines/s; ratio ${(bare.ms / one.ms).toFixed(2)}; speed-up ${(one.ms / two.ms).toFixed(2)}; ` +
        `peak RSS above baseline ${Math.round((peak - baseline) / 2 ** 20)} MB; statements ${one.value.coverage.statements}`,
    );
    expect(two.value.findings).toEqual(one.value.findings);
    expect(two.value.coverage).toEqual(one.value.coverage);
    expect(bare.ms / one.ms).toBeGreaterThanOrEqual(0.5);
    expect(one.ms / two.ms).toBeGreaterThanOrEqual(1.6);
    expect(peak - baseline).toBeLessThan(2 ** 30);
  }, 600_000);
});
