// Runs one extractor over a small project written to a temporary directory (real files, so imports
// across files resolve as in a scan) and returns what it extracted from the entry file.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BuilderStatement, ExtractedStatement, QueryFacts } from '../../../src/scan/facts.js';
import { createContext } from '../../../src/scan/extract/context.js';
import { indexFile } from '../../../src/scan/extract/file-index.js';
import type { Extractor } from '../../../src/scan/extract/types.js';
import { createModuleLoader } from '../../../src/scan/scan-file.js';
import { withTempDir } from '../../helpers/temp-dir.js';

export function extractFrom(extractor: Extractor, files: Record<string, string>, entry = 'main.ts', dependencies: readonly string[] = []): ExtractedStatement[] {
  // extraction is synchronous and returns plain data, so the folder can go as soon as it returns
  return withTempDir('schema-diff-extract-', (root) => {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, name)), { recursive: true });
      writeFileSync(join(root, name), text);
    }
    const path = join(root, entry);
    const file = { path, index: indexFile(path, readFileSync(path, 'utf8')) };
    const context = createContext(file, entry, new Set(dependencies), createModuleLoader());
    return extractor.extract(file.index.sourceFile, context);
  });
}

/** The facts of the only builder statement extracted; fails when there is not exactly one. */
export function onlyFacts(statements: readonly ExtractedStatement[]): QueryFacts {
  const builders = statements.filter((s): s is BuilderStatement => s.kind === 'builder');
  if (builders.length !== 1 || statements.length !== 1) {
    throw new Error(`expected one builder statement, got ${JSON.stringify(statements.map((s) => s.kind))}`);
  }
  return builders[0]!.facts;
}

/** `column@relation:access` for each column use, sorted: compact to compare. */
export function uses(facts: QueryFacts): string[] {
  return facts.columns.map((u) => `${u.column}@${u.relations.map((r) => (r.schema ? `${r.schema}.${r.name}` : r.name)).join('|')}:${u.access}`).sort();
}
