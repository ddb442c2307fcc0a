import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit.js';
import { withTransaction } from '../../platform/database.js';
import { testEngine } from '../../test/harness.js';
import { fixtureContent } from '../catalogue/catalogue.fixtures.js';
import { type CaseTestbed, caseTestbed } from './cases.fixtures.js';
import * as repo from './cases.repo.js';

/**
 * Actions share transactions under load (group commit,
 * cases.action-batches.ts): each still acts on its own case with its own number, log, notice and
 * audit records, gets its own answer or its own refusal, and a second action on the same case waits
 * for the first. Idempotency-Keys are claimed and answered in the shared transaction.
 */
describe('group commit of actions', () => {
  let bed: CaseTestbed;
  let item = '';
  const clerk = () => bed.staff('clerk-1', 'cases.window', 'xh-scjg');
  const submitted = async (count: number) => {
    const ids: string[] = [];
    for (let index = 0; index < count; index += 1) ids.push((await bed.apply(item)).id);
    return ids;
  };
  beforeAll(async () => {
    // A Wednesday at 10:00 China time.
    bed = await caseTestbed('2026-04-15T10:00');
    item = await bed.publish('0', fixtureContent());
  });
  afterAll(() => bed?.close());

  it('accepts 20 cases at once, each with its own case number, notice, log entry and audit record', async () => {
    const ids = await submitted(20);
    const responses = await Promise.all(ids.map((id) => bed.action(id, 'accept', clerk())));
    for (const response of responses) expect(response.statusCode, response.body).toBe(200);
    const views = responses.map((response) => response.json());
    expect(views.map((view) => view.id)).toEqual(ids);
    expect(views.every((view) => view.status === 'accepted')).toBe(true);
    // Accepted Wednesday 04-15; the fixture promises 5 working days: 16, 17, 20, 21, 22.
    expect(views.every((view) => view.clocks.acceptedOn === '2026-04-15')).toBe(true);
    expect(views.every((view) => view.clocks.promisedDue === '2026-04-22')).toBe(true);
    expect(new Set(views.map((view) => view.caseNumber)).size).toBe(20);
    // Each answer shows its own case, log and acceptance notice exactly as a later read does (the
    // answer is made from what was written, not read back).
    for (const view of views) {
      expect(view.timeline.map((entry: { action: string }) => entry.action)).toEqual(['submit', 'accept']);
      expect(view.notices.map((notice: { kind: string }) => notice.kind)).toEqual(['acceptance']);
      expect(view.clocks.warningLevel).toBe('none');
      const read = (await bed.call('GET', `/api/v1/cases/${view.id}`, clerk())).json();
      expect(read).toEqual(view);
    }
    const inList = `(${ids.map((id) => `'${id}'`).join(', ')})`;
    const [counts] = await bed.sql(
      `select (select count(*)::int from case_actions where case_id in ${inList} and action = 'accept') as actions,
              (select count(distinct document_number)::int from case_notices where case_id in ${inList}) as notices,
              (select count(*)::int from platform_audit_log where entity_id in ${inList} and action = 'cases.case.accept') as audit,
              (select count(distinct occurred_at)::int from platform_audit_log where entity_id in ${inList} and action = 'cases.case.accept') as appends`,
    );
    expect(counts).toMatchObject({ actions: 20, notices: 20, audit: 20 });
    // The warning scan's rows follow the one statement that updated the 20 cases: each case now runs,
    // at level none, due on its promised date.
    const levels = await bed.sql(
      `select case_id, due::text as due, level from case_warning_levels where case_id in ${inList} order by case_id`,
    );
    expect(levels).toEqual([...ids].sort().map((id) => ({ case_id: id, due: '2026-04-22', level: 'none' })));
    // Each transaction appends its audit records at once: fewer appends than actions means the
    // actions shared transactions (PGlite runs one query to its end before reading the next request).
    if (testEngine === 'postgres') expect(Number(counts?.appends)).toBeLessThan(20);
    expect((await verifyAuditChain(bed.t.database.db)).ok).toBe(true);
  });

  it('answers the cases it updates as stored, with the due date the database computes', async () => {
    const [id] = await submitted(1);
    if (!id) throw new Error('no case');
    const { db } = bed.t.database;
    const answered = await withTransaction(db, async (tx) => {
      const before = await repo.lockCase(tx, id);
      if (!before) throw new Error('case not found');
      expect(before.warningDue).toBeNull();
      return repo.updateCases(tx, [
        repo.caseUpdated(before, {
          status: 'accepted',
          acceptedOn: '2026-04-15',
          legalDue: '2026-05-14',
          promisedDue: '2026-04-22',
          revision: before.revision + 1,
        }),
      ]);
    });
    // The earlier of the legal and promised due dates (the generated column `warning_due`).
    expect(answered[0]?.warningDue).toBe('2026-04-22');
    expect(answered).toEqual([await repo.findCase(db, id)]);
  });

  it('gives each refused action its own error, writes nothing of it, and takes the ones beside it', async () => {
    const [first, second, third] = await submitted(3);
    if (!first || !second || !third) throw new Error('three cases expected');
    const approver = bed.staff('approver-1', 'cases.approve', 'xh-scjg');
    const [one, two, early, missing, other] = await Promise.all([
      // The same case twice: whichever comes second waits for the first and finds it accepted.
      bed.action(first, 'accept', clerk()),
      bed.action(first, 'accept', clerk()),
      // Not allowed in its status.
      bed.action(second, 'approve', approver, { content: '准予许可' }),
      bed.action(randomUUID(), 'accept', clerk()),
      bed.action(third, 'accept', clerk()),
    ]);
    expect(other?.statusCode, other?.body).toBe(200);
    expect([one?.statusCode, two?.statusCode].sort()).toEqual([200, 409]);
    const again = one?.statusCode === 409 ? one : two;
    expect(again?.json()).toMatchObject({ code: 'CASE_ACTION_NOT_ALLOWED', details: { status: 'accepted' } });
    expect(early?.statusCode).toBe(409);
    expect(early?.json()).toMatchObject({ code: 'CASE_ACTION_NOT_ALLOWED' });
    expect(missing?.statusCode).toBe(404);
    expect(missing?.json()).toMatchObject({ code: 'CASE_NOT_FOUND' });
    const logs = await bed.sql(
      `select case_id, string_agg(action, ',' order by seq) as actions from case_actions
        where case_id in ($1, $2, $3) group by case_id`,
      [first, second, third],
    );
    expect(Object.fromEntries(logs.map((row) => [row.case_id, row.actions]))).toEqual({
      [first]: 'submit,accept',
      [second]: 'submit',
      [third]: 'submit,accept',
    });
    const [refused] = await bed.sql(`select status, revision from cases where id = $1`, [second]);
    expect(refused).toEqual({ status: 'submitted', revision: 1 });
  });

  it('claims and answers Idempotency-Keys in the shared transaction: a retry replays, a refusal is not kept', async () => {
    const keyed = (headers: Record<string, string>, key: string) => ({ ...headers, 'idempotency-key': key });
    const ids = await submitted(6);
    const keys = ids.map(() => `accept-${randomUUID()}`);
    const accept = (index: number) =>
      bed.action(ids[index] ?? '', 'accept', keyed(clerk(), keys[index] ?? ''));
    const first = await Promise.all(ids.map((_, index) => accept(index)));
    for (const response of first) expect(response.statusCode, response.body).toBe(200);
    // Retried: the first answer back, marked as a replay, and no second action.
    const retried = await Promise.all(ids.map((_, index) => accept(index)));
    for (const [index, response] of retried.entries()) {
      expect(response.statusCode).toBe(200);
      expect(response.headers['idempotent-replayed']).toBe('true');
      expect(response.json()).toEqual(first[index]?.json());
    }
    const inList = `(${ids.map((id) => `'${id}'`).join(', ')})`;
    const [accepts] = await bed.sql(
      `select count(*)::int as n from case_actions where case_id in ${inList} and action = 'accept'`,
    );
    expect(accepts?.n).toBe(6);

    // One key sent twice at once (a client retrying before the first answer came): one action, the
    // same answer twice.
    const [lone = ''] = await submitted(1);
    const loneKey = `accept-${randomUUID()}`;
    const twice = await Promise.all([
      bed.action(lone, 'accept', keyed(clerk(), loneKey)),
      bed.action(lone, 'accept', keyed(clerk(), loneKey)),
    ]);
    expect(twice.map((response) => response.statusCode)).toEqual([200, 200]);
    expect(twice[1]?.json()).toEqual(twice[0]?.json());
    const [loneAccepts] = await bed.sql(
      `select count(*)::int as n from case_actions where case_id = $1 and action = 'accept'`,
      [lone],
    );
    expect(loneAccepts?.n).toBe(1);

    // The same key with another request (another case) is refused.
    const reused = await bed.action(ids[1] ?? '', 'accept', keyed(clerk(), keys[0] ?? ''));
    expect(reused.statusCode).toBe(422);
    expect(reused.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });

    // A refused action keeps no answer with its key: retried once the case allows it, it is taken.
    const [waiting = ''] = await submitted(1);
    const reviewer = bed.staff('reviewer-1', 'cases.review', 'xh-scjg');
    const reviewKey = `review-${randomUUID()}`;
    const review = () => bed.action(waiting, 'review', keyed(reviewer, reviewKey), { opinion: 'approve' });
    const early = await review();
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json()).toMatchObject({ code: 'CASE_ACTION_NOT_ALLOWED', details: { status: 'submitted' } });
    expect(
      await bed.sql('select count(*)::int as n from platform_idempotency_keys where key = $1', [reviewKey]),
    ).toEqual([{ n: 0 }]);
    expect((await bed.action(waiting, 'accept', clerk())).statusCode).toBe(200);
    const later = await review();
    expect(later.statusCode, later.body).toBe(200);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect((await review()).headers['idempotent-replayed']).toBe('true');
  });

  it('numbers notices past 999,999 with every digit of the serial (never cut to six)', async () => {
    await bed.sql(`select setval('case_number_serial', 1234566)`);
    const [id = ''] = await submitted(1);
    const accepted = await bed.action(id, 'accept', clerk());
    expect(accepted.statusCode, accepted.body).toBe(200);
    const [notice] = accepted.json().notices;
    expect(notice.documentNumber).toMatch(/^受〔2026〕第12345(67|68)号$/);
  });
});
