import type { RequestContext } from '../../platform/audit.js';
import type { Db } from '../../platform/database.js';
import { AppError } from '../../platform/errors.js';
import * as org from '../org/org.service.js';

/** Named permissions of the catalogue module. */
export const cataloguePermissions = {
  /** Create, edit, publish and retire items (事项管理, catalogue administrators). */
  manage: 'catalogue.manage',
} as const;

const outOfScope = (message: string, field: string) =>
  new AppError('CATALOGUE_OUT_OF_SCOPE', 403, message, { field });

/**
 * A catalogue administrator manages the entries of their region subtree and, when their scope names
 * departments, only those departments' entries.
 */
export async function assertEntryInScope(
  db: Db,
  context: RequestContext,
  entry: { regionCode: string; departmentId: string },
  field = 'params.id',
): Promise<void> {
  const scope = context.scope;
  if (!scope) return;
  if (scope.regionCode) {
    const lineage = (await org.regionLineage(db, entry.regionCode)) ?? [];
    if (!lineage.includes(scope.regionCode)) throw outOfScope('该事项不在您管理的行政区划范围内', field);
  }
  if (scope.departmentIds && !scope.departmentIds.includes(entry.departmentId)) {
    throw outOfScope('该事项不属于您所在的部门', field);
  }
}

/** The basic catalogue is one for the whole province and above: region- or department-scoped staff may not edit it. */
export async function assertBasicCatalogueScope(db: Db, context: RequestContext): Promise<void> {
  const scope = context.scope;
  if (!scope) return;
  const top = scope.regionCode ? (await org.regionLineage(db, scope.regionCode))?.length === 1 : true;
  if (!top || scope.departmentIds) throw outOfScope('只有省级及以上事项管理员可以维护基本目录', 'body');
}

/** The region codes a caller's list queries are limited to, or undefined for no limit. */
export async function scopedRegionCodes(db: Db, context: RequestContext): Promise<string[] | undefined> {
  return context.scope?.regionCode ? org.regionSubtreeCodes(db, context.scope.regionCode) : undefined;
}
