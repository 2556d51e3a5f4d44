// Templates with clauses chosen at run time (src/scan/extract/template.ts): one statement per
// combination, each numbered on its own, all at the call's location.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../../src/scan/index.js';
import { discoverProject } from '../../../src/scan/project.js';
import { scanFilesInThread } from '../../../src/scan/scan-chunk.js';
import { loadSqlParser } from '../../../src/scan/sql/parse.js';
import postgresJs from '../../../src/scan/extract/postgres-js.js';
import type { ExtractedStatement, SqlStatement } from '../../../src/scan/facts.js';
import { snapshotOfDdl } from '../../helpers/pglite.js';
import { extractFrom } from './snippets.js';

const header = `import postgres from 'postgres';\nconst sql = postgres();\n`;
const extract = (body: string): ExtractedStatement[] => extractFrom(postgresJs, { 'main.ts': header + body }, 'main.ts', ['postgres']);
const sqlOf = (statements: readonly ExtractedStatement[]): string[] =>
  statements.map((s) => (s.kind === 'sql' ? s.sql.replace(/\s+/g, ' ').trim() : `(${s.kind}: ${s.kind === 'unresolved' ? s.reason : ''})`));

describe('clauses chosen at run time', () => {
  it('gives every combination, in order, with parameters numbered per variant', () => {
    const statements = extract(`
      export const f = (a?: number, b?: string) =>
        sql\`SELECT id FROM t WHERE x = \${1} \${a ? sql\`AND a = \${a}\` : sql\`\`} \${b ? sql\`AND b = \${b}\` : sql\`AND b IS NULL\`}\`;`);
    expect(sqlOf(statements)).toEqual([
      'SELECT id FROM t WHERE x = $1 AND a = $2 AND b = $3',
      'SELECT id FROM t WHERE x = $1 AND a = $2 AND b IS NULL',
      'SELECT id FROM t WHERE x = $1 AND b = $2',
      'SELECT id FROM t WHERE x = $1 AND b IS NULL',
    ]);
    expect(statements.map((s) => s.variant)).toEqual([0, 1, 2, 3].map((index) => ({ index, of: 4 })));
    expect(new Set(statements.map((s) => JSON.stringify(s.location))).size).toBe(1);
    expect((statements[2] as SqlStatement).params.map((p) => p.index)).toEqual([1, 2]);
  });

  it('follows a const holding the conditional, and nested conditionals', () => {
    const statements = extract(`
      export function f(mode: number, name?: string) {
        const where = mode === 1 ? sql\`AND a\` : mode === 2 ? sql\`AND b\` : sql\`\`;
        return sql\`SELECT id FROM t WHERE true \${where}\`;
      }`);
    expect(sqlOf(statements)).toEqual(['SELECT id FROM t WHERE true AND a', 'SELECT id FROM t WHERE true AND b', 'SELECT id FROM t WHERE true']);
  });

  it('takes conditionals on the same condition the same way (the other combinations are never sent)', () => {
    const statements = extract(`
      export function f(admin: boolean, opts: { deleted: boolean }) {
        return sql\`SELECT t.id FROM t \${admin ? sql\`JOIN u ON u.id = t.owner\` : sql\`\`} WHERE true
          \${admin ? sql\`AND u.role = 'x'\` : sql\`\`} \${!opts.deleted ? sql\`AND t.live\` : sql\`AND NOT t.live\`}
          \${opts.deleted ? sql\`ORDER BY t.removed\` : sql\`ORDER BY t.id\`}\`;
      }`);
    expect(sqlOf(statements)).toEqual([
      "SELECT t.id FROM t JOIN u ON u.id = t.owner WHERE true AND u.role = 'x' AND NOT t.live ORDER BY t.removed",
      "SELECT t.id FROM t JOIN u ON u.id = t.owner WHERE true AND u.role = 'x' AND t.live ORDER BY t.id",
      'SELECT t.id FROM t WHERE true AND NOT t.live ORDER BY t.removed',
      'SELECT t.id FROM t WHERE true AND t.live ORDER BY t.id',
    ]);
  });

  it('keeps a conditional between two values one bound value', () => {
    const statements = extract(`export const f = (a: boolean) => sql\`SELECT id FROM t WHERE x = \${a ? 1 : 2}\`;`);
    expect(sqlOf(statements)).toEqual(['SELECT id FROM t WHERE x = $1']);
    expect(statements[0]!.variant).toBeUndefined();
  });

  it('does not check a choice between a value and SQL, nor more than 8 combinations', () => {
    const mixed = extract(`export const f = (a?: number) => sql\`SELECT id FROM t WHERE true \${a ? sql\`AND a = \${a}\` : undefined}\`;`);
    expect(sqlOf(mixed)).toEqual(['(unresolved: a clause chosen at run time)']);
    const clause = (name: string) => `\${${name} ? sql\`AND ${name}\` : sql\`\`}`;
    const many = extract(`export const f = (a: boolean, b: boolean, c: boolean, d: boolean) => sql\`SELECT id FROM t WHERE true ${['a', 'b', 'c', 'd'].map(clause).join(' ')}\`;`);
    expect(sqlOf(many)).toEqual(['(unresolved: clauses chosen at run time (more than 8 combinations))']);
    const three = extract(`export const f = (a: boolean, b: boolean, c: boolean) => sql\`SELECT id FROM t WHERE true ${['a', 'b', 'c'].map(clause).join(' ')}\`;`);
    expect(three).toHaveLength(8);
  });

  it('counts a site once in the coverage and in the usages, whatever its variants', async () => {
    const app = join(import.meta.dirname, '../../../fixtures/scan-postgres-js');
    const schema = await snapshotOfDdl(readFileSync(join(app, 'schema.sql'), 'utf8'));
    const result = await scan([join(app, 'code')], schema, { workers: 1 });
    const project = discoverProject(join(app, 'code'));
    const deps = [...project.dependencies].sort();
    await loadSqlParser();
    const analyses = scanFilesInThread(project.files.map((path) => ({ root: project.root, path, dependencies: deps }))).flatMap((f) => f.analyses);
    const sites = new Set(analyses.map(({ statement: { location: l } }) => `${l.file}:${l.line}:${l.column}`));
    expect(analyses.length).toBeGreaterThan(sites.size + 3);
    expect(result.coverage.statements).toBe(sites.size);
    const keys = result.usages
      .filter((u) => u.location.file === 'src/search.ts')
      .map((u) => `${u.location.line}:${u.location.column} ${u.table}.${u.column ?? ''} ${u.access}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('7:10 clients.deleted_at read');
  }, 60_000);
});
