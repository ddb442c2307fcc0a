import { hash, verify } from '@node-rs/argon2';
import { COMMON_PASSWORDS } from './identity.common-passwords.js';
import { identityErrors } from './identity.errors.js';

/**
 * Password rules (密码策略), after GB/T 22239-2019 (等保 2.0) 身份鉴别: a password of some length
 * and complexity that is not easily guessed. Each rule has a stable code clients can rely on.
 */
export const PASSWORD_RULES = {
  min_length: '至少 8 个字符',
  max_length: '不能超过 128 个字符',
  char_classes: '须包含小写字母、大写字母、数字、符号中的至少三类',
  contains_id_number: '不能包含证件号码',
  contains_mobile: '不能包含手机号码',
  contains_username: '不能包含用户名',
  common: '过于常见，容易被猜中',
  reused: '不能与最近 5 次使用过的密码相同',
} as const;

export type PasswordRule = keyof typeof PASSWORD_RULES;

export const PASSWORD_MIN_LENGTH = 8;
/** Long enough for any passphrase, short enough that hashing it costs nothing unusual. */
export const PASSWORD_MAX_LENGTH = 128;
/** How many earlier passwords a new one may not repeat. */
export const PASSWORD_HISTORY_DEPTH = 5;

/** What the password must not contain: the account's own identifiers. */
export interface PasswordOwner {
  idNumber?: string | null | undefined;
  mobile?: string | null | undefined;
  username?: string | null | undefined;
}

/** Every rule the password breaks that can be decided without the database (all but `reused`). */
export function passwordProblems(password: string, owner: PasswordOwner = {}): PasswordRule[] {
  const problems: PasswordRule[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('min_length');
  if (length > PASSWORD_MAX_LENGTH) problems.push('max_length');
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((pattern) => pattern.test(password)).length;
  if (classes < 3) problems.push('char_classes');
  const lower = password.toLowerCase();
  const contains = (value: string | null | undefined, minLength: number) =>
    value !== null && value !== undefined && value.length >= minLength && lower.includes(value.toLowerCase());
  if (contains(owner.idNumber, 1)) problems.push('contains_id_number');
  if (contains(owner.mobile, 1)) problems.push('contains_mobile');
  // A three-letter username inside a long password is a coincidence, not a weakness.
  if (contains(owner.username, 4)) problems.push('contains_username');
  // The usual decoration of a common password (Woaini1314!, @Aa123456) does not make it uncommon.
  const undecorated = lower.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(undecorated)) problems.push('common');
  return problems;
}

/** Throw IDENTITY_PASSWORD_WEAK listing every broken rule (with `reused` when the caller found it). */
export function assertPasswordRules(field: string, problems: readonly PasswordRule[]): void {
  if (problems.length === 0) return;
  throw identityErrors.passwordWeak(
    field,
    problems.map((rule) => ({ rule, message: PASSWORD_RULES[rule] })),
  );
}

/**
 * argon2id with the OWASP-recommended minimum (m = 19 MiB, t = 2, p = 1), which are also the
 * library's defaults; spelled out so a library upgrade cannot weaken stored hashes silently.
 */
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** The PHC-format argon2id hash of a password. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** Whether `password` matches the stored hash; false (never a throw) for a malformed hash. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spend the time of one verification when there is no account to verify against, so the answer
 * for an unknown login takes as long as for a wrong password.
 */
export async function verifyNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword('yiwang-no-such-account');
  await verifyPassword(await dummyHash, password);
  return false;
}
