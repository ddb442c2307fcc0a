import { createHash, randomInt } from 'node:crypto';
import {
  normalizeCitizenId,
  normalizeCreditCode,
  validateCitizenId,
  validateCreditCode,
} from '@yiwang/codes';
import { type RequestContext, recordAudit } from '../../platform/audit.js';
import { type Db, type Tx, withTransaction } from '../../platform/database.js';
import type { AppError } from '../../platform/errors.js';
import { enqueueSms } from '../../platform/notify.js';
import {
  clearIdentifiers,
  type IdentityDeps,
  isMobile,
  parseMobile,
  setNewPassword,
  toSummary,
} from './identity.accounts.js';
import type { AccountRow, SmsPurpose } from './identity.accounts.repo.js';
import * as repo from './identity.accounts.repo.js';
import { identityErrors } from './identity.errors.js';
import { verifyNothing, verifyPassword } from './identity.passwords.js';
import { matchTotp, newRecoveryCodes, newTotpSecret, recoveryCodeHash, totpUri } from './identity.totp.js';

/**
 * Sign-in (登录): password, SMS code, TOTP second factor, and the lockouts that stop guessing.
 *
 * Every function here takes the root database, not a transaction: a failed attempt must commit its
 * failure counters and audit record and only then throw, so each runs its work in one transaction
 * that returns either a result or the error to throw after the commit.
 */
export type LoginResult =
  | { status: 'authenticated'; accountId: string; amr: string[] }
  | { status: 'second_factor'; accountId: string }
  | { status: 'totp_enrolment'; accountId: string };

/** Consecutive failures after which an account is locked (等保 2.0: 登录失败处理). */
export const ACCOUNT_LOCK_THRESHOLD = 5;
/** Failures from one client address within the window after which the address is locked. */
export const ADDRESS_LOCK_THRESHOLD = 20;
const MINUTE = 60_000;
/** The first lock; each further one doubles, up to the maximum. */
export const FIRST_LOCK_MS = 15 * MINUTE;
export const MAX_LOCK_MS = 24 * 60 * MINUTE;
const ADDRESS_WINDOW_MS = 15 * MINUTE;
/** An address's lock count is forgotten this long after its last lock ended. */
const ADDRESS_LOCK_MEMORY_MS = 24 * 60 * MINUTE;

export const SMS_CODE_TTL_MS = 5 * MINUTE;
export const SMS_CODE_MAX_ATTEMPTS = 5;
export const SMS_RESEND_INTERVAL_MS = 60_000;
/** At most this many accounts share a login (one mobile for a person and their enterprise). */
const MAX_CANDIDATES = 3;

type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Run `work` in a transaction that commits even when the answer is a failure, then throw it. */
async function committed<T>(db: Db, work: (tx: Tx) => Promise<Outcome<T>>): Promise<T> {
  const outcome = await withTransaction(db, work);
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
const fail = <T>(error: AppError): Outcome<T> => ({ ok: false, error });

/** Lock length after `lockNumber` locks in a row: 15 min, 30 min, 1 h, … at most 24 h. */
export function lockDurationMs(lockNumber: number): number {
  return Math.min(FIRST_LOCK_MS * 2 ** Math.max(0, lockNumber - 1), MAX_LOCK_MS);
}

const lockedNow = (row: Pick<AccountRow, 'lockedUntil'>, now: Date) =>
  row.lockedUntil !== null && row.lockedUntil.getTime() > now.getTime();

// ——— client address throttle ———

/** The error for a locked address, or undefined. */
async function addressLock(tx: Tx, address: string, now: Date): Promise<AppError | undefined> {
  const row = await repo.findAddressThrottle(tx, address);
  if (!row?.lockedUntil || row.lockedUntil.getTime() <= now.getTime()) return undefined;
  return identityErrors.addressLocked(Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 1000));
}

/**
 * Count a failure against a client address: 20 in 15 minutes lock it for 15 minutes, and each
 * further lock within a day of the last doubles, up to 24 hours.
 */
