// The fresh cluster every embedded PostgreSQL starts from is made once per machine and kept on disk;
// a missing, damaged or switched-off cache must only cost time, never change what loads.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { freshClusterCacheFile } from '../../src/input/embedded-postgres.js';
import { testTempDir } from '../helpers/temp-dir.js';

const pgliteVersion = (JSON.parse(readFileSync('node_modules/@electric-sql/pglite/package.json', 'utf8')) as { version: string }).version;

describe('freshClusterCacheFile', () => {
  it('is under SCHEMA_DIFF_CACHE_DIR, else XDG_CACHE_HOME/schema-diff, else ~/.cache/schema-diff, keyed by the PGlite version', () => {
    const name = `pglite-${pgliteVersion}-fresh-cluster.tar`;
    expect(freshClusterCacheFile({ SCHEMA_DIFF_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x' })).toBe(join('/c', name));
    expect(freshClusterCacheFile({ XDG_CACHE_HOME: '/x' })).toBe(join('/x', 'schema-diff', name));
    expect(freshClusterCacheFile({})).toBe(join(homedir(), '.cache', 'schema-diff', name));
    expect(freshClusterCacheFile({ SCHEMA_DIFF_CACHE_DIR: 'off' })).toBeNull();
  });
});

describe('createEmbeddedDatabase with the on-disk fresh cluster', () => {
  const saved = process.env.SCHEMA_DIFF_CACHE_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.SCHEMA_DIFF_CACHE_DIR;
    else process.env.SCHEMA_DIFF_CACHE_DIR = saved;
    vi.resetModules();
  });

  // a fresh copy of the module: the in-process copy of the cluster must not hide the disk
  async function freshModule() {
    vi.resetModules();
    return import('../../src/input/embedded-postgres.js');
  }

  async function tablesAfterLoading(mod: Awaited<ReturnType<typeof freshModule>>): Promise<string[]> {
    const db = await mod.createEmbeddedDatabase([]);
    try {
      await db.exec('CREATE TABLE t (id int PRIMARY KEY, note text)');
      const { rows } = await db.query<{ relname: string }>("SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace ORDER BY 1");
      return rows.map((r) => r.relname);
    } finally {
      await db.close();
    }
  }

  it('writes the cluster on first use, starts from it next time, and replaces a damaged copy', async () => {
    const dir = testTempDir('schema-diff-cache-');
    process.env.SCHEMA_DIFF_CACHE_DIR = dir;
    const file = join(dir, `pglite-${pgliteVersion}-fresh-cluster.tar`);

    expect(await tablesAfterLoading(await freshModule())).toEqual(['t', 't_pkey']);
    expect(statSync(file).size).toBeGreaterThan(1024 * 1024);

    const kept = readFileSync(file);
    expect(await tablesAfterLoading(await freshModule())).toEqual(['t', 't_pkey']);
    expect(readFileSync(file).equals(kept)).toBe(true);

    writeFileSync(file, 'not a tar file');
    expect(await tablesAfterLoading(await freshModule())).toEqual(['t', 't_pkey']);
    expect(statSync(file).size).toBe(kept.length);
  });

  it('keeps nothing on disk when the cache is switched off', async () => {
    const dir = testTempDir('schema-diff-cache-');
    const xdg = process.env.XDG_CACHE_HOME;
    process.env.SCHEMA_DIFF_CACHE_DIR = 'off';
    process.env.XDG_CACHE_HOME = dir;
    try {
      expect(await tablesAfterLoading(await freshModule())).toEqual(['t', 't_pkey']);
      expect(existsSync(join(dir, 'schema-diff'))).toBe(false);
    } finally {
      if (xdg === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = xdg;
    }
  });
});

describe('loading a long script into the embedded PostgreSQL', () => {
  it('checkpoints now and then, so the WAL written so far can be recycled (single-user PostgreSQL never does it alone)', async () => {
    const { createEmbeddedDatabase } = await import('../../src/input/embedded-postgres.js');
    const { loadPlan } = await import('../../src/input/sql-loader.js');
    const { planStatements } = await import('../../src/input/sql-statements.js');
    let text = '';
    for (let i = 0; i < 2100; i++) text += `CREATE TABLE t${i} (id int);\n`;
    const plan = await planStatements([{ file: 'many.sql', text }]);
    const db = await createEmbeddedDatabase([]);
    try {
      const lsn = async () => (await db.query<{ lsn: string }>('SELECT checkpoint_lsn::text AS lsn FROM pg_control_checkpoint()')).rows[0]!.lsn;
      const before = await lsn();
      await loadPlan(db, plan);
      expect(await lsn()).not.toBe(before);
      const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_class WHERE relnamespace = 'public'::regnamespace");
      expect(rows[0]!.n).toBe(2100);
    } finally {
      await db.close();
    }
  });
});
