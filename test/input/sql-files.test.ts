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

  it('in a drizzle-kit folder, reads only the migrations its journal lists, as drizzle\'s migrator applies them', () => {
    // Dokploy and LobeChat keep a .sql file the journal left out; loading it breaks the schema (column added twice)
    const dir = testTempDir('drizzle-');
    mkdirSync(join(dir, 'drizzle', 'meta'), { recursive: true });
    for (const f of ['0000_init.sql', '0001_stray_left_out.sql', '0001_add_name.sql', '0002_more.sql']) writeFileSync(join(dir, 'drizzle', f), 'SELECT 1;');
    const journal = { version: '7', dialect: 'postgresql', entries: ['0000_init', '0001_add_name', '0002_more'].map((tag, idx) => ({ idx, version: '7', when: 1700000000000 + idx, tag, breakpoints: true })) };
    writeFileSync(join(dir, 'drizzle', 'meta', '_journal.json'), JSON.stringify(journal));
    writeFileSync(join(dir, 'seed.sql'), 'SELECT 1;'); // outside the journal's folder: read as before
    expect(listSqlFiles(dir, 'app').map((p) => relative(dir, p))).toEqual(['drizzle/0000_init.sql', 'drizzle/0001_add_name.sql', 'drizzle/0002_more.sql', 'seed.sql']);
    // near miss: a meta/_journal.json of another shape is not drizzle-kit's, every file is read
    writeFileSync(join(dir, 'drizzle', 'meta', '_journal.json'), JSON.stringify({ entries: [{ id: 1 }] }));
    expect(listSqlFiles(join(dir, 'drizzle'), 'drizzle/')).toHaveLength(4);
  });

  it('fails with one line when the drizzle-kit journal lists a migration whose file is missing, or is not JSON', () => {
    const dir = testTempDir('drizzle-');
    mkdirSync(join(dir, 'meta'));
    writeFileSync(join(dir, '0000_init.sql'), 'SELECT 1;');
    writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ dialect: 'postgresql', entries: [{ idx: 0, tag: '0000_init' }, { idx: 1, tag: '0001_gone' }] }));
    expect(() => listSqlFiles(dir, 'drizzle/')).toThrow('drizzle/: meta/_journal.json lists migration 0001_gone but 0001_gone.sql does not exist');
    writeFileSync(join(dir, 'meta', '_journal.json'), '{ "entries": [');
    expect(() => listSqlFiles(dir, 'drizzle/')).toThrow(/^drizzle\/: meta\/_journal\.json is not valid JSON \(/);
  });
});
