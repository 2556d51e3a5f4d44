// Plain key, unique and foreign key definitions are spelled by the snapshot builder, not by the server
// (src/introspect/constraint-definition.ts): on PGlite they must read exactly as pg_get_constraintdef
// prints them. versions.test.ts runs the same check on every real major.
import { describe, it } from 'vitest';
import { CONSTRAINT_NAMES_DDL, expectServerDefinitions } from '../helpers/constraint-names.js';
import { createContribPglite } from '../helpers/pglite-contrib.js';
import { SERVER_HOOK_TIMEOUT_MS } from '../helpers/use-servers.js';

describe('constraint definitions assembled from catalog columns', () => {
  it('are what pg_get_constraintdef prints, quoting included (PGlite)', async () => {
    const db = await createContribPglite();
    try {
      await db.exec(CONSTRAINT_NAMES_DDL);
      await expectServerDefinitions(db);
    } finally {
      await db.close();
    }
  }, SERVER_HOOK_TIMEOUT_MS);
});
