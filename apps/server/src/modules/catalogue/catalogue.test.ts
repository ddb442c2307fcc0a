import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit.js';
import { createTestApp, departmentsByKey, principalHeader, type TestApp } from '../../test/harness.js';
import { fixtureBasicItem, fixtureContent } from './catalogue.fixtures.js';
import type { EntryContentInput } from './catalogue.schemas.js';

const admin = principalHeader({ id: 'catalogue-admin', permissions: ['catalogue.manage'] });
const basic = fixtureBasicItem();

describe('catalogue: basic items, implementation entries, versions, quality, search and guides', () => {
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

  const keyElements = (departmentKey: string, overrides: Record<string, unknown> = {}) => ({
    name: basic.name,
    basicCode: basic.basicCode,
    type: basic.type,
    competentSector: basic.competentSector,
    departmentId: departments[departmentKey]?.id,
    legalBasis: basic.legalBasis,
    ...overrides,
  });

  let entryId = '';
  let implementationCode = '';

  it('defines a basic item; refuses a duplicate code and callers without the right', async () => {
    expect((await call('POST', '/api/v1/catalogue/basic-items', basic)).statusCode).toBe(201);
    const duplicate = await call('POST', '/api/v1/catalogue/basic-items', basic);
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().code).toBe('CATALOGUE_BASIC_CODE_TAKEN');
    expect((await call('POST', '/api/v1/catalogue/basic-items', basic, {})).statusCode).toBe(401);
    const citizen = principalHeader({ kind: 'person', permissions: [] });
    expect((await call('POST', '/api/v1/catalogue/basic-items', basic, citizen)).statusCode).toBe(403);
    expect(
      (await call('GET', `/api/v1/catalogue/basic-items/${basic.basicCode}`, undefined, {})).json(),
    ).toEqual(basic);
  });

  it('registers an implementation entry: 实施编码 = credit code + digit + basic code; handling-item codes assigned', async () => {
    const response = await call('POST', '/api/v1/catalogue/entries', {
      keyElements: keyElements('xh-scjg'),
      regionCode: '330106',
      serial: '0',
      content: fixtureContent(),
    });
    expect(response.statusCode).toBe(201);
    const entry = response.json();
    implementationCode = `${departments['xh-scjg']?.creditCode}0${basic.basicCode}`;
    expect(entry.implementationCode).toBe(implementationCode);
    expect(implementationCode.length).toBeLessThanOrEqual(36);
    expect(entry.versions).toEqual([
      expect.objectContaining({ version: 1, status: 'draft', validFrom: null }),
    ]);
    expect(entry.draft.handlingItems.map((h: { code: string }) => h.code)).toEqual([
      `${implementationCode}01`,
      `${implementationCode}02`,
    ]);
    expect(entry.published).toBeNull();
    entryId = entry.id;
  });

  it('refuses an entry whose six key elements deviate from the basic item, naming the element', async () => {
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ name: '小餐馆许可' }, 'name'],
      [{ type: 'filing' }, 'type'],
      [{ competentSector: 'health' }, 'competentSector'],
      [{ legalBasis: [{ ...basic.legalBasis[0], article: '第三十六条' }] }, 'legalBasis'],
      [{ departmentId: departments['xh-gafj']?.id }, 'departmentId'],
    ];
    for (const [overrides, element] of cases) {
      const response = await call('POST', '/api/v1/catalogue/entries', {
        keyElements: keyElements('xh-scjg', overrides),
        regionCode: '330106',
        serial: '1',
        content: fixtureContent(),
      });
      expect(response.statusCode, element).toBe(422);
      expect(response.json()).toMatchObject({
        code: 'CATALOGUE_KEY_ELEMENT_MISMATCH',
        details: { field: `body.keyElements.${element}`, element },
      });
    }
    const wrongRegion = await call('POST', '/api/v1/catalogue/entries', {
      keyElements: keyElements('xh-scjg'),
      regionCode: '330122',
      serial: '1',
      content: fixtureContent(),
    });
    expect(wrongRegion.json().code).toBe('CATALOGUE_DEPARTMENT_REGION_MISMATCH');
    const wrongLevel = await call('POST', '/api/v1/catalogue/entries', {
      keyElements: keyElements('hz-scjg'),
      regionCode: '330100',
      serial: '1',
      content: fixtureContent(),
    });
    expect(wrongLevel.json().code).toBe('CATALOGUE_LEVEL_NOT_ALLOWED');
    const unknownBasic = await call('POST', '/api/v1/catalogue/entries', {
      keyElements: keyElements('xh-scjg', { basicCode: 'T99999999999' }),
      regionCode: '330106',
      serial: '1',
      content: fixtureContent(),
    });
    expect(unknownBasic.json()).toMatchObject({
      code: 'CATALOGUE_BASIC_ITEM_NOT_FOUND',
      details: { field: 'body.keyElements.basicCode' },
    });
    const duplicate = await call('POST', '/api/v1/catalogue/entries', {
      keyElements: keyElements('xh-scjg'),
      regionCode: '330106',
      serial: '0',
      content: fixtureContent(),
    });
    expect(duplicate.statusCode).toBe(409);
  });

  it('publishing a draft that breaks rules fails listing every broken rule, and changes nothing', async () => {
    const broken: EntryContentInput = fixtureContent({
      visits: 1,
      promisedTimeLimit: { kind: 'working_days', days: 30 },
      complaint: { phone: '0571-87000001' },
    });
    broken.materials.push({
      ...broken.materials[0],
      key: 'application-form',
    } as EntryContentInput['materials'][number]);
    expect(
      (await call('PUT', `/api/v1/catalogue/entries/${entryId}/draft`, { content: broken })).statusCode,
    ).toBe(200);
    const before = await verifyAuditChain(t.database.db);
    const response = await call('POST', `/api/v1/catalogue/entries/${entryId}/publish`, {});
    expect(response.statusCode).toBe(422);
    const body = response.json();
    expect(body.code).toBe('CATALOGUE_QUALITY_FAILED');
    expect(body.details.violations.map((v: { rule: string }) => v.rule).sort()).toEqual(
      [
        'contacts_present_and_distinct',
        'full_online_no_visit',
        'material_keys_unique',
        'promised_within_legal',
        'visit_needs_reason',
      ].sort(),
    );
    const entry = (await call('GET', `/api/v1/catalogue/entries/${entryId}`)).json();
    expect(entry.versions).toEqual([expect.objectContaining({ version: 1, status: 'draft' })]);
    expect(await verifyAuditChain(t.database.db)).toEqual(before);
    expect((await call('GET', `/api/v1/items/${implementationCode}`, undefined, {})).statusCode).toBe(404);
    const report = (await call('GET', '/api/v1/catalogue/quality')).json();
    expect(report.entries.find((e: { entryId: string }) => e.entryId === entryId)?.violations).toHaveLength(
      5,
    );
    // The failing entries come a page at a time; the counts cover them all.
    expect(report).toMatchObject({ page: 1, pageSize: 20 });
    expect(report.total).toBeGreaterThanOrEqual(report.entries.length);
    const beyond = (
      await call('GET', `/api/v1/catalogue/quality?page=${report.total + 1}&pageSize=1`)
    ).json();
    expect(beyond).toMatchObject({ total: report.total, violationCount: report.violationCount, entries: [] });
    const bad = await call('GET', '/api/v1/catalogue/quality?pageSize=1000');
    expect(bad.statusCode).toBe(400);
  });

  it('publishes the corrected draft; the guide shows every field, materials, form and process', async () => {
    await call('PUT', `/api/v1/catalogue/entries/${entryId}/draft`, { content: fixtureContent() });
    const published = await call('POST', `/api/v1/catalogue/entries/${entryId}/publish`, {
      validFrom: '2026-11-01',
    });
    expect(published.statusCode).toBe(200);
    expect(published.json().versions).toEqual([
      expect.objectContaining({ version: 1, status: 'published', validFrom: '2026-11-01' }),
    ]);
    const guide = (await call('GET', `/api/v1/items/${implementationCode}`, undefined, {})).json();
    expect(guide).toMatchObject({
      implementationCode,
      basicCode: basic.basicCode,
      version: 1,
      name: basic.name,
      type: 'licensing',
      typeLabel: '行政许可',
      legalBasis: basic.legalBasis,
      region: { code: '330106', name: '西湖区' },
      department: { id: departments['xh-scjg']?.id },
    });
    const expected = fixtureContent();
    expect(guide.guide).toEqual(expected.guide);
    expect(guide.materials).toEqual(expected.materials);
    expect(guide.materials.map((m: { sourceChannel: string }) => m.sourceChannel)).toEqual([
      'applicant',
      'government_issued',
      'applicant',
    ]);
    expect(guide.form).toEqual(expected.form);
    expect(guide.process).toEqual(expected.process);
    // By basic code for a region, and for a township below it (the nearest implementing region).
    for (const region of ['330106', '330106008000']) {
      const byBasic = await call('GET', `/api/v1/items/${basic.basicCode}?region=${region}`, undefined, {});
      expect(byBasic.json().implementationCode).toBe(implementationCode);
    }
    const noRegion = await call('GET', `/api/v1/items/${basic.basicCode}`, undefined, {});
    expect(noRegion.json()).toMatchObject({
      code: 'CATALOGUE_REGION_REQUIRED',
      details: { field: 'query.region' },
    });
    const elsewhere = await call('GET', `/api/v1/items/${basic.basicCode}?region=330122`, undefined, {});
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json().code).toBe('CATALOGUE_ITEM_NOT_FOUND');
  });

  it('finds the published item by words, aliases and prefixes, with filters that combine', async () => {
    const search = async (query: string) =>
      (await call('GET', `/api/v1/items?${query}`, undefined, {})).json();
    const codes = (result: { items: { implementationCode: string }[] }) =>
      result.items.map((item) => item.implementationCode);
    expect(codes(await search(`q=${encodeURIComponent('小餐饮')}`))).toContain(implementationCode);
    expect(codes(await search(`q=${encodeURIComponent('小饭馆')}`))).toContain(implementationCode);
    const hit = (await search(`q=${encodeURIComponent('餐饮经营')}&region=330106`)).items.find(
      (item: { implementationCode: string }) => item.implementationCode === implementationCode,
    );
    expect(hit).toMatchObject({
      typeLabel: '行政许可',
      onlineDepth: 4,
      visits: 0,
      promisedTimeLimit: { kind: 'working_days', days: 5 },
      charged: false,
      department: { id: departments['xh-scjg']?.id },
    });
    const filtered = `q=${encodeURIComponent('小餐饮')}&type=licensing&audience=enterprise&onlineDepth=4&highFrequency=true&theme=operation&region=330106008000`;
    expect(codes(await search(filtered))).toContain(implementationCode);
    for (const miss of [
      'type=filing',
      'onlineDepth=3',
      'highFrequency=false',
      'theme=birth',
      'region=330122',
    ]) {
      expect(codes(await search(`q=${encodeURIComponent('小餐饮')}&${miss}`)), miss).not.toContain(
        implementationCode,
      );
    }
    const bad = await call('GET', '/api/v1/items?onlineDepth=5', undefined, {});
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.field).toBe('query.onlineDepth');
    const unknownRegion = await call('GET', '/api/v1/items?region=990000', undefined, {});
    expect(unknownRegion.json().code).toBe('ORG_REGION_NOT_FOUND');
  });

  it('suggests names for a prefix and for a mistyped word', async () => {
    const suggest = async (q: string) =>
      (await call('GET', `/api/v1/items/suggest?q=${encodeURIComponent(q)}`, undefined, {})).json()
        .suggestions;
    expect(await suggest('小餐')).toContainEqual({ text: basic.name, implementationCode });
    expect(await suggest('小餐饮经营许')).toContainEqual({ text: basic.name, implementationCode });
    // 营 mistyped as 菅
    expect(await suggest('小餐饮经菅许可')).toContainEqual({ text: basic.name, implementationCode });
  });

  it('editing a published entry creates a new draft; publishing it retires the old version, which cases keep', async () => {
    const firstVersionId = (await call('GET', `/api/v1/items/${implementationCode}`, undefined, {})).json()
      .versionId;
    const edited = fixtureContent({ promisedTimeLimit: { kind: 'working_days', days: 3 } });
    const draft = (
      await call('PUT', `/api/v1/catalogue/entries/${entryId}/draft`, { content: edited })
    ).json();
    expect(draft.versions.map((v: { status: string }) => v.status)).toEqual(['published', 'draft']);
    // The public guide still shows the published version.
    const stillV1 = (await call('GET', `/api/v1/items/${implementationCode}`, undefined, {})).json();
    expect(stillV1.guide.promisedTimeLimit).toEqual({ kind: 'working_days', days: 5 });
    const republished = (
      await call('POST', `/api/v1/catalogue/entries/${entryId}/publish`, { validFrom: '2026-12-01' })
    ).json();
    expect(republished.versions).toEqual([
      expect.objectContaining({
        version: 1,
        status: 'retired',
        validFrom: '2026-11-01',
        validTo: '2026-12-01',
      }),
      expect.objectContaining({ version: 2, status: 'published', validFrom: '2026-12-01' }),
    ]);
    const v2 = (await call('GET', `/api/v1/items/${implementationCode}`, undefined, {})).json();
    expect(v2.version).toBe(2);
    expect(v2.guide.promisedTimeLimit).toEqual({ kind: 'working_days', days: 3 });
    const staff = principalHeader({ id: 'reviewer-1', permissions: [] });
    const old = (await call('GET', `/api/v1/catalogue/versions/${firstVersionId}`, undefined, staff)).json();
    expect(old).toMatchObject({ version: 1, status: 'retired', implementationCode });
    expect(old.content.guide.promisedTimeLimit).toEqual({ kind: 'working_days', days: 5 });
    expect(
      (await call('GET', `/api/v1/catalogue/versions/${firstVersionId}`, undefined, {})).statusCode,
    ).toBe(401);
    const publishAgain = await call('POST', `/api/v1/catalogue/entries/${entryId}/publish`, {});
    expect(publishAgain.json().code).toBe('CATALOGUE_NO_DRAFT');
  });

  it('defines 一件事 bundles over known items, found by search', async () => {
    const bundle = {
      code: 'YJS-TEST',
      name: '开办小餐馆一件事（测试）',
      audience: 'enterprise',
      description: '营业执照、食品经营许可一次申请',
      themes: ['establishment'],
      aliases: ['开饭店'],
      items: [{ basicCode: basic.basicCode }, { basicCode: 'T99999999999' }],
    };
    const unknown = await call('POST', '/api/v1/catalogue/bundles', bundle);
    expect(unknown.json()).toMatchObject({
      code: 'CATALOGUE_BUNDLE_ITEM_UNKNOWN',
      details: { field: 'body.items[1].basicCode' },
    });
    await call(
      'POST',
      '/api/v1/catalogue/basic-items',
      fixtureBasicItem({ basicCode: 'T00000000002', name: '营业执照（测试）' }),
    );
    const ok = await call('POST', '/api/v1/catalogue/bundles', {
      ...bundle,
      items: [{ basicCode: basic.basicCode }, { basicCode: 'T00000000002', condition: '尚未办理营业执照的' }],
    });
    expect(ok.statusCode).toBe(201);
    const found = (
      await call('GET', `/api/v1/items?q=${encodeURIComponent('开饭店')}`, undefined, {})
    ).json();
    expect(found.bundles).toContainEqual(expect.objectContaining({ code: 'YJS-TEST', itemCount: 2 }));
    const detail = (await call('GET', '/api/v1/bundles/YJS-TEST', undefined, {})).json();
    expect(detail.items).toEqual([
      { basicCode: basic.basicCode, name: basic.name, condition: null },
      { basicCode: 'T00000000002', name: '营业执照（测试）', condition: '尚未办理营业执照的' },
    ]);
  });

  it('administrators act within their region subtree and department only', async () => {
    const tonglu = principalHeader({ permissions: ['catalogue.manage'], scope: { regionCode: '330122' } });
    const xihu = principalHeader({ permissions: ['catalogue.manage'], scope: { regionCode: '330106' } });
    const hangzhou = principalHeader({ permissions: ['catalogue.manage'], scope: { regionCode: '330100' } });
    const otherDepartment = principalHeader({
      permissions: ['catalogue.manage'],
      scope: { regionCode: '330106', departmentIds: [departments['xh-mzj']?.id ?? ''] },
    });
    const draft = { content: fixtureContent() };
    for (const headers of [tonglu, otherDepartment]) {
      const denied = await call('PUT', `/api/v1/catalogue/entries/${entryId}/draft`, draft, headers);
      expect(denied.statusCode).toBe(403);
      expect(denied.json().code).toBe('CATALOGUE_OUT_OF_SCOPE');
      expect((await call('GET', `/api/v1/catalogue/entries/${entryId}`, undefined, headers)).statusCode).toBe(
        403,
      );
    }
    const create = await call(
      'POST',
      '/api/v1/catalogue/entries',
      { keyElements: keyElements('xh-scjg'), regionCode: '330106', serial: '5', content: fixtureContent() },
      tonglu,
    );
    expect(create.json().code).toBe('CATALOGUE_OUT_OF_SCOPE');
    const basicByCounty = await call(
      'POST',
      '/api/v1/catalogue/basic-items',
      fixtureBasicItem({ basicCode: 'T00000000009' }),
      xihu,
    );
    expect(basicByCounty.json().code).toBe('CATALOGUE_OUT_OF_SCOPE');
    for (const headers of [xihu, hangzhou]) {
      expect((await call('GET', `/api/v1/catalogue/entries/${entryId}`, undefined, headers)).statusCode).toBe(
        200,
      );
    }
    // The quality report covers only the caller's region subtree.
    await call(
      'PUT',
      `/api/v1/catalogue/entries/${entryId}/draft`,
      { content: fixtureContent({ visits: 2 }) },
      xihu,
    );
    const ours = (await call('GET', '/api/v1/catalogue/quality', undefined, xihu)).json();
    expect(ours.entries.map((e: { entryId: string }) => e.entryId)).toContain(entryId);
    const theirs = (await call('GET', '/api/v1/catalogue/quality', undefined, tonglu)).json();
    expect(theirs.entries.map((e: { entryId: string }) => e.entryId)).not.toContain(entryId);
    await call('PUT', `/api/v1/catalogue/entries/${entryId}/draft`, { content: fixtureContent() }, xihu);
    await call('POST', `/api/v1/catalogue/entries/${entryId}/publish`, {}, xihu);
  });

  it('retiring takes the item out of search and guides, cached ones included', async () => {
    const searchCodes = async (text: string) =>
      (await call('GET', `/api/v1/items?q=${encodeURIComponent(text)}`, undefined, {}))
        .json()
        .items.map((i: { implementationCode: string }) => i.implementationCode);
    // Read first, so the guide and the search result are in the caches when the entry retires.
    expect((await call('GET', `/api/v1/items/${implementationCode}`, undefined, {})).statusCode).toBe(200);
    expect(await searchCodes('小餐饮')).toContain(implementationCode);
    expect(await searchCodes('  小餐饮 ')).toContain(implementationCode);
    const retired = await call('POST', `/api/v1/catalogue/entries/${entryId}/retire`);
    expect(retired.statusCode).toBe(200);
    expect((await call('GET', `/api/v1/items/${implementationCode}`, undefined, {})).statusCode).toBe(404);
    expect(await searchCodes('小餐饮')).not.toContain(implementationCode);
    expect((await call('POST', `/api/v1/catalogue/entries/${entryId}/retire`)).json().code).toBe(
      'CATALOGUE_NOT_PUBLISHED',
    );
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
  });
});
