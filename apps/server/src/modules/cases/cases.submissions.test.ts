import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit.js';
import { sentSms, testEngine } from '../../test/harness.js';
import { fixtureContent } from '../catalogue/catalogue.fixtures.js';
import { APPLICANT_MOBILE, applicant, application, type CaseTestbed, caseTestbed } from './cases.fixtures.js';

/**
 * Submissions under load share transactions (group commit, cases.submissions.ts): each still gets
 * its own case, number, log, audit records, message and SMS, its own answer, and its own error.
 */
describe('group commit of submissions', () => {
  let bed: CaseTestbed;
  let item = '';
  beforeAll(async () => {
    // A Wednesday at 10:00 China time: received the same day.
    bed = await caseTestbed('2026-04-15T10:00');
    item = await bed.publish('0', fixtureContent());
  });
  afterAll(() => bed?.close());

  const submit = (key: string, body: unknown = application(item)) =>
    bed.call('POST', '/api/v1/cases', { ...applicant, 'idempotency-key': key }, body);

  it('answers 30 concurrent submissions each with its own case, written in shared transactions', async () => {
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, index) => submit(`group-${String(index).padStart(4, '0')}`)),
    );
    for (const response of responses) expect(response.statusCode, response.body).toBe(201);
    const views = responses.map((response) => response.json());
    expect(views.every((view) => view.status === 'submitted')).toBe(true);
    expect(views.every((view) => view.clocks.receivedOn === '2026-04-15')).toBe(true);
    expect(views.every((view) => view.clocks.completenessDue === '2026-04-22')).toBe(true);
    expect(views.every((view) => view.timeline.length === 1 && view.timeline[0].action === 'submit')).toBe(
      true,
    );
    const ids = views.map((view) => view.id);
    expect(new Set(ids).size).toBe(30);
    expect(new Set(views.map((view) => view.applicationNumber)).size).toBe(30);

    const inList = `(${ids.map((id) => `'${id}'`).join(', ')})`;
    const [counts] = await bed.sql(
      `select (select count(*)::int from cases where id in ${inList} and status = 'submitted') as cases,
              (select count(*)::int from case_actions where case_id in ${inList} and seq = 1 and action = 'submit') as actions,
              (select count(*)::int from platform_audit_log where entity_id in ${inList}) as audit,
              (select count(distinct occurred_at)::int from platform_audit_log where entity_id in ${inList}) as appends,
              (select count(*)::int from platform_messages where link in (${ids.map((id) => `'/my-cases/${id}'`).join(', ')})) as messages,
              (select count(*)::int from platform_idempotency_keys where key like 'group-%' and status_code = 201) as keys`,
    );
    expect(counts).toMatchObject({ cases: 30, actions: 30, audit: 60, messages: 30, keys: 30 });
    const sms = (await sentSms(bed.t)).filter((message) => message.mobile === APPLICANT_MOBILE);
    expect(sms.length).toBeGreaterThanOrEqual(30);
    // Each transaction appends its audit records at once: fewer appends than submissions means
    // submissions shared transactions. PGlite runs each query to its end before the next request is
    // read, so there a transaction never has company (group-commit.test.ts shows the grouping itself).
    if (testEngine === 'postgres') expect(Number(counts?.appends)).toBeLessThan(30);
    expect((await verifyAuditChain(bed.t.database.db)).ok).toBe(true);

    // Each stored answer replays as it was given.
    const again = await submit('group-0007');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(views[7].id);
  });

  it('writes one case for one key sent twice at once, and answers both with it', async () => {
    const [first, second] = await Promise.all([submit('twice-0001'), submit('twice-0001')]);
    expect(first?.statusCode).toBe(201);
    expect(second?.statusCode).toBe(201);
    expect(first?.json().id).toBe(second?.json().id);
    expect([first?.headers['idempotent-replayed'], second?.headers['idempotent-replayed']]).toContain('true');
    const [row] = await bed.sql(`select count(*)::int as n from cases where id = $1`, [first?.json().id]);
    expect(row?.n).toBe(1);
  });

  it('gives a bad submission its own error while the ones beside it are written', async () => {
    const bad = application(item);
    bad.applicant.identifier = '91330106MA2XXXXXX1';
    const reused = { ...application(item), form: { ...application(item).form, address: '另一个地址 1 号' } };
    const [good, invalid, , conflicting] = await Promise.all([
      submit('mixed-0001'),
      submit('mixed-0002', bad),
      submit('mixed-0003'),
      submit('mixed-0003', reused),
      submit('mixed-0004'),
    ]);
    expect(good?.statusCode).toBe(201);
    expect(invalid?.statusCode).toBe(422);
    expect(invalid?.json()).toMatchObject({
      code: 'CASE_APPLICANT_INVALID',
      details: { field: 'body.applicant.identifier' },
    });
    expect(conflicting?.statusCode).toBe(422);
    expect(conflicting?.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    const keys = await bed.sql(
      `select key, status_code from platform_idempotency_keys where key like 'mixed-%' order by key`,
    );
    expect(keys).toEqual([
      { key: 'mixed-0001', status_code: 201 },
      { key: 'mixed-0003', status_code: 201 },
      { key: 'mixed-0004', status_code: 201 },
    ]);
  });
});
