import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * The audit log: append-only, one record per change, hash-chained with SM3. A database trigger
 * (migration 0001) refuses UPDATE, DELETE and TRUNCATE; the chain catches what a superuser could
 * still do behind the trigger's back.
 */
export const auditLog = pgTable(
  'platform_audit_log',
  {
    /** Position in the chain: 1, 2, 3 … with no gaps (assigned under an advisory lock). */
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    /** SM3 of the canonical JSON of the entity before and after the change (null: did not exist). */
    beforeDigest: text('before_digest'),
    afterDigest: text('after_digest'),
    requestId: text('request_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (table) => [
    index('platform_audit_log_entity_idx').on(table.entityType, table.entityId),
    check('platform_audit_log_seq_positive', sql`${table.seq} > 0`),
  ],
);

/**
 * The chain head, updated in the same transaction as each append, so that cutting records off the
 * end of the log is detected too.
 */
export const auditHead = pgTable(
  'platform_audit_head',
  {
    id: integer('id').primaryKey(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
  },
  (table) => [check('platform_audit_head_singleton', sql`${table.id} = 1`)],
);

/**
 * The transactional outbox: messages written in the same transaction as the change that causes
 * them, delivered at least once by the relay with retries and exponential backoff.
 */
export const outbox = pgTable(
  'platform_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    topic: text('topic').notNull(),
    payload: jsonb('payload').notNull(),
    requestId: text('request_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** Not before this time: the next attempt, or the end of the current delivery lease. */
    availableAt: timestamp('available_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, mode: 'date' }),
    /** Set when the last allowed attempt failed; the message then waits for a person. */
    deadAt: timestamp('dead_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [
    index('platform_outbox_pending_idx')
      .on(table.availableAt)
      .where(sql`${table.deliveredAt} is null and ${table.deadAt} is null`),
  ],
);

/**
 * Idempotency keys of state-changing calls (`Idempotency-Key`): a retry gets the first answer back,
 * never a second effect. Kept for a day (the nightly job deletes older keys).
 */
export const idempotencyKeys = pgTable(
  'platform_idempotency_keys',
  {
    principalId: text('principal_id').notNull(),
    key: text('key').notNull(),
    /** SHA-256 of method, route and body: the same key with another request is refused. */
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    /**
     * The answer as sent: `json`, kept as its text (a replay answers it in the same key order), with
     * no `jsonb` parse on the way in; compressed with lz4 where the server has it.
     */
    response: json('response').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.principalId, table.key] })],
);

/**
 * 站内消息: what the platform tells an account (a case accepted, a correction notice, a decision),
 * written in the same transaction as the change, beside the SMS the outbox sends.
 */
export const inboxMessages = pgTable(
  'platform_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: text('account_id').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** Where in the web app the message leads, e.g. `/my-cases/<id>`. */
    link: text('link'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [index('platform_messages_account_idx').on(table.accountId, table.createdAt)],
);