async function addressFailure(tx: Tx, context: RequestContext, address: string, now: Date): Promise<void> {
  const row = await repo.lockAddressThrottle(tx, address, now);
  const windowOver =
    now.getTime() - row.windowStartedAt.getTime() > ADDRESS_WINDOW_MS ||
    (row.lockedUntil !== null && row.lockedUntil.getTime() <= now.getTime() && row.failures === 0);
  const failures = windowOver ? 1 : row.failures + 1;
  const windowStartedAt = windowOver ? now : row.windowStartedAt;
  if (failures < ADDRESS_LOCK_THRESHOLD) {
    await repo.updateAddressThrottle(tx, address, { failures, windowStartedAt });
    return;
  }
  const forgotten =
    row.lockedUntil === null || now.getTime() - row.lockedUntil.getTime() > ADDRESS_LOCK_MEMORY_MS;
  const lockCount = forgotten ? 1 : row.lockCount + 1;
  const lockedUntil = new Date(now.getTime() + lockDurationMs(lockCount));
  await repo.updateAddressThrottle(tx, address, {
    failures: 0,
    windowStartedAt: now,
    lockedUntil,
    lockCount,
  });
  await recordAudit(tx, context, {
    action: 'identity.address.locked',
    entityType: 'client_address',
    entityId: address,
    after: { lockedUntil: lockedUntil.toISOString(), lockCount },
  });
}

// ——— account failures ———

/**
 * Count a failed attempt against an account (password, second factor): the fifth in a row locks it
 * for 15 minutes, and every failure after that locks it again for twice as long, up to 24 hours.
 * Returns the lock error when this failure locked the account.
 */
async function accountFailure(
  tx: Tx,
  context: RequestContext,
  row: AccountRow,
  now: Date,
  method: string,
): Promise<AppError | undefined> {
  const failedLogins = row.failedLogins + 1;
  const locks = failedLogins >= ACCOUNT_LOCK_THRESHOLD;
  const lockedUntil = locks
    ? new Date(now.getTime() + lockDurationMs(failedLogins - ACCOUNT_LOCK_THRESHOLD + 1))
    : row.lockedUntil;
  await repo.updateAccount(tx, row.id, { failedLogins, lockedUntil });
  await recordAudit(tx, context, {
    action: 'identity.login.failed',
    entityType: 'account',
    entityId: row.id,
    after: { method, failedLogins },
  });
  if (!locks || !lockedUntil) return undefined;
  await recordAudit(tx, context, {
    action: 'identity.account.locked',
    entityType: 'account',
    entityId: row.id,
    after: { lockedUntil: lockedUntil.toISOString(), failedLogins },
  });
  return identityErrors.accountLocked(lockedUntil);
}

/** A failed attempt naming no account: audited against no account, counted against the address. */
async function unknownFailure(tx: Tx, context: RequestContext, method: string): Promise<void> {
  await recordAudit(tx, context, {
    action: 'identity.login.failed',
    entityType: 'account',
    entityId: 'unknown',
    after: { method },
  });
}

/** A completed sign-in: counters reset, last login recorded, audited. */
async function authenticated(
  tx: Tx,
  context: RequestContext,
  row: AccountRow,
  now: Date,
  amr: string[],
  extra: Partial<repo.AccountInsert> = {},
): Promise<{ status: 'authenticated'; accountId: string; amr: string[] }> {
  await repo.updateAccount(tx, row.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: now, ...extra });
  await recordAudit(tx, context, {
    action: 'identity.login.succeeded',
    entityType: 'account',
    entityId: row.id,
    after: { amr },
  });
  return { status: 'authenticated', accountId: row.id, amr };
}

/**
 * What follows a correct first factor: staff without TOTP must enrol (staff always use two factors);
 * anyone with TOTP gives a code; everyone else is signed in.
 */
async function afterFirstFactor(
  tx: Tx,
  context: RequestContext,
  row: AccountRow,
  now: Date,
  amr: string[],
): Promise<LoginResult> {
  if (row.totpEnabledAt === null && row.kind !== 'staff') return authenticated(tx, context, row, now, amr);
  await recordAudit(tx, context, {
    action: 'identity.login.first_factor_passed',
    entityType: 'account',
    entityId: row.id,
    after: { amr },
  });
  return row.totpEnabledAt === null
    ? { status: 'totp_enrolment', accountId: row.id }
    : { status: 'second_factor', accountId: row.id };
}

