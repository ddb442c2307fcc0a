import { regionLevelOf } from '@yiwang/codes';
import { canonicalJson, type RequestContext, recordAudit } from '../../platform/audit.js';
import { TtlCache } from '../../platform/cache.js';
import { chinaDate } from '../../platform/china-time.js';
import { type Db, rootDatabase, type Tx } from '../../platform/database.js';
import { orgErrors } from '../org/org.errors.js';
import { SECTORS } from '../org/org.sectors.js';
import * as org from '../org/org.service.js';
import { catalogueErrors } from './catalogue.errors.js';
import {
  type BasicItem,
  type Bundle,
  type EntryContent,
  ITEM_TYPES,
  type ItemType,
  THEMES,
} from './catalogue.model.js';
import { assertBasicCatalogueScope, assertEntryInScope, scopedRegionCodes } from './catalogue.policy.js';
import { checkQuality } from './catalogue.quality.js';
import * as repo from './catalogue.repo.js';
import type {
  BasicItemListQuery,
  BasicItemPage,
  BundleSummary,
  CreateEntryInput,
  EntryAdmin,
  EntryContentInput,
  EntryListItem,
  EntryListQuery,
  EntryListResponse,
  EntryVersion,
  GuideResponse,
  QualityQuery,
  SearchHit,
  SearchQuery,
  SearchResponse,
  UpdateBasicItemInput,
} from './catalogue.schemas.js';
import { queryTokens, segmentForIndex, toTsQuery } from './catalogue.text.js';

const LEVEL_LABELS: Record<string, string> = {
  province: '省级',
  city: '市级',
  county: '县级',
  township: '乡镇（街道）',
};

/** A basic item by code; throws CATALOGUE_BASIC_ITEM_NOT_FOUND. */
export async function getBasicItem(db: Db, code: string, field?: string): Promise<BasicItem> {
  const row = await repo.findBasicItem(db, code);
  if (!row) throw catalogueErrors.basicItemNotFound(code, field);
  return toBasicItem(row);
}

function toBasicItem(row: repo.BasicItemRow): BasicItem {
  return {
    basicCode: row.basicCode,
    name: row.name,
    type: row.type as ItemType,
    competentSector: row.competentSector as BasicItem['competentSector'],
    implementingSector: row.implementingSector as BasicItem['implementingSector'],
    levels: row.levels,
    legalBasis: row.legalBasis,
    ...(row.parentCode ? { parentCode: row.parentCode } : {}),
    aliases: row.aliases,
  };
}

/** Define a basic-catalogue item (基本目录). Its code is unique; a 子项 names an existing 主项. */
export async function createBasicItem(tx: Tx, context: RequestContext, item: BasicItem): Promise<BasicItem> {
  await assertBasicCatalogueScope(tx, context);
  if (await repo.findBasicItem(tx, item.basicCode)) throw catalogueErrors.basicCodeTaken(item.basicCode);
  if (item.parentCode && !(await repo.findBasicItem(tx, item.parentCode))) {
    throw catalogueErrors.parentNotFound(item.parentCode);
  }
  const created = toBasicItem(await repo.insertBasicItem(tx, item));
  await recordAudit(tx, context, {
    action: 'catalogue.basic-item.create',
    entityType: 'catalogue_basic_item',
    entityId: item.basicCode,
    after: created,
  });
  return created;
}

