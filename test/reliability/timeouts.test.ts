// Introspection never waits forever: every catalog query runs under statement_timeout, and a query stuck
// behind another session's lock gives up at lock_timeout (half of it). SCHEMA_DIFF_STATEMENT_TIMEOUT_MS
// sets the limit; hitting it is exit 2 with one line naming the input, the step and the limit.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createDatabase, withClient } from '../helpers/databases.js';
import { expectExit2, NEWEST } from '../helpers/reliability.js';
import { useServers } from '../helpers/use-servers.js';

const servers = useServers([NEWEST]);

describe('timeouts', () => {
  it('a slow catalog (1,500 tables) under a 1 ms statement timeout → exit 2 "statement timeout", in seconds', async () => {
    const url = await createDatabase(servers()[0]!.url, 'big');
    // why this size: every catalog query over it takes well over 1 ms, so the timeout fires for certain
    await withClient(url, (c) =>
      c.query(`DO $$ BEGIN FOR i IN 1..1500 LOOP
        EXECUTE format('CREATE TABLE t%s (id int PRIMARY KEY, a text NOT NULL DEFAULT ''x'', b jsonb, c timestamptz)', i);
      END LOOP; END $$`),
    );
    const started = performance.now();
    await expectExit2(['snapshot', url], /\/big: introspection failed while reading [a-z ]+: a catalog query hit the statement timeout \(1 ms, SCHEMA_DIFF_STATEMENT_TIMEOUT_MS\)$/, {
      env: { SCHEMA_DIFF_STATEMENT_TIMEOUT_MS: '1' },
    });
    expect(performance.now() - started).toBeLessThan(20_000);
    // the same database with the default limit is fine: the timeout, not the schema, failed the run
    const ok = await runCli(['snapshot', url]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).tables).toHaveLength(1500);
  });

  it('a catalog query behind another session\'s ACCESS EXCLUSIVE lock → exit 2 "lock timeout", in seconds', async () => {
    const url = await createDatabase(servers()[0]!.url, 'locked');
    await withClient(url, (c) => c.query('CREATE TABLE t (id int); CREATE VIEW v AS SELECT id FROM t'));
    const blocker = new pg.Client({ connectionString: url });
    await blocker.connect();
    try {
      // a migration in progress: reading v's definition needs a lock on t
      await blocker.query('BEGIN; LOCK TABLE t IN ACCESS EXCLUSIVE MODE');
      const started = performance.now();
      await expectExit2(['snapshot', url], /\/locked: introspection failed while reading tables and views: a catalog query waited too long for a lock another session holds \(lock timeout: half of 2000 ms/, {
        env: { SCHEMA_DIFF_STATEMENT_TIMEOUT_MS: '2000' },
      });
      expect(performance.now() - started).toBeLessThan(20_000);
    } finally {
      await blocker.end();
    }
  });

  it('a malformed SCHEMA_DIFF_STATEMENT_TIMEOUT_MS is a usage error, not a silent default', () =>
    expectExit2(['snapshot', servers()[0]!.url], /SCHEMA_DIFF_STATEMENT_TIMEOUT_MS="10s": expected a positive whole number of milliseconds/, {
      env: { SCHEMA_DIFF_STATEMENT_TIMEOUT_MS: '10s' },
    }));
});
