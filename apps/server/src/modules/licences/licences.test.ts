import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CITIZEN, DEMO_ENTERPRISE } from '../../demo-people.js';
import { createTestApp, departmentsByKey, principalHeader, type TestApp } from '../../test/harness.js';
import { parsePdf } from '../../test/pdf-text.js';
import { seedCatalogue, seedLicenceTypeCodes } from '../catalogue/catalogue.seed-data.js';
import { seedDemoOrganisation } from '../org/org.seed.js';
import {
  admin,
  businessLicence,
  type Headers,
  holderAccounts,
  householdRegister,
  makeSeal,
  officer,
  shareClient,
} from './licences.fixtures.js';

/**
 * The licences API end to end on a real database: types, seals, issuance, verification with
 * tampering and revocation, versions, the status list, the verification page, the PDF, the wallet,
 * the sharing interface, and who may call what.
 */
describe('electronic licences and seals', () => {
  let t: TestApp;
  let scjg = '';
  let police = '';
  let holders: Awaited<ReturnType<typeof holderAccounts>>;
  let issued: { summary: { identifier: string }; document: { licence: Record<string, unknown> } };
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Headers = {}, payload?: unknown) =>
    t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const verify = async (payload: unknown) => {
    const response = await call('POST', '/api/v1/licences/verify', {}, payload);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoOrganisation(t.database.db);
    const departments = await departmentsByKey(t.app);
    scjg = departments['xh-scjg']?.id ?? '';
    police = departments['xh-gafj']?.id ?? '';
    holders = await holderAccounts(t.database.db, t.app);
  });
  afterAll(() => t.close());

  it('ships a licence type for every code the seed catalogue names', async () => {
    const response = await call('GET', '/api/v1/licence-types');
    const codes = new Set(response.json().items.map((type: { code: string }) => type.code));
    expect(codes.size).toBeGreaterThanOrEqual(15);
    // Every licence type code the seed catalogue's results and materials name, and its own list.
    const named = new Set<string>(Object.keys(seedLicenceTypeCodes));
    for (const match of JSON.stringify(seedCatalogue).matchAll(/"licenceTypeCode":"([0-9A-Za-z.]+)"/g))
      named.add(match[1] as string);
    for (const code of named) expect(codes.has(code), code).toBe(true);
    const yyzz = await call('GET', '/api/v1/licence-types/YYZZ');
    expect(yyzz.json()).toMatchObject({
      name: '营业执照',
      holderKind: 'enterprise',
      validity: { years: null },
    });
  });

  it('registers a seal per department; its private key is encrypted at rest', async () => {
    const seal = await makeSeal(t.app, scjg);
    expect(seal.publicKey).toMatch(/^04[0-9a-f]{128}$/);
    const [row] = (
      await t.database.executeSql('select private_key_encrypted from licence_seals where id = $1', [seal.id])
    ).rows;
    expect(String(row?.private_key_encrypted)).toMatch(/^v2\./);
    await makeSeal(t.app, police, '电子证照专用章');
    const image = await call('GET', `/api/v1/licences/seals/${seal.id}/image`, admin());
    expect(image.headers['content-type']).toContain('image/svg+xml');
    expect(image.body).toContain('行');
    const registry = (await call('GET', '/api/v1/licences/seals/registry')).json();
    expect(registry.items[0].publicKeyPem).toContain('BEGIN PUBLIC KEY');
  });

  it('issue → verify → tamper one field → fails → revoke → says revoked', async () => {
    const response = await call('POST', '/api/v1/licences', officer(scjg), businessLicence(scjg));
    expect(response.statusCode, response.body).toBe(201);
    issued = response.json();
    const identifier = issued.summary.identifier;
    expect(identifier).toMatch(/^1\.2\.156\.3005\.2\.YYZZ\.[0-9A-Z]{18}\.0000001\.001\.[0-9A-Z]$/);
    expect(issued.document.licence).toMatchObject({
      version: 1,
      holder: { identifier: DEMO_ENTERPRISE.creditCode },
    });

    expect(await verify({ licence: issued.document })).toMatchObject({
      valid: true,
      licence: { identifier, typeName: '营业执照', status: 'valid' },
    });
    expect(await verify({ identifier })).toMatchObject({ valid: true });

    const tampered = structuredClone(issued.document) as { licence: { data: Record<string, string> } };
    tampered.licence.data.businessScope = '餐饮服务；烟草制品零售';
    expect(await verify({ licence: tampered })).toMatchObject({ valid: false, reason: 'signature' });

    const revoked = await call('POST', `/api/v1/licences/${identifier}/status`, officer(scjg), {
      status: 'revoked',
      reason: '以欺骗手段取得，依法吊销',
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ status: 'revoked', statusLabel: '吊销' });
    expect(await verify({ licence: issued.document })).toMatchObject({ valid: false, reason: 'revoked' });
    expect(await verify({ identifier })).toMatchObject({ valid: false, reason: 'revoked' });
    // Revocation is final.
    const back = await call('POST', `/api/v1/licences/${identifier}/status`, officer(scjg), {
      status: 'valid',
      reason: '恢复',
    });
    expect(back.statusCode).toBe(409);
    expect(back.json()).toMatchObject({
      code: 'LICENCE_STATUS_TRANSITION',
      details: { field: 'body.status' },
    });
  });

  it('answers identifiers with a wrong check character, unknown licences and unknown issuers', async () => {
    const identifier = issued.summary.identifier;
    const wrongCheck = `${identifier.slice(0, -1)}${identifier.endsWith('A') ? 'B' : 'A'}`;
    expect(await verify({ identifier: wrongCheck })).toMatchObject({ valid: false, reason: 'identifier' });
    const foreign = structuredClone(issued.document) as { licence: { sealCode: string } };
    foreign.licence.sealCode = 'NO-SUCH-SEAL';
    expect(await verify({ licence: foreign })).toMatchObject({ valid: false, reason: 'unknown_issuer' });
    expect(await verify({ licence: { not: 'a licence' } })).toMatchObject({
      valid: false,
      reason: 'signature',
    });
    const missing = await call('POST', '/api/v1/licences/verify', {}, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'LICENCE_VERIFY_INPUT', details: { field: 'body' } });
  });

  it('changes and renews by new versions; the old version is superseded on the status list', async () => {
    const first = (await call('POST', '/api/v1/licences', officer(police), householdRegister(police))).json();
    const identifier = first.summary.identifier as string;
    const changed = await call('POST', `/api/v1/licences/${identifier}/versions`, officer(police), {
      data: { address: '杭州市西湖区文一路 1 号' },
      reason: '住址变更',
    });
    expect(changed.statusCode, changed.body).toBe(201);
    const second = changed.json();
    expect(second.summary.identifier).toBe(
      identifier.replace(/\.001\.[0-9A-Z]$/, `.002.${second.summary.identifier.slice(-1)}`),
    );
    expect(second.document.licence).toMatchObject({
      version: 2,
      data: { address: '杭州市西湖区文一路 1 号' },
    });
    expect(await verify({ identifier })).toMatchObject({ valid: false, reason: 'superseded' });
    expect(await verify({ licence: second.document })).toMatchObject({ valid: true });

    const list = (await call('GET', '/api/v1/licences/status-list')).json();
    expect(list.entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ identifier, status: 'superseded' }),
        expect.objectContaining({ identifier: issued.summary.identifier, status: 'revoked' }),
      ]),
    );
    expect(
      list.entries.some((entry: { identifier: string }) => entry.identifier === second.summary.identifier),
    ).toBe(false);
    const later = (await call('GET', `/api/v1/licences/status-list?since=${list.lastSeq}`)).json();
    expect(later.entries).toEqual([]);

    // A type whose validity is fixed by rule refuses another end date.
    const fixed = await call(
      'POST',
      `/api/v1/licences/${second.summary.identifier}/versions`,
      officer(police),
      {
        validUntil: '2099-01-01',
        reason: '延续',
      },
    );
    expect(fixed.statusCode).toBe(422);
    expect(fixed.json()).toMatchObject({
      code: 'LICENCE_VALIDITY_INVALID',
      details: { field: 'body.validUntil' },
    });

    // Suspension (中止) and reinstatement.
    const suspended = await call(
      'POST',
      `/api/v1/licences/${second.summary.identifier}/status`,
      officer(police),
      {
        status: 'suspended',
        reason: '核查中',
      },
    );
    expect(suspended.json().status).toBe('suspended');
    expect(await verify({ licence: second.document })).toMatchObject({ valid: false, reason: 'suspended' });
    await call('POST', `/api/v1/licences/${second.summary.identifier}/status`, officer(police), {
      status: 'valid',
      reason: '核查无误',
    });
    expect(await verify({ licence: second.document })).toMatchObject({ valid: true });
  });

  it('shows the public verification page the QR code leads to, without scripts', async () => {
    const current = (await call('POST', '/api/v1/licences', officer(scjg), businessLicence(scjg))).json();
    const page = await call('GET', `/api/v1/licences/verification/${current.summary.identifier}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('证照真实有效');
    expect(page.body).toContain(DEMO_ENTERPRISE.name);
    expect(page.body).not.toContain('<script');
    const bad = await call('GET', '/api/v1/licences/verification/nonsense<script>');
    expect(bad.statusCode).toBe(200);
    expect(bad.body).toContain('证照标识格式或校验位错误');
    expect(bad.body).not.toContain('<script>');
  });

  it('renders the licence PDF with the CJK font, the seal, the QR code and the signed data attached', async () => {
    const current = (
      await call('POST', '/api/v1/licences', officer(police), householdRegister(police))
    ).json();
    const response = await call('GET', `/api/v1/licences/${current.summary.identifier}/pdf`, officer(police));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = await parsePdf(response.rawPayload);
    expect(pdf.text).toContain('居民户口簿');
    expect(pdf.text).toContain(DEMO_CITIZEN.name);
    expect(pdf.text).toContain('扫码核验证照真伪');
    expect(pdf.text).toContain('杭州市公安局西湖区分局');
    expect(response.rawPayload.includes(Buffer.from('/EmbeddedFile'))).toBe(true);
    expect(response.rawPayload.includes(Buffer.from('licence.json'))).toBe(true);
  });

  it('opens the holder’s wallet: a person’s own, an enterprise’s also for its agent', async () => {
    const mine = (await call('GET', '/api/v1/licences/wallet', holders.person)).json();
    expect(mine.items.map((item: { typeCode: string }) => item.typeCode)).toEqual(['HKB', 'HKB']);
    expect(mine.items[0].holder.identifier).toMatch(/^330106\*+\d{3}[\dX]$/);
    const enterprise = (await call('GET', '/api/v1/licences/wallet', holders.enterprise)).json();
    const agent = (await call('GET', '/api/v1/licences/wallet', holders.agent)).json();
    expect(enterprise.items.length).toBeGreaterThanOrEqual(2);
    expect(agent.items).toEqual(enterprise.items);
    const one = enterprise.items[0].identifier;
    expect((await call('GET', `/api/v1/licences/wallet/${one}`, holders.enterprise)).statusCode).toBe(200);
    const pdf = await call('GET', `/api/v1/licences/wallet/${one}/pdf`, holders.agent);
    expect(pdf.statusCode).toBe(200);
    const notMine = await call('GET', `/api/v1/licences/wallet/${one}`, holders.person);
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json().code).toBe('LICENCE_NOT_HOLDER');
    // Staff have no wallet.
    expect((await call('GET', '/api/v1/licences/wallet', officer(scjg))).json().items).toEqual([]);
  });

  it('shares licences with authorized department systems only, logging every call', async () => {
    const query = await call('POST', '/api/v1/licences/share/query', shareClient(), {
      holderIdentifier: DEMO_ENTERPRISE.creditCode,
      typeCode: 'YYZZ',
    });
    expect(query.statusCode, query.body).toBe(200);
    expect(query.json().items.length).toBeGreaterThanOrEqual(1);
    const fetched = await call('GET', `/api/v1/licences/share/${issued.summary.identifier}`, shareClient());
    expect(fetched.json().summary.status).toBe('revoked');
    const log = (await call('GET', '/api/v1/licences/share/log', admin())).json();
    expect(log.items.slice(0, 2)).toEqual([
      expect.objectContaining({ clientId: 'client:food-system', operation: 'fetch', results: 1 }),
      expect.objectContaining({ clientId: 'client:food-system', operation: 'query', typeCode: 'YYZZ' }),
    ]);
    // The holder's identifier is not stored in the log in clear.
    const raw = await t.database.executeSql('select * from licence_share_log');
    expect(JSON.stringify(raw.rows)).not.toContain(DEMO_ENTERPRISE.creditCode);
  });

  it('seals: only active seals sign; suspension, reactivation and revocation are audited', async () => {
    const seals = (await call('GET', '/api/v1/licences/seals', admin([police]))).json().items;
    expect(seals).toHaveLength(1);
    const seal = seals[0];
    // A region-scoped administrator lists the seals of their region subtree's departments only.
    const overRegion = (regionCode: string) =>
      principalHeader({ permissions: ['licences.manage'], scope: { regionCode } });
    const all = (await call('GET', '/api/v1/licences/seals', admin())).json().items as {
      departmentId: string;
    }[];
    const xihu = (await call('GET', '/api/v1/licences/seals', overRegion('330106'))).json().items;
    expect(xihu).toHaveLength(all.length);
    expect(all.map((s) => s.departmentId)).toEqual(expect.arrayContaining([scjg, police]));
    expect((await call('GET', '/api/v1/licences/seals', overRegion('330122'))).json().items).toEqual([]);
    const suspend = await call('POST', `/api/v1/licences/seals/${seal.id}/status`, admin(), {
      status: 'suspended',
      reason: '印章管理员调整',
    });
    expect(suspend.json().status).toBe('suspended');
    const refused = await call('POST', '/api/v1/licences', officer(police), householdRegister(police));
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'LICENCE_NO_ACTIVE_SEAL',
      details: { field: 'body.departmentId' },
    });
    await call('POST', `/api/v1/licences/seals/${seal.id}/status`, admin(), {
      status: 'active',
      reason: '恢复启用',
    });
    const signed = (
      await call('POST', '/api/v1/licences', officer(police), householdRegister(police))
    ).json();
    expect(await verify({ licence: signed.document })).toMatchObject({ valid: true });

    const revoke = await call('POST', `/api/v1/licences/seals/${seal.id}/status`, admin(), {
      status: 'revoked',
      reason: '密钥泄露',
    });
    expect(revoke.json()).toMatchObject({ status: 'revoked', statusLabel: '撤销' });
    expect(await verify({ licence: signed.document })).toMatchObject({
      valid: false,
      reason: 'seal_revoked',
    });
    const again = await call('POST', `/api/v1/licences/seals/${seal.id}/status`, admin(), {
      status: 'active',
      reason: '恢复',
    });
    expect(again.json().code).toBe('SEAL_STATUS_TRANSITION');
    const audit = await t.database.executeSql(
      `select action from platform_audit_log where entity_type = 'seal' and entity_id = $1 order by seq`,
      [seal.id],
    );
    expect(audit.rows.map((row) => row.action)).toEqual([
      'licence.seal.create',
      'licence.seal.suspended',
      'licence.seal.active',
      'licence.seal.revoked',
    ]);
  });

  it('imports licences all or none, naming every row at fault', async () => {
    const good = householdRegister(scjg);
    const bad = { ...businessLicence(scjg), data: { enterpriseType: '有限责任公司' } };
    const refused = await call('POST', '/api/v1/licences/import', officer(scjg), { items: [good, bad] });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'LICENCE_IMPORT_INVALID',
      details: {
        rows: [expect.objectContaining({ index: 1, field: 'body.items.1.data.legalRepresentative' })],
      },
    });
    const before = await t.database.executeSql('select count(*)::int as n from licences');
    const imported = await call('POST', '/api/v1/licences/import', officer(scjg), {
      items: [good, businessLicence(scjg)],
    });
    expect(imported.statusCode, imported.body).toBe(201);
    const after = await t.database.executeSql('select count(*)::int as n from licences');
    expect(Number(after.rows[0]?.n) - Number(before.rows[0]?.n)).toBe(2);
  });

  it('gives bad input a clear error with code and field, never a 500', async () => {
    const cases: [string, unknown, number, string, string][] = [
      [
        'POST /licences',
        { ...businessLicence(scjg), typeCode: 'NOPE' },
        404,
        'LICENCE_TYPE_NOT_FOUND',
        'body.typeCode',
      ],
      [
        'POST /licences',
        {
          ...businessLicence(scjg),
          holder: { kind: 'enterprise', name: 'x', identifier: '91330106MA2H7K3Q00' },
        },
        400,
        'LICENCE_HOLDER_IDENTIFIER_INVALID',
        'body.holder.identifier',
      ],
      [
        'POST /licences',
        {
          ...businessLicence(scjg),
          holder: { kind: 'person', name: '张三', identifier: DEMO_CITIZEN.idNumber },
        },
        422,
        'LICENCE_HOLDER_KIND_MISMATCH',
        'body.holder.kind',
      ],
      [
        'POST /licences',
        { ...businessLicence(scjg), data: { ...businessLicence(scjg).data, establishedOn: '2024-02-30' } },
        422,
        'LICENCE_DATA_INVALID',
        'body.data.establishedOn',
      ],
      [
        'POST /licences',
        { ...businessLicence(scjg), data: { ...businessLicence(scjg).data, colour: 'red' } },
        422,
        'LICENCE_DATA_INVALID',
        'body.data.colour',
      ],
      [
        'POST /licences',
        { ...businessLicence(scjg), departmentId: 'x' },
        400,
        'REQUEST_VALIDATION_FAILED',
        'body.departmentId',
      ],
      [
        'POST /licences',
        { ...businessLicence(scjg), departmentId: '00000000-0000-4000-8000-000000000000' },
        404,
        'LICENCE_DEPARTMENT_NOT_FOUND',
        'body.departmentId',
      ],
      ['POST /licences', { ...businessLicence(police) }, 403, 'LICENCE_OUTSIDE_SCOPE', 'body.departmentId'],
      [
        'POST /licences',
        { ...businessLicence(scjg), validFrom: '2026-05-01', validUntil: '2026-04-01' },
        422,
        'LICENCE_VALIDITY_INVALID',
        'body.validUntil',
      ],
    ];
    for (const [route, body, status, code, field] of cases) {
      const [method, path] = route.split(' ') as ['POST', string];
      const response = await call(method, `/api/v1${path}`, officer(scjg), body);
      expect(response.statusCode, `${code}: ${response.body}`).toBe(status);
      expect(response.json()).toMatchObject({ code, details: { field } });
    }
    const badId = await call('GET', '/api/v1/licences/1.2.156.3005.2.YYZZ.X.1.001.Q', officer(scjg));
    expect(badId.statusCode).toBe(400);
    expect(badId.json()).toMatchObject({
      code: 'LICENCE_IDENTIFIER_INVALID',
      details: { field: 'params.identifier' },
    });
    const notId = await call('GET', '/api/v1/licences/not-an-id', officer(scjg));
    expect(notId.statusCode).toBe(400);
    expect(notId.json().details.field).toBe('params.identifier');
    const seal = await call('POST', '/api/v1/licences/seals', admin(), {
      departmentId: scjg,
      kind: '公章',
      validFrom: '2026-01-01',
      validUntil: '2025-01-01',
    });
    expect(seal.json()).toMatchObject({
      code: 'SEAL_VALIDITY_INVALID',
      details: { field: 'body.validUntil' },
    });
    const unknownSeal = await call(
      'GET',
      '/api/v1/licences/seals/00000000-0000-4000-8000-000000000000',
      admin(),
    );
    expect(unknownSeal.json()).toMatchObject({ code: 'SEAL_NOT_FOUND' });
    const type = await call(
      'PUT',
      '/api/v1/licence-types/YYZZ',
      admin(),
      (await call('GET', '/api/v1/licence-types/JHZ')).json(),
    );
    expect(type.json()).toMatchObject({
      code: 'LICENCE_TYPE_CODE_MISMATCH',
      details: { field: 'body.code' },
    });
    const use = await call('POST', '/api/v1/licences/uses', holders.enterprise, {
      caseId: '00000000-0000-4000-8000-000000000000',
      materialKey: 'business-licence',
      identifier: issued.summary.identifier,
      consent: false,
    });
    expect(use.json()).toMatchObject({
      code: 'LICENCE_CONSENT_REQUIRED',
      details: { field: 'body.consent' },
    });
  });

  it('lets administrators add and change licence types', async () => {
    const type = {
      code: 'CSXKZ',
      name: '城市绿化许可证',
      definingDepartment: '杭州市园林文物局',
      holderKind: 'enterprise',
      fields: [{ key: 'location', label: '地点', type: 'text', required: true }],
      validity: { years: 1, adjustable: false },
      template: { title: '城市绿化许可证', color: '#2e6b30', orientation: 'portrait' },
    };
    const created = await call('POST', '/api/v1/licence-types', admin(), type);
    expect(created.statusCode, created.body).toBe(201);
    expect((await call('POST', '/api/v1/licence-types', admin(), type)).json().code).toBe(
      'LICENCE_TYPE_EXISTS',
    );
    const changed = await call('PUT', '/api/v1/licence-types/CSXKZ', admin(), { ...type, active: false });
    expect(changed.json().active).toBe(false);
    const inactive = await call('POST', '/api/v1/licences', officer(scjg), {
      typeCode: 'CSXKZ',
      departmentId: scjg,
      holder: businessLicence(scjg).holder,
      data: { location: '西湖' },
    });
    expect(inactive.json()).toMatchObject({
      code: 'LICENCE_TYPE_INACTIVE',
      details: { field: 'body.typeCode' },
    });
  });

  it('refuses every route to a caller without the right (401 anonymous, 403 without the permission)', async () => {
    const id = issued.summary.identifier;
    const someone = principalHeader({ id: 'someone', kind: 'person' });
    const staffWithout = principalHeader({ id: 'staff-x', permissions: ['cases.review'] });
    const routes: [string, string, unknown?][] = [
      ['POST', '/api/v1/licence-types', {}],
      ['PUT', '/api/v1/licence-types/YYZZ', {}],
      ['POST', '/api/v1/licences/seals', {}],
      ['GET', '/api/v1/licences/seals'],
      ['GET', '/api/v1/licences/seals/00000000-0000-4000-8000-000000000000'],
      ['GET', '/api/v1/licences/seals/00000000-0000-4000-8000-000000000000/image'],
      ['POST', '/api/v1/licences/seals/00000000-0000-4000-8000-000000000000/status', {}],
      ['POST', '/api/v1/licences', {}],
      ['POST', '/api/v1/licences/import', {}],
      ['GET', '/api/v1/licences'],
      ['GET', `/api/v1/licences/${id}`],
      ['GET', `/api/v1/licences/${id}/pdf`],
      ['POST', `/api/v1/licences/${id}/versions`, {}],
      ['POST', `/api/v1/licences/${id}/status`, {}],
      ['POST', '/api/v1/licences/share/query', {}],
      ['GET', `/api/v1/licences/share/${id}`],
      ['GET', '/api/v1/licences/share/log'],
    ];
    for (const [method, url, body] of routes) {
      const payload = body === undefined ? {} : { payload: body as object };
      const anonymous = await t.app.inject({ method: method as 'GET', url, ...payload });
      expect(anonymous.statusCode, `${method} ${url} anonymous`).toBe(401);
      for (const headers of [someone, staffWithout]) {
        const denied = await t.app.inject({ method: method as 'GET', url, headers, ...payload });
        expect(denied.statusCode, `${method} ${url}`).toBe(403);
        expect(denied.json().code).toBe('ACCESS_DENIED');
      }
    }
    // The holder's routes need a signed-in caller.
    for (const url of [
      '/api/v1/licences/wallet',
      '/api/v1/licences/wallet/uses',
      `/api/v1/licences/wallet/${id}`,
      `/api/v1/licences/wallet/${id}/pdf`,
      '/api/v1/licences/cases/00000000-0000-4000-8000-000000000000',
    ])
      expect((await call('GET', url)).statusCode, url).toBe(401);
    expect((await call('POST', '/api/v1/licences/uses', {}, {})).statusCode).toBe(401);
    // An officer of another department may not touch this one's licences.
    const elsewhere = await call('POST', `/api/v1/licences/${id}/status`, officer(police), {
      status: 'cancelled',
      reason: '注销',
    });
    expect(elsewhere.statusCode).toBe(403);
    expect((await call('GET', `/api/v1/licences/${id}`, officer(police))).statusCode).toBe(403);
    // A seal administrator of another department may not change this one's seals.
    const scjgSeal = (await call('GET', '/api/v1/licences/seals', admin([scjg]))).json().items[0];
    const foreign = await call('POST', `/api/v1/licences/seals/${scjgSeal.id}/status`, admin([police]), {
      status: 'suspended',
      reason: '越权尝试',
    });
    expect(foreign.statusCode).toBe(403);
  });
});
