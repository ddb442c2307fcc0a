import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { caseWebhookSubscriptions } from '../../db/schema/cases.js';
import type { Db, Tx } from '../../platform/database.js';
import type { FieldCipher } from '../../platform/field-crypto.js';
import { deliverWebhook } from '../../platform/notify.js';
import { enqueueOutboxMany, type NewOutboxMessage, type OutboxRelay } from '../../platform/outbox.js';
import type { CaseRow } from './cases.repo.js';

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

export function listSubscriptions(db: Db, departmentId: string): Promise<WebhookSubscription[]> {
  return db
    .select()
    .from(caseWebhookSubscriptions)
    .where(eq(caseWebhookSubscriptions.departmentId, departmentId));
}

/**
 * Queue the events of actions (one per case) for every system of the departments involved (the
 * implementing one and those of the current step), in the actions' transaction: one read of the
 * subscriptions and one write for all. Only ids travel through the outbox: the secret is read at
 * delivery.
 */
export async function publishCaseEvents(
  tx: Tx,
  events: readonly { row: CaseRow; action: string; requestId: string | null }[],
): Promise<void> {
  const departmentsOf = (row: CaseRow) => [...new Set([row.departmentId, ...row.handlerDepartmentIds])];
  const all = [...new Set(events.flatMap(({ row }) => departmentsOf(row)))];
  if (all.length === 0) return;
  const subscriptions = await tx
    .select()
    .from(caseWebhookSubscriptions)
    .where(
      and(inArray(caseWebhookSubscriptions.departmentId, all), eq(caseWebhookSubscriptions.active, true)),
    )
    .orderBy(caseWebhookSubscriptions.createdAt, caseWebhookSubscriptions.id);
  if (subscriptions.length === 0) return;
  const messages: NewOutboxMessage[] = [];
  for (const { row, action, requestId } of events) {
    for (const departmentId of departmentsOf(row)) {
      for (const subscription of subscriptions) {
        if (subscription.departmentId !== departmentId) continue;
        if (subscription.actions.length > 0 && !subscription.actions.includes(action)) continue;
        const message: CaseEventMessage = {
          subscriptionId: subscription.id,
          deliveryId: randomUUID(),
          event: `case.${action}`,
          data: {
            caseId: row.id,
            applicationNumber: row.applicationNumber,
            caseNumber: row.caseNumber,
            implementationCode: row.implementationCode,
            status: row.status,
            revision: row.revision,
            promisedDue: row.promisedDue,
            legalDue: row.legalDue,
          },
        };
        messages.push({ topic: CASE_WEBHOOK_TOPIC, payload: message, requestId });
      }
    }
  }
  await enqueueOutboxMany(tx, messages);
}

/** Deliver queued case events: signed (HMAC-SHA256), retried by the outbox until they land. */
export function registerCaseWebhooks(
  relay: OutboxRelay,
  db: () => Db,
  cipher: FieldCipher,
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
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
      { ...(options.fetch ? { fetch: options.fetch } : {}), timeoutMs: options.timeoutMs ?? 10_000 },
    );
  });
}
