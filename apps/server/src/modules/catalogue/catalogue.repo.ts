import { and, asc, desc, eq, inArray, max, type SQL, sql } from 'drizzle-orm';
import { basicItems, bundles, entries, entryVersions, searchIndex } from '../../db/schema/catalogue.js';
import { type Db, queryRows, type Tx } from '../../platform/database.js';
import type { BasicItem, Bundle, EntryContent } from './catalogue.model.js';

export type BasicItemRow = typeof basicItems.$inferSelect;
export type EntryRow = typeof entries.$inferSelect;
export type VersionRow = typeof entryVersions.$inferSelect;
export type SearchRow = typeof searchIndex.$inferSelect;

export async function findBasicItem(db: Db, code: string): Promise<BasicItemRow | undefined> {
  const [row] = await db.select().from(basicItems).where(eq(basicItems.basicCode, code));
  return row;
}

export async function findBasicItems(db: Db, codes: string[]): Promise<BasicItemRow[]> {
  if (codes.length === 0) return [];
  return db.select().from(basicItems).where(inArray(basicItems.basicCode, codes));
}

export async function insertBasicItem(tx: Tx, item: BasicItem): Promise<BasicItemRow> {
  const [row] = await tx
    .insert(basicItems)
    .values({ ...item, parentCode: item.parentCode ?? null })
    .returning();
  if (!row) throw new Error('basic item insert returned no row');
  return row;
}

export async function insertEntry(tx: Tx, entry: typeof entries.$inferInsert): Promise<EntryRow> {
  const [row] = await tx.insert(entries).values(entry).returning();
  if (!row) throw new Error('entry insert returned no row');
  return row;
}

export async function findEntry(db: Db, id: string): Promise<EntryRow | undefined> {
  const [row] = await db.select().from(entries).where(eq(entries.id, id));
  return row;
}

export async function findEntryByCode(db: Db, implementationCode: string): Promise<EntryRow | undefined> {
  const [row] = await db.select().from(entries).where(eq(entries.implementationCode, implementationCode));
  return row;
}

/** The published entry of a basic item nearest to a region: the region itself first, then its ancestors. */
export async function findPublishedEntryInLineage(
  db: Db,
  basicCode: string,
  lineage: string[],
): Promise<SearchRow | undefined> {
  const rows = await db
    .select()
    .from(searchIndex)
    .where(and(eq(searchIndex.basicCode, basicCode), inArray(searchIndex.regionCode, lineage)));
  return rows.sort((a, b) => lineage.indexOf(a.regionCode) - lineage.indexOf(b.regionCode))[0];
}

export function listVersions(db: Db, entryId: string): Promise<VersionRow[]> {
  return db
    .select()
    .from(entryVersions)
    .where(eq(entryVersions.entryId, entryId))
    .orderBy(asc(entryVersions.version));
}

export async function findVersionByStatus(
  db: Db,
  entryId: string,
  status: 'draft' | 'published',
): Promise<VersionRow | undefined> {
  const [row] = await db
    .select()
    .from(entryVersions)
    .where(and(eq(entryVersions.entryId, entryId), eq(entryVersions.status, status)));
  return row;
}

export async function findVersion(db: Db, id: string): Promise<VersionRow | undefined> {
  const [row] = await db.select().from(entryVersions).where(eq(entryVersions.id, id));
  return row;
}

export async function nextVersionNumber(tx: Tx, entryId: string): Promise<number> {
  const [row] = await tx
    .select({ last: max(entryVersions.version) })
    .from(entryVersions)
    .where(eq(entryVersions.entryId, entryId));
  return (row?.last ?? 0) + 1;
}

/** Columns a write returns: everything but the (large) content, which the caller already has. */
const versionHeader = {
  id: entryVersions.id,
  entryId: entryVersions.entryId,
  version: entryVersions.version,
  status: entryVersions.status,
  validFrom: entryVersions.validFrom,
  validTo: entryVersions.validTo,
};
export type VersionHeader = { [K in keyof typeof versionHeader]: VersionRow[K] };

export async function insertVersion(
  tx: Tx,
  version: typeof entryVersions.$inferInsert,
): Promise<VersionHeader> {
  const [row] = await tx.insert(entryVersions).values(version).returning(versionHeader);
  if (!row) throw new Error('version insert returned no row');
  return row;
}

