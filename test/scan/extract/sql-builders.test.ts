// SQL builder functions (`function insertJob(schema) { return `INSERT INTO ${schema}.job …` }`) and the
// scope rules constant resolution follows to get there. Each case says what must come out, and the
// near misses say where nothing may be made up.
import { describe, expect, it } from 'vitest';
import type { ExtractedStatement } from '../../../src/scan/facts.js';
import pg from '../../../src/scan/extract/pg.js';
import { extractFrom } from './snippets.js';

const header = `import pg from 'pg';\nconst pool = new pg.Pool();\n`;

function only(statements: readonly ExtractedStatement[]): ExtractedStatement {
  expect(statements).toHaveLength(1);
  return statements[0]!;
}

const sqlOf = (statement: ExtractedStatement): string | null => (statement.kind === 'sql' ? statement.sql : null);

describe('SQL builder functions', () => {
  it("leave a run-time schema out of a function's and a type's name too (graphile-worker), and say so", () => {
    const code = `${header}function add(schema: string) { return \`SELECT * FROM \${schema}.add_jobs(array(SELECT json_populate_recordset(null::\${schema}.job_spec, $1::json)))\`; }\nexport const run = (s: string) => pool.query(add(s), ['[]']);\n`;
    const statement = only(extractFrom(pg, { 'main.ts': code }));
    expect(sqlOf(statement)).toBe('SELECT * FROM add_jobs(array(SELECT json_populate_recordset(null::job_spec, $1::json)))');
    expect(statement.kind === 'sql' && statement.runtimeSchema).toBe(true);
  });

  it('substitute a constant argument', () => {
    const code = `${header}function users(schema: string) { return \`SELECT id FROM \${schema}.users\`; }\npool.query(users('app'));\n`;
    const statement = only(extractFrom(pg, { 'main.ts': code }));
    expect(sqlOf(statement)).toBe('SELECT id FROM app.users');
    expect(statement.kind === 'sql' && statement.runtimeSchema).toBeFalsy();
  });

  it('use a default value when the argument is left out', () => {
    const code = `${header}const SCHEMA = 'app';\nconst users = (schema = SCHEMA) => \`SELECT id FROM \${schema}.users\`;\npool.query(users());\n`;
    expect(sqlOf(only(extractFrom(pg, { 'main.ts': code })))).toBe('SELECT id FROM app.users');
  });

  it('leave a schema given at run time out of the relation name, and say so', () => {
    const code = `${header}function users(schema: string) { return \`SELECT id FROM \${schema}.users u JOIN \${schema}.teams t ON t.id = u.team_id\`; }\nexport const run = (config: { schema: string }) => pool.query(users(config.schema));\n`;
    const statement = only(extractFrom(pg, { 'main.ts': code }));
    expect(sqlOf(statement)).toBe('SELECT id FROM users u JOIN teams t ON t.id = u.team_id');
    expect(statement.kind === 'sql' && statement.runtimeSchema).toBe(true);
    // PostgreSQL's search_path need not reach the application's schema: --verify does not ask
    expect(statement.kind === 'sql' && statement.verifiable).not.toBe(false);
  });

  it('follow imported functions through a namespace import, with their own constants', () => {
    const files = {
      'plans.ts': `const TABLE = 'job';\nexport function finish(schema: string) {\n  const table = \`\${schema}.\${TABLE}\`;\n  return \`UPDATE \${table} SET done = true WHERE id = $1\`;\n}\n`,
      'main.ts': `${header}import * as plans from './plans.js';\nexport const run = (id: string) => pool.query(plans.finish('work'), [id]);\n`,
    };
    expect(sqlOf(only(extractFrom(pg, files)))).toBe('UPDATE work.job SET done = true WHERE id = $1');
  });

  it('bind destructured parameters from an object literal argument', () => {
    const code = `${header}function insert(schema: string, { table, returning = 'id' }: { table: string; returning?: string }) {\n  return \`INSERT INTO \${schema}.\${table} (name) VALUES ($1) RETURNING \${returning}\`;\n}\npool.query(insert('app', { table: 'users' }), ['x']);\n`;
    expect(sqlOf(only(extractFrom(pg, { 'main.ts': code })))).toBe('INSERT INTO app.users (name) VALUES ($1) RETURNING id');
  });

  it('read constants of a frozen object', () => {
    const code = `${header}const STATES = Object.freeze({ done: 'completed' });\nfunction finished(schema: string) { return \`SELECT id FROM \${schema}.jobs WHERE state = '\${STATES.done}'\`; }\npool.query(finished('app'));\n`;
    const statement = only(extractFrom(pg, { 'main.ts': code }));
    expect(sqlOf(statement)).toBe(`SELECT id FROM app.jobs WHERE state = 'completed'`);
    expect(statement.kind === 'sql' && statement.verifiable).not.toBe(false);
  });

  it('read the text of a returned { text, values } object', () => {
    const code = `${header}function page(schema: string) { return { text: \`SELECT id FROM \${schema}.users LIMIT $1\`, values: [10] }; }\nconst query = page('app');\npool.query(query.text, [10]);\n`;
    expect(sqlOf(only(extractFrom(pg, { 'main.ts': code })))).toBe('SELECT id FROM app.users LIMIT $1');
  });

  it('render a number parameter given at run time as digits, and a string one inside quotes as a stand-in', () => {
    const code = `${header}function recent(schema: string, days: number, state: string) {\n  return \`SELECT id FROM \${schema}.users WHERE age < \${days} AND state = '\${state}'\`;\n}\nexport const run = (days: number, state: string) => pool.query(recent('app', days, state));\n`;
    const statement = only(extractFrom(pg, { 'main.ts': code }));
    expect(sqlOf(statement)).toBe(`SELECT id FROM app.users WHERE age < 0 AND state = ''`);
    // the statement that runs has another literal: PostgreSQL is not asked about the stand-in
    expect(statement.kind === 'sql' && statement.verifiable).toBe(false);
  });
});

