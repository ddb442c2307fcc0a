import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, PendingMigrationsError } from '../app.js';
import { createTestDatabase, type TestDatabase, testEngine } from '../test/harness.js';
import { applyMigrations, committedMigrations, migrationStatus } from './migrations.js';

const ALL = committedMigrations();

const EXPECTED_TABLES = [
  'org_departments',
  'org_regions',
  'platform_audit_head',
  'platform_audit_log',
  'platform_outbox',
];

describe(`migrations on ${testEngine}`, () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase({ migrate: false });
  });
  afterAll(() => testDb.dispose());

  it('a new database has every committed migration pending', async () => {
    const status = await migrationStatus(testDb.database);
    expect(status.applied).toBe(0);
    expect(status.pending).toEqual(ALL);
    expect(ALL.slice(0, 2)).toEqual(['0000_init', '0001_audit_append_only']);
  });

  it('production refuses to start with pending migrations unless told to migrate', async () => {
    const error = await buildApp(
      { ...testDb.config, migrateOnStart: false },
      { database: testDb.database },
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PendingMigrationsError);
    expect((error as Error).message).toContain('npm run db:migrate');
    expect((await migrationStatus(testDb.database)).pending).toHaveLength(ALL.length);
  });

  it('applies them all, creating the schema; applying again is a no-op', async () => {
    const after = await applyMigrations(testDb.database);
    expect(after).toEqual({ applied: ALL.length, pending: [] });
    const { rows } = await testDb.database.executeSql(
      `select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    expect(rows.map((row) => row.table_name)).toEqual(expect.arrayContaining(EXPECTED_TABLES));
    expect(await applyMigrations(testDb.database)).toEqual({ applied: ALL.length, pending: [] });
  });

  it('concurrent migrators do not collide', async () => {
    const results = await Promise.all([applyMigrations(testDb.database), applyMigrations(testDb.database)]);
    expect(results).toEqual([
      { applied: ALL.length, pending: [] },
      { applied: ALL.length, pending: [] },
    ]);
  });

  it('the app starts on the migrated database and reports ready', async () => {
    const app = await buildApp({ ...testDb.config, migrateOnStart: false }, { database: testDb.database });
    await app.ready();
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ready',
      database: testEngine,
      migrations: { applied: ALL.length, pending: 0 },
    });
    await app.close();
  });
});

describe('a new database migrated at start (development)', () => {
  it('builds the app on an empty database by applying the migrations first', async () => {
    const testDb = await createTestDatabase({ migrate: false });
    try {
      const app = await buildApp({ ...testDb.config, migrateOnStart: true }, { database: testDb.database });
      await app.ready();
      expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
      await app.close();
    } finally {
      await testDb.dispose();
    }
  });
});
