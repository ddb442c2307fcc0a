import pg from 'pg';
import type { TestProject } from 'vitest/node';

/**
 * With DATABASE_URL set, tests run on that PostgreSQL server: this checks it answers once, before
 * any test file starts, so a missing server is one clear error rather than a hundred.
 * Each test file then creates (and drops) databases of its own; see harness.ts.
 */
export default async function setup(project: TestProject): Promise<void> {
  const url = process.env.DATABASE_URL;
  project.provide('engine', url ? 'postgres' : 'pglite');
  if (!url) return;
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new Error(`DATABASE_URL is set but the PostgreSQL server does not answer: ${String(error)}`);
  } finally {
    await client.end().catch(() => {});
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    engine: 'pglite' | 'postgres';
  }
}