export async function updateVersion(
  tx: Tx,
  id: string,
  changes: Partial<
    Pick<VersionRow, 'content' | 'status' | 'validFrom' | 'validTo' | 'publishedAt' | 'retiredAt'>
  >,
): Promise<VersionRow> {
  const [row] = await tx
    .update(entryVersions)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(entryVersions.id, id))
    .returning();
  if (!row) throw new Error('version update returned no row');
  return row;
}

/** The version each entry is judged by: its draft when it has one, else its published version. */
export async function currentVersions(
  db: Db,
  regionCodes?: string[],
): Promise<(VersionRow & { implementationCode: string; name: string })[]> {
  const region = regionCodes ? sql`and e.region_code in ${regionCodes}` : sql``;
  return queryRows(
    db,
    sql`select distinct on (v.entry_id)
          v.id, v.entry_id as "entryId", v.version, v.status, v.content,
          e.implementation_code as "implementationCode", e.name
        from ${entryVersions} v join ${entries} e on e.id = v.entry_id
        where v.status in ('draft', 'published') ${region}
        order by v.entry_id, case v.status when 'draft' then 0 else 1 end`,
  );
}

export interface SearchDocument {
  /** Segmented text per weight: A name and aliases, B themes and results, C conditions and basis, D materials. */
  a: string;
  b: string;
  c: string;
  d: string;
}

const weighted = (doc: SearchDocument): SQL =>
  sql`setweight(to_tsvector('simple', ${doc.a}), 'A') || setweight(to_tsvector('simple', ${doc.b}), 'B') ||
      setweight(to_tsvector('simple', ${doc.c}), 'C') || setweight(to_tsvector('simple', ${doc.d}), 'D')`;

export async function upsertSearchRow(
  tx: Tx,
  row: Omit<SearchRow, 'document' | 'titleDocument'>,
  document: SearchDocument,
): Promise<void> {
  const values = {
    ...row,
    document: weighted(document),
    titleDocument: sql`setweight(to_tsvector('simple', ${document.a}), 'A') || setweight(to_tsvector('simple', ${document.b}), 'B')`,
  };
  await tx
    .insert(searchIndex)
    .values(values)
    .onConflictDoUpdate({ target: searchIndex.entryId, set: values });
}

export async function deleteSearchRow(tx: Tx, entryId: string): Promise<void> {
  await tx.delete(searchIndex).where(eq(searchIndex.entryId, entryId));
}

export interface SearchFilter {
  tsQuery: string | null;
  regionCodes?: string[] | undefined;
  departmentId?: string | undefined;
  type?: string | undefined;
  theme?: string | undefined;
  audience?: string | undefined;
  onlineDepth?: number | undefined;
  highFrequency?: boolean | undefined;
  limit: number;
  offset: number;
}

export interface SearchResultRow {
  entryId: string;
  versionId: string;
  implementationCode: string;
  basicCode: string;
  name: string;
  regionCode: string;
  departmentId: string;
  type: string;
  audiences: string[];
  themes: string[];
  onlineDepth: number;
  highFrequency: boolean;
  guide: EntryContent['guide'];
}

/**
 * Ranked full-text search with filters, in SQL. Titles (name, aliases, themes, results) are searched
 * first; only when they match nothing is the whole document (conditions, materials) searched — so a
 * word every guide mentions (身份证) does not make the database rank every entry. The page is ranked
 * without touching the versions; the guides of just that page are read afterwards.
 */
