// How to start a scan worker. Built code (dist/*.js) starts worker-entry.js directly. Running from
// TypeScript sources (tests, `vitest`), Node 20 cannot load .ts, so the worker first registers a
// tiny loader that transpiles .ts with the TypeScript bundled in ts-morph (no extra dependency).
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { WorkerOptions } from 'node:worker_threads';

const HOOKS = `
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
let ts;
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    if (specifier.endsWith('.js') && context.parentURL && context.parentURL.endsWith('.ts')) {
      return next(specifier.slice(0, -3) + '.ts', context);
    }
    throw error;
  }
}
export async function load(url, context, next) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, context);
  ts ??= (await import(TS_MORPH)).ts;
  const fileName = fileURLToPath(url);
  const output = ts.transpileModule(readFileSync(fileName, 'utf8'), {
    fileName,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  return { format: 'module', source: output.outputText, shortCircuit: true };
}
`;

export function workerScript(): { source: URL | string; options: WorkerOptions } {
  const here = import.meta.url;
  if (here.endsWith('.js')) return { source: new URL('./worker-entry.js', here), options: {} };
  const tsMorph = pathToFileURL(createRequire(here).resolve('ts-morph')).href;
  const hooks = `data:text/javascript,${encodeURIComponent(HOOKS.replace('TS_MORPH', JSON.stringify(tsMorph)))}`;
  const entry = new URL('./worker-entry.ts', here).href;
  const source = `
const { register } = require('node:module');
register(${JSON.stringify(hooks)});
import(${JSON.stringify(entry)}).catch((error) => {
  require('node:worker_threads').parentPort.postMessage({ ok: false, error: String((error && error.stack) || error) });
});`;
  return { source, options: { eval: true } };
}
