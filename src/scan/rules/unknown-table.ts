import { relationText, tableObject } from './describe.js';
import { resolveEmbed } from './embedded.js';
import { defineCodeRule } from './types.js';

/**
 * Bookkeeping tables migration tools create themselves, before the first migration: a schema built from
 * the migrations never has them, the database the code runs against does (langfuse's seeder reads
 * _prisma_migrations; immich's first Kysely migration reads TypeORM's `migrations`). Missing from the
 * snapshot, they are not reported.
 */
const MIGRATION_TOOL_TABLES = new Set([
  '_prisma_migrations', 'knex_migrations', 'knex_migrations_lock', 'kysely_migration', 'kysely_migration_lock', '__drizzle_migrations', 'pgmigrations',
  'migrations', 'typeorm_metadata',
]);

export default defineCodeRule({
  id: 'unknown-table',
  severity: 'error',
  docs: {
    summary: 'A statement names a table or view the schema does not have.',
    why:
      'PostgreSQL rejects the statement with 42P01 "relation … does not exist". Names in schemas the snapshot does not cover (e.g. auth.users), system catalogs, tables the code creates itself and the bookkeeping tables of migration tools (_prisma_migrations, knex_migrations, …) are not reported. A PostgREST embed counts as found when it names a foreign-key column or constraint of its parent (or a constraint pointing at it).',
  },
  check(subject, schema, report) {
    if (subject.kind !== 'statement') return;
    const seen = new Set<string>();
    for (const ref of subject.facts.tables) {
      const key = relationText(ref);
      const seenKey = ref.embeddedIn ? `${key}\u0000${relationText(ref.embeddedIn)}` : key;
      if (seen.has(seenKey)) continue;
      seen.add(seenKey);
      const found = schema.lookup(ref);
      if (found.status !== 'missing' || MIGRATION_TOOL_TABLES.has(ref.name)) continue;
      // a PostgREST embed may name a foreign-key column or constraint instead of a table
      if (ref.embeddedIn && resolveEmbed(ref, subject.facts.tables, schema).status !== 'missing') continue;
      const where = ref.schema === null ? 'in any schema of the snapshot' : `in schema ${ref.schema}`;
      report({
        object: tableObject(ref.schema ?? 'public', ref.name),
        message: `${subject.facts.command.toUpperCase()} uses ${key}, which does not exist ${where}: PostgreSQL rejects it with 42P01 "relation \\"${key}\\" does not exist".`,
        fix: `Create ${key} in the target schema, or update the code to the table's new name.`,
      });
    }
  },
});
