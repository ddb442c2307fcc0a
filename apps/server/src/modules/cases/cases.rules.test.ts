import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentSms } from '../../test/harness.js';
import { fixtureContent } from '../catalogue/catalogue.fixtures.js';
import {
  APPLICANT_MOBILE,
  applicant,
  type CaseTestbed,
  caseTestbed,
  jointContent,
} from './cases.fixtures.js';
import { raiseWarnings } from './cases.jobs.js';

/**
 * The law's time rules through the HTTP API, each with dates counted by hand on the 2026
 * arrangement: 春节 02-15..23 off with 02-14 (Sat) and 02-28 (Sat) worked; 中秋 09-25..27 and 国庆
 * 10-01..07 off with 10-10 (Sat) worked. A limit of N working days from day D ends on the Nth
 * working day after D; after 17:00 or on a day off, an event counts from the next working day.
 *
 * The item: 法定 20, 承诺 5 working days; 受理 → 审查 (2 days) → 决定 → 制证; the floor plan
 * (经营场所平面布局图) may be handed in later under a commitment (容缺, 10 working days).
 */
describe('the statutory clocks of a case', () => {
  let bed: CaseTestbed;
  let item = '';
  let jointItem = '';
  const clerk = () => bed.staff('clerk-1', 'cases.window', 'xh-scjg');
  const otherClerk = () => bed.staff('clerk-2', 'cases.window', 'xh-scjg');
  const reviewer = () => bed.staff('reviewer-1', 'cases.review', 'xh-scjg');
  const approver = () => bed.staff('approver-1', 'cases.approve', 'xh-scjg');
  const officer = () => bed.staff('officer-1', 'cases.produce', 'xh-scjg');
  const view = async (caseId: string) =>
    (await bed.call('GET', `/api/v1/cases/${caseId}`, approver())).json();

  beforeAll(async () => {
    bed = await caseTestbed('2026-02-12T09:00');
    item = await bed.publish('0', fixtureContent());
    jointItem = await bed.publish('1', jointContent());
  });
  afterAll(() => bed.close());

  describe('容缺受理 over 春节', () => {
    it('accepts with the floor plan missing, refuses approval until it is supplied, then proceeds', async () => {
      // Thursday 02-12, 09:00: received; 10:00: the window accepts with the floor plan missing.
      bed.at('2026-02-12T09:00');
      const { id } = await bed.apply(item);
      bed.at('2026-02-12T10:00');
      const commitment = '本人承诺在规定期限内补交经营场所平面布局图，逾期未补交的，申请退回。';
      const required = await bed.action(id, 'accept_with_deficiency', clerk(), {
        deferredMaterials: ['application-form'],
        commitment,
      });
      expect(required.statusCode).toBe(422);
      expect(required.json()).toMatchObject({
        code: 'CASE_MATERIAL_NOT_DEFERRABLE',
        details: { field: 'body.materials' },
      });
      const noCommitment = await bed.action(id, 'accept_with_deficiency', clerk(), {
        deferredMaterials: ['floor-plan'],
      });
      expect(noCommitment.statusCode).toBe(400);
      expect(noCommitment.json()).toMatchObject({
        code: 'CASE_REASON_REQUIRED',
        details: { field: 'body.commitment' },
      });

      const accepted = await bed.action(id, 'accept_with_deficiency', clerk(), {
        deferredMaterials: ['floor-plan'],
        commitment,
      });
      expect(accepted.statusCode, accepted.body).toBe(200);
      // Floor plan, 10 working days after 02-12: 02-13, 02-14 (worked Saturday), [02-15..23 春节],
      // 02-24, 25, 26, 27, 28 (worked Saturday), 03-02, 03, 04 → 03-04.
      // Promised 5: 02-13, 14, 24, 25, 26 → 02-26. Legal 20: … 03-04 (10), 05, 06, 09, 10, 11, 12,
      // 13, 16, 17, 18 → 03-18.
      expect(accepted.json()).toMatchObject({
        status: 'accepted',
        deferredMaterials: [{ materialKey: 'floor-plan', due: '2026-03-04', suppliedAt: null }],
        clocks: { acceptedOn: '2026-02-12', promisedDue: '2026-02-26', legalDue: '2026-03-18' },
      });
      expect(accepted.json().notices.map((n: { kind: string }) => n.kind)).toEqual(['acceptance']);

      bed.at('2026-02-13T10:00');
      expect((await bed.action(id, 'review', reviewer(), { opinion: 'approve' })).json().step.key).toBe(
        'decide',
      );
      const early = await bed.action(id, 'approve', approver(), { content: '准予食品经营许可' });
      expect(early.statusCode).toBe(409);
      expect(early.json()).toMatchObject({
        code: 'CASE_ACTION_NOT_ALLOWED',
        details: { status: 'under_review', action: 'approve' },
      });
      expect(early.json().details.allowedActions).not.toContain('approve');
      expect(early.json().details.allowedActions).toContain('supply_material');

      // Friday 02-27 (before the due date): supplying needs the file itself first.
      bed.at('2026-02-27T10:00');
      const notUploaded = await bed.action(id, 'supply_material', applicant, { materialKey: 'floor-plan' });
      expect(notUploaded.json().code).toBe('CASE_MATERIAL_NOT_PROVIDED');
      expect((await bed.upload(id, 'floor-plan', applicant)).statusCode).toBe(200);
      const supplied = await bed.action(id, 'supply_material', applicant, { materialKey: 'floor-plan' });
      expect(supplied.statusCode, supplied.body).toBe(200);
      expect(supplied.json().status).toBe('under_review');
      expect(supplied.json().deferredMaterials[0].suppliedAt).toEqual(expect.any(String));
      expect(supplied.json().allowedActions).toContain('approve');

      const approved = await bed.action(id, 'approve', approver(), { content: '准予食品经营许可' });
      expect(approved.statusCode, approved.body).toBe(200);
      expect(approved.json()).toMatchObject({ status: 'approved', clocks: { decidedOn: '2026-02-27' } });

      // The overdue scan after the due date leaves it alone: the material came in time.
      bed.at('2026-03-05T09:00');
      await bed.runJob('cases.deferrals');
      expect((await view(id)).status).toBe('approved');
    });

    it('returns the case once the committed date has passed, and tells the applicant', async () => {
      // Friday 02-13 11:00, accepted with the floor plan missing. Due 10 working days later:
      // 02-14, [春节], 02-24, 25, 26, 27, 28, 03-02, 03, 04, 05 → 03-05.
      bed.at('2026-02-13T10:00');
      const { id } = await bed.apply(item);
      bed.at('2026-02-13T11:00');
      const accepted = await bed.action(id, 'accept_with_deficiency', otherClerk(), {
        deferredMaterials: ['floor-plan'],
        commitment: '承诺十个工作日内补交平面布局图',
      });
      expect(accepted.json().deferredMaterials[0].due).toBe('2026-03-05');

      // The commitment holds until its date: the window cannot send the case back before it passes.
      bed.at('2026-02-24T10:00');
      const early = await bed.action(id, 'return_deficient', otherClerk());
      expect(early.statusCode).toBe(409);
      expect(early.json()).toMatchObject({
        code: 'CASE_ACTION_NOT_ALLOWED',
        details: { status: 'accepted' },
      });

      // On the due date itself it may still arrive.
      bed.at('2026-03-05T16:00');
      await bed.runJob('cases.deferrals');
      expect((await view(id)).status).toBe('accepted');

      bed.at('2026-03-06T08:00');
      await bed.runJob('cases.deferrals');
      const returned = await view(id);
      expect(returned).toMatchObject({ status: 'returned', allowedActions: [] });
      expect(returned.completedAt).toEqual(expect.any(String));
      const last = returned.timeline.at(-1);
      expect(last).toMatchObject({ action: 'return_deficient', actorKind: 'system' });
      expect(last.details.overdue).toEqual([{ materialKey: 'floor-plan', due: '2026-03-05' }]);

      const sms = (await sentSms(bed.t)).filter((message) => message.text.includes('申请已退回'));
      expect(sms).toHaveLength(1);
      expect(sms[0]).toMatchObject({ mobile: APPLICANT_MOBILE });
    });
  });

  describe('第32条: an application not decided within 5 working days is accepted as of its receipt', () => {
    it('counts a receipt after 17:00 from the next working day (春节)', async () => {
      // Friday 02-13 16:30: received that day. Completeness 5: 02-14 (worked Saturday), [春节],
      // 02-24, 25, 26, 27 → 02-27.
      bed.at('2026-02-13T16:30');
      const inHours = await bed.apply(item);
      // Friday 02-13 17:30: after hours, received on the next working day, Saturday 02-14 (worked).
      // Completeness 5: 02-24, 25, 26, 27, 28 → 02-28.
      bed.at('2026-02-13T17:30');
      const afterHours = await bed.apply(item);
      expect((await view(inHours.id)).clocks).toMatchObject({
        receivedOn: '2026-02-13',
        completenessDue: '2026-02-27',
      });
      expect((await view(afterHours.id)).clocks).toMatchObject({
        receivedOn: '2026-02-14',
        completenessDue: '2026-02-28',
      });

      // Saturday 02-28 (worked): the first is overdue, the second is due today.
      bed.at('2026-02-28T10:00');
      await bed.runJob('cases.completeness');
      // Accepted as of 02-13: legal 20 → 02-14, 24, 25, 26, 27, 28, 03-02, 03, 04, 05, 06, 09, 10, 11,
      // 12, 13, 16, 17, 18, 19 → 03-19; promised 5 → 02-14, 24, 25, 26, 27 → 02-27.
      expect(await view(inHours.id)).toMatchObject({
        status: 'accepted',
        clocks: {
          deemedAccepted: true,
          acceptedOn: '2026-02-13',
          legalDue: '2026-03-19',
          promisedDue: '2026-02-27',
        },
      });
      expect((await view(afterHours.id)).status).toBe('submitted');

      // Sunday 03-01: the second is overdue too, accepted as of 02-14. Legal 20 → 02-24, 25, 26,
      // 27, 28, 03-02, 03, 04, 05, 06, 09, 10, 11, 12, 13, 16, 17, 18, 19, 20 → 03-20; promised 5 →
      // 02-24, 25, 26, 27, 28 → 02-28.
      bed.at('2026-03-01T10:00');
      await bed.runJob('cases.completeness');
      const deemed = await view(afterHours.id);
      expect(deemed).toMatchObject({
        status: 'accepted',
        caseNumber: expect.stringMatching(/^330106\d{14}$/),
        clocks: {
          deemedAccepted: true,
          receivedOn: '2026-02-14',
          acceptedOn: '2026-02-14',
          legalDue: '2026-03-20',
          promisedDue: '2026-02-28',
        },
      });
      expect(deemed.notices.map((n: { kind: string }) => n.kind)).toEqual(['acceptance']);
      expect(deemed.timeline.at(-1)).toMatchObject({
        action: 'accept',
        actorKind: 'system',
        details: { deemedAccepted: true },
      });
    });

    it('accepts over 国庆 from the day of receipt, refuses a late correction notice, and leaves a case decided in time alone', async () => {
      // Wednesday 09-30 10:00, the eve of 国庆. Completeness 5: [10-01..07], 10-08, 09, 10 (worked
      // Saturday), 12, 13 → 10-13.
      bed.at('2026-09-30T10:00');
      const late = await bed.apply(item);
      const inTime = await bed.apply(item);
      const corrected = await bed.apply(item);
      const lateNotice = await bed.apply(item);
      const lateAcceptance = await bed.apply(item);
      expect((await view(late.id)).clocks).toMatchObject({
        receivedOn: '2026-09-30',
        completenessDue: '2026-10-13',
      });

      // The window decides two of them on the last day: one accepted, one sent a correction notice.
      bed.at('2026-10-13T16:00');
      expect((await bed.action(inTime.id, 'accept', clerk())).statusCode).toBe(200);
      const notice = await bed.action(corrected.id, 'request_correction', clerk(), {
        corrections: [{ subject: 'floor-plan', kind: 'material', reason: '缺少经营场所平面布局图' }],
      });
      expect(notice.statusCode).toBe(200);

      // The evening of the last day: not overdue yet.
      bed.at('2026-10-13T20:00');
      await bed.runJob('cases.completeness');
      expect((await view(late.id)).status).toBe('submitted');

      // Wednesday 10-14, before the hourly job has run: the 5 days are over. A correction notice is
      // too late (第32条: "逾期不告知的，自收到申请材料之日起即为受理"), and the window's acceptance
      // now counts from the day of receipt, not from today.
      // Legal 20 from 09-30: 10-08, 09, 10, 12, 13, 14, 15, 16, 19, 20, 21, 22, 23, 26, 27, 28, 29, 30,
      // 11-02, 03 → 11-03; promised 5 → 10-13; the review step (2 days) → 10-08, 09 → 10-09.
      bed.at('2026-10-14T08:30');
      const tooLate = await bed.action(lateNotice.id, 'request_correction', clerk(), {
        corrections: [{ subject: 'floor-plan', kind: 'material', reason: '缺少经营场所平面布局图' }],
      });
      expect(tooLate.statusCode).toBe(409);
      expect(tooLate.json()).toMatchObject({
        code: 'CASE_ACTION_NOT_ALLOWED',
        details: { status: 'submitted' },
      });
      const acceptedLate = await bed.action(lateAcceptance.id, 'accept', clerk());
      expect(acceptedLate.statusCode, acceptedLate.body).toBe(200);
      expect(acceptedLate.json().clocks).toMatchObject({
        deemedAccepted: true,
        acceptedOn: '2026-09-30',
        legalDue: '2026-11-03',
        promisedDue: '2026-10-13',
      });

      // The job at 09:05: the other two are accepted as of 09-30.
      bed.at('2026-10-14T09:05');
      await bed.runJob('cases.completeness');
      expect((await view(lateNotice.id)).clocks).toMatchObject({
        deemedAccepted: true,
        acceptedOn: '2026-09-30',
      });
      expect(await view(late.id)).toMatchObject({
        status: 'accepted',
        step: { key: 'review', startedOn: '2026-09-30', due: '2026-10-09' },
        clocks: {
          deemedAccepted: true,
          receivedOn: '2026-09-30',
          acceptedOn: '2026-09-30',
          legalDue: '2026-11-03',
          promisedDue: '2026-10-13',
        },
      });
      // Accepted on 10-13 by the window: legal 20 → 10-14 … 11-10; promised 5 → 10-20.
      expect(await view(inTime.id)).toMatchObject({
        status: 'accepted',
        clocks: {
          deemedAccepted: false,
          acceptedOn: '2026-10-13',
          legalDue: '2026-11-10',
          promisedDue: '2026-10-20',
        },
      });
      expect(await view(corrected.id)).toMatchObject({
        status: 'correction_required',
        clocks: { deemedAccepted: false, acceptedOn: null },
      });
    });
  });

  describe('deadline warnings (预警) before a due date over 国庆', () => {
    it('goes none → yellow → red with one record per change; suspended and completed cases are not warned, a resumed one on its new due date', async () => {
      // Thursday 09-24: three cases accepted. Promised 5: [09-25..27], 09-28, 29, 30, [10-01..07],
      // 10-08, 09 → 10-09 (legal 20 → 10-29; the earlier clock is the one warned on).
      bed.at('2026-09-24T10:00');
      const ids: string[] = [];
      for (let i = 0; i < 3; i += 1) {
        const { id } = await bed.apply(item);
        const accepted = await bed.action(id, 'accept', clerk());
        expect(accepted.json().clocks).toMatchObject({ promisedDue: '2026-10-09', legalDue: '2026-10-29' });
        ids.push(id);
      }
      const [warned = '', suspended = '', completed = ''] = ids;
      // One is decided against, delivered and completed at once; one goes to an inspection.
      expect((await bed.action(completed, 'review', reviewer(), { opinion: 'approve' })).statusCode).toBe(
        200,
      );
      expect(
        (await bed.action(completed, 'refuse', approver(), { reason: '经营场所不符合食品安全要求' }))
          .statusCode,
      ).toBe(200);
      expect((await bed.action(completed, 'deliver', officer(), { method: 'window' })).statusCode).toBe(200);
      expect((await bed.action(completed, 'complete', officer())).json().status).toBe('completed');
      bed.at('2026-09-28T10:00');
      const inspection = await bed.action(suspended, 'suspend', reviewer(), {
        procedure: 'inspection',
        reason: '对经营场所进行现场检验',
      });
      expect(inspection.json().status).toBe('suspended');

      const engine = async () => bed.t.app.caseEngine();
      const scan = async (instant: string) => {
        bed.at(instant);
        return raiseWarnings(bed.t.app, await engine());
      };
      const warnings = async (caseId: string) =>
        bed.sql(
          'select level, due::text as due, raised_on::text as "raisedOn" from case_warnings where case_id = $1 order by id',
          [caseId],
        );
      const queue = async (name: string) =>
        (await bed.call('GET', `/api/v1/workbench/cases?queue=${name}&pageSize=100`, approver()))
          .json()
          .items.map((c: { id: string }) => c.id);

      // Monday 09-28: 3 working days ahead reach 09-29, 30, 10-08; the due date 10-09 is beyond.
      await scan('2026-09-28T12:00');
      expect((await view(warned)).clocks.warningLevel).toBe('none');
      expect(await warnings(warned)).toEqual([]);

      // Tuesday 09-29: 09-30, 10-08, 10-09 reach the due date: yellow, ten calendar days before it.
      const changed = await scan('2026-09-29T09:00');
      expect(changed).toContainEqual({ caseId: warned, level: 'yellow', due: '2026-10-09' });
      expect((await view(warned)).clocks.warningLevel).toBe('yellow');
      expect(await queue('due_soon')).toContain(warned);
      expect(await queue('overdue')).not.toContain(warned);

      // During the holiday and on the due date itself: still yellow, no new record.
      await scan('2026-10-05T09:00');
      await scan('2026-10-09T16:00');
      expect(await warnings(warned)).toEqual([
        { level: 'yellow', due: '2026-10-09', raisedOn: '2026-09-29' },
      ]);

      // Saturday 10-10 (worked): the due date has passed, red.
      await scan('2026-10-10T09:00');
      expect((await view(warned)).clocks.warningLevel).toBe('red');
      expect(await warnings(warned)).toEqual([
        { level: 'yellow', due: '2026-10-09', raisedOn: '2026-09-29' },
        { level: 'red', due: '2026-10-09', raisedOn: '2026-10-10' },
      ]);
      expect(await queue('overdue')).toContain(warned);
      expect(await queue('due_soon')).not.toContain(warned);

      for (const quiet of [suspended, completed]) {
        expect(await warnings(quiet)).toEqual([]);
        expect((await view(quiet)).clocks.warningLevel).toBe('none');
        expect(await queue('due_soon')).not.toContain(quiet);
        expect(await queue('overdue')).not.toContain(quiet);
      }

      // The scan's own table (kept by the database): the warned case at red on its due date; the
      // suspended and the completed case have none, their clocks do not run.
      const levels = async (caseId: string) =>
        bed.sql('select due::text as due, level from case_warning_levels where case_id = $1', [caseId]);
      expect(await levels(warned)).toEqual([{ due: '2026-10-09', level: 'red' }]);
      expect(await levels(suspended)).toEqual([]);
      expect(await levels(completed)).toEqual([]);

      // Monday 10-12 the inspection ends (suspended 09-28): 6 working days paused (09-29, 30, 10-08,
      // 09, 10, 12), promised 5 + 6 from 09-24 → 10-16. The case runs again at level none; the band
      // reaches 10-15 today, so it is still none; Tuesday it reaches 10-16: yellow, recorded once.
      bed.at('2026-10-12T10:00');
      const resumed = await bed.action(suspended, 'resume', reviewer(), { result: '检验合格' });
      expect(resumed.json().clocks).toMatchObject({ promisedDue: '2026-10-16', warningLevel: 'none' });
      expect(await levels(suspended)).toEqual([{ due: '2026-10-16', level: 'none' }]);
      await scan('2026-10-12T10:30');
      expect(await warnings(suspended)).toEqual([]);
      const tuesday = await scan('2026-10-13T09:00');
      expect(tuesday).toEqual([{ caseId: suspended, level: 'yellow', due: '2026-10-16' }]);
      expect((await view(suspended)).clocks.warningLevel).toBe('yellow');
      expect(await levels(suspended)).toEqual([{ due: '2026-10-16', level: 'yellow' }]);
      expect(await warnings(suspended)).toEqual([
        { level: 'yellow', due: '2026-10-16', raisedOn: '2026-10-13' },
      ]);
    });
  });

  describe('extension (第42条): requested by the reviewer, approved once by the head', () => {
    it('the reviewer asks, the approver declines, the reviewer asks again and the approver grants 10 working days', async () => {
      // Accepted Thursday 09-24: legal 20 → 09-28, 29, 30, 10-08, 09, 10, 12, 13, 14, 15, 16, 19, 20,
      // 21, 22, 23, 26, 27, 28, 29 → 10-29; promised 5 → 09-28, 29, 30, 10-08, 09 → 10-09.
      bed.at('2026-09-24T10:00');
      const { id } = await bed.apply(item);
      expect((await bed.action(id, 'accept', clerk())).json().clocks).toMatchObject({
        legalDue: '2026-10-29',
        promisedDue: '2026-10-09',
      });
      bed.at('2026-09-28T10:00');
      // The reviewer holds the case: the approver still answers the request addressed to them.
      expect((await bed.call('POST', `/api/v1/cases/${id}/claim`, reviewer())).statusCode).toBe(200);

      const noReason = await bed.action(id, 'request_extension', reviewer(), { reason: ' ' });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json()).toMatchObject({
        code: 'CASE_REASON_REQUIRED',
        details: { field: 'body.reason' },
      });
      // Only the reviewer of the step asks; only the approver answers; nothing to answer yet.
      expect((await bed.action(id, 'request_extension', approver(), { reason: '情况复杂' })).statusCode).toBe(
        403,
      );
      const nothingPending = await bed.action(id, 'approve_extension', approver());
      expect(nothingPending.statusCode).toBe(409);
      expect(nothingPending.json()).toMatchObject({
        code: 'CASE_ACTION_NOT_ALLOWED',
        message: '没有待审批的延期申请',
      });

      const firstReason = '需补充核查经营场所';
      const requested = await bed.action(id, 'request_extension', reviewer(), { reason: firstReason });
      expect(requested.statusCode, requested.body).toBe(200);
      expect(requested.json()).toMatchObject({
        status: 'accepted',
        clocks: { extensionDays: 0, legalDue: '2026-10-29' },
        extensionRequest: { reason: firstReason, requestedBy: 'reviewer-1', extensionDays: 10 },
        yourActions: expect.not.arrayContaining(['approve_extension']),
      });
      const asApprover = (await bed.call('GET', `/api/v1/cases/${id}`, approver())).json();
      expect(asApprover.yourActions).toEqual(
        expect.arrayContaining(['approve_extension', 'decline_extension']),
      );
      expect(asApprover.yourActions).not.toContain('request_extension');
      // No decision is offered while the review step is open (the engine would refuse it).
      expect(asApprover.allowedActions).toContain('approve');
      expect(asApprover.yourActions).not.toContain('approve');
      // One pending request at a time; the applicant sees nothing of an internal request.
      const twice = await bed.action(id, 'request_extension', reviewer(), { reason: '再次申请' });
      expect(twice.statusCode).toBe(409);
      expect(twice.json().message).toBe('已有待审批的延期申请');
      const applicantView = (await bed.call('GET', `/api/v1/cases/${id}`, applicant)).json();
      expect(applicantView.extensionRequest).toBeNull();
      expect(applicantView.timeline.map((e: { action: string }) => e.action)).not.toContain(
        'request_extension',
      );
      expect((await bed.action(id, 'approve_extension', reviewer())).statusCode).toBe(403);

      // Declined, with a reason (required): no change to the clocks, nothing told to the applicant.
      const declineWithout = await bed.action(id, 'decline_extension', approver());
      expect(declineWithout.json()).toMatchObject({
        code: 'CASE_REASON_REQUIRED',
        details: { field: 'body.reason' },
      });
      const declined = await bed.action(id, 'decline_extension', approver(), {
        reason: '现有期限内可以完成核查',
      });
      expect(declined.statusCode, declined.body).toBe(200);
      expect(declined.json()).toMatchObject({ extensionRequest: null, clocks: { legalDue: '2026-10-29' } });
      const extensionSms = async () =>
        (await sentSms(bed.t)).map((message) => message.text).filter((text) => text.includes('延长'));
      expect(await extensionSms()).toEqual([]);

      // Asked again and granted: +10 on both clocks. Legal 10-29 → 10-30, 11-02, 03, 04, 05, 06, 09,
      // 10, 11, 12 → 11-12; promised 10-09 → 10-10 (worked Saturday), 12, 13, 14, 15, 16, 19, 20, 21,
      // 22 → 10-22.
      const reason = '申请事项涉及多处经营场所，需进一步核实';
      expect((await bed.action(id, 'request_extension', reviewer(), { reason })).statusCode).toBe(200);
      const granted = await bed.action(id, 'approve_extension', approver(), { comment: '同意延期' });
      expect(granted.statusCode, granted.body).toBe(200);
      expect(granted.json()).toMatchObject({
        status: 'accepted',
        extensionRequest: null,
        clocks: { extensionDays: 10, legalDue: '2026-11-12', promisedDue: '2026-10-22' },
      });
      const grantedEntry = granted.json().timeline.at(-1);
      expect(grantedEntry).toMatchObject({
        action: 'approve_extension',
        label: '批准延长期限',
        details: { reason, requestedBy: 'reviewer-1', comment: '同意延期', previousLegalDue: '2026-10-29' },
      });
      // The applicant is told in writing (a notice), in their messages and by SMS, with the reason.
      const notice = granted.json().notices.find((n: { kind: string }) => n.kind === 'extension');
      expect(notice?.documentNumber).toMatch(/^延〔2026〕第\d{6}号$/);
      const pdf = await bed.call('GET', `/api/v1/cases/${id}/notices/${notice.id}`, applicant);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const sms = await extensionSms();
      expect(sms).toHaveLength(1);
      expect(sms[0]).toContain('2026-11-12');
      expect(sms[0]).toContain(reason);
      const inbox = await bed.sql(
        `select body from platform_messages where account_id = 'enterprise-account-1' and body like '%延长%'`,
      );
      expect(inbox).toHaveLength(1);
      const told = (await bed.call('GET', `/api/v1/cases/${id}`, applicant)).json();
      expect(told.timeline.map((e: { action: string }) => e.action)).toContain('approve_extension');
      expect(told.timeline.map((e: { action: string }) => e.action)).not.toContain('decline_extension');
      // Every step audited, the approver recorded as the actor.
      const audited = await bed.sql(
        `select action, actor_id as "actorId" from platform_audit_log where entity_id = $1 and action like '%extension' order by seq`,
        [id],
      );
      expect(audited).toEqual([
        { action: 'cases.case.request_extension', actorId: 'reviewer-1' },
        { action: 'cases.case.decline_extension', actorId: 'approver-1' },
        { action: 'cases.case.request_extension', actorId: 'reviewer-1' },
        { action: 'cases.case.approve_extension', actorId: 'approver-1' },
      ]);

      // Once only: no further request.
      const again = await bed.action(id, 'request_extension', reviewer(), { reason: '再次延长' });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({
        code: 'CASE_ACTION_NOT_ALLOWED',
        message: '办理期限只能延长一次',
        details: { status: 'accepted', action: 'request_extension' },
      });
      expect(again.json().details.allowedActions).not.toContain('request_extension');
      expect((await view(id)).clocks.legalDue).toBe('2026-11-12');
    });

    it('adds 15 working days to a joint case (联合办理)', async () => {
      bed.at('2026-09-24T10:00');
      const { id } = await bed.apply(jointItem);
      const accepted = await bed.action(id, 'accept', clerk());
      expect(accepted.json().jointOpinions).toHaveLength(2);
      expect(accepted.json().clocks.legalDue).toBe('2026-10-29');
      const requested = await bed.action(id, 'request_extension', reviewer(), {
        reason: '需卫生健康部门联合现场核查',
      });
      expect(requested.json().extensionRequest).toMatchObject({ extensionDays: 15 });
      // +15: … 11-12 (+10), 13, 16, 17, 18, 19 → 11-19.
      const extended = await bed.action(id, 'approve_extension', approver());
      expect(extended.statusCode, extended.body).toBe(200);
      expect(extended.json().clocks).toMatchObject({ extensionDays: 15, legalDue: '2026-11-19' });
    });
  });
});
