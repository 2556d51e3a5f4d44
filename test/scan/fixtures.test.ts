// Every fixtures/scan-* app: the findings must be exactly the `// expect:` comments in its code,
// no more (precision) and no fewer (recall).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/index.js';
import { snapshotOfDdl } from '../helpers/pglite.js';
import { expectationsIn, findingKeys } from './expectations.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures');
// the raw-SQL clients' apps (the builder APIs' apps have their own runner, builders.test.ts)
// salon: the bundled example, checked against its target schema
const RAW_SQL_APPS = ['scan-pg', 'scan-pg-builders', 'scan-pg-wrappers', 'scan-postgres-js', 'scan-slonik', 'scan-pg-promise', 'scan-sql-files', 'scan-prisma-raw', 'salon'];
const schemaOf = (app: string): string => join(FIXTURES, app, app === 'salon' ? 'target.sql' : 'schema.sql');
const apps = RAW_SQL_APPS.filter((name) => existsSync(schemaOf(name)) && existsSync(join(FIXTURES, name, 'code')));

describe('scan fixtures', () => {
  it('has an app per raw-SQL client', () => {
    expect(apps.length).toBeGreaterThanOrEqual(1);
  });
  for (const app of apps) {
    it(`${app}: findings equal the expect comments`, async () => {
      const schema = await snapshotOfDdl(readFileSync(schemaOf(app), 'utf8'));
      const code = join(FIXTURES, app, 'code');
      const result = await scan([code], schema, { workers: 1 });
      expect(findingKeys(result.findings)).toEqual(expectationsIn(code));
      expect(result.coverage.statements).toBeGreaterThan(0);
      if (app === 'scan-pg' || app === 'scan-pg-wrappers') {
        // worker threads must not change anything, down to the order
        const parallel = await scan([code], schema, { workers: 2 });
        expect(parallel.findings).toEqual(result.findings);
        expect(parallel.usages).toEqual(result.usages);
        expect(parallel.coverage).toEqual(result.coverage);
      }
    }, 240_000);
  }
});
