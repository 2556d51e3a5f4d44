// The type program built ahead (type-kinds.ts): files parsed and bound while the workers parse must
// be the very files the program then uses, and give the answers a program built from scratch gives;
// a file whose text changed in between must be parsed again, never answered from its old parse.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSiteKinds, warmTypeProgram } from '../../src/scan/type-kinds.js';
import { testTempDir } from '../helpers/temp-dir.js';

const ROW = `export interface Row { tags: string[]; meta: { a: number }; name: string }\n`;
const USE = `import type { Row } from './row.js';\ndeclare const row: Row;\nexport const values = [row.tags, row.meta, row.name];\n`;

/** the sites of `row.tags`, `row.meta`, `row.name` in USE */
function sites(text: string): { start: number; end: number }[] {
  return ['row.tags', 'row.meta', 'row.name'].map((expression) => {
    const start = text.indexOf(expression, text.indexOf('values'));
    return { start, end: start + expression.length };
  });
}

function codebase(): { root: string; use: string; row: string } {
  const root = testTempDir('schema-diff-type-program-');
  writeFileSync(join(root, 'row.ts'), ROW);
  writeFileSync(join(root, 'use.ts'), USE);
  return { root, use: join(root, 'use.ts'), row: join(root, 'row.ts') };
}

describe('type program built ahead', () => {
  it('uses the files parsed ahead (and the ones they import) and answers as a cold program does', () => {
    const { root, use, row } = codebase();
    const files = [{ file: 'use.ts', sites: sites(USE) }];
    const cold = resolveSiteKinds(root, files, null);
    expect(cold).toEqual([['array', 'object', 'scalar']]);

    const warm = warmTypeProgram(root, null);
    const parsed = warm.parseAhead(use);
    expect(parsed.map((file) => file.fileName).sort()).toEqual([row, use]);
    // already parsed: nothing more to do
    expect(warm.parseAhead(use)).toEqual([]);
    expect(resolveSiteKinds(root, files, null, warm)).toEqual(cold);
    for (const file of parsed) expect(warm.project.getSourceFileOrThrow(file.fileName).compilerNode).toBe(file);
  });

  it('parses a file again when its text changed after it was parsed ahead', () => {
    const { root, use } = codebase();
    const warm = warmTypeProgram(root, null);
    const [early] = warm.parseAhead(use);
    const changed = USE.replace('row.tags, row.meta, row.name', 'row.name, row.tags, row.meta');
    writeFileSync(use, changed);
    const kinds = resolveSiteKinds(root, [{ file: 'use.ts', sites: sites(changed) }], null, warm);
    expect(kinds).toEqual([['array', 'object', 'scalar']]);
    expect(warm.project.getSourceFileOrThrow(use).compilerNode).not.toBe(early);
    expect(warm.project.getSourceFileOrThrow(use).compilerNode.text).toBe(changed);
  });
});
