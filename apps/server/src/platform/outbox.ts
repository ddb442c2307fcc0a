import { and, asc, eq, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { outbox } from '../db/schema/platform.js';
import { type Db, insertRowsAsJson, queryRows, type Tx } from './database.js';

export interface OutboxMessage<T = unknown> {
  id: number;
  topic: string;
  payload: T;
  attempts: number;
  requestId: string | null;
}

/** Delivers one message; throwing means "try again later". Must be idempotent (at-least-once). */
export type OutboxHandler = (message: OutboxMessage) => Promise<void>;

/** A message to write to the outbox. */
export interface NewOutboxMessage {
  topic: string;
  payload: unknown;
  requestId?: string | null;
}

/**
 * Write a message in the caller's transaction: it leaves only if the change that caused it commits.
 */
export async function enqueueOutbox(tx: Tx, message: NewOutboxMessage): Promise<number> {
  const [id] = await enqueueOutboxMany(tx, [message]);
  if (id === undefined) throw new Error('outbox insert returned no row');
  return id;
}

/** Write several messages in one statement (one JSON parameter); their ids in the order given. */
export async function enqueueOutboxMany(tx: Tx, messages: readonly NewOutboxMessage[]): Promise<number[]> {
  if (messages.length === 0) return [];
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`${insertRowsAsJson(
      outbox,
      messages.map((message) => ({
        topic: message.topic,
        payload: message.payload,
        requestId: message.requestId ?? null,
      })),
    )} returning id::text as id`,
  );
  if (rows.length !== messages.length) throw new Error('outbox insert returned fewer rows');
  // bigserial ids are drawn in the order of the rows.
  return rows.map((row) => Number(row.id)).sort((a, b) => a - b);
}

/**
 * Write the messages a query yields (columns `topic`, `payload` jsonb, `request_id`) in one
 * statement: fan-outs that select their recipients from the caller's own tables (webhook
 * subscriptions) without a round trip to read them first. How many were written.
 */
export async function enqueueOutboxFrom(tx: Tx, messages: SQL): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    tx,
    sql`with written as (insert into ${outbox} (topic, payload, request_id)
      select message.topic, message.payload, message.request_id from (${messages}) as message returning 1)
      select count(*)::int as n from written`,
  );
  return rows[0]?.n ?? 0;
}

/** Where a message stands: waiting (or being retried), delivered, or dead (its last attempt failed). */
export type OutboxState = 'pending' | 'delivered' | 'dead';

/** A message as those who answer for its deliveries see it. */
export type OutboxEntry = typeof outbox.$inferSelect;

/** Messages of one topic whose payload field `key` holds one of `values` (a subscriber's, say). */
export interface OutboxSelection {
  topic: string;
  key: string;
  values: readonly string[];
}

const selected = ({ topic, key, values }: OutboxSelection) =>
  values.length === 0
    ? sql`false`
    : sql`${outbox.topic} = ${topic} and ${outbox.payload} ->> ${key} in (${sql.join(
        values.map((value) => sql`${value}`),
        sql`, `,
      )})`;

/** Messages in `state`, in SQL (`outboxStateOf` reads the same from a row). */
const inState = (state: OutboxState) =>
  state === 'delivered'
    ? sql`${outbox.deliveredAt} is not null`
    : state === 'dead'
      ? sql`${outbox.deadAt} is not null`
      : sql`${outbox.deliveredAt} is null and ${outbox.deadAt} is null`;

/** The state of a message as read (`inState` asks the same in SQL). */
export function outboxStateOf(entry: OutboxEntry): OutboxState {
  return entry.deliveredAt ? 'delivered' : entry.deadAt ? 'dead' : 'pending';
}

