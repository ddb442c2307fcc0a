import { createHash } from 'node:crypto';
import { asc, desc, eq, gt, sql } from 'drizzle-orm';
import { auditHead, auditLog } from '../db/schema/platform.js';
import { beforeCommit, type Db, insertRowsAsJson, issueNow, sendAhead, type Tx } from './database.js';

/** Who made a change: a person, an enterprise's agent, staff, another system, or the platform. */
export interface Actor {
  kind: 'person' | 'enterprise' | 'staff' | 'system' | 'anonymous';
  id: string;
}

/** What a service needs to know about the request it serves, besides its inputs. */
export interface RequestContext {
  actor: Actor;
  requestId: string | null;
  /** The caller's administrative scope (staff); absent means unrestricted. */
  scope?: { regionCode?: string; departmentIds?: readonly string[] };
}

/** The platform acting on its own (seeding, scheduled jobs). */
export const systemContext = (id: string): RequestContext => ({
  actor: { kind: 'system', id },
  requestId: null,
});

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  /** The entity before and after the change; only their SM3 digests are stored. */
  before?: unknown;
  after?: unknown;
}

/** The chain starts from 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** Arbitrary constant: the advisory lock serialising appends so the chain has no forks. */
const AUDIT_LOCK_KEY = 7_245_002;

/** SM3 (GB/T 32905) hex digest. */
export function sm3(text: string): string {
  return createHash('sm3').update(text, 'utf8').digest('hex');
}

/** Whether JavaScript orders `key` as an array index: such keys come first in an object, by number. */
const isArrayIndex = (key: string) => /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) <= 2 ** 32 - 2;

/**
 * An object's keys in canonical order: as an object rebuilt from its entries sorted by key would list
 * them (array-index keys ascending by number, then the others by UTF-16 code units), the order the
 * digests and signatures made so far were computed in.
 */
function canonicalKeys(object: object): string[] {
  const keys = Object.keys(object);
  let indices: string[] | undefined;
  let names = keys;
  if (keys.some(isArrayIndex)) {
    indices = keys.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
    names = keys.filter((key) => !isArrayIndex(key));
  }
  names.sort();
  return indices ? indices.concat(names) : names;
}

/** `value` (reached under `key`) as canonical JSON, or undefined where JSON leaves it out. */
function canonicalValue(value: unknown, key: string): string | undefined {
  let item = value;
  if (
    item !== null &&
    typeof item === 'object' &&
    typeof (item as { toJSON?: unknown }).toJSON === 'function'
  )
    item = (item as { toJSON(key: string): unknown }).toJSON(key);
  if (item === null || typeof item !== 'object') return JSON.stringify(item);
  if (Array.isArray(item)) {
    // A loop, not `map`: a hole in a sparse array is `null` in JSON, and `map` skips holes.
    const elements: string[] = [];
    for (let index = 0; index < item.length; index += 1)
      elements.push(canonicalValue(item[index], String(index)) ?? 'null');
    return `[${elements.join(',')}]`;
  }
  let out = '';
  for (const name of canonicalKeys(item)) {
    const json = canonicalValue((item as Record<string, unknown>)[name], name);
    if (json !== undefined) out += `${out ? ',' : ''}${JSON.stringify(name)}:${json}`;
  }
  return `{${out}}`;
}

/**
 * JSON with object keys sorted at every depth, so equal values always digest the same. Written out
 * by hand rather than by `JSON.stringify` with a replacer that rebuilds every object from its sorted
 * entries (the same text, property-tested against it): that cost a submission about 4% of its CPU.
 */
export function canonicalJson(value: unknown): string {
  return canonicalValue(value, '') as string;
}

/** Digest of an entity state, or null when the entity did not exist on that side of the change. */
export function stateDigest(state: unknown): string | null {
  return state === undefined || state === null ? null : sm3(canonicalJson(state));
}

type AuditRecord = typeof auditLog.$inferSelect;

/** The hash of a record covers every column but the hash itself, and the previous hash. */
export function recordHash(record: Omit<AuditRecord, 'hash'>): string {
  return sm3(
    canonicalJson({
      seq: record.seq,
      occurredAt: record.occurredAt.toISOString(),
      actorKind: record.actorKind,
      actorId: record.actorId,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId,
      beforeDigest: record.beforeDigest,
      afterDigest: record.afterDigest,
      requestId: record.requestId,
      prevHash: record.prevHash,
    }),
  );
}

/** Records a transaction has made and not yet appended (not yet linked: no seq, time or hashes), in order. */
const pending = new WeakMap<Db | Tx, AuditRecord[]>();

/** The time of a record not yet linked into the chain. */
const UNLINKED = new Date(0);

/**
 * Record one audit entry in the caller's transaction, so it commits with the change or not at all.
 * In a `withTransaction` transaction the records are appended together just before the commit:
 * appends are serialised (the chain never forks) by a lock on the chain head, and holding it only
 * for the last statements of the transaction lets other transactions do their work meanwhile.
 * Elsewhere the record is appended at once.
 */
