// Shared pieces of the reliability tests (test/reliability): the fail-closed assertion, URL surgery,
// a server's files (data directory, postmaster PID, log), and a throwaway CA + server certificate.
import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli, type CliResult } from './cli.js';
import { withClient } from './databases.js';
import { osUserForServer } from './os-user.js';
import { testMajors, type Major } from './servers.js';

/** The newest major under test: one server per file is enough for behaviour that does not vary by version. */
export const NEWEST: Major = testMajors().at(-1)!;

/** Exit 2, nothing on stdout, exactly one line on stderr matching `line`, no stack trace. */
export async function expectExit2(args: readonly string[], line: RegExp, options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<CliResult> {
  const result = await runCli(args, options);
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(line);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  return result;
}

/** A copy of `url` with some parts replaced; `params` are set as query parameters. */
export function editUrl(url: string, parts: { user?: string; password?: string; database?: string; host?: string; params?: Record<string, string> }): string {
  const u = new URL(url);
  if (parts.user !== undefined) u.username = encodeURIComponent(parts.user);
  if (parts.password !== undefined) u.password = encodeURIComponent(parts.password);
  if (parts.database !== undefined) u.pathname = `/${encodeURIComponent(parts.database)}`;
  if (parts.host !== undefined) u.hostname = parts.host;
  for (const [k, v] of Object.entries(parts.params ?? {})) u.searchParams.set(k, v);
  return u.toString();
}

export async function dataDirectory(superuserUrl: string): Promise<string> {
  return withClient(superuserUrl, async (c) => (await c.query<{ d: string }>("SELECT current_setting('data_directory') AS d")).rows[0]!.d);
}

/** The postmaster's PID from postmaster.pid (first line). */
export async function postmasterPid(superuserUrl: string): Promise<number> {
  const pid = Number(readFileSync(join(await dataDirectory(superuserUrl), 'postmaster.pid'), 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error('cannot read the postmaster PID');
  return pid;
}

/**
 * Server settings that write the full server log to `<data>/log/server.log` (read it with serverLog):
 * every statement, every connection, with the application name and user on each line.
 */
export const FULL_LOG_SETTINGS: Readonly<Record<string, string>> = {
  logging_collector: 'on',
  log_directory: 'log',
  log_filename: 'server.log',
  log_statement: 'all',
  log_connections: 'on',
  log_disconnections: 'on',
  log_line_prefix: '%m [%p] app=%a user=%u ',
};

export async function serverLog(superuserUrl: string): Promise<string> {
  const dir = join(await dataDirectory(superuserUrl), 'log');
  return readdirSync(dir).sort().map((f) => readFileSync(join(dir, f), 'utf8')).join('');
}

/** A directory the server's OS user can read (tests run as root; PostgreSQL runs as `postgres`). */
export function serverReadableDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const user = osUserForServer();
  if (user) chownSync(dir, user.uid, user.gid);
  return dir;
}

export interface Certificates {
  readonly dir: string;
  /** the CA that signed the server certificate */
  readonly caFile: string;
  /** a CA that did not */
  readonly otherCaFile: string;
  readonly certFile: string;
  readonly keyFile: string;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });
}

/** A CA, another CA, and a server certificate for `hostName` only (SAN DNS), signed by the first CA. */
export function makeCertificates(hostName: string): Certificates {
  const dir = serverReadableDir('schema-diff-tls-');
  const ca = (name: string) => {
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${name}`, '-keyout', `${name}.key`, '-out', `${name}.crt`], dir);
  };
  ca('test-ca');
  ca('other-ca');
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${hostName}`, '-keyout', 'server.key', '-out', 'server.csr'], dir);
  writeFileSync(join(dir, 'san.ext'), `subjectAltName=DNS:${hostName}\nbasicConstraints=CA:FALSE\n`);
  openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'test-ca.crt', '-CAkey', 'test-ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'san.ext', '-out', 'server.crt'], dir);
  // PostgreSQL refuses a key that others can read, and must own it (it runs as `postgres`, not root).
  const user = osUserForServer();
  for (const f of ['server.key', 'server.crt']) {
    chmodSync(join(dir, f), 0o600);
    if (user) chownSync(join(dir, f), user.uid, user.gid);
  }
  return { dir, caFile: join(dir, 'test-ca.crt'), otherCaFile: join(dir, 'other-ca.crt'), certFile: join(dir, 'server.crt'), keyFile: join(dir, 'server.key') };
}

/** Write a pg_hba.conf the server's OS user can read; pass its path as the `hba_file` setting. */
export function hbaFile(lines: readonly string[]): string {
  const dir = serverReadableDir('schema-diff-hba-');
  const path = join(dir, 'pg_hba.conf');
  writeFileSync(path, `${lines.join('\n')}\n`, { mode: 0o644 });
  const user = osUserForServer();
  if (user) chownSync(path, user.uid, user.gid);
  return path;
}
