import { isValidRegionCode, parentRegionCode, regionLevelOf, validateCreditCode } from '@yiwang/codes';
import { scopeReaches } from '../../platform/access.js';
import { type RequestContext, recordAudit } from '../../platform/audit.js';
import { TtlCache } from '../../platform/cache.js';
import { type Db, rootDatabase, type Tx } from '../../platform/database.js';
import { orgErrors } from './org.errors.js';
import * as repo from './org.repo.js';
import type {
  CreateDepartmentInput,
  CreateRegionInput,
  Department,
  DepartmentListQuery,
  Region,
  UpdateDepartmentInput,
} from './org.schemas.js';
import type { Sector } from './org.sectors.js';

function toRegion(row: repo.RegionRow): Region {
  return { code: row.code, name: row.name, level: row.level, parentCode: row.parentCode };
}

function toDepartment(row: repo.DepartmentWithRegion): Department {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    shortName: row.shortName,
    sector: row.sector as Sector,
    creditCode: row.creditCode,
    regionCode: row.regionCode,
    regionName: row.regionName,
    parentId: row.parentId,
  };
}

/** Regions directly below `parentCode` (the top level when absent). */
export async function listRegions(db: Db, parentCode: string | null): Promise<Region[]> {
  if (parentCode !== null && !(await repo.findRegion(db, parentCode))) {
    throw orgErrors.regionNotFound(parentCode, 'query.parentCode');
  }
  return (await repo.listRegionChildren(db, parentCode)).map(toRegion);
}

/** A region by code, or undefined. For other modules that show a region's name. */
export async function findRegion(db: Db, code: string): Promise<Region | undefined> {
  const row = await repo.findRegion(db, code);
  return row ? toRegion(row) : undefined;
}

/** One region with its path from the top and how many regions lie directly below it. */
export async function getRegion(db: Db, code: string) {
  const row = await repo.findRegion(db, code);
  if (!row) throw orgErrors.regionNotFound(code);
  const [path, childCount] = await Promise.all([
    repo.regionAncestors(db, code),
    repo.countRegionChildren(db, code),
  ]);
  return { ...toRegion(row), path, childCount };
}

