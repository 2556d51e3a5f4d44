import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listSqlFiles, naturalCompare } from '../../src/input/sql-files.js';
import { testTempDir } from '../helpers/temp-dir.js';

describe('naturalCompare', () => {
  it('orders numbers by value, text by code unit', () => {
    const names = ['V10__c.sql', 'V2__b.sql', 'V1__a.sql', 'V1_1__x.sql', '20240101_init/migration.sql', '9_x/migration.sql'];
    expect([...names].sort(naturalCompare)).toEqual([
      '9_x/migration.sql', '20240101_init/migration.sql', 'V1_1__x.sql', 'V1__a.sql', 'V2__b.sql', 'V10__c.sql',
    ]);
  });

  it('orders dates and timestamps of different precision by time, as Prisma and the Supabase CLI do', () => {
    // langfuse's Prisma migrations: by value, the 8-digit date came first and failed on a type the other creates
    const names = ['20250625_add_pivot_table_charttype/migration.sql', '20250409154352_add_dashboard_data_model/migration.sql', '20240101000000_init/migration.sql'];
    expect([...names].sort(naturalCompare)).toEqual([
      '20240101000000_init/migration.sql', '20250409154352_add_dashboard_data_model/migration.sql', '20250625_add_pivot_table_charttype/migration.sql',
    ]);
  });
});

describe('listSqlFiles', () => {
  it('walks recursively in natural order of relative path and skips down migrations', () => {
    const dir = testTempDir('migrations-');
    for (const f of ['10_c/migration.sql', '2_b/migration.sql', '1_a/migration.sql', '000001_x.up.sql', '000001_x.down.sql', 'notes.txt', '.hidden/x.sql']) {
      mkdirSync(join(dir, f, '..'), { recursive: true });
      writeFileSync(join(dir, f), 'SELECT 1;');
    }
    const files = listSqlFiles(dir, 'migrations').map((p) => relative(dir, p));
    expect(files).toEqual(['1_a/migration.sql', '000001_x.up.sql', '2_b/migration.sql', '10_c/migration.sql']);
  });

  it('fails on a directory without .sql files', () => {
    const dir = testTempDir('empty-');
    expect(() => listSqlFiles(dir, 'empty/')).toThrow('empty/: no .sql files in this directory');
  });
});
