// What the numbers were measured on and with.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const tryRun = (file, args, opts = {}) => {
  try {
    return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], ...opts }).trim();
  } catch {
    return null;
  }
};

export function loadAverage() {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
  } catch {
    return os.loadavg().map((n) => Math.round(n * 100) / 100);
  }
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: os.availableParallelism?.() ?? cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

export function versions(projectRoot, serverVersion) {
  const pkg = JSON.parse(readFileSync(`${projectRoot}/package.json`, 'utf8'));
  const commit = tryRun('git', ['rev-parse', '--short', 'HEAD'], { cwd: projectRoot });
  const dirty = tryRun('git', ['status', '--porcelain', '--untracked-files=no', '--', 'src'], { cwd: projectRoot });
  let migra = null;
  try {
    migra = require(`${projectRoot}/node_modules/@pgkit/migra/package.json`).version;
  } catch { /* not installed */ }
  return {
    schemaDiff: `${pkg.version}${commit ? ` (${commit}${dirty ? ', src modified' : ''})` : ''}`,
    node: process.version,
    postgres: serverVersion,
    pgDump: tryRun('pg_dump', ['--version']),
    psql: tryRun('psql', ['--version']),
    migra: migra ? `@pgkit/migra ${migra}` : null,
    diff: tryRun('diff', ['--version'])?.split('\n')[0] ?? null,
  };
}
