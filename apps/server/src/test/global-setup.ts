import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../config.js';
import { openDatabase } from '../platform/database.js';
import { applyMigrations } from '../platform/migrations.js';

/**
 * Once per test run. With DATABASE_URL set, tests run on that PostgreSQL server: check it answers,
 * so a missing server is one clear error rather than a hundred. Without it, tests use in-memory
 * PGlite: build one migrated database and dump its data directory, so each test file starts from a
 * copy instead of running initdb and the migrations again (each file still gets its own database).
 */
export default async function setup(project: TestProject): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('select 1');
    } catch (error) {
      throw new Error(`DATABASE_URL is set but the PostgreSQL server does not answer: ${String(error)}`);
    } finally {
      await client.end().catch(() => {});
    }
    project.provide('pgliteTemplate', '');
    return;
  }
  const database = await openDatabase(loadConfig({ NODE_ENV: 'test' }, { dataDir: ':memory:' }));
  await applyMigrations(database);
  const { db } = database;
  const client = (db as unknown as { $client: PGlite }).$client;
  const dump = await client.dumpDataDir('none');
  await database.close();
  const path = join(tmpdir(), `yiwang-pglite-template-${process.pid}.tar`);
  await writeFile(path, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', path);
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the migrated PGlite data-directory dump ('' on PostgreSQL). */
    pgliteTemplate: string;
  }
}
