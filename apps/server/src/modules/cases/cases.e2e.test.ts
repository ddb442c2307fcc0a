import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit.js';
import {
  createTestApp,
  departmentsByKey,
  principalHeader,
  sentSms,
  type TestApp,
} from '../../test/harness.js';
import { parsePdf } from '../../test/pdf-text.js';
import { fixtureBasicItem, fixtureContent } from '../catalogue/catalogue.fixtures.js';
import { keyElementsOf } from '../catalogue/catalogue.service.js';
import { DEMO_ENTERPRISE } from './cases.demo.js';

/** A minimal valid PDF: what an applicant uploads. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/**
 * The whole statutory path through the HTTP API, on a clock the test moves: every deadline is
 * checked against dates counted by hand on the 2026 arrangement (中秋 09-25..27, 国庆 10-01..07,
 * 10-10 worked).
 */
describe('a case from application to completion, through the API', () => {
  let t: TestApp;
  let now = new Date('2026-09-22T10:00:00+08:00');
  const at = (instant: string) => {
    now = new Date(`${instant}+08:00`);
  };
  const basic = fixtureBasicItem();
  let implementationCode = '';
  let scjg = '';
  let wsjk = '';
  let caseId = '';

  const applicant = principalHeader({
    id: 'enterprise-account-1',
    kind: 'enterprise',
    identifier: DEMO_ENTERPRISE.creditCode,
  });
  const staff = (id: string, permission: string, departmentId: () => string) => () =>
    principalHeader({ id, permissions: [permission], scope: { departmentIds: [departmentId()] } });
  const clerk = staff('clerk-1', 'cases.window', () => scjg);
  const otherClerk = staff('clerk-2', 'cases.window', () => scjg);
  const reviewer = staff('reviewer-scjg', 'cases.review', () => scjg);
  const healthReviewer = staff('reviewer-wsjk', 'cases.review', () => wsjk);
  const approver = staff('approver-scjg', 'cases.approve', () => scjg);
  const officer = staff('officer-scjg', 'cases.produce', () => scjg);

  const call = async (
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    headers: Record<string, string>,
    payload?: unknown,
  ) =>
    t.app.inject({
      method,
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const action = (name: string, headers: Record<string, string>, body: Record<string, unknown> = {}) =>
    call('POST', `/api/v1/cases/${caseId}/actions/${name}`, headers, body);
  const upload = (key: string) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/cases/${caseId}/materials/${key}?fileName=${key}.pdf`,
      headers: { ...applicant, 'content-type': 'application/pdf' },
      payload: PDF,
    });

  beforeAll(async () => {
    t = await createTestApp({ config: { seedDemoData: true }, dependencies: { clock: () => now } });
    const departments = await departmentsByKey(t.app);
    scjg = departments['xh-scjg']?.id ?? '';
    wsjk = departments['xh-wsjk']?.id ?? '';
    const admin = principalHeader({ id: 'catalogue-admin', permissions: ['catalogue.manage'] });
    expect((await call('POST', '/api/v1/catalogue/basic-items', admin, basic)).statusCode).toBe(201);
    const content = fixtureContent({
      legalTimeLimit: { kind: 'working_days', days: 20 },
      promisedTimeLimit: { kind: 'working_days', days: 10 },
    });
    // 并联审查: market regulation and health review together.
    const review = content.process.steps.find((step) => step.key === 'review');
    if (review) review.jointSectors = ['health'];
    const created = await call('POST', '/api/v1/catalogue/entries', admin, {
      keyElements: keyElementsOf(basic, scjg),
      regionCode: '330106',
      serial: '0',
      content,
    });
    expect(created.statusCode).toBe(201);
    implementationCode = created.json().implementationCode;
    const published = await call('POST', `/api/v1/catalogue/entries/${created.json().id}/publish`, admin, {});
    expect(published.statusCode).toBe(200);
  });
  afterAll(() => t.close());

  const application = () => ({
    implementationCode,
    form: {
      enterpriseName: DEMO_ENTERPRISE.name,
      creditCode: DEMO_ENTERPRISE.creditCode,
      address: '西湖区文三路',
    },
    applicant: { name: DEMO_ENTERPRISE.name, identifier: DEMO_ENTERPRISE.creditCode, mobile: '13800571234' },
    submit: false,
  });

  it('applies once per Idempotency-Key; a bad form names its fields', async () => {
    const bad = await call('POST', '/api/v1/cases', applicant, {
      ...application(),
      form: { enterpriseName: DEMO_ENTERPRISE.name, creditCode: '91330106MA2H7K3Q00' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('CASE_FORM_INVALID');
    expect(
      bad
        .json()
        .details.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['body.form.address', 'body.form.creditCode']);
    const key = { ...applicant, 'idempotency-key': 'apply-0001-abcdef' };
    const first = await call('POST', '/api/v1/cases', key, application());
    expect(first.statusCode).toBe(201);
    const again = await call('POST', '/api/v1/cases', key, application());
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    const reused = await call('POST', '/api/v1/cases', key, { ...application(), submit: true });
    expect(reused.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    const mine = (await call('GET', '/api/v1/cases', applicant)).json();
    expect(mine.total).toBe(1);
    caseId = first.json().id;
    expect(first.json()).toMatchObject({
      status: 'draft',
      applicant: { identifier: DEMO_ENTERPRISE.creditCode },
    });
  });

  it('uploads one material, reuses the e-licence for another (免提交) and submits with the floor plan missing', async () => {
    const uploaded = await upload('application-form');
    expect(uploaded.statusCode).toBe(200);
    expect(uploaded.json()).toMatchObject({ source: 'upload', size: PDF.length });
    const notPdf = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/cases/${caseId}/materials/floor-plan`,
      headers: { ...applicant, 'content-type': 'application/pdf' },
      payload: Buffer.from('GIF89a not a pdf'),
    });
    expect(notPdf.statusCode).toBe(415);
    expect(notPdf.json().code).toBe('BLOB_CONTENT_MISMATCH');
    const reused = await call('POST', `/api/v1/cases/${caseId}/materials/business-licence/reuse`, applicant);
    expect(reused.statusCode).toBe(200);
    expect(reused.json()).toMatchObject({ source: 'licence', reference: expect.stringContaining('YYZZ') });
    const strangers = await call(
      'POST',
      `/api/v1/cases/${caseId}/materials/business-licence/reuse`,
      principalHeader({ id: 'someone', kind: 'person' }),
    );
    expect(strangers.statusCode).toBe(403);

    // Tuesday 2026-09-22 10:00: received that day; completeness due 09-23, 24, 28, 29, 30.
    const submitted = await action('submit', applicant);
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({
      status: 'submitted',
      clocks: { receivedOn: '2026-09-22', completenessDue: '2026-09-30' },
    });
  });

  it('the window issues one correction notice (一次性告知); a resubmission must answer all of it', async () => {
    at('2026-09-23T10:00:00');
    const notice = await action('request_correction', clerk(), {
      corrections: [
        { subject: 'floor-plan', kind: 'material', reason: '缺少经营场所平面布局图' },
        { subject: 'address', kind: 'field', reason: '经营场所地址不完整，请写明门牌号' },
      ],
    });
    expect(notice.statusCode).toBe(200);
    expect(notice.json().status).toBe('correction_required');
    expect(notice.json().notices.map((n: { kind: string }) => n.kind)).toEqual(['correction']);
    const unknown = await action('request_correction', clerk(), {
      corrections: [{ subject: 'no-such', kind: 'material', reason: '不存在' }],
    });
    expect(unknown.statusCode).toBe(409);

    at('2026-09-23T15:00:00');
    const partial = await action('resubmit', applicant, {
      form: { address: '杭州市西湖区文三路 100 号 1 楼' },
    });
    expect(partial.statusCode).toBe(422);
    expect(partial.json()).toMatchObject({
      code: 'CASE_CORRECTION_INCOMPLETE',
      details: { missing: ['floor-plan'] },
    });
    expect((await upload('floor-plan')).statusCode).toBe(200);
    const resubmitted = await action('resubmit', applicant, {
      form: { address: '杭州市西湖区文三路 100 号 1 楼' },
    });
    expect(resubmitted.statusCode).toBe(200);
    // Received again on 09-23: due 09-24, 28, 29, 30, 10-08.
    expect(resubmitted.json()).toMatchObject({
      status: 'submitted',
      corrections: [],
      form: { address: '杭州市西湖区文三路 100 号 1 楼' },
      clocks: { receivedOn: '2026-09-23', completenessDue: '2026-10-08' },
    });
  });

  it('pre-review passes and the window accepts: case number, both clocks, the joint step', async () => {
    at('2026-09-24T10:00:00');
    expect((await call('POST', `/api/v1/cases/${caseId}/pre-review`, clerk())).statusCode).toBe(200);
    const queue = (await call('GET', '/api/v1/workbench/cases?queue=acceptance', clerk())).json();
    expect(queue.items.map((c: { id: string }) => c.id)).toContain(caseId);
    // Claimed by one clerk, the other cannot act on it.
    expect((await call('POST', `/api/v1/cases/${caseId}/claim`, clerk())).statusCode).toBe(200);
    const second = await action('accept', otherClerk());
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('CASE_CLAIMED_BY_OTHER');
    expect((await call('POST', `/api/v1/cases/${caseId}/claim`, otherClerk())).json().code).toBe(
      'CASE_CLAIMED_BY_OTHER',
    );

    const accepted = await action('accept', clerk());
    expect(accepted.statusCode).toBe(200);
    const body = accepted.json();
    expect(body.status).toBe('accepted');
    expect(body.caseNumber).toMatch(/^33010620260924\d{6}$/);
    expect(body.clocks).toMatchObject({
      acceptedOn: '2026-09-24',
      legalDue: '2026-10-29',
      promisedDue: '2026-10-15',
    });
    // The review step: 2 working days (09-25..27 off) → 09-29; both departments asked.
    expect(body.step).toMatchObject({ key: 'review', due: '2026-09-29' });
    expect(body.jointOpinions.map((o: { departmentId: string }) => o.departmentId).sort()).toEqual(
      [scjg, wsjk].sort(),
    );
    expect(body.notices.map((n: { kind: string }) => n.kind)).toEqual(['correction', 'acceptance']);
    // Release the claim for the reviewers.
    expect(
      (await call('POST', `/api/v1/cases/${caseId}/assign`, clerk(), { assigneeId: null })).statusCode,
    ).toBe(200);

    const again = await action('request_correction', clerk(), {
      corrections: [{ subject: 'floor-plan', kind: 'material', reason: '再次补正' }],
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'CASE_ACTION_NOT_ALLOWED', details: { status: 'accepted' } });
    expect(again.json().details.allowedActions).toContain('review');
  });

  it('a suspension for expert review (专家评审) stops both clocks', async () => {
    at('2026-09-29T10:00:00');
    const suspended = await action('suspend', reviewer(), {
      procedure: 'expert_review',
      reason: '需组织专家对加工工艺进行评审',
    });
    expect(suspended.statusCode).toBe(200);
    expect(suspended.json()).toMatchObject({ status: 'suspended', clocks: { suspendedOn: '2026-09-29' } });
    expect((await action('review', reviewer(), { opinion: 'approve' })).statusCode).toBe(409);

    at('2026-10-09T10:00:00');
    const resumed = await action('resume', reviewer(), { result: '专家评审通过' });
    expect(resumed.statusCode).toBe(200);
    // 09-30, 10-08 and 10-09 not counted: legal 10-29 → 11-03, promised 10-15 → 10-20.
    expect(resumed.json()).toMatchObject({
      status: 'accepted',
      clocks: { pausedDays: 3, suspendedOn: null, legalDue: '2026-11-03', promisedDue: '2026-10-20' },
    });
  });

  it('joint approval: both departments must approve before the decision', async () => {
    const early = await action('approve', approver(), { content: '准予许可' });
    expect(early.json().code).toBe('CASE_REVIEW_INCOMPLETE');
    const scjgOpinion = await action('review', reviewer(), {
      opinion: 'approve',
      comment: '材料齐全，符合条件',
    });
    expect(scjgOpinion.statusCode).toBe(200);
    expect(scjgOpinion.json()).toMatchObject({ status: 'under_review', step: { key: 'review' } });
    expect((await action('review', reviewer(), { opinion: 'approve' })).json().code).toBe(
      'CASE_OPINION_GIVEN',
    );
    const outsider = principalHeader({
      id: 'reviewer-x',
      permissions: ['cases.review'],
      scope: { departmentIds: ['00000000-0000-4000-8000-000000000000'] },
    });
    expect((await action('review', outsider, { opinion: 'approve' })).statusCode).toBe(403);
    const healthOpinion = await action('review', healthReviewer(), {
      opinion: 'approve',
      comment: '卫生条件符合要求',
    });
    expect(healthOpinion.statusCode).toBe(200);
    expect(healthOpinion.json().step).toMatchObject({ key: 'decide' });
    // The step is done: its opinions stay in the case view as a completed round.
    expect(healthOpinion.json().jointOpinions).toEqual([]);
    expect(healthOpinion.json().jointRounds).toEqual([
      {
        stepKey: 'review',
        stepName: expect.any(String),
        completedAt: expect.any(String),
        opinions: [
          expect.objectContaining({ departmentId: scjg, opinion: 'approve', comment: '材料齐全，符合条件' }),
          expect.objectContaining({ departmentId: wsjk, opinion: 'approve', comment: '卫生条件符合要求' }),
        ],
      },
    ]);
    // 卫健局 took part: it still reads the case, and no action is offered to it; it may not act.
    const healthView = await call('GET', `/api/v1/cases/${caseId}`, healthReviewer());
    expect(healthView.statusCode, healthView.body).toBe(200);
    expect(healthView.json()).toMatchObject({
      yourActions: [],
      readOnly: true,
      jointRounds: [expect.anything()],
    });
    expect(healthView.json().allowedActions).toContain('approve');
    expect((await action('approve', healthReviewer(), { content: '准予' })).statusCode).toBe(403);
    expect((await call('POST', `/api/v1/cases/${caseId}/claim`, healthReviewer())).statusCode).toBe(403);
    // A department that never took part still reads nothing.
    expect((await call('GET', `/api/v1/cases/${caseId}`, outsider)).statusCode).toBe(403);
    const approverView = (await call('GET', `/api/v1/cases/${caseId}`, approver())).json();
    expect(approverView.readOnly).toBe(false);
    expect(approverView.yourActions).toEqual(expect.arrayContaining(['approve', 'refuse']));
    // The department's clerk may see and comment on it, though no action is theirs now.
    expect((await call('GET', `/api/v1/cases/${caseId}`, clerk())).json()).toMatchObject({
      readOnly: false,
      yourActions: [],
    });
    // The applicant does not see the departments' internal opinions.
    expect((await call('GET', `/api/v1/cases/${caseId}`, applicant)).json().jointRounds).toEqual([]);
    const decisions = (await call('GET', '/api/v1/workbench/cases?queue=decision', approver())).json();
    expect(decisions.items.map((c: { id: string }) => c.id)).toContain(caseId);
  });

  it('decides, produces the licence, delivers by mail and completes', async () => {
    at('2026-10-12T10:00:00');
    const approved = await action('approve', approver(), { content: '准予食品经营许可，有效期五年' });
    expect(approved.statusCode).toBe(200);
    // Delivered within 10 working days of the decision: 10-13 … 10-26.
    expect(approved.json()).toMatchObject({
      status: 'approved',
      clocks: { decidedOn: '2026-10-12', deliveryDue: '2026-10-26' },
      step: { key: 'issue' },
    });
    at('2026-10-13T10:00:00');
    expect((await action('produce', officer(), { licenceNumber: 'JY13301060012345' })).json().status).toBe(
      'produced',
    );
    const noTracking = await action('deliver', officer(), { method: 'mail' });
    expect(noTracking.json().code).toBe('CASE_TRACKING_NUMBER_REQUIRED');
    expect(
      (await action('deliver', officer(), { method: 'mail', trackingNumber: 'SF1234567890' })).json().status,
    ).toBe('delivered');
    const done = await action('complete', officer());
    expect(done.json()).toMatchObject({ status: 'completed', allowedActions: [] });
  });

  it('the applicant sees their timeline and notices; anyone with the number and ID can look it up', async () => {
    const mine = (await call('GET', `/api/v1/cases/${caseId}`, applicant)).json();
    const actions = mine.timeline.map((entry: { action: string }) => entry.action);
    expect(actions).not.toContain('review');
    expect(actions).not.toContain('claim');
    expect(actions).toEqual(
      expect.arrayContaining([
        'submit',
        'request_correction',
        'resubmit',
        'accept',
        'suspend',
        'resume',
        'approve',
        'produce',
        'deliver',
        'complete',
      ]),
    );
    expect(mine.notices.map((n: { kind: string }) => n.kind)).toEqual([
      'correction',
      'acceptance',
      'decision',
    ]);
    // The notices as PDF, with the facts and dates of this case.
    const pdfText = async (kind: string) => {
      const notice = mine.notices.find((n: { kind: string }) => n.kind === kind);
      const response = await call('GET', `/api/v1/cases/${caseId}/notices/${notice.id}`, applicant);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      return (await parsePdf(response.rawPayload)).text;
    };
    const acceptance = await pdfText('acceptance');
    expect(acceptance).toContain('受理通知书');
    expect(acceptance).toContain(mine.caseNumber);
    expect(acceptance).toContain(DEMO_ENTERPRISE.name);
    expect(acceptance).toContain('2026年10月29日');
    expect(acceptance).toContain('2026年10月15日');
    const correction = await pdfText('correction');
    expect(correction).toContain('经营场所平面布局图');
    expect(correction).toContain('经营场所地址不完整');
    const decision = await pdfText('decision');
    expect(decision).toContain('准予食品经营许可，有效期五年');
    expect(decision).toContain('杭州市西湖区人民政府');
    const staffView = (await call('GET', `/api/v1/cases/${caseId}`, reviewer())).json();
    expect(staffView.timeline.map((e: { action: string }) => e.action)).toContain('review');
    expect(
      (await call('GET', `/api/v1/cases/${caseId}`, principalHeader({ id: 'nosy', kind: 'person' })))
        .statusCode,
    ).toBe(403);

    const found = await call(
      'GET',
      `/api/v1/case-lookup?number=${mine.caseNumber}&identifier=${DEMO_ENTERPRISE.creditCode}`,
      {},
    );
    expect(found.statusCode).toBe(200);
    expect(found.json()).toMatchObject({ status: 'completed', itemName: basic.name });
    const wrong = await call(
      'GET',
      `/api/v1/case-lookup?number=${mine.caseNumber}&identifier=91330106MA2H7K3Q0X`,
      {},
    );
    expect(wrong.statusCode).toBe(404);
  });

  it('every change is audited, the log is append-only, and the applicant was told by SMS', async () => {
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
    await expect(t.database.executeSql('update case_actions set action = $1', ['approve'])).rejects.toThrow(
      /append-only/,
    );
    const sms = await sentSms(t);
    expect(sms.length).toBeGreaterThanOrEqual(8);
    const texts = sms.map((message) => message.text);
    expect(texts.some((text) => text.includes('2026-11-03') || text.includes('2026-10-20'))).toBe(true);
    const stored = await t.database.executeSql('select applicant_identifier_encrypted as e from cases');
    expect(String(stored.rows[0]?.e)).not.toContain(DEMO_ENTERPRISE.creditCode);
  });
});
