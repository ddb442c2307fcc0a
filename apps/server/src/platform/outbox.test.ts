import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../db/schema/platform.js';
import { createTestDatabase, type TestDatabase, testEngine } from '../test/harness.js';
import { withTransaction } from './database.js';
import { backoffDelayMs, enqueueOutbox, type OutboxMessage, OutboxRelay, pruneOutbox } from './outbox.js';

describe('backoff', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, 1000, 10_000))).toEqual([
      1000, 2000, 4000, 8000, 10_000,
    ]);
  });
});

describe('transactional outbox', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(() => testDb.dispose());
  beforeEach(async () => {
    await testDb.database.executeSql('delete from platform_outbox');
  });

  const db = () => testDb.database.db;
  /** Make every pending message due now, as if its backoff had passed. */
  const fastForward = () => testDb.database.executeSql('update platform_outbox set available_at = now()');

  it('a message leaves only if its transaction commits', async () => {
    await expect(
      withTransaction(db(), async (tx) => {
        await enqueueOutbox(tx, { topic: 'test.rolled-back', payload: { n: 1 } });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    await withTransaction(db(), (tx) => enqueueOutbox(tx, { topic: 'test.committed', payload: { n: 2 } }));
    const delivered: unknown[] = [];
    const relay = new OutboxRelay(db(), { maxAttempts: 3 });
    relay.on('test.committed', async (message) => {
      delivered.push(message.payload);
    });
    relay.on('test.rolled-back', async (message) => {
      delivered.push(message.payload);
    });
    expect(await relay.drainOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(delivered).toEqual([{ n: 2 }]);
    // Delivered once; a second drain finds nothing.
    expect(await relay.drainOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
  });

  it('retries a failing delivery with growing backoff until it succeeds', async () => {
    const id = await withTransaction(db(), (tx) =>
      enqueueOutbox(tx, { topic: 'test.flaky', payload: { case: 'A1' }, requestId: 'req-1' }),
    );
    const seen: OutboxMessage[] = [];
    const relay = new OutboxRelay(db(), { maxAttempts: 5, baseBackoffMs: 60_000 });
    relay.on('test.flaky', async (message) => {
      seen.push(message);
      if (seen.length < 3) throw new Error(`receiver down (${seen.length})`);
    });
    expect(await relay.drainOnce()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    const [afterFirst] = await db().select().from(outbox).where(eq(outbox.id, id));
    expect(afterFirst).toMatchObject({ attempts: 1, lastError: 'receiver down (1)', deliveredAt: null });
    // Not due yet: the backoff holds it back.
    expect(await relay.drainOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    await fastForward();
    expect(await relay.drainOnce()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    const [afterSecond] = await db().select().from(outbox).where(eq(outbox.id, id));
    const firstDelay = (afterFirst?.availableAt.getTime() ?? 0) - Date.now();
    const secondDelay = (afterSecond?.availableAt.getTime() ?? 0) - Date.now();
    expect(secondDelay).toBeGreaterThan(firstDelay + 30_000);
    await fastForward();
    expect(await relay.drainOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(seen.map((m) => m.attempts)).toEqual([1, 2, 3]);
    expect(seen[2]).toMatchObject({ topic: 'test.flaky', payload: { case: 'A1' }, requestId: 'req-1' });
    const [final] = await db().select().from(outbox).where(eq(outbox.id, id));
    expect(final?.deliveredAt).toBeInstanceOf(Date);
    expect(final?.lastError).toBeNull();
  });

  it('gives up after the last allowed attempt and keeps the message as a dead letter', async () => {
    const id = await withTransaction(db(), (tx) => enqueueOutbox(tx, { topic: 'test.broken', payload: {} }));
    const relay = new OutboxRelay(db(), { maxAttempts: 2, baseBackoffMs: 10 });
    relay.on('test.broken', async () => {
      throw new Error('always fails');
    });
    expect(await relay.drainOnce()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    await fastForward();
    expect(await relay.drainOnce()).toEqual({ delivered: 0, failed: 0, dead: 1 });
    await fastForward();
    expect(await relay.drainOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    const [row] = await db().select().from(outbox).where(eq(outbox.id, id));
    expect(row).toMatchObject({ attempts: 2, lastError: 'always fails', deliveredAt: null });
    expect(row?.deadAt).toBeInstanceOf(Date);
  });

  it('redelivers a message whose delivery lease ran out (a relay that crashed mid-delivery)', async () => {
    await withTransaction(db(), (tx) => enqueueOutbox(tx, { topic: 'test.lease', payload: { n: 1 } }));
    const crashed = new OutboxRelay(db(), { maxAttempts: 5, leaseMs: 60_000 });
    let release: () => void = () => {};
    crashed.on('test.lease', () => new Promise<void>((resolve) => (release = resolve)));
    const stuck = crashed.drainOnce();
    // While leased, another relay does not see it.
    const other = new OutboxRelay(db(), { maxAttempts: 5 });
    const received: number[] = [];
    other.on('test.lease', async (message) => {
      received.push(message.attempts);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await other.drainOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    await fastForward();
    expect(await other.drainOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(received).toEqual([2]);
    release();
    await stuck;
  });

  it.runIf(testEngine === 'postgres')('two relays draining at once deliver each message once', async () => {
    await withTransaction(db(), async (tx) => {
      for (let i = 0; i < 40; i += 1) await enqueueOutbox(tx, { topic: 'test.parallel', payload: { i } });
    });
    const received: number[] = [];
    const relays = [0, 1].map(() => {
      const relay = new OutboxRelay(db(), { maxAttempts: 3, batchSize: 5 });
      relay.on('test.parallel', async (message) => {
        received.push((message.payload as { i: number }).i);
        await new Promise((resolve) => setTimeout(resolve, 2));
      });
      return relay;
    });
    for (let round = 0; round < 10; round += 1) await Promise.all(relays.map((relay) => relay.drainOnce()));
    expect(received.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('the polling relay delivers on its own and stops cleanly', async () => {
    const relay = new OutboxRelay(db(), { maxAttempts: 3 });
    const delivered = new Promise<unknown>((resolve) => {
      relay.on('test.polled', async (message) => resolve(message.payload));
    });
    relay.start(20);
    await withTransaction(db(), (tx) => enqueueOutbox(tx, { topic: 'test.polled', payload: { ok: true } }));
    expect(await delivered).toEqual({ ok: true });
    await relay.stop();
  });

  it('prunes delivered messages past the retention, keeping pending, dead and recent ones', async () => {
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
    const message = (name: string, createdAt: Date, state: 'pending' | 'delivered' | 'dead') => ({
      topic: 'test.prune',
      payload: { name },
      createdAt,
      ...(state === 'delivered' ? { deliveredAt: createdAt } : {}),
      ...(state === 'dead' ? { deadAt: createdAt, attempts: 8 } : {}),
    });
    await db()
      .insert(outbox)
      .values([
        message('old delivered 1', daysAgo(30), 'delivered'),
        message('old delivered 2', daysAgo(8), 'delivered'),
        message('recent delivered', daysAgo(2), 'delivered'),
        message('old pending', daysAgo(30), 'pending'),
        message('old dead', daysAgo(30), 'dead'),
      ]);
    expect(await pruneOutbox(db(), 7 * 86_400_000)).toBe(2);
    const left = await db().select({ payload: outbox.payload }).from(outbox).orderBy(outbox.id);
    expect(left.map((row) => (row.payload as { name: string }).name)).toEqual([
      'recent delivered',
      'old pending',
      'old dead',
    ]);
    expect(await pruneOutbox(db(), 7 * 86_400_000)).toBe(0);
  });
});
