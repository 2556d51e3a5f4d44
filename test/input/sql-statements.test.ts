// Statements of a large script are parsed in pieces cut after a `;`; a cut that lands inside a
// string, comment, dollar-quoted body or BEGIN ATOMIC must change nothing.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import type { SqlSegment } from '../../src/input/psql-script.js';
import { locationOf, planStatements } from '../../src/input/sql-statements.js';

const PIECE = 64 * 1024;

/** `count` small tables, then `tricky` placed so the first `;` after 64 KB falls inside it. */
function scriptAround(tricky: string, semicolonAt: number): string {
  let head = '';
  let i = 0;
  while (head.length < PIECE - 200) head += `CREATE TABLE t${i++} (id int);\n`;
  head += '-- ' + 'x'.repeat(Math.max(0, PIECE - head.length - semicolonAt - 4)) + '\n';
  let tail = '';
  for (let j = 0; j < 3000; j++) tail += `CREATE TABLE u${j} (id int);\n`;
  return head + tricky + '\n' + tail;
}

const tricky: Record<string, string> = {
  'a string': "INSERT INTO t0 VALUES (1); SELECT 'a;b;c;d;e;f;g;h;i;j;k;l;m;n;o;p;q;r;s;t;u;v;w;x;y;z';",
  'a dollar-quoted body': 'CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN PERFORM 1; PERFORM 2; PERFORM 3; PERFORM 4; RETURN 1; END $body$;',
  'a block comment': '/* one; two; three; four; five; six; seven; eight; nine; ten; */ CREATE TABLE c (id int);',
  'a line comment': 'SELECT 1 -- not the end; not the end; not the end; not the end; not the end;\nFROM t0;',
  'BEGIN ATOMIC': 'CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; SELECT 3; SELECT 4; SELECT 5; END;',
  'a quoted identifier': 'CREATE TABLE "a;b;c;d;e;f;g;h;i;j;k;l;m;n;o;p;q;r;s;t" (id int);',
};

describe('planStatements on a script larger than one piece', () => {
  for (const [name, sql] of Object.entries(tricky)) {
    it(`keeps ${name} whole when the cut lands inside it`, async () => {
      for (const at of [5, 20, 40, 60]) {
        const text = scriptAround(sql, at);
        const segment: SqlSegment = { file: 'big.sql', text };
        const plan = await planStatements([segment]);
        const tables = text.split('\n').filter((l) => l.startsWith('CREATE TABLE t') || l.startsWith('CREATE TABLE u')).length;
        const statementsInTricky = (await planStatements([{ file: 'x.sql', text: sql }])).statements.map((s) => s.text);
        expect(plan.statements.map((s) => s.text)).toEqual([
          ...text.split('\n').filter((l) => l.startsWith('CREATE TABLE t')).map((l) => l.slice(0, -1)),
          ...statementsInTricky,
          ...text.split('\n').filter((l) => l.startsWith('CREATE TABLE u')).map((l) => l.slice(0, -1)),
        ]);
        expect(plan.statements.length).toBe(tables + statementsInTricky.length);
        for (const s of plan.statements) expect(text.startsWith(s.text, s.start)).toBe(true);
      }
    });
  }

  it('names the line and column of a syntax error far into the script', async () => {
    let text = '';
    for (let i = 0; i < 10_000; i++) text += `CREATE TABLE t${i} (id int);\n`;
    text += 'CREATE TABLE broken (id int,);\n';
    for (let i = 0; i < 100; i++) text += `CREATE TABLE v${i} (id int);\n`;
    const error = await planStatements([{ file: 'big.sql', text }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe('big.sql:10001:29: syntax error at or near ")"');
  });

  it('keeps statement text and offsets exact in scripts with multi-byte characters', async () => {
    // the parser counts bytes; every statement start and end must land on the right character
    const line = (i: number) => `COMMENT ON TABLE t0 IS 'café ${i} 日本語 🐘';\n`;
    const small = `CREATE TABLE t0 (id int);\n${line(1)}${line(2)}`;
    let large = 'CREATE TABLE t0 (id int);\n';
    for (let i = 0; large.length < 3 * PIECE; i++) large += line(i);
    for (const text of [small, large]) {
      const plan = await planStatements([{ file: 'utf8.sql', text }]);
      expect(plan.statements.map((s) => s.text)).toEqual(text.trimEnd().split('\n').map((l) => l.slice(0, -1)));
      for (const s of plan.statements) expect(text.startsWith(s.text, s.start)).toBe(true);
    }
  });

  it('gives statements the locations of their first token, past leading comments', async () => {
    const text = scriptAround("SELECT 1;\n-- leading comment\n  /* and another */ CREATE TABLE after_comments (id int);", 3);
    const plan = await planStatements([{ file: 'big.sql', text }]);
    const after = plan.statements.find((s) => s.text.includes('after_comments'))!;
    const at = text.indexOf('CREATE TABLE after_comments');
    const before = text.slice(0, at).split('\n');
    expect(locationOf(after)).toBe(`big.sql:${before.length}:${before[before.length - 1]!.length + 1}`);
  });
});
