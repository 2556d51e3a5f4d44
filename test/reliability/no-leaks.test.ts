// Passwords never appear in any output. A unique secret is the real password of a role on a live server;
// it travels in the URL (percent-encoded and as ?password=), in PGPASSWORD and behind env:NAME, through
// every command and format, --debug, successful runs and failing ones. Neither the secret nor its
// percent-encoded form may show up on stdout or stderr.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { withClient } from '../helpers/databases.js';
import { editUrl, NEWEST } from '../helpers/reliability.js';
import { useServers } from '../helpers/use-servers.js';
import { fileTempDir } from '../helpers/temp-dir.js';

const servers = useServers([NEWEST]);
// Characters that need encoding in a URL, so a half-masked password would show.
const SECRET = `Leak@:${randomBytes(6).toString('hex')}!#&=x`;
const WRONG = `Wrong@:${randomBytes(6).toString('hex')}!#&=y`;
const forms = (s: string) => [s, encodeURIComponent(s), s.slice(0, 12), encodeURIComponent(s).slice(0, 14)];

const work = fileTempDir('no-leaks-');
const code = join(work, 'code');
let url = ''; // leaky:<SECRET>@…
let bare = ''; // leaky@… (no password)

beforeAll(async () => {
  await withClient(servers()[0]!.url, async (c) => {
    await c.query(`CREATE ROLE leaky LOGIN PASSWORD '${SECRET.replaceAll("'", "''")}'`);
    await c.query('CREATE TABLE public.clients (id int PRIMARY KEY, name text NOT NULL)');
    await c.query('GRANT SELECT ON public.clients TO leaky');
  });
  url = editUrl(servers()[0]!.url, { user: 'leaky', password: SECRET });
  bare = editUrl(servers()[0]!.url, { user: 'leaky', password: '' });
  mkdirSync(code, { recursive: true });
  // one unknown-column finding, so the code paths of reports with findings run too
  writeFileSync(join(code, 'repo.ts'), "import { Pool } from 'pg';\nconst pool = new Pool();\nexport const f = () => pool.query('SELECT id, nope FROM public.clients');\n");
});

function expectNoLeak(result: CliResult, what: string, expectedCode: number) {
  expect(result.code, `${what}\n${result.stderr}`).toBe(expectedCode);
  for (const secret of [...forms(SECRET), ...forms(WRONG)]) {
    expect(result.stdout.includes(secret), `${what}: stdout holds "${secret}"`).toBe(false);
    expect(result.stderr.includes(secret), `${what}: stderr holds "${secret}"`).toBe(false);
  }
}

describe('no password in any output', () => {
  it('compare in every format, with --debug, password in the URL', async () => {
    expectNoLeak(await runCli([url, url]), 'compare', 0);
    for (const format of ['table', 'markdown', 'json', 'sarif']) {
      expectNoLeak(await runCli([url, url, '--format', format, '--debug', '--code', code]), `compare --code --debug --format ${format}`, 1);
    }
  });

  it('snapshot and scan, password in the URL, ?password=, PGPASSWORD and env:NAME', async () => {
    const asParam = editUrl(bare, { params: { password: SECRET } });
    const env = { DB_URL: url, PGPASSWORD: SECRET };
    for (const input of [url, asParam, bare, 'env:DB_URL']) {
      const snap = await runCli(['snapshot', input, '--debug'], { env });
      expectNoLeak(snap, `snapshot ${input}`, 0);
      expect(JSON.parse(snap.stdout).tables).toHaveLength(1);
      if (input === bare || input === 'env:DB_URL') expectNoLeak(await runCli(['scan', code, '--schema', input, '--format', 'markdown'], { env }), `scan ${input}`, 1);
    }
  });

  it('the report written with -o holds the masked input only', async () => {
    const out = join(work, 'report.json');
    expectNoLeak(await runCli([url, url, '--format', 'json', '-o', out]), 'compare -o', 0);
    const report = readFileSync(out, 'utf8');
    for (const secret of forms(SECRET)) expect(report.includes(secret)).toBe(false);
    expect(JSON.parse(report).source.input).toMatch(/^postgres:\/\/leaky:\*\*\*@127\.0\.0\.1:\d+\/postgres$/);
  });

  it('failing runs: wrong password (URL, PGPASSWORD, env:), missing database, refused port, with and without --debug', async () => {
    const wrong = editUrl(url, { password: WRONG });
    const cases: [string[], NodeJS.ProcessEnv][] = [
      [['snapshot', wrong], {}],
      [[wrong, url, '--debug'], {}],
      [['snapshot', bare, '--debug'], { PGPASSWORD: WRONG }],
      [['snapshot', 'env:DB_URL', '--debug'], { DB_URL: wrong }],
      [['snapshot', editUrl(url, { database: 'missing' }), '--debug'], {}],
      [['snapshot', url.replace(/:\d+\//, ':1/'), '--debug'], {}],
      [['scan', code, '--schema', wrong, '--format', 'sarif', '--debug'], {}],
    ];
    for (const [args, env] of cases) {
      const r = await runCli(args, { env });
      expectNoLeak(r, args.join(' '), 2);
      expect(r.stderr).toMatch(/^schema-diff: cannot connect to /);
    }
  });

  it('a password with characters the URL should have encoded is still masked', async () => {
    // users paste such URLs; whatever the parser makes of them, no part of the password may be printed
    for (const raw of [`postgres://leaky:${SECRET}@127.0.0.1:1/postgres`, `postgres://leaky:ab/${SECRET}@127.0.0.1:1/db`]) {
      const r = await runCli(['snapshot', raw, '--debug']);
      expectNoLeak(r, raw, 2);
      const s = await runCli([raw, raw, '--format', 'json']);
      expectNoLeak(s, raw, 2);
    }
  });
});
