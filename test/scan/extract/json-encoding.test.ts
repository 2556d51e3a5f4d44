// Which values a client JSON-encodes a second time (jsonb-double-encoded): JSON text made by the code
// (JSON.stringify, or a const holding it) handed to a client that encodes json values itself.
import { describe, expect, it } from 'vitest';
import type { ExtractedStatement, SqlStatement } from '../../../src/scan/facts.js';
import drizzle from '../../../src/scan/extract/drizzle.js';
import postgresJs from '../../../src/scan/extract/postgres-js.js';
import { extractFrom, onlyFacts } from './snippets.js';

const encodedColumns = (statements: readonly ExtractedStatement[]): string[] =>
  onlyFacts(statements).bindings.filter((b) => b.encodedAsJson).map((b) => `${b.column}:${b.valueKind}`);

describe('Drizzle json()/jsonb() columns', () => {
  const write = (schema: string): Record<string, string> => ({
    'schema.ts': schema,
    'main.ts': `import { drizzle } from 'drizzle-orm/node-postgres';
import { events } from './schema';
const db = drizzle(process.env.URL!);
export const save = (kind: string, payload: object) => db.insert(events).values({ kind: JSON.stringify(kind), payload: JSON.stringify(payload) });`,
  });

  it('pg-core builders, imported by name', () => {
    const files = write(`import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
export const events = pgTable('events', { kind: text('kind'), payload: jsonb('payload') });`);
    expect(encodedColumns(extractFrom(drizzle, files))).toEqual(['payload:json-text']);
  });

  it("through a namespace, the column callback and the app's own helper", () => {
    for (const schema of [
      `import * as p from 'drizzle-orm/pg-core';\nexport const events = p.pgTable('events', { kind: p.text('kind'), payload: p.json('payload') });`,
      `import { pgTable } from 'drizzle-orm/pg-core';\nexport const events = pgTable('events', (t) => ({ kind: t.text(), payload: t.jsonb() }));`,
      `import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';\nconst document = (name: string) => jsonb(name).notNull();\nexport const events = pgTable('events', { kind: text('kind'), payload: document('payload') });`,
    ]) {
      expect(encodedColumns(extractFrom(drizzle, write(schema))), schema).toEqual(['payload:json-text']);
    }
  });

  it('not a json builder of another package, nor a text column', () => {
    const files = write(`import { customType, pgTable, text } from 'drizzle-orm/pg-core';
import { jsonb } from './my-types';
export const events = pgTable('events', { kind: text('kind'), payload: jsonb('payload') });`);
    files['my-types.ts'] = `export const jsonb = (name: string) => name;`;
    expect(encodedColumns(extractFrom(drizzle, files))).toEqual([]);
  });
});

describe('postgres.js', () => {
  const params = (code: string): string[] =>
    extractFrom(postgresJs, { 'main.ts': `import postgres from 'postgres';\nconst sql = postgres();\n${code}` }, 'main.ts', ['postgres'])
      .filter((s): s is SqlStatement => s.kind === 'sql')
      .flatMap((s) => s.params.map((p) => `${p.text}:${p.kind}${p.encodedAsJson ? ':encoded' : ''}${s.encodesJson ? '' : ':not-encoding'}`));

  it('marks JSON text, through a const, and what sql.json encodes', () => {
    expect(params('const text = JSON.stringify({ a: 1 });\nexport const f = (o: object) => sql`insert into t (a, b, c, d) values (${JSON.stringify(o)}, ${text}, ${sql.json(text)}, ${sql.json(o)})`;')).toEqual([
      'JSON.stringify(o):json-text',
      'text:json-text',
      'text:json-text:encoded',
      'o:object:encoded',
    ]);
  });

  it("gives the helper's row values", () => {
    expect(params('export const f = (kind: string, o: object) => sql`insert into t ${sql({ kind, payload: JSON.stringify(o) }, \'kind\', \'payload\')}`;')).toEqual([
      'kind:scalar',
      'JSON.stringify(o):json-text',
    ]);
  });
});
