import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalHeader } from '../../test/harness.js';
import { fixtureContent } from '../catalogue/catalogue.fixtures.js';
import { applicant, type CaseTestbed, caseTestbed, type Headers, PDF } from './cases.fixtures.js';

/** `GET /cases/{id}/materials/{key}`: the uploaded file, for the workbench's materials viewer. */
describe('reading an uploaded material', () => {
  let bed: CaseTestbed;
  let caseId = '';
  const reviewer = () => bed.staff('reviewer-1', 'cases.review', 'xh-scjg');
  const elsewhere = () =>
    principalHeader({
      id: 'staff-wsjk',
      permissions: ['cases.window', 'cases.review', 'cases.approve'],
      scope: { departmentIds: [bed.department('xh-wsjk')] },
    });
  const read = (key: string, headers: Headers) =>
    bed.call('GET', `/api/v1/cases/${caseId}/materials/${key}`, headers);

  beforeAll(async () => {
    bed = await caseTestbed('2026-09-22T10:00');
    const item = await bed.publish('0', fixtureContent());
    caseId = (await bed.apply(item)).id;
    const material = fixtureContent().materials[0]?.key ?? '';
    expect((await bed.upload(caseId, material, applicant)).statusCode).toBe(200);
  });
  afterAll(() => bed.close());

  it('answers the bytes with their media type to the applicant and to staff in scope', async () => {
    const key = fixtureContent().materials[0]?.key ?? '';
    for (const headers of [applicant, reviewer()]) {
      const response = await read(key, headers);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.rawPayload.equals(PDF)).toBe(true);
    }
  });

  it('refuses a caller without the right, and a material without a file', async () => {
    const key = fixtureContent().materials[0]?.key ?? '';
    expect((await read(key, {})).statusCode).toBe(401);
    expect((await read(key, elsewhere())).statusCode).toBe(403);
    expect((await read(key, principalHeader({ id: 'someone', kind: 'person' }))).statusCode).toBe(403);
    const missing = fixtureContent().materials[1]?.key ?? 'nothing';
    const response = await read(missing, reviewer());
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('CASE_MATERIAL_NOT_PROVIDED');
  });
});
