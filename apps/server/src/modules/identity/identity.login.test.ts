import { citizenIdCheckChar, makeCreditCode, maskCitizenId, maskMobile } from '@yiwang/codes';
import { generate } from 'otplib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RequestContext, systemContext, verifyAuditChain } from '../../platform/audit.js';
import { withTransaction } from '../../platform/database.js';
import { AppError } from '../../platform/errors.js';
import { createTestApp, departmentsByKey, sentSms, type TestApp } from '../../test/harness.js';
import { seedDemoOrganisation } from '../org/org.seed.js';
import {
  accountClaims,
  createEnterpriseAccount,
  createPersonAccount,
  createStaffAccount,
  findAccount,
  type IdentityDeps,
  setAccountStatus,
  unlockAccount,
} from './identity.accounts.js';
import {
  beginTotpEnrolment,
  changePassword,
  confirmTotpEnrolment,
  lockDurationMs,
  loginWithPassword,
  loginWithSmsCode,
  regenerateRecoveryCodes,
  sendSmsLoginCode,
  sendUnlockCode,
  unlockWithSmsCode,
  verifySecondFactor,
} from './identity.login.js';

const MINUTE = 60_000;
/** A valid citizen ID (GB 11643) from its first 17 digits. */
const citizenId = (first17: string) => `${first17}${citizenIdCheckChar(first17)}`;
const PASSWORD = 'Xihu-Longjing-2026';

