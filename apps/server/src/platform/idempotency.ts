import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { idempotencyKeys } from '../db/schema/platform.js';
import { canonicalJson } from './audit.js';
import { type Db, insertRowsAsJson, queryRows, sendAhead, type Tx, withTransaction } from './database.js';
import { AppError, badRequest } from './errors.js';

const KEY_PATTERN = /^[\w.:-]{8,128}$/;

/** A request's Idempotency-Key: whose it is, the key, and a digest of the request it names. */
export interface IdempotencyKey {
  principalId: string;
  key: string;
  requestHash: string;
}

/** The request's Idempotency-Key, checked, or undefined when it sends none. */
export function idempotencyKeyOf(request: FastifyRequest): IdempotencyKey | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !KEY_PATTERN.test(header))
    throw badRequest('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key 须为 8 至 128 位字母、数字或 - _ . :', {
      field: 'headers.idempotency-key',
    });
  return {
    principalId: request.principal?.id ?? `anonymous:${request.ip}`,
    key: header,
    requestHash: createHash('sha256')
      .update(canonicalJson({ method: request.method, url: request.url, body: request.body ?? null }))
      .digest('hex'),
  };
}

const keyName = (key: Pick<IdempotencyKey, 'principalId' | 'key'>) => `${key.principalId}\u0000${key.key}`;

/**
 * Claim keys in the caller's transaction, in one statement: a claimed key is this transaction's
 * until it commits (its answer stored with `storeIdempotentAnswers`) or rolls back. Answers whether
 * each key was claimed; one that was not is another request's (running or done): answer it with
 * `idempotent`, which waits for that request and replays its answer.
 */
export async function claimIdempotencyKeys(tx: Tx, keys: readonly IdempotencyKey[]): Promise<boolean[]> {
  if (keys.length === 0) return [];
  // In one order everywhere, so two batches claiming the same keys wait for each other, never in a cycle.
  const ordered = [...keys].sort((a, b) => (keyName(a) < keyName(b) ? -1 : keyName(a) > keyName(b) ? 1 : 0));
  const claimed = await queryRows<{ principal_id: string; key: string }>(
    tx,
    sql`${insertRowsAsJson(
      idempotencyKeys,
      ordered.map((key) => ({
        principalId: key.principalId,
        key: key.key,
        requestHash: key.requestHash,
        statusCode: 0,
      })),
      { response: sql`'null'::json` },
    )} on conflict do nothing returning principal_id, key`,
  );
  const names = new Set(claimed.map((row) => keyName({ principalId: row.principal_id, key: row.key })));
  // The same key twice in one statement is claimed once: the first asking has it.
  const taken = new Set<string>();
  return keys.map((key) => {
    const name = keyName(key);
    if (!names.has(name) || taken.has(name)) return false;
    taken.add(name);
    return true;
  });
}

/**
 * Claim the keys of a batch's items (`claimIdempotencyKeys`, one statement) and answer the items to
 * run: those without a key and those whose key this transaction now holds. The others' keys belong
 * to other requests (retries, running or done), to be answered as any idempotent retry.
 */
export async function claimBatch<T>(
  tx: Tx,
  batch: readonly T[],
  keyOf: (item: T) => IdempotencyKey | undefined,
): Promise<T[]> {
  const keyed = batch.flatMap((item) => {
    const key = keyOf(item);
    return key ? [{ item, key }] : [];
  });
  const claims = await claimIdempotencyKeys(
    tx,
    keyed.map(({ key }) => key),
  );
  const retries = new Set(keyed.filter((_, index) => !claims[index]).map(({ item }) => item));
  return batch.filter((item) => !retries.has(item));
}

/** Store the answers of claimed keys, in one statement, in the transaction that claimed them. */
export async function storeIdempotentAnswers(
  tx: Tx,
  answers: readonly { key: IdempotencyKey; statusCode: number; body: unknown }[],
): Promise<void> {
  if (answers.length === 0) return;
  const rows = answers.map(({ key, statusCode, body }) => ({
    principal_id: key.principalId,
    key: key.key,
    status_code: statusCode,
    response: body ?? null,
  }));
  // Nothing waits for it: sent ahead of the rest of the transaction.
  await sendAhead(
    tx,
    tx.execute(
      sql`update ${idempotencyKeys} set status_code = answer.status_code, response = answer.response
      from json_to_recordset(${JSON.stringify(rows)}::json)
        as answer (principal_id text, key text, status_code int, response json)
      where ${idempotencyKeys.principalId} = answer.principal_id and ${idempotencyKeys.key} = answer.key`,
    ),
  );
}

/**
 * Give up keys claimed in this transaction whose request was not taken (refused, or to run on its
 * own): as if never claimed, so the request's retry runs anew, as on the single way, where a refusal
 * rolls the claim back with everything else.
 */
export async function releaseIdempotencyKeys(tx: Tx, keys: readonly IdempotencyKey[]): Promise<void> {
  if (keys.length === 0) return;
  const rows = keys.map(({ principalId, key }) => ({ principal_id: principalId, key }));
  await tx.execute(
    sql`delete from ${idempotencyKeys} using json_to_recordset(${JSON.stringify(rows)}::json)
          as released (principal_id text, key text)
        where ${idempotencyKeys.principalId} = released.principal_id and ${idempotencyKeys.key} = released.key
          and ${idempotencyKeys.statusCode} = 0`,
  );
}

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
  const key = idempotencyKeyOf(request);
  if (key === undefined) return reply.status(statusCode).send(await withTransaction(db, run)) as never;
  const outcome = await withTransaction(db, async (tx) => {
    const [claimed] = await claimIdempotencyKeys(tx, [key]);
    if (!claimed) {
      const [stored] = await tx
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.principalId, key.principalId), eq(idempotencyKeys.key, key.key)));
      if (!stored) throw new Error('idempotency key vanished');
      if (stored.requestHash !== key.requestHash)
        throw new AppError('IDEMPOTENCY_KEY_REUSED', 422, '该 Idempotency-Key 已用于另一个请求', {
          field: 'headers.idempotency-key',
        });
      return { replayed: true as const, statusCode: stored.statusCode, body: stored.response as T };
    }
    const body = await run(tx);
    await storeIdempotentAnswers(tx, [{ key, statusCode, body }]);
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
