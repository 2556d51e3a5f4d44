// A test process can die without running its exit handlers (a worker killed on timeout, SIGKILL), which
// would leave its PostgreSQL servers running and their data directories in /tmp. Each server therefore
// gets a tiny detached shell that waits for this process to disappear, then stops the server (only if that
// pid is still the postgres of that directory) and deletes the directory.
import { spawn } from 'node:child_process';

const SCRIPT = `
while kill -0 "$1" 2>/dev/null; do sleep 1; done
if grep -qF "$3" "/proc/$2/cmdline" 2>/dev/null; then
  kill -QUIT "$2" 2>/dev/null; sleep 3; kill -KILL "$2" 2>/dev/null
fi
rm -rf "$3"
`;

/** Returns a function that cancels the reaper (call it when the server was stopped normally). */
export function reapWhenOrphaned(serverPid: number, dir: string): () => void {
  const reaper = spawn('/bin/sh', ['-c', SCRIPT, 'schema-diff-reaper', String(process.pid), String(serverPid), dir], {
    detached: true,
    stdio: 'ignore',
  });
  reaper.on('error', () => undefined); // no /bin/sh: only the in-process exit handler remains
  reaper.unref();
  return () => {
    try { reaper.kill('SIGKILL'); } catch { /* already gone */ }
  };
}