/**
 * The accounts a login names: a citizen ID names a person, a credit code an enterprise, a mobile
 * any account with that mobile (persons first), anything else a staff username. Locked rows.
 */
async function candidatesFor(tx: Tx, deps: IdentityDeps, login: string): Promise<AccountRow[]> {
  const text = login.trim();
  let rows: AccountRow[] = [];
  const citizenId = normalizeCitizenId(text);
  const creditCode = normalizeCreditCode(text);
  if (validateCitizenId(citizenId, deps.now()).ok) {
    rows = await repo.findAccountByIdentifier(tx, ['person'], deps.cipher.blindIndex(citizenId));
  } else if (validateCreditCode(creditCode).ok) {
    rows = await repo.findAccountByIdentifier(tx, ['enterprise'], deps.cipher.blindIndex(creditCode));
  } else if (isMobile(text)) {
    rows = await repo.findAccountsByMobile(tx, deps.cipher.blindIndex(text));
  } else if (text.length > 0 && text.length <= 64) {
    const row = await repo.findAccountByUsername(tx, text);
    rows = row ? [row] : [];
  }
  const locked: AccountRow[] = [];
  for (const row of rows.slice(0, MAX_CANDIDATES)) {
    const current = await repo.lockAccount(tx, row.id);
    if (current) locked.push(current);
  }
  return locked;
}

/**
 * Password sign-in by citizen ID, credit code, staff username or mobile. One answer,
 * IDENTITY_INVALID_CREDENTIALS, for an unknown login and a wrong password alike; a locked account
 * or client address is refused before the password is looked at.
 */
export async function loginWithPassword(
  db: Db,
  deps: IdentityDeps,
  context: RequestContext,
  input: { login: string; password: string; address: string },
): Promise<LoginResult> {
  return committed(db, async (tx) => {
    const now = deps.now();
    const blocked = await addressLock(tx, input.address, now);
    if (blocked) return fail(blocked);
    const candidates = await candidatesFor(tx, deps, input.login);
    const open = candidates.filter((row) => !lockedNow(row, now));
    const first = candidates[0];
    if (first && open.length === 0) {
      await recordAudit(tx, context, {
        action: 'identity.login.refused_locked',
        entityType: 'account',
        entityId: first.id,
      });
      return fail(identityErrors.accountLocked(first.lockedUntil ?? now));
    }
    for (const row of open) {
      if (!row.passwordHash || !(await verifyPassword(row.passwordHash, input.password))) continue;
      if (row.status !== 'active') {
        await recordAudit(tx, context, {
          action: 'identity.login.refused_disabled',
          entityType: 'account',
          entityId: row.id,
        });
        return fail(identityErrors.accountDisabled());
      }
      return ok(await afterFirstFactor(tx, context, row, now, ['pwd']));
    }
    if (open.length === 0) {
      await verifyNothing(input.password);
      await unknownFailure(tx, context, 'pwd');
    }
    let lockError: AppError | undefined;
    for (const row of open) lockError = (await accountFailure(tx, context, row, now, 'pwd')) ?? lockError;
    await addressFailure(tx, context, input.address, now);
    return fail(lockError ?? identityErrors.invalidCredentials());
  });
}

