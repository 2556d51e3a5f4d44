#!/usr/bin/env node
// Synthetic application codebase for the scanner benchmark: N TypeScript files of repository-style
// code that talks to the tables of a schema through the client libraries the scanner supports
// (node-postgres, postgres.js, knex, Kysely, Drizzle, supabase-js), mixed with the ordinary code
// such files carry (row types, mappers, validation, business logic).
//
// Usage: node bench/gen-code.mjs --schema FILE.sql [--lines 500000] [--seed 7] --out DIR
//   --schema: a plain SQL file with `CREATE TABLE schema.name (...)` blocks (gen-scale.js output);
//             table and column names and types come from it, so most statements are valid against it.
// Writes DIR/package.json (the libraries as dependencies), DIR/src/**.ts, and prints a JSON summary
// {files, lines, sqlSites} on stdout. Deterministic for a given schema, size and seed.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const LIBRARIES = [
  { id: 'pg', weight: 30 },
  { id: 'postgres', weight: 20 },
  { id: 'knex', weight: 15 },
  { id: 'kysely', weight: 15 },
  { id: 'drizzle', weight: 10 },
  { id: 'supabase', weight: 10 },
];
const LINES_PER_FILE = 250;

/** Tables of a plain SQL schema: [{ schema, name, columns: [{ name, type, notNull }] }]. */
export function tablesOf(sqlText) {
  const tables = [];
  const re = /CREATE TABLE (?:(\w+)\.)?(\w+) \(\n([\s\S]*?)\n\);/g;
  for (let m; (m = re.exec(sqlText)); ) {
    const columns = [];
    for (const line of m[3].split('\n')) {
      const col = /^\s+(\w+) ([a-z][\w .,()[\]]*?)(?: DEFAULT .*?)?( NOT NULL)?,?$/.exec(line);
      if (!col || /^(CONSTRAINT|PRIMARY|UNIQUE|CHECK|FOREIGN)$/i.test(col[1])) continue;
      columns.push({ name: col[1], type: col[2].trim(), notNull: Boolean(col[3]) });
    }
    if (columns.length > 0) tables.push({ schema: m[1] ?? 'public', name: m[2], columns });
  }
  return tables;
}

function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
const pascal = (s) => camel(s).replace(/^./, (c) => c.toUpperCase());

function tsType(sqlType) {
  if (/\[\]$/.test(sqlType)) return `${tsType(sqlType.slice(0, -2))}[]`;
  if (/^(integer|smallint|double precision|real)$/.test(sqlType)) return 'number';
  if (/^(bigint|numeric)/.test(sqlType)) return 'string';
  if (sqlType === 'boolean') return 'boolean';
  if (/^timestamp|^date/.test(sqlType)) return 'Date';
  if (sqlType === 'jsonb' || sqlType === 'json') return 'Record<string, unknown>';
  return 'string';
}

function sampleValue(col, rnd) {
  const t = col.type;
  if (/\[\]$/.test(t)) return `['a', 'b']`;
  if (/^(integer|smallint)$/.test(t)) return String(Math.floor(rnd() * 100));
  if (/^(double precision|real)$/.test(t)) return (rnd() * 100).toFixed(2);
  if (/^(bigint|numeric)/.test(t)) return `'${Math.floor(rnd() * 1000)}'`;
  if (t === 'boolean') return rnd() < 0.5 ? 'true' : 'false';
  if (/^timestamp|^date/.test(t)) return 'new Date()';
  if (t === 'jsonb' || t === 'json') return `{ source: 'import', attempt: ${Math.floor(rnd() * 5)} }`;
  if (t === 'uuid') return 'randomUUID()';
  if (/\.status$/.test(t)) return `'active'`;
  return `'value-${Math.floor(rnd() * 1000)}'`;
}

// ---- sections shared by every library --------------------------------------------------------

function rowType(table) {
  const name = pascal(table.name);
  return [
    `export interface ${name}Row {`,
    ...table.columns.map((c) => `  ${c.name}: ${tsType(c.type)}${c.notNull ? '' : ' | null'};`),
    '}',
    '',
    `export interface ${name} {`,
    ...table.columns.map((c) => `  ${camel(c.name)}: ${tsType(c.type)}${c.notNull ? '' : ' | null'};`),
    '}',
    '',
  ];
}