export async function searchEntries(
  db: Db,
  filter: SearchFilter,
): Promise<{ rows: SearchResultRow[]; total: number }> {
  const filters: SQL[] = [];
  if (filter.regionCodes) filters.push(sql`s.region_code in ${filter.regionCodes}`);
  if (filter.departmentId) filters.push(sql`s.department_id = ${filter.departmentId}`);
  if (filter.type) filters.push(sql`s.type = ${filter.type}`);
  if (filter.theme) filters.push(sql`${filter.theme} = any(s.themes)`);
  if (filter.audience) filters.push(sql`${filter.audience} = any(s.audiences)`);
  if (filter.onlineDepth) filters.push(sql`s.online_depth = ${filter.onlineDepth}`);
  if (filter.highFrequency !== undefined) filters.push(sql`s.high_frequency = ${filter.highFrequency}`);
  const query = filter.tsQuery ? sql`to_tsquery('simple', ${filter.tsQuery})` : null;

  const page = async (column: SQL | null) => {
    const conditions = column && query ? [sql`${column} @@ ${query}`, ...filters] : filters;
    const where = conditions.length > 0 ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
    const rank = column && query ? sql`ts_rank(${column}, ${query})` : sql`0::real`;
    // One statement: rank and count the matches on the narrow search rows, then read the guides
    // of just this page.
    const rows = await queryRows<SearchResultRow & { total: number; rank: number } & Record<string, unknown>>(
      db,
      sql`with hits as (
            select s.entry_id, s.version_id, s.implementation_code, s.basic_code, s.name, s.region_code,
              s.department_id, s.type, s.audiences, s.themes, s.online_depth, s.high_frequency,
              ${rank} as rank, count(*) over () as total
            from ${searchIndex} s ${where}
            order by rank desc, s.high_frequency desc, s.name, s.region_code
            limit ${filter.limit} offset ${filter.offset}
          )
          select h.entry_id as "entryId", h.version_id as "versionId", h.implementation_code as "implementationCode",
            h.basic_code as "basicCode", h.name, h.region_code as "regionCode", h.department_id as "departmentId",
            h.type, h.audiences, h.themes, h.online_depth as "onlineDepth", h.high_frequency as "highFrequency",
            v.content -> 'guide' as guide, h.total::int as total, h.rank
          from hits h join ${entryVersions} v on v.id = h.version_id
          order by h.rank desc, h.high_frequency desc, h.name, h.region_code`,
    );
    if (rows.length > 0 || filter.offset === 0) return { rows, total: rows[0]?.total ?? 0 };
    // A page past the end: count, so the caller still learns how many there are.
    const [count] = await queryRows<{ total: number }>(
      db,
      sql`select count(*)::int as total from ${searchIndex} s ${where}`,
    );
    return { rows, total: count?.total ?? 0 };
  };

  let result = await page(query ? sql`s.title_document` : null);
  if (query && result.total === 0) result = await page(sql`s.document`);
  return {
    total: result.total,
    rows: result.rows.map(({ total: _total, rank: _rank, ...row }) => row),
  };
}

/** Names close to what was typed: prefix and substring matches first, then trigram similarity (typos). */
export async function suggestNames(
  db: Db,
  text: string,
  regionCodes: string[] | undefined,
  limit: number,
): Promise<{ name: string; implementationCode: string }[]> {
  const region = regionCodes ? sql`and region_code in ${regionCodes}` : sql``;
  return queryRows(
    db,
    sql`select name, implementation_code as "implementationCode" from (
          select distinct on (name) name, implementation_code,
            (terms like ${`${text}%`})::int * 2 + (terms like ${`%${text}%`})::int as hit,
            similarity(terms, ${text}) as score
          from ${searchIndex}
          where (terms like ${`%${text}%`} or similarity(terms, ${text}) > 0.15) ${region}
          order by name, implementation_code
        ) candidates
        order by hit desc, score desc, name
        limit ${limit}`,
  );
}

export async function insertBundle(
  tx: Tx,
  bundle: Bundle,
  terms: string,
  document: SearchDocument,
): Promise<void> {
  await tx.insert(bundles).values({
    code: bundle.code,
    name: bundle.name,
    audience: bundle.audience,
    content: bundle,
    terms,
    document: weighted(document),
  });
}

export function listBundles(db: Db): Promise<(typeof bundles.$inferSelect)[]> {
  return db.select().from(bundles).orderBy(asc(bundles.code));
}

export async function findBundle(db: Db, code: string): Promise<typeof bundles.$inferSelect | undefined> {
  const [row] = await db.select().from(bundles).where(eq(bundles.code, code));
  return row;
}

export async function searchBundles(db: Db, tsQuery: string, limit: number): Promise<Bundle[]> {
  const query = sql`to_tsquery('simple', ${tsQuery})`;
  const rows = await db
    .select({ content: bundles.content })
    .from(bundles)
    .where(sql`${bundles.document} @@ ${query}`)
    .orderBy(desc(sql`ts_rank_cd(${bundles.document}, ${query})`))
    .limit(limit);
  return rows.map((row) => row.content);
}

