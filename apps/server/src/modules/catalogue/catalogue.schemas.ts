import Type, { type Static } from 'typebox';
import { Sector } from '../org/org.schemas.js';
import {
  Audience,
  BasicItem,
  Bundle,
  EntryContent,
  Guide,
  HandlingItem,
  ItemType,
  KeyElements,
  LegalBasis,
  OnlineDepth,
  Theme,
  TimeLimit,
} from './catalogue.model.js';

const RegionCode = Type.String({ pattern: '^([0-9]{6}|[0-9]{12})$' });
const Uuid = Type.String({ format: 'uuid' });
const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

export const SearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: '关键词，如 餐饮、身份证' })),
    region: Type.Optional(Type.Union([RegionCode], { description: '所在地区：该地区及上级地区实施的事项' })),
    department: Type.Optional(Uuid),
    type: Type.Optional(ItemType),
    theme: Type.Optional(Theme),
    audience: Type.Optional(Audience),
    onlineDepth: Type.Optional(OnlineDepth),
    highFrequency: Type.Optional(Type.Boolean()),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuery>;

export const SearchHit = Type.Object(
  {
    implementationCode: Type.String(),
    basicCode: Type.String(),
    name: Type.String(),
    type: ItemType,
    typeLabel: Type.String(),
    regionCode: Type.String(),
    department: Type.Object({ id: Type.String(), name: Type.String() }),
    audiences: Type.Array(Audience),
    themes: Type.Array(Theme),
    onlineDepth: OnlineDepth,
    visits: Type.Integer(),
    handlingType: Type.String(),
    promisedTimeLimit: TimeLimit,
    legalTimeLimit: TimeLimit,
    charged: Type.Boolean(),
    highFrequency: Type.Boolean(),
    atMostOneVisit: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type SearchHit = Static<typeof SearchHit>;

export const BundleSummary = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    audience: Audience,
    description: Type.String(),
    itemCount: Type.Integer(),
  },
  { additionalProperties: false },
);
export type BundleSummary = Static<typeof BundleSummary>;

export const SearchResponse = Type.Object(
  {
    items: Type.Array(SearchHit),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    /** 一件事 bundles matching the query (first page only). */
    bundles: Type.Array(BundleSummary),
  },
  { additionalProperties: false },
);
export type SearchResponse = Static<typeof SearchResponse>;

export const SuggestQuery = Type.Object(
  { q: Type.String({ minLength: 1, maxLength: 30 }), region: Type.Optional(RegionCode) },
  { additionalProperties: false },
);
export const SuggestResponse = Type.Object(
  { suggestions: Type.Array(Type.Object({ text: Type.String(), implementationCode: Type.String() })) },
  { additionalProperties: false },
);

export const GuideParams = Type.Object(
  { code: Type.String({ pattern: '^[0-9A-Z]{4,36}$', description: '实施编码, or 基本编码 with ?region=' }) },
  { additionalProperties: false },
);
export const GuideQuery = Type.Object({ region: Type.Optional(RegionCode) }, { additionalProperties: false });

/** The full guide of a published implementation entry. */
export const GuideResponse = Type.Object(
  {
    implementationCode: Type.String(),
    basicCode: Type.String(),
    versionId: Type.String(),
    version: Type.Integer(),
    validFrom: Type.Union([Type.String(), Type.Null()]),
    name: Type.String(),
    type: ItemType,
    typeLabel: Type.String(),
    legalBasis: Type.Array(LegalBasis),
    competentSector: Sector,
    region: Type.Object({ code: Type.String(), name: Type.String() }),
    department: Type.Object({ id: Type.String(), name: Type.String(), creditCode: Type.String() }),
    guide: Guide,
    materials: EntryContent.properties.materials,
    form: EntryContent.properties.form,
    process: EntryContent.properties.process,
    handlingItems: EntryContent.properties.handlingItems,
  },
  { additionalProperties: false },
);
export type GuideResponse = Static<typeof GuideResponse>;

/** Handling items as submitted: codes are assigned (实施编码 + two digits) when missing. */
export const HandlingItemInput = Type.Object(
  {
    code: Type.Optional(HandlingItem.properties.code),
    name: HandlingItem.properties.name,
    kind: HandlingItem.properties.kind,
  },
  { additionalProperties: false },
);
export const EntryContentInput = Type.Object(
  {
    guide: EntryContent.properties.guide,
    materials: EntryContent.properties.materials,
    form: EntryContent.properties.form,
    process: EntryContent.properties.process,
    handlingItems: Type.Array(HandlingItemInput),
  },
  { additionalProperties: false },
);
export type EntryContentInput = Static<typeof EntryContentInput>;

export const CreateEntryBody = Type.Object(
  {
    keyElements: KeyElements,
    regionCode: RegionCode,
    /** The digit between the credit code and the basic code in the 实施编码. */
    serial: Type.String({ pattern: '^[0-9]$' }),
    content: EntryContentInput,
  },
  { additionalProperties: false },
);
export type CreateEntryInput = Static<typeof CreateEntryBody>;

export const SaveDraftBody = Type.Object({ content: EntryContentInput }, { additionalProperties: false });
export const PublishBody = Type.Object(
  { validFrom: Type.Optional(IsoDate) },
  { additionalProperties: false },
);
export const EntryIdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const VersionParams = Type.Object({ versionId: Uuid }, { additionalProperties: false });

