import { createHash, randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';

/**
 * 动态口令 (TOTP, RFC 6238: 6 digits, 30 s steps, SHA-1, as every authenticator app expects) and the
 * recovery codes (恢复码) that stand in for a lost device.
 */
export const TOTP_ISSUER = '一网通办';
const PERIOD_SECONDS = 30;
/** One step either side: a phone clock a little off still works. */
const TOLERANCE_SECONDS = PERIOD_SECONDS;

/** A new random secret (160 bits, base32), the size RFC 4226 recommends. */
export function newTotpSecret(): string {
  return generateSecret();
}

/** The otpauth:// URI an authenticator app scans as a QR code. */
export function totpUri(secret: string, label: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label, secret });
}

/**
 * The time step a code matches at `now` (within one step of drift), or null. A code whose step is
 * not after `afterStep` is refused: each code works once, even within its 30 seconds.
 */
export async function matchTotp(
  secret: string,
  code: string,
  now: Date,
  afterStep: number | null,
): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOLERANCE_SECONDS,
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** Recovery codes use letters and digits that cannot be mistaken for each other (no 0/o, 1/l/i). */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const RECOVERY_CODE_COUNT = 10;

/** Ten new recovery codes like `k7dm2-xq9wa`, shown to the holder once. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () =>
      RECOVERY_ALPHABET.charAt(randomInt(RECOVERY_ALPHABET.length)),
    );
    return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
  });
}

/** A typed-in recovery code with spaces, dashes and case ignored. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

/** What is stored of a recovery code: the SHA-256 of its normalised form (50 random bits need no slow hash). */
export function recoveryCodeHash(code: string): string {
  return createHash('sha256').update(normalizeRecoveryCode(code)).digest('hex');
}
