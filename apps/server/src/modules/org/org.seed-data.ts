/**
 * Demo organisation data: one province's region tree and the departments that deliver services in
 * it. Pure data and small builders; loading it into the database is the org module's business.
 *
 * Regions: 浙江省, three of its prefecture-level cities, two counties or districts under each,
 * two or three townships/streets under each county, and one community. The codes and names follow
 * the National Bureau of Statistics' 统计用区划代码和城乡划分代码 (the 2021-and-later editions, after
 * Hangzhou's 2021 redistricting that created 临平区 and 钱塘区), as mirrored in the public dataset
 * modood/Administrative-divisions-of-China (dist/areas.csv and dist/streets.csv); 西湖街道 330106008
 * is also cited with that code from the 2023 edition. The one village-level entry (栖霞岭社区) comes
 * from a single secondary source and is the least certain.
 *
 * Departments: the usual line-up of a Zhejiang government after the 2018–2019 institutional reform,
 * named the way each level names them (省公安厅 / 市公安局 / 杭州市公安局西湖区分局, 卫生健康委员会 at
 * province and city but 卫生健康局 in a county, vertically managed 生态环境 and 税务 branches). It is an
 * illustrative roster for demos and tests, not an authoritative list of Zhejiang's agencies.
 */
import { makeCreditCode, type RegionLevel } from '@yiwang/codes';
import type { Sector } from './org.sectors.js';

/** 行政区划 as seeded. */
export interface SeedRegion {
  /** GB/T 2260 code (6 digits) down to county level; 12-digit 统计用区划代码 below. */
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

/** 部门 as seeded. */
export interface SeedDepartment {
  /** Stable slug, e.g. 'hz-scjg'; other seed data refers to departments by it. */
  key: string;
  name: string;
  shortName: string;
  /** The region the department serves; a township's code for a 便民服务中心. */
  regionCode: string;
  /** The department this one is a 分局 or subordinate unit of. */
  parentKey?: string;
  /** 统一社会信用代码: generated, see `demoOrganCreditCode`. */
  creditCode: string;
  /** Functional line, from the key's slug (see SECTOR_BY_SLUG). */
  sector: Sector;
}

/** The functional line of each department slug used below. */
const SECTOR_BY_SLUG: Record<string, Sector> = {
  fgw: 'development_reform',
  fgj: 'development_reform',
  scjg: 'market_regulation',
  wsjk: 'health',
  gat: 'public_security',
  gaj: 'public_security',
  gafj: 'public_security',
  rlsb: 'human_resources',
  mzt: 'civil_affairs',
  mzj: 'civil_affairs',
  jst: 'housing_construction',
  jw: 'housing_construction',
  zjj: 'housing_construction',
  zrzy: 'natural_resources',
  zrzyfj: 'natural_resources',
  ghzy: 'natural_resources',
  ghzyfj: 'natural_resources',
  jyt: 'education',
  jyj: 'education',
  jtt: 'transport',
  jtj: 'transport',
  sjj: 'data_services',
  sjzy: 'data_services',
  dsj: 'data_services',
  sthj: 'ecology',
  sthjfj: 'ecology',
  nync: 'agriculture',
  sft: 'justice',
  sfj: 'justice',
  ybj: 'medical_security',
  sw: 'taxation',
  gjj: 'housing_fund',
  bmfw: 'service_centre',
};

function sectorOfKey(key: string): Sector {
  const slug = key.split('-').at(-1) ?? '';
  const sector = SECTOR_BY_SLUG[slug];
  if (!sector) throw new Error(`seed department ${key}: no sector for slug "${slug}"`);
  return sector;
}

export const seedRegions: ReadonlyArray<SeedRegion> = [
  { code: '330000', name: '浙江省', level: 'province', parentCode: null },

  { code: '330100', name: '杭州市', level: 'city', parentCode: '330000' },
  { code: '330106', name: '西湖区', level: 'county', parentCode: '330100' },
  { code: '330106002000', name: '北山街道', level: 'township', parentCode: '330106' },
  { code: '330106002001', name: '栖霞岭社区', level: 'village', parentCode: '330106002000' },
  { code: '330106008000', name: '西湖街道', level: 'township', parentCode: '330106' },
  { code: '330106109000', name: '三墩镇', level: 'township', parentCode: '330106' },
  { code: '330122', name: '桐庐县', level: 'county', parentCode: '330100' },
  { code: '330122003000', name: '桐君街道', level: 'township', parentCode: '330122' },
  { code: '330122109000', name: '分水镇', level: 'township', parentCode: '330122' },

  { code: '330200', name: '宁波市', level: 'city', parentCode: '330000' },
  { code: '330212', name: '鄞州区', level: 'county', parentCode: '330200' },
  { code: '330212006000', name: '首南街道', level: 'township', parentCode: '330212' },
  { code: '330212103000', name: '东钱湖镇', level: 'township', parentCode: '330212' },
  { code: '330226', name: '宁海县', level: 'county', parentCode: '330200' },
  { code: '330226001000', name: '跃龙街道', level: 'township', parentCode: '330226' },
  { code: '330226106000', name: '前童镇', level: 'township', parentCode: '330226' },

  { code: '330300', name: '温州市', level: 'city', parentCode: '330000' },
  { code: '330302', name: '鹿城区', level: 'county', parentCode: '330300' },
  { code: '330302006000', name: '五马街道', level: 'township', parentCode: '330302' },
  { code: '330302024000', name: '滨江街道', level: 'township', parentCode: '330302' },
  { code: '330324', name: '永嘉县', level: 'county', parentCode: '330300' },
  { code: '330324009000', name: '瓯北街道', level: 'township', parentCode: '330324' },
  { code: '330324108000', name: '岩头镇', level: 'township', parentCode: '330324' },
];

/**
 * A deterministic, syntactically valid 统一社会信用代码 for a demo government organ: registration
 * authority 1 (机构编制), category 1 (机关), the organ's county-or-above region code, and an 8-digit
 * organisation-code body from an FNV-1a hash of its key; both check chars are computed. These are
 * generated demo codes that pass GB 32100 validation, not the organs' real codes.
 */
export function demoOrganCreditCode(key: string, regionCode: string, category: '1' | '2' = '1'): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return makeCreditCode({
    registrationAuthority: '1',
    category,
    regionCode: regionCode.slice(0, 6),
    orgCodeBody: String(hash % 100_000_000).padStart(8, '0'),
  });
}

