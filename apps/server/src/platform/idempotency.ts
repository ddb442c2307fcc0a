import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { idempotencyKeys } from '../db/schema/platform.js';
import { canonicalJson } from './audit.js';
import { type Db, type Tx, withTransaction } from './database.js';
import { AppError, badRequest } from './errors.js';

const KEY_PATTERN = /^[\w.:-]{8,128}$/;

/**
 * `Idempotency-Key` for state-changing calls: the first request with a key runs and its answer is
 * stored in the same transaction as its effects; a retry with the same key gets that answer back and
 * changes nothing. Two requests with one key at the same moment: the second waits on the key's row
 * until the first commits, then gets its answer. The same key with another request is refused.
 * Without the header the call simply runs (in a transaction).
 */
export async function idempotent<T>(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  statusCode: number,
  run: (tx: Tx) => Promise<T>,
): Promise<T> {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return reply.status(statusCode).send(await withTransaction(db, run)) as never;
  if (typeof header !== 'string' || !KEY_PATTERN.test(header))
    throw badRequest('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key 须为 8 至 128 位字母、数字或 - _ . :', {
      field: 'headers.idempotency-key',
    });
  const principalId = request.principal?.id ?? `anonymous:${request.ip}`;
  const requestHash = createHash('sha256')
    .update(canonicalJson({ method: request.method, url: request.url, body: request.body ?? null }))
    .digest('hex');
  const outcome = await withTransaction(db, async (tx) => {
    const claimed = await tx
      .insert(idempotencyKeys)
      .values({ principalId, key: header, requestHash, statusCode: 0, response: sql`'null'::jsonb` })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed.length === 0) {
      const [stored] = await tx
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.principalId, principalId), eq(idempotencyKeys.key, header)));
      if (!stored) throw new Error('idempotency key vanished');
      if (stored.requestHash !== requestHash)
        throw new AppError('IDEMPOTENCY_KEY_REUSED', 422, '该 Idempotency-Key 已用于另一个请求', {
          field: 'headers.idempotency-key',
        });
      return { replayed: true as const, statusCode: stored.statusCode, body: stored.response as T };
    }
    const body = await run(tx);
    await tx
      .update(idempotencyKeys)
      .set({ statusCode, response: sql`${JSON.stringify(body ?? null)}::jsonb` })
      .where(and(eq(idempotencyKeys.principalId, principalId), eq(idempotencyKeys.key, header)));
    return { replayed: false as const, statusCode, body };
  });
  if (outcome.replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(outcome.statusCode).send(outcome.body) as never;
}

/** Forget keys older than `maxAgeMs` (a retry comes within minutes, not days). */
export async function pruneIdempotencyKeys(db: Db, maxAgeMs = 24 * 3_600_000): Promise<number> {
  const deleted = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, new Date(Date.now() - maxAgeMs)))
    .returning({ key: idempotencyKeys.key });
  return deleted.length;
}
