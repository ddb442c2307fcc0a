import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateDigest } from '../../platform/audit.js';
import { verifyWebhookSignature } from '../../platform/notify.js';
import { principalHeader } from '../../test/harness.js';
import { fixtureContent } from '../catalogue/catalogue.fixtures.js';
import { DEMO_ENTERPRISE } from './cases.demo.js';
import {
  APPLICANT_MOBILE,
  applicant,
  application,
  type CaseTestbed,
  caseTestbed,
  type Headers,
  PDF,
} from './cases.fixtures.js';

/** A department system on 127.0.0.1 that records what it receives. */
async function startReceiver() {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/yiwang/case-events`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Who may do what to a case, what happens when two people act at once or a request is retried,
 * and the signed events department systems receive. Through the HTTP API.
 */
describe('access, concurrency and integration of cases', () => {
  let bed: CaseTestbed;
  let item = '';
  const clerk = () => bed.staff('clerk-1', 'cases.window', 'xh-scjg');
  const otherClerk = () => bed.staff('clerk-2', 'cases.window', 'xh-scjg');
  const reviewer = () => bed.staff('reviewer-1', 'cases.review', 'xh-scjg');
  const approver = () => bed.staff('approver-1', 'cases.approve', 'xh-scjg');
  /** Someone wiring a department's systems (`cases.integrate`) in that department only. */
  const integrator = (departmentKey: string) =>
    bed.staff(`integrator-${departmentKey}`, 'cases.integrate', departmentKey);
  const countActions = async (caseId: string, action: string) =>
    Number(
      (
        await bed.sql('select count(*)::int as n from case_actions where case_id = $1 and action = $2', [
          caseId,
          action,
        ])
      )[0]?.n,
    );

  beforeAll(async () => {
    bed = await caseTestbed('2026-09-22T10:00');
    item = await bed.publish('0', fixtureContent());
  });
  afterAll(() => bed.close());

  describe('concurrency and idempotency', () => {
    it('two clerks accepting the same case at once: exactly one succeeds', async () => {
      const { id } = await bed.apply(item);
      const answers = await Promise.all([
        bed.action(id, 'accept', clerk()),
        bed.action(id, 'accept', otherClerk()),
      ]);
      const codes = answers.map((answer) => answer.statusCode).sort();
      expect(codes).toEqual([200, 409]);
      const loser = answers.find((answer) => answer.statusCode === 409);
      expect(['CASE_CLAIMED_BY_OTHER', 'CASE_ACTION_NOT_ALLOWED', 'CONCURRENT_CHANGE']).toContain(
        loser?.json().code,
      );
      expect(await countActions(id, 'accept')).toBe(1);
      expect(await bed.sql('select count(*)::int as n from case_notices where case_id = $1', [id])).toEqual([
        { n: 1 },
      ]);
    });

    it('the same action sent twice at once with one Idempotency-Key is taken once, and both get its answer', async () => {
      const { id } = await bed.apply(item);
      const headers = { ...clerk(), 'idempotency-key': `accept-${id}` };
      const [first, second] = await Promise.all([
        bed.action(id, 'accept', headers),
        bed.action(id, 'accept', headers),
      ]);
      expect([first?.statusCode, second?.statusCode]).toEqual([200, 200]);
      expect(first?.json()).toEqual(second?.json());
      expect([first?.headers['idempotent-replayed'], second?.headers['idempotent-replayed']]).toContain(
        'true',
      );
      expect(await countActions(id, 'accept')).toBe(1);
      expect(first?.json().caseNumber).toEqual(expect.any(String));
    });

    it('refuses an action on a revision the case has moved past', async () => {
      const { id, revision: submitted } = await bed.apply(item);
      const accepted = await bed.action(id, 'accept', clerk(), { revision: submitted });
      expect(accepted.statusCode, accepted.body).toBe(200);
      const current = accepted.json().revision as number;
      expect(current).toBeGreaterThan(submitted);
      const stale = await bed.action(id, 'review', reviewer(), { opinion: 'approve', revision: submitted });
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({
        code: 'CASE_REVISION_CONFLICT',
        details: { currentRevision: current, field: 'body.revision' },
      });
      expect(await countActions(id, 'review')).toBe(0);
      expect(
        (await bed.action(id, 'review', reviewer(), { opinion: 'approve', revision: current })).statusCode,
      ).toBe(200);
    });
  });

  describe('every case route refuses a caller without the right', () => {
    let caseId = '';
    let noticeId = '';
    let scjg = '';
    const anonymous: Headers = {};
    const stranger = principalHeader({ id: 'someone-else', kind: 'person' });
    // Every case permission, but in the health department: the case belongs to market regulation.
    const elsewhere = () =>
      principalHeader({
        id: 'staff-wsjk',
        permissions: ['cases.window', 'cases.review', 'cases.approve', 'cases.produce', 'cases.supervise'],
        scope: { departmentIds: [bed.department('xh-wsjk')] },
      });
    const noCasePermission = () =>
      principalHeader({
        id: 'catalogue-editor',
        permissions: ['catalogue.manage'],
        scope: { departmentIds: [bed.department('xh-scjg')] },
      });

    beforeAll(async () => {
      scjg = bed.department('xh-scjg');
      caseId = (await bed.apply(item)).id;
      const accepted = await bed.action(caseId, 'accept', clerk());
      noticeId = accepted.json().notices[0].id;
    });

    const expectRefused = async (
      request: (headers: Headers) => ReturnType<CaseTestbed['call']>,
      refusals: [Headers, number][],
    ) => {
      for (const [headers, status] of refusals) {
        const response = await request(headers);
        expect(response.statusCode, `${JSON.stringify(headers)} → ${response.body}`).toBe(status);
      }
    };

    it('applying and listing need a login; the window needs the window permission', async () => {
      await expectRefused((h) => bed.call('POST', '/api/v1/cases', h, application(item)), [[anonymous, 401]]);
      await expectRefused((h) => bed.call('GET', '/api/v1/cases', h), [[anonymous, 401]]);
      await expectRefused(
        (h) => bed.call('POST', '/api/v1/window/cases', h, { ...application(item), proxyReason: '帮办代办' }),
        [
          [anonymous, 401],
          [applicant, 403],
          [noCasePermission(), 403],
        ],
      );
      // The applicant's list holds only their own cases.
      const strangers = (await bed.call('GET', '/api/v1/cases', stranger)).json();
      expect(strangers.total).toBe(0);
    });

    it('reading a case, its notices and its materials', async () => {
      await expectRefused(
        (h) => bed.call('GET', `/api/v1/cases/${caseId}`, h),
        [
          [anonymous, 401],
          [stranger, 403],
          [elsewhere(), 403],
          [noCasePermission(), 403],
        ],
      );
      await expectRefused(
        (h) => bed.call('GET', `/api/v1/cases/${caseId}/notices/${noticeId}`, h),
        [
          [anonymous, 401],
          [stranger, 403],
          [elsewhere(), 403],
        ],
      );
      await expectRefused(
        (h) =>
          bed.t.app.inject({
            method: 'PUT',
            url: `/api/v1/cases/${caseId}/materials/floor-plan`,
            headers: { ...h, 'content-type': 'application/pdf' },
            payload: PDF,
          }),
        [
          [anonymous, 401],
          [stranger, 403],
          [elsewhere(), 403],
        ],
      );
      await expectRefused(
        (h) => bed.call('POST', `/api/v1/cases/${caseId}/materials/business-licence/reuse`, h),
        [
          [anonymous, 401],
          [stranger, 403],
          [elsewhere(), 403],
        ],
      );
      // The applicant and the department read it.
      expect((await bed.call('GET', `/api/v1/cases/${caseId}`, applicant)).statusCode).toBe(200);
      expect((await bed.call('GET', `/api/v1/cases/${caseId}`, reviewer())).statusCode).toBe(200);
    });

    it('actions: the applicant’s, the window’s, the reviewer’s and the approver’s', async () => {
      const act =
        (name: string, body: Record<string, unknown> = {}) =>
        (h: Headers) =>
          bed.action(caseId, name, h, body);
      await expectRefused(act('withdraw'), [
        [anonymous, 401],
        [stranger, 403],
        [elsewhere(), 403],
      ]);
      await expectRefused(act('review', { opinion: 'approve' }), [
        [anonymous, 401],
        [applicant, 403],
        [elsewhere(), 403],
        [clerk(), 403],
      ]);
      await expectRefused(act('request_extension', { reason: '情况复杂需延期' }), [
        [applicant, 403],
        [elsewhere(), 403],
        [approver(), 403],
        [clerk(), 403],
      ]);
      await expectRefused(act('terminate', { reason: '主体资格灭失' }), [
        [stranger, 403],
        [elsewhere(), 403],
      ]);
      await expectRefused(act('suspend', { procedure: 'inspection', reason: '现场检验' }), [
        [applicant, 403],
        [elsewhere(), 403],
      ]);
      // Nothing was taken: still accepted, only submit and accept in the log.
      const view = (await bed.call('GET', `/api/v1/cases/${caseId}`, approver())).json();
      expect(view.status).toBe('accepted');
      expect(view.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'accept']);
    });

    it('pre-review, claim, assignment and comments are for staff of the case’s department', async () => {
      const submitted = (await bed.apply(item)).id;
      await expectRefused(
        (h) => bed.call('POST', `/api/v1/cases/${submitted}/pre-review`, h),
        [
          [anonymous, 401],
          [applicant, 403],
          [elsewhere(), 403],
        ],
      );
      for (const path of ['claim', 'comments', 'assign']) {
        const body =
          path === 'comments' ? { text: '内部备注' } : path === 'assign' ? { assigneeId: null } : {};
        await expectRefused(
          (h) => bed.call('POST', `/api/v1/cases/${submitted}/${path}`, h, body),
          [
            [anonymous, 401],
            [applicant, 403],
            [stranger, 403],
            [elsewhere(), 403],
          ],
        );
      }
      expect((await bed.call('POST', `/api/v1/cases/${submitted}/pre-review`, clerk())).statusCode).toBe(200);
    });

    it('the workbench is for staff, and shows only their scope', async () => {
      await expectRefused(
        (h) => bed.call('GET', '/api/v1/workbench/cases?queue=review', h),
        [
          [anonymous, 401],
          [applicant, 403],
          [noCasePermission(), 403],
        ],
      );
      const ids = async (headers: Headers) =>
        (await bed.call('GET', '/api/v1/workbench/cases?queue=review&pageSize=100', headers))
          .json()
          .items.map((c: { id: string }) => c.id);
      expect(await ids(reviewer())).toContain(caseId);
      expect(await ids(elsewhere())).not.toContain(caseId);
    });

    it('webhook subscriptions need cases.integrate for that department', async () => {
      const body = { url: 'http://127.0.0.1:9/hook', secret: 'x'.repeat(40), actions: [] };
      for (const method of ['POST', 'GET'] as const) {
        await expectRefused(
          (h) => bed.call(method, `/api/v1/departments/${scjg}/case-webhooks`, h, body),
          [
            [anonymous, 401],
            [approver(), 403],
            [integrator('xh-wsjk'), 403],
          ],
        );
      }
    });

    it('the public lookup needs the number and the applicant’s ID number together', async () => {
      const view = (await bed.call('GET', `/api/v1/cases/${caseId}`, applicant)).json();
      const wrong = await bed.call(
        'GET',
        `/api/v1/case-lookup?number=${view.caseNumber}&identifier=91330106MA2H7K3Q0X`,
        anonymous,
      );
      expect(wrong.statusCode).toBe(404);
      const right = await bed.call(
        'GET',
        `/api/v1/case-lookup?number=${view.caseNumber}&identifier=${DEMO_ENTERPRISE.creditCode}`,
        anonymous,
      );
      expect(right.statusCode).toBe(200);
    });
  });

  describe('webhooks to a department system', () => {
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    beforeAll(async () => {
      receiver = await startReceiver();
    });
    afterAll(() => receiver.close());

    it('delivers a signed event after an action; the outbox never holds the secret', async () => {
      const scjg = bed.department('xh-scjg');
      const secret = 'scjg-approval-system-shared-secret-2026';
      const scjgIntegrator = integrator('xh-scjg');
      const subscribed = await bed.call('POST', `/api/v1/departments/${scjg}/case-webhooks`, scjgIntegrator, {
        url: receiver.url,
        secret,
        actions: ['accept'],
      });
      expect(subscribed.statusCode, subscribed.body).toBe(201);
      expect(subscribed.body).not.toContain(secret);
      const listed = await bed.call('GET', `/api/v1/departments/${scjg}/case-webhooks`, scjgIntegrator);
      expect(listed.json().items).toHaveLength(1);
      expect(listed.body).not.toContain(secret);

      const { id } = await bed.apply(item);
      const accepted = await bed.action(id, 'accept', clerk());
      expect(accepted.statusCode).toBe(200);

      const queued = await bed.sql(
        `select payload::text as payload from platform_outbox where topic = 'cases.webhook' and delivered_at is null`,
      );
      // Only the subscribed action (not submit) was queued, and only ids travel.
      expect(queued).toHaveLength(1);
      expect(String(queued[0]?.payload)).not.toContain(secret);
      const stored = await bed.sql('select secret_encrypted as s from case_webhook_subscriptions');
      expect(String(stored[0]?.s)).not.toContain(secret);

      await bed.t.app.outbox.drainOnce();
      expect(receiver.received).toHaveLength(1);
      const [request] = receiver.received;
      const signature = String(request?.headers['x-yiwang-signature']);
      expect(
        verifyWebhookSignature(secret, signature, request?.body ?? '', Math.floor(Date.now() / 1000)),
      ).toBe(true);
      expect(
        verifyWebhookSignature(
          'another-secret-another-secret-0000',
          signature,
          request?.body ?? '',
          Math.floor(Date.now() / 1000),
        ),
      ).toBe(false);
      expect(request?.headers['x-yiwang-event']).toBe('case.accept');
      // The event's data is the case as stored by the action.
      const [caseRow] = await bed.sql(
        `select application_number as "applicationNumber", case_number as "caseNumber",
           implementation_code as "implementationCode", status, revision,
           promised_due::text as "promisedDue", legal_due::text as "legalDue"
         from cases where id = $1`,
        [id],
      );
      expect(caseRow).toMatchObject({ status: 'accepted', caseNumber: accepted.json().caseNumber });
      expect(caseRow?.promisedDue).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(JSON.parse(request?.body ?? '{}')).toMatchObject({
        event: 'case.accept',
        data: { caseId: id, ...caseRow },
      });
      expect(Object.keys(JSON.parse(request?.body ?? '{}').data).sort()).toEqual(
        ['caseId', ...Object.keys(caseRow ?? {})].sort(),
      );
      const delivered = await bed.sql(
        `select delivered_at is not null as done from platform_outbox where topic = 'cases.webhook'`,
      );
      expect(delivered).toEqual([{ done: true }]);
    });

    it('lists a department’s deliveries by state and sends a dead one again, audited', async () => {
      const scjg = bed.department('xh-scjg');
      const scjgIntegrator = integrator('xh-scjg');
      const deliveries = (query: string, headers = scjgIntegrator) =>
        bed.call('GET', `/api/v1/departments/${scjg}/case-webhooks/deliveries${query}`, headers);
      const retry = (messageId: number | string) =>
        bed.call(
          'POST',
          `/api/v1/departments/${scjg}/case-webhooks/deliveries/${messageId}/retry`,
          scjgIntegrator,
          {},
        );

      const { id } = await bed.apply(item);
      expect((await bed.action(id, 'accept', clerk())).statusCode).toBe(200);
      // The department system was down through every attempt: the relay gave the message up.
      const [queued] = await bed.sql(
        `update platform_outbox set attempts = 8, last_error = 'answered 503', dead_at = now()
          where topic = 'cases.webhook' and delivered_at is null returning id::int as id`,
      );
      const messageId = Number(queued?.id);

      const dead = await deliveries('?state=dead');
      expect(dead.statusCode, dead.body).toBe(200);
      expect(dead.json()).toMatchObject({ total: 1, page: 1, pageSize: 20 });
      expect(dead.json().items[0]).toMatchObject({
        messageId,
        event: 'case.accept',
        state: 'dead',
        attempts: 8,
        lastError: 'answered 503',
      });
      expect((await deliveries('?state=delivered')).json().total).toBe(1);
      const foreign = integrator('xh-wsjk');
      expect((await deliveries('?state=dead', foreign)).statusCode).toBe(403);
      // Another department's page shows none of these.
      const theirs = await bed.call(
        'GET',
        `/api/v1/departments/${bed.department('xh-wsjk')}/case-webhooks/deliveries?state=delivered`,
        foreign,
      );
      expect(theirs.json().total).toBe(0);

      const again = await retry(messageId);
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json()).toMatchObject({ messageId, state: 'pending', attempts: 0, deadAt: null });
      expect(
        await bed.sql(
          `select count(*)::int as n from platform_audit_log where action = 'cases.webhook.retry' and entity_id = $1`,
          [String(messageId)],
        ),
      ).toEqual([{ n: 1 }]);
      const twice = await retry(messageId);
      expect(twice.statusCode).toBe(409);
      expect(twice.json()).toMatchObject({ code: 'CASE_WEBHOOK_DELIVERY_NOT_DEAD' });
      expect((await retry(999_999_999)).json()).toMatchObject({ code: 'CASE_WEBHOOK_DELIVERY_NOT_FOUND' });

      const before = receiver.received.length;
      await bed.t.app.outbox.drainOnce();
      expect(receiver.received).toHaveLength(before + 1);
      expect((await deliveries('?state=delivered')).json().total).toBe(2);
      expect((await deliveries('')).json().total).toBe(0);
    });

    it('switches a department system off (waiting deliveries dropped, none queued) and on again, audited', async () => {
      const scjg = bed.department('xh-scjg');
      const scjgIntegrator = integrator('xh-scjg');
      const [subscription] = (
        await bed.call('GET', `/api/v1/departments/${scjg}/case-webhooks`, scjgIntegrator)
      ).json().items as { id: string }[];
      if (!subscription) throw new Error('the first test subscribed a system');
      const change = (active: boolean, department = scjg, headers = scjgIntegrator, id = subscription.id) =>
        bed.call('PATCH', `/api/v1/departments/${department}/case-webhooks/${id}`, headers, { active });
      const waiting = async () =>
        (
          await bed.sql(
            `select count(*)::int as n from platform_outbox where topic = 'cases.webhook' and delivered_at is null and dead_at is null`,
          )
        )[0]?.n;

      // Queued while on, then switched off before the relay ran: dropped, not sent.
      const first = await bed.apply(item);
      expect((await bed.action(first.id, 'accept', clerk())).statusCode).toBe(200);
      expect(await waiting()).toBe(1);
      const off = await change(false);
      expect(off.statusCode, off.body).toBe(200);
      expect(off.json()).toMatchObject({ id: subscription.id, active: false });
      const before = receiver.received.length;
      await bed.t.app.outbox.drainOnce();
      expect(receiver.received).toHaveLength(before);
      expect(await waiting()).toBe(0);
      // While off, an action queues nothing for it.
      const second = await bed.apply(item);
      expect((await bed.action(second.id, 'accept', clerk())).statusCode).toBe(200);
      expect(await waiting()).toBe(0);

      const on = await change(true);
      expect(on.json()).toMatchObject({ active: true });
      const third = await bed.apply(item);
      expect((await bed.action(third.id, 'accept', clerk())).statusCode).toBe(200);
      await bed.t.app.outbox.drainOnce();
      expect(receiver.received).toHaveLength(before + 1);
      expect(JSON.parse(receiver.received.at(-1)?.body ?? '{}')).toMatchObject({
        data: { caseId: third.id },
      });
      expect(
        await bed.sql(
          `select action from platform_audit_log where entity_id = $1 and action like 'cases.webhook.%ctivate' order by seq`,
          [subscription.id],
        ),
      ).toEqual([{ action: 'cases.webhook.deactivate' }, { action: 'cases.webhook.activate' }]);

      // Another department's integrator, or this subscription under another department: refused.
      const wsjk = bed.department('xh-wsjk');
      const foreign = integrator('xh-wsjk');
      expect((await change(false, scjg, foreign)).statusCode).toBe(403);
      const elsewhere = await change(false, wsjk, foreign);
      expect(elsewhere.statusCode).toBe(404);
      expect(elsewhere.json()).toMatchObject({ code: 'CASE_WEBHOOK_NOT_FOUND' });
      const bad = await bed.call(
        'PATCH',
        `/api/v1/departments/${scjg}/case-webhooks/${subscription.id}`,
        scjgIntegrator,
        { active: 'no' },
      );
      expect(bad.statusCode).toBe(400);
      expect(
        (await bed.call('GET', `/api/v1/departments/${scjg}/case-webhooks`, scjgIntegrator)).json().items,
      ).toEqual([expect.objectContaining({ id: subscription.id, active: true })]);
    });

    it('refuses a URL off the allowed hosts or with credentials in it, making or moving a subscription', async () => {
      const scjg = bed.department('xh-scjg');
      const scjgIntegrator = integrator('xh-scjg');
      const listed = async () =>
        (await bed.call('GET', `/api/v1/departments/${scjg}/case-webhooks`, scjgIntegrator)).json().items;
      const before = await listed();
      const [subscription] = before as { id: string; url: string }[];
      if (!subscription) throw new Error('the first test subscribed a system');
      for (const url of [
        // The cloud metadata address, another host, credentials on an allowed host.
        'http://169.254.169.254/latest/meta-data/',
        'https://hooks.example.org/yiwang',
        'http://integrator:pw@127.0.0.1:9/hook',
      ]) {
        const made = await bed.call('POST', `/api/v1/departments/${scjg}/case-webhooks`, scjgIntegrator, {
          url,
          secret: 'y'.repeat(40),
          actions: [],
        });
        expect(made.statusCode, url).toBe(422);
        expect(made.json()).toMatchObject({
          code: 'CASE_WEBHOOK_URL_REFUSED',
          details: { field: 'body.url' },
        });
        const moved = await bed.call(
          'PATCH',
          `/api/v1/departments/${scjg}/case-webhooks/${subscription.id}`,
          scjgIntegrator,
          { url },
        );
        expect(moved.statusCode, url).toBe(422);
      }
      // Nothing was made or changed.
      expect(await listed()).toEqual(before);
      const empty = await bed.call(
        'PATCH',
        `/api/v1/departments/${scjg}/case-webhooks/${subscription.id}`,
        scjgIntegrator,
        {},
      );
      expect(empty.statusCode).toBe(400);
    });

    it('re-keys a subscription (signed with the new secret from then on) and removes it, audited', async () => {
      const scjg = bed.department('xh-scjg');
      const scjgIntegrator = integrator('xh-scjg');
      const path = (id: string) => `/api/v1/departments/${scjg}/case-webhooks/${id}`;
      const [subscription] = (
        await bed.call('GET', `/api/v1/departments/${scjg}/case-webhooks`, scjgIntegrator)
      ).json().items as { id: string }[];
      if (!subscription) throw new Error('the first test subscribed a system');
      const oldSecret = 'scjg-approval-system-shared-secret-2026';
      const newSecret = 'scjg-approval-system-rotated-secret-2026-12';

      // Queued before the re-key, sent after it: signed with the secret of the moment it is sent.
      const first = await bed.apply(item);
      expect((await bed.action(first.id, 'accept', clerk())).statusCode).toBe(200);
      const rekeyed = await bed.call('PATCH', path(subscription.id), scjgIntegrator, {
        secret: newSecret,
        actions: ['accept', 'approve'],
      });
      expect(rekeyed.statusCode, rekeyed.body).toBe(200);
      expect(rekeyed.body).not.toContain(newSecret);
      expect(rekeyed.json()).toMatchObject({
        id: subscription.id,
        actions: ['accept', 'approve'],
        active: true,
      });
      const sent = receiver.received.length;
      await bed.t.app.outbox.drainOnce();
      expect(receiver.received).toHaveLength(sent + 1);
      const request = receiver.received.at(-1);
      const signature = String(request?.headers['x-yiwang-signature']);
      const now = Math.floor(Date.now() / 1000);
      expect(verifyWebhookSignature(newSecret, signature, request?.body ?? '', now)).toBe(true);
      expect(verifyWebhookSignature(oldSecret, signature, request?.body ?? '', now)).toBe(false);
      // The audit record's digest is of the change without the secret, only that it was replaced.
      const state = { departmentId: scjg, url: receiver.url, actions: ['accept', 'approve'], active: true };
      expect(
        await bed.sql(
          `select after_digest as digest from platform_audit_log where action = 'cases.webhook.update' and entity_id = $1`,
          [subscription.id],
        ),
      ).toEqual([{ digest: stateDigest({ ...state, secretReplaced: true }) }]);

      // Removed with a delivery waiting: the delivery is dropped, not sent.
      const second = await bed.apply(item);
      expect((await bed.action(second.id, 'accept', clerk())).statusCode).toBe(200);
      expect((await bed.call('DELETE', path(subscription.id), integrator('xh-wsjk'))).statusCode).toBe(403);
      const removed = await bed.call('DELETE', path(subscription.id), scjgIntegrator);
      expect(removed.statusCode, removed.body).toBe(204);
      await bed.t.app.outbox.drainOnce();
      expect(receiver.received).toHaveLength(sent + 1);
      expect(
        await bed.sql(
          `select count(*)::int as n from platform_outbox where topic = 'cases.webhook' and delivered_at is null and dead_at is null`,
        ),
      ).toEqual([{ n: 0 }]);
      expect(
        (await bed.call('GET', `/api/v1/departments/${scjg}/case-webhooks`, scjgIntegrator)).json().items,
      ).toEqual([]);
      const again = await bed.call('DELETE', path(subscription.id), scjgIntegrator);
      expect(again.statusCode).toBe(404);
      expect(again.json()).toMatchObject({ code: 'CASE_WEBHOOK_NOT_FOUND' });
      expect(
        await bed.sql(
          `select before_digest as digest from platform_audit_log where action = 'cases.webhook.delete' and entity_id = $1`,
          [subscription.id],
        ),
      ).toEqual([{ digest: stateDigest(state) }]);
      // No new events are queued for it.
      const third = await bed.apply(item);
      expect((await bed.action(third.id, 'accept', clerk())).statusCode).toBe(200);
      expect(
        await bed.sql(
          `select count(*)::int as n from platform_outbox where topic = 'cases.webhook' and delivered_at is null`,
        ),
      ).toEqual([{ n: 0 }]);
    });
  });

  describe('who may apply', () => {
    it('an item demanding a verified identity refuses a self-declared applicant, and takes a verified one', async () => {
      const content = fixtureContent();
      content.guide.requiredAssurance = 'population';
      const strict = await bed.publish('7', content);
      const asPerson = (assurance: 'self_declared' | 'population') =>
        principalHeader({
          id: `person-${assurance}`,
          kind: 'enterprise',
          assurance,
          identifier: DEMO_ENTERPRISE.creditCode,
        });
      const refused = await bed.call('POST', '/api/v1/cases', asPerson('self_declared'), application(strict));
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({
        code: 'CASE_ASSURANCE_TOO_LOW',
        details: { field: 'body.implementationCode', required: 'population' },
      });
      const taken = await bed.call('POST', '/api/v1/cases', asPerson('population'), application(strict));
      expect(taken.statusCode, taken.body).toBe(201);
    });

    it('online, one applies only as oneself: another ID number is refused (and so are its licences)', async () => {
      const someoneElse = principalHeader({
        id: 'person-x',
        kind: 'person',
        identifier: '11010519491231002X',
      });
      const refused = await bed.call('POST', '/api/v1/cases', someoneElse, application(item));
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({
        code: 'CASE_APPLICANT_NOT_CALLER',
        details: { field: 'body.applicant.identifier' },
      });
      const withoutIdentity = principalHeader({ id: 'person-y', kind: 'person' });
      expect((await bed.call('POST', '/api/v1/cases', withoutIdentity, application(item))).statusCode).toBe(
        403,
      );
      expect((await bed.call('POST', '/api/v1/cases', applicant, application(item))).statusCode).toBe(201);
      // Left out, the identifier is the signed-in account's own (an agent need not know the code by heart).
      const { identifier: _, ...withoutIdentifier } = application(item).applicant;
      const own = await bed.call('POST', '/api/v1/cases', applicant, {
        ...application(item),
        applicant: withoutIdentifier,
      });
      expect(own.statusCode, own.body).toBe(201);
      const reveal = await bed.call('POST', `/api/v1/cases/${own.json().id}/applicant/reveal`, clerk(), {});
      expect(reveal.json().identifier).toBe(DEMO_ENTERPRISE.creditCode);
    });

    it('a draft is submitted with the fields changed since it was saved, or given up (withdrawn)', async () => {
      const saved = await bed.call('POST', '/api/v1/cases', applicant, {
        ...application(item),
        submit: false,
      });
      expect(saved.statusCode, saved.body).toBe(201);
      const draftId = saved.json().id;
      const badField = await bed.action(draftId, 'submit', applicant, { form: { address: '' } });
      expect(badField.statusCode).toBe(422);
      expect(badField.json().details.field).toContain('address');
      const submitted = await bed.action(draftId, 'submit', applicant, {
        form: { address: '杭州市西湖区文二路 200 号' },
      });
      expect(submitted.statusCode, submitted.body).toBe(200);
      const view = (await bed.call('GET', `/api/v1/cases/${draftId}`, applicant)).json();
      expect(view).toMatchObject({ status: 'submitted' });
      expect(view.form.address).toBe('杭州市西湖区文二路 200 号');

      const other = await bed.call('POST', '/api/v1/cases', applicant, {
        ...application(item),
        submit: false,
      });
      const given = await bed.action(other.json().id, 'withdraw', applicant, {
        reason: '填错事项，重新申请',
      });
      expect(given.statusCode, given.body).toBe(200);
      expect(given.json().status).toBe('withdrawn');
    });

    it('容缺承诺: the applicant commits at submission; the window accepts with the material missing on it', async () => {
      const notDeferrable = await bed.call('POST', '/api/v1/cases', applicant, {
        ...application(item),
        deferredMaterials: ['business-licence'],
        commitment: '本人承诺受理后十个工作日内补交',
      });
      expect(notDeferrable.statusCode).toBe(422);
      const noText = await bed.call('POST', '/api/v1/cases', applicant, {
        ...application(item),
        deferredMaterials: ['floor-plan'],
      });
      expect(noText.json().details.field).toBe('body.commitment');
      const committed = await bed.call('POST', '/api/v1/cases', applicant, {
        ...application(item),
        deferredMaterials: ['floor-plan'],
        commitment: '本人承诺受理后十个工作日内补交经营场所平面布局图',
      });
      expect(committed.statusCode, committed.body).toBe(201);
      const caseId = committed.json().id;
      // The clerk's 容缺受理 takes the applicant's commitment as made.
      const accepted = await bed.action(caseId, 'accept_with_deficiency', clerk(), {});
      expect(accepted.statusCode, accepted.body).toBe(200);
      expect(accepted.json().deferredMaterials).toEqual([
        expect.objectContaining({ materialKey: 'floor-plan', suppliedAt: null }),
      ]);
    });

    it('an agent (经办人) applies only for the items the enterprise granted', async () => {
      const agentFor = (itemCodes: string[]) =>
        principalHeader({
          id: 'enterprise-account-1',
          kind: 'enterprise',
          identifier: DEMO_ENTERPRISE.creditCode,
          agent: { id: 'person-agent', name: '王芳', itemCodes },
        });
      const outside = await bed.call(
        'POST',
        '/api/v1/cases',
        agentFor(['330106000000000000099']),
        application(item),
      );
      expect(outside.statusCode).toBe(403);
      expect(outside.json().code).toBe('CASE_AGENT_NOT_AUTHORIZED');
      const granted = await bed.call('POST', '/api/v1/cases', agentFor([item]), application(item));
      expect(granted.statusCode, granted.body).toBe(201);
      const everything = await bed.call('POST', '/api/v1/cases', agentFor([]), application(item));
      expect(everything.statusCode, everything.body).toBe(201);
    });
  });

  describe('the workbench: counts, filters, bulk assignment, revealing the applicant', () => {
    it('counts every queue in scope, and narrows a queue to my cases, unclaimed ones or a number', async () => {
      const { id, applicationNumber } = await bed.apply(item);
      const counts = (await bed.call('GET', '/api/v1/workbench/counts', clerk())).json();
      expect(Object.keys(counts).sort()).toEqual(
        [
          'acceptance',
          'decision',
          'delivery',
          'due_soon',
          'overdue',
          'pre_review',
          'production',
          'review',
        ].sort(),
      );
      const listed = (
        await bed.call('GET', '/api/v1/workbench/cases?queue=pre_review&pageSize=100', clerk())
      ).json();
      expect(counts.pre_review).toBe(listed.total);
      expect(listed.items.map((c: { id: string }) => c.id)).toContain(id);

      const byNumber = (
        await bed.call('GET', `/api/v1/workbench/cases?queue=pre_review&q=${applicationNumber}`, clerk())
      ).json();
      expect(byNumber.items.map((c: { id: string }) => c.id)).toEqual([id]);
      expect((await bed.call('POST', `/api/v1/cases/${id}/claim`, clerk(), {})).statusCode).toBe(200);
      const mine = (
        await bed.call('GET', '/api/v1/workbench/cases?queue=pre_review&assignee=me', clerk())
      ).json();
      expect(mine.items.map((c: { id: string }) => c.id)).toContain(id);
      const unclaimed = (
        await bed.call(
          'GET',
          '/api/v1/workbench/cases?queue=pre_review&assignee=unassigned&pageSize=100',
          clerk(),
        )
      ).json();
      expect(unclaimed.items.map((c: { id: string }) => c.id)).not.toContain(id);
      const elsewhere = bed.staff('clerk-9', 'cases.window', 'xh-wsjk');
      expect((await bed.call('GET', '/api/v1/workbench/counts', elsewhere)).json().pre_review).toBe(0);
      expect((await bed.call('GET', '/api/v1/workbench/counts', applicant)).statusCode).toBe(403);
    });

    it('a lead lists the colleagues of their scope by name and hands several cases to one at once; others may not', async () => {
      // Staff accounts through the identity module: two clerks and a reviewer of 市场监管局, a clerk of
      // 卫健局, a supervisor of 市场监管局 (no case work) and a disabled clerk.
      const accountsAdmin = principalHeader({
        id: 'accounts-admin',
        permissions: ['identity.accounts.manage'],
      });
      const rolesAdmin = principalHeader({ id: 'roles-admin', permissions: ['identity.roles.manage'] });
      const staffAccount = async (name: string, username: string, departmentKey: string, role: string) => {
        const created = await bed.call('POST', '/api/v1/identity/staff', accountsAdmin, {
          name,
          username,
          departmentId: bed.department(departmentKey),
          regionCode: '330106',
          password: 'Qiantang-Chao-88',
        });
        expect(created.statusCode, created.body).toBe(201);
        const id = created.json().id as string;
        const granted = await bed.call('POST', `/api/v1/identity/accounts/${id}/roles`, rolesAdmin, {
          role,
          departmentId: bed.department(departmentKey),
        });
        expect(granted.statusCode, granted.body).toBe(201);
        return id;
      };
      const wang = await staffAccount('王窗口', 'wang.chuangkou', 'xh-scjg', 'window_clerk');
      const wangB = await staffAccount('王审查', 'wang.shencha', 'xh-scjg', 'reviewer');
      const li = await staffAccount('李窗口', 'li.chuangkou', 'xh-scjg', 'window_clerk');
      await staffAccount('王卫健', 'wang.weijian', 'xh-wsjk', 'window_clerk');
      await staffAccount('王监察', 'wang.jiancha', 'xh-scjg', 'supervisor');
      const gone = await staffAccount('王离职', 'wang.lizhi', 'xh-scjg', 'window_clerk');
      expect(
        (await bed.call('POST', `/api/v1/identity/accounts/${gone}/disable`, accountsAdmin, {})).statusCode,
      ).toBe(200);

      const colleagues = (query: string, headers = approver()) =>
        bed.call('GET', `/api/v1/workbench/colleagues${query}`, headers);
      // Filtered by name and scope on the server: no 卫健局 staff, no supervisor, no disabled account.
      const wangs = await colleagues('?q=王');
      expect(wangs.statusCode, wangs.body).toBe(200);
      expect(wangs.json()).toMatchObject({ total: 2, page: 1, pageSize: 20 });
      expect(wangs.json().items).toEqual([
        {
          id: wangB,
          name: '王审查',
          departmentId: bed.department('xh-scjg'),
          departmentName: expect.stringContaining('市场监督管理局'),
          roles: [{ role: 'reviewer', name: '审查人员' }],
        },
        expect.objectContaining({
          id: wang,
          name: '王窗口',
          roles: [{ role: 'window_clerk', name: '综合窗口' }],
        }),
      ]);
      const paged = (await colleagues('?pageSize=1&page=2')).json();
      expect(paged).toMatchObject({ total: 3, page: 2, pageSize: 1 });
      expect(paged.items).toHaveLength(1);
      expect((await colleagues('?q=%25')).json().total).toBe(0);
      const foreignLead = bed.staff('approver-9', 'cases.approve', 'xh-wsjk');
      expect((await colleagues('', foreignLead)).json().items.map((c: { name: string }) => c.name)).toEqual([
        '王卫健',
      ]);
      expect((await colleagues('', clerk())).statusCode).toBe(403);
      expect((await colleagues('', applicant)).statusCode).toBe(403);
      expect((await colleagues('?pageSize=1000')).json()).toMatchObject({
        code: 'REQUEST_VALIDATION_FAILED',
      });

      const first = await bed.apply(item);
      const second = await bed.apply(item);
      expect((await bed.call('POST', `/api/v1/cases/${first.id}/claim`, clerk(), {})).statusCode).toBe(200);
      const body = { caseIds: [first.id, second.id], assigneeId: li };
      expect((await bed.call('POST', '/api/v1/workbench/assignments', clerk(), body)).statusCode).toBe(403);
      // Not a colleague in scope (卫健局's clerk, a disabled account, an unknown id): refused, nothing changed.
      for (const assigneeId of [gone, 'clerk-2', '00000000-0000-4000-8000-000000000000']) {
        const refused = await bed.call('POST', '/api/v1/workbench/assignments', approver(), {
          ...body,
          assigneeId,
        });
        expect(refused.statusCode).toBe(422);
        expect(refused.json()).toMatchObject({
          code: 'CASE_ASSIGNEE_UNKNOWN',
          details: { field: 'body.assigneeId' },
        });
      }
      expect((await bed.call('GET', `/api/v1/cases/${first.id}`, approver())).json().assigneeId).toBe(
        'clerk-1',
      );
      const assigned = await bed.call('POST', '/api/v1/workbench/assignments', approver(), body);
      expect(assigned.statusCode, assigned.body).toBe(200);
      const asLi = principalHeader({
        id: li,
        permissions: ['cases.window'],
        scope: { departmentIds: [bed.department('xh-scjg')] },
      });
      const mine = (
        await bed.call('GET', '/api/v1/workbench/cases?queue=pre_review&assignee=me&pageSize=100', asLi)
      ).json();
      expect(mine.items.map((c: { id: string }) => c.id)).toEqual(
        expect.arrayContaining([first.id, second.id]),
      );
      const refused = await bed.call('POST', '/api/v1/workbench/assignments', foreignLead, {
        ...body,
        assigneeId: null,
      });
      expect(refused.json().code).toBe('CASE_FORBIDDEN');
    });

    it('staff in scope reveal the applicant’s ID and mobile, each reveal audited; nobody else can', async () => {
      const { id } = await bed.apply(item);
      const masked = (await bed.call('GET', `/api/v1/cases/${id}`, clerk())).json();
      expect(JSON.stringify(masked)).not.toContain(APPLICANT_MOBILE);
      const revealed = await bed.call('POST', `/api/v1/cases/${id}/applicant/reveal`, clerk(), {});
      expect(revealed.statusCode, revealed.body).toBe(200);
      expect(revealed.json()).toEqual({ identifier: DEMO_ENTERPRISE.creditCode, mobile: APPLICANT_MOBILE });
      const audit = await bed.sql(
        "select actor_id from platform_audit_log where action = 'cases.applicant.revealed' and entity_id = $1",
        [id],
      );
      expect(audit).toEqual([{ actor_id: 'clerk-1' }]);
      const outsider = bed.staff('clerk-9', 'cases.window', 'xh-wsjk');
      expect((await bed.call('POST', `/api/v1/cases/${id}/applicant/reveal`, outsider, {})).statusCode).toBe(
        403,
      );
      expect((await bed.call('POST', `/api/v1/cases/${id}/applicant/reveal`, applicant, {})).statusCode).toBe(
        403,
      );
    });
  });
});