function department(
  key: string,
  name: string,
  shortName: string,
  regionCode: string,
  parentKey?: string,
  /** 1 机关 (organ), 2 事业单位 (public institution). */
  category: '1' | '2' = '1',
): SeedDepartment {
  const creditCode = demoOrganCreditCode(key, regionCode, category);
  const sector = sectorOfKey(key);
  return parentKey === undefined
    ? { key, name, shortName, regionCode, creditCode, sector }
    : { key, name, shortName, regionCode, parentKey, creditCode, sector };
}

/** A seeded government whose departments are generated. */
interface Government {
  /** Key prefix of its departments. */
  prefix: string;
  code: string;
  /** How its departments' full names begin: 浙江省, 杭州市, 杭州市西湖区, 桐庐县. */
  official: string;
  /** How their short names begin: 浙江省, 杭州市, 西湖区. */
  short: string;
  /** The bare place name used in 分局 names: 西湖 in 杭州市生态环境局西湖分局. */
  stem: string;
}

/** A department whose name is the government's name + a suffix, in both full and short form. */
type Line = readonly [slug: string, suffix: string, shortSuffix: string];

function lineDepartment(gov: Government, [slug, suffix, shortSuffix]: Line): SeedDepartment {
  return department(
    `${gov.prefix}-${slug}`,
    `${gov.official}${suffix}`,
    `${gov.short}${shortSuffix}`,
    gov.code,
  );
}

const ZHEJIANG: Government = {
  prefix: 'zj',
  code: '330000',
  official: '浙江省',
  short: '浙江省',
  stem: '浙江',
};

