/**
 * 电子证照标识 — the identifier of an electronic licence, GB/T 36904-2018 (电子证照 标识规范):
 *
 *   1.2.156.3005.2.{证照类型代码}.{颁发机构代码}.{顺序号}.{版本号}.{校验位}
 *
 * - `1.2.156.3005.2` is the fixed OID arc of e-licences (China 156, the national e-licence arc);
 * - the licence type code (e.g. `11100000000013338W032`, or a local short code such as `YYZZ`);
 * - the issuer code: the issuing authority's 18-char unified social credit code (GB 32100);
 * - the serial number of the licence within that type and issuer;
 * - the version: three digits, `001` for the first issue, incremented on each change or renewal;
 * - the check character: ISO 7064 MOD 37,36 (the hybrid system over 0-9 A-Z) computed over the
 *   characters of the type code, issuer code, serial and version with the dots left out. The fixed
 *   prefix is not covered: it is the same on every identifier.
 *
 * Worked example (a real identifier): for
 * `1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F` the check covers
 * `11100000000013338W03211220000013544541J2430599001` and the check character is `F`.
 */

/** The fixed arc every e-licence identifier starts with. */
export const LICENCE_ID_PREFIX = '1.2.156.3005.2';

/** The 36 characters of ISO 7064 MOD 37,36, in value order: 0–9 are 0–9, A–Z are 10–35. */
export const MOD_37_36_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

const M = 36;

/**
 * The ISO 7064 MOD 37,36 check character of `text` (digits and upper-case letters). The hybrid
 * system: P = M; for each character, S = (P + value) mod M (0 read as M), P = 2S mod (M + 1); the
 * check character makes the next S equal 1. Throws a RangeError on other characters.
 */
export function mod37x36CheckChar(text: string): string {
  if (text.length === 0 || !/^[0-9A-Z]+$/.test(text)) {
    throw new RangeError(`expected digits and upper-case letters, got ${JSON.stringify(text)}`);
  }
  let p = M;
  for (const char of text) {
    let s = (p + MOD_37_36_ALPHABET.indexOf(char)) % M;
    if (s === 0) s = M;
    p = (2 * s) % (M + 1);
  }
  return MOD_37_36_ALPHABET.charAt((M + 1 - p) % M);
}

/** Whether the last character of `text` is the MOD 37,36 check character of the rest. */
export function isValidMod37x36(text: string): boolean {
  if (text.length < 2 || !/^[0-9A-Z]+$/.test(text)) return false;
  return mod37x36CheckChar(text.slice(0, -1)) === text.slice(-1);
}

/** The parts of an e-licence identifier. */
export interface LicenceIdParts {
  /** 证照类型代码 */
  typeCode: string;
  /** 颁发机构代码: the issuer's unified social credit code. */
  issuerCode: string;
  /** 顺序号 */
  serial: string;
  /** 版本号, 1 for `001`. */
  version: number;
}

export type LicenceIdInvalidReason = 'format' | 'prefix' | 'version' | 'check_char';

export type LicenceIdValidation =
  | { ok: true; parts: LicenceIdParts; checkChar: string }
  | { ok: false; reason: LicenceIdInvalidReason };

const SEGMENT = /^[0-9A-Z]{1,40}$/;

/** The characters the check character covers: type code, issuer, serial and version without dots. */
function checkedText(parts: LicenceIdParts): string {
  return `${parts.typeCode}${parts.issuerCode}${parts.serial}${String(parts.version).padStart(3, '0')}`;
}

/**
 * Build an identifier from its parts, with its check character. Throws a RangeError when a part
 * does not fit (segments of 1–40 digits or upper-case letters, version 1–999).
 */
export function makeLicenceId(parts: LicenceIdParts): string {
  for (const [name, value] of [
    ['typeCode', parts.typeCode],
    ['issuerCode', parts.issuerCode],
    ['serial', parts.serial],
  ] as const) {
    if (!SEGMENT.test(value)) throw new RangeError(`licence identifier ${name} ${JSON.stringify(value)}`);
  }
  if (!Number.isInteger(parts.version) || parts.version < 1 || parts.version > 999) {
    throw new RangeError(`licence identifier version ${parts.version} is not 1–999`);
  }
  const version = String(parts.version).padStart(3, '0');
  const body = `${LICENCE_ID_PREFIX}.${parts.typeCode}.${parts.issuerCode}.${parts.serial}.${version}`;
  return `${body}.${mod37x36CheckChar(checkedText(parts))}`;
}

/** Check an identifier's shape and its check character, and split it into its parts. */
export function validateLicenceId(identifier: string): LicenceIdValidation {
  if (!identifier.startsWith(`${LICENCE_ID_PREFIX}.`)) return { ok: false, reason: 'prefix' };
  const segments = identifier.slice(LICENCE_ID_PREFIX.length + 1).split('.');
  if (segments.length !== 5) return { ok: false, reason: 'format' };
  const [typeCode, issuerCode, serial, version, checkChar] = segments as [
    string,
    string,
    string,
    string,
    string,
  ];
  if (
    ![typeCode, issuerCode, serial].every((segment) => SEGMENT.test(segment)) ||
    !/^[0-9A-Z]$/.test(checkChar)
  )
    return { ok: false, reason: 'format' };
  if (!/^\d{3}$/.test(version) || version === '000') return { ok: false, reason: 'version' };
  const parts: LicenceIdParts = { typeCode, issuerCode, serial, version: Number(version) };
  if (mod37x36CheckChar(checkedText(parts)) !== checkChar) return { ok: false, reason: 'check_char' };
  return { ok: true, parts, checkChar };
}

/** Whether an identifier is well formed with a correct check character. */
export function isValidLicenceId(identifier: string): boolean {
  return validateLicenceId(identifier).ok;
}