/** A TOTP code (6 digits) or a recovery code, as the second factor after a password or SMS code. */
export async function verifySecondFactor(
  db: Db,
  deps: IdentityDeps,
  context: RequestContext,
  input: { accountId: string; code: string; address: string; firstFactorAmr?: string[] },
): Promise<{ status: 'authenticated'; accountId: string; amr: string[] }> {
  return committed(db, async (tx) => {
    const now = deps.now();
    const blocked = await addressLock(tx, input.address, now);
    if (blocked) return fail(blocked);
    const row = await repo.lockAccount(tx, input.accountId);
    if (!row || row.totpEnabledAt === null || !row.totpSecretEncrypted)
      return fail(identityErrors.totpNotEnrolled());
    if (lockedNow(row, now)) return fail(identityErrors.accountLocked(row.lockedUntil ?? now));
    if (row.status !== 'active') return fail(identityErrors.accountDisabled());
    const code = input.code.trim();
    const first = input.firstFactorAmr ?? ['pwd'];
    if (/^\d{6}$/.test(code)) {
      const secret = deps.cipher.decrypt(row.totpSecretEncrypted);
      const step = await matchTotp(secret, code, now, row.totpLastStep);
      if (step !== null)
        return ok(
          await authenticated(tx, context, row, now, [...first, 'otp', 'mfa'], { totpLastStep: step }),
        );
    } else if (await repo.useRecoveryCode(tx, row.id, recoveryCodeHash(code), now)) {
      await recordAudit(tx, context, {
        action: 'identity.recovery_code.used',
        entityType: 'account',
        entityId: row.id,
        after: { remaining: await repo.unusedRecoveryCodeCount(tx, row.id) },
      });
      return ok(await authenticated(tx, context, row, now, [...first, 'otp', 'mfa']));
    }
    const lockError = await accountFailure(
      tx,
      context,
      row,
      now,
      code.length === 6 ? 'otp' : 'recovery_code',
    );
    await addressFailure(tx, context, input.address, now);
    return fail(lockError ?? identityErrors.secondFactorInvalid());
  });
}

/** The label an authenticator app shows for the account: username, or the masked ID number. */
function totpLabel(row: AccountRow): string {
  return row.username ?? row.identifierMasked ?? row.mobileMasked ?? row.id;
}

/**
 * Start TOTP enrolment: a new secret (kept encrypted, not yet active) and its otpauth:// URI for the
 * QR code. Starting again replaces a secret not yet confirmed; an active one is not replaced.
 */
export async function beginTotpEnrolment(
  db: Db,
  deps: IdentityDeps,
  context: RequestContext,
  accountId: string,
): Promise<{ secret: string; otpauthUri: string }> {
  return withTransaction(db, async (tx) => {
    const row = await repo.lockAccount(tx, accountId);
    if (!row) throw identityErrors.accountNotFound('accountId');
    if (row.totpEnabledAt !== null) throw identityErrors.totpAlreadyEnrolled();
    const secret = newTotpSecret();
    await repo.updateAccount(tx, row.id, {
      totpSecretEncrypted: deps.cipher.encrypt(secret),
      totpLastStep: null,
    });
    await recordAudit(tx, context, {
      action: 'identity.totp.enrolment_started',
      entityType: 'account',
      entityId: row.id,
    });
    return { secret, otpauthUri: totpUri(secret, totpLabel(row)) };
  });
}

/** New recovery codes replacing any earlier ones; returned in clear this once. */
async function issueRecoveryCodes(tx: Tx, accountId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await repo.replaceRecoveryCodes(tx, accountId, codes.map(recoveryCodeHash));
  return codes;
}

/**
 * Confirm TOTP enrolment with a first code from the app: TOTP becomes active and ten recovery codes
 * are issued (shown once). A wrong code leaves the enrolment pending.
 */
export async function confirmTotpEnrolment(
  db: Db,
  deps: IdentityDeps,
  context: RequestContext,
  input: { accountId: string; code: string },
): Promise<{ recoveryCodes: string[] }> {
  return committed(db, async (tx) => {
    const now = deps.now();
    const row = await repo.lockAccount(tx, input.accountId);
    if (!row) return fail(identityErrors.accountNotFound('accountId'));
    if (row.totpEnabledAt !== null) return fail(identityErrors.totpAlreadyEnrolled());
    if (!row.totpSecretEncrypted) return fail(identityErrors.totpNotEnrolled());
    const step = await matchTotp(deps.cipher.decrypt(row.totpSecretEncrypted), input.code.trim(), now, null);
    if (step === null) {
      await recordAudit(tx, context, {
        action: 'identity.totp.enrolment_failed',
        entityType: 'account',
        entityId: row.id,
      });
      return fail(identityErrors.secondFactorInvalid());
    }
    await repo.updateAccount(tx, row.id, { totpEnabledAt: now, totpLastStep: step });
    const recoveryCodes = await issueRecoveryCodes(tx, row.id);
    await recordAudit(tx, context, {
      action: 'identity.totp.enrolled',
      entityType: 'account',
      entityId: row.id,
      before: toSummary(row),
      after: toSummary({ ...row, totpEnabledAt: now }),
    });
    return ok({ recoveryCodes });
  });
}