/** A page of basic items (基本目录), filtered by name or code and type, with their entry counts. */
export async function listBasicItems(db: Db, query: BasicItemListQuery): Promise<BasicItemPage> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const { rows, total } = await repo.listBasicItems(db, {
    text: query.q?.trim() || undefined,
    type: query.type,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return {
    items: rows.map((row) => ({
      ...toBasicItem(row),
      typeLabel: ITEM_TYPES[row.type as ItemType],
      entryCount: row.entryCount,
    })),
    total,
    page,
    pageSize,
  };
}

/**
 * Change a basic item. 同一事项、同一标准、同一编码: once implementation entries state its key
 * elements (name, type, competent line, implementing line, legal basis), those stay as they are —
 * a changed standard is a new item — and no level an entry is implemented at may be dropped.
 * Aliases, levels and the 主项 may change. Audited with before and after.
 */
export async function updateBasicItem(
  tx: Tx,
  context: RequestContext,
  basicCode: string,
  input: UpdateBasicItemInput,
): Promise<BasicItem> {
  await assertBasicCatalogueScope(tx, context);
  const before = await getBasicItem(tx, basicCode);
  const item: BasicItem = { ...input, basicCode };
  if (!input.parentCode) delete item.parentCode;
  if (item.parentCode) {
    if (item.parentCode === basicCode) throw catalogueErrors.parentInvalid('主项不能是事项本身');
    const parent = await repo.findBasicItem(tx, item.parentCode);
    if (!parent) throw catalogueErrors.parentNotFound(item.parentCode);
    if (parent.parentCode) throw catalogueErrors.parentInvalid(`${parent.name}本身是子项，不能作为主项`);
  }
  const regions = await repo.entryRegionsOfBasicItem(tx, basicCode);
  if (regions.length > 0) {
    const frozen = ['name', 'type', 'competentSector', 'implementingSector', 'legalBasis'] as const;
    for (const element of frozen) {
      if (canonicalJson(before[element]) !== canonicalJson(item[element])) {
        throw catalogueErrors.basicItemInUse(element, await repo.countEntriesOfBasicItem(tx, basicCode));
      }
    }
    for (const region of regions) {
      const level = regionLevelOf(region);
      if (level !== 'village' && !item.levels.includes(level)) {
        throw catalogueErrors.basicItemLevelInUse(LEVEL_LABELS[level] ?? level);
      }
    }
  }
  const after = toBasicItem(await repo.updateBasicItem(tx, item));
  await recordAudit(tx, context, {
    action: 'catalogue.basic-item.update',
    entityType: 'catalogue_basic_item',
    entityId: basicCode,
    before,
    after,
  });
  return after;
}

/** Give handling items without a code the next 业务办理项编码: 实施编码 + two digits. */
function withHandlingCodes(content: EntryContentInput, implementationCode: string): EntryContent {
  let next = 1;
  const used = new Set(content.handlingItems.flatMap((item) => (item.code ? [item.code] : [])));
  const handlingItems = content.handlingItems.map((item) => {
    if (item.code) return { code: item.code, name: item.name, kind: item.kind };
    let code: string;
    do {
      code = `${implementationCode}${String(next).padStart(2, '0')}`;
      next += 1;
    } while (used.has(code));
    used.add(code);
    return { code, name: item.name, kind: item.kind };
  });
  return { ...content, handlingItems };
}

/** The six key elements an entry of `basic` implemented by a department states: the basic item's own. */
export function keyElementsOf(basic: BasicItem, departmentId: string): CreateEntryInput['keyElements'] {
  return {
    name: basic.name,
    basicCode: basic.basicCode,
    type: basic.type,
    competentSector: basic.competentSector,
    departmentId,
    legalBasis: basic.legalBasis,
  };
}

/**
 * Register an implementation entry (实施清单) and its first draft. 同一事项、同一标准、同一编码: the six
 * key elements must be those of the basic item — name, code, type, competent department, an
 * implementing department of the item's implementing line, legal basis — or the entry is refused
 * naming the element that deviates.
 */
export async function createEntry(tx: Tx, context: RequestContext, input: CreateEntryInput): Promise<string> {
  const elements = input.keyElements;
  const basic = await getBasicItem(tx, elements.basicCode, 'body.keyElements.basicCode');
  const department = await org.findDepartment(tx, elements.departmentId);
  if (!department) throw orgErrors.departmentNotFound('body.keyElements.departmentId');
  if (elements.name !== basic.name)
    throw catalogueErrors.keyElementMismatch('name', basic.name, elements.name);
  if (elements.type !== basic.type)
    throw catalogueErrors.keyElementMismatch('type', basic.type, elements.type);
  if (elements.competentSector !== basic.competentSector) {
    throw catalogueErrors.keyElementMismatch(
      'competentSector',
      basic.competentSector,
      elements.competentSector,
    );
  }
  if (department.sector !== basic.implementingSector) {
    throw catalogueErrors.keyElementMismatch(
      'departmentId',
      `${SECTORS[basic.implementingSector]}部门`,
      `${department.name}（${SECTORS[department.sector]}）`,
    );
  }
  if (canonicalJson(elements.legalBasis) !== canonicalJson(basic.legalBasis)) {
    throw catalogueErrors.keyElementMismatch('legalBasis', basic.legalBasis, elements.legalBasis);
  }
  if (department.regionCode !== input.regionCode) throw catalogueErrors.departmentRegionMismatch();
  await assertEntryInScope(
    tx,
    context,
    { regionCode: input.regionCode, departmentId: department.id },
    'body.regionCode',
  );
  const level = regionLevelOf(input.regionCode);
  if (level === 'village' || !basic.levels.includes(level)) {
    throw catalogueErrors.levelNotAllowed(LEVEL_LABELS[level] ?? level);
  }
  const implementationCode = `${department.creditCode}${input.serial}${basic.basicCode}`;
  if (await repo.findEntryByCode(tx, implementationCode)) {
    throw catalogueErrors.implementationCodeTaken(implementationCode);
  }
  const entry = await repo.insertEntry(tx, {
    implementationCode,
    basicCode: basic.basicCode,
    regionCode: input.regionCode,
    departmentId: department.id,
    name: basic.name,
    type: basic.type,
    competentSector: basic.competentSector,
    legalBasis: basic.legalBasis,
  });
  const content = withHandlingCodes(input.content, implementationCode);
  const version = await repo.insertVersion(tx, { entryId: entry.id, version: 1, status: 'draft', content });
  await recordAudit(tx, context, {
    action: 'catalogue.entry.create',
    entityType: 'catalogue_entry',
    entityId: entry.id,
    after: { entry, version: { id: version.id, version: 1, content } },
  });
  return entry.id;
}

async function getEntry(db: Db, id: string): Promise<repo.EntryRow> {
  const entry = await repo.findEntry(db, id);
  if (!entry) throw catalogueErrors.entryNotFound();
  return entry;
}

/** An entry the caller may manage; throws CATALOGUE_ENTRY_NOT_FOUND or CATALOGUE_OUT_OF_SCOPE. */
async function getManagedEntry(db: Db, context: RequestContext, id: string): Promise<repo.EntryRow> {
  const entry = await getEntry(db, id);
  await assertEntryInScope(db, context, entry);
  return entry;
}

/**
 * Save the draft of an entry. Editing a published entry never changes what was published: it
 * creates a new draft version, which a later publish replaces the published one with.
 */
export async function saveDraft(
  tx: Tx,
  context: RequestContext,
  entryId: string,
  input: EntryContentInput,
): Promise<string> {
  const entry = await getManagedEntry(tx, context, entryId);
  const content = withHandlingCodes(input, entry.implementationCode);
  const draft = await repo.findVersionByStatus(tx, entryId, 'draft');
  if (draft) {
    await repo.updateVersion(tx, draft.id, { content });
  } else {
    await repo.insertVersion(tx, {
      entryId,
      version: await repo.nextVersionNumber(tx, entryId),
      status: 'draft',
      content,
    });
  }
  await recordAudit(tx, context, {
    action: 'catalogue.entry.save-draft',
    entityType: 'catalogue_entry',
    entityId: entryId,
    before: draft?.content,
    after: content,
  });
  return entryId;
}

/** The search document of a published entry, by weight (A strongest). */
async function searchDocument(db: Db, entry: repo.EntryRow, content: EntryContent) {
  const basic = await getBasicItem(db, entry.basicCode);
  const department = await org.findDepartment(db, entry.departmentId);
  const { guide } = content;
  return {
    terms: [entry.name, ...basic.aliases].join(' '),
    document: {
      a: segmentForIndex(entry.name, basic.aliases.join(' ')),
      b: segmentForIndex(
        guide.themes.map((theme) => THEMES[theme]).join(' '),
        guide.result.name,
        content.handlingItems.map((item) => item.name).join(' '),
        department?.name,
        ITEM_TYPES[entry.type as ItemType],
      ),
      c: segmentForIndex(
        guide.acceptanceConditions.join(' '),
        entry.legalBasis.map((b) => b.title).join(' '),
      ),
      d: segmentForIndex(content.materials.map((material) => material.name).join(' ')),
    },
  };
}

/**
 * Publish an entry's draft: every quality rule must pass (all violations are reported at once,
 * nothing is written otherwise); the previously published version is retired as of the new
 * version's first valid day; the search index follows.
 */
export async function publishEntry(
  tx: Tx,
  context: RequestContext,
  entryId: string,
  options: { validFrom?: string | undefined } = {},
): Promise<string> {
  const entry = await getManagedEntry(tx, context, entryId);
  const draft = await repo.findVersionByStatus(tx, entryId, 'draft');
  if (!draft) throw catalogueErrors.noDraft();
  const violations = checkQuality(draft.content);
  if (violations.length > 0) throw catalogueErrors.qualityFailed(violations);
  const validFrom = options.validFrom ?? chinaDate();
  const previous = await repo.findVersionByStatus(tx, entryId, 'published');
  if (previous) {
    await repo.updateVersion(tx, previous.id, {
      status: 'retired',
      validTo: validFrom,
      retiredAt: new Date(),
    });
  }
  const published = await repo.updateVersion(tx, draft.id, {
    status: 'published',
    validFrom,
    publishedAt: new Date(),
  });
  const { guide } = draft.content;
  const { terms, document } = await searchDocument(tx, entry, draft.content);
  await repo.upsertSearchRow(
    tx,
    {
      entryId,
      versionId: published.id,
      implementationCode: entry.implementationCode,
      basicCode: entry.basicCode,
      name: entry.name,
      regionCode: entry.regionCode,
      departmentId: entry.departmentId,
      type: entry.type,
      audiences: guide.audiences,
      themes: guide.themes,
      onlineDepth: guide.onlineDepth,
      highFrequency: guide.highFrequency,
      terms,
    },
    document,
  );
  await recordAudit(tx, context, {
    action: 'catalogue.entry.publish',
    entityType: 'catalogue_entry',
    entityId: entryId,
    before: previous ? { versionId: previous.id, version: previous.version } : null,
    after: { versionId: published.id, version: published.version, validFrom },
  });
  return entryId;
}

/** Retire an entry's published version: it leaves search and guides; cases keep their version. */
export async function retireEntry(tx: Tx, context: RequestContext, entryId: string): Promise<string> {
  await getManagedEntry(tx, context, entryId);
  const published = await repo.findVersionByStatus(tx, entryId, 'published');
  if (!published) throw catalogueErrors.notPublished();
  await repo.updateVersion(tx, published.id, {
    status: 'retired',
    validTo: chinaDate(),
    retiredAt: new Date(),
  });
  await repo.deleteSearchRow(tx, entryId);
  await recordAudit(tx, context, {
    action: 'catalogue.entry.retire',
    entityType: 'catalogue_entry',
    entityId: entryId,
    before: { versionId: published.id, status: 'published' },
    after: { versionId: published.id, status: 'retired' },
  });
  return entryId;
}

/** An entry with all its versions, for administrators (within their scope when a context is given). */
export async function getEntryAdmin(db: Db, entryId: string, context?: RequestContext): Promise<EntryAdmin> {
  const entry = context ? await getManagedEntry(db, context, entryId) : await getEntry(db, entryId);
  const versions = await repo.listVersions(db, entryId);
  return {
    id: entry.id,
    implementationCode: entry.implementationCode,
    basicCode: entry.basicCode,
    name: entry.name,
    regionCode: entry.regionCode,
    departmentId: entry.departmentId,
    versions: versions.map((version) => ({
      id: version.id,
      version: version.version,
      status: version.status,
      validFrom: version.validFrom,
      validTo: version.validTo,
      publishedAt: version.publishedAt?.toISOString() ?? null,
    })),
    draft: versions.find((version) => version.status === 'draft')?.content ?? null,
    published: versions.find((version) => version.status === 'published')?.content ?? null,
  };
}

/** One version with its content, whatever its status: what a case started on keeps executing. */
export async function getEntryVersion(db: Db, versionId: string): Promise<EntryVersion> {
  const version = await repo.findVersion(db, versionId);
  if (!version) throw catalogueErrors.versionNotFound();
  const entry = await getEntry(db, version.entryId);
  return {
    id: version.id,
    entryId: entry.id,
    implementationCode: entry.implementationCode,
    version: version.version,
    status: version.status,
    content: version.content,
  };
}

/**
 * The full guide of a published entry: by 实施编码, or by 基本编码 for a region — the entry of that
 * region, or of the nearest region above it that implements the item.
 */
export async function getGuide(db: Db, code: string, region?: string): Promise<GuideResponse> {
  let entry: repo.EntryRow | undefined;
  if (code.length > 12) {
    entry = await repo.findEntryByCode(db, code);
  } else {
    if (!region) throw catalogueErrors.regionRequired();
    const lineage = await org.regionLineage(db, region);
    if (!lineage) throw orgErrors.regionNotFound(region, 'query.region');
    const row = await repo.findPublishedEntryInLineage(db, code, lineage);
    entry = row ? await repo.findEntry(db, row.entryId) : undefined;
  }
  const published = entry ? await repo.findVersionByStatus(db, entry.id, 'published') : undefined;
  if (!entry || !published) throw catalogueErrors.itemNotFound();
  const [department, regionInfo] = await Promise.all([
    org.findDepartment(db, entry.departmentId),
    org.findRegion(db, entry.regionCode),
  ]);
  return {
    implementationCode: entry.implementationCode,
    basicCode: entry.basicCode,
    versionId: published.id,
    version: published.version,
    validFrom: published.validFrom,
    name: entry.name,
    type: entry.type as ItemType,
    typeLabel: ITEM_TYPES[entry.type as ItemType],
    legalBasis: entry.legalBasis,
    competentSector: entry.competentSector as GuideResponse['competentSector'],
    region: { code: entry.regionCode, name: regionInfo?.name ?? '' },
    department: {
      id: entry.departmentId,
      name: department?.name ?? '',
      creditCode: department?.creditCode ?? '',
    },
    ...published.content,
  };
}

/** How long public answers (guides, searches) are cached; this process's changes clear them at once. */
export const PUBLIC_CACHE_TTL_MS = 30_000;

/** Published guides as applications read them, per database: see `getGuideCached`. */
const cachedGuides = new WeakMap<Db, TtlCache<GuideResponse>>();

/**
 * `getGuide` by 实施编码, kept for PUBLIC_CACHE_TTL_MS: what every application reads first. This
 * process's catalogue changes clear it (`forgetCachedGuides`); another process may start a case on
 * a version published or retired there for up to the TTL, as its guide readers see it.
 */
export function getGuideCached(db: Db, implementationCode: string): Promise<GuideResponse> {
  const root = rootDatabase(db);
  let cache = cachedGuides.get(root);
  if (!cache) {
    cache = new TtlCache<GuideResponse>({ ttlMs: PUBLIC_CACHE_TTL_MS, maxEntries: 5000 });
    cachedGuides.set(root, cache);
  }
  return cache.getOrLoad(implementationCode, () => getGuide(db, implementationCode));
}

/** The catalogue of `db` changed: drop the cached guides. */
export function forgetCachedGuides(db: Db): void {
  cachedGuides.get(rootDatabase(db))?.clear();
}

function toBundleSummary(bundle: Bundle): BundleSummary {
  return {
    code: bundle.code,
    name: bundle.name,
    audience: bundle.audience,
    description: bundle.description,
    itemCount: bundle.items.length,
  };
}

/**
 * Search published items: jieba-segmented full text, ranked, with filters combined in SQL. All
 * words must match; when that finds nothing, any word may. 一件事 bundles matching the words come
 * with the first page.
 */
export async function searchItems(db: Db, query: SearchQuery): Promise<SearchResponse> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  let regionCodes: string[] | undefined;
  if (query.region) {
    regionCodes = await org.regionLineage(db, query.region);
    if (!regionCodes) throw orgErrors.regionNotFound(query.region, 'query.region');
  }
  const tokens = query.q ? queryTokens(query.q) : [];
  const filter = {
    regionCodes,
    departmentId: query.department,
    type: query.type,
    theme: query.theme,
    audience: query.audience,
    onlineDepth: query.onlineDepth,
    highFrequency: query.highFrequency,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  };
  let tsQuery = toTsQuery(tokens, 'all');
  let { rows, total } = await repo.searchEntries(db, { ...filter, tsQuery });
  if (total === 0 && tokens.length > 1) {
    tsQuery = toTsQuery(tokens, 'any');
    ({ rows, total } = await repo.searchEntries(db, { ...filter, tsQuery }));
  }
  const departments = await org.departmentsByIds(
    db,
    rows.map((row) => row.departmentId),
  );
  const items: SearchHit[] = rows.map((row) => ({
    implementationCode: row.implementationCode,
    basicCode: row.basicCode,
    name: row.name,
    type: row.type as ItemType,
    typeLabel: ITEM_TYPES[row.type as ItemType],
    regionCode: row.regionCode,
    department: { id: row.departmentId, name: departments.get(row.departmentId)?.name ?? '' },
    audiences: row.guide.audiences,
    themes: row.guide.themes,
    onlineDepth: row.guide.onlineDepth,
    visits: row.guide.visits,
    handlingType: row.guide.handlingType,
    promisedTimeLimit: row.guide.promisedTimeLimit,
    legalTimeLimit: row.guide.legalTimeLimit,
    charged: row.guide.fee.charged,
    highFrequency: row.guide.highFrequency,
    atMostOneVisit: row.guide.atMostOneVisit,
  }));
  let bundles: BundleSummary[] = [];
  if (tsQuery && page === 1) {
    bundles = (await repo.searchBundles(db, tsQuery, 5))
      .filter((bundle) => !query.audience || bundle.audience === query.audience)
      .map(toBundleSummary);
  }
  return { items, total, page, pageSize, bundles };
}

