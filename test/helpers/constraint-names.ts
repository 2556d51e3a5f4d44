// Key, unique and foreign key constraints whose definitions need quoting (keywords, capitals, quotes,
// non-ASCII, `$`) and every clause a plain one can have, plus some that are not plain (INCLUDE, NOT
// VALID). The snapshot spells plain ones itself (src/introspect/constraint-definition.ts): this checks
// them against the server's own pg_get_constraintdef, run with the introspector's settings.
import { expect } from 'vitest';
import { introspect } from '../../src/introspect/index.js';
import type { Queryable } from '../../src/introspect/queryable.js';

export const CONSTRAINT_NAMES_DDL = `
CREATE SCHEMA "Odd Schema";
CREATE SCHEMA refs;
CREATE TABLE "Odd Schema"."Order" (
  "user" int, "a""b" int, "Select" text, "col$1" text, "naïve" int, "between" int, plain int, "Int" int,
  PRIMARY KEY ("user", "a""b"),
  CONSTRAINT "Unique Pair" UNIQUE ("Select", "col$1"),
  UNIQUE ("naïve"),
  UNIQUE ("between", plain),
  UNIQUE ("Int"),
  CONSTRAINT "Deferred" UNIQUE (plain, "Int") DEFERRABLE INITIALLY DEFERRED,
  UNIQUE ("user") DEFERRABLE
);
CREATE TABLE refs.child (
  id int PRIMARY KEY, u int, ab int, s text, c text, n int, b int, p int, i int,
  CONSTRAINT child_pair_fk FOREIGN KEY (u, ab) REFERENCES "Odd Schema"."Order" ("user", "a""b")
    MATCH FULL ON UPDATE SET NULL ON DELETE SET DEFAULT,
  CONSTRAINT "Child Unique FK" FOREIGN KEY (s, c) REFERENCES "Odd Schema"."Order" ("Select", "col$1")
    ON DELETE RESTRICT DEFERRABLE,
  FOREIGN KEY (n) REFERENCES "Odd Schema"."Order" ("naïve") ON UPDATE CASCADE ON DELETE NO ACTION,
  FOREIGN KEY (b, p) REFERENCES "Odd Schema"."Order" ("between", plain) DEFERRABLE INITIALLY DEFERRED,
  FOREIGN KEY (i) REFERENCES "Odd Schema"."Order" ("Int") ON UPDATE RESTRICT ON DELETE CASCADE
);
CREATE TABLE refs."table" ("Id" int PRIMARY KEY, "user" int REFERENCES refs."table", other int, extra int);
ALTER TABLE refs."table" ADD CONSTRAINT "not yet" FOREIGN KEY (other) REFERENCES refs.child NOT VALID;
CREATE TABLE refs.included (a int, b int, PRIMARY KEY (a) INCLUDE (b), UNIQUE (b) INCLUDE (a));
`;

/** Every key, unique and foreign key constraint of the two schemas: ours equals the server's. */
export async function expectServerDefinitions(db: Queryable): Promise<void> {
  const snapshot = await introspect(db);
  const ours = snapshot.tables
    .filter((t) => t.schema === 'Odd Schema' || t.schema === 'refs')
    .flatMap((t) => t.constraints.filter((c) => c.kind !== 'check').map((c) => `${t.schema}.${t.name}.${c.name}: ${c.definition}`))
    .sort();
  await db.query('BEGIN');
  try {
    await db.query("SELECT set_config('search_path', 'pg_catalog', true), set_config('quote_all_identifiers', 'off', true)");
    const { rows } = await db.query<{ line: string }>(`
      SELECT n.nspname || '.' || c.relname || '.' || co.conname || ': ' || pg_catalog.pg_get_constraintdef(co.oid) AS line
        FROM pg_catalog.pg_constraint co
        JOIN pg_catalog.pg_class c ON c.oid = co.conrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname IN ('Odd Schema', 'refs') AND co.contype IN ('p', 'u', 'f')`);
    const server = rows.map((r) => r.line).sort();
    expect(server).toHaveLength(18);
    expect(ours).toEqual(server);
  } finally {
    await db.query('ROLLBACK');
  }
}