/**
 * Replace the recovery codes (the old ones stop working), proven by a current TOTP code. A wrong
 * code counts as a failed attempt on the account.
 */
export async function regenerateRecoveryCodes(
  db: Db,
  deps: IdentityDeps,
  context: RequestContext,
  input: { accountId: string; code: string; address: string },
): Promise<{ recoveryCodes: string[] }> {
  return committed(db, async (tx) => {
    const now = deps.now();
    const row = await repo.lockAccount(tx, input.accountId);
    if (!row) return fail(identityErrors.accountNotFound('accountId'));
    if (row.totpEnabledAt === null || !row.totpSecretEncrypted) return fail(identityErrors.totpNotEnrolled());
    if (lockedNow(row, now)) return fail(identityErrors.accountLocked(row.lockedUntil ?? now));
    const step = await matchTotp(
      deps.cipher.decrypt(row.totpSecretEncrypted),
      input.code.trim(),
      now,
      row.totpLastStep,
    );
    if (step === null) {
      const lockError = await accountFailure(tx, context, row, now, 'otp');
      return fail(lockError ?? identityErrors.secondFactorInvalid());
    }
    await repo.updateAccount(tx, row.id, { totpLastStep: step, failedLogins: 0 });
    const recoveryCodes = await issueRecoveryCodes(tx, row.id);
    await recordAudit(tx, context, {
      action: 'identity.recovery_codes.regenerated',
      entityType: 'account',
      entityId: row.id,
    });
    return ok({ recoveryCodes });
  });
}

/**
 * Change one's own password, proven by the current one. A wrong current password counts as a failed
 * attempt; the new one must pass every rule, including not repeating the last five.
 */
export async function changePassword(
  db: Db,
  deps: IdentityDeps,
  context: RequestContext,
  input: { accountId: string; currentPassword: string; newPassword: string },
): Promise<void> {
  return committed(db, async (tx) => {
    const now = deps.now();
    const row = await repo.lockAccount(tx, input.accountId);
    if (!row) return fail(identityErrors.accountNotFound('accountId'));
    if (lockedNow(row, now)) return fail(identityErrors.accountLocked(row.lockedUntil ?? now));
    if (!row.passwordHash || !(await verifyPassword(row.passwordHash, input.currentPassword))) {
      const lockError = await accountFailure(tx, context, row, now, 'pwd');
      return fail(lockError ?? identityErrors.passwordIncorrect());
    }
    await setNewPassword(tx, deps, context, row, input.newPassword, 'body.newPassword');
    return ok(undefined);
  });
}

// ——— SMS codes ———

function smsCodeHash(mobileIndex: string, purpose: SmsPurpose, code: string): string {
  return createHash('sha256').update(`${mobileIndex}:${purpose}:${code}`).digest('hex');
}

const SMS_TEXT: Record<SmsPurpose, (code: string) => string> = {
  login: (code) =>
    `【一网通办】您的登录验证码为 ${code}，5 分钟内有效。工作人员不会索取验证码，请勿告知他人。`,
  unlock: (code) => `【一网通办】您正在解除账户锁定，验证码为 ${code}，5 分钟内有效。如非本人操作，请忽略。`,
  verify_mobile: (code) => `【一网通办】您的手机号验证码为 ${code}，5 分钟内有效。`,
};

