#!/usr/bin/env node
// Precision and recall of the code scanner on real codebases, with PostgreSQL as the oracle.
//
//   npm run build && node bench/accuracy.mjs NAME=CODE_DIR:SCHEMA.sql [...] [--out bench/results/accuracy.md]
//                                            [--per-kind N] [--json FILE] [--preset NAME=supabase ...]
//
// Checkouts are arguments, never bundled. For each app: the schema is loaded into the embedded PostgreSQL,
// the code is extracted once, then
//  1. baseline: the scanner's findings against the unmutated schema (each one is a real bug or a false
//     positive; PostgreSQL's verdict on the statement says which for the planning-time rules);
//  2. mutations of the kinds that break code (arbiter replaced by other columns or made DEFERRABLE, column
//     or table dropped/renamed, jsonb → json/text, NOT NULL without default on an insert target, a function
//     called through supabase-js rpc() dropped) and of
//     kinds that must NOT break it (arbiter columns reordered, constraint turned into a unique index, a
//     nullable column added). Each runs in a transaction that is rolled back: DDL, introspection, static
//     check, and PostgreSQL's verdict on every extracted statement it can plan:
//       - rejected when planned (PREPARE + EXPLAIN EXECUTE under force_generic_plan): 42P01, 42703, 42P10, …
//       - planned, but the plan's ON CONFLICT arbiter indexes include a DEFERRABLE one, or a target-less
//         ON CONFLICT (no arbiter in the plan: every unique index arbitrates) is on a table with one: fails
//         on execution
//       - planned, but an INSERT's plan fills a NOT NULL column with a NULL constant: fails on execution
//         (undecided, and left out, when a BEFORE INSERT trigger may fill it)
// Per rule: precision = static findings on statements PostgreSQL says break / static findings;
// recall = PostgreSQL-confirmed breakages with a static finding on the statement / breakages.
// Only findings and breakages a mutation adds count for it (the baseline is reported on its own).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
// the exact command, for the report (quoted where the shell needs it)
const commandLine = ['node bench/accuracy.mjs', ...args.map((a) => (/[\s'()]/.test(a) ? `'${a.replace(/'/g, `'\\''`)}'` : a))].join(' ');
// --dist DIR: measure another build of the scanner (e.g. an older commit's) with the same oracle
const distAt = args.indexOf('--dist');
const dist = resolve(distAt >= 0 ? args.splice(distAt, 2)[1] : new URL('../dist', import.meta.url).pathname);
const load = (path) => import(pathToFileURL(join(dist, path)).href);
const { openInput } = await load('input/index.js');
const { introspect } = await load('introspect/index.js');
const { checkFiles } = await load('scan/check.js');
const { discoverProject } = await load('scan/project.js');
const { codeRules } = await load('scan/rules/index.js');
const { indexSchema } = await load('scan/schema-index.js');
const { loadSqlParser } = await load('scan/sql/parse.js');
// moved from workers.js to scan-chunk.js when the rules went into the workers
const { scanFilesInThread } = await load('scan/scan-chunk.js').catch(() => load('scan/workers.js'));
// builds before the migration context existed: every table the code creates is known everywhere
const everyCreated = (analyses) => analyses.flatMap((a) => (a.kind === 'analyzed' ? a.items.flatMap((i) => i.facts.createsTables) : []));
const loaded = await load('scan/migration-context.js').catch(() => ({}));
const migration = {
  // the schema each statement of a file is checked against; later builds give a view per statement
  // (migrationViews: SQL read from a .sql file is a unit of its own), earlier ones one per file
  migrationViews:
    loaded.migrationViews ??
    ((schema, analyses) => {
      const view = loaded.migrationView ? loaded.migrationView(schema, loaded.tablesChangedIn(analyses)) : schema;
      return () => view;
    }),
  // later builds take the per-file CreatedTable lists (tablesCreatedIn) instead of the analyses
  tablesCreatedForEveryFile: !loaded.tablesCreatedForEveryFile
    ? everyCreated
    : loaded.tablesCreatedIn
      ? (analyses, snapshot) => loaded.tablesCreatedForEveryFile(loaded.tablesCreatedIn(analyses), snapshot)
      : loaded.tablesCreatedForEveryFile,
};
const { migrationViews, tablesCreatedForEveryFile } = migration;
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
};
const out = option('--out', 'bench/results/accuracy.md');
// --compare LABEL=FILE.json (repeatable): earlier runs (their --json output) shown side by side with this one
const compared = [];
for (let at = args.indexOf('--compare'); at >= 0; at = args.indexOf('--compare')) {
  const [label, file] = args.splice(at, 2)[1].split('=');
  compared.push({ label, runs: JSON.parse(readFileSync(file, 'utf8')) });
}
const label = option('--label', 'this build');
const jsonOut = option('--json', null);
const perKind = Number(option('--per-kind', '12'));
// --preset NAME=supabase (repeatable): load that app's schema as `--preset supabase` does (auth, storage stand-ins)
const presets = new Map();
for (let at = args.indexOf('--preset'); at >= 0; at = args.indexOf('--preset')) {
  const [name, preset] = args.splice(at, 2)[1].split('=');
  presets.set(name, preset);
}
const apps = args.map((a) => {
  const m = /^([^=]+)=([^:]+):(.+)$/.exec(a);
  if (!m) throw new Error(`expected NAME=CODE_DIR:SCHEMA.sql, got ${a}`);
  return { name: m[1], code: m[2], schema: m[3] };
});
if (apps.length === 0) {
  console.error('usage: node bench/accuracy.mjs NAME=CODE_DIR:SCHEMA.sql [...] [--out FILE] [--per-kind N]');
  process.exit(2);
}

const PLANNABLE = new Set(['select', 'insert', 'update', 'delete', 'merge']);
const q = (name) => `"${name.replace(/"/g, '""')}"`;
const where = (l) => `${l.file}:${l.line}:${l.column}`;

/** PostgreSQL's error → the rule that models it (as --verify maps them); null: no static rule models it. */
function ruleOfError(code, message) {
  if (code === '42P10' || (code === '42809' && /ON CONFLICT/i.test(message))) return 'on-conflict-no-arbiter';
  if (code === '42704' && /^constraint /.test(message)) return 'on-conflict-no-arbiter';
  if (code === '42P01') return 'unknown-table';
  if (code === '42703') return 'unknown-column';
  if (code === '42883' && /operator does not exist: json |function jsonb_\w+\(json[,)]/.test(message)) return 'jsonb-operator-on-json';
  if (code === '42883' && /operator does not exist: (text|character varying) |function jsonb?_\w+\((text|character varying)[,)]/.test(message)) return 'json-operator-on-text';
  // a supabase-js rpc() probe (builderProbes): no function with this name and these argument names
  if (code === '42883' && /^function .* does not exist/.test(message)) return 'unknown-function';
  return null;
}

/** introspect() opens and rolls back its own transaction; inside ours it gets a savepoint instead. */
function nested(db) {
  return {
    query(sql, params) {
      if (/^BEGIN/i.test(sql)) return db.query('SAVEPOINT accuracy_introspect');
      if (/^ROLLBACK$/i.test(sql)) return db.query('ROLLBACK TO SAVEPOINT accuracy_introspect');
      return db.query(sql, params);
    },
  };
}

function findAll(plan, predicate, found = []) {
  if (!plan || typeof plan !== 'object') return found;
  if (predicate(plan)) found.push(plan);
  for (const child of plan.Plans ?? []) findAll(child, predicate, found);
  return found;
}

/** `SET LOCAL search_path = …` for the app being measured (set by measure); introspection runs without it. */
let searchPath = 'SET LOCAL search_path = public';

/** Marks the probe that only asks PostgreSQL about an ON CONFLICT target (builderProbes). */
const ARBITER_PROBE = '/* arbiter */ ';

/** PostgreSQL's verdict on one statement under the current (mutated) schema. */
async function verdict(db, sql) {
  // a prepared statement outlives ROLLBACK TO SAVEPOINT
  await db.query('DEALLOCATE ALL');
  await db.query('SAVEPOINT accuracy_plan');
  try {
    await db.query(searchPath);
    await db.query(`PREPARE accuracy_s AS ${sql}`);
    const count = Math.max(0, ...[...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
    const argList = count === 0 ? '' : `(${Array.from({ length: count }, () => 'NULL').join(', ')})`;
    const { rows } = await db.query(`EXPLAIN (VERBOSE, FORMAT JSON) EXECUTE accuracy_s${argList}`);
    const raw = rows[0]['QUERY PLAN'];
    const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw)[0].Plan;
    const broken = new Set();
    let undecided = false;
    for (const insert of findAll(plan, (p) => p['Node Type'] === 'ModifyTable' && p.Operation === 'Insert')) {
      const relation = `${q(insert.Schema)}.${q(insert['Relation Name'])}`;
      const arbiters = insert['Conflict Arbiter Indexes'] ?? [];
      if (arbiters.length > 0) {
        const { rows: deferrable } = await db.query(
          `SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = $1::regclass AND NOT i.indimmediate AND c.relname = ANY($2)`,
          [relation, arbiters],
        );
        if (deferrable.length > 0) broken.add('on-conflict-deferrable-arbiter');
      } else if (insert['Conflict Resolution']) {
        // a target-less ON CONFLICT DO NOTHING lists no arbiter in its plan, but on execution every unique
        // or exclusion index arbitrates, and a DEFERRABLE one fails it (checked on PostgreSQL 18: "ON CONFLICT
        // does not support deferrable unique constraints/exclusion constraints as arbiters")
        const { rows: deferrable } = await db.query(
          `SELECT 1 FROM pg_index i WHERE i.indrelid = $1::regclass AND (i.indisunique OR i.indisexclusion) AND NOT i.indimmediate`,
          [relation],
        );
        if (deferrable.length > 0) broken.add('on-conflict-deferrable-arbiter');
      }
      // the outer child carries the row; InitPlans (scalar subqueries) are children too
      const output = (insert.Plans ?? []).find((p) => p['Parent Relationship'] === 'Outer')?.Output ?? [];
      const { rows: attributes } = await db.query(
        `SELECT attname, attnotnull, attisdropped FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 ORDER BY attnum`,
        [relation],
      );
      // the arbiter probe copies the table's rows only to reach ON CONFLICT: what it leaves NULL is not the statement's
      const arbiterProbe = sql.startsWith(ARBITER_PROBE);
      const nullInto = arbiterProbe ? [] : attributes.filter((a, i) => a.attnotnull && !a.attisdropped && /^NULL(::|$)/.test(output[i] ?? ''));
      if (nullInto.length > 0) {
        // a BEFORE INSERT row trigger whose function names the column may fill it: undecided without data
        const { rows: fillers } = await db.query(
          `SELECT 1 FROM pg_trigger g JOIN pg_proc p ON p.oid = g.tgfoid
            WHERE g.tgrelid = $1::regclass AND NOT g.tgisinternal AND (g.tgtype & 7) = 7 AND p.prosrc ~* ANY($2)`,
          [relation, nullInto.map((a) => `\\m${a.attname}\\M`)],
        );
        if (fillers.length > 0) undecided = true;
        else broken.add('missing-required-column');
      }
    }
    await db.query('ROLLBACK TO SAVEPOINT accuracy_plan');
    return { broken, undecided, error: null };
  } catch (error) {
    await db.query('ROLLBACK TO SAVEPOINT accuracy_plan');
    const code = typeof error.code === 'string' ? error.code : '';
    if (code === '42P18' || code === '42P08') return { broken: new Set(), undecided: true, error: null };
    return { broken: new Set([ruleOfError(code, error.message) ?? `postgres:${code}`]), undecided: false, error: `${code} ${error.message}` };
  }
}

/**
 * A query-builder statement has no SQL text: PostgreSQL is asked about SQL written from its extracted
 * facts instead (each table, each column use, and for an INSERT its column list and ON CONFLICT target).
 * This checks the rules against PostgreSQL given the facts; it cannot catch facts extracted wrongly
 * unless they already fail on the unmutated schema. Null when a name cannot be placed.
 */
function builderProbes(facts, lookup) {
  const rel = (ref) => {
    const found = lookup(ref);
    return found.status === 'found' ? `${q(found.relation.schema)}.${q(found.relation.name)}` : null;
  };
  const probes = [];
  for (const t of facts.tables) {
    const r = rel(t);
    if (!r) return null;
    probes.push(`SELECT FROM ${r}`);
  }
  for (const use of facts.columns) {
    if (use.relations.length !== 1 || use.openScope) continue;
    const r = rel(use.relations[0]);
    // qualified, so a function of the row (a PostgREST computed field, `t.amount_text` = amount_text(t))
    // resolves as PostgreSQL and PostgREST resolve it (session 5: midday's computed fields)
    if (r) probes.push(`SELECT t.${q(use.column)} FROM ${r} AS t`);
  }
  // supabase-js rpc('fn', { a, b }): PostgREST calls fn(a => …, b => …); named notation resolves the same names
  // (session 5; calls whose argument names are not static are not probed)
  for (const f of facts.functions ?? []) {
    if (f.argumentNames === null) continue;
    probes.push(`SELECT FROM ${q(f.schema ?? 'public')}.${q(f.name)}(${f.argumentNames.map((n) => `${q(n)} => NULL`).join(', ')})`);
  }
  if (facts.command === 'insert' && facts.target) {
    const r = rel(facts.target);
    if (!r) return null;
    // the row: which NOT NULL columns it leaves to defaults (and triggers)
    const columns = facts.insertColumns;
    if (columns) probes.push(`INSERT INTO ${r} ${columns.length === 0 ? 'DEFAULT VALUES' : `(${columns.map(q).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`}`);
    // the arbiter, with rows that fill every column
    const target = facts.onConflict?.target;
    if (facts.onConflict && !facts.onConflict.implicitTarget) {
      const on = !target ? '' : target.kind === 'constraint' ? ` ON CONSTRAINT ${q(target.name)}`
        : target.elements.every((e) => e.column) ? ` (${target.elements.map((e) => q(e.column)).join(', ')})${target.where ? ` WHERE ${target.where}` : ''}` : null;
      // the table's own rows, without its generated and GENERATED ALWAYS identity columns (which take no value: 428C9, session 5: midday)
      const found = lookup(facts.target);
      const stored = found.status === 'found' && found.relation.kind === 'table' ? found.relation.table.columns.filter((c) => c.generated === null && c.identity !== 'always').map((c) => q(c.name)) : null;
      const list = stored && stored.length > 0 ? stored.join(', ') : null;
      if (on !== null) probes.push(`${ARBITER_PROBE}${list ? `INSERT INTO ${r} (${list}) SELECT ${list} FROM ${r}` : `INSERT INTO ${r} SELECT * FROM ${r}`} ON CONFLICT${on} DO NOTHING`);
    }
  }
  return probes;
}

function sourceFiles(dir) {
  const result = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      if (name === 'node_modules' || name.startsWith('.') || name === 'dist' || name === 'build') continue;
      const path = join(d, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else if (/\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(name) && !/\.d\.ts$/.test(name)) result.push(path);
    }
  };
  walk(dir);
  return result;
}

/**
 * Obvious SQL call sites by grep: query-method calls, SQL tags, knex's callable form, Prisma's tagged raw
 * queries, Kysely's statement roots, `.from('table').select|insert|upsert|update|delete(` (supabase-js; storage
 * buckets are `.from('bucket').upload(…)`); a rough denominator for coverage. (Session 4 added the last three.)
 */
function grepSites(dir) {
  const pattern = /\.(query|execute|executeSql|unsafe|\$queryRaw|\$executeRaw|\$queryRawUnsafe|\$executeRawUnsafe|many|maybeOne|one|any|oneFirst|manyFirst|none)\s*\(|\bsql(\.(unsafe|type\([^)]*\)|typeAlias\([^)]*\)))?`|\b(knex|trx)\s*\(\s*['"`]/g;
  const more = /\.\$(queryRaw|executeRaw)(<[^>`]*>)?`|\.(selectFrom|insertInto|updateTable|deleteFrom)\s*\(/g;
  const supabase = /\.from\s*\(\s*['"`][^'"`]+['"`]\s*\)\s*\.(select|insert|upsert|update|delete)\s*\(/g;
  let sites = 0;
  for (const path of sourceFiles(dir)) {
    const text = readFileSync(path, 'utf8');
    sites += [...text.matchAll(more)].length;
    sites += [...text.matchAll(supabase)].length;
    if (!/\b(select|insert|update|delete)\b/i.test(text)) continue;
    sites += [...text.matchAll(pattern)].length;
  }
  return sites;
}

function spread(list, n) {
  if (list.length <= n) return list;
  return Array.from({ length: n }, (_, i) => list[Math.floor((i * list.length) / n)]);
}

async function uniqueKeys(db) {
  const { rows } = await db.query(`
    SELECT n.nspname AS schema, t.relname AS table, c.relname AS index, con.conname AS constraint, con.contype,
           i.indisprimary AS primary, i.indpred IS NOT NULL AS partial, 0 = ANY(i.indkey::int2[]) AS expression,
           array(SELECT a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.n ORDER BY k.o)::text[] AS columns
      FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x')
     WHERE i.indisunique AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'`);
  return rows;
}

/** Mutations aimed at what the code uses, breaking and not breaking; deterministic. */
async function mutationsFor(db, snapshot, universe) {
  const schemaOfTable = new Map();
  const tableOf = (ref, lookup) => {
    const found = lookup(ref);
    return found.status === 'found' && found.relation.kind === 'table' ? found.relation : null;
  };
  const tables = new Map();
  const columns = new Map();
  const jsonColumns = new Map();
  const inserts = new Map();
  const upserts = [];
  for (const { item, lookup } of universe) {
    for (const ref of item.facts.tables) {
      const t = tableOf(ref, lookup);
      if (t) tables.set(`${t.schema}.${t.name}`, t);
    }
    for (const use of item.facts.columns) {
      if (use.relations.length !== 1) continue;
      const t = tableOf(use.relations[0], lookup);
      const column = t?.table.columns.find((c) => c.name === use.column);
      if (!t || !column) continue;
      columns.set(`${t.schema}.${t.name}.${column.name}`, { t, column });
      if (/^jsonb?$/.test(column.type)) jsonColumns.set(`${t.schema}.${t.name}.${column.name}`, { t, column });
    }
    const target = item.facts.target && item.facts.command === 'insert' ? tableOf(item.facts.target, lookup) : null;
    if (target) {
      inserts.set(`${target.schema}.${target.name}`, { t: target, listed: item.facts.insertColumns });
      const conflict = item.facts.onConflict?.target;
      if (conflict?.kind === 'inference' && conflict.elements.every((e) => e.column)) {
        upserts.push({ t: target, columns: conflict.elements.map((e) => e.column) });
      }
      if (conflict?.kind === 'constraint') upserts.push({ t: target, constraint: conflict.name });
    }
  }
  const keys = await uniqueKeys(db);
  const rel = (t) => `${q(t.schema)}.${q(t.name)}`;
  const mutations = [];
  const add = (kind, breaking, description, sql) => mutations.push({ kind, breaking, description, sql });

  // arbiters: the unique key each upsert infers
  const arbiterKeys = new Map();
  for (const u of upserts) {
    const key = keys.find((k) => k.schema === u.t.schema && k.table === u.t.name && !k.partial && !k.expression &&
      (u.constraint ? k.constraint === u.constraint : k.columns.length === u.columns.length && u.columns.every((c) => k.columns.includes(c))));
    if (key) arbiterKeys.set(`${key.schema}.${key.index}`, { key, t: u.t });
  }
  const drop = (key, t) => (key.constraint ? `ALTER TABLE ${rel(t)} DROP CONSTRAINT ${q(key.constraint)} CASCADE` : `DROP INDEX ${q(key.schema)}.${q(key.index)} CASCADE`);
  for (const { key, t } of spread([...arbiterKeys.values()].sort((a, b) => (a.key.index < b.key.index ? -1 : 1)), perKind)) {
    const cols = key.columns;
    const other = cols.length > 1 ? cols.slice(0, -1) : [cols[0], t.table.columns.find((c) => !cols.includes(c.name))?.name].filter(Boolean);
    add('arbiter-other-columns', true, `${key.index}: (${cols.join(', ')}) → (${other.join(', ')})`,
      `${drop(key, t)}; CREATE UNIQUE INDEX accuracy_other ON ${rel(t)} (${other.map(q).join(', ')})`);
    add('arbiter-deferrable', true, `${key.index} (${cols.join(', ')}) DEFERRABLE`,
      `${drop(key, t)}; ALTER TABLE ${rel(t)} ADD CONSTRAINT accuracy_deferrable UNIQUE (${cols.map(q).join(', ')}) DEFERRABLE`);
    if (cols.length > 1) {
      add('arbiter-reordered', false, `${key.index} (${cols.join(', ')}) as unique index (${[...cols].reverse().join(', ')})`,
        `${drop(key, t)}; CREATE UNIQUE INDEX accuracy_reordered ON ${rel(t)} (${[...cols].reverse().map(q).join(', ')})`);
    } else {
      add('arbiter-as-index', !!key.constraint && upserts.some((u) => u.constraint === key.constraint), `${key.index} (${cols.join(', ')}) as a unique index`,
        `${drop(key, t)}; CREATE UNIQUE INDEX accuracy_as_index ON ${rel(t)} (${cols.map(q).join(', ')})`);
    }
  }
  const sortedColumns = [...columns.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, v]) => v);
  for (const { t, column } of spread(sortedColumns, perKind)) {
    add('column-dropped', true, `${t.name}.${column.name} dropped`, `ALTER TABLE ${rel(t)} DROP COLUMN ${q(column.name)} CASCADE`);
  }
  // functions the code calls through rpc(): dropped (session 5)
  const called = new Map();
  for (const { item } of universe) {
    for (const f of item.facts.functions ?? []) {
      for (const routine of snapshot.functions.filter((r) => r.schema === (f.schema ?? 'public') && r.name === f.name && r.kind === 'function')) {
        called.set(`${routine.schema}.${routine.name}(${routine.identityArguments})`, routine);
      }
    }
  }
  for (const [signature, routine] of spread([...called.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)), perKind)) {
    add('function-dropped', true, `${signature} dropped`, `DROP FUNCTION ${q(routine.schema)}.${q(routine.name)}(${routine.identityArguments})`);
  }
  const sortedTables = [...tables.values()].sort((a, b) => (`${a.schema}.${a.name}` < `${b.schema}.${b.name}` ? -1 : 1));
  for (const t of spread(sortedTables, perKind)) {
    add('table-renamed', true, `${t.name} renamed`, `ALTER TABLE ${rel(t)} RENAME TO ${q(`${t.name}_renamed`)}`);
  }
  for (const { t, column } of spread([...jsonColumns.values()].sort((a, b) => (a.t.name + a.column.name < b.t.name + b.column.name ? -1 : 1)), perKind)) {
    const to = column.type === 'jsonb' ? ['json', 'text'] : ['text'];
    for (const type of to) {
      add(`json-to-${type}`, true, `${t.name}.${column.name} ${column.type} → ${type}`,
        `ALTER TABLE ${rel(t)} ALTER COLUMN ${q(column.name)} DROP DEFAULT; ALTER TABLE ${rel(t)} ALTER COLUMN ${q(column.name)} TYPE ${type} USING ${q(column.name)}::${type}`);
    }
  }
  const sortedInserts = [...inserts.values()].sort((a, b) => (a.t.name < b.t.name ? -1 : 1));
  for (const { t } of spread(sortedInserts, perKind)) {
    add('required-column-added', true, `${t.name} + NOT NULL column without default`, `ALTER TABLE ${rel(t)} ADD COLUMN accuracy_required int NOT NULL DEFAULT 0; ALTER TABLE ${rel(t)} ALTER COLUMN accuracy_required DROP DEFAULT`);
    add('nullable-column-added', false, `${t.name} + nullable column`, `ALTER TABLE ${rel(t)} ADD COLUMN accuracy_optional int`);
    const defaulted = t.table.columns.find((c) => !c.nullable && c.default !== null && !c.identity && !c.generated);
    if (defaulted) add('default-dropped', true, `${t.name}.${defaulted.name} loses its default`, `ALTER TABLE ${rel(t)} ALTER COLUMN ${q(defaulted.name)} DROP DEFAULT`);
  }
  void schemaOfTable;
  void snapshot;
  return mutations;
}

function tally() {
  return { findings: 0, confirmed: 0, unconfirmable: 0, breakages: 0, caught: 0 };
}

async function measure(app) {
  const started = Date.now();
  const opened = await openInput(app.schema, { keepOpen: true, ...(presets.has(app.name) ? { preset: presets.get(app.name) } : {}) });
  const db = opened.database;
  try {
    await loadSqlParser();
    const project = discoverProject(app.code);
    const files = scanFilesInThread(project.files.map((path) => ({ root: project.root, path, dependencies: [...project.dependencies] })));
    const analyses = files.flatMap((f) => f.analyses);
    const coverage = {
      grepSites: grepSites(app.code),
      extracted: analyses.length,
      resolved: analyses.filter((a) => a.kind === 'analyzed').length,
      parseErrors: analyses.filter((a) => a.kind === 'parse-error').length,
      unresolved: analyses.filter((a) => a.kind === 'unresolved').length,
      planned: 0,
    };
    const baseIndex = indexSchema(opened.snapshot, tablesCreatedForEveryFile(analyses, opened.snapshot));
    // the statements PostgreSQL can be asked about: plannable SQL on tables the file does not create or alter
    const universe = [];
    for (const file of files) {
      const viewOf = migrationViews(baseIndex, file.analyses);
      for (const a of file.analyses) {
        if (a.kind !== 'analyzed' || (a.statement.kind === 'sql' && a.statement.verifiable === false)) continue;
        const view = viewOf(a);
        for (const item of a.items) {
          if (!PLANNABLE.has(item.facts.command)) continue;
          if (!item.facts.tables.every((t) => ['found'].includes(view.lookup(t).status) || /^pg_|^information_schema/.test(t.schema ?? t.name))) continue;
          const probes = a.statement.kind === 'sql' ? [item.text] : builderProbes(item.facts, view.lookup);
          if (probes) universe.push({ item, at: where(a.statement.location), lookup: view.lookup, probes });
        }
      }
    }
    coverage.planned = new Set(universe.map((u) => u.at)).size;

    const judge = async () => {
      const broken = new Map();
      const undecided = new Set();
      const cache = new Map();
      for (const { probes, at } of universe) {
        for (const probe of probes) {
          if (!cache.has(probe)) cache.set(probe, await verdict(db, probe));
          const v = cache.get(probe);
          if (v.undecided) undecided.add(at);
          for (const rule of v.broken) broken.set(at, new Set([...(broken.get(at) ?? []), rule]));
        }
      }
      return { broken, undecided };
    };
    const staticFindings = (snapshot) => checkFiles(files, indexSchema(snapshot, tablesCreatedForEveryFile(analyses, snapshot)), codeRules).map((f) => ({ rule: f.rule, at: where(f.locations[0]), severity: f.severity, message: f.message }));

    // the scanner looks an unqualified name up in public, then in every other schema (the app may set
    // search_path, or pass its schema at run time): PostgreSQL plans with the same path
    const { rows: schemaRows } = await db.query(
      `SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY nspname <> 'public', nspname`,
    );
    searchPath = `SET LOCAL search_path = ${schemaRows.map((r) => q(r.nspname)).join(', ')}`;
    await db.query('BEGIN');
    await db.query('SET LOCAL plan_cache_mode = force_generic_plan');
    const baseSnapshot = await introspect(nested(db));
    const baseFindings = staticFindings(baseSnapshot);
    const baseTruth = await judge();
    await db.query('ROLLBACK');
    const inUniverse = new Set(universe.map((u) => u.at));
    const baseline = baseFindings.map((f) => ({ ...f, verdict: !inUniverse.has(f.at) ? 'not plannable' : baseTruth.broken.has(f.at) ? 'PostgreSQL agrees' : baseTruth.undecided.has(f.at) ? 'undecided' : 'PostgreSQL plans it' }));
    const baseBroken = [...baseTruth.broken.entries()].map(([at, rules]) => ({ at, rules: [...rules], found: baseFindings.some((f) => f.at === at) }));

    const mutations = await mutationsFor(db, baseSnapshot, universe);
    const perRule = new Map();
    const perKindStats = new Map();
    const rule = (id) => perRule.get(id) ?? (perRule.set(id, tally()), perRule.get(id));
    const baseKeys = new Set(baseFindings.map((f) => `${f.rule} ${f.at}`));
    let applied = 0;
    const skipped = [];
    const misses = [];
    const falsePositives = [];
    for (const mutation of mutations) {
      await db.query('BEGIN');
      await db.query('SET LOCAL plan_cache_mode = force_generic_plan');
      try {
        try {
          for (const ddl of mutation.sql.split('; ')) await db.query(ddl);
        } catch (error) {
          skipped.push(`${mutation.description}: ${error.message}`);
          continue;
        }
        applied++;
        const snapshot = await introspect(nested(db));
        const findings = staticFindings(snapshot).filter((f) => !baseKeys.has(`${f.rule} ${f.at}`));
        const truth = await judge();
        const kind = perKindStats.get(mutation.kind) ?? { mutations: 0, breaking: mutation.breaking, findings: 0, confirmed: 0, breakages: 0, caught: 0 };
        perKindStats.set(mutation.kind, kind);
        kind.mutations++;
        for (const f of findings) {
          const r = rule(f.rule);
          r.findings++;
          kind.findings++;
          // a statement PostgreSQL rejects on the unmutated schema stops at that error: it cannot say
          // whether the mutation breaks it too (trigger.dev: a CTE writing a table of its other database
          // and one the mutation changed was counted as contradicted)
          if (!inUniverse.has(f.at) || truth.undecided.has(f.at) || baseTruth.broken.has(f.at)) r.unconfirmable++;
          else if (truth.broken.has(f.at) && !baseTruth.broken.has(f.at)) (r.confirmed++, kind.confirmed++);
          else falsePositives.push(`${mutation.description} → ${f.rule} ${f.at}`);
        }
        for (const [at, rules] of truth.broken) {
          if (baseTruth.broken.has(at)) continue;
          const caught = findings.some((f) => f.at === at);
          for (const id of rules) {
            const r = rule(id);
            r.breakages++;
            kind.breakages++;
            if (caught) (r.caught++, kind.caught++);
            else misses.push(`${mutation.description} → ${id} ${at}`);
          }
        }
      } finally {
        await db.query('ROLLBACK');
      }
    }
    return { app: app.name, coverage, baseline, baseBroken, mutations: mutations.length, applied, skipped, perRule, perKindStats, misses, falsePositives, seconds: (Date.now() - started) / 1000 };
  } finally {
    await opened.close();
  }
}

const ratio = (a, b) => (b === 0 ? '–' : (a / b).toFixed(2));

function render(measured) {
  let results = measured;
  const lines = ['# Scanner accuracy on real codebases', '', 'Generated by `node bench/accuracy.mjs` (checkouts and schemas passed as arguments; no third-party code here):', '', '```', commandLine, '```', '',
    'PostgreSQL (embedded, 18) is the oracle: each statement is planned (PREPARE + EXPLAIN EXECUTE, generic plan) against the mutated schema inside a rolled-back transaction, with every schema of the app on search_path (public first, as the scanner looks unqualified names up: a schema the code takes at run time is left unqualified); statements with a stand-in for a run-time value inside a string literal are not planned; execution-time failures are read from the plan (DEFERRABLE arbiter among the plan\'s conflict arbiter indexes, or on the table of a target-less ON CONFLICT, where every unique index arbitrates; a NULL constant planned into a NOT NULL column, undecided when a BEFORE INSERT trigger\'s function names the column). Query-builder statements (Drizzle, Kysely, …) have no SQL text: PostgreSQL plans SQL written from their extracted facts (each table, each column, the INSERT column list and ON CONFLICT target).', 'Precision = static findings on statements PostgreSQL says break / static findings; recall = PostgreSQL-confirmed breakages with a static finding on the statement / breakages, among the statements the scanner extracts and PostgreSQL can plan (see Coverage for the rest). Only what a mutation adds counts for it; a finding on a statement PostgreSQL already rejects on the unmutated schema is unconfirmable.', ''];
  if (compared.length > 0) {
    const totals = (run) => {
      if (run.failed) return null;
      const t = tally();
      for (const r of Object.values(run.perRule instanceof Map ? Object.fromEntries(run.perRule) : run.perRule)) for (const k of Object.keys(t)) t[k] += r[k];
      return t;
    };
    const baselineFalse = (run) => run.baseline.filter((f) => f.verdict !== 'PostgreSQL agrees').length;
    lines.push('## Before and after', '', '| app | build | statements checked (of extracted) | findings on the unmutated schema (not confirmed) | mutation findings | precision | PostgreSQL breakages | recall |', '|---|---|---:|---:|---:|---:|---:|---:|');
    for (const r of measured) {
      for (const { label: l, run } of [...compared.map((c) => ({ label: c.label, run: c.runs.find((x) => x.app === r.app) })), { label, run: r }]) {
        if (!run) continue;
        if (run.failed) {
          lines.push(`| ${r.app} | ${l} | scanner failed: ${run.failed.replace(/\|/g, '\\|')} | | | | | |`);
          continue;
        }
        const t = totals(run);
        lines.push(`| ${r.app} | ${l} | ${run.coverage.resolved} (of ${run.coverage.extracted}) | ${run.baseline.length} (${baselineFalse(run)}) | ${t.findings} | ${ratio(t.confirmed, t.findings - t.unconfirmable)} | ${t.breakages} | ${ratio(t.caught, t.breakages)} |`);
      }
    }
    lines.push('');
  }
  lines.push('## Coverage', '', '| app | SQL call sites (grep) | statements extracted | resolved to SQL | not checked (run-time SQL) | parse errors | plannable against the schema |', '|---|---:|---:|---:|---:|---:|---:|');
  const failed = results.filter((r) => r.failed);
  for (const r of failed) lines.push(`> ${r.app}: the scanner failed on this code (${r.failed}); no numbers.`, '');
  results = results.filter((r) => !r.failed);
  for (const r of results) {
    const c = r.coverage;
    lines.push(`| ${r.app} | ${c.grepSites} | ${c.extracted} | ${c.resolved} | ${c.unresolved} | ${c.parseErrors} | ${c.planned} |`);
  }
  lines.push('', '## Unmutated schema (every finding is a real bug or a false positive)', '', '| app | findings | PostgreSQL agrees | PostgreSQL plans it | undecided / not plannable | statements PostgreSQL rejects | of them found |', '|---|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const n = (v) => r.baseline.filter((f) => f.verdict === v).length;
    lines.push(`| ${r.app} | ${r.baseline.length} | ${n('PostgreSQL agrees')} | ${n('PostgreSQL plans it')} | ${n('undecided') + n('not plannable')} | ${r.baseBroken.length} | ${r.baseBroken.filter((b) => b.found).length} |`);
  }
  for (const r of results) {
    if (r.baseline.length === 0) continue;
    lines.push('', `<details><summary>${r.app}: baseline findings by rule</summary>`, '');
    const byRule = new Map();
    for (const f of r.baseline) byRule.set(`${f.rule} (${f.severity}, ${f.verdict})`, (byRule.get(`${f.rule} (${f.severity}, ${f.verdict})`) ?? 0) + 1);
    for (const [k, v] of [...byRule].sort()) lines.push(`- ${k}: ${v}`);
    lines.push('', '</details>');
  }
  lines.push('', '## Mutations', '', '| app | mutations | applied | seconds |', '|---|---:|---:|---:|');
  for (const r of results) lines.push(`| ${r.app} | ${r.mutations} | ${r.applied} | ${r.seconds.toFixed(0)} |`);
  const all = new Map();
  for (const r of results) for (const [id, t] of r.perRule) {
    const a = all.get(id) ?? tally();
    for (const k of Object.keys(a)) a[k] += t[k];
    all.set(id, a);
  }
  const ruleTable = (title, map) => {
    lines.push('', `### ${title}`, '', '| rule | static findings | confirmed by PostgreSQL | unconfirmable | precision | PostgreSQL breakages | caught | recall |', '|---|---:|---:|---:|---:|---:|---:|---:|');
    const total = tally();
    for (const [id, t] of [...map].sort()) {
      for (const k of Object.keys(total)) total[k] += t[k];
      lines.push(`| ${id} | ${t.findings} | ${t.confirmed} | ${t.unconfirmable} | ${ratio(t.confirmed, t.findings - t.unconfirmable)} | ${t.breakages} | ${t.caught} | ${ratio(t.caught, t.breakages)} |`);
    }
    lines.push(`| **all** | ${total.findings} | ${total.confirmed} | ${total.unconfirmable} | ${ratio(total.confirmed, total.findings - total.unconfirmable)} | ${total.breakages} | ${total.caught} | ${ratio(total.caught, total.breakages)} |`);
  };
  ruleTable('All apps, per rule', all);
  for (const r of results) ruleTable(`${r.app}, per rule`, r.perRule);
  for (const r of results) {
    lines.push('', `### ${r.app}, per mutation kind`, '', '| kind | breaking | mutations | new findings | confirmed | breakages | caught |', '|---|---|---:|---:|---:|---:|---:|');
    for (const [kind, k] of [...r.perKindStats].sort()) lines.push(`| ${kind} | ${k.breaking ? 'yes' : 'no'} | ${k.mutations} | ${k.findings} | ${k.confirmed} | ${k.breakages} | ${k.caught} |`);
  }
  lines.push('');
  return lines.join('\n');
}

const results = [];
for (const app of apps) {
  process.stderr.write(`${app.name}: measuring…\n`);
  let result;
  try {
    result = await measure(app);
  } catch (error) {
    // an older build may crash on real code (it did: Object.prototype names taken for query roots)
    process.stderr.write(`${app.name}: the scanner failed: ${error.message}\n`);
    results.push({ app: app.name, failed: error.message.split('\n')[0] });
    continue;
  }
  process.stderr.write(`${app.name}: ${result.applied}/${result.mutations} mutations in ${result.seconds.toFixed(0)} s\n`);
  results.push(result);
}
writeFileSync(out, render(results));
if (jsonOut) {
  writeFileSync(jsonOut, JSON.stringify(results.map((r) => (r.failed ? r : { ...r, perRule: Object.fromEntries(r.perRule), perKindStats: Object.fromEntries(r.perKindStats) })), null, 2));
}
process.stderr.write(`wrote ${relative(process.cwd(), out)}\n`);
