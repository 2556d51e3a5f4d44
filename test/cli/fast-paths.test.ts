// The short start-up paths (src/cli/fast-snapshot.ts, fast-compare.ts) must be invisible: the same bytes
// and exit codes as the full yargs program, which runs instead for anything they do not handle.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fastCompareArgs } from '../../src/cli/fast-compare.js';
import { fastScanArgs } from '../../src/cli/fast-scan.js';
import { fastSnapshotArgs } from '../../src/cli/fast-snapshot.js';
import { runCli } from '../helpers/cli.js';
import { createDatabase, withClient } from '../helpers/databases.js';
import { NEWEST } from '../helpers/reliability.js';
import { useServers } from '../helpers/use-servers.js';
import { fileTempDir, testTempDir } from '../helpers/temp-dir.js';

const servers = useServers([NEWEST]);
const dir = fileTempDir('fast-paths-');
// an empty config file: the same settings as none, but it sends the run through the full program
const emptyConfig = join(dir, 'empty.json');
writeFileSync(emptyConfig, '{}\n');

async function pair(): Promise<[string, string]> {
  const source = await createDatabase(servers()[0]!.url, `fast_source_${Math.random().toString(36).slice(2, 8)}`);
  const target = await createDatabase(servers()[0]!.url, `fast_target_${Math.random().toString(36).slice(2, 8)}`);
  await withClient(source, (c) => c.query('CREATE TABLE t (id int PRIMARY KEY, a text NOT NULL, b int); CREATE INDEX t_b ON t (b)'));
  await withClient(target, (c) => c.query('CREATE TABLE t (id bigint PRIMARY KEY, a text); CREATE TABLE u (id int)'));
  return [source, target];
}

