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
});
