// Oracle: for every ON CONFLICT statement in the raw-SQL fixtures, the static arbiter verdict must
// equal PostgreSQL's own, obtained by planning the statement (generic plan) against the fixture's
// schema in PGlite (real PostgreSQL 18). Suppression comments are ignored here: this is about verdicts.
import { PGlite } from '@electric-sql/pglite';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { introspect } from '../../src/introspect/index.js';
import { checkFiles } from '../../src/scan/check.js';
import { discoverProject } from '../../src/scan/project.js';
import { codeRules } from '../../src/scan/rules/index.js';
import { indexSchema } from '../../src/scan/schema-index.js';
import { loadSqlParser } from '../../src/scan/sql/parse.js';
import { verifyStatements } from '../../src/scan/verify.js';
import { scanFilesInThread } from '../../src/scan/scan-chunk.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures');
const APPS = ['scan-pg', 'scan-pg-wrappers', 'scan-postgres-js', 'scan-slonik', 'scan-pg-promise', 'scan-prisma-raw', 'salon'].filter((app) =>
  existsSync(join(FIXTURES, app, app === 'salon' ? 'target.sql' : 'schema.sql')),
);

describe('static ON CONFLICT verdicts agree with PostgreSQL planning them', () => {
  beforeAll(async () => {
    await loadSqlParser();
  });

  for (const app of APPS) {
    it(app, async () => {
      const db = await PGlite.create();
      try {
        await db.exec(readFileSync(join(FIXTURES, app, app === 'salon' ? 'target.sql' : 'schema.sql'), 'utf8'));
        const schema = indexSchema(await introspect(db));
        const project = discoverProject(join(FIXTURES, app, 'code'));
        const files = scanFilesInThread(project.files.map((path) => ({ root: project.root, path, dependencies: [...project.dependencies] })))
          .map((file) => ({ ...file, suppressions: [] }));
        const analyses = files.flatMap((f) => f.analyses);
        const where = (l: { file: string; line: number; column: number }): string => `${l.file}:${l.line}:${l.column}`;
        const upserts = analyses.flatMap((a) =>
          a.kind === 'analyzed' && a.statement.kind === 'sql' && a.statement.verifiable !== false && a.items.some((i) => i.facts.onConflict?.target)
            ? [where(a.statement.location)]
            : [],
        );
        const staticFindings = checkFiles(files, schema, codeRules);
        const verified = await verifyStatements(db, analyses, schema);
        const staticVerdict = new Set(staticFindings.filter((f) => f.rule === 'on-conflict-no-arbiter').map((f) => where(f.locations![0]!)));
        const postgresVerdict = new Set(verified.filter((f) => f.rule === 'on-conflict-no-arbiter').map((f) => where(f.locations![0]!)));
        // what PostgreSQL sees at planning time it must confirm (it stops at a statement's first error,
        // so a statement with two findings is confirmed by either)
        const planningRules = new Set(['unknown-table', 'unknown-column', 'jsonb-operator-on-json', 'json-operator-on-text']);
        const rejected = new Set(verified.filter((f) => planningRules.has(f.rule)).map((f) => where(f.locations![0]!)));
        const unconfirmed = staticFindings
          .filter((f) => planningRules.has(f.rule) && !rejected.has(where(f.locations![0]!)))
          .map((f) => `${f.rule} ${where(f.locations![0]!)}`);
        expect(unconfirmed).toEqual([]);
        // a statement PostgreSQL rejects earlier (unknown column, parse analysis) never reaches arbiter
        // inference, so there is no verdict of its to compare with
        const rejectedEarlier = new Set(verified.filter((f) => f.rule !== 'on-conflict-no-arbiter').map((f) => where(f.locations![0]!)));
        const disagreements = upserts
          .filter((site) => !rejectedEarlier.has(site))
          .filter((site) => staticVerdict.has(site) !== postgresVerdict.has(site));
        expect(disagreements).toEqual([]);
        // the fixture must exercise both verdicts, or agreement proves nothing
        expect(upserts.some((s) => postgresVerdict.has(s))).toBe(true);
        expect(upserts.some((s) => !postgresVerdict.has(s))).toBe(true);
      } finally {
        await db.close();
      }
    }, 240_000);
  }
});
