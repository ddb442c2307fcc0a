import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLog } from '../db/schema/platform.js';
import { createTestDatabase, type TestDatabase } from '../test/harness.js';
import {
  canonicalJson,
  GENESIS_HASH,
  lockChainAhead,
  recordAudit,
  sm3,
  systemContext,
  verifyAuditChain,
} from './audit.js';
import { type ExecuteSql, queryRows, withTransaction } from './database.js';

const context = { actor: { kind: 'staff' as const, id: 'staff-1' }, requestId: 'req-audit-1' };

async function append(testDb: TestDatabase, n: number) {
  for (let i = 0; i < n; i += 1) {
    await withTransaction(testDb.database.db, (tx) =>
      recordAudit(tx, context, {
        action: 'org.department.update',
        entityType: 'department',
        entityId: `dept-${i}`,
        before: { name: `旧名称${i}` },
        after: { name: `新名称${i}` },
      }),
    );
  }
}

/** Change the log behind the append-only trigger's back, as a database superuser could. */
async function tamper(
  testDb: TestDatabase,
  statement: string,
  executeSql: ExecuteSql = testDb.database.executeSql,
) {
  await executeSql(`alter table platform_audit_log disable trigger user;
    ${statement};
    alter table platform_audit_log enable trigger user;`);
}

