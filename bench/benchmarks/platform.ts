import type { Benchmark } from '../lib/benchmark.js';

/** The number of items in a `{ items: [...] }` body, or undefined for any other shape. */
function itemCount(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null || !('items' in body)) return undefined;
  return Array.isArray(body.items) ? body.items.length : undefined;
}

function nonEmptyItems({ body }: { body: unknown }): string | undefined {
  const count = itemCount(body);
  if (count === undefined) return 'expected a body with an items array';
  return count > 0 ? undefined : 'items is empty: the demo organisation was not seeded';
}

/**
 * The platform's own floor: `/healthz` is the app's full plugin stack (helmet, rate limit, access
 * policy, request ids, response schema) without the database; the org reads add one indexed query
 * on the seeded demo organisation (浙江省, ~164 departments).
 */
export const platformBenchmark: Benchmark = {
  name: 'platform',
  description: 'app overhead without the database (/healthz) and two public reads that query it',
  async targets({ appUrl }) {
    return [
      {
        name: 'app GET /healthz',
        url: `${appUrl}/healthz`,
        verify: ({ body }) =>
          JSON.stringify(body) === '{"status":"ok"}' ? undefined : 'expected {"status":"ok"}',
      },
      {
        name: 'app GET /api/v1/departments (杭州市 subtree)',
        url: `${appUrl}/api/v1/departments?regionCode=330100&includeSubRegions=true&pageSize=20`,
        usesDatabase: true,
        verify: nonEmptyItems,
      },
      {
        name: 'app GET /api/v1/regions (浙江省 children)',
        url: `${appUrl}/api/v1/regions?parentCode=330000`,
        usesDatabase: true,
        verify: nonEmptyItems,
      },
    ];
  },
};
