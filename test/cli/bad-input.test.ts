// Fail closed: every input the analysis cannot use exits 2 with one line on stderr naming what and
// where, and nothing on stdout that could pass for a report.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fileTempDir } from '../helpers/temp-dir.js';

const dir = fileTempDir('bad-input-');
const file = (name: string, text: string | Buffer) => {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
};
const good = file('good.sql', 'CREATE TABLE t (id int PRIMARY KEY);\n');

/** A port on loopback with nothing listening. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

async function expectExit2(args: string[], line: RegExp, env?: NodeJS.ProcessEnv) {
  const result = await runCli(args, { env });
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(line);
  expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace without --debug
  return result;
}

describe('bad input exits 2 with one clear line', () => {
  it('missing file', () => expectExit2([join(dir, 'nope.sql'), good], /nope\.sql: no such file or directory/));

  it('SQL syntax error names file:line:column and the parser message', () =>
    expectExit2([file('syntax.sql', 'CREATE TABLE a (id int);\n\nCREATE TABLE b (id int,, x text);\n'), good], /syntax\.sql:3:24: syntax error at or near ","/));

  it('SQL PostgreSQL rejects names file:line:column and PostgreSQL\'s message', () =>
    expectExit2(
      [file('reject.sql', 'CREATE TABLE a (id int);\nALTER TABLE a ADD COLUMN b text;\nALTER TABLE a ADD CONSTRAINT fk FOREIGN KEY (b) REFERENCES missing (id);\n'), good],
      /reject\.sql:3:\d+: relation "missing" does not exist/,
    ));

  it('extension the embedded PostgreSQL cannot provide', () =>
    expectExit2([file('postgis.sql', 'CREATE EXTENSION postgis;\nCREATE TABLE p (g geometry);\n'), good], /postgis\.sql:1:1: extension "postgis" is not available in the embedded PostgreSQL.*--scratch-db/));

  it('code folder that does not exist (scan and --code)', async () => {
    await expectExit2(['scan', join(dir, 'no-code'), '--schema', good], /no-code: no such directory \(the code to scan\)/);
    await expectExit2([good, good, '--code', join(dir, 'no-code')], /no-code: no such directory \(the code to scan\)/);
  });

  it('code path that is a file, not a folder', () =>
    expectExit2(['scan', good, '--schema', good], /good\.sql: not a directory \(scan and --code take the code's root folder\)/));

  it('directory with no .sql files', () => {
    mkdirSync(join(dir, 'empty'), { recursive: true });
    return expectExit2([join(dir, 'empty'), good], /empty: no \.sql files in this directory/);
  });

  it('malformed snapshot JSON', () => expectExit2([file('trunc.json', '{"formatVersion": 1, "tables": ['), good], /trunc\.json: not valid JSON/));

  it('snapshot from a future format version', () => expectExit2([file('future.json', '{"formatVersion": 9}'), good], /future\.json: snapshot formatVersion 9 is not supported.*upgrade/));

  it('snapshot with a wrong field', () =>
    expectExit2([file('wrong.json', JSON.stringify({ formatVersion: 1, serverVersion: '17', schemas: 'x' })), good], /wrong\.json: snapshot\.schemas must be an array/));

  it('unreachable server (connection refused)', async () => {
    const port = await closedPort();
    await expectExit2([`postgres://app:hunter2secret@127.0.0.1:${port}/db?sslmode=disable`, good], /cannot connect to postgres:\/\/app:\*\*\*@127\.0\.0\.1:\d+\/db.*connection refused/);
  });

  it('DNS failure', () => expectExit2(['postgres://u:p@no-such-host.invalid/db', good], /host name not found/));

  it('env:NAME unset', () => expectExit2(['env:SCHEMA_DIFF_TEST_UNSET_URL', good], /env:SCHEMA_DIFF_TEST_UNSET_URL: environment variable SCHEMA_DIFF_TEST_UNSET_URL is not set/));

  it('unknown option', () => expectExit2([good, good, '--frobnicate'], /Unknown argument: frobnicate/));

  it('unknown format', () => expectExit2([good, good, '--format', 'xml'], /Invalid values:.*format.*xml/s));

  it('missing argument', () => expectExit2([good], /Not enough non-option arguments/));

  it('not an input at all', () => expectExit2([file('notes.txt', 'hello'), good], /notes\.txt: not a \.sql file, a directory of migrations, a snapshot \.json or a postgres:\/\/ URL/));

  it('bad config names the key', () => {
    const config = file('bad.config.json', JSON.stringify({ rules: { 'no-such-rule': 'off' } }));
    return expectExit2([good, good, '--config', config], /bad\.config\.json: "rules\.no-such-rule" is not a known rule/);
  });

  it('unsupported psql meta-command names file and line', () =>
    expectExit2([file('meta.sql', 'SELECT 1;\n\\copy t from data.csv\n'), good], /meta\.sql:2: psql meta-command \\copy is not supported/));

  it('non-UTF-8 SQL file', () => expectExit2([file('latin1.sql', Buffer.from([0x2d, 0x2d, 0x20, 0xe9, 0x0a])), good], /latin1\.sql: not valid UTF-8 text/));
});
