import { makeCreditCode } from '@yiwang/codes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit.js';
import { createTestApp, principalHeader, type TestApp } from '../../test/harness.js';
import { seedDemoOrganisation } from './org.seed.js';
import { seedDepartments, seedRegions } from './org.seed-data.js';

const admin = principalHeader({ id: 'admin-1', permissions: ['org.department.manage'] });

/** A valid credit code for a government organ in the given county-or-above region. */
function organCode(regionCode: string, body: string): string {
  return makeCreditCode({ registrationAuthority: '1', category: '1', regionCode, orgCodeBody: body });
}

describe('org module', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { seedDemoData: true } });
  });
  afterAll(() => t.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url });
  /** Register a department as the administrator; fields default to a plausible 某某局. */
  const postDepartment = (payload: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/departments',
      headers: admin,
      payload: { key: 'bad-dept', name: '某某局', shortName: '某某', regionCode: '330106', ...payload },
    });

  it('seeds the demo province tree and its departments once, audited', async () => {
    expect(await seedDemoOrganisation(t.database.db)).toEqual({ regions: 0, departments: 0 });
    const top = await get('/api/v1/regions');
    expect(top.statusCode).toBe(200);
    expect(top.json().items).toEqual([
      { code: '330000', name: '浙江省', level: 'province', parentCode: null },
    ]);
    const all = await get('/api/v1/departments?pageSize=100&page=1');
    expect(all.json().total).toBe(seedDepartments.length);
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
    const { rows } = await t.database.executeSql(
      `select entity_type, count(*)::int as n from platform_audit_log
       where entity_type in ('region', 'department') group by entity_type order by entity_type`,
    );
    expect(rows).toEqual([
      { entity_type: 'department', n: seedDepartments.length },
      { entity_type: 'region', n: 1 },
    ]);
  });

  it('lists the regions below a parent, in code order', async () => {
    const cities = (await get('/api/v1/regions?parentCode=330000')).json().items;
    expect(cities.map((c: { name: string }) => c.name)).toEqual(['杭州市', '宁波市', '温州市']);
    expect(cities.every((c: { level: string }) => c.level === 'city')).toBe(true);
    const unknown = await get('/api/v1/regions?parentCode=990000');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({
      code: 'ORG_REGION_NOT_FOUND',
      details: { field: 'query.parentCode' },
    });
  });

  it('shows one region with its path from the province', async () => {
    const response = await get('/api/v1/regions/330106008000');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      code: '330106008000',
      name: '西湖街道',
      level: 'township',
      parentCode: '330106',
      path: [
        { code: '330000', name: '浙江省', level: 'province' },
        { code: '330100', name: '杭州市', level: 'city' },
        { code: '330106', name: '西湖区', level: 'county' },
      ],
      childCount: 0,
    });
    expect((await get('/api/v1/regions/3301')).statusCode).toBe(400);
  });

  it('lists departments of one region or a whole subtree, paged and searchable', async () => {
    const city = (await get('/api/v1/departments?regionCode=330100&pageSize=100')).json();
    expect(city.items.every((d: { regionCode: string }) => d.regionCode === '330100')).toBe(true);
    expect(city.items.length).toBeGreaterThanOrEqual(12);
    const subtree = (
      await get('/api/v1/departments?regionCode=330100&includeSubRegions=true&pageSize=100')
    ).json();
    const hangzhouCodes = new Set(seedRegions.filter((r) => r.code.startsWith('3301')).map((r) => r.code));
    expect(subtree.total).toBe(seedDepartments.filter((d) => hangzhouCodes.has(d.regionCode)).length);
    expect(subtree.total).toBeGreaterThan(city.total);
    const page2 = (
      await get('/api/v1/departments?regionCode=330100&includeSubRegions=true&pageSize=10&page=2')
    ).json();
    expect(page2.items).toHaveLength(10);
    expect(page2.items[0].id).toBe(subtree.items[10].id);
    const search = (await get(`/api/v1/departments?q=${encodeURIComponent('公安')}&pageSize=100`)).json();
    expect(search.total).toBeGreaterThan(0);
    expect(search.items.every((d: { name: string }) => d.name.includes('公安'))).toBe(true);
    const literalPercent = (await get(`/api/v1/departments?q=${encodeURIComponent('%')}`)).json();
    expect(literalPercent.total).toBe(0);
  });

  it('registers a department with a valid credit code, audited with the actor and request id', async () => {
    const creditCode = organCode('330106', '70000001');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/departments',
      headers: { ...admin, 'x-request-id': 'req-create-dept-1' },
      payload: {
        key: 'xh-sjj',
        name: '杭州市西湖区数据资源管理局',
        shortName: '西湖区数据局',
        creditCode,
        regionCode: '330106',
      },
    });
    expect(response.statusCode).toBe(201);
    const department = response.json();
    expect(department).toMatchObject({
      key: 'xh-sjj',
      creditCode,
      regionCode: '330106',
      regionName: '西湖区',
      parentId: null,
    });
    const { rows } = await t.database.executeSql(
      `select actor_kind, actor_id, action, entity_id, request_id, before_digest, after_digest
       from platform_audit_log order by seq desc limit 1`,
    );
    expect(rows[0]).toMatchObject({
      actor_kind: 'staff',
      actor_id: 'admin-1',
      action: 'org.department.create',
      entity_id: department.id,
      request_id: 'req-create-dept-1',
      before_digest: null,
    });
    expect(rows[0]?.after_digest).toMatch(/^[0-9a-f]{64}$/);
    expect((await get(`/api/v1/departments/${department.id}`)).json()).toEqual(department);
  });

  it('refuses invalid credit codes, naming the reason and the field, and writes nothing', async () => {
    const before = await verifyAuditChain(t.database.db);
    const valid = organCode('330106', '70000002');
    const flipped = `${valid.slice(0, 17)}${valid[17] === '0' ? '1' : '0'}`;
    const cases: [string, string][] = [
      [flipped, 'check_char'],
      ['11330106MA00000O0X', 'charset'],
    ];
    for (const [creditCode, reason] of cases) {
      const response = await postDepartment({ creditCode });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        code: 'ORG_CREDIT_CODE_INVALID',
        details: { field: 'body.creditCode', reason },
      });
    }
    const mismatch = await postDepartment({ creditCode: valid, regionCode: '330122' });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().code).toBe('ORG_CREDIT_CODE_REGION_MISMATCH');
    const noRegion = await postDepartment({
      creditCode: organCode('110101', '70000003'),
      regionCode: '110101',
    });
    expect(noRegion.statusCode).toBe(404);
    expect(noRegion.json()).toMatchObject({
      code: 'ORG_REGION_NOT_FOUND',
      details: { field: 'body.regionCode' },
    });
    expect((await get('/api/v1/departments?q=某某局')).json().total).toBe(0);
    expect(await verifyAuditChain(t.database.db)).toEqual(before);
  });

  it('refuses a duplicate key or credit code with 409', async () => {
    const existing = seedDepartments[0];
    if (!existing) throw new Error('no seed departments');
    const dupCode = await postDepartment({
      key: 'new-key',
      creditCode: existing.creditCode,
      regionCode: existing.regionCode,
    });
    expect(dupCode.statusCode).toBe(409);
    expect(dupCode.json()).toMatchObject({
      code: 'ORG_CREDIT_CODE_TAKEN',
      details: { field: 'body.creditCode' },
    });
    const dupKey = await postDepartment({
      key: existing.key,
      creditCode: organCode('330000', '70000004'),
      regionCode: '330000',
    });
    expect(dupKey.statusCode).toBe(409);
    expect(dupKey.json().code).toBe('ORG_DEPARTMENT_KEY_TAKEN');
  });

  it('renames a department and moves it, refusing a parent cycle; each change audited with before and after', async () => {
    const list = (await get('/api/v1/departments?regionCode=330106&pageSize=100')).json().items as {
      id: string;
      parentId: string | null;
      name: string;
    }[];
    const [a, b] = list.filter((d) => d.parentId === null);
    if (!a || !b) throw new Error('need two departments');
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/departments/${a.id}`,
      headers: admin,
      payload: { name: `${a.name}（更名）` },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().name).toBe(`${a.name}（更名）`);
    const { rows } = await t.database.executeSql(
      `select action, before_digest, after_digest from platform_audit_log order by seq desc limit 1`,
    );
    expect(rows[0]?.action).toBe('org.department.update');
    expect(rows[0]?.before_digest).not.toBe(rows[0]?.after_digest);
    const moved = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/departments/${b.id}`,
      headers: admin,
      payload: { parentId: a.id },
    });
    expect(moved.json().parentId).toBe(a.id);
    const cycle = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/departments/${a.id}`,
      headers: admin,
      payload: { parentId: b.id },
    });
    expect(cycle.statusCode).toBe(422);
    expect(cycle.json()).toMatchObject({ code: 'ORG_PARENT_INVALID', details: { field: 'body.parentId' } });
    const empty = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/departments/${a.id}`,
      headers: admin,
      payload: {},
    });
    expect(empty.statusCode).toBe(400);
    const missing = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/departments/00000000-0000-4000-8000-000000000000',
      headers: admin,
      payload: { name: '不存在的部门' },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('ORG_DEPARTMENT_NOT_FOUND');
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
  });
  const patch = (id: string, payload: Record<string, unknown>, headers: Record<string, string> = admin) =>
    t.app.inject({ method: 'PATCH', url: `/api/v1/departments/${id}`, headers, payload });
  const auditCount = async (action: string) => {
    const { rows } = await t.database.executeSql(
      `select count(*)::int as n from platform_audit_log where action = '${action}'`,
    );
    return (rows[0] as { n: number }).n;
  };

  it('corrects a department’s line and credit code, checked as at registration; refusals write nothing', async () => {
    const created = (
      await postDepartment({
        key: 'xh-yjj',
        name: '杭州市西湖区应急管理局',
        shortName: '西湖区应急局',
        creditCode: organCode('330106', '70000011'),
      })
    ).json();
    const corrected = organCode('330106', '70000012');
    const changed = await patch(created.id, {
      sector: 'market_regulation',
      creditCode: corrected.toLowerCase(),
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ sector: 'market_regulation', creditCode: corrected });
    const before = await auditCount('org.department.update');
    const flipped = `${corrected.slice(0, 17)}${corrected[17] === '0' ? '1' : '0'}`;
    const bad = await patch(created.id, { creditCode: flipped });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      code: 'ORG_CREDIT_CODE_INVALID',
      details: { field: 'body.creditCode', reason: 'check_char' },
    });
    const elsewhere = await patch(created.id, { creditCode: organCode('330122', '70000013') });
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.json().code).toBe('ORG_CREDIT_CODE_REGION_MISMATCH');
    const taken = seedDepartments.find((d) => d.regionCode === '330106');
    if (!taken) throw new Error('no seed department in 330106');
    const duplicate = await patch(created.id, { creditCode: taken.creditCode, name: '不应保存的名称' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().code).toBe('ORG_CREDIT_CODE_TAKEN');
    const unknownSector = await patch(created.id, { sector: 'astrology' });
    expect(unknownSector.statusCode).toBe(400);
    expect(await auditCount('org.department.update')).toBe(before);
    expect((await get(`/api/v1/departments/${created.id}`)).json()).toMatchObject({
      name: '杭州市西湖区应急管理局',
      creditCode: corrected,
    });
    // The region is not a field that can change.
    expect((await patch(created.id, { regionCode: '330122' })).statusCode).toBe(400);
  });

  it('keeps scoped administrators to their region subtree and departments', async () => {
    const xihuAdmin = principalHeader({
      id: 'xihu-admin',
      permissions: ['org.department.manage'],
      scope: { regionCode: '330106' },
    });
    const inXihu = (await get('/api/v1/departments?regionCode=330106&pageSize=1')).json().items[0];
    const inTonglu = (await get('/api/v1/departments?regionCode=330122&pageSize=1')).json().items[0];
    expect((await patch(inXihu.id, { shortName: '西湖简称' }, xihuAdmin)).statusCode).toBe(200);
    const outside = await patch(inTonglu.id, { shortName: '越权' }, xihuAdmin);
    expect(outside.statusCode).toBe(403);
    expect(outside.json()).toMatchObject({ code: 'ORG_OUT_OF_SCOPE', details: { field: 'params.id' } });
    const moveOut = await patch(inXihu.id, { parentId: inTonglu.id }, xihuAdmin);
    expect(moveOut.statusCode).toBe(403);
    expect(moveOut.json().details.field).toBe('body.parentId');
    const createOutside = await t.app.inject({
      method: 'POST',
      url: '/api/v1/departments',
      headers: xihuAdmin,
      payload: {
        key: 'tl-new',
        name: '桐庐县新设局',
        shortName: '新设局',
        creditCode: organCode('330122', '70000021'),
        regionCode: '330122',
      },
    });
    expect(createOutside.statusCode).toBe(403);
    expect(createOutside.json()).toMatchObject({
      code: 'ORG_OUT_OF_SCOPE',
      details: { field: 'body.regionCode' },
    });

    // A department-scoped administrator registers units below their own department only.
    const bureauAdmin = principalHeader({
      permissions: ['org.department.manage'],
      scope: { regionCode: '330106', departmentIds: [inXihu.id] },
    });
    const unit = {
      name: '杭州市西湖区某局执法大队',
      shortName: '执法大队',
      creditCode: organCode('330106', '70000022'),
      regionCode: '330106',
    };
    const topLevel = await t.app.inject({
      method: 'POST',
      url: '/api/v1/departments',
      headers: bureauAdmin,
      payload: { key: 'xh-unit-top', ...unit },
    });
    expect(topLevel.statusCode).toBe(403);
    const below = await t.app.inject({
      method: 'POST',
      url: '/api/v1/departments',
      headers: bureauAdmin,
      payload: { key: 'xh-unit', ...unit, parentId: inXihu.id },
    });
    expect(below.statusCode).toBe(201);
    expect(below.json().parentId).toBe(inXihu.id);
  });

  it('adds and renames regions: the code decides level and parent; audited; scoped', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/regions',
      headers: admin,
      payload: { code: '330106015000', name: '文新街道' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({
      code: '330106015000',
      name: '文新街道',
      level: 'township',
      parentCode: '330106',
    });
    expect(
      (await get('/api/v1/regions/330106015000')).json().path.map((r: { name: string }) => r.name),
    ).toEqual(['浙江省', '杭州市', '西湖区']);
    const before = await auditCount('org.region.create');
    const refusals: [Record<string, unknown>, number, string][] = [
      [{ code: '330106015000', name: '重复街道' }, 409, 'ORG_REGION_CODE_TAKEN'],
      [{ code: '330199001000', name: '无上级街道' }, 400, 'ORG_REGION_CODE_INVALID'],
      [{ code: '330106000000', name: '十二位县级' }, 400, 'ORG_REGION_CODE_INVALID'],
      [{ code: '990000', name: '无效省份' }, 400, 'ORG_REGION_CODE_INVALID'],
      [{ code: '3301', name: '太短' }, 400, 'REQUEST_VALIDATION_FAILED'],
    ];
    for (const [payload, status, code] of refusals) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/regions',
        headers: admin,
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      expect(response.json().code).toBe(code);
    }
    const xihuAdmin = principalHeader({
      permissions: ['org.department.manage'],
      scope: { regionCode: '330106' },
    });
    const outside = await t.app.inject({
      method: 'POST',
      url: '/api/v1/regions',
      headers: xihuAdmin,
      payload: { code: '330122120000', name: '桐庐新镇' },
    });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().code).toBe('ORG_OUT_OF_SCOPE');
    expect(await auditCount('org.region.create')).toBe(before);

    const renamed = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/regions/330106015000',
      headers: xihuAdmin,
      payload: { name: '文新街道（更名）' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().name).toBe('文新街道（更名）');
    const renameOutside = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/regions/330122',
      headers: xihuAdmin,
      payload: { name: '越权更名' },
    });
    expect(renameOutside.statusCode).toBe(403);
    const citizen = principalHeader({ kind: 'person', permissions: [] });
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/regions',
          headers: citizen,
          payload: { code: '330106016000', name: '某街道' },
        })
      ).statusCode,
    ).toBe(403);
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
  });
});
