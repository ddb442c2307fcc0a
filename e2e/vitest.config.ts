import { defineConfig } from 'vitest/config';

/**
 * The browser journeys (`npm run test:e2e`): the platform started in-process on a temporary PGlite
 * database with the demo data, driven by Debian's Chromium through playwright-core. Kept apart from
 * `npm test`, which stays the unit and integration suite.
 */
export default defineConfig({
  test: {
    root: '.',
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 240_000,
  },
});
