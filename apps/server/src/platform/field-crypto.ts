import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { TtlCache } from './cache.js';

/** How many values' plain text a cipher keeps (`FieldCipher.recent`), and for how long. */
const RECENT_VALUES = 4096;
const RECENT_MS = 60_000;

/** GCM nonces (12 bytes) drawn from the CSPRNG 4,092 bytes at a time, each used once. */
const IV_BYTES = 12;
const IV_POOL_BYTES = IV_BYTES * 341;
let ivPool = Buffer.alloc(0);
let ivOffset = 0;

/**
 * A new random IV: one call into OpenSSL per 341 values instead of one per value (which cost a
 * submission about 5% of its CPU), as Node does for `randomUUID`.
 */
function freshIv(): Buffer {
  if (ivOffset + IV_BYTES > ivPool.length) {
    ivPool = randomBytes(IV_POOL_BYTES);
    ivOffset = 0;
  }
  const iv = ivPool.subarray(ivOffset, ivOffset + IV_BYTES);
  ivOffset += IV_BYTES;
  return iv;
}

/**
 * Personal data encrypted at rest (ID numbers, mobiles, credit codes of applicants, key material):
 * AES-256-GCM with a key derived from the master secret, plus a keyed HMAC "blind index" so a record
 * can be found by the value without decrypting every row. Values look like
 * `v2.<key id>.<iv>.<tag>.<ciphertext>` (base64url); `v1.<iv>.<tag>.<ciphertext>` values written before
 * key ids existed are still read.
 *
 * Rotation, in a short maintenance window: stop the app, run `npm run keys:rotate-fields` with the
 * new secret as APP_SECRET and the old one in APP_SECRET_PREVIOUS (it re-encrypts every stored value
 * and recomputes every blind index under the new key), then start with the new secret. Values under
 * a previous key still decrypt, but lookups by blind index use the current key only, which is why the
 * command runs before the app serves again.
 */
export class FieldCipher {
  private readonly current: FieldKey;
  private readonly keys: readonly FieldKey[];
  /**
   * The plain text of values this process encrypted or decrypted lately, oldest first: a value is
   * read back soon after it is written (a new case answers its applicant's identifier and texts
   * their mobile in the same request) and list pages read the same rows again, and each AES-GCM
   * decryption costs some µs. A stored value never changes its plain text (a new encryption is a new
   * value), so an entry is never stale. Bounded (`RECENT_VALUES`), and holding only what the process
   * handled in the last minute.
   */
  private readonly recent = new TtlCache<string>({ ttlMs: RECENT_MS, maxEntries: RECENT_VALUES });

  constructor(secret: string, previousSecrets: readonly string[] = []) {
    this.current = fieldKey(secret);
    this.keys = [this.current, ...previousSecrets.map(fieldKey)];
  }

  /** The id of the key new values are encrypted with. */
  get keyId(): string {
    return this.current.id;
  }

  encrypt(plain: string): string {
    const iv = freshIv();
    const cipher = createCipheriv('aes-256-gcm', this.current.encryptionKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const value = [
      'v2',
      this.current.id,
      ...[iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url')),
    ].join('.');
    this.recent.set(value, plain);
    return value;
  }

  /** The plain text; throws when the value was tampered with or made with a key this process lacks. */
  decrypt(value: string): string {
    const known = this.recent.get(value);
    if (known !== undefined) return known;
    const plain = this.openValue(value);
    this.recent.set(value, plain);
    return plain;
  }

  private openValue(value: string): string {
    const parts = value.split('.');
    if (parts[0] === 'v2' && parts.length === 5) {
      const key = this.keys.find((candidate) => candidate.id === parts[1]);
      if (!key) throw new Error(`field value encrypted with an unknown key (${parts[1]})`);
      return open(key, parts[2] as string, parts[3] as string, parts[4] as string);
    }
    if (parts[0] === 'v1' && parts.length === 4) {
      // Written before key ids: the authentication tag tells which key made it.
      for (const key of this.keys) {
        try {
          return open(key, parts[1] as string, parts[2] as string, parts[3] as string);
        } catch {}
      }
      throw new Error('field value encrypted with an unknown key');
    }
    throw new Error('not an encrypted field value');
  }

  /** Whether a stored value is under an older key (or has no key id) and should be rotated. */
  isStale(value: string): boolean {
    return !value.startsWith(`v2.${this.current.id}.`);
  }

  /** The same value always gives the same index under one key; without the key it reveals nothing. */
  blindIndex(plain: string): string {
    return createHmac('sha256', this.current.indexKey).update(plain.trim().toUpperCase()).digest('hex');
  }
}

interface FieldKey {
  id: string;
  encryptionKey: Buffer;
  indexKey: Buffer;
}

function fieldKey(secret: string): FieldKey {
  if (secret.length < 32) throw new Error('the field-encryption secret must have at least 32 characters');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, 'yiwang-field-crypto', info, 32));
  const encryptionKey = derive('encryption');
  return {
    // Names the key without revealing it: a hash of the derived key, 8 hex digits.
    id: createHash('sha256').update(encryptionKey).digest('hex').slice(0, 8),
    encryptionKey,
    indexKey: derive('blind-index'),
  };
}

function open(key: FieldKey, iv: string, tag: string, body: string): string {
  const decipher = createDecipheriv('aes-256-gcm', key.encryptionKey, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/**
 * The master secret outside production, where APP_SECRET may be absent: one generated on first start
 * and kept beside the embedded database (mode 0600), so data written in one run can be read in the
 * next. With an in-memory database (tests) a fresh secret per process is enough.
 */
export async function developmentSecret(file: string | null): Promise<string> {
  if (!file) return randomBytes(32).toString('base64url');
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(32).toString('base64url');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return secret;
}