describe('SQL builder near misses: not checked, never invented', () => {
  const unresolved = (code: string): void => {
    const statement = only(extractFrom(pg, { 'main.ts': `${header}${code}` }));
    expect(statement.kind).toBe('unresolved');
  };

  it('a table name given at run time', () => {
    unresolved(`function del(schema: string, table: string) { return \`DELETE FROM \${schema}.\${table}\`; }\nexport const run = (t: string) => pool.query(del('app', t));\n`);
  });

  it('a run-time qualifier that is not after a relation keyword, nor a function\'s or a type\'s schema (an alias)', () => {
    unresolved(`function ids(alias: string) { return \`SELECT \${alias}.id FROM app.users \${alias}\`; }\nexport const run = (a: string) => pool.query(ids(a));\n`);
  });

  it('a string run-time value outside quotes (it could be any SQL)', () => {
    unresolved(`function where(schema: string, filter: string) { return \`SELECT id FROM \${schema}.users WHERE \${filter}\`; }\nexport const run = (f: string) => pool.query(where('app', f));\n`);
  });

  it('a builder with a branch, or an async one', () => {
    unresolved(`function pick(all: boolean) { if (all) return 'SELECT * FROM app.users'; return 'SELECT id FROM app.users'; }\nexport const run = (all: boolean) => pool.query(pick(all));\n`);
    unresolved(`async function text() { return 'SELECT id FROM app.users'; }\nexport const run = async () => pool.query(await text());\n`);
  });

  it('a rest parameter or a spread argument', () => {
    unresolved(`function cols(...names: string[]) { return \`SELECT \${names} FROM app.users\`; }\npool.query(cols('id'));\n`);
    unresolved(`function one(schema: string) { return \`SELECT id FROM \${schema}.users\`; }\nconst args = ['app'] as const;\npool.query(one(...args));\n`);
  });

  it('a run-time value after an apostrophe in a comment (no string literal is open there)', () => {
    unresolved(`export const run = (filter: string) => pool.query(\`SELECT id FROM app.users -- don't page\nWHERE \${filter}\`);\n`);
  });

  it('a statement whose start is computed', () => {
    unresolved(`export const run = (verb: string) => pool.query(verb + ' id FROM app.users');\n`);
  });

  it('a mutable object whose property starts out empty', () => {
    unresolved(`export const ctx = { schema: '' };\nexport const run = () => pool.query(\`SELECT id FROM \${ctx.schema}.users\`);\n`);
  });
});

