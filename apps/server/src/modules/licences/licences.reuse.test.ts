import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ENTERPRISE } from '../../demo-people.js';
import { application, type CaseTestbed, caseTestbed, type Headers, PDF } from '../cases/cases.fixtures.js';
import { fixtureContent } from '../catalogue/catalogue.fixtures.js';
import { businessLicence, holderAccounts, makeSeal, officer } from './licences.fixtures.js';

/**
 * 免提交 through the case engine: an application for 食品经营许可 (the case test bed's fixture item,
 * implemented by 西湖区市场监管局) takes the applicant's 营业执照 from the library instead of an upload;
 * the case shows it as verified, the use is logged for the holder; and the production step issues
 * the 食品经营许可证 through the outbox.
 */
describe('licences reused in applications and issued by the production step', () => {
  let bed: CaseTestbed;
  let item = '';
  let scjg = '';
  let holders: Awaited<ReturnType<typeof holderAccounts>>;
  let licence = '';
  const clerk = () => bed.staff('clerk-1', 'cases.window', 'xh-scjg');
  const reviewer = () => bed.staff('reviewer-1', 'cases.review', 'xh-scjg');
  const approver = () => bed.staff('approver-1', 'cases.approve', 'xh-scjg');
  const producer = () => bed.staff('producer-1', 'cases.produce', 'xh-scjg');
  const upload = (caseId: string, key: string, headers: Headers) =>
    bed.t.app.inject({
      method: 'PUT',
      url: `/api/v1/cases/${caseId}/materials/${key}?fileName=${key}.pdf`,
      headers: { ...headers, 'content-type': 'application/pdf' },
      payload: PDF,
    });
  const draft = async () => {
    const response = await bed.call('POST', '/api/v1/cases', holders.enterprise, {
      ...application(item),
      submit: false,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };

  beforeAll(async () => {
    bed = await caseTestbed('2026-09-22T10:00');
    item = await bed.publish('0', fixtureContent());
    scjg = bed.department('xh-scjg');
    await makeSeal(bed.t.app, scjg);
    holders = await holderAccounts(bed.t.database.db, bed.t.app);
    const issued = await bed.call('POST', '/api/v1/licences', officer(scjg), businessLicence(scjg));
    expect(issued.statusCode, issued.body).toBe(201);
    licence = issued.json().summary.identifier;
  });
  afterAll(() => bed.close());

  it('applies for 食品经营许可 with the 营业执照 from the library: no upload, shown as verified', async () => {
    const caseId = await draft();
    const used = await bed.call('POST', '/api/v1/licences/uses', holders.agent, {
      caseId,
      materialKey: 'business-licence',
      identifier: licence,
      consent: true,
    });
    expect(used.statusCode, used.body).toBe(201);
    expect(used.json()).toMatchObject({
      use: { grade: 'A', consent: true, caseId, usedBy: { kind: 'enterprise', agentName: '王芳' } },
      material: { source: 'licence', reference: licence },
    });
    expect((await upload(caseId, 'application-form', holders.enterprise)).statusCode).toBe(200);
    expect((await upload(caseId, 'floor-plan', holders.enterprise)).statusCode).toBe(200);
    const submitted = await bed.action(caseId, 'submit', holders.enterprise);
    expect(submitted.statusCode, submitted.body).toBe(200);

    // The case file: the material comes from the e-licence library, verified, with no file.
    const view = (await bed.call('GET', `/api/v1/cases/${caseId}`, reviewer())).json();
    const material = view.materials.find((m: { key: string }) => m.key === 'business-licence');
    expect(material.provided).toMatchObject({
      source: 'licence',
      reference: licence,
      fileName: `营业执照（${DEMO_ENTERPRISE.name}）· 电子证照已核验`,
    });
    const uploads = await bed.sql(
      `select count(*)::int as n from case_materials where case_id = $1 and material_key = 'business-licence' and blob_sha256 is not null`,
      [caseId],
    );
    expect(uploads[0]?.n).toBe(0);

    // The staff see the verified licence data in the case.
    const seen = await bed.call('GET', `/api/v1/licences/cases/${caseId}`, reviewer());
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json().items).toEqual([
      expect.objectContaining({
        verification: { valid: true, message: '证照真实有效' },
        data: expect.objectContaining({ legalRepresentative: DEMO_ENTERPRISE.legalRepresentative }),
        licence: expect.objectContaining({ identifier: licence, typeName: '营业执照' }),
      }),
    ]);
    // Staff of another department may not read them.
    const outsider = bed.staff('reviewer-9', 'cases.review', 'xh-wsjk');
    expect((await bed.call('GET', `/api/v1/licences/cases/${caseId}`, outsider)).statusCode).toBe(403);

    // The holder sees who used the licence for which case.
    const uses = (await bed.call('GET', '/api/v1/licences/wallet/uses', holders.enterprise)).json();
    expect(uses.items).toEqual([
      expect.objectContaining({ identifier: licence, caseId, materialKey: 'business-licence', grade: 'A' }),
    ]);
  });

  it('lets the case engine’s own reuse route find the holder’s valid licence in the library', async () => {
    const caseId = await draft();
    const reused = await bed.call(
      'POST',
      `/api/v1/cases/${caseId}/materials/business-licence/reuse`,
      holders.enterprise,
    );
    expect(reused.statusCode, reused.body).toBe(200);
    expect(reused.json()).toMatchObject({ source: 'licence', reference: licence });
  });

  it('refuses a licence that is not the applicant’s, not of the material’s type, or no longer usable', async () => {
    const caseId = await draft();
    // A licence of another holder.
    const other = await bed.call('POST', '/api/v1/licences', officer(scjg), {
      ...businessLicence(scjg),
      holder: { kind: 'enterprise', name: '杭州另一家餐饮有限公司', identifier: '91330100799655058B' },
    });
    const foreign = await bed.call('POST', '/api/v1/licences/uses', holders.enterprise, {
      caseId,
      materialKey: 'business-licence',
      identifier: other.json().summary.identifier,
      consent: true,
    });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().code).toBe('CASE_REUSE_NOT_FOUND');
    // The right licence for a material of another kind.
    const wrongMaterial = await bed.call('POST', '/api/v1/licences/uses', holders.enterprise, {
      caseId,
      materialKey: 'floor-plan',
      identifier: licence,
      consent: true,
    });
    expect(wrongMaterial.statusCode).toBeGreaterThanOrEqual(400);
    expect(wrongMaterial.statusCode).toBeLessThan(500);
    // Someone else's case.
    const stranger = await bed.call('POST', '/api/v1/licences/uses', holders.person, {
      caseId,
      materialKey: 'business-licence',
      identifier: licence,
      consent: true,
    });
    expect(stranger.statusCode).toBe(403);

    // Suspended: neither chosen nor found automatically (and no other source stands in for it).
    await bed.call('POST', `/api/v1/licences/${licence}/status`, officer(scjg), {
      status: 'suspended',
      reason: '核查',
    });
    const suspended = await bed.call('POST', '/api/v1/licences/uses', holders.enterprise, {
      caseId,
      materialKey: 'business-licence',
      identifier: licence,
      consent: true,
    });
    expect(suspended.statusCode).toBe(422);
    expect(suspended.json()).toMatchObject({
      code: 'LICENCE_NOT_USABLE',
      details: { field: 'body.identifier' },
    });
    const automatic = await bed.call(
      'POST',
      `/api/v1/cases/${caseId}/materials/business-licence/reuse`,
      holders.enterprise,
    );
    expect(automatic.statusCode, automatic.body).toBe(422);
    await bed.call('POST', `/api/v1/licences/${licence}/status`, officer(scjg), {
      status: 'valid',
      reason: '核查无误',
    });
    const again = await bed.call(
      'POST',
      `/api/v1/cases/${caseId}/materials/business-licence/reuse`,
      holders.enterprise,
    );
    expect(again.json()).toMatchObject({ reference: licence });
  });

  it('issues the 食品经营许可证 when the case’s licence is produced (outbox), once', async () => {
    const caseId = await draft();
    await bed.call('POST', '/api/v1/licences/uses', holders.enterprise, {
      caseId,
      materialKey: 'business-licence',
      identifier: licence,
      consent: true,
    });
    await upload(caseId, 'application-form', holders.enterprise);
    await upload(caseId, 'floor-plan', holders.enterprise);
    expect((await bed.action(caseId, 'submit', holders.enterprise)).statusCode).toBe(200);
    bed.at('2026-09-23T10:00');
    expect((await bed.action(caseId, 'accept', clerk())).statusCode).toBe(200);
    const review = await bed.action(caseId, 'review', reviewer(), {
      opinion: 'approve',
      content: '符合条件',
    });
    expect(review.statusCode, review.body).toBe(200);
    const approve = await bed.action(caseId, 'approve', approver(), { content: '准予食品经营许可' });
    expect(approve.statusCode, approve.body).toBe(200);
    const produced = await bed.action(caseId, 'produce', producer(), { licenceNumber: 'JY13301060012345' });
    expect(produced.statusCode, produced.body).toBe(200);

    await bed.t.app.outbox.drainOnce();
    await bed.t.app.outbox.drainOnce();
    const wallet = (await bed.call('GET', '/api/v1/licences/wallet', holders.enterprise)).json();
    const food = wallet.items.filter((l: { typeCode: string }) => l.typeCode === 'SPJYXKZ');
    expect(food).toHaveLength(1);
    expect(food[0]).toMatchObject({
      licenceNumber: 'JY13301060012345',
      source: 'case',
      caseNumber: produced.json().caseNumber,
      validFrom: '2026-09-23',
      validUntil: '2031-09-22',
      holder: { name: DEMO_ENTERPRISE.name, identifier: DEMO_ENTERPRISE.creditCode },
    });
    const verified = await bed.call(
      'POST',
      '/api/v1/licences/verify',
      {},
      { identifier: food[0].identifier },
    );
    expect(verified.json()).toMatchObject({ valid: true });
    const rows = await bed.sql(
      `select topic, delivered_at from platform_outbox where topic = 'cases.licence-produced'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.delivered_at).not.toBeNull();
  });
});
