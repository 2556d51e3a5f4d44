// The builder-API fixtures (fixtures/scan-{knex,kysely,kysely-workspace,drizzle,supabase-js}/: schema.sql + code/)
// through the real scan pipeline: every finding must be announced by a `// expect: rule[:severity]`
// comment on the line before its statement, and every announced one must appear (recall and
// precision). `not-checked` announces a statement the scanner counts as not checked.
// Oracle: each static ON CONFLICT verdict must agree with PostgreSQL planning the SQL the library
// generates for it (research/code-checkers.md §2.1-2.2), with a generic plan.
import { PGlite } from '@electric-sql/pglite';
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { introspect } from '../../src/introspect/index.js';
import { scan } from '../../src/scan/index.js';
import { discoverProject } from '../../src/scan/project.js';
import { inferArbiters } from '../../src/scan/rules/arbiter.js';
import { createModuleLoader, scanFile, type FileScan } from '../../src/scan/scan-file.js';
import { indexSchema } from '../../src/scan/schema-index.js';
import { loadSqlParser } from '../../src/scan/sql/parse.js';
import type { Snapshot } from '../../src/snapshot/types.js';
import { conflictSql } from './extract/conflict-sql.js';

const FIXTURES = ['scan-knex', 'scan-kysely', 'scan-kysely-camel-case', 'scan-kysely-workspace', 'scan-drizzle', 'scan-supabase-js'];
const EXPECT = /\/\/\s*expect:\s*(.+)$/;

function expectations(root: string, files: readonly string[]): string[] {
  const result: string[] = [];
  for (const path of files) {
    const lines = readFileSync(path, 'utf8').split('\n');
    lines.forEach((line, i) => {
      const match = EXPECT.exec(line);
      if (!match) return;
      for (const token of match[1]!.split(',').map((t) => t.trim())) {
        const [rule, severity] = token.split(':');
        const file = relative(root, path).split('\\').join('/');
        result.push(`${file}:${i + 2} ${rule}${rule === 'not-checked' ? '' : `:${severity ?? 'error'}`}`);
      }
    });
  }
  return result.sort();
}

describe.each(FIXTURES)('fixtures/%s', (name) => {
  const dir = join('fixtures', name);
  const root = resolve(dir, 'code');
  let db: PGlite;
  let snapshot: Snapshot;
  let scans: FileScan[];

  beforeAll(async () => {
    await loadSqlParser();
    db = await PGlite.create();
    await db.exec(readFileSync(join(dir, 'schema.sql'), 'utf8'));
    snapshot = await introspect(db);
    const project = discoverProject(root);
    const load = createModuleLoader();
    scans = project.files.map((path) => scanFile({ root: project.root, path, dependencies: [...project.dependencies] }, load));
  });
  afterAll(async () => {
    await db?.close();
  });

  it('reports exactly what the expect comments announce', async () => {
    const { findings } = await scan([root], snapshot, { workers: 1 });
    const actual = findings.map((f) => `${f.locations![0]!.file}:${f.locations![0]!.line} ${f.rule}:${f.severity}`);
    for (const scan of scans) {
      for (const analysis of scan.analyses) {
        if (analysis.kind === 'unresolved') actual.push(`${analysis.statement.location.file}:${analysis.statement.location.line} not-checked`);
      }
    }
    const project = discoverProject(root);
    const expected = expectations(project.root, project.files);
    expect(expected.length).toBeGreaterThan(0);
    expect(actual.sort(), findings.map((f) => f.message).join('\n')).toEqual(expected);
  });

  it('agrees with PostgreSQL on every ON CONFLICT target it can decide', async () => {
    const schema = indexSchema(snapshot);
    let decided = 0;
    for (const scan of scans) {
      for (const analysis of scan.analyses) {
        if (analysis.kind !== 'analyzed' || analysis.statement.kind !== 'builder') continue;
        const facts = analysis.statement.facts;
        if (!facts.onConflict?.target || !facts.target) continue;
        const found = schema.lookup(facts.target);
        if (found.status !== 'found' || found.relation.kind !== 'table') continue;
        const verdict = inferArbiters(found.relation.table, facts.onConflict);
        if (verdict.kind === 'unknown') continue;
        const sql = conflictSql(found.relation.table, facts.onConflict);
        const planned = await db.query(sql).then(
          () => 'planned',
          (error: Error) => `rejected: ${error.message}`,
        );
        const where = `${scan.file}:${analysis.statement.location.line} ${sql}`;
        expect(planned === 'planned' ? 'arbiters' : 'no-arbiter', `${where} → ${planned}`).toBe(verdict.kind);
        decided++;
      }
    }
    expect(decided).toBeGreaterThan(0);
  });
});
