/**
 * What the catalogue benchmark sends: a rotating set of realistic searches, a hot set of guides
 * the in-process cache holds, and every other guide once (past the cache).
 */
import type { Database } from '../../apps/server/src/platform/database.js';
import type { HttpTarget } from '../lib/http.js';

/**
 * What residents and businesses type into the search box (jieba splits the multi-word ones):
 * life events, documents, licences. Each phrase is sent as is, within 西湖区 (330106, so its
 * county, 杭州市 and 浙江省 entries), within 杭州市 (330100), and within 西湖区 for one audience.
 */
const PHRASES: readonly (readonly [phrase: string, audience: 'person' | 'enterprise'])[] = [
  ['餐饮', 'enterprise'],
  ['身份证', 'person'],
  ['公积金 提取', 'person'],
  ['营业执照', 'enterprise'],
  ['出生', 'person'],
  ['社保卡', 'person'],
  ['不动产', 'person'],
  ['户口迁移', 'person'],
  ['婚姻', 'person'],
  ['退休', 'person'],
  ['驾驶证', 'person'],
  ['护照', 'person'],
  ['医保报销', 'person'],
  ['异地就医', 'person'],
  ['教师资格', 'person'],
  ['公司注销', 'enterprise'],
  ['失业', 'person'],
  ['公证', 'person'],
  ['食品生产许可', 'enterprise'],
  ['建筑工程施工许可', 'enterprise'],
];

const encode = encodeURIComponent;

/** The 80 search requests: every phrase plain, in 西湖区, in 杭州市, and in 西湖区 for its audience. */
export function searchPaths(): string[] {
  return PHRASES.flatMap(([phrase, audience]) => {
    const q = `/api/v1/items?q=${encode(phrase)}`;
    return [q, `${q}&region=330106`, `${q}&region=330100`, `${q}&region=330106&audience=${audience}`];
  });
}

/**
 * Searches the result cache has never seen: every phrase in every region of the demo organisation,
 * for nobody in particular, persons and enterprises, two page sizes and two pages — thousands of
 * distinct requests, each sent once while the run lasts (the report says if any came round again).
 */
export function searchMissPaths(regionCodes: readonly string[]): string[] {
  return PHRASES.flatMap(([phrase]) =>
    regionCodes.flatMap((region) =>
      ['', '&audience=person', '&audience=enterprise'].flatMap((audience) =>
        [10, 20].flatMap((pageSize) =>
          [1, 2].map(
            (page) =>
              `/api/v1/items?q=${encode(phrase)}&region=${region}${audience}&pageSize=${pageSize}&page=${page}`,
          ),
        ),
      ),
    ),
  );
}

/** What the search responses held when they were verified: hits per request. */
export interface SearchSetStats {
  requests: number;
  phrases: number;
  /** `total` of each response, by path. */
  totals: Record<string, number>;
  withoutHits: number;
  medianTotal: number;
  maxTotal: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export function searchStats(paths: readonly string[], totals: ReadonlyMap<string, number>): SearchSetStats {
  const values = paths.map((path) => totals.get(path) ?? 0);
  return {
    requests: paths.length,
    phrases: PHRASES.length,
    totals: Object.fromEntries(paths.map((path, index) => [decodeURIComponent(path), values[index] ?? 0])),
    withoutHits: values.filter((value) => value === 0).length,
    medianTotal: median(values),
    maxTotal: Math.max(0, ...values),
  };
}

/** Codes of published entries: the hot set (high-frequency items first) and all the others. */
export async function guideCodes(
  database: Database,
  hot: number,
): Promise<{ hot: string[]; cold: string[] }> {
  // md5 orders stably but unrelated to code, region or department: a spread, the same every run.
  const result = await database.executeSql(
    `select implementation_code from catalogue_search
     order by high_frequency desc, md5(implementation_code)`,
  );
  const codes = result.rows.map((row) => String(row.implementation_code));
  const hotCodes = codes.slice(0, hot);
  const cold = codes.slice(hot);
  // Cold codes in an order of their own, so consecutive requests go to unrelated items.
  const order = await database.executeSql(
    'select code from unnest($1::text[]) as code order by md5(code || $2)',
    [cold, 'cold'],
  );
  return { hot: hotCodes, cold: order.rows.map((row) => String(row.code)) };
}

function isGuide(body: unknown, url: string): string | undefined {
  if (typeof body !== 'object' || body === null || !('implementationCode' in body))
    return 'expected a guide with an implementationCode';
  return url.endsWith(`/${String(body.implementationCode)}`)
    ? undefined
    : 'the guide of another item came back';
}

/** The benchmark's HTTP targets on the app at `appUrl`. */
export function catalogueTargets(
  appUrl: string,
  codes: { hot: readonly string[]; cold: readonly string[] },
  searchTotals: Map<string, number>,
  regionCodes: readonly string[],
): {
  search: HttpTarget;
  searchMisses: HttpTarget;
  healthz: HttpTarget;
  hotGuides: HttpTarget;
  coldGuides: HttpTarget;
} {
  const guidePath = (code: string) => `/api/v1/items/${code}`;
  const paths = searchPaths();
  const missPaths = searchMissPaths(regionCodes);
  return {
    healthz: {
      name: 'app GET /healthz (for reference: no database)',
      url: `${appUrl}/healthz`,
      verify: ({ body }) =>
        JSON.stringify(body) === '{"status":"ok"}' ? undefined : 'expected {"status":"ok"}',
    },
    search: {
      name: `search GET /api/v1/items?q=…, popular (${paths.length} queries, result cache)`,
      url: appUrl,
      paths,
      usesDatabase: true,
      verify: ({ body, url }) => {
        if (typeof body !== 'object' || body === null || !('items' in body) || !('total' in body))
          return 'expected a search response with items and total';
        searchTotals.set(url.slice(appUrl.length), Number(body.total));
        return Array.isArray(body.items) ? undefined : 'items is not an array';
      },
    },
    searchMisses: {
      name: `search GET /api/v1/items?q=…, never seen (${missPaths.length} queries, no cache)`,
      url: appUrl,
      paths: missPaths,
      // Checking a few and no warm-up: each request is new to the result cache.
      verifyPaths: 3,
      warmup: false,
      usesDatabase: true,
      verify: ({ body }) =>
        typeof body === 'object' && body !== null && 'items' in body && Array.isArray(body.items)
          ? undefined
          : 'expected a search response with items',
    },
    hotGuides: {
      name: `guide GET /api/v1/items/{code}, cached (${codes.hot.length} codes)`,
      url: appUrl,
      // Verifying every code loads it into the guide cache before the warm-up.
      paths: codes.hot.map(guidePath),
      usesDatabase: true,
      verify: ({ body, url }) => isGuide(body, url),
    },
    coldGuides: {
      name: `guide GET /api/v1/items/{code}, uncached (${codes.cold.length} codes)`,
      url: appUrl,
      paths: codes.cold.map(guidePath),
      // Checking only a few, and no warm-up: the requests walk through the codes in turn, and a
      // pass over them is far longer than the 5,000 guides the cache keeps, so each one misses.
      verifyPaths: 5,
      warmup: false,
      usesDatabase: true,
      verify: ({ body, url }) => isGuide(body, url),
    },
  };
}
