import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/build.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // PGlite instances hold ~0.6-1.4 GB each and the machine has 2 cores: keep files to two at a time.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
