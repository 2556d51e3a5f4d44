// Fail closed on connection failures against a real server: wrong password, missing database, a role
// without CONNECT, TLS demanded from a server that has none. Each exits 2 with one line that names the
// input (password masked) and the reason, and prints nothing that could pass for a report.
import { describe, expect, it } from 'vitest';
import { createDatabase, withClient } from '../helpers/databases.js';
import { editUrl, expectExit2, NEWEST } from '../helpers/reliability.js';
import { useServers } from '../helpers/use-servers.js';

const servers = useServers([NEWEST]);
const url = () => servers()[0]!.url;
const port = () => new URL(url()).port;
// the display form of an input: host and port named, password masked
const shown = (user: string, db: string) => new RegExp(`cannot connect to postgres://${user}:\\*\\*\\*@127\\.0\\.0\\.1:${port()}/${db}`);

describe('a live database that cannot be used exits 2 with one line', () => {
  it('wrong password', async () => {
    const r = await expectExit2(['snapshot', editUrl(url(), { password: 'not-the-password' })], /password authentication failed/);
    expect(r.stderr).toMatch(shown('postgres', 'postgres'));
  });

  it('database that does not exist', () =>
    expectExit2(['snapshot', editUrl(url(), { database: 'no_such_db' })], /127\.0\.0\.1:\d+\/no_such_db: database "no_such_db" does not exist/));

  it('role without CONNECT on the database (REVOKE CONNECT … FROM PUBLIC)', async () => {
    const locked = await createDatabase(url(), 'locked');
    await withClient(url(), async (c) => {
      await c.query(`CREATE ROLE outsider LOGIN PASSWORD 'outsider-pw'`);
      await c.query('REVOKE CONNECT ON DATABASE locked FROM PUBLIC');
    });
    await expectExit2(
      ['snapshot', editUrl(locked, { user: 'outsider', password: 'outsider-pw' })],
      /outsider:\*\*\*@127\.0\.0\.1:\d+\/locked: permission denied for database "locked".*needs CONNECT/,
    );
  });

  it('sslmode=require against a server without TLS', () =>
    expectExit2(['snapshot', editUrl(url(), { params: { sslmode: 'require' } })], /127\.0\.0\.1:\d+\/postgres\?sslmode=require: the server does not support SSL/));

  it('sslmode=verify-full against a server without TLS', () =>
    expectExit2(['snapshot', editUrl(url(), { params: { sslmode: 'verify-full' } })], /the server does not support SSL/));

  it('the same failures through env:NAME name the variable, not the URL', () =>
    expectExit2(['snapshot', 'env:RELIABILITY_DB'], /cannot connect to env:RELIABILITY_DB: password authentication failed/, {
      env: { RELIABILITY_DB: editUrl(url(), { password: 'wrong' }) },
    }));
});
