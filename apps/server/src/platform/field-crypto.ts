import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

const VERSION = 'v1';

/**
 * Personal data encrypted at rest (ID numbers, credit codes of applicants): AES-256-GCM with a key
 * derived from the master secret, plus a keyed HMAC "blind index" so a record can be found by the
 * value without decrypting every row. Values look like `v1.<iv>.<tag>.<ciphertext>` (base64url).
 */
export class FieldCipher {
  private readonly encryptionKey: Buffer;
  private readonly indexKey: Buffer;

  constructor(secret: string) {
    if (secret.length < 32) throw new Error('the field-encryption secret must have at least 32 characters');
    const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, 'yiwang-field-crypto', info, 32));
    this.encryptionKey = derive('encryption');
    this.indexKey = derive('blind-index');
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), body]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  /** The plain text; throws when the value was tampered with or made with another key. */
  decrypt(value: string): string {
    const [version, iv, tag, body] = value.split('.');
    if (version !== VERSION || !iv || !tag || body === undefined)
      throw new Error('not an encrypted field value');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }

  /** The same value always gives the same index; without the key the index reveals nothing. */
  blindIndex(plain: string): string {
    return createHmac('sha256', this.indexKey).update(plain.trim().toUpperCase()).digest('hex');
  }
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
