// Traps measured on real open-source code (bench/accuracy.mjs), reproduced in our own words.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../../src/scan/index.js';
import { snapshotOfDdl } from '../../helpers/pglite.js';
import drizzle from '../../../src/scan/extract/drizzle.js';
import kysely from '../../../src/scan/extract/kysely.js';
import { extractFrom, onlyFacts, uses } from '../extract/snippets.js';
import { testTempDir } from '../../helpers/temp-dir.js';

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

describe('NOT NULL columns a trigger fills', () => {
  // measured on logto: a BEFORE INSERT trigger that fills tenant_id made every INSERT that left out
  // tenant_id a warning, also when it left out another NOT NULL column the trigger never touches
  const ddl = `
    CREATE TABLE visits (id bigserial PRIMARY KEY, client_id bigint NOT NULL, starts_at timestamptz NOT NULL, week text NOT NULL);
    CREATE FUNCTION visits_fill_week() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.week := to_char(NEW.starts_at, 'IYYY-IW');
      RETURN NEW;
    END $$;
    CREATE TRIGGER visits_fill_week BEFORE INSERT ON visits FOR EACH ROW EXECUTE FUNCTION visits_fill_week();`;
  const code = `import pg from 'pg';
const pool = new pg.Pool();
export const book = (client: number, at: Date) => pool.query('INSERT INTO visits (client_id, starts_at) VALUES ($1, $2)', [client, at]);
export const hold = (at: Date) => pool.query('INSERT INTO visits (starts_at) VALUES ($1)', [at]);
`;

  it('is a warning only when the trigger function names every omitted column', async () => {
    const dir = testTempDir('schema-diff-trigger-');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ dependencies: { pg: '*' } }));
    writeFileSync(join(dir, 'visits.ts'), code);
    const result = await scan([dir], await snapshotOfDdl(ddl), { workers: 1 });
    const found = result.findings.map((f) => `${f.locations?.[0]?.line} ${f.rule} ${f.severity}`).sort();
    expect(found).toEqual(['3 missing-required-column warning', '4 missing-required-column error']);
  }, 60_000);
});
