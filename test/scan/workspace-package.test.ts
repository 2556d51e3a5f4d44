// One package of a monorepo scanned on its own: the workspace packages it depends on are its siblings,
// outside the scanned folder, and still bring their libraries (trigger.dev's internal-packages/run-store
// declares only `@trigger.dev/database: workspace:*`; scanned alone, its 77 files gave no statement).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/index.js';
import { snapshotOfDdl } from '../helpers/pglite.js';
import { testTempDir } from '../helpers/temp-dir.js';
import { findingKeys } from './expectations.js';

const FIXTURE = join(import.meta.dirname, '../../fixtures/scan-kysely-workspace');

describe('a workspace package scanned on its own', () => {
  it('npm workspaces: the package reads as it does from the monorepo root', async () => {
    const schema = await snapshotOfDdl(readFileSync(join(FIXTURE, 'schema.sql'), 'utf8'));
    const result = await scan([join(FIXTURE, 'code/packages/site')], schema, { workers: 1 });
    expect(findingKeys(result.findings)).toEqual(['src/pages.ts:7 unknown-table']);
  }, 60_000);

  it('pnpm workspaces (pnpm-workspace.yaml); a folder of no monorepo keeps only its own package.json', async () => {
    const schema = await snapshotOfDdl('create table teams (id serial primary key, name text not null);');
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'mono', private: true }),
      'pnpm-workspace.yaml': 'packages:\n  - "packages/*"\n',
      'packages/db/package.json': JSON.stringify({ name: '@mono/db', dependencies: { kysely: '^0.28.0' } }),
      'packages/db/index.ts': "import { Kysely } from 'kysely';\nexport const db = new Kysely<any>({} as any);\n",
      'packages/api/package.json': JSON.stringify({ name: '@mono/api', dependencies: { '@mono/db': 'workspace:*' } }),
      'packages/api/src/teams.ts': "import { db } from '../../db/index.js';\nexport const names = () => db.selectFrom('teams').select(['id', 'title']).execute();\n",
    };
    const monorepo = (withWorkspaceFile: boolean): string => {
      const root = testTempDir('schema-diff-workspace-');
      for (const [name, text] of Object.entries(files)) {
        if (name === 'pnpm-workspace.yaml' && !withWorkspaceFile) continue;
        mkdirSync(dirname(join(root, name)), { recursive: true });
        writeFileSync(join(root, name), text);
      }
      return join(root, 'packages/api');
    };
    expect(findingKeys((await scan([monorepo(true)], schema, { workers: 1 })).findings)).toEqual(['src/teams.ts:2 unknown-column']);
    // near miss: without the workspace file the folders are no monorepo, and the package declares no database library
    expect((await scan([monorepo(false)], schema, { workers: 1 })).coverage.statements).toBe(0);
  }, 60_000);
});
