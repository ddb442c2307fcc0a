import { sm2 } from 'sm-crypto';
import { canonicalJson, sm3 } from '../../platform/audit.js';
import { SM2_USER_ID } from './licences.model.js';

/**
 * SM2 signatures with SM3 (GB/T 32918, GB/T 32905) as GB/T 38540 electronic seals make them. The
 * user ID is always set explicitly to GM/T 0009's `1234567812345678`: Node's crypto signs SM2 with
 * an empty ID, which other verifiers (OpenSSL with `distid:1234567812345678`) do not accept.
 */

export interface Sm2KeyPair {
  /** Uncompressed public key 04 ‖ x ‖ y, hex. */
  publicKey: string;
  privateKey: string;
}

/** A fresh SM2 key pair. */
export function generateSealKeys(): Sm2KeyPair {
  const { publicKey, privateKey } = sm2.generateKeyPairHex();
  return { publicKey, privateKey };
}

/** The DER signature (hex) of `message` (UTF-8) under SM2 with SM3 and the standard user ID. */
export function sm2Sign(message: string, keys: Sm2KeyPair): string {
  return sm2.doSignature(message, keys.privateKey, {
    hash: true,
    der: true,
    userId: SM2_USER_ID,
    // Given, so the library does not derive it from the private key on every signature.
    publicKey: keys.publicKey,
  });
}

/** Whether `signature` (DER, hex) is `publicKey`'s SM2/SM3 signature of `message`. */
export function sm2Verify(message: string, signature: string, publicKey: string): boolean {
  try {
    return sm2.doVerifySignature(message, signature, publicKey, {
      hash: true,
      der: true,
      userId: SM2_USER_ID,
    });
  } catch {
    // Malformed signatures or keys make the library throw: they do not verify.
    return false;
  }
}

/** The exact bytes a licence signature covers: the canonical JSON of the signed content. */
export function signedText(content: unknown): string {
  return canonicalJson(content);
}

/** SM3 digest (hex) of the signed content. */
export function contentDigest(content: unknown): string {
  return sm3(signedText(content));
}

/** SubjectPublicKeyInfo prefix of an SM2 public key: id-ecPublicKey with the SM2 curve (1.2.156.10197.1.301). */
const SM2_SPKI_PREFIX = '3059301306072a8648ce3d020106082a811ccf5501822d034200';

/** An SM2 public key (hex, uncompressed) as a PEM SubjectPublicKeyInfo, for OpenSSL and other verifiers. */
export function publicKeyPem(publicKey: string): string {
  if (!/^04[0-9a-f]{128}$/i.test(publicKey)) throw new RangeError('not an uncompressed SM2 public key');
  const der = Buffer.from(`${SM2_SPKI_PREFIX}${publicKey}`, 'hex').toString('base64');
  const lines = der.match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`;
}
