import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit.js';
import { createTestApp, departmentsByKey, principalHeader, type TestApp } from '../../test/harness.js';
import { fixtureBasicItem, fixtureContent } from './catalogue.fixtures.js';
import { parseCsv } from './catalogue.transfer.js';

const admin = principalHeader({ id: 'catalogue-admin', permissions: ['catalogue.manage'] });

interface ListedEntry {
  id: string;
  implementationCode: string;
  basicCode: string;
  name: string;
  region: { code: string; name: string };
  department: { id: string; name: string };
  status: string;
  publishedVersion: number | null;
  draftVersion: number | null;
}

describe('catalogue administration: the entry list, basic items, scoped export', () => {
  let t: TestApp;
  const departments: Record<string, { id: string; creditCode: string; regionCode: string }> = {};

  beforeAll(async () => {
    t = await createTestApp({ config: { seedDemoData: true } });
    Object.assign(departments, await departmentsByKey(t.app));
  });
  afterAll(() => t.close());

  const call = (
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = admin,
  ) =>
    t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const list = async (query: string, headers: Record<string, string> = admin) => {
    const response = await call('GET', `/api/v1/catalogue/entries?${query}`, undefined, headers);
    expect(response.statusCode).toBe(200);
    return response.json() as { items: ListedEntry[]; total: number; page: number; pageSize: number };
  };
  const auditCount = async (action: string) => {
    const { rows } = await t.database.executeSql(
      `select count(*)::int as n from platform_audit_log where action = '${action}'`,
    );
    return (rows[0] as { n: number }).n;
  };

  const draftItem = fixtureBasicItem({ basicCode: 'T00000000091', name: '草稿测试事项（管理列表）' });
  let draftCode = '';

  it('lists every entry in pages, with region and department names, drafts and retired ones included', async () => {
    const all = await list('pageSize=50');
    expect(all.total).toBe(200);
    expect(all.items).toHaveLength(50);
    expect(all.items[0]).toMatchObject({ status: 'published', publishedVersion: 1, draftVersion: null });
    expect(all.items[0]?.region.name).not.toBe('');
    expect(all.items[0]?.department.name).not.toBe('');
    const last = await list('pageSize=50&page=4');
    expect(last.items).toHaveLength(50);
    const codes = new Set([...all.items, ...last.items].map((entry) => entry.implementationCode));
    expect(codes.size).toBe(100);
    // Past the end: no rows, still the total.
    expect(await list('pageSize=50&page=9')).toMatchObject({ items: [], total: 200 });

    // A new entry is a draft: it appears in the list (not in the public search) and in the draft filter.
    expect((await call('POST', '/api/v1/catalogue/basic-items', draftItem)).statusCode).toBe(201);
    const created = await call('POST', '/api/v1/catalogue/entries', {
      keyElements: {
        name: draftItem.name,
        basicCode: draftItem.basicCode,
        type: draftItem.type,
        competentSector: draftItem.competentSector,
        departmentId: departments['xh-scjg']?.id,
        legalBasis: draftItem.legalBasis,
      },
      regionCode: '330106',
      serial: '0',
      content: fixtureContent(),
    });
    expect(created.statusCode).toBe(201);
    draftCode = created.json().implementationCode;
    const drafts = await list('status=draft');
    expect(drafts.items.map((entry) => entry.implementationCode)).toEqual([draftCode]);
    expect(drafts.items[0]).toMatchObject({ status: 'draft', publishedVersion: null, draftVersion: 1 });
    expect((await list('q=草稿测试')).items.map((entry) => entry.implementationCode)).toEqual([draftCode]);
    expect((await list(`q=${draftCode.slice(0, 20)}`)).items.map((e) => e.implementationCode)).toContain(
      draftCode,
    );

    // Retire a published entry: it is listed as retired.
    const victim = all.items[3] as ListedEntry;
    expect((await call('POST', `/api/v1/catalogue/entries/${victim.id}/retire`)).statusCode).toBe(200);
    const retired = await list('status=retired');
    expect(retired.items.map((entry) => entry.id)).toEqual([victim.id]);
    expect((await list('status=published')).total).toBe(199);
  });

  it('filters by region subtree and department, and refuses an unknown region', async () => {
    const xihu = await list('region=330106&pageSize=100');
    expect(xihu.total).toBeGreaterThan(0);
    expect(xihu.items.every((entry) => entry.region.code.startsWith('330106'))).toBe(true);
    const hangzhou = await list('region=330100&pageSize=100');
    expect(hangzhou.total).toBeGreaterThan(xihu.total);
    expect(hangzhou.items.every((entry) => entry.region.code.startsWith('3301'))).toBe(true);
    const scjg = departments['xh-scjg']?.id as string;
    const byDepartment = await list(`department=${scjg}&pageSize=100`);
    expect(byDepartment.total).toBeGreaterThan(0);
    expect(byDepartment.items.every((entry) => entry.department.id === scjg)).toBe(true);
    const unknown = await call('GET', '/api/v1/catalogue/entries?region=339999');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({
      code: 'ORG_REGION_NOT_FOUND',
      details: { field: 'query.region' },
    });
    const bad = await call('GET', '/api/v1/catalogue/entries?status=deleted');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('REQUEST_VALIDATION_FAILED');
  });

  it('shows administrators only the entries of their scope, in SQL (totals count only those)', async () => {
    const county = principalHeader({
      id: 'xihu-admin',
      permissions: ['catalogue.manage'],
      scope: { regionCode: '330106' },
    });
    const mine = await list('pageSize=100', county);
    expect(mine.total).toBe((await list('region=330106')).total);
    expect(mine.items.every((entry) => entry.region.code.startsWith('330106'))).toBe(true);
    // Choosing a region outside the scope narrows to nothing rather than widening it.
    expect((await list('region=330200', county)).total).toBe(0);

    const scjg = departments['xh-scjg']?.id as string;
    const bureau = principalHeader({
      id: 'scjg-admin',
      permissions: ['catalogue.manage'],
      scope: { regionCode: '330106', departmentIds: [scjg] },
    });
    const own = await list('pageSize=100', bureau);
    expect(own.total).toBe((await list(`department=${scjg}`)).total);
    expect(own.items.every((entry) => entry.department.id === scjg)).toBe(true);
    const other = departments['xh-wjj']?.id ?? departments['xh-rsj']?.id;
    if (other) expect((await list(`department=${other}`, bureau)).total).toBe(0);

    expect((await call('GET', '/api/v1/catalogue/entries', undefined, {})).statusCode).toBe(401);
    const clerk = principalHeader({ permissions: ['cases.window'] });
    expect((await call('GET', '/api/v1/catalogue/entries', undefined, clerk)).statusCode).toBe(403);
  });

  it('exports only the entries in the caller’s scope', async () => {
    const county = principalHeader({
      id: 'xihu-admin',
      permissions: ['catalogue.manage'],
      scope: { regionCode: '330106' },
    });
    const response = await call('GET', '/api/v1/catalogue/export/entries?format=csv', undefined, county);
    expect(response.statusCode).toBe(200);
    const [header, ...rows] = parseCsv(response.body.replace(/^\uFEFF/, ''));
    const regionColumn = header?.indexOf('行政区划代码') ?? -1;
    expect(regionColumn).toBeGreaterThanOrEqual(0);
    expect(rows.length).toBe((await list('region=330106')).total);
    expect(rows.every((row) => row[regionColumn]?.startsWith('330106'))).toBe(true);
    const everything = await call('GET', '/api/v1/catalogue/export/entries?format=csv');
    expect(parseCsv(everything.body.replace(/^\uFEFF/, '')).length - 1).toBe(201);
    const hangzhou = await call('GET', '/api/v1/catalogue/export/entries?format=csv&region=330100');
    expect(parseCsv(hangzhou.body.replace(/^\uFEFF/, '')).length - 1).toBe(
      (await list('region=330100')).total,
    );
  });

  it('lists basic items in pages with their entry counts, filtered by text and type', async () => {
    const first = await call('GET', '/api/v1/catalogue/basic-items?pageSize=10');
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.total).toBe(43);
    expect(page.items).toHaveLength(10);
    expect(page.items[0]).toHaveProperty('typeLabel');
    const found = (await call('GET', '/api/v1/catalogue/basic-items?q=草稿测试')).json();
    expect(found.items).toEqual([
      expect.objectContaining({ basicCode: draftItem.basicCode, entryCount: 1, typeLabel: '行政许可' }),
    ]);
    const byCode = (await call('GET', `/api/v1/catalogue/basic-items?q=${draftItem.basicCode}`)).json();
    expect(byCode.total).toBe(1);
    const licensing = (await call('GET', '/api/v1/catalogue/basic-items?type=licensing&pageSize=100')).json();
    expect(licensing.items.every((item: { type: string }) => item.type === 'licensing')).toBe(true);
    const clerk = principalHeader({ permissions: ['cases.window'] });
    expect((await call('GET', '/api/v1/catalogue/basic-items', undefined, clerk)).statusCode).toBe(403);
  });

  it('changes a basic item; key elements stay fixed once entries state them; audited; refusals write nothing', async () => {
    const { basicCode: _code, ...body } = draftItem;
    const before = await auditCount('catalogue.basic-item.update');
    const changed = await call('PUT', `/api/v1/catalogue/basic-items/${draftItem.basicCode}`, {
      ...body,
      aliases: ['草稿别名'],
      levels: ['county', 'city'],
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ aliases: ['草稿别名'], levels: ['county', 'city'] });
    expect(await auditCount('catalogue.basic-item.update')).toBe(before + 1);

    const renamed = await call('PUT', `/api/v1/catalogue/basic-items/${draftItem.basicCode}`, {
      ...body,
      name: '改名的事项',
    });
    expect(renamed.statusCode).toBe(409);
    expect(renamed.json()).toMatchObject({
      code: 'CATALOGUE_BASIC_ITEM_IN_USE',
      details: { field: 'body.name', entryCount: 1 },
    });
    const dropped = await call('PUT', `/api/v1/catalogue/basic-items/${draftItem.basicCode}`, {
      ...body,
      levels: ['city'],
    });
    expect(dropped.statusCode).toBe(409);
    expect(dropped.json()).toMatchObject({
      code: 'CATALOGUE_BASIC_ITEM_LEVEL_IN_USE',
      details: { field: 'body.levels' },
    });
    const self = await call('PUT', `/api/v1/catalogue/basic-items/${draftItem.basicCode}`, {
      ...body,
      parentCode: draftItem.basicCode,
    });
    expect(self.statusCode).toBe(422);
    expect(self.json()).toMatchObject({
      code: 'CATALOGUE_PARENT_INVALID',
      details: { field: 'body.parentCode' },
    });
    expect(await auditCount('catalogue.basic-item.update')).toBe(before + 1);
    const stored = (await call('GET', `/api/v1/catalogue/basic-items/${draftItem.basicCode}`)).json();
    expect(stored).toMatchObject({ name: draftItem.name, aliases: ['草稿别名'] });

    // An item nobody implements yet may still be renamed.
    const fresh = fixtureBasicItem({ basicCode: 'T00000000092', name: '未实施的事项' });
    expect((await call('POST', '/api/v1/catalogue/basic-items', fresh)).statusCode).toBe(201);
    const { basicCode: _fresh, ...freshBody } = fresh;
    const renamedFresh = await call('PUT', `/api/v1/catalogue/basic-items/${fresh.basicCode}`, {
      ...freshBody,
      name: '未实施的事项（改）',
    });
    expect(renamedFresh.statusCode).toBe(200);

    const missing = await call('PUT', '/api/v1/catalogue/basic-items/T00000000099', freshBody);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('CATALOGUE_BASIC_ITEM_NOT_FOUND');
    const county = principalHeader({
      permissions: ['catalogue.manage'],
      scope: { regionCode: '330106' },
    });
    const outOfScope = await call(
      'PUT',
      `/api/v1/catalogue/basic-items/${fresh.basicCode}`,
      freshBody,
      county,
    );
    expect(outOfScope.statusCode).toBe(403);
    expect(outOfScope.json().code).toBe('CATALOGUE_OUT_OF_SCOPE');
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
  });
});
