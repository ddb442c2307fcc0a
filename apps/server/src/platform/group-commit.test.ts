import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/harness.js';
import { queryRows, type Tx } from './database.js';
import { GroupCommit } from './group-commit.js';
import { postMessages } from './inbox.js';

/** Resolves once the current turn of the event loop has ended (after the group's own `setImmediate`). */
const endOfTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('group commit', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(() => testDb?.dispose());

  const messagesOf = async (accountId: string) =>
    (
      await queryRows<{ body: string }>(
        testDb.database.db,
        sql`select body from platform_messages where account_id = ${accountId} order by body`,
      )
    ).map((row) => row.body);

  /** Writes one message per item; an item "boom" makes the whole transaction fail after writing. */
  const writer = (accountId: string, batches: number[]) => async (tx: Tx, items: readonly string[]) => {
    batches.push(items.length);
    await postMessages(
      tx,
      items.map((body) => ({ accountId, title: 'group', body })),
    );
    if (items.includes('boom')) throw new Error('boom');
    return items.map((item) => item.toUpperCase());
  };

  it('writes items arriving while a transaction runs together in the next one', async () => {
    const batches: number[] = [];
    const group = new GroupCommit(() => testDb.database.db, writer('group-a', batches), {
      maxBatch: 5,
      maxInFlight: 1,
    });
    const items = Array.from({ length: 11 }, (_, index) => `item-${String(index).padStart(2, '0')}`);
    const [first, ...rest] = items;
    // The first alone (nothing was running): it starts at the end of its turn of the event loop.
    const alone = group.submit(first as string);
    await endOfTurn();
    // The others arrive while it runs, and go in the next transactions, at most 5 in each.
    const outcomes = await Promise.all([alone, ...rest.map((item) => group.submit(item))]);
    expect(outcomes).toEqual(items.map((item) => ({ kind: 'done', result: item.toUpperCase() })));
    expect(batches).toEqual([1, 5, 5]);
    expect(await messagesOf('group-a')).toEqual(items);
  });

  it('starts the items of one turn of the event loop together, not the first of them alone', async () => {
    const batches: number[] = [];
    const group = new GroupCommit(() => testDb.database.db, writer('group-turn', batches), {
      maxBatch: 5,
      maxInFlight: 1,
    });
    const items = Array.from({ length: 7 }, (_, index) => `turn-${index}`);
    const outcomes = await Promise.all(items.map((item) => group.submit(item)));
    expect(outcomes).toEqual(items.map((item) => ({ kind: 'done', result: item.toUpperCase() })));
    expect(batches).toEqual([5, 2]);
    expect(await messagesOf('group-turn')).toEqual(items);
  });

  it('rolls a failed transaction back whole and sends every item of it back to run alone', async () => {
    const batches: number[] = [];
    const group = new GroupCommit(() => testDb.database.db, writer('group-b', batches), {
      maxBatch: 10,
      maxInFlight: 1,
    });
    const first = group.submit('first');
    await endOfTurn();
    const outcomes = await Promise.all([
      first,
      ...['second', 'boom', 'third'].map((item) => group.submit(item)),
    ]);
    expect(outcomes).toEqual([
      { kind: 'done', result: 'FIRST' },
      { kind: 'alone' },
      { kind: 'alone' },
      { kind: 'alone' },
    ]);
    expect(batches).toEqual([1, 3]);
    // The failed transaction's writes are gone; the first one's stayed.
    expect(await messagesOf('group-b')).toEqual(['first']);
  });
});
