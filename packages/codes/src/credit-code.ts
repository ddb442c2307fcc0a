/**
 * 统一社会信用代码 — the unified social credit code of legal persons and other organisations,
 * GB 32100-2015 (法人和其他组织统一社会信用代码编码规则).
 *
 *   position 1      登记管理部门代码 registration authority (1 机构编制, 5 民政, 9 工商, …)
 *   position 2      机构类别代码 organisation category (for 1: 1 机关, 2 事业单位, …)
 *   positions 3–8   登记管理机关行政区划码, a GB/T 2260 code
 *   positions 9–17  主体标识码 (组织机构代码), coded per GB 11714: 8 body chars + its own check char
 *   position 18     check char, GB/T 17710 style mod 31 over positions 1–17
 *
 * Characters come from the 31-char alphabet 0-9 A-H J-N P-R T U W-Y (no I O Z S V), each valued by
 * its index in that alphabet.
 */
import { isValidRegionCode } from './region-code.js';

/** The 31 characters a credit code may use, in value order (GB 32100-2015). */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights of positions 1–17: 3^(i−1) mod 31 (GB 32100-2015). */
const CHECK_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Weights of the 8 body chars of an organisation code (GB 11714-1997). */
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/**
 * Region part used by organisations registered at the central level, which have no
 * GB/T 2260 province: 100000 stands for the whole country.
 */
const NATIONAL_REGION_CODE = '100000';

export type CreditCodeInvalidReason = 'length' | 'charset' | 'region' | 'org_code' | 'check_char';

export type CreditCodeValidation = { ok: true } | { ok: false; reason: CreditCodeInvalidReason };

/**
 * The 18th (check) char for the first 17 chars of a credit code:
 * C18 = 31 − (Σ value(Ci) × Wi mod 31), with 31 written as '0' (GB 32100-2015).
 * Throws a RangeError when `first17` is not 17 chars of the credit-code alphabet.
 */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17 || !isInAlphabet(first17)) {
    throw new RangeError(`expected 17 credit-code characters, got ${JSON.stringify(first17)}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += CREDIT_CODE_ALPHABET.indexOf(first17.charAt(i)) * (CHECK_WEIGHTS[i] ?? 0);
  }
  return CREDIT_CODE_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/**
 * The check char of a GB 11714 organisation code (组织机构代码) for its 8-char body:
 * C9 = 11 − (Σ value(Ci) × Wi mod 11), 10 written 'X' and 11 written '0'.
 * Body chars are digits (value 0–9) or capital letters (A = 10 … Z = 35).
 * Throws a RangeError when `body` is not 8 digits or capital letters.
 */
export function orgCodeCheckChar(body: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body)) {
    throw new RangeError(`expected an 8-char organisation code body, got ${JSON.stringify(body)}`);
  }
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    sum += Number.parseInt(body.charAt(i), 36) * (ORG_CODE_WEIGHTS[i] ?? 0);
  }
  const check = 11 - (sum % 11);
  if (check === 10) return 'X';
  if (check === 11) return '0';
  return String(check);
}

/**
 * Validates a credit code exactly as given (no trimming or case folding; see
 * `normalizeCreditCode`). Checks, in order: 18 chars, the 31-char alphabet, a well-formed
 * GB/T 2260 region in positions 3–8 (or 100000 for central registration), the GB 11714 check
 * char of the organisation code in positions 9–17, and the final check char.
 *
 * The embedded organisation-code check is verified on purpose: GB 32100-2015 defines
 * positions 9–17 as the 主体标识码 "按照 GB 11714 编码", so its 9th char is the GB 11714 check
 * char, and every code issued by a registration authority satisfies it. A code that fails it
 * while passing the mod-31 check was made up, not issued.
 */
export function validateCreditCode(code: string): CreditCodeValidation {
  if (code.length !== 18) return { ok: false, reason: 'length' };
  if (!isInAlphabet(code)) return { ok: false, reason: 'charset' };
  const region = code.slice(2, 8);
  if (region !== NATIONAL_REGION_CODE && !(isValidRegionCode(region) && region.length === 6)) {
    return { ok: false, reason: 'region' };
  }
  if (orgCodeCheckChar(code.slice(8, 16)) !== code.charAt(16)) return { ok: false, reason: 'org_code' };
  if (creditCodeCheckChar(code.slice(0, 17)) !== code.charAt(17)) return { ok: false, reason: 'check_char' };
  return { ok: true };
}

/** Whether `code` is a valid credit code (see `validateCreditCode`). */
export function isValidCreditCode(code: string): boolean {
  return validateCreditCode(code).ok;
}

/** Trims surrounding whitespace and upper-cases, the usual repair of a typed-in code. */
export function normalizeCreditCode(input: string): string {
  return input.trim().toUpperCase();
}

/** The parts `makeCreditCode` assembles; the two check chars are computed. */
export interface CreditCodeParts {
  /** 登记管理部门代码, one alphabet char (e.g. '1' 机构编制, '9' 工商). */
  registrationAuthority: string;
  /** 机构类别代码, one alphabet char (e.g. '1' 机关 under 机构编制). */
  category: string;
  /** 6-digit GB/T 2260 code of the registering authority, or 100000 for central registration. */
  regionCode: string;
  /** The 8-char body of the organisation code, in the credit-code alphabet. */
  orgCodeBody: string;
}

/**
 * Builds a credit code from its parts, computing the GB 11714 check char of the organisation
 * code and the final GB 32100 check char. The result always passes `validateCreditCode`.
 * Throws a RangeError naming the part at fault.
 */
export function makeCreditCode(parts: CreditCodeParts): string {
  const { registrationAuthority, category, regionCode, orgCodeBody } = parts;
  if (registrationAuthority.length !== 1 || !isInAlphabet(registrationAuthority)) {
    throw new RangeError(`registrationAuthority must be one credit-code character: ${registrationAuthority}`);
  }
  if (category.length !== 1 || !isInAlphabet(category)) {
    throw new RangeError(`category must be one credit-code character: ${category}`);
  }
  if (regionCode !== NATIONAL_REGION_CODE && !(regionCode.length === 6 && isValidRegionCode(regionCode))) {
    throw new RangeError(`regionCode must be a 6-digit GB/T 2260 code: ${regionCode}`);
  }
  if (orgCodeBody.length !== 8 || !isInAlphabet(orgCodeBody)) {
    throw new RangeError(`orgCodeBody must be 8 credit-code characters: ${orgCodeBody}`);
  }
  const first17 = `${registrationAuthority}${category}${regionCode}${orgCodeBody}${orgCodeCheckChar(orgCodeBody)}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
}

function isInAlphabet(text: string): boolean {
  for (const ch of text) {
    if (!CREDIT_CODE_ALPHABET.includes(ch)) return false;
  }
  return true;
}
