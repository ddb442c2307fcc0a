import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalRegionCode,
  isValidRegionCode,
  PROVINCE_PREFIXES,
  parentRegionCode,
  type RegionLevel,
  regionCodePrefix,
  regionLevelOf,
} from './region-code.js';

const LEVEL_RANK: Record<RegionLevel, number> = { province: 0, city: 1, county: 2, township: 3, village: 4 };

const twoDigits = fc.integer({ min: 1, max: 99 }).map((n) => String(n).padStart(2, '0'));
const threeDigits = fc.integer({ min: 1, max: 999 }).map((n) => String(n).padStart(3, '0'));
const province = fc.constantFrom(...PROVINCE_PREFIXES);

/** Any well-formed code of any level, in its canonical form. */
const regionCode = fc.oneof(
  province.map((p) => `${p}0000`),
  fc.tuple(province, twoDigits).map(([p, c]) => `${p}${c}00`),
  fc.tuple(province, twoDigits, twoDigits).map(([p, c, d]) => `${p}${c}${d}`),
  fc.tuple(province, twoDigits, twoDigits, threeDigits).map(([p, c, d, t]) => `${p}${c}${d}${t}000`),
  fc
    .tuple(province, twoDigits, twoDigits, threeDigits, threeDigits)
    .map(([p, c, d, t, v]) => `${p}${c}${d}${t}${v}`),
);

describe('regionLevelOf', () => {
  it.each([
    ['330000', 'province'],
    ['330100', 'city'],
    ['330106', 'county'],
    ['330106002000', 'township'],
    ['330106002001', 'village'],
    ['330000000000', 'province'],
    ['330100000000', 'city'],
    ['330106000000', 'county'],
    // Municipality: 110100 市辖区 groups Beijing's districts and sits at city level.
    ['110000', 'province'],
    ['110100', 'city'],
    ['110101', 'county'],
    ['110101001000', 'township'],
    // Chongqing's 县 grouping and a province-administered county-level city (济源市).
    ['500200', 'city'],
    ['419001', 'county'],
    // A prefecture-level city without counties has townships right below it (东莞市东城街道).
    ['441900003000', 'township'],
  ] as const)('%s is %s', (code, level) => {
    expect(regionLevelOf(code)).toBe(level);
  });

  it('refuses malformed codes', () => {
    expect(() => regionLevelOf('3301')).toThrow(RangeError);
    expect(() => regionLevelOf('990000')).toThrow(RangeError);
  });
});

describe('parentRegionCode', () => {
  it.each([
    ['330106002001', '330106002000'],
    ['330106002000', '330106'],
    ['330106', '330100'],
    ['330106000000', '330100'],
    ['330100', '330000'],
    ['110101', '110100'],
    ['110100', '110000'],
    ['419001', '419000'],
    ['441900003000', '441900'],
  ] as const)('parent of %s is %s', (code, parent) => {
    expect(parentRegionCode(code)).toBe(parent);
  });

  it('a province has no parent', () => {
    expect(parentRegionCode('330000')).toBeNull();
    expect(parentRegionCode('330000000000')).toBeNull();
  });

  it('every chain climbs one level at a time and ends at a province', () => {
    fc.assert(
      fc.property(regionCode, (code) => {
        let current = code;
        let steps = 0;
        for (let parent = parentRegionCode(current); parent !== null; parent = parentRegionCode(current)) {
          expect(isValidRegionCode(parent)).toBe(true);
          expect(LEVEL_RANK[regionLevelOf(parent)]).toBeLessThan(LEVEL_RANK[regionLevelOf(current)]);
          expect(code.startsWith(regionCodePrefix(parent))).toBe(true);
          current = parent;
          steps += 1;
        }
        expect(regionLevelOf(current)).toBe('province');
        expect(steps).toBeLessThanOrEqual(4);
      }),
    );
  });
});

describe('isValidRegionCode', () => {
  it.each(['330000', '330100', '330106', '330106002000', '330106002001', '810000', '820000', '710000'])(
    'accepts %s',
    (code) => {
      expect(isValidRegionCode(code)).toBe(true);
    },
  );

  it.each([
    ['', 'empty'],
    ['33010', 'five digits'],
    ['3301060', 'seven digits'],
    ['33010600200', 'eleven digits'],
    ['33010A', 'a letter'],
    ['000000', 'no province'],
    ['990000', 'unknown province'],
    ['330001', 'county without city'],
    ['330000001000', 'township under a province'],
    ['330106000001', 'village without township'],
    ['33 0106', 'a space'],
  ])('refuses %j (%s)', (code) => {
    expect(isValidRegionCode(code)).toBe(false);
  });

  it('generated codes are valid in both forms', () => {
    fc.assert(
      fc.property(regionCode, (code) => {
        expect(isValidRegionCode(code)).toBe(true);
        if (code.length === 6) expect(canonicalRegionCode(`${code}000000`)).toBe(code);
      }),
    );
  });
});

describe('regionCodePrefix', () => {
  it.each([
    ['330000', '33'],
    ['330100', '3301'],
    ['330106', '330106'],
    ['330106000000', '330106'],
    ['330106002000', '330106002'],
    ['330106002001', '330106002001'],
  ] as const)('prefix of %s is %s', (code, prefix) => {
    expect(regionCodePrefix(code)).toBe(prefix);
  });
});
