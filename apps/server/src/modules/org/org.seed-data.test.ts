import { isValidCreditCode, parentRegionCode, type RegionLevel, regionLevelOf } from '@yiwang/codes';
import { describe, expect, it } from 'vitest';
import { demoOrganCreditCode, seedDepartments, seedRegions } from './org.seed-data.js';

const LEVEL_ABOVE: Record<RegionLevel, RegionLevel | null> = {
  province: null,
  city: 'province',
  county: 'city',
  township: 'county',
  village: 'township',
};

const regionByCode = new Map(seedRegions.map((region) => [region.code, region]));
const departmentByKey = new Map(seedDepartments.map((dept) => [dept.key, dept]));

describe('seedRegions', () => {
  it('has unique codes', () => {
    expect(regionByCode.size).toBe(seedRegions.length);
  });

  it('gives every region the level its code has', () => {
    for (const region of seedRegions) {
      expect(regionLevelOf(region.code), region.code).toBe(region.level);
    }
  });

  it('links every region to an existing parent one level up, the one its code names', () => {
    for (const region of seedRegions) {
      expect(region.parentCode, region.code).toBe(parentRegionCode(region.code));
      if (region.parentCode === null) {
        expect(region.level).toBe('province');
        continue;
      }
      const parent = regionByCode.get(region.parentCode);
      expect(parent, `parent of ${region.code}`).toBeDefined();
      expect(parent?.level).toBe(LEVEL_ABOVE[region.level]);
    }
  });

  it('is one province with at least 3 cities, 6 counties and 6 townships', () => {
    const count = (level: RegionLevel) => seedRegions.filter((region) => region.level === level).length;
    expect(count('province')).toBe(1);
    expect(count('city')).toBeGreaterThanOrEqual(3);
    expect(count('county')).toBeGreaterThanOrEqual(6);
    expect(count('township')).toBeGreaterThanOrEqual(6);
    for (const city of seedRegions.filter((region) => region.level === 'city')) {
      expect(
        seedRegions.filter((region) => region.parentCode === city.code).length,
        city.name,
      ).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('seedDepartments', () => {
  it('has unique keys and unique credit codes', () => {
    expect(departmentByKey.size).toBe(seedDepartments.length);
    expect(new Set(seedDepartments.map((dept) => dept.creditCode)).size).toBe(seedDepartments.length);
  });

  it('gives every department a valid credit code of a government organ in its region', () => {
    for (const dept of seedDepartments) {
      expect(isValidCreditCode(dept.creditCode), `${dept.key} ${dept.creditCode}`).toBe(true);
      // 11 机关; 12 事业单位 (the housing provident fund centres).
      expect(dept.creditCode.slice(0, 2), dept.key).toBe(dept.sector === 'housing_fund' ? '12' : '11');
      expect(dept.creditCode.slice(2, 8), dept.key).toBe(dept.regionCode.slice(0, 6));
      expect(dept.creditCode).toBe(
        demoOrganCreditCode(dept.key, dept.regionCode, dept.sector === 'housing_fund' ? '2' : '1'),
      );
    }
  });

  it('places every department in a seeded region', () => {
    for (const dept of seedDepartments) {
      expect(regionByCode.has(dept.regionCode), `${dept.key} in ${dept.regionCode}`).toBe(true);
    }
  });

  it('has at least 12 departments for the province and each seeded city and county', () => {
    const governments = seedRegions.filter((region) => ['province', 'city', 'county'].includes(region.level));
    expect(governments.length).toBeGreaterThanOrEqual(10);
    for (const region of governments) {
      const count = seedDepartments.filter((dept) => dept.regionCode === region.code).length;
      expect(count, region.name).toBeGreaterThanOrEqual(12);
    }
  });

  it('hangs every 分局 under an existing department of the same or a higher region', () => {
    const withParent = seedDepartments.filter((dept) => dept.parentKey !== undefined);
    expect(withParent.length).toBeGreaterThan(0);
    for (const dept of withParent) {
      const parent = departmentByKey.get(dept.parentKey ?? '');
      expect(parent, `parent of ${dept.key}`).toBeDefined();
      if (parent === undefined) continue;
      let ancestor: string | null = dept.regionCode;
      while (ancestor !== null && ancestor !== parent.regionCode) ancestor = parentRegionCode(ancestor);
      expect(ancestor, `${dept.key} under ${parent.key}`).toBe(parent.regionCode);
    }
  });

  it('names departments the way each level does', () => {
    const name = (key: string) => departmentByKey.get(key)?.name;
    expect(name('zj-gat')).toBe('浙江省公安厅');
    expect(name('hz-scjg')).toBe('杭州市市场监督管理局');
    expect(name('hz-wsjk')).toBe('杭州市卫生健康委员会');
    expect(name('xh-wsjk')).toBe('杭州市西湖区卫生健康局');
    expect(departmentByKey.get('xh-mzj')?.shortName).toBe('西湖区民政局');
    expect(name('xh-gafj')).toBe('杭州市公安局西湖区分局');
    expect(name('tl-gaj')).toBe('桐庐县公安局');
    expect(name('nb-sw')).toBe('国家税务总局宁波市税务局');
    expect(name('yj-sthjfj')).toBe('温州市生态环境局永嘉分局');
  });
});