export async function recordAudit(tx: Tx, context: RequestContext, entry: AuditEntry): Promise<void> {
  // Every key of a record, the chain's own blank until `appendRecords` links it: the linked copy
  // keeps the keys, which V8 copies fast (adding keys to a copy costs several µs a record on Node 20).
  const content: AuditRecord = {
    seq: 0,
    occurredAt: UNLINKED,
    actorKind: context.actor.kind,
    actorId: context.actor.id,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    beforeDigest: stateDigest(entry.before),
    afterDigest: stateDigest(entry.after),
    requestId: context.requestId,
    prevHash: '',
    hash: '',
  };
  const queued = pending.get(tx);
  if (queued) {
    queued.push(content);
    return;
  }
  const records = [content];
  if (!beforeCommit(tx, () => appendRecords(tx, records))) return appendRecords(tx, records);
  pending.set(tx, records);
}

const lockHead = (tx: Tx) => tx.select().from(auditHead).where(eq(auditHead.id, 1)).for('update');

/** The chain head locked ahead (`lockChainAhead`), by transaction. */
const headsAhead = new WeakMap<Db | Tx, Promise<Awaited<ReturnType<typeof lockHead>>>>();

/**
 * Lock the chain head for the records `tx` appends when it commits, with the statements just
 * issued instead of at the end: the lock goes down the connection behind them rather than costing a
 * round trip of its own, and the head is read from its answer. For a transaction's last writes only: the
 * head is otherwise the last lock every transaction takes, so nothing taken after it may be held by
 * a transaction waiting for the head (that would be a deadlock). Does nothing unless `tx` is a
 * `withTransaction` transaction with records waiting.
 */
export function lockChainAhead(tx: Tx): void {
  if (!pending.has(tx) || headsAhead.has(tx)) return;
  // Issued on the next tick: after the statements the caller issued in this turn of the event
  // loop, even those an `await` of a Drizzle query sends a microtask later.
  const head = new Promise<void>((resolve) => process.nextTick(resolve)).then(() => issueNow(lockHead(tx)));
  // Awaited by the append; a transaction failing before then must not leave it unhandled.
  head.catch(() => {});
  headsAhead.set(tx, head);
}

/** Lock the chain head, link `records` after it and store them with the new head. */
async function appendRecords(tx: Tx, records: AuditRecord[]): Promise<void> {
  pending.delete(tx);
  const ahead = headsAhead.get(tx);
  headsAhead.delete(tx);
  if (records.length === 0) return;
  // The head row's lock serialises appends; a concurrent appender waits here and then reads the
  // head as committed. Before the first record ever there is no row to lock: the advisory lock
  // serialises those appenders, and the head is read again once it is held.
  let [head] = await (ahead ?? lockHead(tx));
  if (!head) {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
    [head] = await lockHead(tx);
  }
  // Millisecond precision, so the stored timestamp reads back exactly as hashed.
  const occurredAt = new Date(Date.now());
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  const linked: AuditRecord[] = records.map((content) => {
    seq += 1;
    const record: AuditRecord = { ...content, seq, occurredAt, prevHash };
    record.hash = recordHash(record);
    prevHash = record.hash;
    return record;
  });
  // The records (one JSON parameter) and the new head in one statement, sent ahead of the commit.
  await sendAhead(
    tx,
    tx.execute(
      sql`with appended as (${insertRowsAsJson(auditLog, linked)} returning seq)
      insert into ${auditHead} (id, seq, hash) select 1, ${seq}::bigint, ${prevHash}::text from appended limit 1
      on conflict (id) do update set seq = excluded.seq, hash = excluded.hash`,
    ),
  );
}

export type AuditVerification =
  | { ok: true; records: number; headHash: string }
  | { ok: false; records: number; brokenAt: number; reason: string };

/**
 * Walk the whole chain in order and report the first broken link: a record whose content no
 * longer matches its hash, a link to the wrong predecessor, a missing record, or a head that does
 * not match the last record (records cut off the end).
 */
export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<AuditVerification> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let records = 0;
  for (;;) {
    const batch = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, expectedSeq - 1))
      .orderBy(asc(auditLog.seq))
      .limit(batchSize);
    for (const record of batch) {
      if (record.seq !== expectedSeq) {
        return { ok: false, records, brokenAt: expectedSeq, reason: `record ${expectedSeq} is missing` };
      }
      if (record.prevHash !== prevHash) {
        return { ok: false, records, brokenAt: record.seq, reason: 'link to the previous record is broken' };
      }
      if (recordHash(record) !== record.hash) {
        return { ok: false, records, brokenAt: record.seq, reason: 'record content does not match its hash' };
      }
      prevHash = record.hash;
      expectedSeq += 1;
      records += 1;
    }
    if (batch.length < batchSize) break;
  }
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  const [last] = await db.select({ seq: auditLog.seq }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  const headSeq = head?.seq ?? 0;
  if (headSeq !== records || (head && head.hash !== prevHash) || (last?.seq ?? 0) !== records) {
    return {
      ok: false,
      records,
      brokenAt: Math.min(headSeq, records) + 1,
      reason: `chain head says ${headSeq} records ending in ${head?.hash ?? GENESIS_HASH}, the log has ${records}`,
    };
  }
  return { ok: true, records, headHash: prevHash };
}
