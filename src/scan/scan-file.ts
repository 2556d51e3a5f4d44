// One file: parse once, run the extractors the project (or the file's imports) enable, analyze the
// statements. Plain data out, so worker threads can run it.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { analyzeExtracted, type StatementAnalysis } from './analyze-statement.js';
import type { IndexedFile, ModuleLoader } from './extract/constants.js';
import { createContext } from './extract/context.js';
import { extractors, extractorsForFile } from './extract/index.js';
import type { Extractor } from './extract/types.js';
import { indexFile } from './extract/file-index.js';
import { projectModule } from './extract/builders/modules.js';
import { dependenciesOfFile } from './extract/package-dependencies.js';
import { withSqlFiles } from './extract/sql-files.js';
import { relativePath } from './project.js';

export interface FileScanInput {
  readonly root: string;
  readonly path: string;
  readonly dependencies: readonly string[];
}

export interface FileScan {
  /** relative to the scanned directory */
  readonly file: string;
  readonly analyses: readonly StatementAnalysis[];
  /** line → suppressed rule ids ('all' for every rule) */
  readonly suppressions: readonly (readonly [number, readonly string[] | 'all'])[];
}

const CANDIDATES = ['', '.ts', '.tsx', '.mts', '.js', '/index.ts', '/index.tsx', '/index.js'];

/** Loads the project's own imports (relative, aliased, workspace packages) for constant resolution; one cache per thread. */
export function createModuleLoader(cache = new Map<string, IndexedFile | null>()): ModuleLoader {
  const load = (path: string): IndexedFile | null => {
    if (cache.has(path)) return cache.get(path) ?? null;
    let file: IndexedFile | null = null;
    try {
      file = { path, index: indexFile(path, readFileSync(path, 'utf8')) };
    } catch {
      file = null;
    }
    cache.set(path, file);
    return file;
  };
  return (fromPath, specifier) => {
    if (!specifier.startsWith('.')) {
      // an alias of the tsconfig's paths (`@/lib/queries`) or a workspace package: its file, if any
      const path = projectModule(fromPath, specifier);
      return path === null ? null : load(path);
    }
    const base = resolve(dirname(fromPath), specifier);
    const stems = [base, base.replace(/\.(m|c)?js$/, '')];
    for (const stem of stems) {
      for (const suffix of CANDIDATES) {
        const path = stem + suffix;
        if (cache.has(path)) return cache.get(path) ?? null;
        if (!/\.(m|c)?[jt]sx?$/.test(path) || !existsSync(path)) continue;
        return load(path);
      }
    }
    return null;
  };
}

export function scanFile(input: FileScanInput, load: ModuleLoader): FileScan {
  const text = readFileSync(input.path, 'utf8');
  const relative = relativePath(input.root, input.path);
  const dependencies = dependenciesOfFile(input.root, input.path, input.dependencies);
  const projectEnabled = extractors.filter((e) => e.enablers.some((n) => dependencies.has(n)));
  let enabled: Extractor[] = [];
  const index = indexFile(input.path, text, (topLevel) => {
    enabled = extractorsForFile(projectEnabled, [...topLevel.imports.values()].map((b) => b.module));
    return enabled.some((e) => e.readsDeclarations === true);
  });
  const file: IndexedFile = { path: input.path, index };
  const suppressions = [...index.suppressions].map(([line, rules]) => [line, rules === 'all' ? 'all' : [...rules]] as const);
  if (enabled.length === 0) return { file: relative, analyses: [], suppressions };
  const context = createContext(file, relative, dependencies, withSqlFiles(load, input.root));
  const analyses: StatementAnalysis[] = [];
  for (const extractor of enabled) {
    for (const statement of extractor.extract(index.sourceFile, context)) analyses.push(analyzeExtracted(statement));
  }
  analyses.sort((a, b) => {
    const la = locationOf(a);
    const lb = locationOf(b);
    return la.line - lb.line || la.column - lb.column;
  });
  return { file: relative, analyses, suppressions };
}

export function locationOf(analysis: StatementAnalysis): { line: number; column: number; file: string } {
  return analysis.statement.location;
}