function mapper(table) {
  const name = pascal(table.name);
  return [
    `export function to${name}(row: ${name}Row): ${name} {`,
    '  return {',
    ...table.columns.map((c) => `    ${camel(c.name)}: row.${c.name},`),
    '  };',
    '}',
    '',
  ];
}

function validation(table, rnd) {
  const name = pascal(table.name);
  const lines = [`export function validate${name}(input: Partial<${name}>): string[] {`, '  const errors: string[] = [];'];
  for (const c of table.columns.slice(1, 1 + Math.floor(rnd() * 6) + 3)) {
    const ty = tsType(c.type);
    if (c.notNull) lines.push(`  if (input.${camel(c.name)} === undefined) errors.push('${c.name} is required');`);
    if (ty === 'string') lines.push(`  if (typeof input.${camel(c.name)} === 'string' && input.${camel(c.name)}.length > 255) errors.push('${c.name} is too long');`);
    else if (ty === 'number') lines.push(`  if (typeof input.${camel(c.name)} === 'number' && !Number.isFinite(input.${camel(c.name)})) errors.push('${c.name} must be finite');`);
  }
  lines.push('  return errors;', '}', '');
  return lines;
}

function businessLogic(table, rnd, n) {
  const name = pascal(table.name);
  const col = table.columns[2 + Math.floor(rnd() * (table.columns.length - 2))] ?? table.columns[0];
  return [
    `export function summarize${name}s${n}(items: readonly ${name}[], limit = ${10 + Math.floor(rnd() * 90)}): { total: number; recent: ${name}[] } {`,
    `  const recent: ${name}[] = [];`,
    '  let total = 0;',
    '  for (const item of items) {',
    '    total += 1;',
    `    if (item.${camel(col.name)} === null) continue;`,
    '    if (recent.length < limit) recent.push(item);',
    '  }',
    `  recent.sort((a, b) => String(a.${camel(col.name)}).localeCompare(String(b.${camel(col.name)})));`,
    '  return { total, recent };',
    '}',
    '',
    `export async function withRetry${n}<T>(work: () => Promise<T>, attempts = ${2 + Math.floor(rnd() * 3)}): Promise<T> {`,
    '  let lastError: unknown;',
    '  for (let attempt = 1; attempt <= attempts; attempt++) {',
    '    try {',
    '      return await work();',
    '    } catch (error) {',
    '      lastError = error;',
    `      await new Promise((resolve) => setTimeout(resolve, attempt * ${50 + Math.floor(rnd() * 200)}));`,
    '    }',
    '  }',
    '  throw lastError;',
    '}',
    '',
  ];
}

// ---- data access, one generator per library ------------------------------------------------

function pick(table, rnd, count) {
  const cols = table.columns.slice(1);
  const out = [];
  for (let i = 0; i < count && cols.length > 0; i++) out.push(cols.splice(Math.floor(rnd() * cols.length), 1)[0]);
  return out;
}

const qualified = (t) => `${t.schema}.${t.name}`;

