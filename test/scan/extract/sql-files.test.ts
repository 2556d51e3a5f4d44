// SQL the code reads from files: each path shape the scanner computes must yield the file's text (and
// name the file); every path it cannot know, or file it must not read, must leave the site not checked
// with its reason, never a guess.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../src/scan/extract/context.js';
import { indexFile } from '../../../src/scan/extract/file-index.js';
import pgPromise from '../../../src/scan/extract/pg-promise.js';
import postgresJs from '../../../src/scan/extract/postgres-js.js';
import pg from '../../../src/scan/extract/pg.js';
import { withSqlFiles } from '../../../src/scan/extract/sql-files.js';
import type { Extractor } from '../../../src/scan/extract/types.js';
import type { ExtractedStatement } from '../../../src/scan/facts.js';
import { discoverProject } from '../../../src/scan/project.js';
import { scanFilesInThread } from '../../../src/scan/scan-chunk.js';
import { createModuleLoader } from '../../../src/scan/scan-file.js';
import { withTempDir } from '../../helpers/temp-dir.js';

const FIND = 'SELECT id, name FROM clients WHERE id = $1\n';

/** Extracts from `src/main.ts` of a project scanned from its `app/` folder (so `outside.sql` lies outside it). */
function extract(extractor: Extractor, files: Record<string, string>, dependencies: readonly string[]): ExtractedStatement[] {
  return withTempDir('schema-diff-sql-files-', (dir) => {
    const root = join(dir, 'app');
    writeFileSync(join(dir, 'outside.sql'), FIND);
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, name)), { recursive: true });
      writeFileSync(join(root, name), text);
    }
    const path = join(root, 'src/main.ts');
    const file = { path, index: indexFile(path, readFileSync(path, 'utf8')) };
    const context = createContext(file, 'src/main.ts', new Set(dependencies), withSqlFiles(createModuleLoader(), root));
    return extractor.extract(file.index.sourceFile, context);
  });
}

function only(statements: readonly ExtractedStatement[]): ExtractedStatement {
  expect(statements).toHaveLength(1);
  return statements[0]!;
}

const withPg = (code: string, extra: Record<string, string> = {}): ExtractedStatement =>
  only(extract(pg, { 'src/main.ts': `import pg from 'pg';\nconst pool = new pg.Pool();\n${code}`, 'src/sql/find.sql': FIND, ...extra }, ['pg']));

const read = (statement: ExtractedStatement) =>
  statement.kind === 'sql' ? { sql: statement.sql, files: statement.sqlFiles } : statement.kind === 'unresolved' ? { reason: statement.reason } : { kind: statement.kind };