const provinceDepartments: SeedDepartment[] = [
  ...(
    [
      ['fgw', '发展和改革委员会', '发改委'],
      ['scjg', '市场监督管理局', '市场监管局'],
      ['wsjk', '卫生健康委员会', '卫健委'],
      ['gat', '公安厅', '公安厅'],
      ['rlsb', '人力资源和社会保障厅', '人力社保厅'],
      ['mzt', '民政厅', '民政厅'],
      ['jst', '住房和城乡建设厅', '建设厅'],
      ['zrzy', '自然资源厅', '自然资源厅'],
      ['jyt', '教育厅', '教育厅'],
      ['jtt', '交通运输厅', '交通运输厅'],
      ['sjj', '数据局', '数据局'],
      ['sthj', '生态环境厅', '生态环境厅'],
      ['nync', '农业农村厅', '农业农村厅'],
      ['sft', '司法厅', '司法厅'],
      ['ybj', '医疗保障局', '医保局'],
    ] as const
  ).map((line) => lineDepartment(ZHEJIANG, line)),
  department('zj-sw', '国家税务总局浙江省税务局', '浙江省税务局', ZHEJIANG.code),
];

/** A seeded prefecture-level city and the names its own reform gave some bureaus. */
interface City extends Government {
  construction: Line;
  planning: Line;
  data: Line;
  /** The tax bureau it reports to; Ningbo, a 计划单列市, reports to 国家税务总局 directly. */
  taxParentKey?: string;
  counties: readonly County[];
}

interface County extends Government {
  /** 市辖区 get 分局 of the city's police and planning bureaus; 县 and 县级市 have their own. */
  isDistrict: boolean;
}

const CITIES: readonly City[] = [
  {
    prefix: 'hz',
    code: '330100',
    official: '杭州市',
    short: '杭州市',
    stem: '杭州',
    construction: ['jw', '城乡建设委员会', '建委'],
    planning: ['ghzy', '规划和自然资源局', '规划资源局'],
    data: ['sjzy', '数据资源管理局', '数据资源局'],
    taxParentKey: 'zj-sw',
    counties: [
      {
        prefix: 'xh',
        code: '330106',
        official: '杭州市西湖区',
        short: '西湖区',
        stem: '西湖',
        isDistrict: true,
      },
      { prefix: 'tl', code: '330122', official: '桐庐县', short: '桐庐县', stem: '桐庐', isDistrict: false },
    ],
  },
  {
    prefix: 'nb',
    code: '330200',
    official: '宁波市',
    short: '宁波市',
    stem: '宁波',
    construction: ['zjj', '住房和城乡建设局', '住建局'],
    planning: ['zrzy', '自然资源和规划局', '资源规划局'],
    data: ['dsj', '大数据发展管理局', '大数据局'],
    counties: [
      {
        prefix: 'yz',
        code: '330212',
        official: '宁波市鄞州区',
        short: '鄞州区',
        stem: '鄞州',
        isDistrict: true,
      },
      { prefix: 'nh', code: '330226', official: '宁海县', short: '宁海县', stem: '宁海', isDistrict: false },
    ],
  },
  {
    prefix: 'wz',
    code: '330300',
    official: '温州市',
    short: '温州市',
    stem: '温州',
    construction: ['zjj', '住房和城乡建设局', '住建局'],
    planning: ['zrzy', '自然资源和规划局', '资源规划局'],
    data: ['dsj', '大数据发展管理局', '大数据局'],
    taxParentKey: 'zj-sw',
    counties: [
      {
        prefix: 'lc',
        code: '330302',
        official: '温州市鹿城区',
        short: '鹿城区',
        stem: '鹿城',
        isDistrict: true,
      },
      { prefix: 'yj', code: '330324', official: '永嘉县', short: '永嘉县', stem: '永嘉', isDistrict: false },
    ],
  },
];

/** Departments every city and county has under the same name pattern. */
const COMMON_LINES: readonly Line[] = [
  ['scjg', '市场监督管理局', '市场监管局'],
  ['rlsb', '人力资源和社会保障局', '人力社保局'],
  ['mzj', '民政局', '民政局'],
  ['jyj', '教育局', '教育局'],
  ['jtj', '交通运输局', '交通运输局'],
  ['nync', '农业农村局', '农业农村局'],
  ['sfj', '司法局', '司法局'],
  ['ybj', '医疗保障局', '医保局'],
];

