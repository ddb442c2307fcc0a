import { and, eq, sql } from 'drizzle-orm';
import { caseWebhookSubscriptions } from '../../db/schema/cases.js';
import type { Db, Tx } from '../../platform/database.js';
import type { FieldCipher } from '../../platform/field-crypto.js';
import { deliverWebhook } from '../../platform/notify.js';
import { enqueueOutboxFrom, type OutboxRelay, type OutboxSelection } from '../../platform/outbox.js';
import type { CaseValues } from './cases.repo.js';

/** The outbox topic of case events bound for department systems. */
export const CASE_WEBHOOK_TOPIC = 'cases.webhook';

export type WebhookSubscription = typeof caseWebhookSubscriptions.$inferSelect;

export interface CaseEventMessage {
  subscriptionId: string;
  deliveryId: string;
  event: string;
  data: Record<string, unknown>;
}

/** Subscribe a department system to its cases' events; the secret is stored encrypted. */
export async function subscribe(
  tx: Tx,
  cipher: FieldCipher,
  input: { departmentId: string; url: string; secret: string; actions: string[] },
): Promise<WebhookSubscription> {
  const [row] = await tx
    .insert(caseWebhookSubscriptions)
    .values({
      departmentId: input.departmentId,
      url: input.url,
      secretEncrypted: cipher.encrypt(input.secret),
      actions: input.actions,
    })
    .returning();
  if (!row) throw new Error('insert into case_webhook_subscriptions returned nothing');
  return row;
}

/** The subscription `subscriptionId` if it is the department's: none of another department's. */
const ofDepartment = (departmentId: string, subscriptionId: string) =>
  and(
    eq(caseWebhookSubscriptions.id, subscriptionId),
    eq(caseWebhookSubscriptions.departmentId, departmentId),
  );

/** What a subscription change may set; an absent field stays as it was. */
export interface SubscriptionChange {
  /** Off: deliveries still waiting are dropped by the relay, not sent; on again: new events flow. */
  active?: boolean;
  url?: string;
  /** A new HMAC secret (re-keying): every delivery from now on, waiting ones too, is signed with it. */
  secret?: string;
  actions?: string[];
}

/**
 * Change a department's subscription (switch it off or on, move it, re-key it, change its
 * actions); undefined when the department has no such subscription.
 */
export async function updateSubscription(
  tx: Tx,
  cipher: FieldCipher,
  departmentId: string,
  subscriptionId: string,
  change: SubscriptionChange,
): Promise<WebhookSubscription | undefined> {
  const [row] = await tx
    .update(caseWebhookSubscriptions)
    .set({
      ...(change.active === undefined ? {} : { active: change.active }),
      ...(change.url === undefined ? {} : { url: change.url }),
      ...(change.secret === undefined ? {} : { secretEncrypted: cipher.encrypt(change.secret) }),
      ...(change.actions === undefined ? {} : { actions: change.actions }),
    })
    .where(ofDepartment(departmentId, subscriptionId))
    .returning();
  return row;
}

/**
 * Remove a department's subscription; undefined when the department has no such subscription. Its
 * deliveries still waiting are dropped by the relay (it finds no subscription), not sent.
 */
export async function deleteSubscription(
  tx: Tx,
  departmentId: string,
  subscriptionId: string,
): Promise<WebhookSubscription | undefined> {
  const [row] = await tx
    .delete(caseWebhookSubscriptions)
    .where(ofDepartment(departmentId, subscriptionId))
    .returning();
  return row;
}

/** The outbox messages of a department's subscriptions (`platform/outbox` selections). */
export async function deliveriesOf(db: Db, departmentId: string): Promise<OutboxSelection> {
  const subscriptions = await listSubscriptions(db, departmentId);
  return { topic: CASE_WEBHOOK_TOPIC, key: 'subscriptionId', values: subscriptions.map((row) => row.id) };
}

export function listSubscriptions(db: Db, departmentId: string): Promise<WebhookSubscription[]> {
  return db
    .select()
    .from(caseWebhookSubscriptions)
    .where(eq(caseWebhookSubscriptions.departmentId, departmentId));
}

/**
 * Queue the events of actions (one per case) for every system of the departments involved (the
 * implementing one and those of the current step), in the actions' transaction: one statement
 * matches them with the subscriptions and writes the outbox messages, in the order of the events, the
 * departments and the subscriptions. Only ids travel through the outbox: the secret is read at
 * delivery.
 */
export async function publishCaseEvents(
  tx: Tx,
  events: readonly { row: CaseValues; action: string; requestId: string | null }[],
): Promise<void> {
  // One line per (event, department it concerns), in order; matched with the subscriptions in SQL.
  const lines = events.flatMap(({ row, action, requestId }, index) =>
    [...new Set([row.departmentId, ...row.handlerDepartmentIds])].map((departmentId, position) => ({
      index,
      position,
      department_id: departmentId,
      action,
      request_id: requestId,
      data: {
        caseId: row.id,
        applicationNumber: row.applicationNumber,
        caseNumber: row.caseNumber,
        implementationCode: row.implementationCode,
        status: row.status,
        revision: row.revision,
        promisedDue: row.promisedDue,
        legalDue: row.legalDue,
      } satisfies CaseEventMessage['data'],
    })),
  );
  if (lines.length === 0) return;
  await enqueueOutboxFrom(
    tx,
    sql`select ${CASE_WEBHOOK_TOPIC}::text as topic,
        jsonb_build_object('subscriptionId', s.id, 'deliveryId', gen_random_uuid()::text,
          'event', 'case.' || e.action, 'data', e.data) as payload,
        e.request_id
      from jsonb_to_recordset(${JSON.stringify(lines)}::jsonb)
        as e(index int, position int, department_id uuid, action text, request_id text, data jsonb)
      join ${caseWebhookSubscriptions} s on s.department_id = e.department_id and s.active
        and (cardinality(s.actions) = 0 or e.action = any(s.actions))
      order by e.index, e.position, s.created_at, s.id`,
  );
}

/** Deliver queued case events: signed (HMAC-SHA256), retried by the outbox until they land. */
export function registerCaseWebhooks(
  relay: OutboxRelay,
  db: () => Db,
  cipher: FieldCipher,
  options: { fetch?: typeof fetch; timeoutMs?: number; allowedHosts?: readonly string[] } = {},
): void {
  relay.on(CASE_WEBHOOK_TOPIC, async (message) => {
    const event = message.payload as CaseEventMessage;
    const [subscription] = await db()
      .select()
      .from(caseWebhookSubscriptions)
      .where(eq(caseWebhookSubscriptions.id, event.subscriptionId));
    // A subscription removed or switched off since: nothing to deliver.
    if (!subscription?.active) return;
    await deliverWebhook(
      {
        url: subscription.url,
        secret: cipher.decrypt(subscription.secretEncrypted),
        event: event.event,
        payload: event.data,
        deliveryId: event.deliveryId,
      },
      {
        ...(options.fetch ? { fetch: options.fetch } : {}),
        timeoutMs: options.timeoutMs ?? 10_000,
        allowedHosts: options.allowedHosts ?? [],
      },
    );
  });
}