function pgAccess(table, parent, rnd, n) {
  const name = pascal(table.name);
  const cols = pick(table, rnd, 4);
  const list = ['id', ...cols.map((c) => c.name)].join(', ');
  const writable = table.columns.filter((c) => c.name !== 'id' && c.name !== 'created_at').slice(0, 5);
  const placeholders = writable.map((_, i) => `$${i + 2}`).join(', ');
  return [
    `export async function find${name}${n}(id: string): Promise<${name}Row | undefined> {`,
    `  const { rows } = await pool.query<${name}Row>('SELECT ${list} FROM ${qualified(table)} WHERE id = $1', [id]);`,
    '  return rows[0];',
    '}',
    '',
    `export async function list${name}${n}(filter: { after?: Date; limit: number }): Promise<${name}Row[]> {`,
    `  const { rows } = await pool.query<${name}Row>(\``,
    `    SELECT ${list}`,
    `      FROM ${qualified(table)}`,
    `     WHERE created_at > $1`,
    `     ORDER BY created_at DESC`,
    `     LIMIT $2\`, [filter.after ?? new Date(0), filter.limit]);`,
    '  return rows;',
    '}',
    '',
    `export async function insert${name}${n}(input: ${name}): Promise<void> {`,
    '  await pool.query({',
    `    text: 'INSERT INTO ${qualified(table)} (id, ${writable.map((c) => c.name).join(', ')}) VALUES ($1, ${placeholders}) ON CONFLICT (id) DO NOTHING',`,
    `    values: [input.id, ${writable.map((c) => `input.${camel(c.name)}`).join(', ')}],`,
    '  });',
    '}',
    '',
    `export async function touch${name}${n}(id: string, ${camel(cols[0].name)}: ${tsType(cols[0].type)}): Promise<number> {`,
    '  const client = await pool.connect();',
    '  try {',
    `    await client.query('BEGIN');`,
    `    const result = await client.query('UPDATE ${qualified(table)} SET ${cols[0].name} = $2 WHERE id = $1', [id, ${camel(cols[0].name)}]);`,
    `    await client.query('COMMIT');`,
    '    return result.rowCount ?? 0;',
    '  } catch (error) {',
    `    await client.query('ROLLBACK');`,
    '    throw error;',
    '  } finally {',
    '    client.release();',
    '  }',
    '}',
    '',
    `export async function children${name}${n}(parentId: string): Promise<Array<{ id: string; child_count: string }>> {`,
    `  const { rows } = await pool.query(\`SELECT p.id, count(c.id) AS child_count FROM ${qualified(parent)} p LEFT JOIN ${qualified(table)} c ON c.parent_id = p.id WHERE p.id = $1 GROUP BY p.id\`, [parentId]);`,
    '  return rows;',
    '}',
    '',
  ];
}

function postgresAccess(table, parent, rnd, n) {
  const name = pascal(table.name);
  const cols = pick(table, rnd, 4);
  const list = ['id', ...cols.map((c) => c.name)].join(', ');
  const writable = table.columns.filter((c) => c.name !== 'id' && c.name !== 'created_at').slice(0, 4);
  return [
    `export async function find${name}${n}(id: string): Promise<${name}Row | undefined> {`,
    `  const [row] = await sql<${name}Row[]>\`SELECT ${list} FROM ${qualified(table)} WHERE id = \${id}\`;`,
    '  return row;',
    '}',
    '',
    `export async function page${name}${n}(limit: number, offset: number): Promise<${name}Row[]> {`,
    `  return sql<${name}Row[]>\``,
    `    select ${list}`,
    `      from ${qualified(table)}`,
    `     order by created_at desc`,
    `     limit \${limit} offset \${offset}`,
    '  `;',
    '}',
    '',
    `export async function upsert${name}${n}(row: ${name}Row): Promise<void> {`,
    `  await sql\`insert into ${qualified(table)} \${sql(row, 'id', ${writable.map((c) => `'${c.name}'`).join(', ')})} on conflict (id) do update set ${writable[0].name} = excluded.${writable[0].name}\`;`,
    '}',
    '',
    `export async function move${name}${n}(id: string, parentId: string): Promise<void> {`,
    '  await sql.begin(async (tx) => {',
    `    await tx\`update ${qualified(table)} set parent_id = \${parentId} where id = \${id}\`;`,
    `    await tx\`select id from ${qualified(parent)} where id = \${parentId} for update\`;`,
    '  });',
    '}',
    '',
  ];
}

