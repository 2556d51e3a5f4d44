// The server dies in the middle of introspection (SIGKILL to the postmaster): the run must end within
// seconds with exit 2 and "the connection was lost", never hang and never print a partial snapshot.
// To be in the middle deterministically, introspection is parked on a lock: reading a view's definition
// locks the tables it reads, and another session holds ACCESS EXCLUSIVE on one of them.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { withClient } from '../helpers/databases.js';
import { editUrl, NEWEST, postmasterPid } from '../helpers/reliability.js';
import { useServers } from '../helpers/use-servers.js';

const servers = useServers([NEWEST]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(what: string, check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(50);
  }
}

describe('server killed during introspection', () => {
  it('exits 2 with "the connection was lost" within seconds', async () => {
    const url = servers()[0]!.url;
    await withClient(url, (c) => c.query('CREATE TABLE t (id int PRIMARY KEY); CREATE VIEW v AS SELECT id FROM t'));
    const blocker = new pg.Client({ connectionString: url });
    blocker.on('error', () => undefined); // its backend dies with the server
    await blocker.connect();
    try {
      await blocker.query('BEGIN; LOCK TABLE t IN ACCESS EXCLUSIVE MODE');
      const pid = await postmasterPid(url);
      const run = runCli(['snapshot', editUrl(url, { params: { application_name: 'killed-run' } })], { timeoutMs: 60_000 });
      await waitUntil('the snapshot waits on the lock', () =>
        withClient(url, async (c) =>
          (await c.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'killed-run' AND wait_event_type = 'Lock'`)).rowCount === 1,
        ),
      );
      const killedAt = performance.now();
      process.kill(pid, 'SIGKILL');
      const result = await run;
      const seconds = (performance.now() - killedAt) / 1000;
      expect(result.code, result.stderr).toBe(2);
      expect(result.stdout).toBe('');
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines, result.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/killed-run: introspection failed while reading tables and views: the connection was lost$/);
      expect(seconds).toBeLessThan(15);
    } finally {
      await blocker.end().catch(() => undefined);
    }
  });
});
