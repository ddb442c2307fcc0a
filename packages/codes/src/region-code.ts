/**
 * Region codes: GB/T 2260 (中华人民共和国行政区划代码, 6 digits, county level and above) and the
 * National Bureau of Statistics' 12-digit 统计用区划代码, which extends a county code with 3 digits
 * for the township (乡、镇、街道) and 3 for the village (村、社区) — GB/T 10114 gives the township part.
 *
 * Layout of a code (12-digit form; the 6-digit form is its first six digits):
 *   PP CC DD TTT VVV
 *   PP province, CC prefecture (地级), DD county (县级), TTT township, VVV village.
 * A level is "present" when its digits are not all zero, so 330000 is a province, 330100 a city,
 * 330106 a county, 330106002000 a township and 330106002001 a village.
 *
 * Municipalities and provinces group some units under a pseudo prefecture level, and these codes
 * are city-level by the same rule: 110100 市辖区 (Beijing's districts), 500200 县 (Chongqing's
 * counties), 419000 / 429000 省直辖县级行政区划. Their children (110101 东城区, 419001 济源市) are
 * counties whose parent is that grouping code, never the province directly. Prefecture-level cities
 * without counties (441900 东莞市, 442000 中山市, 460400 儋州市) have townships directly below the
 * city code (441900003000), so a township's parent may be a city-level code.
 *
 * The checks here are format-level: whether a code is in force is a question for the seeded region
 * table, not for these functions.
 */

/** 区划层级 */
export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'village';

/**
 * First two digits of every province-level unit in GB/T 2260, including 71 台湾省, 81 香港特别行政区
 * and 82 澳门特别行政区.
 */
// biome-ignore format: one row per GB/T 2260 region group
export const PROVINCE_PREFIXES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

const SIX_DIGITS = /^\d{6}$/;
const TWELVE_DIGITS = /^\d{12}$/;

/**
 * Whether `code` is a well-formed GB/T 2260 code (6 digits) or 统计用区划代码 (12 digits):
 * a known province prefix, no county part without a city part, no village part without a
 * township part, and no township part directly under a province.
 */
export function isValidRegionCode(code: string): boolean {
  if (SIX_DIGITS.test(code)) return isValidSixDigit(code);
  if (!TWELVE_DIGITS.test(code)) return false;
  const head = code.slice(0, 6);
  const township = code.slice(6, 9);
  const village = code.slice(9, 12);
  if (!isValidSixDigit(head)) return false;
  if (township === '000') return village === '000';
  // A township sits below a county, or below a city that has no counties (东莞市 441900).
  return head.slice(2, 4) !== '00';
}

function isValidSixDigit(code: string): boolean {
  if (!PROVINCE_PREFIXES.has(code.slice(0, 2))) return false;
  const city = code.slice(2, 4);
  const county = code.slice(4, 6);
  return !(city === '00' && county !== '00');
}

/**
 * The level of a region code. Throws a RangeError for a malformed code (see `isValidRegionCode`).
 * 110100 (北京市市辖区) is city level: the municipality's grouping of its districts.
 */
export function regionLevelOf(code: string): RegionLevel {
  assertValid(code);
  if (code.length === 12) {
    if (code.slice(9, 12) !== '000') return 'village';
    if (code.slice(6, 9) !== '000') return 'township';
  }
  if (code.slice(2, 4) === '00') return 'province';
  if (code.slice(4, 6) === '00') return 'city';
  return 'county';
}

/**
 * The 6-digit form of a county-or-above code given in 12 digits (330106000000 → 330106);
 * township and village codes, and 6-digit codes, are returned unchanged.
 * Throws a RangeError for a malformed code.
 */
export function canonicalRegionCode(code: string): string {
  assertValid(code);
  return code.length === 12 && code.endsWith('000000') ? code.slice(0, 6) : code;
}

/**
 * The code of the unit directly above, in canonical form (6 digits down to county level,
 * 12 digits for a township): 330106002001 → 330106002000, 330106002000 → 330106,
 * 330106 → 330100, 110101 → 110100, 330100 → 330000, 330000 → null.
 * Throws a RangeError for a malformed code.
 */
export function parentRegionCode(code: string): string | null {
  const canonical = canonicalRegionCode(code);
  switch (regionLevelOf(canonical)) {
    case 'province':
      return null;
    case 'city':
      return `${canonical.slice(0, 2)}0000`;
    case 'county':
      return `${canonical.slice(0, 4)}00`;
    case 'township':
      return canonical.slice(0, 6);
    case 'village':
      return `${canonical.slice(0, 9)}000`;
  }
}

/**
 * The significant leading digits of a code: every code in its subtree, in either form, starts
 * with them (330000 → '33', 330100 → '3301', 330106 → '330106', 330106002000 → '330106002').
 * Meant for subtree scopes in SQL (`region_code LIKE prefix || '%'`).
 * Throws a RangeError for a malformed code.
 */
export function regionCodePrefix(code: string): string {
  const canonical = canonicalRegionCode(code);
  switch (regionLevelOf(canonical)) {
    case 'province':
      return canonical.slice(0, 2);
    case 'city':
      return canonical.slice(0, 4);
    case 'county':
      return canonical.slice(0, 6);
    case 'township':
      return canonical.slice(0, 9);
    case 'village':
      return canonical;
  }
}

function assertValid(code: string): void {
  if (!isValidRegionCode(code)) {
    throw new RangeError(`not a GB/T 2260 region code: ${JSON.stringify(code)}`);
  }
}