function knexAccess(table, parent, rnd, n) {
  const name = pascal(table.name);
  const cols = pick(table, rnd, 4);
  const writable = table.columns.filter((c) => c.name !== 'id' && c.name !== 'created_at').slice(0, 4);
  return [
    `export async function find${name}${n}(id: string): Promise<${name}Row | undefined> {`,
    `  return db<${name}Row>('${qualified(table)}').where({ id }).first(${['id', ...cols.map((c) => c.name)].map((c) => `'${c}'`).join(', ')});`,
    '}',
    '',
    `export async function search${name}${n}(term: string, limit = 50): Promise<${name}Row[]> {`,
    `  return db('${qualified(table)}')`,
    `    .select(${['id', ...cols.map((c) => c.name)].map((c) => `'${c}'`).join(', ')})`,
    `    .where('${cols[0].name}', 'is not', null)`,
    `    .andWhere('created_at', '>', db.raw('now() - interval \\'30 days\\''))`,
    `    .orderBy('created_at', 'desc')`,
    '    .limit(limit);',
    '}',
    '',
    `export async function save${name}${n}(row: Partial<${name}Row> & { id: string }): Promise<void> {`,
    `  await db('${qualified(table)}')`,
    '    .insert(row)',
    `    .onConflict('id')`,
    `    .merge([${writable.map((c) => `'${c.name}'`).join(', ')}]);`,
    '}',
    '',
    `export async function remove${name}${n}(id: string): Promise<number> {`,
    `  return db('${qualified(table)}').where('id', id).del();`,
    '}',
    '',
    `export async function withParent${name}${n}(id: string) {`,
    `  return db('${qualified(table)} as c')`,
    `    .join('${qualified(parent)} as p', 'p.id', 'c.parent_id')`,
    `    .select('c.id', 'p.created_at as parent_created_at')`,
    `    .where('c.id', id);`,
    '}',
    '',
  ];
}

function kyselyAccess(table, parent, rnd, n) {
  const name = pascal(table.name);
  const cols = pick(table, rnd, 4);
  const writable = table.columns.filter((c) => c.name !== 'id' && c.name !== 'created_at').slice(0, 4);
  return [
    `export async function find${name}${n}(id: string) {`,
    `  return db.selectFrom('${qualified(table)}')`,
    `    .select([${['id', ...cols.map((c) => c.name)].map((c) => `'${c}'`).join(', ')}])`,
    `    .where('id', '=', id)`,
    '    .executeTakeFirst();',
    '}',
    '',
    `export async function recent${name}${n}(limit: number) {`,
    `  return db.selectFrom('${qualified(table)}')`,
    `    .selectAll()`,
    `    .where('${cols[1].name}', 'is not', null)`,
    `    .orderBy('created_at', 'desc')`,
    '    .limit(limit)',
    '    .execute();',
    '}',
    '',
    `export async function upsert${name}${n}(row: ${name}Row) {`,
    `  await db.insertInto('${qualified(table)}')`,
    '    .values(row)',
    `    .onConflict((oc) => oc.column('id').doUpdateSet({ ${writable.map((c) => `${c.name}: row.${c.name}`).join(', ')} }))`,
    '    .execute();',
    '}',
    '',
    `export async function set${name}${n}(id: string, value: ${tsType(cols[2].type)}) {`,
    `  await db.updateTable('${qualified(table)}').set({ ${cols[2].name}: value }).where('id', '=', id).execute();`,
    '}',
    '',
    `export async function delete${name}${n}(id: string) {`,
    `  await db.deleteFrom('${qualified(table)}').where('id', '=', id).execute();`,
    '}',
    '',
  ];
}

function drizzleAccess(table, parent, rnd, n) {
  const name = pascal(table.name);
  const v = camel(table.name);
  const cols = pick(table, rnd, 3);
  const writable = table.columns.filter((c) => c.name !== 'id' && c.name !== 'created_at').slice(0, 4);
  return [
    `export async function find${name}${n}(id: string) {`,
    `  return db.select({ id: ${v}.id, ${cols.map((c) => `${camel(c.name)}: ${v}.${camel(c.name)}`).join(', ')} }).from(${v}).where(eq(${v}.id, id));`,
    '}',
    '',
    `export async function upsert${name}${n}(row: typeof ${v}.$inferInsert) {`,
    `  await db.insert(${v})`,
    '    .values(row)',
    `    .onConflictDoUpdate({ target: ${v}.id, set: { ${writable.slice(0, 2).map((c) => `${camel(c.name)}: row.${camel(c.name)}`).join(', ')} } });`,
    '}',
    '',
    `export async function update${name}${n}(id: string, value: ${tsType(cols[0].type)}) {`,
    `  await db.update(${v}).set({ ${camel(cols[0].name)}: value }).where(eq(${v}.id, id));`,
    '}',
    '',
    `export async function count${name}${n}() {`,
    `  return db.execute(sql\`select count(*) from ${qualified(table)} where created_at > now() - interval '1 day'\`);`,
    '}',
    '',
  ];
}

