// How much SQL an input would load into the embedded PostgreSQL: what decides whether two inputs may
// load side by side (analysis.ts), since each instance's memory grows with what it holds.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { displayPath } from './display-path.js';
import { classifyInput } from './index.js';
import { listSqlFiles } from './sql-files.js';

/** Bytes of .sql the input loads into the embedded PostgreSQL: 0 for a live database, a snapshot file or with --scratch-db. */
export function embeddedLoadBytes(input: string, options: { readonly scratchDb?: string }): number {
  if (options.scratchDb) return 0;
  try {
    const kind = classifyInput(input);
    if (kind === 'sql-file') return statSync(input).size;
    if (kind !== 'sql-directory') return 0;
    const dir = resolve(input);
    return listSqlFiles(dir, displayPath(dir)).reduce((sum, file) => sum + statSync(file).size, 0);
  } catch {
    return 0; // opening the input says what is wrong with it
  }
}
