import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPsqlScript } from '../../src/input/psql-script.js';
import { testTempDir } from '../helpers/temp-dir.js';

function scriptDir(files: Record<string, string>): string {
  const dir = testTempDir('psql-script-');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
const display = (p: string) => p.split('/').slice(-2).join('/');

describe('readPsqlScript', () => {
  it('blanks harmless meta-commands but keeps offsets (same length, same lines)', () => {
    const text = '\\restrict abc\n\\set ON_ERROR_STOP 1\nCREATE TABLE t (a int);\n\\unrestrict abc\n';
    const dir = scriptDir({ 'a.sql': text });
    const { segments } = readPsqlScript(join(dir, 'a.sql'), display);
    expect(segments).toHaveLength(1);
    expect(segments[0]!.text).toHaveLength(text.length);
    expect(segments[0]!.text.split('\n')[2]).toBe('CREATE TABLE t (a int);');
    expect(segments[0]!.text).not.toContain('\\');
  });

  it('does not treat backslashes inside strings, E-strings, dollar quotes or comments as meta-commands', () => {
    const text = [
      "SELECT 'a\\b';",
      "SELECT E'it\\'s \\\\ ok';",
      'CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $body$ SELECT \'\\x\' $body$;',
      '-- \\q in a comment',
      '/* \\i nothing.sql */',
      'SELECT 1;',
    ].join('\n');
    const dir = scriptDir({ 'a.sql': text });
    const { segments } = readPsqlScript(join(dir, 'a.sql'), display);
    expect(segments[0]!.text).toBe(text);
  });

  it('follows \\i and \\ir relative to the including file, in order', () => {
    const dir = scriptDir({
      'main.sql': 'CREATE TABLE a (x int);\n\\ir sub/b.sql\nCREATE TABLE c (x int);\n',
      'sub/b.sql': 'CREATE TABLE b (x int);\n\\i c2.sql\n',
      'sub/c2.sql': 'CREATE TABLE b2 (x int);\n',
    });
    const { segments } = readPsqlScript(join(dir, 'main.sql'), display);
    const order = segments.map((s) => s.text.match(/CREATE TABLE (\w+)/g)?.join(',')).filter(Boolean);
    expect(order).toEqual(['CREATE TABLE a', 'CREATE TABLE b', 'CREATE TABLE b2', 'CREATE TABLE c']);
    expect(segments.map((s) => s.file)).toEqual([`${dir.split('/').pop()}/main.sql`, 'sub/b.sql', 'sub/c2.sql', `${dir.split('/').pop()}/main.sql`]);
  });

  it('rejects include cycles with the chain', () => {
    const dir = scriptDir({ 'a.sql': '\\i b.sql\n', 'b.sql': '\\i a.sql\n' });
    expect(() => readPsqlScript(join(dir, 'a.sql'), display)).toThrow(/includes itself/);
  });

  it('rejects meta-commands that would change what the script does', () => {
    const dir = scriptDir({ 'a.sql': 'SELECT 1;\n\\if :x\nSELECT 2;\n\\endif\n' });
    expect(() => readPsqlScript(join(dir, 'a.sql'), display)).toThrow(/a\.sql:2: psql meta-command \\if is not supported/);
  });

  it('stops at \\q', () => {
    const dir = scriptDir({ 'a.sql': 'CREATE TABLE a (x int);\n\\q\nCREATE TABLE b (x int);\n' });
    const { segments } = readPsqlScript(join(dir, 'a.sql'), display);
    expect(segments.map((s) => s.text).join('')).not.toContain('TABLE b');
  });

  it('skips COPY … FROM stdin data up to \\.', () => {
    const text = 'CREATE TABLE t (a int, b text);\nCOPY public.t (a, b) FROM stdin;\n1\tx;y\n2\t\\N\n\\.\nCREATE TABLE u (a int);\n';
    const dir = scriptDir({ 'a.sql': text });
    const { segments } = readPsqlScript(join(dir, 'a.sql'), display);
    expect(segments[0]!.text).toHaveLength(text.length);
    expect(segments[0]!.text).not.toContain('COPY');
    expect(segments[0]!.text).toContain('CREATE TABLE u');
  });

  it('names a missing include and where it was included from', () => {
    const dir = scriptDir({ 'a.sql': 'SELECT 1;\n\\i missing.sql\n' });
    expect(() => readPsqlScript(join(dir, 'a.sql'), display)).toThrow(/missing\.sql: file not found \(included from .*a\.sql:2\)/);
  });

  it('rejects files that are not UTF-8', () => {
    const dir = scriptDir({});
    writeFileSync(join(dir, 'latin1.sql'), Buffer.from([0x53, 0x45, 0x4c, 0x45, 0x43, 0x54, 0x20, 0x27, 0xe9, 0x27, 0x3b]));
    expect(() => readPsqlScript(join(dir, 'latin1.sql'), display)).toThrow(/not valid UTF-8/);
  });
});
