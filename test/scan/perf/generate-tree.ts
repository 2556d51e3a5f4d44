// A synthetic codebase for measuring the scanner: files of ~300 lines mixing node-postgres calls,
// SQL constants, template literals and ordinary TypeScript (the shape research/dependencies.md §4
// measured ts-morph against).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TREE_SCHEMA = `
CREATE TABLE clients (id bigserial PRIMARY KEY, yclients_id bigint NOT NULL UNIQUE, company_id bigint NOT NULL, name text NOT NULL, email text);
CREATE TABLE bookings (id bigserial PRIMARY KEY, client_id bigint NOT NULL, starts_at timestamptz NOT NULL, note text);
`;

function fileText(n: number): string {
  const lines: string[] = [
    "import { pool } from './db.js';",
    '',
    `const UPSERT_${n} = 'INSERT INTO clients (yclients_id, company_id, name) VALUES ($1, $2, $3) ON CONFLICT (yclients_id) DO UPDATE SET name = EXCLUDED.name || \\'${n}\\'';`,
    '',
  ];
  for (let block = 0; lines.length < 290; block++) {
    lines.push(
      `export async function load${n}_${block}(id: number, limit = 10): Promise<unknown[]> {`,
      // every statement differs, so no cache can make the measurement look better than real code
      `  const { rows } = await pool.query(\`SELECT b.id, b.starts_at, c.name FROM bookings b JOIN clients c ON c.id = b.client_id WHERE c.id = $1 AND b.note IS DISTINCT FROM 'f${n}b${block}' ORDER BY b.starts_at LIMIT $2\`, [id, limit]);`,
      '  const result: unknown[] = [];',
      '  for (const row of rows) {',
      "    if (typeof row === 'object' && row !== null) result.push({ ...row, loadedAt: Date.now() });",
      '  }',
      '  return result;',
      '}',
      '',
      `export async function save${n}_${block}(yclientsId: number, companyId: number, name: string): Promise<void> {`,
      `  await pool.query(UPSERT_${n}, [yclientsId, companyId, name.trim()]);`,
      '}',
      '',
      `export function format${n}_${block}(items: readonly { name: string; total: number }[]): string {`,
      '  return items',
      '    .filter((item) => item.total > 0)',
      '    .map((item) => `${item.name}: ${item.total.toFixed(2)}`)',
      "    .join('\\n');",
      '}',
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Writes `files` files into `dir`; returns the number of lines written. */
export function generateTree(dir: string, files: number): number {
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'generated', private: true, dependencies: { pg: '^8' } }));
  writeFileSync(join(dir, 'src', 'db.ts'), "import pg from 'pg';\nexport const pool = new pg.Pool();\n");
  let lines = 2;
  for (let i = 0; i < files; i++) {
    const text = fileText(i);
    lines += text.split('\n').length - 1;
    writeFileSync(join(dir, 'src', `module-${String(i).padStart(5, '0')}.ts`), text);
  }
  return lines;
}