/** Basic items after a code, in code order (keyset paging): for export. */
export function listBasicItemsAfter(db: Db, afterCode: string, limit: number): Promise<BasicItemRow[]> {
  return db
    .select()
    .from(basicItems)
    .where(sql`${basicItems.basicCode} > ${afterCode}`)
    .orderBy(asc(basicItems.basicCode))
    .limit(limit);
}

/** An entry with the version an export shows, and what the export needs of its content. */
export interface EntryExportRow extends Record<string, unknown> {
  implementationCode: string;
  basicCode: string;
  name: string;
  regionCode: string;
  departmentId: string;
  version: number;
  status: VersionRow['status'];
  guide: EntryContent['guide'];
  /** Names of the materials, in order. */
  materialNames: string[];
}

/**
 * Entries after an implementation code, in code order (keyset paging), each with its published
 * version, else its draft, else its latest retired version: for export.
 */
export function listEntriesForExport(
  db: Db,
  afterCode: string,
  limit: number,
  scope: { regionCodes?: readonly string[]; departmentIds?: readonly string[] } = {},
): Promise<EntryExportRow[]> {
  if (scope.regionCodes?.length === 0 || scope.departmentIds?.length === 0) return Promise.resolve([]);
  const region = scope.regionCodes ? sql`and e.region_code in ${scope.regionCodes}` : sql``;
  const department = scope.departmentIds ? sql`and e.department_id in ${scope.departmentIds}` : sql``;
  return queryRows<EntryExportRow>(
    db,
    sql`select distinct on (e.implementation_code)
          e.implementation_code as "implementationCode", e.basic_code as "basicCode", e.name,
          e.region_code as "regionCode", e.department_id as "departmentId", v.version, v.status,
          v.content -> 'guide' as guide,
          coalesce((select jsonb_agg(m.value ->> 'name' order by m.ordinality)
                    from jsonb_array_elements(v.content -> 'materials') with ordinality as m(value, ordinality)),
                   '[]'::jsonb) as "materialNames"
        from ${entries} e join ${entryVersions} v on v.entry_id = e.id
        where e.implementation_code > ${afterCode} ${region} ${department}
        order by e.implementation_code,
          case v.status when 'published' then 0 when 'draft' then 1 else 2 end, v.version desc
        limit ${limit}`,
  );
}

/** Filters of the administrators' entry list; every one is applied in SQL. */
export interface EntryListFilter {
  /** Entries of these regions only (the caller's scope and/or a chosen region subtree). */
  regionCodes?: string[] | undefined;
  /** Entries of these departments only (a department-scoped caller, or one chosen department). */
  departmentIds?: readonly string[] | undefined;
  /** `draft`: has a draft; `published`: has a published version; `retired`: has neither. */
  status?: 'draft' | 'published' | 'retired' | undefined;
  /** Part of the name, or the start of the 实施编码 or 基本编码. */
  text?: string | undefined;
  limit: number;
  offset: number;
}

export interface EntryListRow extends Record<string, unknown> {
  id: string;
  implementationCode: string;
  basicCode: string;
  name: string;
  type: string;
  regionCode: string;
  departmentId: string;
  publishedVersion: number | null;
  draftVersion: number | null;
  latestVersion: number;
  updatedAt: Date | string;
}

/** `like` pattern text with its wildcards escaped. */
const likeText = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A page of implementation entries for administrators, whatever the state of their versions:
 * the published and draft version numbers come from the partial unique indexes (one each per
 * entry), the filters and the count from the same statement.
 */
