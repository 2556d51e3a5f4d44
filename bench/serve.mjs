#!/usr/bin/env node
// For profiling by hand: start the benchmark's PostgreSQL, load the pairs like run.mjs does, print
// the database URLs, and keep running until Ctrl-C (then stop and delete the cluster).
//   node bench/serve.mjs [--tables 5000] [--major 15]
import { execFileSync } from 'node:child_process';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { psql, psqlFile, startServer } from './lib/server.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const CORPUS = resolve(BENCH, '..', '../shared/corpus');
const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : fallback);
const tables = Number(option('tables', '5000'));
const major = Number(option('major', '15'));
const log = (m) => process.stderr.write(`[serve] ${m}\n`);

const scaleDir = join(BENCH, '.data', `scale-${tables}`);
execFileSync(process.execPath, [join(CORPUS, 'gen-scale.js'), '--tables', String(tables), '--out', scaleDir], { stdio: 'ignore' });
const server = await startServer(major, { log });
const pairs = { musicbrainz: join(CORPUS, 'schemas', 'musicbrainz'), [`scale_${tables}`]: scaleDir };
for (const [id, dir] of Object.entries(pairs)) {
  for (const side of ['source', 'target']) {
    psql(server.url(), `CREATE DATABASE ${id}_${side}`);
    psqlFile(server.url(`${id}_${side}`), join(dir, `${side}.sql`));
    process.stdout.write(`${id}_${side}\t${server.url(`${id}_${side}`)}\n`);
  }
}
log('ready; Ctrl-C to stop');
const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => {}, 1 << 30);
