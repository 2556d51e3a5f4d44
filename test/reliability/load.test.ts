// Load: 20 concurrent `schema-diff snapshot` runs against one server (max_connections 100) all succeed
// with byte-identical output, and each opens exactly its sessions (3 by default: the catalogs are read in
// parallel; SCHEMA_DIFF_SESSIONS=1 for one), all closed at the end (counted from the server's connection log).
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { withClient } from '../helpers/databases.js';
import { editUrl, FULL_LOG_SETTINGS, NEWEST, serverLog } from '../helpers/reliability.js';
import { useServers } from '../helpers/use-servers.js';

const servers = useServers([NEWEST], { settings: { ...FULL_LOG_SETTINGS, log_statement: 'none', max_connections: '100' } });
const RUNS = 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('load', () => {
  it.each([
    { sessions: 3, env: {} },
    { sessions: 1, env: { SCHEMA_DIFF_SESSIONS: '1' } },
  ])(`${RUNS} concurrent snapshots: all succeed, identical bytes, $sessions session(s) each`, async ({ sessions, env }) => {
    const superuser = servers()[0]!.url;
    const before = (await serverLog(superuser)).length;
    await withClient(superuser, (c) =>
      c.query(`DROP ROLE IF EXISTS loader; CREATE ROLE loader LOGIN PASSWORD 'loader-pw';
        DO $$ BEGIN FOR i IN 1..50 LOOP
          EXECUTE format('CREATE TABLE IF NOT EXISTS public.t%s (id bigint PRIMARY KEY, v text, created timestamptz DEFAULT now())', i);
          EXECUTE format('CREATE INDEX IF NOT EXISTS t%s_v ON public.t%s (v)', i, i);
        END LOOP; END $$`),
    );
    const url = editUrl(superuser, { user: 'loader', password: 'loader-pw' });
    const results = await Promise.all(Array.from({ length: RUNS }, () => runCli(['snapshot', url], { env, timeoutMs: 240_000 })));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    expect(new Set(results.map((r) => r.stdout)).size).toBe(1);
    expect(JSON.parse(results[0]!.stdout).tables).toHaveLength(50);

    let log = '';
    for (let i = 0; i < 100 && (log.match(/user=loader LOG:  disconnection/g) ?? []).length < RUNS * sessions; i++) {
      await sleep(100);
      log = (await serverLog(superuser)).slice(before);
    }
    // exactly `sessions` authenticated sessions per run (60 of 100 connection slots at most: none is refused)
    expect((log.match(/user=loader LOG:  connection authorized/g) ?? []).length).toBe(RUNS * sessions);
    expect((log.match(/user=loader LOG:  disconnection/g) ?? []).length).toBe(RUNS * sessions);
    // every connection the server accepted went on to authenticate: with sslmode=prefer (the default) against this
    // server without SSL, the plaintext startup follows the refused SSLRequest on the same connection (libpq's
    // behaviour), instead of a second connection per session
    expect((log.match(/LOG:  connection received/g) ?? []).length).toBe((log.match(/LOG:  connection authorized/g) ?? []).length);
    // nothing left behind: every session closed
    const left = await withClient(superuser, async (c) => (await c.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = 'loader'`)).rows[0].n);
    expect(left).toBe(0);
  });
});