/** The code of an AppError a promise rejects with (and the error itself). */
async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('sign-in', () => {
  let t: TestApp;
  let deps: IdentityDeps;
  let clock: Date;
  let departmentId: string;
  const context: RequestContext = systemContext('identity-login-test');
  const advance = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };
  let serial = 0;
  /** A fresh person (unique citizen ID and mobile) with the test password. */
  const newPerson = async (extra: { mobile?: string | null; password?: string | null } = {}) => {
    serial += 1;
    const id = citizenId(
      `3301061990${String(serial).padStart(2, '0')}01${String(serial % 1000).padStart(3, '0')}`,
    );
    const mobile =
      extra.mobile === null
        ? undefined
        : (extra.mobile ?? `139${String(10_000_000 + serial * 7919).slice(-8)}`);
    const password = extra.password === null ? undefined : (extra.password ?? PASSWORD);
    const { id: accountId } = await withTransaction(t.database.db, (tx) =>
      createPersonAccount(tx, deps, context, {
        name: `测试${serial}`,
        citizenId: id,
        ...(mobile ? { mobile } : {}),
        ...(password ? { password } : {}),
      }),
    );
    return { accountId, citizenId: id, mobile };
  };
  const newStaff = async (username: string, mobile?: string) =>
    withTransaction(t.database.db, (tx) =>
      createStaffAccount(tx, deps, context, {
        name: '王科员',
        username,
        departmentId,
        regionCode: '330106',
        ...(mobile ? { mobile } : {}),
        password: PASSWORD,
      }),
    );
  const sql = async (text: string, values: unknown[] = []) =>
    (await t.database.executeSql(text, values)).rows;
  const auditActions = async (entityId: string) =>
    (await sql('select action from platform_audit_log where entity_id = $1 order by seq', [entityId])).map(
      (row) => String(row.action),
    );
  /** The code in the last text message to a mobile. */
  const smsTo = async (mobile: string) => (await sentSms(t)).filter((sms) => sms.mobile === mobile);
  const lastSmsCode = async (mobile: string) => {
    const match = /(\d{6})/.exec((await smsTo(mobile)).at(-1)?.text ?? '');
    if (!match?.[1]) throw new Error(`no SMS code sent to ${mobile}`);
    return match[1];
  };
  const smsCount = async (mobile: string) => (await smsTo(mobile)).length;
  const totpCode = (secret: string, at = clock) =>
    generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
  const address = () => `198.51.100.${serial}`;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoOrganisation(t.database.db);
    const department = Object.values(await departmentsByKey(t.app))[0];
    if (!department) throw new Error('no departments seeded');
    departmentId = department.id;
    clock = new Date('2026-03-02T01:00:00Z');
    deps = { cipher: t.app.fieldCipher, now: () => clock };
  });
  afterAll(() => t.close());
  beforeEach(() => {
    advance(MINUTE);
  });

  it('a person signs in by citizen ID or mobile; wrong password and unknown login get the same answer', async () => {
    const person = await newPerson();
    const byId = await loginWithPassword(t.database.db, deps, context, {
      login: person.citizenId.toLowerCase(),
      password: PASSWORD,
      address: address(),
    });
    expect(byId).toEqual({ status: 'authenticated', accountId: person.accountId, amr: ['pwd'] });
    const byMobile = await loginWithPassword(t.database.db, deps, context, {
      login: person.mobile ?? '',
      password: PASSWORD,
      address: address(),
    });
    expect(byMobile.accountId).toBe(person.accountId);
    expect((await findAccount(t.database.db, person.accountId))?.lastLoginAt).toEqual(clock);

    const wrong = await rejection(
      loginWithPassword(t.database.db, deps, context, {
        login: person.citizenId,
        password: 'Wrong-pass-1',
        address: address(),
      }),
    );
    const unknown = await rejection(
      loginWithPassword(t.database.db, deps, context, {
        login: citizenId('33010619800101999'),
        password: PASSWORD,
        address: address(),
      }),
    );
    const nonsense = await rejection(
      loginWithPassword(t.database.db, deps, context, {
        login: 'no-such-user',
        password: PASSWORD,
        address: address(),
      }),
    );
    for (const error of [wrong, unknown, nonsense]) {
      expect(error.code).toBe('IDENTITY_INVALID_CREDENTIALS');
      expect(error.statusCode).toBe(401);
      expect(error.message).toBe(wrong.message);
      expect(error.details).toBeUndefined();
    }
    // Failures are audited although the call threw: the failure committed first.
    expect(await auditActions(person.accountId)).toEqual([
      'identity.account.created',
      'identity.login.succeeded',
      'identity.login.succeeded',
      'identity.login.failed',
    ]);
    expect(
      (
        await sql(
          `select count(*)::int as n from platform_audit_log where action = 'identity.login.failed' and entity_id = 'unknown'`,
        )
      )[0]?.n,
    ).toBeGreaterThanOrEqual(2);
    expect((await findAccount(t.database.db, person.accountId))?.lockedUntil).toBeNull();
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });

  it('enterprises sign in by credit code', async () => {
    const creditCode = makeCreditCode({
      registrationAuthority: '9',
      category: '1',
      regionCode: '330106',
      orgCodeBody: 'MA2H7K3P',
    });
    const { id } = await withTransaction(t.database.db, (tx) =>
      createEnterpriseAccount(tx, deps, context, {
        name: '杭州西湖茶叶有限公司',
        creditCode,
        legalRepresentative: '陈茶',
        mobile: '13700000001',
        password: PASSWORD,
      }),
    );
    const result = await loginWithPassword(t.database.db, deps, context, {
      login: creditCode.toLowerCase(),
      password: PASSWORD,
      address: address(),
    });
    expect(result).toEqual({ status: 'authenticated', accountId: id, amr: ['pwd'] });
    expect(await accountClaims(t.database.db, deps, id)).toEqual({
      sub: id,
      name: '杭州西湖茶叶有限公司',
      account_kind: 'enterprise',
      assurance_level: 'self_declared',
      acr: 'urn:yiwang:loa:1',
      credit_code: creditCode,
      phone_number: '13700000001',
      legal_representative: '陈茶',
    });
  });

  it('locks an account after 5 failures for 15 minutes, doubling each further lock up to 24 hours', async () => {
    const person = await newPerson();
    const attempt = (password: string) =>
      loginWithPassword(t.database.db, deps, context, {
        login: person.citizenId,
        password,
        address: address(),
      });
    for (let i = 1; i <= 4; i += 1)
      expect((await rejection(attempt(`Wrong-${i}-pass`))).code).toBe('IDENTITY_INVALID_CREDENTIALS');
    const fifth = await rejection(attempt('Wrong-5-pass'));
    expect(fifth.code).toBe('IDENTITY_ACCOUNT_LOCKED');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.details).toEqual({ lockedUntil: new Date(clock.getTime() + 15 * MINUTE).toISOString() });
    // While locked even the right password is refused, and the refusal does not extend the lock.
    advance(14 * MINUTE);
    expect((await rejection(attempt(PASSWORD))).details).toEqual(fifth.details);
    advance(2 * MINUTE);
    const sixth = await rejection(attempt('Wrong-6-pass'));
    expect(sixth.details).toEqual({ lockedUntil: new Date(clock.getTime() + 30 * MINUTE).toISOString() });
    advance(31 * MINUTE);
    expect((await rejection(attempt('Wrong-7-pass'))).details).toEqual({
      lockedUntil: new Date(clock.getTime() + 60 * MINUTE).toISOString(),
    });
    advance(61 * MINUTE);
    expect((await attempt(PASSWORD)).status).toBe('authenticated');
    const account = await findAccount(t.database.db, person.accountId);
    expect(account?.lockedUntil).toBeNull();
    // Success resets the count: the next lock is a first one again.
    for (let i = 1; i <= 4; i += 1) await rejection(attempt(`Again-${i}-pass`));
    expect((await rejection(attempt('Again-5-pass'))).details).toEqual({
      lockedUntil: new Date(clock.getTime() + 15 * MINUTE).toISOString(),
    });
    const actions = await auditActions(person.accountId);
    expect(actions.filter((action) => action === 'identity.login.failed')).toHaveLength(12);
    expect(actions.filter((action) => action === 'identity.account.locked')).toHaveLength(4);
    expect(actions).toContain('identity.login.refused_locked');

    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(lockDurationMs)).toEqual([
      15 * MINUTE,
      30 * MINUTE,
      60 * MINUTE,
      120 * MINUTE,
      240 * MINUTE,
      480 * MINUTE,
      960 * MINUTE,
      1440 * MINUTE,
      1440 * MINUTE,
    ]);

    // An administrator lifts the lock.
    await withTransaction(t.database.db, (tx) => unlockAccount(tx, context, person.accountId));
    expect((await attempt(PASSWORD)).status).toBe('authenticated');
    expect(await auditActions(person.accountId)).toContain('identity.account.unlocked');
  });

  it('locks a client address after 20 failures in 15 minutes, doubling likewise', async () => {
    const person = await newPerson();
    const from = '203.0.113.7';
    const guess = (i: number) =>
      rejection(
        loginWithPassword(t.database.db, deps, context, {
          login: citizenId(`3301061970010${String(100 + i).slice(-3)}1`),
          password: 'Guess-1234',
          address: from,
        }),
      );
    for (let i = 1; i <= 20; i += 1) expect((await guess(i)).code).toBe('IDENTITY_INVALID_CREDENTIALS');
    const locked = await rejection(
      loginWithPassword(t.database.db, deps, context, {
        login: person.citizenId,
        password: PASSWORD,
        address: from,
      }),
    );
    expect(locked.code).toBe('IDENTITY_ADDRESS_LOCKED');
    expect(locked.statusCode).toBe(429);
    expect(locked.details).toEqual({ retryAfterSeconds: 15 * 60 });
    // Another address is not affected; SMS and second factors from the locked one are refused too.
    expect(
      (
        await loginWithPassword(t.database.db, deps, context, {
          login: person.citizenId,
          password: PASSWORD,
          address: '203.0.113.8',
        })
      ).status,
    ).toBe('authenticated');
    expect(
      (
        await rejection(
          sendSmsLoginCode(t.database.db, deps, context, { mobile: person.mobile ?? '', address: from }),
        )
      ).code,
    ).toBe('IDENTITY_ADDRESS_LOCKED');
    advance(16 * MINUTE);
    for (let i = 21; i <= 40; i += 1) await guess(i);
    expect((await guess(41)).details).toEqual({ retryAfterSeconds: 30 * 60 });
    expect(
      (
        await sql(
          `select count(*)::int as n from platform_audit_log where action = 'identity.address.locked' and entity_id = $1`,
          [from],
        )
      )[0]?.n,
    ).toBe(2);
    // Failures spread beyond the window do not add up.
    const slow = '203.0.113.9';
    for (let i = 1; i <= 19; i += 1) {
      await rejection(
        loginWithPassword(t.database.db, deps, context, {
          login: 'nobody',
          password: 'Guess-1234',
          address: slow,
        }),
      );
    }
    advance(16 * MINUTE);
    await rejection(
      loginWithPassword(t.database.db, deps, context, {
        login: 'nobody',
        password: 'Guess-1234',
        address: slow,
      }),
    );
    expect(
      (
        await loginWithPassword(t.database.db, deps, context, {
          login: person.citizenId,
          password: PASSWORD,
          address: slow,
        })
      ).status,
    ).toBe('authenticated');
  });

  it('staff must enrol TOTP, then always give a code; a code works once; recovery codes work once', async () => {
    const { id } = await newStaff('wang.keyuan');
    const first = await loginWithPassword(t.database.db, deps, context, {
      login: 'Wang.Keyuan',
      password: PASSWORD,
      address: address(),
    });
    expect(first).toEqual({ status: 'totp_enrolment', accountId: id });
    // Staff cannot skip to the second factor before enrolling.
    expect(
      (
        await rejection(
          verifySecondFactor(t.database.db, deps, context, {
            accountId: id,
            code: '123456',
            address: address(),
          }),
        )
      ).code,
    ).toBe('IDENTITY_TOTP_NOT_ENROLLED');
    const { secret, otpauthUri } = await beginTotpEnrolment(t.database.db, deps, context, id);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/.*wang\.keyuan\?secret=/);
    const wrong = await rejection(
      confirmTotpEnrolment(t.database.db, deps, context, { accountId: id, code: '000000' }),
    );
    expect(wrong.code).toBe('IDENTITY_SECOND_FACTOR_INVALID');
    const { recoveryCodes } = await confirmTotpEnrolment(t.database.db, deps, context, {
      accountId: id,
      code: await totpCode(secret),
    });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const stored = await sql('select code_hash from identity_recovery_codes where account_id = $1', [id]);
    expect(stored).toHaveLength(10);
    expect(stored.map((row) => row.code_hash)).not.toContain(recoveryCodes[0]);
    expect((await rejection(beginTotpEnrolment(t.database.db, deps, context, id))).code).toBe(
      'IDENTITY_TOTP_ALREADY_ENROLLED',
    );

    advance(MINUTE);
    const second = await loginWithPassword(t.database.db, deps, context, {
      login: 'wang.keyuan',
      password: PASSWORD,
      address: address(),
    });
    expect(second).toEqual({ status: 'second_factor', accountId: id });
    const code = await totpCode(secret);
    expect(
      await verifySecondFactor(t.database.db, deps, context, { accountId: id, code, address: address() }),
    ).toEqual({
      status: 'authenticated',
      accountId: id,
      amr: ['pwd', 'otp', 'mfa'],
    });
    // The same code again (a replay) is refused even within its 30 seconds.
    expect(
      (
        await rejection(
          verifySecondFactor(t.database.db, deps, context, { accountId: id, code, address: address() }),
        )
      ).code,
    ).toBe('IDENTITY_SECOND_FACTOR_INVALID');
    // A code of the previous step (one step of drift) is refused after a later one was used.
    const previous = await totpCode(secret, new Date(clock.getTime() - 30_000));
    expect(
      (
        await rejection(
          verifySecondFactor(t.database.db, deps, context, {
            accountId: id,
            code: previous,
            address: address(),
          }),
        )
      ).code,
    ).toBe('IDENTITY_SECOND_FACTOR_INVALID');
    advance(30_000);
    expect(
      (
        await verifySecondFactor(t.database.db, deps, context, {
          accountId: id,
          code: await totpCode(secret),
          address: address(),
        })
      ).status,
    ).toBe('authenticated');

    const recovery = recoveryCodes[3] ?? '';
    const withRecovery = await verifySecondFactor(t.database.db, deps, context, {
      accountId: id,
      code: ` ${recovery.toUpperCase()} `,
      address: address(),
      firstFactorAmr: ['sms'],
    });
    expect(withRecovery.amr).toEqual(['sms', 'otp', 'mfa']);
    expect(
      (
        await rejection(
          verifySecondFactor(t.database.db, deps, context, {
            accountId: id,
            code: recovery,
            address: address(),
          }),
        )
      ).code,
    ).toBe('IDENTITY_SECOND_FACTOR_INVALID');
    const actions = await auditActions(id);
    expect(actions).toEqual(
      expect.arrayContaining([
        'identity.totp.enrolled',
        'identity.recovery_code.used',
        'identity.login.failed',
        'identity.login.succeeded',
      ]),
    );

    // Regenerating the codes needs a fresh TOTP code; the old codes stop working.
    advance(30_000);
    const fresh = await regenerateRecoveryCodes(t.database.db, deps, context, {
      accountId: id,
      code: await totpCode(secret),
      address: address(),
    });
    expect(fresh.recoveryCodes).toHaveLength(10);
    expect(
      (
        await rejection(
          verifySecondFactor(t.database.db, deps, context, {
            accountId: id,
            code: recoveryCodes[5] ?? '',
            address: address(),
          }),
        )
      ).code,
    ).toBe('IDENTITY_SECOND_FACTOR_INVALID');
    expect(
      (
        await verifySecondFactor(t.database.db, deps, context, {
          accountId: id,
          code: fresh.recoveryCodes[0] ?? '',
          address: address(),
        })
      ).status,
    ).toBe('authenticated');
  });

  it('wrong second factors count towards the account lock', async () => {
    const person = await newPerson();
    const { secret } = await beginTotpEnrolment(t.database.db, deps, context, person.accountId);
    await confirmTotpEnrolment(t.database.db, deps, context, {
      accountId: person.accountId,
      code: await totpCode(secret),
    });
    advance(MINUTE);
    expect(
      await loginWithPassword(t.database.db, deps, context, {
        login: person.citizenId,
        password: PASSWORD,
        address: address(),
      }),
    ).toEqual({ status: 'second_factor', accountId: person.accountId });
    for (let i = 0; i < 4; i += 1) {
      await rejection(
        verifySecondFactor(t.database.db, deps, context, {
          accountId: person.accountId,
          code: '000000',
          address: address(),
        }),
      );
    }
    // A correct password does not reset the count while the second factor is outstanding.
    await loginWithPassword(t.database.db, deps, context, {
      login: person.citizenId,
      password: PASSWORD,
      address: address(),
    });
    const locked = await rejection(
      verifySecondFactor(t.database.db, deps, context, {
        accountId: person.accountId,
        code: '000001',
        address: address(),
      }),
    );
    expect(locked.code).toBe('IDENTITY_ACCOUNT_LOCKED');
    expect(
      (
        await rejection(
          verifySecondFactor(t.database.db, deps, context, {
            accountId: person.accountId,
            code: await totpCode(secret),
            address: address(),
          }),
        )
      ).code,
    ).toBe('IDENTITY_ACCOUNT_LOCKED');
  });

  it('SMS codes: sent through the outbox, 6 digits, once a minute, 5 minutes, 5 attempts, used once', async () => {
    const person = await newPerson();
    const mobile = person.mobile ?? '';
    await sendSmsLoginCode(t.database.db, deps, context, { mobile, address: address() });
    expect(await smsCount(mobile)).toBe(1);
    const again = await rejection(
      sendSmsLoginCode(t.database.db, deps, context, { mobile, address: address() }),
    );
    expect(again.code).toBe('IDENTITY_SMS_TOO_FREQUENT');
    expect(again.statusCode).toBe(429);
    expect(again.details).toEqual({ retryAfterSeconds: 60 });
    const code = await lastSmsCode(mobile);
    // The code is stored hashed only.
    expect(JSON.stringify(await sql('select * from identity_sms_codes'))).not.toContain(code);
    const login = await loginWithSmsCode(t.database.db, deps, context, { mobile, code, address: address() });
    expect(login).toEqual({ status: 'authenticated', accountId: person.accountId, amr: ['sms'] });
    expect(
      (await rejection(loginWithSmsCode(t.database.db, deps, context, { mobile, code, address: address() })))
        .details,
    ).toMatchObject({
      reason: 'missing',
    });
    expect(await auditActions(person.accountId)).toContain('identity.sms_code.sent');

    // Expiry.
    advance(MINUTE);
    await sendSmsLoginCode(t.database.db, deps, context, { mobile, address: address() });
    const late = await lastSmsCode(mobile);
    advance(5 * MINUTE);
    const expired = await rejection(
      loginWithSmsCode(t.database.db, deps, context, { mobile, code: late, address: address() }),
    );
    expect(expired.code).toBe('IDENTITY_SMS_CODE_INVALID');
    expect(expired.details).toMatchObject({ reason: 'expired' });

    // Five wrong tries use a code up; a new code replaces the old one.
    await sendSmsLoginCode(t.database.db, deps, context, { mobile, address: address() });
    const fresh = await lastSmsCode(mobile);
    const wrong = fresh === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i += 1) {
      expect(
        (
          await rejection(
            loginWithSmsCode(t.database.db, deps, context, { mobile, code: wrong, address: address() }),
          )
        ).details,
      ).toMatchObject({
        reason: 'mismatch',
      });
    }
    expect(
      (
        await rejection(
          loginWithSmsCode(t.database.db, deps, context, { mobile, code: fresh, address: address() }),
        )
      ).details,
    ).toMatchObject({
      reason: 'attempts',
    });
    advance(MINUTE);
    await sendSmsLoginCode(t.database.db, deps, context, { mobile, address: address() });
    expect(
      (
        await loginWithSmsCode(t.database.db, deps, context, {
          mobile,
          code: await lastSmsCode(mobile),
          address: address(),
        })
      ).status,
    ).toBe('authenticated');
    expect(
      (await auditActions(person.accountId)).filter((a) => a === 'identity.login.failed').length,
    ).toBeGreaterThanOrEqual(7);
  });

  it('an unknown number, or one of staff, gets no SMS but the very same answers', async () => {
    const unknown = '13600000009';
    await sendSmsLoginCode(t.database.db, deps, context, { mobile: unknown, address: address() });
    expect(await smsCount(unknown)).toBe(0);
    expect(
      (
        await rejection(
          sendSmsLoginCode(t.database.db, deps, context, { mobile: unknown, address: address() }),
        )
      ).code,
    ).toBe('IDENTITY_SMS_TOO_FREQUENT');
    expect(
      (
        await rejection(
          loginWithSmsCode(t.database.db, deps, context, {
            mobile: unknown,
            code: '123456',
            address: address(),
          }),
        )
      ).details,
    ).toMatchObject({
      reason: 'mismatch',
    });
    const staffMobile = '13600000010';
    await newStaff('li.kezhang', staffMobile);
    await sendSmsLoginCode(t.database.db, deps, context, { mobile: staffMobile, address: address() });
    expect(await smsCount(staffMobile)).toBe(0);
    expect(
      (
        await rejection(
          sendSmsLoginCode(t.database.db, deps, context, { mobile: '12345', address: address() }),
        )
      ).code,
    ).toBe('IDENTITY_MOBILE_INVALID');
  });

  it('SMS login of a TOTP holder still asks for the second factor', async () => {
    const person = await newPerson();
    const { secret } = await beginTotpEnrolment(t.database.db, deps, context, person.accountId);
    await confirmTotpEnrolment(t.database.db, deps, context, {
      accountId: person.accountId,
      code: await totpCode(secret),
    });
    await sendSmsLoginCode(t.database.db, deps, context, { mobile: person.mobile ?? '', address: address() });
    const result = await loginWithSmsCode(t.database.db, deps, context, {
      mobile: person.mobile ?? '',
      code: await lastSmsCode(person.mobile ?? ''),
      address: address(),
    });
    expect(result).toEqual({ status: 'second_factor', accountId: person.accountId });
  });

  it('the holder unlocks a locked account with an SMS code to its mobile', async () => {
    const person = await newPerson();
    for (let i = 0; i < 5; i += 1) {
      await rejection(
        loginWithPassword(t.database.db, deps, context, {
          login: person.citizenId,
          password: `Bad-${i}-pass`,
          address: address(),
        }),
      );
    }
    expect((await findAccount(t.database.db, person.accountId))?.lockedUntil).not.toBeNull();
    await sendUnlockCode(t.database.db, deps, context, { login: person.citizenId, address: address() });
    const code = await lastSmsCode(person.mobile ?? '');
    const bad = await rejection(
      unlockWithSmsCode(t.database.db, deps, context, {
        login: person.citizenId,
        code: code === '999999' ? '999998' : '999999',
        address: address(),
      }),
    );
    expect(bad.code).toBe('IDENTITY_SMS_CODE_INVALID');
    await unlockWithSmsCode(t.database.db, deps, context, {
      login: person.citizenId,
      code,
      address: address(),
    });
    expect((await findAccount(t.database.db, person.accountId))?.lockedUntil).toBeNull();
    expect(await auditActions(person.accountId)).toContain('identity.account.unlocked');
    expect(
      (
        await loginWithPassword(t.database.db, deps, context, {
          login: person.citizenId,
          password: PASSWORD,
          address: address(),
        })
      ).status,
    ).toBe('authenticated');
    // Unknown logins: the same quiet answer, and nothing to unlock.
    await sendUnlockCode(t.database.db, deps, context, { login: 'nobody-here', address: address() });
    expect(
      (
        await rejection(
          unlockWithSmsCode(t.database.db, deps, context, {
            login: 'nobody-here',
            code: '123456',
            address: address(),
          }),
        )
      ).code,
    ).toBe('IDENTITY_SMS_CODE_INVALID');
  });

  it('a disabled account cannot sign in, but only the right password learns that', async () => {
    const person = await newPerson();
    await withTransaction(t.database.db, (tx) => setAccountStatus(tx, context, person.accountId, 'disabled'));
    expect(
      (
        await rejection(
          loginWithPassword(t.database.db, deps, context, {
            login: person.citizenId,
            password: 'Nope-1234',
            address: address(),
          }),
        )
      ).code,
    ).toBe('IDENTITY_INVALID_CREDENTIALS');
    expect(
      (
        await rejection(
          loginWithPassword(t.database.db, deps, context, {
            login: person.citizenId,
            password: PASSWORD,
            address: address(),
          }),
        )
      ).code,
    ).toBe('IDENTITY_ACCOUNT_DISABLED');
    await sendSmsLoginCode(t.database.db, deps, context, { mobile: person.mobile ?? '', address: address() });
    expect(await smsCount(person.mobile ?? '')).toBe(0);
  });

  it('a password change checks the current one, every rule and the last five passwords', async () => {
    const person = await newPerson();
    const change = (currentPassword: string, newPassword: string) =>
      changePassword(t.database.db, deps, context, {
        accountId: person.accountId,
        currentPassword,
        newPassword,
      });
    const wrong = await rejection(change('Not-my-pass-1', 'Brand-New-Pass-1'));
    expect(wrong.code).toBe('IDENTITY_PASSWORD_INCORRECT');
    expect(await auditActions(person.accountId)).toContain('identity.login.failed');
    const weak = await rejection(change(PASSWORD, `a${person.mobile}`));
    expect(weak.code).toBe('IDENTITY_PASSWORD_WEAK');
    expect(weak.field).toBe('body.newPassword');
    expect(weak.details?.rules).toEqual(['char_classes', 'contains_mobile']);
    expect((await rejection(change(PASSWORD, PASSWORD))).details?.rules).toEqual(['reused']);
    let current = PASSWORD;
    for (let i = 1; i <= 5; i += 1) {
      await change(current, `Rotation-${i}-pass`);
      current = `Rotation-${i}-pass`;
    }
    // PASSWORD is now six back: allowed again; Rotation-2 is within the last five: refused.
    expect((await rejection(change(current, 'Rotation-2-pass'))).details?.rules).toEqual(['reused']);
    await change(current, PASSWORD);
    expect(
      (
        await loginWithPassword(t.database.db, deps, context, {
          login: person.citizenId,
          password: PASSWORD,
          address: address(),
        })
      ).status,
    ).toBe('authenticated');
    expect(
      (await auditActions(person.accountId)).filter((a) => a === 'identity.password.changed'),
    ).toHaveLength(6);
  });

  it('accounts without a password sign in by SMS only; claims carry the clear ID number and acr', async () => {
    const person = await newPerson({ password: null });
    expect(
      (
        await rejection(
          loginWithPassword(t.database.db, deps, context, {
            login: person.citizenId,
            password: PASSWORD,
            address: address(),
          }),
        )
      ).code,
    ).toBe('IDENTITY_INVALID_CREDENTIALS');
    const claims = await accountClaims(t.database.db, deps, person.accountId);
    expect(claims).toMatchObject({
      sub: person.accountId,
      account_kind: 'person',
      id_number: person.citizenId,
      phone_number: person.mobile,
      acr: 'urn:yiwang:loa:1',
    });
    expect(await accountClaims(t.database.db, deps, 'not-an-account')).toBeUndefined();
    // Nothing in the account row is clear personal data.
    const [row] = await sql('select * from identity_accounts where id = $1', [person.accountId]);
    expect(JSON.stringify(row)).not.toContain(person.citizenId);
    expect(JSON.stringify(row)).not.toContain(person.mobile);
    expect(row?.identifier_masked).toBe(maskCitizenId(person.citizenId));
    expect(row?.mobile_masked).toBe(maskMobile(person.mobile ?? ''));
  });
});
