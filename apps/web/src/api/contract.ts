/**
 * Response shapes of the server routes the web app calls.
 *
 * Written by hand until the OpenAPI types are generated from the server's TypeBox schemas
 * (DESIGN.md: `apps/web/src/api/` holds generated OpenAPI types); replace, don't extend.
 */

/** `GET /readyz` when the platform can serve requests; otherwise it answers 503 with an ApiErrorBody. */
export interface Readiness {
  status: 'ready';
  database: 'pglite' | 'postgres';
  migrations: { applied: number; pending: number };
}

/** Administrative level of a region (GB/T 2260 down to township and village). */
export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'village';

export interface Region {
  /** GB/T 2260 code: 6 digits, or 12 down to township/village. */
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

/** `GET /api/v1/regions?parentCode=` — the children of a region; an empty parentCode gives the roots. */
export interface RegionList {
  items: Region[];
}
