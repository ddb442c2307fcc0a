import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { maskMobile } from '@yiwang/codes';
import { sql } from 'drizzle-orm';
import Type, { type Static, type TSchema } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';
import { Value } from 'typebox/value';
import { outbox } from '../db/schema/platform.js';
import { queryRows, type Tx } from './database.js';
import type { FieldCipher } from './field-crypto.js';
import { maskPersonalDataInText } from './logger.js';
import { enqueueOutbox, type NewOutboxMessage, type OutboxRelay } from './outbox.js';

/** The outbox topics notifications leave through. */
export const NOTIFY_TOPICS = {
  sms: 'notify.sms',
  email: 'notify.email',
  webhook: 'notify.webhook',
} as const;

/** Payload of `notify.sms`: one text message to one mainland mobile number. */
export const SmsPayload = Type.Object(
  {
    mobile: Type.String({ pattern: '^1[3-9]\\d{9}$' }),
    text: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);
export type SmsPayload = Static<typeof SmsPayload>;

/**
 * What a `notify.sms` message holds in the outbox: the `SmsPayload` sealed with the field cipher. A
 * mobile number is personal data, encrypted at rest like any other, and a login code must not be
 * readable by whoever reads the database; only the relay opens it, to send it.
 */
const SealedSms = Type.Object({ sealed: Type.String({ minLength: 1 }) }, { additionalProperties: false });

/** Payload of `notify.email`: one plain-text email to one address. */
export const EmailPayload = Type.Object(
  {
    to: Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$' }),
    subject: Type.String({ minLength: 1 }),
    text: Type.String(),
  },
  { additionalProperties: false },
);
export type EmailPayload = Static<typeof EmailPayload>;

/**
 * Payload of `notify.webhook`: one event for a department system. `deliveryId` is fixed when the
 * message is written, so every retry carries the same one and the receiver can drop duplicates.
 */
export const WebhookPayload = Type.Object(
  {
    url: Type.String({ pattern: '^https?://' }),
    secret: Type.String({ minLength: 16 }),
    event: Type.String({ minLength: 1 }),
    deliveryId: Type.String({ minLength: 1 }),
    payload: Type.Unknown(),
  },
  { additionalProperties: false },
);
export type WebhookPayload = Static<typeof WebhookPayload>;

/**
 * A `notify.webhook` payload as the outbox holds it: the HMAC secret sealed with the field cipher
 * (`secretSealed`), never in clear in the table.
 */
const StoredWebhook = Type.Object(
  {
    url: Type.String(),
    secretSealed: Type.String({ minLength: 1 }),
    event: Type.String(),
    deliveryId: Type.String(),
    payload: Type.Unknown(),
  },
  { additionalProperties: false },
);

/** The delivery of a `notify.webhook` payload: its secret opened; one written in clear is read as it is. */
function openWebhook(cipher: FieldCipher, payload: unknown): WebhookPayload {
  if (!Value.Check(StoredWebhook, payload))
    return checkPayload(NOTIFY_TOPICS.webhook, WebhookPayload, payload);
  const { secretSealed, ...rest } = payload;
  return checkPayload(NOTIFY_TOPICS.webhook, WebhookPayload, {
    ...rest,
    secret: cipher.decrypt(secretSealed),
  });
}

/** Port: sends text messages (an SMS gateway in production). */
export interface SmsSender {
  send(message: { mobile: string; text: string }): Promise<void>;
}

/** Port: sends email (an SMTP relay in production). */
export interface EmailSender {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

/** The part of a pino logger the log adapters use. */
export interface NotificationLogger {
  info(object: Record<string, unknown>, message: string): void;
}

/**
 * SMS adapter for development and for deployments without a gateway: writes the message to the
 * log instead, with the mobile number and any ID or mobile numbers in the text masked.
 */
export class LogSmsSender implements SmsSender {
  constructor(private readonly logger: NotificationLogger) {}

  async send(message: { mobile: string; text: string }): Promise<void> {
    this.logger.info(
      { to: maskMobile(message.mobile), text: maskPersonalDataInText(message.text) },
      'sms not sent (log adapter)',
    );
  }
}

/**
 * Email adapter for development and for deployments without a relay: writes the message to the
 * log instead. Only the recipient's domain is logged: an address is personal data too.
 */
export class LogEmailSender implements EmailSender {
  constructor(private readonly logger: NotificationLogger) {}

  async send(message: { to: string; subject: string; text: string }): Promise<void> {
    this.logger.info(
      {
        toDomain: message.to.slice(message.to.lastIndexOf('@') + 1),
        subject: maskPersonalDataInText(message.subject),
        text: maskPersonalDataInText(message.text),
      },
      'email not sent (log adapter)',
    );
  }
}

function hmacHex(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * The `x-yiwang-signature` header value for a webhook body: `t=<unix seconds>,v1=<hex HMAC-SHA256
 * of "<t>.<body>">`. Signing the timestamp with the body lets receivers refuse replays.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0)
    throw new RangeError('webhook timestamp must be whole unix seconds');
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

/**
 * Whether a signature header is valid for this body and secret, and was made within
 * `toleranceSeconds` of `now` (unix seconds). Several `v1=` values are allowed, so a sender can
 * sign with an old and a new secret while they are rotated.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string,
  body: string,
  now: number,
  toleranceSeconds = 300,
): boolean {
  let timestamp: number | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const [key, value, ...rest] = part.trim().split('=');
    if (value === undefined || rest.length > 0) return false;
    if (key === 't') {
      if (!/^\d{1,15}$/.test(value) || timestamp !== undefined) return false;
      timestamp = Number(value);
    } else if (key === 'v1' && /^[0-9a-f]{64}$/.test(value)) {
      signatures.push(Buffer.from(value, 'hex'));
    }
  }
  if (timestamp === undefined || signatures.length === 0) return false;
  if (Math.abs(now - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hmacHex(secret, timestamp, body), 'hex');
  return signatures.some((signature) => timingSafeEqual(signature, expected));
}

export interface WebhookDelivery {
  url: string;
  secret: string;
  event: string;
  payload: unknown;
  /** Stable across retries, so receivers can drop duplicates; a new one when absent. */
  deliveryId?: string;
}

export interface WebhookDeliveryOptions {
  fetch?: typeof fetch;
  timeoutMs: number;
  /** The deployment's `WEBHOOK_ALLOWED_HOSTS` (see `webhookUrlProblem`); empty allows any host. */
  allowedHosts?: readonly string[];
}

/** Whether `host` (a URL's hostname) is `pattern`: a name or address, or `*.` + a domain under which it lies. */
function hostMatches(host: string, pattern: string): boolean {
  const wanted = pattern.toLowerCase();
  return wanted.startsWith('*.') ? host.endsWith(wanted.slice(1)) : host === wanted;
}

/**
 * What is wrong with `url` as a webhook target, or undefined when events may go there: it must be
 * http(s), carry no user name or password (it is shown to the department's integrators and stored
 * in clear), and, when the deployment lists the hosts of its department systems
 * (`WEBHOOK_ALLOWED_HOSTS`: names, IP addresses, or `*.` + a domain for any host under it), have
 * its host on that list, so that a subscription cannot make the platform post to hosts of its own
 * network (SSRF). Checked when a subscription is made or changed and again before each delivery.
 */
export function webhookUrlProblem(url: string, allowedHosts: readonly string[]): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '推送地址不是有效的网址';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return '推送地址只能是 http 或 https 网址';
  if (parsed.username || parsed.password) return '推送地址不能包含用户名或密码';
  const host = parsed.hostname.toLowerCase();
  if (allowedHosts.length > 0 && !allowedHosts.some((pattern) => hostMatches(host, pattern)))
    return `推送地址的主机 ${host} 不在本平台允许的对接系统主机名单内`;
  return undefined;
}