/**
 * Issue a 6-digit code for a key (a mobile's blind index): at most one per key per minute, valid five
 * minutes, stored hashed; earlier open codes of the purpose stop working. The text message goes out
 * through the outbox only when `mobile` is given, so a number without an account gets a code no one
 * receives and the caller sees exactly the same answer.
 */
async function issueSmsCode(
  tx: Tx,
  deps: IdentityDeps,
  context: RequestContext,
  key: string,
  purpose: SmsPurpose,
  recipient: { mobile: string; accountId: string } | undefined,
): Promise<void> {
  const now = deps.now();
  const last = await repo.lastSmsCodeSince(tx, key, new Date(now.getTime() - SMS_RESEND_INTERVAL_MS));
  if (last) {
    throw identityErrors.smsTooFrequent(
      Math.max(1, Math.ceil((last.getTime() + SMS_RESEND_INTERVAL_MS - now.getTime()) / 1000)),
    );
  }
  await repo.consumeOpenSmsCodes(tx, key, purpose, now);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await repo.insertSmsCode(tx, {
    mobileIndex: key,
    purpose,
    codeHash: smsCodeHash(key, purpose, code),
    expiresAt: new Date(now.getTime() + SMS_CODE_TTL_MS),
    createdAt: now,
  });
  if (!recipient) return;
  await enqueueSms(
    tx,
    deps.cipher,
    { mobile: recipient.mobile, text: SMS_TEXT[purpose](code) },
    { requestId: context.requestId },
  );
  await recordAudit(tx, context, {
    action: 'identity.sms_code.sent',
    entityType: 'account',
    entityId: recipient.accountId,
    after: { purpose },
  });
}

/** Check a code against the latest open one for the key; every wrong try counts, five use it up. */
async function checkSmsCode(
  tx: Tx,
  key: string,
  purpose: SmsPurpose,
  code: string,
  now: Date,
): Promise<AppError | undefined> {
  const row = await repo.latestSmsCode(tx, key, purpose);
  if (!row) return identityErrors.smsCodeInvalid('missing');
  if (row.expiresAt.getTime() <= now.getTime()) return identityErrors.smsCodeInvalid('expired');
  if (row.attempts >= SMS_CODE_MAX_ATTEMPTS) return identityErrors.smsCodeInvalid('attempts');
  if (!/^\d{6}$/.test(code) || smsCodeHash(key, purpose, code) !== row.codeHash) {
    await repo.updateSmsCode(tx, row.id, { attempts: row.attempts + 1 });
    return identityErrors.smsCodeInvalid('mismatch');
  }
  await repo.updateSmsCode(tx, row.id, { consumedAt: now });
  return undefined;
}

/** The accounts that may sign in by SMS code to this mobile: active persons and enterprises. */
async function smsLoginAccounts(tx: Tx, mobileIndex: string): Promise<AccountRow[]> {
  const rows = await repo.findAccountsByMobile(tx, mobileIndex);
  return rows.filter((row) => row.kind !== 'staff' && row.status === 'active');
}

/**
 * Send a sign-in code to a mobile. Only persons and enterprises with that mobile receive one; for any
 * other number nothing is sent, and the answer is the same (including the once-a-minute limit).
 */
export async function sendSmsLoginCode(
  db: Db,
  deps: IdentityDeps,
  context: RequestContext,
  input: { mobile: string; address: string },
): Promise<void> {
  const mobile = parseMobile(input.mobile, 'body.mobile');
  await withTransaction(db, async (tx) => {
    const blocked = await addressLock(tx, input.address, deps.now());
    if (blocked) throw blocked;
    const key = deps.cipher.blindIndex(mobile);
    const [account] = await smsLoginAccounts(tx, key);
    await issueSmsCode(
      tx,
      deps,
      context,
      key,
      'login',
      account ? { mobile, accountId: account.id } : undefined,
    );
  });
}

/**
 * Sign in with an SMS code (persons and enterprises; staff never). Where a person and an enterprise
 * share the mobile, the person's account is signed in. TOTP holders still give their second factor.
 */
