// Files in a migrations folder ran once, against the schema of their time: none of their statements is
// checked against the snapshot (every relation is opaque to them).
import { describe, expect, it } from 'vitest';
import { isMigrationFile } from '../../src/scan/migration-context.js';

describe('isMigrationFile', () => {
  it('a file under a migrations, migration or migrate folder, at any depth', () => {
    for (const file of ['src/migrations/1715435221124-MotionAssetExtensionMP4.ts', 'migrations/001_init.js', 'server/src/schema/migrations/1744910873969-InitialMigration.ts', 'db/migrate/20240101_add.ts', 'packages/db/Migrations/0001.ts', 'src/migration/0002-x.ts']) {
      expect(isMigrationFile(file), file).toBe(true);
    }
  });

  it('not a file named like one, nor a folder that only starts like one', () => {
    for (const file of ['src/migrationStore.ts', 'src/migrations.ts', 'src/db/migrate.ts', 'src/migrations-helpers/run.ts', 'src/repositories/user.repository.ts']) {
      expect(isMigrationFile(file), file).toBe(false);
    }
  });
});