function supabaseAccess(table, parent, rnd, n) {
  const name = pascal(table.name);
  const cols = pick(table, rnd, 4);
  const writable = table.columns.filter((c) => c.name !== 'id' && c.name !== 'created_at').slice(0, 4);
  return [
    `export async function find${name}${n}(id: string) {`,
    `  const { data, error } = await supabase.schema('${table.schema}').from('${table.name}')`,
    `    .select('${['id', ...cols.map((c) => c.name)].join(', ')}')`,
    `    .eq('id', id)`,
    '    .maybeSingle();',
    '  if (error) throw error;',
    '  return data;',
    '}',
    '',
    `export async function list${name}${n}(limit = 20) {`,
    `  const { data, error } = await supabase.schema('${table.schema}').from('${table.name}')`,
    `    .select('id, created_at')`,
    `    .not('${cols[1].name}', 'is', null)`,
    `    .order('created_at', { ascending: false })`,
    '    .range(0, limit - 1);',
    '  if (error) throw error;',
    '  return data ?? [];',
    '}',
    '',
    `export async function upsert${name}${n}(rows: Array<Partial<${name}Row>>) {`,
    `  const { error } = await supabase.schema('${table.schema}').from('${table.name}').upsert(rows, { onConflict: 'id' });`,
    '  if (error) throw error;',
    '}',
    '',
    `export async function remove${name}${n}(id: string) {`,
    `  const { error } = await supabase.schema('${table.schema}').from('${table.name}').delete().eq('id', id);`,
    '  if (error) throw error;',
    '}',
    '',
  ];
}

const ACCESS = { pg: pgAccess, postgres: postgresAccess, knex: knexAccess, kysely: kyselyAccess, drizzle: drizzleAccess, supabase: supabaseAccess };
const SQL_SITES = { pg: 7, postgres: 5, knex: 5, kysely: 5, drizzle: 4, supabase: 4 };

function header(library, table) {
  const common = [`// Repository for ${qualified(table)} (generated for the schema-diff benchmark)`, "import { randomUUID } from 'node:crypto';"];
  switch (library) {
    case 'pg':
      return [...common, "import { Pool } from 'pg';", '', 'const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });', ''];
    case 'postgres':
      return [...common, "import postgres from 'postgres';", '', "const sql = postgres(process.env.DATABASE_URL ?? 'postgres://localhost/app');", ''];
    case 'knex':
      return [...common, "import knex from 'knex';", '', "const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });", ''];
    case 'kysely':
      return [...common, "import { Kysely, PostgresDialect } from 'kysely';", "import { Pool } from 'pg';", "import type { Database } from '../../db/types';", '',
        'const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new Pool({ connectionString: process.env.DATABASE_URL }) }) });', ''];
    case 'drizzle': {
      const v = camel(table.name);
      return [...common, "import { eq, sql } from 'drizzle-orm';", "import { drizzle } from 'drizzle-orm/node-postgres';",
        `import { ${v} } from '../../db/schema/${table.name}';`, '', 'const db = drizzle(process.env.DATABASE_URL!);', ''];
    }
    case 'supabase':
      return [...common, "import { createClient } from '@supabase/supabase-js';", '',
        "const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_ANON_KEY!);", ''];
    default:
      throw new Error(library);
  }
}

function drizzleColumn(c) {
  const t = c.type;
  const nn = c.notNull ? '.notNull()' : '';
  let call;
  if (/\[\]$/.test(t)) call = `text('${c.name}').array()`;
  else if (t === 'integer') call = `integer('${c.name}')`;
  else if (t === 'smallint') call = `smallint('${c.name}')`;
  else if (t === 'bigint') call = `bigint('${c.name}', { mode: 'string' })`;
  else if (t === 'double precision') call = `doublePrecision('${c.name}')`;
  else if (/^numeric/.test(t)) call = `numeric('${c.name}')`;
  else if (t === 'boolean') call = `boolean('${c.name}')`;
  else if (/^timestamp/.test(t)) call = `timestamp('${c.name}', { withTimezone: true })`;
  else if (t === 'date') call = `date('${c.name}')`;
  else if (t === 'jsonb') call = `jsonb('${c.name}')`;
  else if (t === 'uuid') call = `uuid('${c.name}')`;
  else if (/^character varying/.test(t)) call = `varchar('${c.name}', { length: 255 })`;
  else call = `text('${c.name}')`;
  return `  ${camel(c.name)}: ${call}${c.name === 'id' ? '.primaryKey()' : nn},`;
}

