// --preset supabase on a Supabase CLI migrations folder (supabase/migrations/<timestamp>_name.sql): it
// assumes the platform's schemas (auth, storage), functions (auth.uid(), storage.foldername(), …) and
// extensions exist. The embedded PostgreSQL gets stand-ins for them (the preset leaves them out of a
// comparison) and skips the extensions it cannot load.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshotInput } from '../../src/input/index.js';
import { testTempDir } from '../helpers/temp-dir.js';

const MIGRATIONS: Record<string, string> = {
  // the app's own tables first (by time), as chatbot-ui's migrations are written
  '20240108234540_setup.sql': `
    CREATE EXTENSION IF NOT EXISTS http WITH SCHEMA extensions;
    CREATE EXTENSION IF NOT EXISTS pg_net;
    CREATE TABLE public.profiles (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
      image_path text NOT NULL DEFAULT ''
    );
    ALTER TABLE public.profiles ENABLE ROW LEVEL SECURITY;
    CREATE POLICY own_profile ON public.profiles USING (user_id = auth.uid());`,
  '20240108234541_storage.sql': `
    CREATE POLICY "own images" ON storage.objects FOR SELECT
      USING (bucket_id = 'profile_images' AND (storage.foldername(name))[1] = auth.uid()::text);
    CREATE POLICY "images only" ON storage.objects FOR INSERT
      WITH CHECK (storage.extension(name) IN ('png', 'jpg') AND storage.filename(name) <> '' AND owner_id = auth.uid()::text);`,
  // a date without a time, later than the timestamps above: applied last, as the Supabase CLI does
  '20240215_avatars.sql': `ALTER TABLE public.profiles ADD COLUMN avatar_url text;`,
  // uuid-ossp and pgcrypto come preinstalled in the extensions schema, on the search_path: used, not created
  '20240301000000_tokens.sql': `
    CREATE TABLE public.tokens (id uuid PRIMARY KEY DEFAULT uuid_generate_v4(), secret bytea NOT NULL DEFAULT gen_random_bytes(32));
    CREATE EXTENSION IF NOT EXISTS "uuid-ossp";`,
};

describe('--preset supabase on a migrations folder', () => {
  it('loads migrations that use the platform (auth, storage, http, pg_net, uuid-ossp, pgcrypto), in time order', async () => {
    const dir = join(testTempDir('supabase-'), 'supabase', 'migrations');
    mkdirSync(dir, { recursive: true });
    for (const [name, sql] of Object.entries(MIGRATIONS)) writeFileSync(join(dir, name), sql);
    const notes: string[] = [];
    const { snapshot } = await snapshotInput(dir, { preset: 'supabase', onNote: (note) => notes.push(note) });
    const profiles = snapshot.tables.find((t) => t.schema === 'public' && t.name === 'profiles');
    expect(profiles?.columns.map((c) => c.name)).toEqual(['id', 'user_id', 'image_path', 'avatar_url']);
    expect(profiles?.policies.map((p) => p.name)).toEqual(['own_profile']);
    // the stand-ins are in the snapshot (the preset leaves their schemas out of the comparison)
    const objects = snapshot.tables.find((t) => t.schema === 'storage' && t.name === 'objects');
    expect(objects?.policies.map((p) => p.name).sort()).toEqual(['images only', 'own images']);
    expect(notes.filter((n) => /CREATE EXTENSION (http|pg_net) skipped/.test(n))).toHaveLength(2);
    const tokens = snapshot.tables.find((t) => t.schema === 'public' && t.name === 'tokens');
    expect(tokens?.columns.map((c) => c.default)).toEqual(['extensions.uuid_generate_v4()', 'extensions.gen_random_bytes(32)']);
    // the migration's own CREATE EXTENSION IF NOT EXISTS changed nothing, as on the platform
    expect(snapshot.extensions.filter((e) => e.name === 'uuid-ossp' || e.name === 'pgcrypto').map((e) => `${e.name}@${e.schema}`).sort()).toEqual(['pgcrypto@extensions', 'uuid-ossp@extensions']);
  }, 120_000);
});
