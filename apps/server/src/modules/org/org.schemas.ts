import Type, { type Static } from 'typebox';
import { SECTOR_CODES, SECTORS, type Sector as SectorCode } from './org.sectors.js';

export const RegionLevel = Type.Union(
  [
    Type.Literal('province'),
    Type.Literal('city'),
    Type.Literal('county'),
    Type.Literal('township'),
    Type.Literal('village'),
  ],
  { description: '省 province / 市 city / 县 county / 乡 township / 村 village' },
);

export const RegionCode = Type.String({
  pattern: '^([0-9]{6}|[0-9]{12})$',
  description: 'GB/T 2260 code (6 digits) or statistical division code (12 digits)',
  examples: ['330106'],
});

export const Region = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    level: RegionLevel,
    parentCode: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'Region', additionalProperties: false },
);
export type Region = Static<typeof Region>;

export const RegionWithPath = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    level: RegionLevel,
    parentCode: Type.Union([Type.String(), Type.Null()]),
    /** From the province down to the parent: what a breadcrumb shows. */
    path: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), level: RegionLevel })),
    childCount: Type.Integer(),
  },
  { additionalProperties: false },
);

export const RegionListQuery = Type.Object(
  {
    parentCode: Type.Optional(
      Type.Union([RegionCode, Type.Literal('')], { description: 'empty or absent: top level' }),
    ),
  },
  { additionalProperties: false },
);

export const RegionCodeParams = Type.Object({ code: RegionCode }, { additionalProperties: false });

/** A department's functional line (条线). */
export const Sector = Type.Unsafe<SectorCode>({
  type: 'string',
  enum: SECTOR_CODES,
  description: Object.entries(SECTORS)
    .map(([code, label]) => `${code} ${label}`)
    .join('; '),
});

export const Department = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    key: Type.String(),
    name: Type.String(),
    shortName: Type.String(),
    sector: Sector,
    creditCode: Type.String(),
    regionCode: Type.String(),
    regionName: Type.String(),
    parentId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  },
  { $id: 'Department', additionalProperties: false },
);
export type Department = Static<typeof Department>;

export const DepartmentListQuery = Type.Object(
  {
    regionCode: Type.Optional(RegionCode),
    /** Include departments of every region below regionCode (a region subtree). */
    includeSubRegions: Type.Optional(Type.Boolean({ default: false })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'name contains' })),
    sector: Type.Optional(Sector),
    page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);
export type DepartmentListQuery = Static<typeof DepartmentListQuery>;

export const DepartmentPage = Type.Object(
  {
    items: Type.Array(Department),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  },
  { additionalProperties: false },
);

export const DepartmentIdParams = Type.Object(
  { id: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

const CreditCode = Type.String({
  minLength: 18,
  maxLength: 18,
  description: '统一社会信用代码 (GB 32100)',
  examples: ['11330100MB1234567X'],
});

export const CreateDepartmentBody = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,62}$', description: 'stable slug, e.g. hz-scjg' }),
    name: Type.String({ minLength: 2, maxLength: 100 }),
    shortName: Type.String({ minLength: 1, maxLength: 30 }),
    sector: Type.Optional(Sector),
    creditCode: CreditCode,
    regionCode: RegionCode,
    parentId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type CreateDepartmentInput = Static<typeof CreateDepartmentBody>;

export const UpdateDepartmentBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 2, maxLength: 100 })),
    shortName: Type.Optional(Type.String({ minLength: 1, maxLength: 30 })),
    parentId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
    sector: Type.Optional(Sector),
    /** A corrected code: checked like a new one (check character, region, unique). */
    creditCode: Type.Optional(CreditCode),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateDepartmentInput = Static<typeof UpdateDepartmentBody>;

export const CreateRegionBody = Type.Object(
  {
    code: RegionCode,
    name: Type.String({ minLength: 2, maxLength: 50 }),
  },
  { additionalProperties: false },
);
export type CreateRegionInput = Static<typeof CreateRegionBody>;

export const UpdateRegionBody = Type.Object(
  { name: Type.String({ minLength: 2, maxLength: 50 }) },
  { additionalProperties: false },
);
