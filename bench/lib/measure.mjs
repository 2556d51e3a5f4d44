// Timing and peak memory of one command: wall time from spawn to exit (hrtime), peak RSS from
// GNU time's %M (the largest resident set of the process tree it waited for, in KiB). Without
// /usr/bin/time, /proc/<pid>/status VmHWM of the direct child is polled instead (misses children).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';
export const rssMethod = existsSync(GNU_TIME) ? '/usr/bin/time -f %M' : '/proc/<pid>/status VmHWM (polled)';
const scratch = mkdtempSync(join(tmpdir(), 'schema-diff-bench-time-'));
process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

function pollHwm(pid, state) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (m) state.kb = Math.max(state.kb, Number(m[1]));
  } catch { /* exited */ }
}

/**
 * Run `argv` (array: [file, ...args]) once. Options: env (merged over process.env), stdout (a path;
 * default /dev/null), cwd, okExitCodes (default [0]). Resolves { ms, rssKb, stderr } or rejects with the stderr tail.
 */
export function runOnce(argv, { env, stdout = '/dev/null', cwd, okExitCodes = [0] } = {}) {
  return new Promise((resolve, reject) => {
    const timeFile = join(scratch, `t${counter++}`);
    const useTime = existsSync(GNU_TIME);
    const full = useTime ? [GNU_TIME, '-f', '%M', '-o', timeFile, ...argv] : argv;
    const out = openSync(stdout, 'w');
    const started = process.hrtime.bigint();
    const child = spawn(full[0], full.slice(1), { env: { ...process.env, ...env }, cwd, stdio: ['ignore', out, 'pipe'] });
    closeSync(out);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-8000)));
    const hwm = { kb: 0 };
    const poller = useTime ? null : setInterval(() => pollHwm(child.pid, hwm), 20);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (poller) clearInterval(poller);
      let rssKb = hwm.kb;
      if (useTime) {
        const lines = existsSync(timeFile) ? readFileSync(timeFile, 'utf8').trim().split('\n') : [];
        rssKb = Number(lines.at(-1)) || 0;
        rmSync(timeFile, { force: true });
      }
      if (!okExitCodes.includes(code)) {
        reject(new Error(`${argv.join(' ')} failed (${signal ?? `exit ${code}`}):\n${stderr.trim().split('\n').slice(-15).join('\n')}`));
      } else resolve({ ms, rssKb, stderr });
    });
  });
}

export function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted.at(-1), n: sorted.length };
}