/** Up to eight item names for what is being typed, tolerant of a wrong character. */
export async function suggest(db: Db, text: string, region?: string) {
  let regionCodes: string[] | undefined;
  if (region) {
    regionCodes = await org.regionLineage(db, region);
    if (!regionCodes) throw orgErrors.regionNotFound(region, 'query.region');
  }
  const rows = await repo.suggestNames(db, text.trim(), regionCodes, 8);
  return { suggestions: rows.map((row) => ({ text: row.name, implementationCode: row.implementationCode })) };
}

/** Quality-rule violations across the catalogue, judged on each entry's draft or published version. */
export async function qualityReport(db: Db, context: RequestContext, query: QualityQuery = {}) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const versions = await repo.currentVersions(db, await scopedRegionCodes(db, context));
  const entries = versions
    .map((version) => ({
      entryId: version.entryId,
      implementationCode: version.implementationCode,
      name: version.name,
      version: version.version,
      status: version.status,
      violations: checkQuality(version.content),
    }))
    .filter((entry) => entry.violations.length > 0);
  return {
    checkedEntries: versions.length,
    violationCount: entries.reduce((sum, entry) => sum + entry.violations.length, 0),
    total: entries.length,
    page,
    pageSize,
    entries: entries.slice((page - 1) * pageSize, page * pageSize),
  };
}

