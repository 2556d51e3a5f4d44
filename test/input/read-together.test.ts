// Two SQL inputs load side by side, each in its embedded PostgreSQL's own thread: what they say on the
// way must come out as it would one at a time, and the report must not depend on which finished first.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCompare } from '../../src/analysis.js';
import { snapshotInput } from '../../src/input/index.js';
import { extensionsNamedIn } from '../../src/input/sql-input.js';
import { testTempDir } from '../helpers/temp-dir.js';

describe('extensionsNamedIn (what the embedded PostgreSQL registers before the script is parsed)', () => {
  it('finds CREATE EXTENSION names as PostgreSQL would fold them', () => {
    const text = 'create extension IF NOT EXISTS CITEXT;\nCREATE EXTENSION "uuid-ossp" SCHEMA public;\nCREATE  EXTENSION\n  pgcrypto;\nSELECT 1;';
    expect(extensionsNamedIn([{ file: 'a.sql', text }]).sort()).toEqual(['citext', 'pgcrypto', 'uuid-ossp']);
    expect(extensionsNamedIn([{ file: 'b.sql', text: 'CREATE TABLE t (id int);' }])).toEqual([]);
  });
});

describe('an embedded PostgreSQL started on a wrong guess', () => {
  it('is started again with the extensions the parsed script needs', async () => {
    const dir = testTempDir('schema-diff-guess-');
    const file = join(dir, 'schema.sql');
    // the comment hides the extension from the guess; only the parser sees it
    writeFileSync(file, 'CREATE /* hidden */ EXTENSION citext;\nCREATE TABLE t (email citext NOT NULL);\n');
    const { snapshot } = await snapshotInput(file);
    expect(JSON.stringify(snapshot)).toContain('citext');
    expect(extensionsNamedIn([{ file, text: 'CREATE /* hidden */ EXTENSION citext;' }])).toEqual([]);
  });
});

describe('schema-diff source.sql target.sql, read together', () => {
  it("gives the source's notes before the target's, even when the target is loaded first", async () => {
    const dir = testTempDir('schema-diff-together-');
    const source = join(dir, 'source.sql');
    const target = join(dir, 'target.sql');
    // the source is long, so its note (at its end) comes well after the target's
    let big = '';
    for (let i = 0; i < 400; i++) big += `CREATE TABLE t${i} (id int PRIMARY KEY, name text NOT NULL);\n`;
    writeFileSync(source, `${big}SET no_such_setting_in_source = 1;\n`);
    writeFileSync(target, 'SET no_such_setting_in_target = 1;\nCREATE TABLE t0 (id int PRIMARY KEY, name text NOT NULL);\n');
    const notes: string[] = [];
    const report = await runCompare(source, target, { onNote: (note) => notes.push(note) });
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(/source\.sql:401:1: .*no_such_setting_in_source.*\(ignored\)/);
    expect(notes[1]).toMatch(/target\.sql:1:1: .*no_such_setting_in_target.*\(ignored\)/);
    expect(report.findings.filter((f) => f.object.kind === 'table')).toHaveLength(399);
  });

  it("reports the source's error when both inputs are bad, and none of the target's notes", async () => {
    const dir = testTempDir('schema-diff-together-');
    const source = join(dir, 'source.sql');
    const target = join(dir, 'target.sql');
    writeFileSync(source, 'CREATE TABLE a (id int);\nCREATE TABLE a (id int);\n');
    writeFileSync(target, 'SET no_such_setting_in_target = 1;\nCREATE TABLE b (id nosuchtype);\n');
    const notes: string[] = [];
    await expect(runCompare(source, target, { onNote: (note) => notes.push(note) })).rejects.toThrow(/source\.sql:2:1: relation "a" already exists/);
    expect(notes).toEqual([]);
  });
});
