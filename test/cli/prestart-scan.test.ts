// Scan workers started before the program has loaded (src/cli/prestart-scan.ts) must be invisible:
// taken by the scan, they give the report one thread gives; not taken (a small tree, a usage error),
// they neither change the output nor keep the process alive.
import { describe, expect, it } from 'vitest';
import { scanWorkersToPrestart } from '../../src/cli/prestart-scan.js';
import { runCli } from '../helpers/cli.js';

const SCAN = ['scan', 'fixtures/salon/code', '--schema', 'fixtures/salon/target.sql', '--format', 'json'];

describe('prestarted scan workers', () => {
  it('taken by the scan (--workers 2), give the report of one thread', async () => {
    const one = await runCli([...SCAN, '--workers', '1']);
    const two = await runCli([...SCAN, '--workers', '2']);
    expect(one.stderr).toBe('');
    expect(one.code).toBe(1);
    expect(JSON.parse(one.stdout).summary.error).toBeGreaterThan(0);
    expect(two).toEqual(one);
  });

  it('not taken by a small tree, change nothing', async () => {
    const local = await runCli([...SCAN, '--workers', '1']);
    const prestarted = await runCli(SCAN); // default: prestarted (2+ cores), then released: < 200 files
    expect(prestarted).toEqual(local);
  });

  it('do not keep a failed command alive', async () => {
    const result = await runCli(['scan', 'fixtures/salon/code', '--workers', '2'], { timeoutMs: 20_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/schema/);
  });

  it.each([
    [['scan', 'src', '--schema', 's.sql'], 2, 2],
    [['scan', 'src', '--schema', 's.sql'], 1, 0],
    [['scan', 'src', '--schema', 's.sql', '--workers', '1'], 4, 0],
    [['scan', 'src', '--schema', 's.sql', '--workers=3'], 2, 3],
    [['a.sql', 'b.sql', '--code', 'src'], 2, 2],
    [['a.sql', 'b.sql', '--code=src'], 4, 4],
    [['a.sql', 'b.sql'], 2, 0],
    [['snapshot', 'a.sql'], 2, 0],
    [['scan', '--help'], 2, 0],
    [['scan', 'src', '--workers', 'x'], 2, 2],
  ])('%j on %i cores: %i started', (argv, cores, expected) => {
    expect(scanWorkersToPrestart(argv as string[], cores as number)).toBe(expected);
  });
});
