import { describe, expect, it } from 'vitest';
import extractor from '../../../src/scan/extract/drizzle.js';
import type { BuilderStatement } from '../../../src/scan/facts.js';
import { extractFrom, onlyFacts, uses } from './snippets.js';

const schema = `import { integer, pgSchema, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
export const clients = pgTable('clients', {
  id: serial('id').primaryKey(),
  yclientsId: integer('yclients_id').notNull(),
  companyId: integer('company_id').notNull(),
  publicId: text('public_id').notNull().$defaultFn(() => 'x'),
  deletedAt: timestamp('deleted_at'),
  name: text(),
});
export const crm = pgSchema('crm');
export const deals = crm.table('deals', { id: serial('id'), clientId: integer('client_id') });
`;
const files = (main: string): Record<string, string> => ({
  'schema/clients.ts': schema,
  'schema/index.ts': `export * from './clients';`,
  'db.ts': `import { drizzle } from 'drizzle-orm/node-postgres';\nexport const db = drizzle('postgres://');`,
  'main.ts': `import { and, eq, isNull, sql } from 'drizzle-orm';\nimport { db } from './db';\nimport { clients, deals } from './schema';\nimport * as s from './schema';\n${main}`,
});

describe('Drizzle extractor', () => {
  it('maps TS properties to column names through pgTable declarations in other files', () => {
    const facts = onlyFacts(extractFrom(extractor, files(`db.insert(clients).values({ yclientsId: 1, companyId: 2 }).onConflictDoUpdate({ target: [clients.yclientsId, s.clients.companyId], set: { name: 'x' } });`)));
    expect(facts.target).toEqual({ schema: null, name: 'clients', alias: null });
    expect(facts.onConflict).toEqual({ target: { kind: 'inference', elements: [{ column: 'yclients_id' }, { column: 'company_id' }], where: null }, action: 'update' });
    // $defaultFn columns are filled by Drizzle; every column of the table object is named in the INSERT
    expect(facts.insertColumns).toEqual(['yclients_id', 'company_id', 'public_id']);
    expect(uses(facts).filter((u) => u.endsWith(':write'))).toEqual(['company_id@clients:write', 'deleted_at@clients:write', 'id@clients:write', 'name@clients:write', 'public_id@clients:write', 'yclients_id@clients:write']);
  });

  it('renders target predicates as the SQL Drizzle sends', () => {
    const where = (code: string): string | null | undefined => {
      const onConflict = onlyFacts(extractFrom(extractor, files(code))).onConflict;
      return onConflict?.target?.kind === 'inference' ? onConflict.target.where : undefined;
    };
    expect(where(`db.insert(clients).values({ yclientsId: 1 }).onConflictDoNothing({ target: clients.yclientsId, where: isNull(clients.deletedAt) });`)).toBe('"deleted_at" is null');
    expect(where('db.insert(clients).values({ yclientsId: 1 }).onConflictDoUpdate({ target: clients.yclientsId, targetWhere: sql`${clients.deletedAt} is null and ${clients.companyId} > 0`, set: {} });')).toBe('"deleted_at" is null and "company_id" > 0');
    expect(where(`db.insert(clients).values({ yclientsId: 1 }).onConflictDoNothing({ target: clients.yclientsId, where: and(eq(clients.companyId, 5), isNull(clients.deletedAt)) });`)).toBe('("company_id" = $1 and "deleted_at" is null)');
    // DoUpdate's `where` is the DO UPDATE condition
    expect(where(`db.insert(clients).values({ yclientsId: 1 }).onConflictDoUpdate({ target: clients.yclientsId, set: {}, where: isNull(clients.deletedAt) });`)).toBeNull();
  });

  it('reads selects, joins and pgSchema tables; select() without fields names every column', () => {
    const statements = extractFrom(extractor, files(`db.select({ n: clients.name, d: deals.id }).from(clients).innerJoin(deals, eq(deals.clientId, clients.id)).where(eq(clients.companyId, 1));\ndb.select().from(deals);`));
    const [joined, all] = statements.map((st) => (st as BuilderStatement).facts);
    expect(joined!.tables).toEqual([{ schema: null, name: 'clients', alias: null }, { schema: 'crm', name: 'deals', alias: null }]);
    expect(uses(joined!)).toEqual(['client_id@crm.deals:read', 'company_id@clients:read', 'id@clients:read', 'id@crm.deals:read', 'name@clients:read']);
    expect(uses(all!)).toEqual(['client_id@crm.deals:read', 'id@crm.deals:read']);
  });

  it('applies the db\'s casing option to columns named by their property', () => {
    const facts = onlyFacts(
      extractFrom(extractor, {
        'schema.ts': `import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';\nexport const posts = pgTable('posts', { createdAt: timestamp(), title: text('postTitle') });`,
        'main.ts': `import { drizzle } from 'drizzle-orm/node-postgres';\nimport { posts } from './schema';\nconst db = drizzle({ connection: 'postgres://', casing: 'snake_case' });\ndb.transaction(async (tx) => tx.select().from(posts));`,
      }),
    );
    expect(uses(facts)).toEqual(['created_at@posts:read', 'postTitle@posts:read']);
  });

  it("raw db.execute(sql`…`): table and column objects as quoted names, the db's casing applied, values bound", () => {
    const statements = extractFrom(extractor, {
      'schema.ts': `import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';\nexport const posts = pgTable('posts', { createdAt: timestamp(), title: text('postTitle') });`,
      'main.ts': `import { drizzle } from 'drizzle-orm/node-postgres';\nimport { sql } from 'drizzle-orm';\nimport { posts } from './schema';\nconst db = drizzle({ connection: 'postgres://', casing: 'snake_case' });\nexport const f = (t: string) => db.execute(sql\`select \${posts.title} from \${posts} where \${posts.createdAt} > \${t}\`);`,
    });
    expect(statements).toHaveLength(1);
    const statement = statements[0]!;
    expect(statement.kind === 'sql' && statement.sql).toBe('select "posts"."postTitle" from "posts" where "posts"."created_at" > $1');
  });

  it('counts an unresolved table object as not checked and ignores look-alikes', () => {
    const statements = extractFrom(extractor, files(`export function f(k: boolean) { const t = k ? clients : deals; return db.select().from(t); }\nnew Set([1]).delete(1);\nArray.from([clients]);\nlog({ target: [clients.yclientsId], set: {} });\nfunction log(o: object) { return o; }`));
    expect(statements.map((st) => st.kind)).toEqual(['unresolved']);
  });

  it('a table missed at the end of a path too long to follow is still found by a shorter one', () => {
    // `crm` is declared in schema/clients.ts, its table in pipeline.ts; the first statement reaches the
    // table through six barrels (`export *`), past what the origin walk follows; the second imports it
    // directly. The miss of the first was remembered for the table's call and hid it from the second.
    const barrels = Object.fromEntries(
      [1, 2, 3, 4, 5, 6].map((i) => [`b${i}.ts`, i === 6 ? `export * from './pipeline';` : `export * from './b${i + 1}';`]),
    );
    const statements = extractFrom(extractor, {
      ...files(''),
      ...barrels,
      'pipeline.ts': `import { integer, text } from 'drizzle-orm/pg-core';\nimport { crm } from './schema';\nexport const pipeline = crm.table('deals', { clientId: integer('client_id'), stage: text('stage') });`,
      'main.ts': `import { db } from './db';\nimport { pipeline as far } from './b1';\nimport { pipeline } from './pipeline';\ndb.select().from(far);\ndb.select({ s: pipeline.stage }).from(pipeline);`,
    });
    expect(statements.map((st) => st.kind)).toEqual(['unresolved', 'builder']);
    expect((statements[1] as BuilderStatement).facts.tables).toEqual([{ schema: 'crm', name: 'deals', alias: null }]);
  });
});
