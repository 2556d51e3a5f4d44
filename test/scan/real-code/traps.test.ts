// Traps measured on real open-source code (bench/accuracy.mjs), reproduced in our own words.
import { describe, expect, it } from 'vitest';
import drizzle from '../../../src/scan/extract/drizzle.js';
import kysely from '../../../src/scan/extract/kysely.js';
import { extractFrom } from '../extract/snippets.js';

describe('method names that are also Object.prototype keys', () => {
  // a test helper in a project that depends on both builders: `buf.toString('utf8').includes(…)` was
  // taken for a query root and crashed the whole scan (facts.command was Object.prototype.toString)
  const helper = `export const hasListen = (buf: Buffer) => buf.toString('utf8').includes('LISTEN');\nexport const made = (x: object) => x.constructor.name.valueOf();\n`;

  it('are no Kysely root', () => {
    expect(extractFrom(kysely, { 'main.ts': `import { Kysely } from 'kysely';\n${helper}` })).toEqual([]);
  });

  it('are no Drizzle root', () => {
    expect(extractFrom(drizzle, { 'main.ts': `import { drizzle } from 'drizzle-orm/node-postgres';\n${helper}` })).toEqual([]);
  });
});
