import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../db/schema/platform.js';
import { createTestDatabase, type TestDatabase } from '../test/harness.js';
import { withTransaction } from './database.js';
import { FieldCipher } from './field-crypto.js';
import {
  deliverWebhook,
  enqueueEmail,
  enqueueSms,
  enqueueWebhook,
  LogEmailSender,
  LogSmsSender,
  registerNotificationHandlers,
  signWebhook,
  verifyWebhookSignature,
  webhookUrlProblem,
} from './notify.js';
import { OutboxRelay } from './outbox.js';

const SECRET = 'department-shared-secret-0001';

describe('webhook signatures', () => {
  const body = JSON.stringify({ id: 'd-1', event: 'case.accepted', data: { caseNo: 'A2025-0001' } });
  const now = 1_750_000_000;

  it('verifies what it signed', () => {
    const header = signWebhook(SECRET, now, body);
    expect(header).toMatch(/^t=1750000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(SECRET, header, body, now)).toBe(true);
    expect(verifyWebhookSignature(SECRET, header, body, now + 300)).toBe(true);
  });

  it('refuses a changed body, a wrong secret, or a forged or malformed header', () => {
    const header = signWebhook(SECRET, now, body);
    expect(verifyWebhookSignature(SECRET, header, body.replace('0001', '0002'), now)).toBe(false);
    expect(verifyWebhookSignature('another-secret-of-16+', header, body, now)).toBe(false);
    // The timestamp is signed too: moving it breaks the signature.
    expect(verifyWebhookSignature(SECRET, header.replace(`t=${now}`, `t=${now + 1}`), body, now)).toBe(false);
    for (const forged of ['', 't=1750000000', `v1=${'0'.repeat(64)}`, 't=x,v1=00', `${header},t=${now}`]) {
      expect(verifyWebhookSignature(SECRET, forged, body, now)).toBe(false);
    }
  });

  it('accepts any of several v1 signatures, for secret rotation', () => {
    const [, fresh] = signWebhook(SECRET, now, body).split(',');
    const old = signWebhook('the-previous-secret-0000', now, body);
    expect(verifyWebhookSignature(SECRET, `${old},${fresh}`, body, now)).toBe(true);
  });

  it('refuses a signature older or newer than the tolerance (replays)', () => {
    const header = signWebhook(SECRET, now, body);
    expect(verifyWebhookSignature(SECRET, header, body, now + 301)).toBe(false);
    expect(verifyWebhookSignature(SECRET, header, body, now - 301)).toBe(false);
    expect(verifyWebhookSignature(SECRET, header, body, now + 60, 30)).toBe(false);
  });

  it('signs whole seconds only', () => {
    expect(() => signWebhook(SECRET, Date.now() / 1000, body)).toThrow(RangeError);
  });
});

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  signatureValid: boolean;
}

