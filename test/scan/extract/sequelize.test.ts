// sequelize.query(sql, { replacements | bind }): Sequelize's placeholders read as $n parameters, so its raw
// queries are checked instead of failing to parse (`:id` and `?` are not PostgreSQL).
import { describe, expect, it } from 'vitest';
import type { ExtractedStatement } from '../../../src/scan/facts.js';
import pg from '../../../src/scan/extract/pg.js';
import { extractFrom } from './snippets.js';

const header = `import { Sequelize, QueryTypes } from 'sequelize';\nconst sequelize = new Sequelize('postgres://db');\n`;

function sqlOf(code: string): { sql: string; params: readonly { index: number; text: string; kind: string }[] } {
  const statements: readonly ExtractedStatement[] = extractFrom(pg, { 'main.ts': header + code });
  expect(statements).toHaveLength(1);
  const statement = statements[0]!;
  if (statement.kind !== 'sql') throw new Error(`not SQL: ${statement.kind}`);
  return { sql: statement.sql, params: statement.params.map(({ index, text, kind }) => ({ index, text, kind })) };
}

describe('sequelize.query', () => {
  it('named replacements, a cast and a quoted colon left alone', () => {
    const { sql, params } = sqlOf(
      `export const f = (id: number) => sequelize.query("SELECT name, created_at::date, ':id' FROM users WHERE id = :id OR parent = :id", { replacements: { id }, type: QueryTypes.SELECT });\n`,
    );
    expect(sql).toBe(`SELECT name, created_at::date, ':id' FROM users WHERE id = $1 OR parent = $1`);
    expect(params).toEqual([{ index: 1, text: ':id', kind: 'unknown' }]);
  });

  it('positional replacements', () => {
    const { sql, params } = sqlOf(`export const f = (a: number, b: string) => sequelize.query('SELECT id FROM users WHERE id = ? AND email = ?', { replacements: [a, b] });\n`);
    expect(sql).toBe('SELECT id FROM users WHERE id = $1 AND email = $2');
    expect(params.map((p) => p.text)).toEqual(['?1', '?2']);
  });

  it('bind parameters, positional and named', () => {
    expect(sqlOf(`export const f = (a: number) => sequelize.query('SELECT id FROM users WHERE id = $1', { bind: [a] });\n`).sql).toBe('SELECT id FROM users WHERE id = $1');
    const named = sqlOf(`export const f = (a: number) => sequelize.query('SELECT id FROM users WHERE id = $id', { bind: { id: a } });\n`);
    expect(named.sql).toBe('SELECT id FROM users WHERE id = $1');
  });

  it('a node-postgres values array is not an options object', () => {
    expect(sqlOf(`export const f = (a: number) => sequelize.query('SELECT id FROM users WHERE id = $1', [a]);\n`).params).toEqual([{ index: 1, text: 'a', kind: 'scalar' }]);
  });
});