/** A page of the selected messages in a state, newest first, and how many there are. */
export async function listOutbox(
  db: Db,
  selection: OutboxSelection,
  state: OutboxState,
  limit: number,
  offset: number,
): Promise<{ rows: OutboxEntry[]; total: number }> {
  const where = sql`${selected(selection)} and ${inState(state)}`;
  const [rows, [count]] = await Promise.all([
    db.select().from(outbox).where(where).orderBy(sql`${outbox.id} desc`).limit(limit).offset(offset),
    queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${outbox} where ${where}`),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

/** One selected message, or undefined. */
export async function findOutboxEntry(
  db: Db,
  selection: OutboxSelection,
  id: number,
): Promise<OutboxEntry | undefined> {
  const [row] = await db
    .select()
    .from(outbox)
    .where(sql`${outbox.id} = ${id} and ${selected(selection)}`);
  return row;
}

/**
 * Send a dead message again (a person fixed the receiving end): attempts from zero, due now. Answers
 * the message as it now is, or undefined when it is not a dead one of the selection.
 */
export async function requeueDead(
  tx: Tx,
  selection: OutboxSelection,
  id: number,
): Promise<OutboxEntry | undefined> {
  const [row] = await tx
    .update(outbox)
    .set({ deadAt: null, attempts: 0, availableAt: sql`now()` })
    .where(sql`${outbox.id} = ${id} and ${selected(selection)} and ${outbox.deadAt} is not null`)
    .returning();
  return row;
}

/** Rows one prune statement deletes at most, so a large backlog never holds one long transaction. */
const PRUNE_CHUNK = 10_000;

/**
 * Delete delivered messages written more than `maxAgeMs` ago: the outbox is a queue, not an archive
 * (what a message caused is recorded where it landed and in the audit log). Messages still pending
 * and dead ones (waiting for a person) stay. In chunks; answers how many were deleted.
 */
export async function pruneOutbox(db: Db, maxAgeMs: number): Promise<number> {
  const before = new Date(Date.now() - maxAgeMs);
  let deleted = 0;
  for (;;) {
    const rows = await queryRows<{ n: number }>(
      db,
      sql`with gone as (
            delete from ${outbox} where ${outbox.id} in (
              select ${outbox.id} from ${outbox}
              where ${outbox.deliveredAt} is not null and ${outbox.createdAt} < ${before}
              limit ${PRUNE_CHUNK})
            returning 1)
          select count(*)::int as n from gone`,
    );
    const n = Number(rows[0]?.n ?? 0);
    deleted += n;
    if (n < PRUNE_CHUNK) return deleted;
  }
}

export interface OutboxRelayOptions {
  maxAttempts: number;
  /** Base delay of the exponential backoff: base · 2^(attempts−1), capped at maxBackoffMs. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** How long a claimed message is hidden from other relays while it is being delivered. */
  leaseMs?: number;
  batchSize?: number;
  logger?: FastifyBaseLogger;
}

export interface DrainResult {
  delivered: number;
  failed: number;
  dead: number;
}

/** Delay before the next attempt after `attempts` failures. */
export function backoffDelayMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * The outbox relay: claims due messages (SKIP LOCKED, so several processes can run one each),
 * hands each to its topic's handler, and records success, a retry with backoff, or — after the
 * last allowed attempt — a dead letter. A crash mid-delivery leaves the message to reappear when
 * its lease ends: delivery is at least once.
 */
export class OutboxRelay {
  private readonly handlers = new Map<string, OutboxHandler>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;

  constructor(
    private readonly db: Db,
    private readonly options: OutboxRelayOptions,
  ) {}

  /** Subscribe the one handler of a topic. */
  on(topic: string, handler: OutboxHandler): void {
    if (this.handlers.has(topic)) throw new Error(`outbox topic ${topic} already has a handler`);
    this.handlers.set(topic, handler);
  }

  /** Deliver every message that is due now, once. Returns what happened. */
  async drainOnce(): Promise<DrainResult> {
    const result: DrainResult = { delivered: 0, failed: 0, dead: 0 };
    const topics = [...this.handlers.keys()];
    if (topics.length === 0) return result;
    const leaseMs = this.options.leaseMs ?? 60_000;
    const claimed = await this.db.transaction(async (tx) => {
      const due = await tx
        .select({ id: outbox.id })
        .from(outbox)
        .where(
          and(
            isNull(outbox.deliveredAt),
            isNull(outbox.deadAt),
            lte(outbox.availableAt, sql`now()`),
            inArray(outbox.topic, topics),
          ),
        )
        .orderBy(asc(outbox.id))
        .limit(this.options.batchSize ?? 50)
        .for('update', { skipLocked: true });
      if (due.length === 0) return [];
      return tx
        .update(outbox)
        .set({
          attempts: sql`${outbox.attempts} + 1`,
          availableAt: sql`now() + make_interval(secs => ${leaseMs / 1000})`,
        })
        .where(
          inArray(
            outbox.id,
            due.map((row) => row.id),
          ),
        )
        .returning();
    });

    for (const row of claimed.sort((a, b) => a.id - b.id)) {
      const handler = this.handlers.get(row.topic);
      if (!handler) continue;
      try {
        await handler({
          id: row.id,
          topic: row.topic,
          payload: row.payload,
          attempts: row.attempts,
          requestId: row.requestId,
        });
        await this.db
          .update(outbox)
          .set({ deliveredAt: sql`now()`, lastError: null })
          .where(eq(outbox.id, row.id));
        result.delivered += 1;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (row.attempts >= this.options.maxAttempts) {
          await this.db
            .update(outbox)
            .set({ deadAt: sql`now()`, lastError: message })
            .where(eq(outbox.id, row.id));
          this.options.logger?.error(
            { outboxId: row.id, topic: row.topic, err: error },
            'outbox message dead',
          );
          result.dead += 1;
        } else {
          const delayMs = backoffDelayMs(
            row.attempts,
            this.options.baseBackoffMs ?? 1000,
            this.options.maxBackoffMs ?? 3_600_000,
          );
          await this.db
            .update(outbox)
            .set({ availableAt: sql`now() + make_interval(secs => ${delayMs / 1000})`, lastError: message })
            .where(eq(outbox.id, row.id));
          this.options.logger?.warn(
            { outboxId: row.id, topic: row.topic, attempts: row.attempts },
            'outbox retry',
          );
          result.failed += 1;
        }
      }
    }
    return result;
  }

  /** Poll every `intervalMs` until stopped. */
  start(intervalMs: number): void {
    this.stopped = false;
    const tick = () => {
      this.running = this.drainOnce()
        .catch((error: unknown) => this.options.logger?.error({ err: error }, 'outbox relay failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, intervalMs);
  }

  /** Stop polling and wait for the delivery in progress to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