/**
 * 事项管理 list: implementation entries in the caller's scope (their region subtree and, when
 * their scope names departments, those departments), whatever their versions' state, filtered by a
 * region subtree, a department, a state and text, paged — all in one SQL statement.
 */
export async function listEntriesAdmin(
  db: Db,
  context: RequestContext,
  query: EntryListQuery,
): Promise<EntryListResponse> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const filter = await entryScopeFilter(db, context, query);
  const { rows, total } = await repo.listEntriesAdmin(db, {
    ...filter,
    status: query.status,
    text: query.q?.trim() || undefined,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  const departments = await org.departmentsByIds(
    db,
    rows.map((row) => row.departmentId),
  );
  const regionNames = new Map<string, string>();
  for (const code of new Set(rows.map((row) => row.regionCode))) {
    regionNames.set(code, (await org.findRegion(db, code))?.name ?? code);
  }
  const items = rows.map(
    (row): EntryListItem => ({
      id: row.id,
      implementationCode: row.implementationCode,
      basicCode: row.basicCode,
      name: row.name,
      type: row.type as ItemType,
      typeLabel: ITEM_TYPES[row.type as ItemType],
      region: { code: row.regionCode, name: regionNames.get(row.regionCode) ?? row.regionCode },
      department: { id: row.departmentId, name: departments.get(row.departmentId)?.name ?? '' },
      publishedVersion: row.publishedVersion,
      draftVersion: row.draftVersion,
      latestVersion: row.latestVersion,
      status: row.publishedVersion !== null ? 'published' : row.draftVersion !== null ? 'draft' : 'retired',
      updatedAt: new Date(row.updatedAt).toISOString(),
    }),
  );
  return { items, total, page, pageSize };
}

/**
 * The regions and departments a caller's entry list (or export) covers: their scope narrowed by
 * the region subtree and department they chose. An unknown region is ORG_REGION_NOT_FOUND.
 */
export async function entryScopeFilter(
  db: Db,
  context: RequestContext,
  query: { region?: string | undefined; department?: string | undefined },
): Promise<{ regionCodes?: string[]; departmentIds?: readonly string[] }> {
  let regionCodes = await scopedRegionCodes(db, context);
  if (query.region) {
    if (!(await org.findRegion(db, query.region)))
      throw orgErrors.regionNotFound(query.region, 'query.region');
    const chosen = await org.regionSubtreeCodes(db, query.region);
    regionCodes = regionCodes ? chosen.filter((code) => regionCodes?.includes(code)) : chosen;
  }
  let departmentIds = context.scope?.departmentIds;
  if (query.department) {
    departmentIds = departmentIds
      ? departmentIds.filter((id) => id === query.department)
      : [query.department];
  }
  return { ...(regionCodes ? { regionCodes } : {}), ...(departmentIds ? { departmentIds } : {}) };
}

/** Define a 一件事 bundle; every item must be in the basic catalogue. */
export async function createBundle(tx: Tx, context: RequestContext, bundle: Bundle): Promise<Bundle> {
  await assertBasicCatalogueScope(tx, context);
  const known = new Set(
    (
      await repo.findBasicItems(
        tx,
        bundle.items.map((item) => item.basicCode),
      )
    ).map((row) => row.basicCode),
  );
  bundle.items.forEach((item, index) => {
    if (!known.has(item.basicCode)) throw catalogueErrors.bundleItemUnknown(item.basicCode, index);
  });
  const names = (await repo.findBasicItems(tx, [...known])).map((row) => row.name);
  await repo.insertBundle(tx, bundle, [bundle.name, ...bundle.aliases].join(' '), {
    a: segmentForIndex(bundle.name, bundle.aliases.join(' ')),
    b: segmentForIndex(bundle.themes.map((theme) => THEMES[theme]).join(' ')),
    c: segmentForIndex(bundle.description),
    d: segmentForIndex(names.join(' ')),
  });
  await recordAudit(tx, context, {
    action: 'catalogue.bundle.create',
    entityType: 'catalogue_bundle',
    entityId: bundle.code,
    after: bundle,
  });
  return bundle;
}

export async function listBundles(db: Db): Promise<BundleSummary[]> {
  return (await repo.listBundles(db)).map((row) => toBundleSummary(row.content));
}

/** A bundle with the names of its items. */
export async function getBundle(db: Db, code: string) {
  const row = await repo.findBundle(db, code);
  if (!row) throw catalogueErrors.bundleNotFound();
  const items = await repo.findBasicItems(
    db,
    row.content.items.map((item) => item.basicCode),
  );
  const names = new Map(items.map((item) => [item.basicCode, item.name]));
  return {
    code: row.code,
    name: row.name,
    audience: row.content.audience,
    description: row.content.description,
    themes: row.content.themes,
    items: row.content.items.map((item) => ({
      basicCode: item.basicCode,
      name: names.get(item.basicCode) ?? item.basicCode,
      condition: item.condition ?? null,
    })),
  };
}