/**
 * POST one signed event to a department system. The body is `{ id, event, data }`, so the
 * signature covers the event name and delivery id too. Any answer but 2xx, a network error or a
 * timeout throws, which makes the outbox retry.
 */
export async function deliverWebhook(
  delivery: WebhookDelivery,
  options: WebhookDeliveryOptions,
): Promise<void> {
  // A host taken off the list since the subscription was made gets nothing (the outbox retries,
  // then gives the message up, with this reason).
  const problem = webhookUrlProblem(delivery.url, options.allowedHosts ?? []);
  if (problem) throw new Error(`webhook refused: ${problem}`);
  const deliveryId = delivery.deliveryId ?? randomUUID();
  const body = JSON.stringify({ id: deliveryId, event: delivery.event, data: delivery.payload });
  const timestamp = Math.floor(Date.now() / 1000);
  // Only the origin goes into errors: they are stored (outbox lastError) and logged.
  const target = new URL(delivery.url).origin;
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'x-yiwang-event': delivery.event,
        'x-yiwang-delivery': deliveryId,
        'x-yiwang-signature': signWebhook(delivery.secret, timestamp, body),
      },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    throw new Error(
      timedOut
        ? `webhook to ${target} timed out after ${options.timeoutMs} ms`
        : `webhook to ${target} failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  // The receiver's answer is not used: release the connection without reading it.
  await response.body?.cancel().catch(() => {});
  if (!response.ok) throw new Error(`webhook to ${target} answered ${response.status}`);
}

/** Payload checkers compiled once per schema (an interpreted check was 1.5% of a submission's CPU). */
const validators = new WeakMap<TSchema, Validator>();

/** Throws when a payload does not fit its topic's schema: a bug in the code that wrote it. */
function checkPayload<S extends TSchema>(topic: string, schema: S, payload: unknown): Static<S> {
  let validator = validators.get(schema);
  if (!validator) {
    validator = Compile(schema);
    validators.set(schema, validator);
  }
  if (!validator.Check(payload)) {
    const problems = [...Value.Errors(schema, payload)].map(
      (error) => `${error.instancePath || '/'} ${error.message}`,
    );
    throw new Error(`invalid ${topic} payload: ${problems.join('; ')}`);
  }
  return payload as Static<S>;
}

export interface NotificationSenders {
  sms: SmsSender;
  email: EmailSender;
  webhookFetch?: typeof fetch;
  /** How long a department system has to answer a webhook; 10 s by default. */
  webhookTimeoutMs?: number;
  /** The deployment's `WEBHOOK_ALLOWED_HOSTS`; empty or absent allows any host. */
  webhookAllowedHosts?: readonly string[];
  /** Opens the sealed text messages (`smsMessage`) and webhook secrets (`enqueueWebhook`). */
  cipher: FieldCipher;
}

/** Subscribe the senders to the notification topics of the outbox relay. */
export function registerNotificationHandlers(relay: OutboxRelay, senders: NotificationSenders): void {
  relay.on(NOTIFY_TOPICS.sms, async (message) => {
    await senders.sms.send(openSms(senders.cipher, message.payload));
  });
  relay.on(NOTIFY_TOPICS.email, async (message) => {
    await senders.email.send(checkPayload(message.topic, EmailPayload, message.payload));
  });
  relay.on(NOTIFY_TOPICS.webhook, async (message) => {
    await deliverWebhook(openWebhook(senders.cipher, message.payload), {
      ...(senders.webhookFetch ? { fetch: senders.webhookFetch } : {}),
      timeoutMs: senders.webhookTimeoutMs ?? 10_000,
      allowedHosts: senders.webhookAllowedHosts ?? [],
    });
  });
}

export interface EnqueueOptions {
  /** The request that caused the notification, for tracing. */
  requestId?: string | null;
}

/** Send a text message if, and only if, the caller's transaction commits. */
export function enqueueSms(
  tx: Tx,
  cipher: FieldCipher,
  message: SmsPayload,
  options: EnqueueOptions = {},
): Promise<number> {
  return enqueueOutbox(tx, smsMessage(cipher, message, options));
}

/**
 * The outbox message of a text message, checked and sealed (`SealedSms`): for `enqueueOutbox` or for
 * writing several with `enqueueOutboxMany`.
 */
export function smsMessage(
  cipher: FieldCipher,
  message: SmsPayload,
  options: EnqueueOptions = {},
): NewOutboxMessage {
  const checked = checkPayload(NOTIFY_TOPICS.sms, SmsPayload, message);
  return {
    topic: NOTIFY_TOPICS.sms,
    payload: { sealed: cipher.encrypt(JSON.stringify({ mobile: checked.mobile, text: checked.text })) },
    requestId: options.requestId ?? null,
  };
}

/**
 * Seal again under the current key what the outbox holds sealed under an older one (and seal what was
 * written in clear before it was sealed), 500 messages at a time: the text messages (`sealed`) and the
 * webhook secrets (`secretSealed`). Part of `npm run keys:rotate-fields`; answers the messages changed.
 */
export async function resealOutbox(tx: Tx, cipher: FieldCipher): Promise<number> {
  const current = `v2.${cipher.keyId}.%`;
  const sms = await resealTopic(
    tx,
    NOTIFY_TOPICS.sms,
    'sealed',
    current,
    (payload) => smsMessage(cipher, openSms(cipher, payload)).payload,
  );
  const webhooks = await resealTopic(tx, NOTIFY_TOPICS.webhook, 'secretSealed', current, (payload) => {
    const { secret, ...rest } = openWebhook(cipher, payload);
    return { ...rest, secretSealed: cipher.encrypt(secret) };
  });
  return sms + webhooks;
}

/** `resealOutbox` for one topic: messages whose `field` is not sealed under the current key. */
async function resealTopic(
  tx: Tx,
  topic: string,
  field: string,
  current: string,
  reseal: (payload: unknown) => unknown,
): Promise<number> {
  let changed = 0;
  let after = 0;
  for (;;) {
    const rows = await queryRows<{ id: string; payload: unknown }>(
      tx,
      sql`select id::text as id, payload from ${outbox}
        where topic = ${topic} and id > ${after}
          and coalesce(payload->>${field}, '') not like ${current}
        order by id limit 500`,
    );
    if (rows.length === 0) return changed;
    for (const row of rows) {
      await tx.execute(
        sql`update ${outbox} set payload = ${JSON.stringify(reseal(row.payload))}::jsonb where id = ${row.id}::bigint`,
      );
      changed += 1;
      after = Number(row.id);
    }
  }
}

/**
 * The text message of a `notify.sms` outbox payload: opened when sealed; one written before messages
 * were sealed is read as it is.
 */
export function openSms(cipher: FieldCipher, payload: unknown): SmsPayload {
  const message = Value.Check(SealedSms, payload) ? JSON.parse(cipher.decrypt(payload.sealed)) : payload;
  return checkPayload(NOTIFY_TOPICS.sms, SmsPayload, message);
}

/** Send an email if, and only if, the caller's transaction commits. */
export function enqueueEmail(tx: Tx, message: EmailPayload, options: EnqueueOptions = {}): Promise<number> {
  const payload = checkPayload(NOTIFY_TOPICS.email, EmailPayload, message);
  return enqueueOutbox(tx, { topic: NOTIFY_TOPICS.email, payload, requestId: options.requestId ?? null });
}

/**
 * Send a webhook to a department system if, and only if, the caller's transaction commits. The
 * delivery id is fixed here and the secret sealed with `cipher`; the returned value is the outbox
 * message id.
 */
export function enqueueWebhook(
  tx: Tx,
  cipher: FieldCipher,
  delivery: Omit<WebhookPayload, 'deliveryId'>,
  options: EnqueueOptions = {},
): Promise<number> {
  const { secret, ...rest } = checkPayload(NOTIFY_TOPICS.webhook, WebhookPayload, {
    ...delivery,
    deliveryId: randomUUID(),
  });
  return enqueueOutbox(tx, {
    topic: NOTIFY_TOPICS.webhook,
    payload: { ...rest, secretSealed: cipher.encrypt(secret) },
    requestId: options.requestId ?? null,
  });
}
