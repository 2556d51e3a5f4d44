#!/usr/bin/env bash
# Schemas for bench/accuracy.mjs that need preparing from an app's own migrations (checkouts are never
# bundled; this writes into OUT_DIR):
#   bench/accuracy-schemas.sh CHECKOUTS_DIR OUT_DIR
#   CHECKOUTS_DIR/chatbot-ui  (mckaywrigley/chatbot-ui)  → OUT_DIR/chatbot-ui-migrations/  (use with --preset chatbot-ui=supabase)
#   CHECKOUTS_DIR/langfuse    (langfuse/langfuse)        → OUT_DIR/langfuse.sql
#   CHECKOUTS_DIR/immich      (immich-app/immich, server/) → OUT_DIR/immich.sql
#   CHECKOUTS_DIR/lobe-chat (lobehub/lobe-chat)      → OUT_DIR/lobe-chat-migrations/
#   CHECKOUTS_DIR/docmost   (docmost/docmost)        → OUT_DIR/docmost.sql  (needs SCRATCH_DATABASE_URL, an empty
#                                                      database it may write to, and pg_dump on PATH)
set -euo pipefail
src=$1
out=$2
mkdir -p "$out"

if [ -d "$src/chatbot-ui/supabase/migrations" ]; then
  dir="$out/chatbot-ui-migrations"
  rm -rf "$dir" && mkdir -p "$dir" && cp "$src"/chatbot-ui/supabase/migrations/*.sql "$dir"/
  setup="$dir/20240108234540_setup.sql"
  # the embedded PostgreSQL has neither http nor pgvector: vector(n) columns are read as real[], their
  # hnsw indexes are left out (the code never names them)
  sed -i 's/^create extension http with schema extensions;/-- (http extension: not in the embedded PostgreSQL)/' "$setup"
  sed -i 's/^create extension vector with schema extensions;/-- (vector extension: not in the embedded PostgreSQL; vector(n) columns read as real[])/' "$setup"
  sed -i 's/vector(\([0-9]*\))/real[]/g' "$dir"/*.sql
  perl -0pi -e 's/CREATE INDEX file_items_(local_)?embedding_idx ON file_items\n  USING hnsw \((\w+) vector_cosine_ops\);/-- (hnsw index on $2: needs the vector extension)/g' "$dir/20240108234545_add_file_items.sql"
  # what a Supabase project has and the --preset supabase stand-ins do not (each line goes on top)
  sed -i '1i -- (Supabase storage.objects has owner_id; the --preset supabase stand-in does not)\nALTER TABLE storage.objects ADD COLUMN IF NOT EXISTS owner_id text;' "$setup"
  sed -i '1i -- (Supabase projects have uuid-ossp installed)\nCREATE EXTENSION IF NOT EXISTS "uuid-ossp";' "$setup"
  sed -i '1i -- (Supabase storage helper functions the stand-in lacks)\nCREATE OR REPLACE FUNCTION storage.filename(name text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT (string_to_array(name, $s$/$s$))[array_length(string_to_array(name, $s$/$s$), 1)] $$;\nCREATE OR REPLACE FUNCTION storage.extension(name text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT reverse(split_part(reverse(name), $s$.$s$, 1)) $$;' "$setup"
fi

if [ -d "$src/langfuse/packages/shared/prisma/migrations" ]; then
  # Prisma applies migrations in byte order of their folder names, each in a transaction (an
  # ON COMMIT DROP temp table lives until the migration's end); some end without a semicolon
  migrations="$src/langfuse/packages/shared/prisma/migrations"
  for d in $(ls "$migrations" | LC_ALL=C sort); do
    [ -f "$migrations/$d/migration.sql" ] || continue
    echo "-- $d"; cat "$migrations/$d/migration.sql"; echo; echo ";"
  done | sed 's/CREATE TEMP TABLE "evaluator_group_map" ON COMMIT DROP AS/CREATE TEMP TABLE "evaluator_group_map" AS -- (ON COMMIT DROP removed: Prisma runs the migration in one transaction)/' > "$out/langfuse.sql"
fi

if [ -f "$src/next-learn/dashboard/final-example/app/seed/route.ts" ]; then
  # the Next.js tutorial's dashboard creates its tables at run time (app/seed/route.ts): its schema is
  # those CREATE statements, once each
  perl -0ne 'my %seen; while (/sql`\s*(CREATE (?:EXTENSION|TABLE)[^`]*?);?\s*`/g) { print "$1;\n" unless $seen{$1}++ }' \
    "$src/next-learn/dashboard/final-example/app/seed/route.ts" > "$out/next-learn.sql"
fi

if [ -d "$src/immich/server/src/schema/migrations" ]; then
  # Immich's schema is its Kysely migrations (TypeScript: each up() awaits sql`…`.execute(db), files in
  # timestamp order; a fresh database runs the initial one in full). Their DDL is taken as written, except:
  # reads (SELECT …) are left out; the vector extension (pgvecto.rs / VectorChord / pgvector, chosen at run
  # time) is not in the embedded PostgreSQL, so vector(n) columns are read as real[], and its
  # CREATE EXTENSION, search_path and index statements are left out (the code never names the indexes);
  # the two interpolations in DDL get the value a fresh database gives them
  for f in $(ls "$src/immich/server/src/schema/migrations"/*.ts | LC_ALL=C sort); do
    echo "-- $(basename "$f")"
    perl -0ne '
      my ($up) = /export async function up\b(.*?)(?=export async function down\b|\z)/s or next;
      while ($up =~ /\bsql(?:<[^`]*?>)?`((?:[^`\\]|\\.)*)`/gs) {
        my $q = $1;
        next if $q =~ /^\s*select\b/i || $q =~ /sql\.raw\(vectorExtension\)/ || $q =~ /^\s*SET search_path\b/;
        $q =~ s/\$\{sql\.ref\(naturalearth_pkey_name\)\}/"PK_21a6d86d1ab5d841648212e5353"/g;
        $q =~ s/\$\{UserMetadataKey\.ONBOARDING\}/\x27onboarding\x27/g;
        die "unhandled interpolation in $ARGV: $q\n" if $q =~ /\$\{/;
        $q =~ s/\bvector\((\d+)\)/real[]/g;
        $q =~ s/;\s*\z//;
        print "$q;\n";
      }' "$f"
  done > "$out/immich.sql"
fi

if [ -f "$src/lobe-chat/packages/database/migrations/meta/_journal.json" ]; then
  # LobeChat (drizzle-kit migrations, with their journal: a stray file the journal leaves out is skipped by
  # the loader as by drizzle's migrator). The embedded PostgreSQL has neither pgvector nor ParadeDB's
  # pg_search: vector(n) columns are read as real[]; CREATE EXTENSION vector/pg_search and the hnsw and bm25
  # indexes (the code never names them) are left out
  dir="$out/lobe-chat-migrations"
  rm -rf "$dir" && mkdir -p "$dir" && cp -r "$src"/lobe-chat/packages/database/migrations/. "$dir"/
  sed -i 's/^CREATE EXTENSION IF NOT EXISTS vector;/-- (vector extension: not in the embedded PostgreSQL; vector(n) columns read as real[])/' "$dir"/*.sql
  sed -i 's/\bvector(\([0-9]*\))/real[]/g' "$dir"/*.sql
  sed -i 's/^\(CREATE INDEX .* USING hnsw .*\)$/-- (hnsw index: needs the vector extension) \1/' "$dir"/*.sql
  sed -i 's/^CREATE EXTENSION IF NOT EXISTS pg_search;/-- (pg_search extension: not in the embedded PostgreSQL)/' "$dir"/*.sql
  perl -0pi -e 's/CREATE INDEX (\w+) ON \w+\s+USING bm25 \(.*?\n\);/-- (bm25 index $1: needs pg_search)/gs' "$dir"/*.sql
fi

if [ -d "$src/docmost/apps/server/src/database/migrations" ] && [ -n "${SCRATCH_DATABASE_URL:-}" ]; then
  # Docmost (v0.95.0) writes its migrations with Kysely's schema builder in TypeScript: they are run with
  # Kysely's own Migrator (the version Docmost pins) into the scratch database, which is then dumped
  runner="$out/docmost-migrator"
  mkdir -p "$runner"
  [ -d "$runner/node_modules/kysely" ] || (cd "$runner" && npm install --silent --no-save kysely@0.28.17 pg@8 tsx@4 >/dev/null)
  cat > "$runner/run.mts" <<'TS'
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FileMigrationProvider, Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
const [folder, url] = process.argv.slice(2);
const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url }) }) });
const migrator = new Migrator({ db, provider: new FileMigrationProvider({ fs, path, migrationFolder: path.resolve(folder) }) });
const { error } = await migrator.migrateToLatest();
await db.destroy();
if (error) throw error;
TS
  (cd "$runner" && npx tsx run.mts "$src/docmost/apps/server/src/database/migrations" "$SCRATCH_DATABASE_URL")
  pg_dump --schema-only --no-owner --no-privileges "$SCRATCH_DATABASE_URL" > "$out/docmost.sql"
fi
