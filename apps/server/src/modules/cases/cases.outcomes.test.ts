import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalHeader, sentSms } from '../../test/harness.js';
import { parsePdf } from '../../test/pdf-text.js';
import { fixtureContent } from '../catalogue/catalogue.fixtures.js';
import { onTheSpot } from '../catalogue/seed/common.js';
import { DEMO_ENTERPRISE } from './cases.demo.js';
import { applicant, application, type CaseTestbed, caseTestbed } from './cases.fixtures.js';

/**
 * How a case ends other than by a grant: 即办 on the spot, 不予受理, 不予许可 with its notice,
 * withdrawal, termination; and 一窗受理 with 帮办代办, where the window clerk acts for a walk-in
 * applicant. Through the HTTP API on a clock the test moves (2026 calendar).
 */
describe('outcomes of a case', () => {
  let bed: CaseTestbed;
  let item = '';
  let immediateItem = '';
  const clerk = () => bed.staff('clerk-1', 'cases.window', 'xh-scjg');
  const reviewer = () => bed.staff('reviewer-1', 'cases.review', 'xh-scjg');
  const approver = () => bed.staff('approver-1', 'cases.approve', 'xh-scjg');
  const view = async (caseId: string) =>
    (await bed.call('GET', `/api/v1/cases/${caseId}`, approver())).json();
  const pdfOf = async (caseId: string, kind: string, headers: Record<string, string>) => {
    const notice = (await view(caseId)).notices.find((n: { kind: string }) => n.kind === kind);
    expect(notice, `a ${kind} notice`).toBeDefined();
    return bed.call('GET', `/api/v1/cases/${caseId}/notices/${notice.id}`, headers);
  };
  const smsTexts = async () => (await sentSms(bed.t)).map((message) => message.text);

  beforeAll(async () => {
    bed = await caseTestbed('2026-10-12T09:00');
    item = await bed.publish('0', fixtureContent());
    // 即办件: one step at the window, promised 即办 (the quality rules require both).
    immediateItem = await bed.publish('2', {
      ...fixtureContent({ handlingType: 'immediate', promisedTimeLimit: { kind: 'immediate' } }),
      process: onTheSpot(),
    });
  });
  afterAll(() => bed.close());

  it('handles a 即办件 on the spot: case number, decided and completed the same day', async () => {
    // Monday 10-12 (the Monday after 国庆), 10:00.
    bed.at('2026-10-12T10:00');
    const { id } = await bed.apply(immediateItem);
    const handled = await bed.action(id, 'handle_immediately', clerk());
    expect(handled.statusCode, handled.body).toBe(200);
    const body = handled.json();
    expect(body).toMatchObject({
      status: 'completed',
      caseNumber: expect.stringMatching(/^33010620261012\d{6}$/),
      clocks: {
        acceptedOn: '2026-10-12',
        decidedOn: '2026-10-12',
        promisedLimitDays: null,
        promisedDue: null,
      },
      allowedActions: [],
    });
    expect(new Date(body.completedAt).getTime()).toBe(new Date('2026-10-12T10:00:00+08:00').getTime());
    expect(
      (await smsTexts()).some((text) => text.includes('当场办结') && text.includes(body.caseNumber)),
    ).toBe(true);

    // A 承诺件 cannot be closed on the spot.
    const { id: promised } = await bed.apply(item);
    const refused = await bed.action(promised, 'handle_immediately', clerk());
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('CASE_NOT_IMMEDIATE');
    expect((await view(promised)).status).toBe('submitted');
  });

  it('refuses acceptance (不予受理) only with a reason and its legal basis, in a written notice', async () => {
    bed.at('2026-10-12T11:00');
    const { id } = await bed.apply(item);
    const reason = '申请事项依法不属于本机关职权范围，请向杭州市市场监督管理局申请';
    const noBasis = await bed.action(id, 'refuse_acceptance', clerk(), { reason });
    expect(noBasis.statusCode).toBe(400);
    expect(noBasis.json()).toMatchObject({
      code: 'CASE_REASON_REQUIRED',
      details: { field: 'body.legalBasis' },
    });
    const legalBasis = '《中华人民共和国行政许可法》第三十二条第一款第（二）项';
    const refused = await bed.action(id, 'refuse_acceptance', clerk(), { reason, legalBasis });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json()).toMatchObject({ status: 'not_accepted', caseNumber: null, allowedActions: [] });
    expect(refused.json().notices.map((n: { kind: string }) => n.kind)).toEqual(['nonAcceptance']);
    // The applicant reads the reason and the basis on the timeline, and gets the notice.
    const mine = (await bed.call('GET', `/api/v1/cases/${id}`, applicant)).json();
    expect(mine.timeline.at(-1)).toMatchObject({
      action: 'refuse_acceptance',
      details: { reason, legalBasis },
    });
    const pdf = await pdfOf(id, 'nonAcceptance', applicant);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });

  it('refuses the licence (不予许可) after review with reasons; the decision notice says why; no withdrawal after it', async () => {
    bed.at('2026-10-12T14:00');
    const { id } = await bed.apply(item);
    expect((await bed.action(id, 'accept', clerk())).statusCode).toBe(200);
    bed.at('2026-10-13T10:00');
    const reviewed = await bed.action(id, 'review', reviewer(), {
      opinion: 'refuse',
      comment: '现场核查发现操作间面积不足',
    });
    expect(reviewed.json().step.key).toBe('decide');
    const noReason = await bed.action(id, 'refuse', approver());
    expect(noReason.json()).toMatchObject({
      code: 'CASE_REASON_REQUIRED',
      details: { field: 'body.reason' },
    });
    const reasons = '经现场核查，食品处理区面积不足八平方米，不符合小餐饮经营场所条件';
    bed.at('2026-10-14T10:00');
    const refused = await bed.action(id, 'refuse', approver(), {
      reason: reasons,
      legalBasis: '《中华人民共和国食品安全法》第三十五条',
    });
    expect(refused.statusCode, refused.body).toBe(200);
    // Delivered within 10 working days of 10-14: 10-15, 16, 19, 20, 21, 22, 23, 26, 27, 28 → 10-28.
    expect(refused.json()).toMatchObject({
      status: 'refused',
      clocks: { decidedOn: '2026-10-14', deliveryDue: '2026-10-28' },
    });
    const pdf = await pdfOf(id, 'decision', applicant);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await parsePdf(pdf.rawPayload)).text.replace(/\s+/g, '');
    expect(text).toContain('不予');
    expect(text).toContain('食品处理区面积不足八平方米');
    expect(text).toContain('杭州市西湖区人民政府');

    const withdraw = await bed.action(id, 'withdraw', applicant, { reason: '不想办了' });
    expect(withdraw.statusCode).toBe(409);
    expect(withdraw.json()).toMatchObject({
      code: 'CASE_ACTION_NOT_ALLOWED',
      details: { status: 'refused', action: 'withdraw' },
    });
    expect(withdraw.json().details.allowedActions).not.toContain('withdraw');
  });

  it('lets the applicant withdraw before the decision', async () => {
    bed.at('2026-10-14T10:00');
    const { id } = await bed.apply(item);
    expect((await bed.action(id, 'accept', clerk())).statusCode).toBe(200);
    const stranger = principalHeader({ id: 'someone-else', kind: 'person' });
    expect((await bed.action(id, 'withdraw', stranger)).statusCode).toBe(403);
    const withdrawn = await bed.action(id, 'withdraw', applicant, { reason: '经营地址变更，重新申请' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', allowedActions: [] });
    expect(withdrawn.json().completedAt).toEqual(expect.any(String));
  });

  it('lets an approver terminate a case, with a reason, and tells the applicant', async () => {
    bed.at('2026-10-14T11:00');
    const { id } = await bed.apply(item);
    expect((await bed.action(id, 'accept', clerk())).statusCode).toBe(200);
    expect((await bed.action(id, 'terminate', reviewer(), { reason: '申请人主体资格灭失' })).statusCode).toBe(
      403,
    );
    expect((await bed.action(id, 'terminate', applicant, { reason: '申请人主体资格灭失' })).statusCode).toBe(
      403,
    );
    const noReason = await bed.action(id, 'terminate', approver());
    expect(noReason.json()).toMatchObject({
      code: 'CASE_REASON_REQUIRED',
      details: { field: 'body.reason' },
    });
    const terminated = await bed.action(id, 'terminate', approver(), {
      reason: '申请人营业执照已被注销，主体资格灭失',
    });
    expect(terminated.statusCode, terminated.body).toBe(200);
    expect(terminated.json()).toMatchObject({ status: 'terminated', allowedActions: [] });
    expect(terminated.json().timeline.at(-1)).toMatchObject({
      action: 'terminate',
      details: { reason: '申请人营业执照已被注销，主体资格灭失' },
    });
    expect(await smsTexts()).toContainEqual(expect.stringContaining('已终止'));
  });

  describe('一窗受理 with 帮办代办', () => {
    const walkIn = () => ({ ...application(item), proxyReason: '申请人年长，不熟悉网上办理，由窗口帮办' });

    it('the clerk enters a walk-in application and acts for the applicant through acceptance', async () => {
      bed.at('2026-10-15T09:30');
      expect((await bed.call('POST', '/api/v1/window/cases', applicant, walkIn())).statusCode).toBe(403);
      const created = await bed.call('POST', '/api/v1/window/cases', clerk(), walkIn());
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      expect(created.json()).toMatchObject({
        status: 'submitted',
        channel: 'window',
        applicant: { kind: 'enterprise', name: DEMO_ENTERPRISE.name, identifier: DEMO_ENTERPRISE.creditCode },
        clocks: { receivedOn: '2026-10-15' },
      });
      const [row] = await bed.sql('select proxy, applicant_account_id as account from cases where id = $1', [
        id,
      ]);
      expect(row?.proxy).toEqual({ staffId: 'clerk-1', reason: walkIn().proxyReason });
      expect(String(row?.account)).toMatch(/^walk-in:/);

      // One-time correction, then the clerk uploads and resubmits on the applicant's behalf.
      const notice = await bed.action(id, 'request_correction', clerk(), {
        corrections: [{ subject: 'floor-plan', kind: 'material', reason: '请提供经营场所平面布局图' }],
      });
      expect(notice.json().status).toBe('correction_required');
      const otherDepartmentClerk = bed.staff('clerk-wsjk', 'cases.window', 'xh-wsjk');
      expect((await bed.upload(id, 'floor-plan', otherDepartmentClerk)).statusCode).toBe(403);
      expect((await bed.action(id, 'resubmit', otherDepartmentClerk)).statusCode).toBe(403);
      expect((await bed.action(id, 'resubmit', applicant)).statusCode).toBe(403);
      expect((await bed.upload(id, 'floor-plan', clerk())).statusCode).toBe(200);
      bed.at('2026-10-15T10:00');
      const resubmitted = await bed.action(id, 'resubmit', clerk());
      expect(resubmitted.statusCode, resubmitted.body).toBe(200);
      expect(resubmitted.json().status).toBe('submitted');
      const accepted = await bed.action(id, 'accept', clerk());
      expect(accepted.statusCode, accepted.body).toBe(200);
      // Accepted Thursday 10-15: promised 5 → 10-16, 19, 20, 21, 22 → 10-22.
      expect(accepted.json()).toMatchObject({
        status: 'accepted',
        channel: 'window',
        clocks: { acceptedOn: '2026-10-15', promisedDue: '2026-10-22' },
      });
      // The applicant, who gave a mobile number at the window, is told.
      expect(await smsTexts()).toContainEqual(expect.stringContaining(accepted.json().caseNumber));
      const timeline = (await view(id)).timeline;
      expect(timeline.find((e: { action: string }) => e.action === 'resubmit')).toMatchObject({
        actorKind: 'staff',
      });
    });

    it('a walk-in applicant who signs in later with a verified identity finds the case as theirs', async () => {
      bed.at('2026-10-16T09:30');
      const created = await bed.call('POST', '/api/v1/window/cases', clerk(), walkIn());
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      // The clerk's claim is internal: on the staff's timeline, not on the applicant's.
      expect((await bed.call('POST', `/api/v1/cases/${id}/claim`, clerk())).statusCode).toBe(200);
      expect((await view(id)).timeline.map((e: { action: string }) => e.action)).toContain('claim');
      const account = (assurance?: 'population' | 'in_person') =>
        principalHeader({
          id: `enterprise-account-${assurance ?? 'unverified'}`,
          kind: 'enterprise',
          identifier: DEMO_ENTERPRISE.creditCode,
          ...(assurance ? { assurance } : {}),
        });
      const listed = async (headers: Record<string, string>) =>
        (await bed.call('GET', '/api/v1/cases?pageSize=100', headers))
          .json()
          .items.map((c: { id: string }) => c.id);

      // Verified against the population base (or in person): 我的办件 lists it, and it opens as theirs.
      for (const verified of [account('population'), account('in_person')]) {
        expect(await listed(verified)).toContain(id);
        const opened = await bed.call('GET', `/api/v1/cases/${id}`, verified);
        expect(opened.statusCode, opened.body).toBe(200);
        // The applicant's view: the public timeline only.
        expect(opened.json().timeline.map((e: { action: string }) => e.action)).toEqual(['submit']);
      }
      // A self-declared identifier could be anyone's: neither listed nor readable.
      const unverified = account();
      expect(await listed(unverified)).not.toContain(id);
      expect((await bed.call('GET', `/api/v1/cases/${id}`, unverified)).statusCode).toBe(403);
      // Someone else verified sees nothing of it.
      const other = principalHeader({
        id: 'enterprise-account-other',
        kind: 'enterprise',
        identifier: '91330106MA2KXXXX0X',
        assurance: 'population',
      });
      expect(await listed(other)).not.toContain(id);
      expect((await bed.call('GET', `/api/v1/cases/${id}`, other)).statusCode).toBe(403);
      // The verified applicant withdraws it themselves, as any applicant may before the decision.
      const withdrawn = await bed.action(id, 'withdraw', account('population'), { reason: '改为网上申请' });
      expect(withdrawn.statusCode, withdrawn.body).toBe(200);
      expect(withdrawn.json().status).toBe('withdrawn');
    });
  });
});
