/**
 * 公民身份号码 — the citizen identity number, GB 11643-1999.
 *
 *   positions 1–6    address code: the GB/T 2260 county where the number was issued
 *   positions 7–14   birth date YYYYMMDD (GB/T 7408)
 *   positions 15–17  sequence code; odd for men, even for women
 *   position 18      check char, ISO 7064 MOD 11-2 ('0'–'9' or 'X')
 *
 * Only the 18-char form is accepted; the 15-digit numbers issued before 1999 were all replaced.
 */
import { isValidRegionCode } from './region-code.js';

/** Weights 2^(18−i) mod 11 of positions 1–17 (ISO 7064 MOD 11-2). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;

/** Check char indexed by Σ mod 11. */
const CHECK_CHARS = '10X98765432';

/** China Standard Time is UTC+8 all year; "today" for a birth date is today in China. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

export type CitizenIdInvalidReason = 'length' | 'charset' | 'region' | 'birth_date' | 'check_char';

export type CitizenIdValidation = { ok: true } | { ok: false; reason: CitizenIdInvalidReason };

/**
 * The check char for the first 17 digits of a citizen ID:
 * ISO 7064 MOD 11-2, Σ digit × weight mod 11 mapped through 1 0 X 9 8 7 6 5 4 3 2.
 * Throws a RangeError when `first17` is not 17 digits.
 */
export function citizenIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError(`expected 17 digits, got ${JSON.stringify(first17)}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += Number(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  }
  return CHECK_CHARS.charAt(sum % 11);
}

/**
 * Validates an 18-char citizen ID exactly as given (the check char must be a capital 'X';
 * see `normalizeCitizenId`). Checks, in order: length, 17 digits + digit-or-X, a well-formed
 * 6-digit GB/T 2260 address code, a real calendar birth date that is not after today in China
 * (`now` defaults to the current time) nor before 1800 (a typo, not a person), and the check char.
 *
 * The address code is checked for form only: numbers issued under codes since retired stay valid
 * for life, so no list of codes in force can decide it.
 */
export function validateCitizenId(id: string, now: Date = new Date()): CitizenIdValidation {
  if (id.length !== 18) return { ok: false, reason: 'length' };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, reason: 'charset' };
  if (!isValidRegionCode(id.slice(0, 6))) return { ok: false, reason: 'region' };
  const birth = id.slice(6, 14);
  if (!isRealDate(birth) || birth > chinaDateStamp(now)) return { ok: false, reason: 'birth_date' };
  if (citizenIdCheckChar(id.slice(0, 17)) !== id.charAt(17)) return { ok: false, reason: 'check_char' };
  return { ok: true };
}

/** Whether `id` is a valid citizen ID (see `validateCitizenId`). */
export function isValidCitizenId(id: string, now: Date = new Date()): boolean {
  return validateCitizenId(id, now).ok;
}

/** Trims surrounding whitespace and upper-cases a trailing 'x', the usual repair of a typed-in ID. */
export function normalizeCitizenId(input: string): string {
  return input.trim().toUpperCase();
}

/**
 * The birth date of a valid citizen ID as an ISO date, 'YYYY-MM-DD'.
 * Throws a RangeError naming the reason when the ID is not valid.
 */
export function birthDateOfCitizenId(id: string, now: Date = new Date()): string {
  const result = validateCitizenId(id, now);
  if (!result.ok) throw new RangeError(`invalid citizen ID (${result.reason})`);
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/**
 * Masks a citizen ID for list views and logs the way government portals print it: the 6-digit
 * region code and the last 4 chars stay, the birth date and the first sequence digits become '*'
 * (110101********1234). A clerk can still tell two people apart by the tail. Input shorter than
 * 12 chars is masked entirely, so a malformed value never leaks into a log.
 */
export function maskCitizenId(id: string): string {
  if (id.length < 12) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/**
 * Masks a mobile number the way carriers and government portals print it: the first 3 and last 4
 * digits stay (138****1234). Input shorter than 8 chars is masked entirely.
 */
export function maskMobile(mobile: string): string {
  if (mobile.length < 8) return '*'.repeat(mobile.length);
  return `${mobile.slice(0, 3)}${'*'.repeat(mobile.length - 7)}${mobile.slice(-4)}`;
}

function isRealDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1800 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function chinaDateStamp(now: Date): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '');
}