export async function loginWithSmsCode(
  db: Db,
  deps: IdentityDeps,
  context: RequestContext,
  input: { mobile: string; code: string; address: string },
): Promise<LoginResult> {
  const mobile = parseMobile(input.mobile, 'body.mobile');
  return committed(db, async (tx) => {
    const now = deps.now();
    const blocked = await addressLock(tx, input.address, now);
    if (blocked) return fail(blocked);
    const key = deps.cipher.blindIndex(mobile);
    const codeError = await checkSmsCode(tx, key, 'login', input.code.trim(), now);
    const [account] = await smsLoginAccounts(tx, key);
    if (codeError || !account) {
      if (account)
        await recordAudit(tx, context, {
          action: 'identity.login.failed',
          entityType: 'account',
          entityId: account.id,
          after: { method: 'sms' },
        });
      else await unknownFailure(tx, context, 'sms');
      await addressFailure(tx, context, input.address, now);
      return fail(codeError ?? identityErrors.smsCodeInvalid('mismatch'));
    }
    const row = await repo.lockAccount(tx, account.id);
    if (!row) return fail(identityErrors.smsCodeInvalid('mismatch'));
    if (lockedNow(row, now)) return fail(identityErrors.accountLocked(row.lockedUntil ?? now));
    return ok(await afterFirstFactor(tx, context, row, now, ['sms']));
  });
}

/** The account an unlock request names, with its mobile, if it has one. */
async function unlockTarget(
  tx: Tx,
  deps: IdentityDeps,
  login: string,
): Promise<{ row: AccountRow; mobile: string } | undefined> {
  for (const row of await candidatesFor(tx, deps, login)) {
    const { mobile } = clearIdentifiers(deps, row);
    if (mobile) return { row, mobile };
  }
  return undefined;
}

/** The key unlock codes are filed under: the account's mobile, or (nobody to send to) the login itself. */
const unlockKey = (deps: IdentityDeps, target: { mobile: string } | undefined, login: string) =>
  target ? deps.cipher.blindIndex(target.mobile) : deps.cipher.blindIndex(`unlock:${login.trim()}`);

/**
 * Send an unlock code (解锁验证码) to the mobile of the account a login names. The same answer
 * whether or not there is such an account, or it has a mobile.
 */
export async function sendUnlockCode(
  db: Db,
  deps: IdentityDeps,
  context: RequestContext,
  input: { login: string; address: string },
): Promise<void> {
  await withTransaction(db, async (tx) => {
    const blocked = await addressLock(tx, input.address, deps.now());
    if (blocked) throw blocked;
    const target = await unlockTarget(tx, deps, input.login);
    await issueSmsCode(
      tx,
      deps,
      context,
      unlockKey(deps, target, input.login),
      'unlock',
      target ? { mobile: target.mobile, accountId: target.row.id } : undefined,
    );
  });
}

/** Lift the lockout of one's own account with the unlock code sent to its mobile. */
export async function unlockWithSmsCode(
  db: Db,
  deps: IdentityDeps,
  context: RequestContext,
  input: { login: string; code: string; address: string },
): Promise<void> {
  return committed(db, async (tx) => {
    const now = deps.now();
    const blocked = await addressLock(tx, input.address, now);
    if (blocked) return fail(blocked);
    const target = await unlockTarget(tx, deps, input.login);
    const codeError = await checkSmsCode(
      tx,
      unlockKey(deps, target, input.login),
      'unlock',
      input.code.trim(),
      now,
    );
    if (codeError || !target) {
      await recordAudit(tx, context, {
        action: 'identity.unlock.failed',
        entityType: 'account',
        entityId: target?.row.id ?? 'unknown',
      });
      await addressFailure(tx, context, input.address, now);
      return fail(codeError ?? identityErrors.smsCodeInvalid('mismatch'));
    }
    await repo.updateAccount(tx, target.row.id, { failedLogins: 0, lockedUntil: null });
    await recordAudit(tx, context, {
      action: 'identity.account.unlocked',
      entityType: 'account',
      entityId: target.row.id,
      before: toSummary(target.row),
      after: toSummary({ ...target.row, failedLogins: 0, lockedUntil: null }),
    });
    return ok(undefined);
  });
}
