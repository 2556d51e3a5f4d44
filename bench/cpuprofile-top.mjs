#!/usr/bin/env node
// Top self-time functions (and files) of a V8 .cpuprofile, e.g. from
//   node --cpu-prof --cpu-prof-dir=/tmp/prof dist/cli/main.js snapshot <url> -o /dev/null
//   node bench/cpuprofile-top.mjs /tmp/prof/CPU.*.cpuprofile [--top 25]
import { readFileSync } from 'node:fs';

const argv = process.argv.slice(2);
const top = argv.includes('--top') ? Number(argv[argv.indexOf('--top') + 1]) : 25;
const files = argv.filter((a, i) => a.endsWith('.cpuprofile') && argv[i - 1] !== '--top');
if (files.length === 0) {
  process.stderr.write('usage: node bench/cpuprofile-top.mjs FILE.cpuprofile [--top 25]\n');
  process.exit(2);
}
for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  // timeDeltas[i] is the time before samples[i]
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fns = new Map();
  const urls = new Map();
  for (const [id, us] of self) {
    const { callFrame: f } = byId.get(id);
    const url = f.url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, 'node_modules/').replace(/^.*\/(dist|src)\//, '$1/');
    const name = `${f.functionName || '(anonymous)'} ${url ? `${url}:${f.lineNumber + 1}` : ''}`.trim();
    fns.set(name, (fns.get(name) ?? 0) + us);
    const group = url ? url.replace(/^(node_modules\/(@[^/]+\/)?[^/]+).*$/, '$1') : `(${f.functionName || 'native'})`;
    urls.set(group, (urls.get(group) ?? 0) + us);
  }
  const print = (title, map) => {
    process.stdout.write(`\n${title} (${file}, total ${(total / 1000).toFixed(0)} ms sampled)\n`);
    for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      process.stdout.write(`${(us / 1000).toFixed(1).padStart(9)} ms ${((us / total) * 100).toFixed(1).padStart(5)}%  ${name}\n`);
    }
  };
  print('self time by function', fns);
  print('self time by file / package', urls);
}