/** A department system on 127.0.0.1 that checks signatures and answers as `answer` says. */
async function startReceiver(answer: (request: number) => number | 'hang') {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const signature = String(request.headers['x-yiwang-signature'] ?? '');
      received.push({
        headers: request.headers,
        body,
        signatureValid: verifyWebhookSignature(SECRET, signature, body, Math.floor(Date.now() / 1000)),
      });
      const status = answer(received.length);
      if (status === 'hang') return;
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'down');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/yiwang`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('deliverWebhook', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  it('posts signed JSON that the receiver can verify', async () => {
    receiver = await startReceiver(() => 204);
    await deliverWebhook(
      {
        url: receiver.url,
        secret: SECRET,
        event: 'case.accepted',
        payload: { caseNo: 'A2025-0001', 申请人: '张三' },
        deliveryId: 'delivery-1',
      },
      { timeoutMs: 5000 },
    );
    const [request] = receiver.received;
    expect(request?.signatureValid).toBe(true);
    expect(request?.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'x-yiwang-event': 'case.accepted',
      'x-yiwang-delivery': 'delivery-1',
    });
    expect(JSON.parse(request?.body ?? '')).toEqual({
      id: 'delivery-1',
      event: 'case.accepted',
      data: { caseNo: 'A2025-0001', 申请人: '张三' },
    });
  });

  it('throws on an answer other than 2xx, and on a receiver that does not answer in time', async () => {
    receiver = await startReceiver((n) => (n === 1 ? 503 : 'hang'));
    const delivery = { url: receiver.url, secret: SECRET, event: 'case.accepted', payload: {} };
    await expect(deliverWebhook(delivery, { timeoutMs: 5000 })).rejects.toThrow(
      `webhook to ${new URL(receiver.url).origin} answered 503`,
    );
    await expect(deliverWebhook(delivery, { timeoutMs: 200 })).rejects.toThrow('timed out after 200 ms');
  });

  it('sends nothing to a host off the allowed list, and to the listed hosts as usual', async () => {
    receiver = await startReceiver(() => 204);
    const delivery = { url: receiver.url, secret: SECRET, event: 'case.accepted', payload: {} };
    await expect(
      deliverWebhook(delivery, { timeoutMs: 5000, allowedHosts: ['*.scjg.hangzhou.gov.cn'] }),
    ).rejects.toThrow('webhook refused: 推送地址的主机 127.0.0.1 不在本平台允许的对接系统主机名单内');
    expect(receiver.received).toHaveLength(0);
    await deliverWebhook(delivery, {
      timeoutMs: 5000,
      allowedHosts: ['*.scjg.hangzhou.gov.cn', '127.0.0.1'],
    });
    expect(receiver.received).toHaveLength(1);
  });
});

describe('webhookUrlProblem', () => {
  const allowed = ['approval.zj.gov.cn', '*.scjg.hangzhou.gov.cn', '10.20.0.8', '[fd00::8]'];

  it('takes http(s) URLs to any host when no list is set', () => {
    for (const url of ['https://hooks.example.org/case', 'http://127.0.0.1:8080/x', 'http://[::1]/x'])
      expect(webhookUrlProblem(url, [])).toBeUndefined();
  });

  it('takes only the listed hosts, a wildcard covering the hosts under its domain', () => {
    for (const url of [
      'https://approval.zj.gov.cn/yiwang/events',
      'https://APPROVAL.ZJ.GOV.CN:8443/x',
      'https://xk.scjg.hangzhou.gov.cn/hook',
      'https://a.b.scjg.hangzhou.gov.cn/hook',
      'http://10.20.0.8:9000/hook',
      'http://[fd00::8]/hook',
    ])
      expect(webhookUrlProblem(url, allowed), url).toBeUndefined();
    for (const url of [
      // The domain itself is not under it; a look-alike suffix is not the domain.
      'https://scjg.hangzhou.gov.cn/hook',
      'https://evilscjg.hangzhou.gov.cn/hook',
      'https://approval.zj.gov.cn.example.org/x',
      'http://10.20.0.9/hook',
      'http://127.0.0.1/x',
      'http://169.254.169.254/latest/meta-data',
    ])
      expect(webhookUrlProblem(url, allowed), url).toMatch(/不在本平台允许的对接系统主机名单内/);
  });

  it('refuses what is not an http(s) URL, and credentials in it, listed host or not', () => {
    expect(webhookUrlProblem('not a url', [])).toBe('推送地址不是有效的网址');
    expect(webhookUrlProblem('ftp://approval.zj.gov.cn/x', [])).toBe('推送地址只能是 http 或 https 网址');
    expect(webhookUrlProblem('https://user:pw@approval.zj.gov.cn/x', allowed)).toBe(
      '推送地址不能包含用户名或密码',
    );
  });
});

describe('notifications through the outbox', () => {
  let testDb: TestDatabase;
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(() => testDb.dispose());
  beforeEach(async () => {
    await testDb.database.executeSql('delete from platform_outbox');
  });
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  const db = () => testDb.database.db;
  const cipher = new FieldCipher('notify-test-secret-of-at-least-32-characters');
  /** Make every pending message due now, as if its backoff had passed. */
  const fastForward = () => testDb.database.executeSql('update platform_outbox set available_at = now()');

  function relayWith(maxAttempts: number) {
    const sms: { mobile: string; text: string }[] = [];
    const email: { to: string; subject: string; text: string }[] = [];
    const relay = new OutboxRelay(db(), { maxAttempts, baseBackoffMs: 60_000 });
    registerNotificationHandlers(relay, {
      sms: { send: async (message) => void sms.push(message) },
      email: { send: async (message) => void email.push(message) },
      webhookTimeoutMs: 5000,
      cipher,
    });
    return { relay, sms, email };
  }

  it('sends SMS and email written in a committed transaction, and nothing from a rolled-back one', async () => {
    const { relay, sms, email } = relayWith(3);
    await withTransaction(db(), async (tx) => {
      await enqueueSms(tx, cipher, { mobile: '13812345678', text: '您的申请已受理' }, { requestId: 'req-1' });
      await enqueueEmail(tx, { to: 'zhang@example.cn', subject: '受理通知', text: '您的申请已受理' });
    });
    await expect(
      withTransaction(db(), async (tx) => {
        await enqueueSms(tx, cipher, { mobile: '13900000000', text: '不应发出' });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    // The text message waits sealed: neither the mobile number nor the text is readable in the table.
    const stored = await testDb.database.executeSql(
      `select payload::text as payload from platform_outbox where topic = 'notify.sms'`,
    );
    expect(stored.rows).toHaveLength(1);
    expect(String(stored.rows[0]?.payload)).not.toMatch(/13812345678|受理/);
    expect(await relay.drainOnce()).toEqual({ delivered: 2, failed: 0, dead: 0 });
    expect(sms).toEqual([{ mobile: '13812345678', text: '您的申请已受理' }]);
    expect(email).toEqual([{ to: 'zhang@example.cn', subject: '受理通知', text: '您的申请已受理' }]);
  });

  it('still sends a text message written in clear before messages were sealed', async () => {
    const { relay, sms } = relayWith(3);
    await testDb.database.executeSql(
      `insert into platform_outbox (topic, payload) values ('notify.sms', $1::jsonb)`,
      [JSON.stringify({ mobile: '13700001111', text: '旧消息' })],
    );
    expect(await relay.drainOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(sms).toEqual([{ mobile: '13700001111', text: '旧消息' }]);
  });

  it('refuses to write a payload that does not fit its topic', async () => {
    await expect(
      withTransaction(db(), (tx) => enqueueSms(tx, cipher, { mobile: '12345', text: 'x' })),
    ).rejects.toThrow(/invalid notify.sms payload: \/mobile/);
  });

  it('delivers a webhook on the third drain after the receiver answered 500 twice', async () => {
    receiver = await startReceiver((n) => (n <= 2 ? 500 : 200));
    const { relay } = relayWith(5);
    const id = await withTransaction(db(), (tx) =>
      enqueueWebhook(tx, cipher, {
        url: receiver?.url ?? '',
        secret: SECRET,
        event: 'case.accepted',
        payload: { caseNo: 'A2025-0001' },
      }),
    );
    // The secret waits sealed: the table never holds it in clear.
    const [queued] = await db().select().from(outbox).where(eq(outbox.id, id));
    expect(JSON.stringify(queued?.payload)).not.toContain(SECRET);
    expect(queued?.payload).toMatchObject({ secretSealed: expect.any(String) });
    expect(await relay.drainOnce()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    const [afterFirst] = await db().select().from(outbox).where(eq(outbox.id, id));
    expect(afterFirst?.lastError).toMatch(/answered 500$/);
    // The backoff holds it back until it is due.
    expect(await relay.drainOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    await fastForward();
    expect(await relay.drainOnce()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    await fastForward();
    expect(await relay.drainOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });

    expect(receiver.received).toHaveLength(3);
    expect(receiver.received.every((request) => request.signatureValid)).toBe(true);
    // One delivery id across the retries, so the receiver can drop duplicates.
    const deliveryIds = new Set(receiver.received.map((request) => request.headers['x-yiwang-delivery']));
    expect(deliveryIds.size).toBe(1);
    const [row] = await db().select().from(outbox).where(eq(outbox.id, id));
    expect(row).toMatchObject({ attempts: 3, lastError: null });
    expect(row?.deliveredAt).toBeInstanceOf(Date);
  });

  it('still delivers a webhook written with its secret in clear before secrets were sealed', async () => {
    receiver = await startReceiver(() => 200);
    const { relay } = relayWith(3);
    await testDb.database.executeSql(
      `insert into platform_outbox (topic, payload) values ('notify.webhook', $1::jsonb)`,
      [
        JSON.stringify({
          url: receiver.url,
          secret: SECRET,
          event: 'case.accepted',
          deliveryId: 'legacy-delivery-1',
          payload: {},
        }),
      ],
    );
    expect(await relay.drainOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]?.signatureValid).toBe(true);
  });

  it('keeps a webhook the receiver never takes as a dead letter after the last attempt', async () => {
    receiver = await startReceiver(() => 500);
    const { relay } = relayWith(2);
    const id = await withTransaction(db(), (tx) =>
      enqueueWebhook(tx, cipher, {
        url: receiver?.url ?? '',
        secret: SECRET,
        event: 'case.closed',
        payload: {},
      }),
    );
    expect(await relay.drainOnce()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    await fastForward();
    expect(await relay.drainOnce()).toEqual({ delivered: 0, failed: 0, dead: 1 });
    await fastForward();
    expect(await relay.drainOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    expect(receiver.received).toHaveLength(2);
    const [row] = await db().select().from(outbox).where(eq(outbox.id, id));
    expect(row).toMatchObject({ attempts: 2, deliveredAt: null });
    expect(row?.lastError).toMatch(/answered 500$/);
    expect(row?.deadAt).toBeInstanceOf(Date);
  });
});

describe('log adapters', () => {
  function collectingLogger() {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    return { logger: pino({ level: 'info' }, stream), lines };
  }

  it('log an SMS with the mobile number masked', async () => {
    const { logger, lines } = collectingLogger();
    await new LogSmsSender(logger).send({ mobile: '13812345678', text: '验证码 482913，请勿告知他人' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      to: '138****5678',
      text: '验证码 482913，请勿告知他人',
    });
    expect(lines[0]).not.toContain('13812345678');
  });

  it('mask ID and mobile numbers in the text, and log only the domain of an email address', async () => {
    const { logger, lines } = collectingLogger();
    await new LogSmsSender(logger).send({ mobile: '13812345678', text: '代办人 13912345678 已提交' });
    await new LogEmailSender(logger).send({
      to: 'zhang.san@example.cn',
      subject: '受理通知',
      text: '申请人 11010519491231002X 的申请已受理',
    });
    expect(lines.join('')).not.toMatch(/13912345678|11010519491231002X|zhang\.san/);
    expect(JSON.parse(lines[1] ?? '')).toMatchObject({
      toDomain: 'example.cn',
      subject: '受理通知',
      text: '申请人 110105********002X 的申请已受理',
    });
  });
});