describe('short start-up paths', () => {
  it.each([
    ['json', []],
    ['sarif', []],
    ['markdown', []],
    ['table', ['--no-color']],
    ['json', ['--fail-on', 'none']],
    ['json', ['--fail-on', 'info', '--quiet']],
  ] as const)('compare of two databases, --format %s %j: same report and exit code as the full program', async (format, extra) => {
    const [source, target] = await pair();
    const args = [source, target, '--format', format, ...extra];
    expect(fastCompareArgs(args)).not.toBeNull();
    const fast = await runCli(args);
    const full = await runCli([...args, '--config', emptyConfig]);
    expect(full.code, full.stderr).not.toBe(2);
    expect(fast.stdout).toBe(full.stdout);
    expect(fast.code).toBe(full.code);
    expect(fast.stderr).toBe(full.stderr);
  });

  it.each([
    ['json', 'files'],
    ['table', 'files'],
    ['json', 'file and database'],
    ['sarif', 'database and file'],
  ] as const)('compare with snapshot files, --format %s, %s: same report and exit code as the full program', async (format, inputs) => {
    const [sourceDb, targetDb] = await pair();
    const cwd = testTempDir('fast-paths-files-');
    const sourceFile = join(cwd, 'source.json');
    const targetFile = join(cwd, 'target.json');
    expect((await runCli(['snapshot', sourceDb, '-o', sourceFile])).code).toBe(0);
    expect((await runCli(['snapshot', targetDb, '-o', targetFile])).code).toBe(0);
    const [source, target] =
      inputs === 'files' ? [sourceFile, targetFile] : inputs === 'file and database' ? [sourceFile, targetDb] : [sourceDb, targetFile];
    const args = [source, target, '--format', format, ...(format === 'table' ? ['--no-color'] : [])];
    expect(fastCompareArgs(args)).not.toBeNull();
    const fast = await runCli(args);
    const full = await runCli([...args, '--config', emptyConfig]);
    expect(full.code, full.stderr).toBe(1);
    expect(fast.stdout).toBe(full.stdout);
    expect(fast.code).toBe(full.code);
    expect(fast.stderr).toBe(full.stderr);
  });

  it('a snapshot file that is not valid: the same one line and exit code as the full program', async () => {
    const [, target] = await pair();
    const bad = join(dir, 'bad-snapshot.json');
    writeFileSync(bad, '{"formatVersion": 99}\n');
    expect(fastCompareArgs([bad, target])).not.toBeNull();
    const fast = await runCli([bad, target]);
    const full = await runCli([bad, target, '--config', emptyConfig]);
    expect(fast.code).toBe(2);
    expect(fast.stderr).toMatch(/^schema-diff: .*bad-snapshot\.json: .*formatVersion 99/);
    expect(fast.stderr).toBe(full.stderr);
    expect(fast.code).toBe(full.code);
  });

  it('snapshot of a database: same bytes as the full program', async () => {
    const [source] = await pair();
    expect(fastSnapshotArgs(['snapshot', source])).not.toBeNull();
    const fast = await runCli(['snapshot', source]);
    const full = await runCli(['snapshot', source, '--config', emptyConfig]);
    expect(fast.code, fast.stderr).toBe(0);
    expect(fast.stdout).toBe(full.stdout);
  });

  const folderNamedJson = join(dir, 'migrations.json');
  mkdirSync(folderNamedJson, { recursive: true });
  it.each([
    [['a.sql', 'postgres://h/db']],
    [['a.sql', emptyConfig]],
    [[join(dir, 'no-such-snapshot.json'), 'postgres://h/db']],
    [[folderNamedJson, 'postgres://h/db']],
    [['postgres://h/db', 'postgres://h/db2', 'postgres://h/db3']],
    [['postgres://h/db', 'postgres://h/db2', '--format', 'xml']],
    [['postgres://h/db', 'postgres://h/db2', '--format']],
    [['postgres://h/db', 'postgres://h/db2', '--fail-on', 'sometimes']],
    [['postgres://h/db', 'postgres://h/db2', '--schemas', 'public']],
    [['postgres://h/db', 'postgres://h/db2', '--code', 'src']],
    [['postgres://h/db', 'postgres://h/db2', '--format=json']],
    [['postgres://h/db', 'postgres://h/db2', '-o']],
    [['postgres://h/db', 'postgres://h/db2', '--help']],
    [['snapshot', 'postgres://h/db']],
    [['scan', 'src', '--schema', 'postgres://h/db']],
  ])('%j goes to the full program', (argv) => {
    expect(fastCompareArgs(argv)).toBeNull();
  });

  // the salon example's code against its target: a scan with findings of every severity, on one thread
  const salonSnapshot = join(dir, 'salon-target.json');
  it.each([
    ['json', []],
    ['sarif', []],
    ['markdown', []],
    ['table', ['--no-color']],
    ['json', ['--fail-on', 'none', '--quiet']],
    ['json', ['--fail-on', 'warning', '-o', 'out/report.json']],
  ] as const)('scan, --format %s %j: same report and exit code as the full program', async (format, extra) => {
    const cwd = testTempDir('fast-paths-scan-');
    if ((await runCli(['snapshot', 'fixtures/salon/target.sql', '-o', salonSnapshot])).code !== 0) throw new Error('snapshot failed');
    const args = ['scan', join(process.cwd(), 'fixtures/salon/code'), '--schema', salonSnapshot, '--format', format, ...extra];
    expect(fastScanArgs(args)).not.toBeNull();
    const fast = await runCli(args, { cwd });
    const fastFile = extra.includes('-o') ? readFileSync(join(cwd, 'out/report.json'), 'utf8') : '';
    const full = await runCli([...args, '--config', emptyConfig], { cwd });
    const fullFile = extra.includes('-o') ? readFileSync(join(cwd, 'out/report.json'), 'utf8') : '';
    expect(full.code, full.stderr).not.toBe(2);
    expect(fast.stdout).toBe(full.stdout);
    expect(fastFile).toBe(fullFile);
    expect(fast.code).toBe(full.code);
    expect(fast.stderr).toBe(full.stderr);
  });

  it('scan of a folder that is not there: the same one line and exit code as the full program', async () => {
    const args = ['scan', join(dir, 'no-such-code'), '--schema', 'fixtures/salon/target.sql'];
    expect(fastScanArgs(args)).not.toBeNull();
    const fast = await runCli(args);
    const full = await runCli([...args, '--config', emptyConfig]);
    expect(fast.code).toBe(2);
    expect(fast.stderr).toMatch(/no-such-code: no such directory/);
    expect(fast.stderr).toBe(full.stderr);
  });

  it.each([
    [['scan', '--schema', 'a.json']],
    [['scan', 'src']],
    [['scan', 'src', '--schema']],
    [['scan', 'src', '--schema', 'a.json', '--schema', 'b.json']],
    [['scan', 'src', '--schema=a.json']],
    [['scan', 'src', '--schema', 'a.json', '--format', 'xml']],
    [['scan', 'src', '--schema', 'a.json', '--fail-on', 'sometimes']],
    [['scan', 'src', '--schema', 'a.json', '--workers', '1']],
    [['scan', 'src', '--schema', 'a.json', '--verify']],
    [['scan', 'src', '--schema', 'a.json', '--preset', 'supabase']],
    [['scan', 'src', '--schema', 'a.json', '--config', 'c.json']],
    [['scan', 'src', '--schema', 'a.json', '--help']],
    [['scan', 'src', '--schema', 'a.json', '-o']],
    [['scan', 'src', '--schema', 'a.json', '--quiet', '--quiet']],
    [['src', '--schema', 'a.json']],
  ])('%j goes to the full program', (argv) => {
    expect(fastScanArgs(argv)).toBeNull();
  });

  it('a schema-diff.config.json in the working directory goes to the full program (it may name code rules)', async () => {
    const cwd = testTempDir('fast-paths-config-');
    writeFileSync(join(cwd, 'schema-diff.config.json'), '{"rules": {"no-such-rule": "off"}}\n');
    const result = await runCli(['postgres://127.0.0.1:1/a', 'postgres://127.0.0.1:1/b'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/schema-diff\.config\.json: .*no-such-rule/);
  });
});
