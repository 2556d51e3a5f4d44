// For iterating on the scanner alone: the project config without the CLI build in globalSetup
// (scan tests import sources, never dist/). `npx vitest run -c test/scan/vitest.config.ts test/scan`
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/scan/**/*.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
    maxWorkers: 2,
    minWorkers: 1,
  },
});