export async function listEntriesAdmin(
  db: Db,
  filter: EntryListFilter,
): Promise<{ rows: EntryListRow[]; total: number }> {
  const conditions: SQL[] = [];
  if (filter.regionCodes) {
    if (filter.regionCodes.length === 0) return { rows: [], total: 0 };
    conditions.push(sql`e.region_code in ${filter.regionCodes}`);
  }
  if (filter.departmentIds) {
    if (filter.departmentIds.length === 0) return { rows: [], total: 0 };
    conditions.push(sql`e.department_id in ${filter.departmentIds}`);
  }
  if (filter.status === 'draft') conditions.push(sql`d.version is not null`);
  if (filter.status === 'published') conditions.push(sql`p.version is not null`);
  if (filter.status === 'retired') conditions.push(sql`p.version is null and d.version is null`);
  if (filter.text) {
    const text = likeText(filter.text);
    conditions.push(
      sql`(e.name like ${`%${text}%`} or e.implementation_code like ${`${text.toUpperCase()}%`} or e.basic_code like ${`${text.toUpperCase()}%`})`,
    );
  }
  const where = conditions.length > 0 ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  const from = sql`from ${entries} e
    left join ${entryVersions} p on p.entry_id = e.id and p.status = 'published'
    left join ${entryVersions} d on d.entry_id = e.id and d.status = 'draft'
    ${where}`;
  const rows = await queryRows<EntryListRow & { total: number }>(
    db,
    sql`select e.id, e.implementation_code as "implementationCode", e.basic_code as "basicCode", e.name,
          e.type, e.region_code as "regionCode", e.department_id as "departmentId",
          p.version as "publishedVersion", d.version as "draftVersion",
          (select max(v.version) from ${entryVersions} v where v.entry_id = e.id)::int as "latestVersion",
          greatest(coalesce(d.updated_at, p.updated_at, e.created_at), e.created_at) as "updatedAt",
          count(*) over ()::int as total
        ${from}
        order by e.region_code, e.name, e.implementation_code
        limit ${filter.limit} offset ${filter.offset}`,
  );
  if (rows.length > 0 || filter.offset === 0) {
    return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
  }
  const [count] = await queryRows<{ total: number }>(db, sql`select count(*)::int as total ${from}`);
  return { rows: [], total: count?.total ?? 0 };
}

export interface BasicItemListFilter {
  text?: string | undefined;
  type?: string | undefined;
  limit: number;
  offset: number;
}

/** A page of basic items in code order, each with how many implementation entries it has. */
export async function listBasicItems(
  db: Db,
  filter: BasicItemListFilter,
): Promise<{ rows: (BasicItemRow & { entryCount: number })[]; total: number }> {
  const conditions: SQL[] = [];
  if (filter.type) conditions.push(sql`b.type = ${filter.type}`);
  if (filter.text) {
    const text = likeText(filter.text);
    conditions.push(sql`(b.name like ${`%${text}%`} or b.basic_code like ${`${text.toUpperCase()}%`})`);
  }
  const where = conditions.length > 0 ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  const rows = await queryRows<BasicItemRow & { entryCount: number; total: number }>(
    db,
    sql`select b.basic_code as "basicCode", b.name, b.type, b.competent_sector as "competentSector",
          b.implementing_sector as "implementingSector", b.levels, b.legal_basis as "legalBasis",
          b.parent_code as "parentCode", b.aliases, b.created_at as "createdAt", b.updated_at as "updatedAt",
          (select count(*) from ${entries} e where e.basic_code = b.basic_code)::int as "entryCount",
          count(*) over ()::int as total
        from ${basicItems} b ${where}
        order by b.basic_code
        limit ${filter.limit} offset ${filter.offset}`,
  );
  if (rows.length > 0 || filter.offset === 0) {
    return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
  }
  const [count] = await queryRows<{ total: number }>(
    db,
    sql`select count(*)::int as total from ${basicItems} b ${where}`,
  );
  return { rows: [], total: count?.total ?? 0 };
}

/** The regions where a basic item has implementation entries. */
export async function entryRegionsOfBasicItem(db: Db, basicCode: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ regionCode: entries.regionCode })
    .from(entries)
    .where(eq(entries.basicCode, basicCode));
  return rows.map((row) => row.regionCode);
}

export async function countEntriesOfBasicItem(db: Db, basicCode: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(entries)
    .where(eq(entries.basicCode, basicCode));
  return row?.count ?? 0;
}

export async function updateBasicItem(tx: Tx, item: BasicItem): Promise<BasicItemRow> {
  const [row] = await tx
    .update(basicItems)
    .set({
      name: item.name,
      type: item.type,
      competentSector: item.competentSector,
      implementingSector: item.implementingSector,
      levels: item.levels,
      legalBasis: item.legalBasis,
      parentCode: item.parentCode ?? null,
      aliases: item.aliases,
      updatedAt: sql`now()`,
    })
    .where(eq(basicItems.basicCode, item.basicCode))
    .returning();
  if (!row) throw new Error('basic item update returned no row');
  return row;
}
