import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, principalHeader, type TestApp } from '../../test/harness.js';
import { seedCatalogue } from './catalogue.seed-data.js';

interface Hit {
  name: string;
  implementationCode: string;
  regionCode: string;
  type: string;
  audiences: string[];
  onlineDepth: number;
}

/** Search and guides over the seed catalogue, as the service hall uses them. */
describe('the seed catalogue: search and guides', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { seedDemoData: true } });
  });
  afterAll(() => t.close());

  const search = async (query: string) => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/items?${query}` });
    expect(response.statusCode).toBe(200);
    return response.json() as { items: Hit[]; total: number; bundles: { code: string; name: string }[] };
  };
  const q = (text: string) => `q=${encodeURIComponent(text)}`;

  it('publishes every seed entry', async () => {
    expect((await search('pageSize=1')).total).toBe(seedCatalogue.entries.length);
  });

  it('餐饮 finds 食品经营许可 first and the 开办餐饮店 bundle', async () => {
    const result = await search(`${q('餐饮')}&region=330106`);
    expect(result.items[0]?.name).toBe('食品经营许可');
    expect(result.bundles.map((bundle) => bundle.name)).toContain('开办餐饮店一件事');
  });

  it('身份证 finds 居民身份证换领 first', async () => {
    const result = await search(`${q('身份证')}&region=330106`);
    expect(result.items[0]?.name).toBe('居民身份证换领');
  });

  it('filters combine: region lineage, audience, type and online depth', async () => {
    const all = await search('region=330106&pageSize=50');
    expect(all.items.every((hit) => ['330106', '330100', '330000'].includes(hit.regionCode))).toBe(true);
    const enterpriseLicences = await search('region=330106&audience=enterprise&type=licensing&pageSize=50');
    expect(enterpriseLicences.total).toBeGreaterThan(0);
    expect(enterpriseLicences.total).toBeLessThan(all.total);
    for (const hit of enterpriseLicences.items) {
      expect(hit.type).toBe('licensing');
      expect(hit.audiences).toContain('enterprise');
    }
    const fullOnline = await search('region=330106&onlineDepth=4&pageSize=50');
    expect(fullOnline.items.every((hit) => hit.onlineDepth === 4)).toBe(true);
  });

  it('a guide of the seed catalogue has every field, materials with source channels, form and process', async () => {
    const [hit] = (await search(`${q('食品经营许可')}&region=330106`)).items;
    const guide = (
      await t.app.inject({ method: 'GET', url: `/api/v1/items/${hit?.implementationCode}` })
    ).json();
    for (const field of [
      'acceptanceConditions',
      'legalTimeLimit',
      'promisedTimeLimit',
      'handlingType',
      'handlingForms',
      'visits',
      'fee',
      'places',
      'consultation',
      'complaint',
      'specialProcedures',
      'audiences',
      'onlineDepth',
      'themes',
      'highFrequency',
      'atMostOneVisit',
      'crossProvince',
      'result',
    ]) {
      expect(guide.guide, field).toHaveProperty(field);
    }
    expect(guide.legalBasis.length).toBeGreaterThan(0);
    expect(guide.materials.length).toBeGreaterThan(0);
    for (const material of guide.materials)
      expect(material.sourceChannel).toMatch(/^(applicant|government_issued|shared_data|window_generated)$/);
    expect(Object.keys(guide.form.properties).length).toBeGreaterThan(0);
    expect(guide.process.steps.length).toBeGreaterThan(0);
    expect(guide.handlingItems.length).toBeGreaterThan(0);
  });

  it('the quality report over the seed catalogue is clean', async () => {
    const report = await t.app.inject({
      method: 'GET',
      url: '/api/v1/catalogue/quality',
      headers: principalHeader({ permissions: ['catalogue.manage'] }),
    });
    expect(report.json()).toMatchObject({ checkedEntries: seedCatalogue.entries.length, violationCount: 0 });
  });
});