describe('run-time values outside builder functions', () => {
  it('inside a string literal: checked, not verified', () => {
    const statement = only(extractFrom(pg, { 'main.ts': `${header}export const run = (id: string) => pool.query(\`SELECT name FROM app.users WHERE id = '\${id}'\`);\n` }));
    expect(sqlOf(statement)).toBe(`SELECT name FROM app.users WHERE id = ''`);
    expect(statement.kind === 'sql' && statement.verifiable).toBe(false);
  });

  it('as the schema of a table the code creates: unqualified too, so later statements know it', () => {
    const statement = only(extractFrom(pg, { 'main.ts': `${header}export const run = (schema: string) => pool.query(\`CREATE TABLE IF NOT EXISTS \${schema}.scratch (label text)\`);\n` }));
    expect(sqlOf(statement)).toBe('CREATE TABLE IF NOT EXISTS scratch (label text)');
  });

  it('as the schema of a relation: unqualified', () => {
    const statement = only(extractFrom(pg, { 'main.ts': `${header}export const run = (schema: string) => pool.query('SELECT name FROM ' + schema + '.users');\n` }));
    expect(sqlOf(statement)).toBe('SELECT name FROM users');
    expect(statement.kind === 'sql' && statement.runtimeSchema).toBe(true);
  });
});

describe('scopes', () => {
  it('a parameter hides a top-level constant of the same name (the function is a wrapper: its callers hold the SQL)', () => {
    const statement = only(extractFrom(pg, { 'main.ts': `${header}const sql = 'SELECT id FROM app.users';\nexport function run(sql: string) { return pool.query(sql); }\nrun('SELECT name FROM app.users');\n` }));
    expect(sqlOf(statement)).toBe('SELECT name FROM app.users');
  });

  it('a let hides it too', () => {
    const statement = only(extractFrom(pg, { 'main.ts': `${header}const sql = 'SELECT id FROM app.users';\nexport function run(more: boolean) { let sql = 'SELECT name FROM app.users'; if (more) sql += ' LIMIT 2'; return pool.query(sql); }\n` }));
    expect(statement.kind).toBe('unresolved');
  });

  it('the innermost constant wins when several functions declare the same name', () => {
    const code = `${header}export function a() { const sql = 'SELECT id FROM app.users'; return pool.query(sql); }\nexport function b() { const sql = 'SELECT name FROM app.teams'; return pool.query(sql); }\n`;
    const statements = extractFrom(pg, { 'main.ts': code });
    expect(statements.map(sqlOf)).toEqual(['SELECT id FROM app.users', 'SELECT name FROM app.teams']);
  });
});

describe('wrapper methods', () => {
  it('db.executeSql(text, values) is a statement like pool.query', () => {
    const code = `${header}export class Store { constructor(private db: { executeSql(t: string, v?: unknown[]): Promise<unknown> }) {}\n  add(name: string) { return this.db.executeSql('INSERT INTO app.users (name) VALUES ($1)', [name]); } }\n`;
    const statement = only(extractFrom(pg, { 'main.ts': code }));
    expect(sqlOf(statement)).toBe('INSERT INTO app.users (name) VALUES ($1)');
    expect(statement.kind === 'sql' && statement.params.map((p) => p.text)).toEqual(['name']);
  });
});