function drizzleSchemaFile(table) {
  return [
    "import { bigint, boolean, date, doublePrecision, integer, jsonb, numeric, pgSchema, smallint, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';",
    '',
    `export const ${table.schema}Schema = pgSchema('${table.schema}');`,
    '',
    `export const ${camel(table.name)} = ${table.schema}Schema.table('${table.name}', {`,
    ...table.columns.map(drizzleColumn),
    '});',
    '',
  ];
}

/** Generate the codebase; returns { files, lines, sqlSites }. */
export function generateCode({ tables, lines: targetLines, seed = 7, out }) {
  if (tables.length < 2) throw new Error('gen-code: the schema needs at least two tables');
  const rnd = prng(seed);
  const totalWeight = LIBRARIES.reduce((s, l) => s + l.weight, 0);
  const libraryFor = () => {
    let r = rnd() * totalWeight;
    for (const l of LIBRARIES) if ((r -= l.weight) < 0) return l.id;
    return LIBRARIES[0].id;
  };
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'src', 'db', 'schema'), { recursive: true });
  writeFileSync(join(out, 'package.json'), `${JSON.stringify({
    name: 'bench-app', private: true, type: 'module',
    dependencies: { pg: '8.23.1', postgres: '3.4.7', knex: '3.1.0', kysely: '0.28.8', 'drizzle-orm': '0.45.0', '@supabase/supabase-js': '2.109.0' },
  }, null, 2)}\n`);
  writeFileSync(join(out, 'src', 'db', 'types.ts'), 'export type Database = Record<string, Record<string, unknown>>;\n');
  let lines = 1;
  let files = 1;
  let sqlSites = 0;
  const drizzleDone = new Set();
  for (let f = 0; lines < targetLines; f++) {
    const table = tables[f % tables.length];
    const parent = tables[(f * 7919 + 1) % tables.length];
    const library = libraryFor();
    if (library === 'drizzle' && !drizzleDone.has(table.name)) {
      const text = drizzleSchemaFile(table);
      writeFileSync(join(out, 'src', 'db', 'schema', `${table.name}.ts`), text.join('\n'));
      drizzleDone.add(table.name);
      lines += text.length - 1;
      files++;
    }
    const body = [...header(library, table), ...rowType(table), ...mapper(table), ...validation(table, rnd)];
    for (let n = 1; body.length < LINES_PER_FILE - 20 || n === 1; n++) {
      body.push(...ACCESS[library](table, parent, rnd, n), ...businessLogic(table, rnd, n));
      sqlSites += SQL_SITES[library];
    }
    const dir = join(out, 'src', 'modules', `m${String(Math.floor(f / 100)).padStart(3, '0')}`);
    if (f % 100 === 0) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${table.name}-${library}-${f}.repository.ts`), body.join('\n'));
    lines += body.length - 1;
    files++;
  }
  return { files, lines, sqlSites };
}

function countLines(text) {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
export { countLines };

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const opt = (name, def) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : def;
  };
  const schema = opt('schema');
  const out = opt('out');
  if (!schema || !out) {
    process.stderr.write('usage: node bench/gen-code.mjs --schema FILE.sql --out DIR [--lines 500000] [--seed 7]\n');
    process.exit(2);
  }
  const tables = tablesOf(readFileSync(schema, 'utf8'));
  const summary = generateCode({ tables, lines: Number(opt('lines', '500000')), seed: Number(opt('seed', '7')), out });
  process.stdout.write(`${JSON.stringify({ out, tables: tables.length, ...summary })}\n`);
}
