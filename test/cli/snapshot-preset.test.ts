// `schema-diff snapshot <migrations folder> --preset supabase`: the preset's stand-ins are what let a
// Supabase migrations folder load at all (auth.users, auth.uid()); the snapshot command used to accept
// --preset and ignore it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { testTempDir } from '../helpers/temp-dir.js';

describe('snapshot --preset supabase', () => {
  it('loads a Supabase migrations folder with the stand-ins, and fails clearly without them', async () => {
    const root = testTempDir('snapshot-preset-');
    const dir = join(root, 'supabase', 'migrations');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, '20240101000000_profiles.sql'),
      `CREATE TABLE public.profiles (id uuid PRIMARY KEY DEFAULT uuid_generate_v4(), user_id uuid NOT NULL REFERENCES auth.users (id));
CREATE POLICY own ON public.profiles USING (user_id = auth.uid());\n`,
    );
    const out = join(root, 'snapshot.json');
    const withPreset = await runCli(['snapshot', dir, '--preset', 'supabase', '-o', out, '--quiet'], { timeoutMs: 120_000 });
    expect(withPreset.stderr).toBe('');
    expect(withPreset.code).toBe(0);
    const snapshot = JSON.parse(readFileSync(out, 'utf8')) as { tables: { schema: string; name: string }[] };
    expect(snapshot.tables.some((t) => t.schema === 'public' && t.name === 'profiles')).toBe(true);

    const without = await runCli(['snapshot', dir, '-o', out, '--quiet'], { timeoutMs: 120_000 });
    expect(without.code).toBe(2);
    expect(without.stderr).toMatch(/20240101000000_profiles\.sql:1:\d+: function uuid_generate_v4\(\) does not exist/);
  }, 240_000);

  it("takes the config file's preset, and refuses what only narrows a comparison", async () => {
    const root = testTempDir('snapshot-config-');
    const dir = join(root, 'migrations');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '1_users.sql'), 'CREATE TABLE public.notes (id bigint PRIMARY KEY, author uuid REFERENCES auth.users (id));\n');
    writeFileSync(join(root, 'schema-diff.config.json'), JSON.stringify({ preset: 'supabase' }));
    const fromConfig = await runCli(['snapshot', 'migrations', '-o', 'snapshot.json', '--quiet'], { cwd: root, timeoutMs: 120_000 });
    expect(fromConfig.stderr).toBe('');
    expect(fromConfig.code).toBe(0);
    for (const option of [['--schemas', 'public'], ['--code', 'src'], ['--verify']]) {
      const refused = await runCli(['snapshot', 'migrations', ...option], { cwd: root });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toBe(`schema-diff: snapshot: ${option[0]} does not apply (a snapshot holds the whole schema; choose what to compare or check when it is compared)\n`);
    }
  }, 240_000);
});
