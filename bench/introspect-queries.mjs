#!/usr/bin/env node
// For profiling the snapshot: time each catalog query of src/introspect/queries/* on its own against
// one database (same transaction mode and settings as the introspector, but one session: the CLI spreads
// them over SCHEMA_DIFF_SESSIONS sessions), then buildSnapshot and the
// JSON serialization. Every repetition uses a new connection (cold server caches, like a CLI run), from a compiled tree (default dist/).
//   node bench/introspect-queries.mjs <postgres-url> [--dist DIR] [--reps 3] [--explain DIR]
// --explain writes EXPLAIN (ANALYZE, BUFFERS) of every query to DIR/<name>.txt.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : fallback);
const url = argv.find((a) => /^postgres(ql)?:\/\//.test(a));
if (!url) {
  process.stderr.write('usage: node bench/introspect-queries.mjs <postgres-url> [--dist DIR] [--reps 3] [--explain DIR]\n');
  process.exit(2);
}
const dist = resolve(ROOT, option('dist', 'dist'));
const reps = Number(option('reps', '3'));
const explainDir = option('explain');
const load = (p) => import(pathToFileURL(join(dist, p)).href);

const scope = { includeExtensionObjects: false };
const q = async (file, name) => (await load(`introspect/queries/${file}.js`))[name];
const probe = new pg.Client({ connectionString: url });
await probe.connect();
const versionNum = Number((await probe.query("SELECT current_setting('server_version_num') AS v")).rows[0].v);
await probe.end();
const queries = {
  server: await q('server', 'serverQuery'),
  schemas: (await q('schemas', 'schemasQuery'))(scope),
  extensions: await q('extensions', 'extensionsQuery'),
  relations: (await q('relations', 'relationsQuery'))(scope),
  columns: (await q('columns', 'columnsQuery'))(scope),
  constraints: (await q('constraints', 'constraintsQuery'))(scope, versionNum),
  indexes: (await q('indexes', 'indexesQuery'))(scope, versionNum),
  triggers: (await q('triggers', 'triggersQuery'))(scope),
  policies: (await q('policies', 'policiesQuery'))(scope),
  grants: (await q('grants', 'grantsQuery'))(scope),
  sequences: (await q('sequences', 'sequencesQuery'))(scope),
  types: (await q('types', 'typesQuery'))(scope),
  functions: (await q('functions', 'functionsQuery'))(scope),
};
const settings = "SELECT set_config('search_path', 'pg_catalog', true), set_config('jit', 'off', true), set_config('TimeZone', 'UTC', true), set_config('max_parallel_workers_per_gather', '0', true)";
const rows = {};
const timings = {};
if (explainDir) mkdirSync(explainDir, { recursive: true });
// A fresh connection (a fresh backend, cold caches) per repetition, like every CLI run.
for (let rep = 0; rep < reps; rep++) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
  await client.query(settings);
  for (const [name, sql] of Object.entries(queries)) {
    const t0 = performance.now();
    const result = await client.query(sql);
    (timings[name] ??= []).push(performance.now() - t0);
    rows[name] = result.rows;
  }
  await client.query('ROLLBACK');
  await client.end();
}
if (explainDir) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
  await client.query(settings);
  for (const [name, sql] of Object.entries(queries)) {
    const plan = (await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`)).rows.map((r) => r['QUERY PLAN']).join('\n');
    writeFileSync(join(explainDir, `${name}.txt`), `${sql}\n\n${plan}\n`);
  }
  await client.query('ROLLBACK');
  await client.end();
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const report = Object.entries(timings).map(([name, ms]) => ({ step: `query ${name}`, rows: rows[name].length, ms: median(ms) }));
const { buildSnapshot } = await load('introspect/build-snapshot.js');
const catalogRows = { ...rows, server: { version_num: versionNum, version: rows.server[0].version } };
const build = [];
let snapshot;
for (let i = 0; i < reps; i++) {
  const t0 = performance.now();
  snapshot = buildSnapshot(catalogRows);
  build.push(performance.now() - t0);
}
report.push({ step: 'buildSnapshot', rows: null, ms: median(build) });
const ser = [];
let json;
for (let i = 0; i < reps; i++) {
  const t0 = performance.now();
  json = JSON.stringify(snapshot, null, 2);
  ser.push(performance.now() - t0);
}
report.push({ step: 'JSON.stringify(snapshot, null, 2)', rows: null, ms: median(ser) });
const total = report.reduce((s, r) => s + r.ms, 0);
for (const r of report) process.stdout.write(`${r.step.padEnd(36)} ${String(r.rows ?? '').padStart(7)} rows ${r.ms.toFixed(1).padStart(9)} ms ${((r.ms / total) * 100).toFixed(1).padStart(5)}%\n`);
process.stdout.write(`${'total'.padEnd(36)} ${''.padStart(12)} ${total.toFixed(1).padStart(9)} ms   (snapshot JSON ${(json.length / 1e6).toFixed(1)} MB)\n`);
