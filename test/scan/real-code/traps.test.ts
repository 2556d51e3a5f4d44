// Traps measured on real open-source code (bench/accuracy.mjs), reproduced in our own words.
import { describe, expect, it } from 'vitest';
import drizzle from '../../../src/scan/extract/drizzle.js';
import kysely from '../../../src/scan/extract/kysely.js';
import { extractFrom, onlyFacts, uses } from '../extract/snippets.js';

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

describe('Drizzle tables of a monorepo', () => {
  // measured on a Drizzle app: 0 of its 38 queries were extracted, because its tables live in a workspace
  // package (`@acme/db/schema`, no relative import) and are declared through pgTableCreator
  const files = {
    'package.json': JSON.stringify({ name: 'acme', private: true, workspaces: ['apps/*', 'packages/*'] }),
    'packages/db/package.json': JSON.stringify({ name: '@acme/db', exports: { '.': './src/index.ts', './schema': { types: './src/schema.ts', default: './dist/schema.js' } } }),
    'packages/db/src/schema.ts': `import { pgTableCreator, text, integer } from 'drizzle-orm/pg-core';
export const table = pgTableCreator((name) => \`acme_\${name}\`);
export const invoices = table('invoice', { id: text('id').primaryKey(), totalCents: integer('total_cents').notNull() });`,
    'apps/api/package.json': JSON.stringify({ name: 'api', dependencies: { '@acme/db': 'workspace:*', 'drizzle-orm': '*' } }),
    'apps/api/src/invoices.ts': `import { eq } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { invoices } from '@acme/db/schema';
export const total = (db: NodePgDatabase, id: string) => db.select({ total: invoices.totalCents }).from(invoices).where(eq(invoices.id, id));`,
  };

  it('resolve through the workspace package and the table creator', () => {
    const facts = onlyFacts(extractFrom(drizzle, files, 'apps/api/src/invoices.ts'));
    expect(facts.tables).toEqual([{ schema: null, name: 'acme_invoice', alias: null }]);
    expect(uses(facts)).toEqual(['id@acme_invoice:read', 'total_cents@acme_invoice:read']);
  });
});
