#!/usr/bin/env node
// Baseline for the scanner row: read every .ts/.tsx file under DIR and parse it with the bare
// TypeScript parser (ts-morph's bundled `ts.createSourceFile`, no parent pointers, AST dropped per
// file), single-threaded. Prints {files, lines, parseErrors, ms} as JSON on stdout.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ts } from 'ts-morph';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: node bench/lib/bare-parse.mjs DIR\n');
  process.exit(2);
}
const started = performance.now();
function* walk(d) {
  for (const entry of readdirSync(d, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(d, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) yield path;
  }
}
let files = 0;
let lines = 0;
let parseErrors = 0;
for (const path of walk(dir)) {
  const text = readFileSync(path, 'utf8');
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  parseErrors += sf.parseDiagnostics.length;
  lines += sf.getLineStarts().length;
  files++;
}
process.stdout.write(`${JSON.stringify({ files, lines, parseErrors, ms: Math.round(performance.now() - started) })}\n`);
