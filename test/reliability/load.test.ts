// Load: 20 concurrent `schema-diff snapshot` runs against one server (max_connections 100) all succeed
// with byte-identical output, and each holds at most one session (counted from the server's connection log).
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { withClient } from '../helpers/databases.js';
import { editUrl, FULL_LOG_SETTINGS, NEWEST, serverLog } from '../helpers/reliability.js';
import { useServers } from '../helpers/use-servers.js';

const servers = useServers([NEWEST], { settings: { ...FULL_LOG_SETTINGS, log_statement: 'none', max_connections: '100' } });
const RUNS = 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('load', () => {
  it(`${RUNS} concurrent snapshots: all succeed, identical bytes, one session each`, async () => {
    const superuser = servers()[0]!.url;
    await withClient(superuser, (c) =>
      c.query(`CREATE ROLE loader LOGIN PASSWORD 'loader-pw';
        DO $$ BEGIN FOR i IN 1..50 LOOP
          EXECUTE format('CREATE TABLE public.t%s (id bigint PRIMARY KEY, v text, created timestamptz DEFAULT now())', i);
          EXECUTE format('CREATE INDEX ON public.t%s (v)', i);
        END LOOP; END $$`),
    );
    const url = editUrl(superuser, { user: 'loader', password: 'loader-pw' });
    const results = await Promise.all(Array.from({ length: RUNS }, () => runCli(['snapshot', url], { timeoutMs: 240_000 })));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    expect(new Set(results.map((r) => r.stdout)).size).toBe(1);
    expect(JSON.parse(results[0]!.stdout).tables).toHaveLength(50);

    let log = '';
    for (let i = 0; i < 100 && (log.match(/user=loader LOG:  disconnection/g) ?? []).length < RUNS; i++) {
      await sleep(100);
      log = await serverLog(superuser);
    }
    // one authenticated session per run (a run that opened two would make this 21 or more)
    expect((log.match(/user=loader LOG:  connection authorized/g) ?? []).length).toBe(RUNS);
    expect((log.match(/user=loader LOG:  disconnection/g) ?? []).length).toBe(RUNS);
    // nothing left behind: every session closed
    const left = await withClient(superuser, async (c) => (await c.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = 'loader'`)).rows[0].n);
    expect(left).toBe(0);
  });
});
