import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/harness.js';
import { queryRows, sendAhead, type Tx, withTransaction } from './database.js';

describe('statements sent ahead (sendAhead)', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(() => testDb?.dispose());

  const insertMessage = (tx: Tx, accountId: string, title: string | null) =>
    tx.execute(
      sql`insert into platform_messages (account_id, title, body) values (${accountId}, ${title}, 'ahead')`,
    );
  const titlesOf = async (accountId: string) =>
    (
      await queryRows<{ title: string }>(
        testDb.database.db,
        sql`select title from platform_messages where account_id = ${accountId} order by title`,
      )
    ).map((row) => row.title);

  it('writes them with the transaction, before what the caller issues next', async () => {
    const seen = await withTransaction(testDb.database.db, async (tx) => {
      await sendAhead(tx, insertMessage(tx, 'ahead-a', 'one'));
      await sendAhead(tx, insertMessage(tx, 'ahead-a', 'two'));
      // Issued after them on the same connection, so it sees both.
      const rows = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from platform_messages where account_id = 'ahead-a'`,
      );
      return rows[0]?.n;
    });
    expect(seen).toBe(2);
    expect(await titlesOf('ahead-a')).toEqual(['one', 'two']);
  });

  it('fails the whole transaction with its own error when one fails, even with nothing after it', async () => {
    const failed = withTransaction(testDb.database.db, async (tx) => {
      await insertMessage(tx, 'ahead-b', 'before');
      // title is not null: this fails, and the COMMIT that follows is taken as a ROLLBACK.
      await sendAhead(tx, insertMessage(tx, 'ahead-b', null));
      return 'committed';
    });
    await expect(failed).rejects.toThrow(/title|null/i);
    expect(await titlesOf('ahead-b')).toEqual([]);
  });

  it('reports the failed statement, not the ones refused after it as part of an aborted transaction', async () => {
    const failed = withTransaction(testDb.database.db, async (tx) => {
      await sendAhead(tx, insertMessage(tx, 'ahead-c', null));
      await insertMessage(tx, 'ahead-c', 'after');
      return 'committed';
    });
    const error = await failed.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(String((error as Error)?.cause ?? error)).toMatch(/title|null/i);
    expect(String((error as Error)?.cause ?? error)).not.toMatch(/aborted/i);
    expect(await titlesOf('ahead-c')).toEqual([]);
  });

  it('outside withTransaction waits for the answer and throws its error', async () => {
    const db = testDb.database.db;
    await db.transaction(async (tx) => {
      await sendAhead(tx, insertMessage(tx, 'ahead-d', 'waited'));
      const rows = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from platform_messages where account_id = 'ahead-d'`,
      );
      expect(rows[0]?.n).toBe(1);
    });
    await expect(db.transaction((tx) => sendAhead(tx, insertMessage(tx, 'ahead-d', null)))).rejects.toThrow();
    expect(await titlesOf('ahead-d')).toEqual(['waited']);
  });
});

describe('transactions (BEGIN sent with the first statement on PostgreSQL)', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(() => testDb?.dispose());

  const countOf = async (accountId: string) =>
    (
      await queryRows<{ n: number }>(
        testDb.database.db,
        sql`select count(*)::int as n from platform_messages where account_id = ${accountId}`,
      )
    )[0]?.n;

  it('runs the first statement, issued at once, inside the transaction: it rolls back with it', async () => {
    const failed = withTransaction(testDb.database.db, async (tx) => {
      // Issued before anything is awaited, so on the pipelined pool it travels with BEGIN.
      await tx.execute(
        sql`insert into platform_messages (account_id, title, body) values ('begin-a', 'first', 'x')`,
      );
      throw new Error('changed my mind');
    });
    await expect(failed).rejects.toThrow('changed my mind');
    expect(await countOf('begin-a')).toBe(0);
  });

  it('keeps one transaction across statements and nested savepoints, and the connection usable after', async () => {
    const times = await withTransaction(testDb.database.db, async (tx) => {
      const first = await queryRows<{ at: string }>(tx, sql`select now()::text as at, pg_sleep(0.01)`);
      await tx
        .transaction(async (nested) => {
          await nested.execute(
            sql`insert into platform_messages (account_id, title, body) values ('begin-b', 'nested', 'x')`,
          );
          throw new Error('inner only');
        })
        .catch(() => undefined);
      await tx.execute(
        sql`insert into platform_messages (account_id, title, body) values ('begin-b', 'outer', 'x')`,
      );
      const second = await queryRows<{ at: string }>(tx, sql`select now()::text as at`);
      return [first[0]?.at, second[0]?.at];
    });
    // now() is the transaction's start: the same for both statements.
    expect(times[0]).toBeDefined();
    expect(times[1]).toBe(times[0]);
    expect(await countOf('begin-b')).toBe(1);
    // Many transactions after a failed one: every connection went back to the pool clean.
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        withTransaction(testDb.database.db, async (tx) => {
          if (index % 2 === 0) await tx.execute(sql`select 1/0`);
          return index;
        }).catch(() => 'failed'),
      ),
    );
    expect(results.filter((result) => result === 'failed')).toHaveLength(10);
  });
});