describe('SM3', () => {
  it('matches the GB/T 32905 test vector for "abc"', () => {
    expect(sm3('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });
  it('canonical JSON sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });
  it('canonical JSON is the text the replacer form gave, on which stored digests and signatures rest', () => {
    // What canonicalJson was until 2026-12-02: every object rebuilt from its entries sorted by key.
    const replacerForm = (value: unknown) =>
      JSON.stringify(value, (_key, item: unknown) =>
        item && typeof item === 'object' && !Array.isArray(item)
          ? Object.fromEntries(
              Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
            )
          : item,
      );
    const keyed = fc.dictionary(
      fc.oneof(
        fc.string(),
        fc.nat().map(String),
        fc.constantFrom('10', '9', '01', '-1', '4294967295', '__proto__'),
      ),
      fc.oneof(fc.jsonValue(), fc.date({ noInvalidDate: true }), fc.constant(undefined)),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything({
            withDate: true,
            withSparseArray: true,
            withNullPrototype: true,
            withBoxedValues: true,
          }),
          keyed,
          fc.array(keyed),
        ),
        (value) => {
          expect(canonicalJson(value)).toBe(replacerForm(value));
        },
      ),
      { numRuns: 2000 },
    );
    expect(canonicalJson({ 10: 'b', 9: 'a', x: new Date(0), u: undefined, f: () => 1 })).toBe(
      '{"9":"a","10":"b","x":"1970-01-01T00:00:00.000Z"}',
    );
  });
});

describe('audit log', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(() => testDb.dispose());
  beforeEach(async () => {
    await tamper(testDb, 'truncate platform_audit_log; truncate platform_audit_head');
  });

  it('chains records from the genesis hash; an intact chain verifies', async () => {
    await append(testDb, 5);
    const rows = await testDb.database.db.select().from(auditLog).orderBy(auditLog.seq);
    expect(rows.map((row) => row.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]?.prevHash).toBe(GENESIS_HASH);
    expect(rows[1]?.prevHash).toBe(rows[0]?.hash);
    expect(rows[0]?.beforeDigest).toBe(sm3(canonicalJson({ name: '旧名称0' })));
    expect(rows[0]).toMatchObject({ actorKind: 'staff', actorId: 'staff-1', requestId: 'req-audit-1' });
    const result = await verifyAuditChain(testDb.database.db);
    expect(result).toEqual({ ok: true, records: 5, headHash: rows[4]?.hash });
  });

  it('is written in the same transaction: a rolled-back change leaves no record', async () => {
    await append(testDb, 1);
    await expect(
      withTransaction(testDb.database.db, async (tx) => {
        await recordAudit(tx, systemContext('test'), {
          action: 'x',
          entityType: 'y',
          entityId: 'z',
          after: {},
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const result = await verifyAuditChain(testDb.database.db);
    expect(result).toMatchObject({ ok: true, records: 1 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE at the database (append-only trigger)', async () => {
    await append(testDb, 2);
    await expect(
      testDb.database.executeSql("update platform_audit_log set action = 'x' where seq = 1"),
    ).rejects.toThrow(/append-only/);
    await expect(testDb.database.executeSql('delete from platform_audit_log where seq = 2')).rejects.toThrow(
      /append-only/,
    );
    await expect(testDb.database.executeSql('truncate platform_audit_log')).rejects.toThrow(/append-only/);
  });

  it('detects a deleted record in the middle', async () => {
    await append(testDb, 4);
    await tamper(testDb, 'delete from platform_audit_log where seq = 2');
    expect(await verifyAuditChain(testDb.database.db)).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('detects records cut off the end (the head no longer matches)', async () => {
    await append(testDb, 4);
    await tamper(testDb, 'delete from platform_audit_log where seq = 4');
    const result = await verifyAuditChain(testDb.database.db);
    expect(result).toMatchObject({ ok: false, brokenAt: 4 });
  });

  it('detects tampering with any column of any row (property)', async () => {
    await append(testDb, 6);
    const columns = [
      ['occurred_at', "occurred_at + interval '1 second'"],
      ['actor_kind', "'system'"],
      ['actor_id', "'someone-else'"],
      ['action', "'org.department.delete'"],
      ['entity_type', "'licence'"],
      ['entity_id', "'dept-x'"],
      ['before_digest', "repeat('a', 64)"],
      ['after_digest', 'null'],
      ['request_id', "'req-forged'"],
      ['prev_hash', "repeat('1', 64)"],
      ['hash', "repeat('f', 64)"],
    ] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(...columns),
        async (seq, [column, value]) => {
          // One session, so the tampering can be rolled back after each run.
          await testDb.database.withSession(async (db, executeSql) => {
            await executeSql('begin');
            try {
              await tamper(
                testDb,
                `update platform_audit_log set ${column} = ${value} where seq = ${seq}`,
                executeSql,
              );
              const result = await verifyAuditChain(db);
              expect(result.ok).toBe(false);
              if (!result.ok) expect(result.brokenAt).toBe(seq);
            } finally {
              await executeSql('rollback');
            }
          });
        },
      ),
      { numRuns: 30 },
    );
    expect(await verifyAuditChain(testDb.database.db)).toMatchObject({ ok: true, records: 6 });
  });

  it('keeps one unforked chain under concurrent transactions', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        withTransaction(testDb.database.db, (tx) =>
          recordAudit(tx, context, {
            action: 'concurrent',
            entityType: 't',
            entityId: String(i),
            after: { i },
          }),
        ),
      ),
    );
    const result = await verifyAuditChain(testDb.database.db);
    expect(result).toMatchObject({ ok: true, records: 12 });
    const [row] = await queryRows<{ n: number }>(
      testDb.database.db,
      sql`select count(distinct prev_hash)::int as n from platform_audit_log`,
    );
    expect(row?.n).toBe(12);
  });

  it('chains the same with the head locked ahead (lockChainAhead), failures after the lock included', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        withTransaction(testDb.database.db, async (tx) => {
          // Before any record: nothing to lock yet, so nothing is done.
          lockChainAhead(tx);
          for (const part of ['a', 'b'])
            await recordAudit(tx, context, { action: 'ahead', entityType: 't', entityId: `${i}${part}` });
          lockChainAhead(tx);
          lockChainAhead(tx);
          // Work after the lock, as a batch builds its answers; every fourth transaction then fails.
          await queryRows(tx, sql`select 1 as one`);
          if (i % 4 === 0) throw new Error(`transaction ${i} fails after locking the head`);
          return i;
        }).then(
          () => 'committed',
          () => 'failed',
        ),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === 'failed')).toHaveLength(3);
    expect(await verifyAuditChain(testDb.database.db)).toMatchObject({ ok: true, records: 18 });
    const entities = await queryRows<{ entity_id: string }>(
      testDb.database.db,
      sql`select entity_id from platform_audit_log order by seq`,
    );
    // Each transaction's records lie together, in the order recorded; none of a failed one.
    for (let index = 0; index < entities.length; index += 2) {
      const first = entities[index]?.entity_id ?? '';
      expect(first.endsWith('a')).toBe(true);
      expect(entities[index + 1]?.entity_id).toBe(`${first.slice(0, -1)}b`);
      expect(Number(first.slice(0, -1)) % 4).not.toBe(0);
    }
    // Outside withTransaction a record is appended at once: locking ahead has nothing to do.
    await testDb.database.db.transaction(async (tx) => {
      await recordAudit(tx, context, { action: 'plain', entityType: 't', entityId: 'plain' });
      lockChainAhead(tx);
    });
    expect(await verifyAuditChain(testDb.database.db)).toMatchObject({ ok: true, records: 19 });
  });
});
