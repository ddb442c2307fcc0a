import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalHeader } from '../../test/harness.js';
import { applicant, type CaseTestbed, caseTestbed } from '../cases/cases.fixtures.js';
import { fixtureContent } from '../catalogue/catalogue.fixtures.js';
import { onTheSpot } from '../catalogue/seed/common.js';

/** 好差评: the applicant rates a completed case once; a 差评 is rectified by the department in time. */
describe('ratings (好差评)', () => {
  let bed: CaseTestbed;
  let immediateItem = '';
  let item = '';
  const clerk = () => bed.staff('clerk-1', 'cases.window', 'xh-scjg');
  const rate = (caseId: string, body: unknown, headers: Record<string, string> = applicant) =>
    bed.call('POST', `/api/v1/cases/${caseId}/rating`, headers, body);
  /** A 即办 case completed on the spot. */
  const completedCase = async () => {
    const { id } = await bed.apply(immediateItem);
    expect((await bed.action(id, 'handle_immediately', clerk())).statusCode).toBe(200);
    return id;
  };

  beforeAll(async () => {
    bed = await caseTestbed('2026-10-12T09:00');
    item = await bed.publish('0', fixtureContent());
    immediateItem = await bed.publish('2', {
      ...fixtureContent({ handlingType: 'immediate', promisedTimeLimit: { kind: 'immediate' } }),
      process: onTheSpot(),
    });
  });
  afterAll(() => bed.close());

  it('一事一评: a good rating once, after completion; a second rating is refused', async () => {
    bed.at('2026-10-12T10:00');
    const caseId = await completedCase();
    expect((await bed.call('GET', `/api/v1/cases/${caseId}/rating`, applicant)).json()).toEqual({
      rating: null,
    });
    const rated = await rate(caseId, { level: 5, comment: '当场办结，很方便' });
    expect(rated.statusCode, rated.body).toBe(201);
    expect(rated.json()).toMatchObject({
      level: 5,
      levelName: '非常满意',
      verdict: 'good',
      followUp: 'not_required',
      rectifyDue: null,
    });
    const again = await rate(caseId, { level: 1, reasons: ['其他'] });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('INTERACTION_ALREADY_RATED');
    expect((await bed.call('GET', `/api/v1/cases/${caseId}/rating`, clerk())).json().rating.level).toBe(5);
  });

  it('refuses a rating before completion, by anyone but the applicant, and a 差评 without a reason', async () => {
    const { id: open } = await bed.apply(item);
    const early = await rate(open, { level: 4 });
    expect(early.json()).toMatchObject({
      code: 'INTERACTION_CASE_NOT_COMPLETED',
      details: { field: 'params.id' },
    });
    const caseId = await completedCase();
    const byClerk = await rate(caseId, { level: 5 }, clerk());
    expect(byClerk.json().code).toBe('INTERACTION_NOT_APPLICANT');
    const stranger = await rate(
      caseId,
      { level: 5 },
      principalHeader({ id: 'someone-else', kind: 'person' }),
    );
    expect(stranger.statusCode).toBe(403);
    const bare = await rate(caseId, { level: 1 });
    expect(bare.json()).toMatchObject({
      code: 'INTERACTION_REASON_REQUIRED',
      details: { field: 'body.reasons' },
    });
    const madeUp = await rate(caseId, { level: 2, reasons: ['我不高兴'] });
    expect(madeUp.json().details.field).toBe('body.reasons[0]');
    const outOfRange = await rate(caseId, { level: 6 });
    expect(outOfRange.statusCode).toBe(400);
    expect((await bed.call('POST', `/api/v1/cases/${caseId}/rating`, {}, { level: 5 })).statusCode).toBe(401);
  });

  it('a 差评 is due for rectification in 15 working days, listed for supervision, rectified by the department', async () => {
    // Friday 2026-09-18: 15 working days later crosses 中秋 (09-25..27, make-up 09-20) and 国庆 (10-01..07, make-up 10-10).
    bed.at('2026-09-18T15:00');
    const caseId = await completedCase();
    const rated = await rate(caseId, { level: 1, reasons: ['办理时间长', '多次跑腿'], comment: '跑了三次' });
    expect(rated.statusCode, rated.body).toBe(201);
    // 09-20 (make-up Sunday), 21–24 → 5; 28–30 → 8; 10-08, 09, 10 (make-up Saturday), 12–15 → 15.
    expect(rated.json()).toMatchObject({ verdict: 'bad', followUp: 'pending', rectifyDue: '2026-10-15' });

    const supervisor = principalHeader({
      id: 'supervisor-1',
      permissions: ['cases.supervise'],
      scope: { regionCode: '330106' },
    });
    const pending = await bed.call('GET', '/api/v1/ratings?followUp=pending', supervisor);
    expect(pending.json().items.map((r: { caseId: string }) => r.caseId)).toContain(caseId);
    const elsewhere = principalHeader({
      id: 'supervisor-2',
      permissions: ['cases.supervise'],
      scope: { regionCode: '330102' },
    });
    expect((await bed.call('GET', '/api/v1/ratings?followUp=pending', elsewhere)).json().total).toBe(0);
    expect((await bed.call('GET', '/api/v1/ratings', clerk())).statusCode).toBe(403);

    const ratingId = rated.json().id;
    const byClerk = await bed.call('POST', `/api/v1/ratings/${ratingId}/rectification`, clerk(), {
      content: '已优化流程',
    });
    expect(byClerk.json().code).toBe('INTERACTION_NOT_YOUR_DEPARTMENT');
    const approver = bed.staff('approver-1', 'cases.approve', 'xh-scjg');
    const done = await bed.call('POST', `/api/v1/ratings/${ratingId}/rectification`, approver, {
      content: '已回访申请人，窗口增设帮办，材料一次告知到位',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ followUp: 'rectified' });
    const twice = await bed.call('POST', `/api/v1/ratings/${ratingId}/rectification`, approver, {
      content: '再次整改说明',
    });
    expect(twice.json().code).toBe('INTERACTION_NOT_RECTIFIABLE');
    const audit = await bed.sql(
      "select action from platform_audit_log where entity_id = $1 and action like 'interaction.%' order by seq",
      [caseId],
    );
    expect(audit.map((row) => row.action)).toEqual([
      'interaction.rating.created',
      'interaction.rating.rectified',
    ]);
  });
});