export const VersionSummary = Type.Object(
  {
    id: Type.String(),
    version: Type.Integer(),
    status: Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('retired')]),
    validFrom: Type.Union([Type.String(), Type.Null()]),
    validTo: Type.Union([Type.String(), Type.Null()]),
    publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { additionalProperties: false },
);

/** An entry as administrators see it: identity, every version, and the draft and published content. */
export const EntryAdmin = Type.Object(
  {
    id: Type.String(),
    implementationCode: Type.String(),
    basicCode: Type.String(),
    name: Type.String(),
    regionCode: Type.String(),
    departmentId: Type.String(),
    versions: Type.Array(VersionSummary),
    draft: Type.Union([EntryContent, Type.Null()]),
    published: Type.Union([EntryContent, Type.Null()]),
  },
  { additionalProperties: false },
);
export type EntryAdmin = Static<typeof EntryAdmin>;

/** One version with its content: what a case executes. */
export const EntryVersion = Type.Object(
  {
    id: Type.String(),
    entryId: Type.String(),
    implementationCode: Type.String(),
    version: Type.Integer(),
    status: VersionSummary.properties.status,
    content: EntryContent,
  },
  { additionalProperties: false },
);
export type EntryVersion = Static<typeof EntryVersion>;

/** A page of the quality report: the rules run over every current version, the failing ones paged. */
export const QualityQuery = Type.Object(
  {
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);
export type QualityQuery = Static<typeof QualityQuery>;

export const QualityReport = Type.Object(
  {
    checkedEntries: Type.Integer(),
    violationCount: Type.Integer(),
    /** Entries with at least one violation; `entries` holds one page of them. */
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    entries: Type.Array(
      Type.Object(
        {
          entryId: Type.String(),
          implementationCode: Type.String(),
          name: Type.String(),
          version: Type.Integer(),
          status: VersionSummary.properties.status,
          violations: Type.Array(
            Type.Object({ rule: Type.String(), field: Type.String(), message: Type.String() }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const BasicItemBody = BasicItem;
export const BasicCodeParams = Type.Object(
  { basicCode: Type.String({ pattern: '^[0-9A-Z]{4,12}$' }) },
  { additionalProperties: false },
);
export const BundleBody = Bundle;
export const BundleParams = Type.Object(
  { code: Type.String({ pattern: '^[A-Z0-9-]{3,40}$' }) },
  { additionalProperties: false },
);
export const BundleDetail = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    audience: Audience,
    description: Type.String(),
    themes: Type.Array(Theme),
    items: Type.Array(
      Type.Object({
        basicCode: Type.String(),
        name: Type.String(),
        condition: Type.Union([Type.String(), Type.Null()]),
      }),
    ),
  },
  { additionalProperties: false },
);

/** The administrators' list of implementation entries (within the caller's scope). */
export const EntryListQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 50,
        description: '事项名称的一部分，或实施编码、基本编码的开头',
      }),
    ),
    region: Type.Optional(Type.Union([RegionCode], { description: '该行政区划及其下级的事项' })),
    department: Type.Optional(Uuid),
    status: Type.Optional(
      Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('retired')], {
        description: 'draft: 有草稿; published: 有已发布版本; retired: 已全部废止',
      }),
    ),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);
export type EntryListQuery = Static<typeof EntryListQuery>;

export const EntryListItem = Type.Object(
  {
    id: Type.String(),
    implementationCode: Type.String(),
    basicCode: Type.String(),
    name: Type.String(),
    type: ItemType,
    typeLabel: Type.String(),
    region: Type.Object({ code: Type.String(), name: Type.String() }),
    department: Type.Object({ id: Type.String(), name: Type.String() }),
    publishedVersion: Type.Union([Type.Integer(), Type.Null()]),
    draftVersion: Type.Union([Type.Integer(), Type.Null()]),
    latestVersion: Type.Integer(),
    /** published (possibly with a draft of changes), draft (never published), retired. */
    status: Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('retired')]),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type EntryListItem = Static<typeof EntryListItem>;

export const EntryListResponse = Type.Object(
  {
    items: Type.Array(EntryListItem),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  },
  { additionalProperties: false },
);
export type EntryListResponse = Static<typeof EntryListResponse>;

export const BasicItemListQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({ minLength: 1, maxLength: 50, description: '事项名称的一部分或基本编码的开头' }),
    ),
    type: Type.Optional(ItemType),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);
export type BasicItemListQuery = Static<typeof BasicItemListQuery>;

export const BasicItemPage = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        { ...BasicItem.properties, typeLabel: Type.String(), entryCount: Type.Integer() },
        { additionalProperties: false },
      ),
    ),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  },
  { additionalProperties: false },
);
export type BasicItemPage = Static<typeof BasicItemPage>;

/** A basic item's new definition; the code in the path is its identity and does not change. */
export const UpdateBasicItemBody = Type.Object(
  (({ basicCode: _basicCode, ...rest }) => rest)(BasicItem.properties),
  { additionalProperties: false },
);
export type UpdateBasicItemInput = Static<typeof UpdateBasicItemBody>;
