import { defineConfig } from 'vitest/config';

/**
 * One test run for every workspace. Server tests build the app against a real SQL engine:
 * in-memory PGlite by default, a fresh database on the PostgreSQL server when DATABASE_URL is set.
 */
export default defineConfig({
  test: {
    include: ['apps/server/src/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['apps/server/src/test/global-setup.ts'],
  },
});
