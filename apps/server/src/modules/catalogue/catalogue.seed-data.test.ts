import { regionLevelOf } from '@yiwang/codes';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { seedDepartments } from '../org/org.seed-data.js';
import { BasicItem, Bundle, EntryContent } from './catalogue.model.js';
import { checkQuality } from './catalogue.quality.js';
import { seedCatalogue, seedLicenceTypeCodes } from './catalogue.seed-data.js';
import type { SeedEntry } from './catalogue.seed-types.js';

const { basicItems, entries, bundles } = seedCatalogue;
const itemByCode = new Map(basicItems.map((item) => [item.basicCode, item]));
const departmentByKey = new Map(seedDepartments.map((dept) => [dept.key, dept]));

/** The entry's content as published: handling items get dummy codes (实施编码 + 2 digits). */
function publishedContent(entry: SeedEntry): EntryContent {
  return {
    ...entry.content,
    handlingItems: entry.content.handlingItems.map((handlingItem, index) => ({
      ...handlingItem,
      code: `${'1'.repeat(20)}${String(index + 1).padStart(2, '0')}`,
    })),
  };
}

const label = (entry: SeedEntry) => `${entry.basicCode}@${entry.departmentKey}`;

const schemaErrors = (schema: TSchema, value: unknown) =>
  [...Value.Errors(schema, value)].map((error) => JSON.stringify(error));

describe('seed catalogue: basic items', () => {
  it('validates every basic item against BasicItem', () => {
    for (const item of basicItems) {
      const ok = Value.Check(BasicItem, item);
      expect(ok ? [] : schemaErrors(BasicItem, item), item.basicCode).toEqual([]);
    }
  });

  it('has unique 12-digit basic codes and unique names', () => {
    expect(itemByCode.size).toBe(basicItems.length);
    expect(new Set(basicItems.map((item) => item.name)).size).toBe(basicItems.length);
    for (const item of basicItems) expect(item.basicCode, item.name).toMatch(/^[0-9]{12}$/);
  });

  it('includes the items the catalogue must offer', () => {
    const names = basicItems.map((item) => item.name).join('|');
    for (const required of [
      '食品经营许可',
      '个体工商户设立登记',
      '公司设立登记',
      '医疗机构执业登记',
      '生育登记',
      '户口迁移',
      '居民身份证换领',
      '社会保障卡申领',
      '失业登记',
      '住房公积金提取',
      '不动产转移登记',
      '建设工程规划许可',
      '道路货物运输经营许可',
      '结婚登记',
      '领取养老金人员待遇资格认证',
    ]) {
      expect(names, required).toContain(required);
    }
  });

  it('implements every basic item in at least one region', () => {
    const implemented = new Set(entries.map((entry) => entry.basicCode));
    for (const item of basicItems) expect(implemented.has(item.basicCode), item.name).toBe(true);
  });
});

describe('seed catalogue: implementation entries', () => {
  it('has at least 80 entries', () => {
    expect(entries.length).toBeGreaterThanOrEqual(80);
  });

  it('validates every entry against EntryContent with zero quality violations', () => {
    for (const entry of entries) {
      const content = publishedContent(entry);
      const ok = Value.Check(EntryContent, content);
      expect(ok ? [] : schemaErrors(EntryContent, content), label(entry)).toEqual([]);
      expect(checkQuality(content), label(entry)).toEqual([]);
    }
  });

  it('refers only to known basic items and departments of the right line and level', () => {
    for (const entry of entries) {
      const item = itemByCode.get(entry.basicCode);
      expect(item, label(entry)).toBeDefined();
      const dept = departmentByKey.get(entry.departmentKey);
      expect(dept, label(entry)).toBeDefined();
      if (!item || !dept) continue;
      expect(dept.sector, label(entry)).toBe(item.implementingSector);
      expect(item.levels, label(entry)).toContain(regionLevelOf(dept.regionCode));
      expect(entry.serial, label(entry)).toMatch(/^[0-9]$/);
    }
  });

  it('implements a basic item at most once per department', () => {
    const keys = entries.map((entry) => label(entry));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('spreads over at least 12 departments and 10 lines, for persons and enterprises', () => {
    expect(new Set(entries.map((entry) => entry.departmentKey)).size).toBeGreaterThanOrEqual(12);
    const sectors = new Set(entries.map((entry) => departmentByKey.get(entry.departmentKey)?.sector));
    expect(sectors.size).toBeGreaterThanOrEqual(10);
    const audiences = new Set(entries.flatMap((entry) => entry.content.guide.audiences));
    expect(audiences).toEqual(new Set(['person', 'enterprise']));
  });

  it('has unique material keys in every entry', () => {
    for (const entry of entries) {
      const keys = entry.content.materials.map((material) => material.key);
      expect(new Set(keys).size, label(entry)).toBe(keys.length);
    }
  });

  it('uses only declared licence type codes', () => {
    const known = new Set(Object.keys(seedLicenceTypeCodes));
    for (const entry of entries) {
      const codes = [
        entry.content.guide.result.licenceTypeCode,
        ...entry.content.materials.map((material) => material.licenceTypeCode),
      ].filter((code): code is string => code !== undefined);
      for (const code of codes) expect(known.has(code), `${label(entry)} ${code}`).toBe(true);
    }
  });

  it('keeps one builder per item: the same handling items and materials in every region', () => {
    const byItem = new Map<string, SeedEntry[]>();
    for (const entry of entries) byItem.set(entry.basicCode, [...(byItem.get(entry.basicCode) ?? []), entry]);
    for (const [code, group] of byItem) {
      const first = group[0];
      if (!first) continue;
      const shape = (entry: SeedEntry) =>
        JSON.stringify([entry.content.handlingItems, entry.content.materials.map((m) => m.key)]);
      for (const entry of group) expect(shape(entry), code).toBe(shape(first));
    }
  });
});

describe('seed catalogue: bundles', () => {
  it('has at least 5 valid bundles whose items all exist', () => {
    expect(bundles.length).toBeGreaterThanOrEqual(5);
    expect(new Set(bundles.map((bundle) => bundle.code)).size).toBe(bundles.length);
    for (const bundle of bundles) {
      const ok = Value.Check(Bundle, bundle);
      expect(ok ? [] : schemaErrors(Bundle, bundle), bundle.code).toEqual([]);
      for (const item of bundle.items)
        expect(itemByCode.has(item.basicCode), `${bundle.code} ${item.basicCode}`).toBe(true);
    }
  });

  it('offers the expected life and business events', () => {
    const names = bundles.map((bundle) => bundle.name).join('|');
    for (const event of ['开办餐饮店', '新生儿出生', '企业开办', '退休', '不动产交易登记']) {
      expect(names, event).toContain(event);
    }
  });
});

describe('seed catalogue: search relevance', () => {
  const searchable = (item: { name: string; aliases: string[] }) => [item.name, ...item.aliases].join(' ');

  it('finds 餐饮 in the 开办餐饮店 bundle and in item names or aliases', () => {
    const bundle = bundles.find((candidate) => candidate.code === 'YJS-CYD');
    expect(bundle && searchable(bundle)).toContain('餐饮');
    expect(basicItems.some((item) => searchable(item).includes('餐饮'))).toBe(true);
  });

  it('finds 身份证 in 居民身份证换领', () => {
    const item = basicItems.find((candidate) => candidate.name === '居民身份证换领');
    expect(item && searchable(item)).toContain('身份证');
    expect(item?.aliases).toContain('办身份证');
  });
});
