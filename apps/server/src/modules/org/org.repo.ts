import { and, asc, count, eq, ilike, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { departments, regions } from '../../db/schema/org.js';
import { type Db, queryRows, type Tx } from '../../platform/database.js';

export type RegionRow = typeof regions.$inferSelect;
export type DepartmentRow = typeof departments.$inferSelect;
export type DepartmentWithRegion = DepartmentRow & { regionName: string };

/** Regions directly under `parentCode`, or the top level when it is null. */
export function listRegionChildren(db: Db, parentCode: string | null): Promise<RegionRow[]> {
  return db
    .select()
    .from(regions)
    .where(parentCode === null ? isNull(regions.parentCode) : eq(regions.parentCode, parentCode))
    .orderBy(asc(regions.code));
}

export async function findRegion(db: Db, code: string): Promise<RegionRow | undefined> {
  const [row] = await db.select().from(regions).where(eq(regions.code, code));
  return row;
}

export async function countRegionChildren(db: Db, code: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(regions).where(eq(regions.parentCode, code));
  return row?.n ?? 0;
}

/** Ancestors of a region from the top level down, not including the region itself. */
export async function regionAncestors(
  db: Db,
  code: string,
): Promise<Pick<RegionRow, 'code' | 'name' | 'level'>[]> {
  const rows = await queryRows<{ code: string; name: string; level: RegionRow['level']; depth: number }>(
    db,
    sql`
    with recursive up(code, name, level, parent_code, depth) as (
      select code, name, level, parent_code, 0 from ${regions} where code = ${code}
      union all
      select r.code, r.name, r.level, r.parent_code, up.depth + 1
      from ${regions} r join up on r.code = up.parent_code
    )
    select code, name, level, depth from up where depth > 0 order by depth desc`,
  );
  return rows.map(({ code: c, name, level }) => ({ code: c, name, level }));
}

/** SQL for the codes of a region and every region below it. */
function regionSubtree(code: string): SQL {
  return sql`(with recursive down(code) as (
      select code from ${regions} where code = ${code}
      union all
      select r.code from ${regions} r join down on r.parent_code = down.code
    ) select code from down)`;
}

export async function hasAnyRegion(db: Db): Promise<boolean> {
  const [row] = await db.select({ code: regions.code }).from(regions).limit(1);
  return row !== undefined;
}

export async function insertRegions(tx: Tx, rows: (typeof regions.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await tx.insert(regions).values(rows);
}

export async function renameRegion(tx: Tx, code: string, name: string): Promise<RegionRow> {
  const [row] = await tx.update(regions).set({ name }).where(eq(regions.code, code)).returning();
  if (!row) throw new Error('region update returned no row');
  return row;
}

const departmentColumns = {
  id: departments.id,
  key: departments.key,
  name: departments.name,
  shortName: departments.shortName,
  sector: departments.sector,
  creditCode: departments.creditCode,
  regionCode: departments.regionCode,
  parentId: departments.parentId,
  createdAt: departments.createdAt,
  updatedAt: departments.updatedAt,
  regionName: regions.name,
};

export interface DepartmentFilter {
  regionCode?: string | undefined;
  includeSubRegions?: boolean | undefined;
  nameContains?: string | undefined;
  sector?: string | undefined;
  limit: number;
  offset: number;
}

/** One page of departments, filtered in SQL, with the total for the pager. */
export async function listDepartments(
  db: Db,
  filter: DepartmentFilter,
): Promise<{ rows: DepartmentWithRegion[]; total: number }> {
  const conditions: SQL[] = [];
  if (filter.regionCode) {
    conditions.push(
      filter.includeSubRegions
        ? sql`${departments.regionCode} in ${regionSubtree(filter.regionCode)}`
        : eq(departments.regionCode, filter.regionCode),
    );
  }
  if (filter.nameContains) {
    conditions.push(ilike(departments.name, `%${filter.nameContains.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  }
  if (filter.sector) conditions.push(eq(departments.sector, filter.sector));
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const [rows, [totalRow]] = await Promise.all([
    db
      .select(departmentColumns)
      .from(departments)
      .innerJoin(regions, eq(regions.code, departments.regionCode))
      .where(where)
      .orderBy(asc(departments.regionCode), asc(departments.key))
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ n: count() }).from(departments).where(where),
  ]);
  return { rows, total: totalRow?.n ?? 0 };
}

export async function findDepartment(db: Db, id: string): Promise<DepartmentWithRegion | undefined> {
  const [row] = await db
    .select(departmentColumns)
    .from(departments)
    .innerJoin(regions, eq(regions.code, departments.regionCode))
    .where(eq(departments.id, id));
  return row;
}

/** Departments (with their region's name) by id. */
export async function findDepartmentsByIds(db: Db, ids: string[]): Promise<DepartmentWithRegion[]> {
  if (ids.length === 0) return [];
  return db
    .select(departmentColumns)
    .from(departments)
    .innerJoin(regions, eq(regions.code, departments.regionCode))
    .where(inArray(departments.id, ids));
}

/** Departments (with their region's name) by stable key. */
export async function findDepartmentsByKeys(db: Db, keys: string[]): Promise<DepartmentWithRegion[]> {
  if (keys.length === 0) return [];
  return db
    .select(departmentColumns)
    .from(departments)
    .innerJoin(regions, eq(regions.code, departments.regionCode))
    .where(inArray(departments.key, keys));
}

/** Departments (with their region's name) by unified social credit code (统一社会信用代码). */
export async function findDepartmentsByCreditCodes(
  db: Db,
  creditCodes: string[],
): Promise<DepartmentWithRegion[]> {
  if (creditCodes.length === 0) return [];
  return db
    .select(departmentColumns)
    .from(departments)
    .innerJoin(regions, eq(regions.code, departments.regionCode))
    .where(inArray(departments.creditCode, creditCodes));
}

/** Which of the unique columns a candidate collides on. */
export async function findDepartmentConflicts(
  db: Db,
  candidate: { key?: string; creditCode?: string },
): Promise<{ key: boolean; creditCode: boolean }> {
  const rows = await db
    .select({ key: departments.key, creditCode: departments.creditCode })
    .from(departments)
    .where(
      sql`${departments.key} = ${candidate.key ?? null} or ${departments.creditCode} = ${candidate.creditCode ?? null}`,
    );
  return {
    key: rows.some((row) => row.key === candidate.key),
    creditCode: rows.some((row) => row.creditCode === candidate.creditCode),
  };
}

export async function insertDepartment(tx: Tx, row: typeof departments.$inferInsert): Promise<DepartmentRow> {
  const [inserted] = await tx.insert(departments).values(row).returning();
  if (!inserted) throw new Error('department insert returned no row');
  return inserted;
}

export async function updateDepartment(
  tx: Tx,
  id: string,
  changes: Partial<Pick<DepartmentRow, 'name' | 'shortName' | 'parentId' | 'sector' | 'creditCode'>>,
): Promise<DepartmentRow> {
  const [updated] = await tx
    .update(departments)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(departments.id, id))
    .returning();
  if (!updated) throw new Error('department update returned no row');
  return updated;
}

/** Ids of some departments and of every unit above any of them (a parent cycle, grants with sub-units). */
export async function departmentLineageIds(db: Db, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<{ id: string }>(
    db,
    sql`
    with recursive up(id, parent_id) as (
      select id, parent_id from ${departments} where id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})
      union
      select d.id, d.parent_id from ${departments} d join up on d.id = up.parent_id
    )
    select id from up`,
  );
  return rows.map((row) => row.id);
}

/** Codes of a region and every region below it. */
export async function regionSubtreeCodes(db: Db, code: string): Promise<string[]> {
  const rows = await queryRows<{ code: string }>(
    db,
    sql`select code from ${regionSubtree(code)} as codes(code)`,
  );
  return rows.map((row) => row.code);
}

/** Ids of the departments of a region and of every region below it. */
export async function departmentIdsInRegionSubtree(db: Db, code: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from ${departments} where region_code in ${regionSubtree(code)}`,
  );
  return rows.map((row) => row.id);
}

/** Ids of a department and every unit below it. */
export async function departmentSubtreeIds(db: Db, id: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`
    with recursive down(id) as (
      select id from ${departments} where id = ${id}
      union all
      select d.id from ${departments} d join down on d.parent_id = down.id
    )
    select id from down`,
  );
  return rows.map((row) => row.id);
}
