// Scan workers started before the program has loaded (src/cli/prestart-scan.ts) must be invisible:
// taken by the scan, they give the report one thread gives; not taken (a small tree, a usage error),
// they neither change the output nor keep the process alive.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanWorkersToPrestart } from '../../src/cli/prestart-scan.js';
import { runCli } from '../helpers/cli.js';
import { fileTempDir } from '../helpers/temp-dir.js';

// the schema as a snapshot file: a quick input, so workers are prestarted (a .sql schema starts none)
const schema = join(fileTempDir('prestart-'), 'target.json');
const SCAN = ['scan', 'fixtures/salon/code', '--schema', schema, '--format', 'json'];

describe('prestarted scan workers', () => {
  beforeAll(async () => {
    const snapshot = await runCli(['snapshot', 'fixtures/salon/target.sql', '-o', schema]);
    expect(snapshot.code).toBe(0);
  }, 60_000);

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
    [['scan', 'src', '--schema', 'schema.json'], 2, 2],
    [['scan', 'src', '--schema', 'schema.json'], 1, 0],
    [['scan', 'src', '--schema=postgres://u@h/db'], 2, 2],
    [['scan', 'src', '--schema', 'env:DATABASE_URL', '--workers', '1'], 4, 0],
    [['scan', 'src', '--schema', 'schema.json', '--workers=3'], 2, 3],
    [['scan', 'src', '--schema', 'schema.sql'], 2, 0],
    [['scan', 'src', '--schema', 'migrations/'], 2, 0],
    [['scan', 'src', '--schema', 'schema.json', '--workers', 'x'], 2, 0],
    [['postgres://a/x', 'postgres://b/y', '--code', 'src'], 2, 2],
    [['--format', 'json', 'a.json', 'env:TARGET', '--code=src'], 4, 4],
    [['a.sql', 'b.json', '--code', 'src'], 2, 0],
    [['a.json', 'b.json'], 2, 0],
    [['snapshot', 'postgres://a/x'], 2, 0],
    [['scan', '--help'], 2, 0],
    ])('%j on %i cores: %i started', (argv, cores, expected) => {
    expect(scanWorkersToPrestart(argv as string[], cores as number)).toBe(expected);
  });
});
