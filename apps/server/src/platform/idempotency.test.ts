import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idempotencyKeys } from '../db/schema/platform.js';
import { createTestDatabase, type TestDatabase } from '../test/harness.js';
import { queryRows } from './database.js';
import { pruneIdempotencyKeys } from './idempotency.js';

describe('pruning idempotency keys', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(() => testDb?.dispose());

  it('forgets keys older than a day and keeps the recent ones', async () => {
    const db = testDb.database.db;
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);
    const key = (name: string, createdAt: Date) => ({
      principalId: 'person-1',
      key: name,
      requestHash: 'h'.repeat(64),
      statusCode: 201,
      response: sql`'{}'::jsonb`,
      createdAt,
    });
    await db
      .insert(idempotencyKeys)
      .values([
        key('old-key-0001', hoursAgo(30)),
        key('old-key-0002', hoursAgo(25)),
        key('new-key-0001', hoursAgo(2)),
      ]);
    expect(await pruneIdempotencyKeys(db)).toBe(2);
    const left = await queryRows<{ key: string }>(db, sql`select key from platform_idempotency_keys`);
    expect(left.map((row) => row.key)).toEqual(['new-key-0001']);
    expect(await pruneIdempotencyKeys(db)).toBe(0);
  });
});
