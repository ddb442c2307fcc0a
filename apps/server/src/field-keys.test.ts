import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { licenceSeals } from './db/schema/licences.js';
import { rotateFieldKey } from './field-keys.js';
import { listSubscriptions, subscribe } from './modules/cases/cases.webhooks.js';
import { createPersonAccount } from './modules/identity/identity.accounts.js';
import { findAccountByIdentifier } from './modules/identity/identity.accounts.repo.js';
import { systemContext, verifyAuditChain } from './platform/audit.js';
import { withTransaction } from './platform/database.js';
import { FieldCipher } from './platform/field-crypto.js';
import { enqueueSms, enqueueWebhook, openSms } from './platform/notify.js';
import { createTestDatabase, type TestDatabase } from './test/harness.js';

const secret = () => randomBytes(32).toString('base64url');

describe('FieldCipher', () => {
  it('round-trips, names its key, and refuses a tampered value or a foreign key', () => {
    const cipher = new FieldCipher(secret());
    const value = cipher.encrypt('330106199003071236');
    expect(value.startsWith(`v2.${cipher.keyId}.`)).toBe(true);
    expect(cipher.decrypt(value)).toBe('330106199003071236');
    const parts = value.split('.');
    const body = Buffer.from(parts[4] as string, 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[4] = body.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow();
    expect(() => new FieldCipher(secret()).decrypt(value)).toThrow(/unknown key/);
    expect(() => cipher.decrypt('plain text')).toThrow(/not an encrypted field value/);
  });

  it('reads back what it remembers of recent values as what AES-GCM opens, beyond the bound of its memory', () => {
    const key = secret();
    const writer = new FieldCipher(key);
    const plains = Array.from({ length: 5000 }, (_, index) => `138${String(index).padStart(8, '0')}`);
    const values = plains.map((plain) => writer.encrypt(plain));
    // The writer remembers the last 4,096 (for a minute) and opens the first ones again; a second process opens all.
    expect(values.map((value) => writer.decrypt(value))).toEqual(plains);
    const reader = new FieldCipher(key);
    expect(values.map((value) => reader.decrypt(value))).toEqual(plains);
    // A remembered value altered is another value: opened, and refused.
    const parts = (values[4999] as string).split('.');
    const body = Buffer.from(parts[4] as string, 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[4] = body.toString('base64url');
    expect(() => writer.decrypt(parts.join('.'))).toThrow();
  });

  it('never reuses an IV, across refills of its pool of random bytes', () => {
    const cipher = new FieldCipher(secret());
    // 341 IVs per draw from the CSPRNG: 1,000 values span three draws.
    const values = Array.from({ length: 1_000 }, () => cipher.encrypt('13857100001'));
    const ivs = values.map((value) => value.split('.')[2]);
    expect(new Set(ivs).size).toBe(values.length);
    for (const iv of ivs) expect(Buffer.from(iv as string, 'base64url')).toHaveLength(12);
    expect(values.every((value) => cipher.decrypt(value) === '13857100001')).toBe(true);
  });

  it('reads values of a previous key, including the v1 format without a key id', () => {
    const oldSecret = secret();
    const old = new FieldCipher(oldSecret);
    const fresh = new FieldCipher(secret(), [oldSecret]);
    const written = old.encrypt('13857100001');
    expect(fresh.decrypt(written)).toBe('13857100001');
    expect(fresh.isStale(written)).toBe(true);
    expect(fresh.isStale(fresh.encrypt('x'))).toBe(false);
    // v1: `v1.<iv>.<tag>.<body>`, as written before key ids.
    const [, , iv, tag, body] = written.split('.');
    expect(fresh.decrypt(['v1', iv, tag, body].join('.'))).toBe('13857100001');
    expect(fresh.blindIndex('13857100001')).not.toBe(old.blindIndex('13857100001'));
  });
});

describe('npm run keys:rotate-fields', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.dispose());

  it('re-encrypts accounts and webhook secrets under the new key and recomputes the blind indexes', async () => {
    const oldSecret = secret();
    const old = new FieldCipher(oldSecret);
    const deps = { cipher: old, now: () => new Date() };
    const departmentId = randomUUID();
    await withTransaction(t.database.db, async (tx) => {
      await createPersonAccount(tx, deps, systemContext('test'), {
        name: '李明',
        citizenId: '330106199003071236',
        mobile: '13857100001',
      });
      await tx.insert(licenceSeals).values({
        code: '3301060000001',
        departmentId,
        issuerCode: '11330106002482226X',
        issuerName: '杭州市西湖区市场监督管理局',
        kind: '行政审批专用章',
        name: '杭州市西湖区市场监督管理局行政审批专用章',
        validFrom: '2026-01-01',
        validUntil: '2030-12-31',
        publicKey: '04'.padEnd(130, '0'),
        privateKeyEncrypted: old.encrypt('seal-private-key-hex'),
        maker: 'test',
        sealSignature: 'test',
      });
      await subscribe(tx, old, {
        departmentId,
        url: 'https://example.gov.cn/hook',
        secret: 'webhook-secret-0123456789',
        actions: [],
      });
      // A text message and a webhook waiting in the outbox, sealed under the old key.
      await enqueueSms(tx, old, { mobile: '13857100001', text: '您的申请已受理' });
      await enqueueWebhook(tx, old, {
        url: 'https://example.gov.cn/hook',
        secret: 'webhook-secret-0123456789',
        event: 'case.accepted',
        payload: {},
      });
    });

    const newSecret = secret();
    const fresh = new FieldCipher(newSecret, [oldSecret]);
    const changed = await rotateFieldKey(t.database, fresh);
    expect(changed).toMatchObject({
      identity_accounts: 1,
      case_webhook_subscriptions: 1,
      licence_seals: 1,
      platform_outbox: 2,
    });

    // Afterwards the new secret alone reads everything, and the account is found by the new index.
    const newOnly = new FieldCipher(newSecret);
    const [account] = await findAccountByIdentifier(
      t.database.db,
      ['person'],
      newOnly.blindIndex('330106199003071236'),
    );
    expect(account?.name).toBe('李明');
    expect(newOnly.decrypt(account?.identifierEncrypted as string)).toBe('330106199003071236');
    expect(newOnly.decrypt(account?.mobileEncrypted as string)).toBe('13857100001');
    expect(account?.mobileIndex).toBe(newOnly.blindIndex('13857100001'));
    const [subscription] = await listSubscriptions(t.database.db, departmentId);
    expect(newOnly.decrypt(subscription?.secretEncrypted as string)).toBe('webhook-secret-0123456789');

    const [seal] = await t.database.db.select().from(licenceSeals);
    expect(newOnly.decrypt(seal?.privateKeyEncrypted as string)).toBe('seal-private-key-hex');
    const { rows: waiting } = await t.database.executeSql(
      "select payload from platform_outbox where topic = 'notify.sms'",
    );
    expect(waiting.map((row) => openSms(newOnly, row.payload))).toEqual([
      { mobile: '13857100001', text: '您的申请已受理' },
    ]);
    const { rows: hooks } = await t.database.executeSql(
      "select payload from platform_outbox where topic = 'notify.webhook'",
    );
    expect(
      hooks.map((row) => newOnly.decrypt((row.payload as { secretSealed: string }).secretSealed)),
    ).toEqual(['webhook-secret-0123456789']);

    // A second run finds nothing left to do; both runs are on the audit chain.
    expect(await rotateFieldKey(t.database, fresh)).toMatchObject({
      identity_accounts: 0,
      case_webhook_subscriptions: 0,
      platform_outbox: 0,
    });
    const { rows } = await t.database.executeSql(
      "select count(*)::int as n from platform_audit_log where action = 'platform.field_key.rotated'",
    );
    expect(rows[0]?.n).toBe(2);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });
});
