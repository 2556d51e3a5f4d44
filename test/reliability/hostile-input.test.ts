// Hostile but legal input: quoted mixed-case names, spaces, Unicode, reserved words, 63-byte names (the
// limit), one table name in several schemas, a 1,600-column table (the limit), a 10 MB string literal.
// Comparing a schema with itself finds nothing; one change is found as exactly that change. A code tree
// with a binary file, a non-UTF-8 .ts file and symlink loops is scanned without hanging.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fileTempDir } from '../helpers/temp-dir.js';

const dir = fileTempDir('hostile-');
const LONG = 'l'.repeat(63); // NAMEDATALEN - 1 bytes
const LONG_UTF8 = `${'é'.repeat(31)}x`; // 63 bytes in UTF-8
const wide = Array.from({ length: 1600 }, (_, i) => `c${i} int`).join(', ');
const BIG = 'x'.repeat(10 * 1024 * 1024);

const schema = (extra: string) => `
CREATE SCHEMA "Mixed Case";
CREATE SCHEMA "ünïcødé ✓";
CREATE SCHEMA s2;
CREATE TABLE "Mixed Case"."Order Items" ("Id" int PRIMARY KEY, "first name" text NOT NULL, "select" int, "from" text DEFAULT 'it''s');
CREATE TABLE "ünïcødé ✓"."таблица" ("колонка" text, "名前" text UNIQUE, "🙂" int);
CREATE TABLE public."select" ("from" int, "order" int, "user" text, "group" text, PRIMARY KEY ("from", "order"));
CREATE TABLE public."${LONG}" ("${LONG}" int, "${LONG_UTF8}" text);
CREATE INDEX "${LONG_UTF8}" ON public."${LONG}" ("${LONG_UTF8}");
CREATE TABLE public.items (id int PRIMARY KEY);
CREATE TABLE s2.items (id bigint PRIMARY KEY, note text);
CREATE TABLE "Mixed Case".items (id uuid PRIMARY KEY);
CREATE TABLE "ünïcødé ✓".items (id text);
CREATE TABLE public.wide (${wide});
CREATE VIEW "Mixed Case"."v ""quoted""" AS SELECT "Id", "first name" FROM "Mixed Case"."Order Items";
COMMENT ON TABLE public.items IS '${BIG}';
${extra}`;

describe('hostile input', () => {
  it('snapshot + compare(A, A) = nothing; A vs A-with-one-change = exactly that change; a 10 MB literal loads', async () => {
    writeFileSync(join(dir, 'a.sql'), schema(''));
    writeFileSync(join(dir, 'b.sql'), schema(`ALTER TABLE s2.items ADD COLUMN "Ünïcødé ""col""" text;`));
    const a = await runCli(['snapshot', join(dir, 'a.sql'), '-o', join(dir, 'a.json')], { timeoutMs: 180_000 });
    expect(a.code, a.stderr).toBe(0);
    const b = await runCli(['snapshot', join(dir, 'b.sql'), '-o', join(dir, 'b.json')], { timeoutMs: 180_000 });
    expect(b.code, b.stderr).toBe(0);

    const same = await runCli([join(dir, 'a.sql'), join(dir, 'a.json'), '--format', 'json'], { timeoutMs: 180_000 });
    expect(same.code, same.stderr).toBe(0);
    expect(JSON.parse(same.stdout).findings).toEqual([]); // the .sql and its own snapshot: identical

    const changed = await runCli([join(dir, 'a.json'), join(dir, 'b.json'), '--format', 'json', '--fail-on', 'info']);
    expect(changed.code, changed.stderr).toBe(1);
    const findings = JSON.parse(changed.stdout).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'column-extra', object: { kind: 'column', schema: 's2', table: 'items', name: 'Ünïcødé "col"' } });

    // every hostile name made it into the snapshot intact
    const snapshotText = readFileSync(join(dir, 'a.json'), 'utf8');
    for (const name of ['Order Items', 'first name', 'таблица', '名前', '🙂', LONG, LONG_UTF8, 'v \\"quoted\\"']) expect(snapshotText).toContain(name);
    const snap = JSON.parse(snapshotText);
    const wideTable = snap.tables.find((t: { name: string }) => t.name === 'wide');
    expect(wideTable.columns).toHaveLength(1600);
    expect(snap.tables.filter((t: { name: string }) => t.name === 'items').map((t: { schema: string }) => t.schema)).toEqual(['Mixed Case', 'public', 's2', 'ünïcødé ✓']);
    expect(snap.tables.find((t: { schema: string; name: string }) => t.schema === 'public' && t.name === 'items').comment).toHaveLength(BIG.length);

    // every format renders these names (and the 10 MB comment) without failing
    for (const format of ['table', 'markdown', 'sarif']) {
      const r = await runCli([join(dir, 'a.json'), join(dir, 'b.json'), '--format', format]);
      expect(r.code, `${format}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toContain(format === 'sarif' ? 'Ünïcødé \\"col\\"' : 'Ünïcødé');
    }
  }, 400_000);

  it('a code tree with a binary file, a non-UTF-8 .ts file and symlink loops scans without hanging', async () => {
    const code = join(dir, 'code');
    mkdirSync(join(code, 'src'), { recursive: true });
    writeFileSync(join(code, 'src', 'ok.ts'), "import { Pool } from 'pg';\nconst pool = new Pool();\nexport const f = () => pool.query('SELECT id, nope FROM public.items');\n");
    writeFileSync(join(code, 'src', 'image.ts'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x01]));
    writeFileSync(join(code, 'src', 'latin1.ts'), Buffer.concat([Buffer.from("export const s = '"), Buffer.from([0xe9, 0xe8]), Buffer.from("';\n")]));
    writeFileSync(join(code, 'blob.bin'), Buffer.alloc(4096, 0xff));
    symlinkSync('.', join(code, 'src', 'self'));
    symlinkSync(join(code, 'loop-b'), join(code, 'loop-a'));
    symlinkSync(join(code, 'loop-a'), join(code, 'loop-b'));
    symlinkSync(code, join(code, 'src', 'up'));
    const started = performance.now();
    const r = await runCli(['scan', code, '--schema', join(dir, 'a.json'), '--format', 'json'], { timeoutMs: 120_000 });
    expect(performance.now() - started).toBeLessThan(60_000);
    expect(r.code, r.stderr).toBe(1); // completed: the planted unknown column is found
    const report = JSON.parse(r.stdout);
    expect(report.findings.map((f: { rule: string; locations: { file: string }[] }) => `${f.rule} ${f.locations[0]?.file}`)).toContain('unknown-column src/ok.ts');
  }, 180_000);
});
