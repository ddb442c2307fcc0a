import { type Principal, scopeReaches } from '../../platform/access.js';

/** The permissions of the licences module (granted by identity.roles.ts). */
export const licencePermissions = {
  /** 制证: issue, import, change, renew, suspend, revoke and cancel licences of one's departments. */
  issue: 'licences.issue',
  /** 证照类型 and 电子印章 administration. */
  manage: 'licences.manage',
  /** 共享接口: department systems query holders' licences. */
  share: 'licences.share',
} as const;

/**
 * Whether a staff member's scope reaches a department (in a region given by its lineage, the
 * region and every region above it). No scope: everywhere.
 */
export function reachesDepartment(
  principal: Principal,
  departmentId: string,
  regionLineage: readonly string[],
): boolean {
  return scopeReaches(principal.scope, departmentId, regionLineage);
}
