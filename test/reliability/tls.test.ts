// TLS against a real server with its own CA: sslmode keeps libpq's meaning. A certificate from another CA
// or for another host name must stop the run (exit 2) under verify-full; the right CA and host name work.
// The server accepts the test role only over TLS (hostssl), so sslmode=disable must fail closed too.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { withClient } from '../helpers/databases.js';
import { editUrl, expectExit2, hbaFile, makeCertificates, NEWEST } from '../helpers/reliability.js';
import { startServer, type TestServer } from '../helpers/servers.js';
import { SERVER_HOOK_TIMEOUT_MS } from '../helpers/use-servers.js';

const certs = makeCertificates('localhost');
// The superuser may use plaintext (the helper's readiness probe does); `tlsuser` only TLS.
const hba = hbaFile([
  'hostssl all tlsuser 127.0.0.1/32 scram-sha-256',
  'host    all postgres 127.0.0.1/32 scram-sha-256',
]);
let server: TestServer | undefined;
let roleUrl = '';

beforeAll(async () => {
  server = await startServer(NEWEST, {
    settings: { ssl: 'on', ssl_cert_file: certs.certFile, ssl_key_file: certs.keyFile, hba_file: hba },
  });
  // why hostssl-only: every success below proves the session was encrypted
  await withClient(server.url, (c) => c.query(`CREATE ROLE tlsuser LOGIN PASSWORD 'tls-pw'; CREATE TABLE public.t (id int PRIMARY KEY)`));
  roleUrl = editUrl(server.url, { user: 'tlsuser', password: 'tls-pw' });
}, SERVER_HOOK_TIMEOUT_MS);

afterAll(async () => {
  await server?.stop();
  rmSync(certs.dir, { recursive: true, force: true });
  rmSync(hba, { force: true });
}, SERVER_HOOK_TIMEOUT_MS);

const at = (host: string, params: Record<string, string>) => editUrl(roleUrl, { host, params });

async function expectSnapshot(url: string) {
  const r = await runCli(['snapshot', url]);
  expect(r.code, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout).tables.map((t: { name: string }) => t.name)).toEqual(['t']);
}

describe('TLS', () => {
  it('server requires TLS (hostssl only), client sslmode=disable → exit 2', () =>
    expectExit2(['snapshot', at('127.0.0.1', { sslmode: 'disable' })], /tlsuser:\*\*\*@127\.0\.0\.1:\d+\/postgres\?sslmode=disable: no pg_hba\.conf entry .*no encryption/));

  it('verify-full with a CA that did not sign the server certificate → exit 2', () =>
    expectExit2(['snapshot', at('localhost', { sslmode: 'verify-full', sslrootcert: certs.otherCaFile })], /localhost:\d+\/postgres\?.*certificate verification failed/));

  it('verify-full with the right CA but another host name (127.0.0.1, certificate is for localhost) → exit 2', () =>
    expectExit2(['snapshot', at('127.0.0.1', { sslmode: 'verify-full', sslrootcert: certs.caFile })], /127\.0\.0\.1:\d+\/postgres\?.*certificate verification failed/));

  it('verify-ca with a CA that did not sign it → exit 2', () =>
    expectExit2(['snapshot', at('127.0.0.1', { sslmode: 'verify-ca', sslrootcert: certs.otherCaFile })], /certificate verification failed/));

  it('verify-full with the right CA and host name works', () => expectSnapshot(at('localhost', { sslmode: 'verify-full', sslrootcert: certs.caFile })));

  it('verify-ca checks the CA but not the host name', () => expectSnapshot(at('127.0.0.1', { sslmode: 'verify-ca', sslrootcert: certs.caFile })));

  it('require encrypts without verifying (libpq semantics), and so does the default prefer', async () => {
    await expectSnapshot(at('127.0.0.1', { sslmode: 'require' }));
    await expectSnapshot(at('127.0.0.1', {}));
  });

  it('PGSSLMODE / PGSSLROOTCERT fill what the URL leaves out', async () => {
    const r = await runCli(['snapshot', at('localhost', {})], { env: { PGSSLMODE: 'verify-full', PGSSLROOTCERT: certs.otherCaFile } });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/certificate verification failed/);
  });
});