describe('SQL read from files: paths the scanner computes', () => {
  const found = { sql: FIND, files: ['src/sql/find.sql'] };

  it('readFileSync(join(__dirname, …), "utf8")', () => {
    const code = `import { readFileSync } from 'fs';\nimport { join } from 'path';\npool.query(readFileSync(join(__dirname, 'sql', 'find.sql'), 'utf8'), [1]);\n`;
    expect(read(withPg(code))).toEqual(found);
  });

  it('fs.readFileSync(path.resolve(…)).toString(), namespace and default imports of node: modules', () => {
    const code = `import * as fs from 'node:fs';\nimport path from 'node:path';\nconst FIND_SQL = path.resolve(__dirname, './sql/find.sql');\npool.query(fs.readFileSync(FIND_SQL).toString(), [1]);\n`;
    expect(read(withPg(code))).toEqual(found);
  });

  it('await readFile(fileURLToPath(new URL(…, import.meta.url)), { encoding }) from fs/promises, through a local const', () => {
    const code = `import { readFile } from 'node:fs/promises';\nimport { fileURLToPath } from 'node:url';\nexport async function find(id: number) {\n  const text = await readFile(fileURLToPath(new URL('./sql/find.sql', import.meta.url)), { encoding: 'utf8' });\n  return pool.query(text, [id]);\n}\n`;
    expect(read(withPg(code))).toEqual(found);
  });

  it('readFileSync(new URL(…)), the ESM __dirname shim, templates and import.meta.dirname', () => {
    const shapes = [
      `readFileSync(new URL('./sql/find.sql', import.meta.url), 'utf-8')`,
      `readFileSync(join(here, 'sql/find.sql'), 'utf8')`,
      `readFileSync(\`\${here}/sql/find.sql\`, 'utf8')`,
      `readFileSync(import.meta.dirname + '/sql/find.sql', 'utf8')`,
    ];
    for (const shape of shapes) {
      const code = `import { readFileSync } from 'fs';\nimport { dirname, join } from 'path';\nimport { fileURLToPath } from 'url';\nconst here = dirname(fileURLToPath(import.meta.url));\npool.query(${shape}, [1]);\n`;
      expect(read(withPg(code)), shape).toEqual(found);
    }
  });

  it("pg-promise's QueryFile helper (a guard in its body), its objects imported, named variables formatted", () => {
    const sql = [
      `import { QueryFile } from 'pg-promise';`,
      `import { join } from 'path';`,
      `export const clients = { find: sql('clients/find.sql') };`,
      `function sql(file: string): QueryFile {`,
      `  const fullPath: string = join(__dirname, file);`,
      `  const qf: QueryFile = new QueryFile(fullPath, { minify: true });`,
      `  if (qf.error) {`,
      `    console.error(qf.error);`,
      `  }`,
      `  return qf;`,
      `}`,
    ].join('\n');
    const main = `import { clients as sql } from './sql/index.js';\ndeclare const db: any;\nexport const find = (id: number) => db.oneOrNone(sql.find, { id });\n`;
    const statement = only(
      extract(pgPromise, { 'src/main.ts': main, 'src/sql/index.ts': sql, 'src/sql/clients/find.sql': '/* one client */\nSELECT id FROM clients WHERE id = ${id}\n' }, ['pg-promise']),
    );
    expect(read(statement)).toEqual({ sql: '/* one client */\nSELECT id FROM clients WHERE id = $1\n', files: ['src/sql/clients/find.sql'] });
    expect(statement.kind === 'sql' && statement.params.map((p) => p.text)).toEqual(['id']);
  });

  it('new pgp.QueryFile(…) where pgp = pgPromise() comes from another module; CommonJS exports', () => {
    const db = `const pgPromise = require('pg-promise');\nconst pgp = pgPromise();\nmodule.exports = { pgp, db: pgp('') };\n`;
    const sql = `const { pgp } = require('./db');\nconst path = require('path');\nmodule.exports = { find: new pgp.QueryFile(path.join(__dirname, 'sql/find.sql')) };\n`;
    const main = `const { db } = require('./db');\nconst queries = require('./queries');\nexports.find = (id) => db.one(queries.find, [id]);\n`;
    const statement = only(extract(pgPromise, { 'src/main.ts': main, 'src/db.ts': db, 'src/queries.ts': sql, 'src/sql/find.sql': FIND }, ['pg-promise']));
    expect(read(statement)).toEqual(found);
  });
  it('postgres.js sql.file(path, args), sql = postgres(…) imported; another .file() is no query', () => {
    const db = `import postgres from 'postgres';\nexport const sql = postgres(process.env.DATABASE_URL!);\n`;
    const main = (body: string) =>
      extract(postgresJs, { 'src/main.ts': `import { sql } from './db.js';\ndeclare const upload: any;\n${body}\n`, 'src/db.ts': db, 'src/sql/find.sql': FIND }, ['postgres']);
    const statement = only(main(`export const find = (id: number) => sql.file(new URL('./sql/find.sql', import.meta.url), [id]);`));
    expect(read(statement)).toEqual(found);
    expect(statement.kind === 'sql' && statement.params.map((p) => p.text)).toEqual(['id']);
    expect(read(only(main(`export const run = (name: string) => sql.file(name);`)))).toEqual({ reason: 'path of the SQL file computed at run time' });
    expect(main(`upload.file(new URL('./sql/find.sql', import.meta.url));`)).toEqual([]);
  });

  it('const { QueryFile } = pgp, with pgp = require("pg-promise")', () => {
    const code = `const pgp = require('pg-promise');\nconst { QueryFile } = pgp;\nconst path = require('path');\ndeclare const db: any;\nconst find = new QueryFile(path.join(__dirname, 'sql/find.sql'), { minify: true });\ndb.one(find, [1]);\n`;
    expect(read(only(extract(pgPromise, { 'src/main.ts': code, 'src/sql/find.sql': FIND }, ['pg-promise'])))).toEqual(found);
    // near miss: a QueryFile of some other library
    const other = code.replace("require('pg-promise')", "require('./not-pg-promise')");
    expect(read(only(extract(pgPromise, { 'src/main.ts': other, 'src/sql/find.sql': FIND }, ['pg-promise'])))).toEqual({ reason: 'SQL text built at run time' });
  });
});