function cityDepartments(city: City): SeedDepartment[] {
  return [
    ...COMMON_LINES.map((line) => lineDepartment(city, line)),
    lineDepartment(city, ['fgw', '发展和改革委员会', '发改委']),
    lineDepartment(city, ['wsjk', '卫生健康委员会', '卫健委']),
    lineDepartment(city, ['gaj', '公安局', '公安局']),
    lineDepartment(city, ['sthj', '生态环境局', '生态环境局']),
    lineDepartment(city, city.construction),
    lineDepartment(city, city.planning),
    lineDepartment(city, city.data),
    department(
      `${city.prefix}-sw`,
      `国家税务总局${city.official}税务局`,
      `${city.short}税务局`,
      city.code,
      city.taxParentKey,
    ),
    // 住房公积金管理中心: a public institution (事业单位) directly under the city government.
    department(
      `${city.prefix}-gjj`,
      `${city.stem}住房公积金管理中心`,
      `${city.stem}公积金中心`,
      city.code,
      undefined,
      '2',
    ),
  ];
}

function countyDepartments(city: City, county: County): SeedDepartment[] {
  const [planningSlug, planningSuffix, planningShort] = city.planning;
  const [dataSlug, dataSuffix, dataShort] = city.data;
  const branch = (slug: string, cityBureau: string, shortName: string, parentSlug: string) =>
    department(
      `${county.prefix}-${slug}`,
      `${city.official}${cityBureau}${county.stem}分局`,
      shortName,
      county.code,
      `${city.prefix}-${parentSlug}`,
    );
  return [
    ...COMMON_LINES.map((line) => lineDepartment(county, line)),
    lineDepartment(county, ['fgj', '发展和改革局', '发改局']),
    lineDepartment(county, ['wsjk', '卫生健康局', '卫健局']),
    lineDepartment(county, ['zjj', '住房和城乡建设局', '住建局']),
    lineDepartment(county, [dataSlug, dataSuffix, dataShort]),
    county.isDistrict
      ? department(
          `${county.prefix}-gafj`,
          `${city.official}公安局${county.short}分局`,
          `${county.stem}公安分局`,
          county.code,
          `${city.prefix}-gaj`,
        )
      : lineDepartment(county, ['gaj', '公安局', '公安局']),
    county.isDistrict
      ? branch(
          `${planningSlug}fj`,
          planningSuffix,
          `${county.stem}${planningShort.replace(/局$/, '')}分局`,
          planningSlug,
        )
      : lineDepartment(county, [planningSlug, planningSuffix, planningShort]),
    // 生态环境 has been managed vertically by the city since the 2019 reform, in counties too.
    branch('sthjfj', '生态环境局', `${county.stem}生态环境分局`, 'sthj'),
    department(
      `${county.prefix}-sw`,
      county.isDistrict
        ? `国家税务总局${city.official}${county.short}税务局`
        : `国家税务总局${county.official}税务局`,
      `${county.short}税务局`,
      county.code,
      `${city.prefix}-sw`,
    ),
  ];
}

/** 便民服务中心 of some townships, where residents hand in applications without going to the county. */
const townshipServiceCentres: SeedDepartment[] = [
  department('xh-bs-bmfw', '杭州市西湖区北山街道便民服务中心', '北山街道便民服务中心', '330106002000'),
  department('xh-sd-bmfw', '杭州市西湖区三墩镇便民服务中心', '三墩镇便民服务中心', '330106109000'),
  department('yz-sn-bmfw', '宁波市鄞州区首南街道便民服务中心', '首南街道便民服务中心', '330212006000'),
  department('lc-wm-bmfw', '温州市鹿城区五马街道便民服务中心', '五马街道便民服务中心', '330302006000'),
];

/**
 * The departments of the province, each seeded city and each seeded county (16 each), plus a few
 * township service centres. Credit codes are generated demo codes (see `demoOrganCreditCode`).
 */
export const seedDepartments: ReadonlyArray<SeedDepartment> = [
  ...provinceDepartments,
  ...CITIES.flatMap((city) => [
    ...cityDepartments(city),
    ...city.counties.flatMap((county) => countyDepartments(city, county)),
  ]),
  ...townshipServiceCentres,
];