/** A page of departments, optionally within a region or a whole region subtree. */
export async function listDepartments(db: Db, query: DepartmentListQuery) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  if (query.regionCode && !(await repo.findRegion(db, query.regionCode))) {
    throw orgErrors.regionNotFound(query.regionCode, 'query.regionCode');
  }
  const { rows, total } = await repo.listDepartments(db, {
    regionCode: query.regionCode,
    includeSubRegions: query.includeSubRegions,
    nameContains: query.q,
    sector: query.sector,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return { items: rows.map(toDepartment), total, page, pageSize };
}

/** A department by id; throws ORG_DEPARTMENT_NOT_FOUND. */
export async function getDepartment(db: Db, id: string, field = 'params.id'): Promise<Department> {
  const row = await repo.findDepartment(db, id);
  if (!row) throw orgErrors.departmentNotFound(field);
  return toDepartment(row);
}

/** Find a department by id, or undefined. For other modules that refer to departments. */
export async function findDepartment(db: Db, id: string): Promise<Department | undefined> {
  const row = await repo.findDepartment(db, id);
  return row ? toDepartment(row) : undefined;
}

/**
 * Register a department. The unified social credit code must be valid (GB 32100 check character
 * and the embedded GB 11714 organisation code) and carry the region code of the department's
 * county or above; key and code are unique. Audited in the same transaction.
 */
export async function createDepartment(tx: Tx, context: RequestContext, input: CreateDepartmentInput) {
  const creditCode = input.creditCode.toUpperCase();
  const validation = validateCreditCode(creditCode);
  if (!validation.ok) throw orgErrors.creditCodeInvalid(validation.reason);
  const region = await repo.findRegion(tx, input.regionCode);
  if (!region) throw orgErrors.regionNotFound(input.regionCode, 'body.regionCode');
  // The credit code carries a 6-digit GB/T 2260 code: the county (or higher) where it was issued.
  if (creditCode.slice(2, 8) !== input.regionCode.slice(0, 6)) throw orgErrors.creditCodeRegionMismatch();
  if (input.parentId) await getDepartment(tx, input.parentId, 'body.parentId');
  // A department-scoped administrator registers units below their departments; a region-scoped one
  // departments of their region subtree.
  await assertReaches(
    tx,
    context,
    input.parentId ?? null,
    input.regionCode,
    input.parentId ? 'body.parentId' : 'body.regionCode',
  );
  const conflicts = await repo.findDepartmentConflicts(tx, { key: input.key, creditCode });
  if (conflicts.key) throw orgErrors.keyTaken();
  if (conflicts.creditCode) throw orgErrors.creditCodeTaken();

  const row = await repo.insertDepartment(tx, {
    key: input.key,
    name: input.name.trim(),
    shortName: input.shortName.trim(),
    sector: input.sector ?? 'other',
    creditCode,
    regionCode: input.regionCode,
    parentId: input.parentId ?? null,
  });
  const department = toDepartment({ ...row, regionName: region.name });
  await recordAudit(tx, context, {
    action: 'org.department.create',
    entityType: 'department',
    entityId: row.id,
    after: department,
  });
  return department;
}

/**
 * Change a department: rename it, move it under another parent (never under itself or its own
 * units), correct its line (条线) or its credit code (checked as at registration). Its region stays:
 * its catalogue entries and cases belong to that region, so a department that moves is a new one.
 * The department, and a new parent, must be within the caller's scope. Audited.
 */
export async function updateDepartment(
  tx: Tx,
  context: RequestContext,
  id: string,
  input: UpdateDepartmentInput,
) {
  const before = await getDepartment(tx, id);
  await assertReaches(tx, context, id, before.regionCode, 'params.id');
  if (input.parentId) {
    const parent = await getDepartment(tx, input.parentId, 'body.parentId');
    await assertReaches(tx, context, parent.id, parent.regionCode, 'body.parentId');
    const ancestorsOfNewParent = await repo.departmentLineageIds(tx, [input.parentId]);
    if (ancestorsOfNewParent.includes(id)) throw orgErrors.parentInvalid('上级部门不能是本部门或其下属单位');
  }
  let creditCode: string | undefined;
  if (input.creditCode !== undefined && input.creditCode.toUpperCase() !== before.creditCode) {
    creditCode = input.creditCode.toUpperCase();
    const validation = validateCreditCode(creditCode);
    if (!validation.ok) throw orgErrors.creditCodeInvalid(validation.reason);
    if (creditCode.slice(2, 8) !== before.regionCode.slice(0, 6)) throw orgErrors.creditCodeRegionMismatch();
    if ((await repo.findDepartmentConflicts(tx, { key: before.key, creditCode })).creditCode) {
      throw orgErrors.creditCodeTaken();
    }
  }
  await repo.updateDepartment(tx, id, {
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(input.shortName !== undefined ? { shortName: input.shortName.trim() } : {}),
    ...(input.parentId !== undefined ? { parentId: input.parentId } : {}),
    ...(input.sector !== undefined ? { sector: input.sector } : {}),
    ...(creditCode !== undefined ? { creditCode } : {}),
  });
  const after = await getDepartment(tx, id);
  await recordAudit(tx, context, {
    action: 'org.department.update',
    entityType: 'department',
    entityId: id,
    before,
    after,
  });
  return after;
}

/**
 * Lineages asked for again and again (every region-filtered search), kept per database handle for a
 * few minutes. Regions are added (seeding, createRegion) but never moved or removed; createRegion
 * clears this, since a code looked up before it existed is remembered as unknown. Other processes
 * see a new region within the TTL.
 */
const lineages = new WeakMap<Db, TtlCache<string[] | null>>();

/** The codes of a region and all its ancestors (nearest first), or undefined for an unknown region. */
export async function regionLineage(db: Db, code: string): Promise<string[] | undefined> {
  const root = rootDatabase(db);
  let cache = lineages.get(root);
  if (!cache) {
    cache = new TtlCache<string[] | null>({ ttlMs: 300_000, maxEntries: 10_000 });
    lineages.set(root, cache);
  }
  const lineage = await cache.getOrLoad(code, async () => {
    const row = await repo.findRegion(db, code);
    if (!row) return null;
    const ancestors = await repo.regionAncestors(db, code);
    return [code, ...ancestors.map((ancestor) => ancestor.code).reverse()];
  });
  return lineage ?? undefined;
}

/** Departments by id, for modules that show department names next to their own records. */
export async function departmentsByIds(db: Db, ids: readonly string[]): Promise<Map<string, Department>> {
  const rows = await repo.findDepartmentsByIds(db, [...new Set(ids)]);
  return new Map(rows.map((row) => [row.id, toDepartment(row)]));
}

/** Departments by their stable keys (seed and import files name departments by key). */
export async function departmentsByKeys(db: Db, keys: readonly string[]): Promise<Map<string, Department>> {
  const rows = await repo.findDepartmentsByKeys(db, [...new Set(keys)]);
  return new Map(rows.map((row) => [row.key, toDepartment(row)]));
}

/**
 * Departments by unified social credit code (统一社会信用代码), keyed by the code in upper case as
 * stored; import files name departments this way.
 */
export async function departmentsByCreditCodes(
  db: Db,
  creditCodes: readonly string[],
): Promise<Map<string, Department>> {
  const rows = await repo.findDepartmentsByCreditCodes(db, [
    ...new Set(creditCodes.map((code) => code.toUpperCase())),
  ]);
  return new Map(rows.map((row) => [row.creditCode, toDepartment(row)]));
}

/** Codes of a region and every region below it (a staff member's region scope, for SQL filters). */
export function regionSubtreeCodes(db: Db, code: string): Promise<string[]> {
  return repo.regionSubtreeCodes(db, code);
}

/** Ids of the departments in a region subtree (a region-scoped staff member's departments, for SQL filters). */
export function departmentIdsInRegionSubtree(db: Db, code: string): Promise<string[]> {
  return repo.departmentIdsInRegionSubtree(db, code);
}

/** Ids of some departments and of every unit above them (whose roles "with sub-units" reach them). */
export function departmentLineageIds(db: Db, ids: readonly string[]): Promise<string[]> {
  return repo.departmentLineageIds(db, ids);
}

/** Ids of a department and all its sub-units (a role granted "with sub-units"). */
export function departmentSubtreeIds(db: Db, id: string): Promise<string[]> {
  return repo.departmentSubtreeIds(db, id);
}

/** Refuses (ORG_OUT_OF_SCOPE) what lies outside the caller's scope: a department, or a region when none. */
async function assertReaches(
  db: Db,
  context: RequestContext,
  departmentId: string | null,
  regionCode: string,
  field: string,
): Promise<void> {
  if (!context.scope) return;
  const lineage = (await regionLineage(db, regionCode)) ?? [regionCode];
  if (!scopeReaches(context.scope, departmentId, lineage)) {
    throw orgErrors.outOfScope(
      departmentId ? '该部门不在您管理的范围内' : '该行政区划不在您管理的范围内',
      field,
    );
  }
}

/**
 * Add a region (行政区划) below an existing one, e.g. a new township (街道) from a 区划调整. The code
 * decides its level and its parent (GB/T 2260: 6 digits down to county, 12 below); the parent must
 * exist and lie within the caller's region scope; department-scoped administrators add none. Audited.
 */
export async function createRegion(
  tx: Tx,
  context: RequestContext,
  input: CreateRegionInput,
): Promise<Region> {
  if (!isValidRegionCode(input.code)) {
    throw orgErrors.regionCodeInvalid(`行政区划代码 ${input.code} 不符合 GB/T 2260 的编码规则`);
  }
  if (input.code.length === 12 && input.code.slice(6) === '000000') {
    throw orgErrors.regionCodeInvalid('县级及以上行政区划使用 6 位代码');
  }
  const level = regionLevelOf(input.code);
  const parentCode = parentRegionCode(input.code);
  if (level === 'province' && context.scope) {
    throw orgErrors.outOfScope('只有全域管理员可以增设省级行政区划', 'body.code');
  }
  if (parentCode && !(await repo.findRegion(tx, parentCode))) {
    throw orgErrors.regionCodeInvalid(`上级行政区划 ${parentCode} 不存在，请先添加上级区划`);
  }
  if (await repo.findRegion(tx, input.code)) throw orgErrors.regionTaken(input.code);
  if (parentCode) await assertReaches(tx, context, null, parentCode, 'body.code');
  const region: Region = { code: input.code, name: input.name.trim(), level, parentCode };
  await repo.insertRegions(tx, [region]);
  // The lineage cache may remember this code as unknown.
  forgetLineages(tx);
  await recordAudit(tx, context, {
    action: 'org.region.create',
    entityType: 'region',
    entityId: region.code,
    after: region,
  });
  return region;
}

/** Rename a region within the caller's scope (a 更名 by the State Council or province). Audited. */
export async function renameRegion(
  tx: Tx,
  context: RequestContext,
  code: string,
  name: string,
): Promise<Region> {
  const row = await repo.findRegion(tx, code);
  if (!row) throw orgErrors.regionNotFound(code);
  await assertReaches(tx, context, null, code, 'params.code');
  const before = toRegion(row);
  const after = toRegion(await repo.renameRegion(tx, code, name.trim()));
  await recordAudit(tx, context, {
    action: 'org.region.rename',
    entityType: 'region',
    entityId: code,
    before,
    after,
  });
  return after;
}

function forgetLineages(db: Db): void {
  lineages.get(rootDatabase(db))?.clear();
}
