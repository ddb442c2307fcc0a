import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicant, type CaseTestbed, caseTestbed } from '../modules/cases/cases.fixtures.js';
import { fixtureContent } from '../modules/catalogue/catalogue.fixtures.js';
import { principalHeader } from '../test/harness.js';

/** 我的消息: what happens to a case reaches its online applicant's account, with the change itself. */
describe('my messages', () => {
  let bed: CaseTestbed;
  let item = '';
  const clerk = () => bed.staff('clerk-1', 'cases.window', 'xh-scjg');
  const messages = async (headers: Record<string, string>, query = '') =>
    (await bed.call('GET', `/api/v1/me/messages${query}`, headers)).json();

  beforeAll(async () => {
    bed = await caseTestbed('2026-09-22T10:00');
    item = await bed.publish('0', fixtureContent());
  });
  afterAll(() => bed.close());

  it('submission and acceptance each leave a message linking to the case; read one, read all', async () => {
    const { id } = await bed.apply(item);
    expect((await bed.action(id, 'accept', clerk())).statusCode).toBe(200);
    const inbox = await messages(applicant);
    expect(inbox.unread).toBe(2);
    expect(inbox.items.map((m: { link: string }) => m.link)).toEqual([`/my-cases/${id}`, `/my-cases/${id}`]);
    expect(inbox.items[1].body).toContain('已提交');
    expect(inbox.items[0].body).toContain('受理');

    const first = inbox.items[0].id;
    expect((await bed.call('POST', `/api/v1/me/messages/${first}/read`, applicant, {})).statusCode).toBe(204);
    expect((await messages(applicant, '?unread=true')).items).toHaveLength(1);
    // Someone else's message does not exist for them.
    const other = principalHeader({ id: 'someone-else', kind: 'person' });
    expect((await bed.call('POST', `/api/v1/me/messages/${first}/read`, other, {})).statusCode).toBe(404);
    expect((await messages(other)).total).toBe(0);
    expect((await bed.call('POST', '/api/v1/me/messages/read-all', applicant, {})).statusCode).toBe(204);
    expect((await messages(applicant)).unread).toBe(0);
    expect((await bed.call('GET', '/api/v1/me/messages', {})).statusCode).toBe(401);
  });
});