describe('SQL read from files: not checked, with the reason', () => {
  const header = `import { readFileSync } from 'fs';\nimport { join } from 'path';\n`;

  it('a path computed at run time', () => {
    expect(read(withPg(`${header}pool.query(readFileSync(process.env.FIND_SQL!, 'utf8'), [1]);\n`))).toEqual({ reason: 'path of the SQL file computed at run time' });
    const parameter = `${header}export const run = (name: string) => pool.query(readFileSync(join(__dirname, 'sql', name), 'utf8'));\n`;
    expect(read(withPg(parameter))).toEqual({ reason: 'path of the SQL file computed at run time' });
  });

  it('a path relative to the working directory', () => {
    expect(read(withPg(`${header}pool.query(readFileSync('src/sql/find.sql', 'utf8'), [1]);\n`))).toEqual({
      reason: 'SQL file path relative to the working directory: src/sql/find.sql',
    });
  });

  it('a missing file, a file outside the scanned directory, a file too big to be a query', () => {
    expect(read(withPg(`${header}pool.query(readFileSync(join(__dirname, 'sql/gone.sql'), 'utf8'));\n`))).toEqual({ reason: 'SQL file not found: src/sql/gone.sql' });
    const outside = read(withPg(`${header}pool.query(readFileSync(join(__dirname, '../../outside.sql'), 'utf8'));\n`));
    expect(outside).toEqual({ reason: expect.stringMatching(/^SQL file outside the scanned directory: .*outside\.sql$/) });
    const big = `SELECT 1${' '.repeat(1024 * 1024)}`;
    expect(read(withPg(`${header}pool.query(readFileSync(join(__dirname, 'sql/big.sql'), 'utf8'));\n`, { 'src/sql/big.sql': big }))).toEqual({
      reason: 'SQL file over 1 MiB: src/sql/big.sql',
    });
  });

  it('a call that looks like no database call counts only when the file is SQL by its name', () => {
    const search = (path: string) => extract(pg, { 'src/main.ts': `${header}declare const search: any;\nsearch.query(readFileSync(${path}, 'utf8'));\n` }, ['pg']);
    expect(search(`join(__dirname, process.env.NAME!)`)).toEqual([]);
    expect(search(`join(__dirname, 'queries/find.graphql')`)).toEqual([]);
    expect(only(search(`join(__dirname, 'queries/find.sql')`))).toMatchObject({ kind: 'unresolved', reason: 'SQL file not found: src/queries/find.sql' });
  });

  it('a QueryFile whose params option formats it when loaded', () => {
    const code = `import { QueryFile } from 'pg-promise';\nimport { join } from 'path';\ndeclare const db: any;\nconst find = new QueryFile(join(__dirname, 'sql/find.sql'), { minify: true, params: { schema: 'app' } });\ndb.one(find, [1]);\n`;
    const statement = only(extract(pgPromise, { 'src/main.ts': code, 'src/sql/find.sql': FIND }, ['pg-promise']));
    expect(read(statement)).toEqual({ reason: 'pg-promise QueryFile with params (formatted when the file is loaded)' });
  });

  it('no encoding (a Buffer), and a readFileSync that is not node:fs', () => {
    expect(read(withPg(`${header}pool.query(readFileSync(join(__dirname, 'sql/find.sql')), [1]);\n`))).toEqual({ reason: 'SQL text built at run time' });
    const own = `import { join } from 'path';\nfunction readFileSync(path: string, encoding: string): string { return path; }\npool.query(readFileSync(join(__dirname, 'sql/find.sql'), 'utf8'), [1]);\n`;
    expect(read(withPg(own))).toEqual({ reason: 'SQL text built at run time' });
    const shadowed = `${header}export const run = (readFileSync: (p: string, e: string) => string) => pool.query(readFileSync(join(__dirname, 'sql/find.sql'), 'utf8'));\n`;
    expect(read(withPg(shadowed))).toEqual({ reason: 'SQL text built at run time' });
  });
});

describe('fixtures/scan-sql-files', () => {
  it('reads every file whose path is known, and says why it did not read the others', () => {
    const project = discoverProject(join(import.meta.dirname, '../../../fixtures/scan-sql-files/code'));
    const analyses = scanFilesInThread(project.files.map((path) => ({ root: project.root, path, dependencies: [...project.dependencies] }))).flatMap((f) => f.analyses);
    const files = analyses.flatMap((a) => (a.statement.kind === 'sql' ? (a.statement.sqlFiles ?? []) : [])).sort();
    expect(files).toEqual([
      'src/sql/clients/add.sql',
      'src/sql/clients/archive.sql',
      'src/sql/clients/find.sql',
      'src/sql/clients/purge.sql',
      'src/sql/clients/save-visits-json.sql',
      'src/sql/clients/save-visits.sql',
      'src/sql/reports/events-by-kind.sql',
      'src/sql/reports/services.sql',
    ]);
    const notChecked = analyses.flatMap((a) => (a.kind === 'unresolved' ? [`${a.statement.location.file}:${a.statement.location.line} ${a.statement.reason}`] : []));
    expect(notChecked).toEqual([
      'src/clients.ts:40 path of the SQL file computed at run time',
      'src/reports.ts:23 path of the SQL file computed at run time',
      'src/reports.ts:28 SQL file not found: src/sql/reports/legacy.sql',
    ]);
  });
});
