import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { and, asc, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { signingKeys } from '../../db/schema/identity.js';
import { type RequestContext, recordAudit, systemContext } from '../../platform/audit.js';
import { type Db, type Tx, withTransaction } from '../../platform/database.js';
import type { FieldCipher } from '../../platform/field-crypto.js';

/** The algorithms the provider signs with: ES256 for everything, RS256 for relying parties that need it. */
export const SIGNING_ALGORITHMS = ['ES256', 'RS256'] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

/**
 * The longest a token signed by a key stays valid (ID tokens: 1 hour; access tokens and logout tokens
 * live shorter), with a margin for clock skew. A rotated key is published this long after rotation.
 */
export const MAX_SIGNED_TOKEN_SECONDS = 60 * 60 + 5 * 60;

/** Tells the OIDC providers of this process that the key set changed (`rotated`), so they reload at once. */
export const signingKeyEvents = new EventEmitter();

/** Arbitrary constant: serialises key creation and rotation between processes. */
const KEYS_LOCK = 7_245_105;

type KeyRow = typeof signingKeys.$inferSelect;

async function newKey(cipher: FieldCipher, alg: SigningAlgorithm, now: Date) {
  const { privateKey, publicKey } = await generateKeyPair(alg, {
    extractable: true,
    ...(alg === 'RS256' ? { modulusLength: 2048 } : {}),
  });
  const kid = `${alg.toLowerCase()}-${now.toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`;
  const meta = { kid, alg, use: 'sig' };
  const privateJwk = { ...(await exportJWK(privateKey)), ...meta };
  const publicJwk = { ...(await exportJWK(publicKey)), ...meta };
  return {
    kid,
    alg,
    privateJwkEncrypted: cipher.encrypt(JSON.stringify(privateJwk)),
    publicJwk,
    createdAt: now,
  };
}

async function lockKeys(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${KEYS_LOCK})`);
}

async function currentKeys(tx: Db | Tx): Promise<KeyRow[]> {
  return tx.select().from(signingKeys).where(isNull(signingKeys.rotatedAt));
}

/**
 * Create the signing keys on first start: one current key per algorithm. A no-op once they exist;
 * safe when several processes start together.
 */
export async function ensureSigningKeys(db: Db, cipher: FieldCipher, now: Date): Promise<void> {
  const existing = await currentKeys(db);
  if (SIGNING_ALGORITHMS.every((alg) => existing.some((key) => key.alg === alg))) return;
  await withTransaction(db, async (tx) => {
    await lockKeys(tx);
    const current = await currentKeys(tx);
    for (const alg of SIGNING_ALGORITHMS) {
      if (current.some((key) => key.alg === alg)) continue;
      const key = await newKey(cipher, alg, now);
      await tx.insert(signingKeys).values(key);
      await recordAudit(tx, systemContext('identity.keys'), {
        action: 'identity.signing_key.create',
        entityType: 'signing_key',
        entityId: key.kid,
        after: { kid: key.kid, alg },
      });
    }
  });
}

/**
 * 轮换签名密钥: a new key per algorithm signs from now on; the previous one stays published (for
 * verification only) until every token it signed has expired, then drops out of the JWKS.
 */
export async function rotateSigningKey(
  db: Db,
  cipher: FieldCipher,
  now: Date,
  context: RequestContext = systemContext('identity.keys'),
): Promise<{ kids: string[]; retired: string[] }> {
  const rotated = await withTransaction(db, async (tx) => {
    await lockKeys(tx);
    const previous = await currentKeys(tx);
    const retireAfter = new Date(now.getTime() + MAX_SIGNED_TOKEN_SECONDS * 1000);
    const kids: string[] = [];
    for (const alg of SIGNING_ALGORITHMS) {
      const key = await newKey(cipher, alg, now);
      await tx.insert(signingKeys).values(key);
      kids.push(key.kid);
    }
    for (const old of previous) {
      await tx
        .update(signingKeys)
        .set({ rotatedAt: now, retireAfter })
        .where(and(eq(signingKeys.kid, old.kid), isNull(signingKeys.rotatedAt)));
    }
    await recordAudit(tx, context, {
      action: 'identity.signing_key.rotate',
      entityType: 'signing_key',
      entityId: kids.join(','),
      before: previous.map((key) => key.kid),
      after: { kids, retireAfter: retireAfter.toISOString() },
    });
    return { kids, retired: previous.map((key) => key.kid) };
  });
  signingKeyEvents.emit('rotated');
  return rotated;
}

/** Keys still published at `now`: the current ones and rotated ones whose tokens may still be valid. */
async function publishedKeys(db: Db, now: Date): Promise<KeyRow[]> {
  return db
    .select()
    .from(signingKeys)
    .where(or(isNull(signingKeys.retireAfter), gt(signingKeys.retireAfter, now)))
    .orderBy(asc(sql`${signingKeys.rotatedAt} is not null`), desc(signingKeys.createdAt));
}

/**
 * The provider's private key set: the current keys first (they sign), then rotated keys still
 * published, marked verify-only so the provider never signs with them again.
 */
export async function providerJwks(db: Db, cipher: FieldCipher, now: Date): Promise<{ keys: JWK[] }> {
  const rows = await publishedKeys(db, now);
  return {
    keys: rows.map((row) => {
      const jwk = JSON.parse(cipher.decrypt(row.privateJwkEncrypted)) as JWK;
      return row.rotatedAt ? { ...jwk, key_ops: ['verify'] } : jwk;
    }),
  };
}

/**
 * The public keys that verify the provider's tokens (what `<issuer>/jwks` publishes): for the
 * platform API's authenticator, which verifies JWT access tokens without calling the provider.
 */
export async function publicJwks(db: Db, now: Date = new Date()): Promise<{ keys: JWK[] }> {
  const rows = await publishedKeys(db, now);
  return { keys: rows.map((row) => row.publicJwk as JWK) };
}

/** What changes when the key set changes (a rotation, a key retiring): tells a provider to reload. */
export async function signingKeysVersion(db: Db, now: Date): Promise<string> {
  const rows = await publishedKeys(db, now);
  return rows.map((row) => `${row.kid}:${row.rotatedAt ? 'r' : 'c'}`).join(',');
}
