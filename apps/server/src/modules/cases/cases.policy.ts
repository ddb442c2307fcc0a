import { type Principal, scopeReaches } from '../../platform/access.js';
import type { ProcessStep } from '../catalogue/catalogue.model.js';

/** Permissions of the case engine, one per role of a process step (the identity module grants them). */
export const casePermissions = {
  /** 综合窗口: pre-review, acceptance, 一窗受理, 即办. */
  window: 'cases.window',
  /** 审查 */
  review: 'cases.review',
  /** 审批决定, extension, termination. */
  approve: 'cases.approve',
  /** 制证送达 */
  produce: 'cases.produce',
  /** 电子监察: read every case in scope. */
  supervise: 'cases.supervise',
  /** Connect department systems: webhook subscriptions. */
  integrate: 'cases.integrate',
} as const;

/** Any staff permission of the case engine: who may open the workbench. */
export const STAFF_CASE_PERMISSIONS: readonly string[] = Object.values(casePermissions);

export const ROLE_PERMISSION: Record<ProcessStep['role'], string> = {
  window_clerk: casePermissions.window,
  reviewer: casePermissions.review,
  approver: casePermissions.approve,
  licence_officer: casePermissions.produce,
};

/** Whether a staff member's scope reaches a department in a region (no scope: everywhere). */
export function reachesDepartment(
  principal: Principal,
  departmentId: string,
  regionLineage: readonly string[],
): boolean {
  return scopeReaches(principal.scope, departmentId, regionLineage);
}

/** Whether the principal holds the permission and reaches one of the departments. */
export function mayActFor(
  principal: Principal,
  permission: string,
  departmentIds: readonly string[],
  regionLineage: readonly string[],
): boolean {
  if (principal.kind !== 'staff' || !principal.permissions.has(permission)) return false;
  return departmentIds.some((id) => reachesDepartment(principal, id, regionLineage));
}

/** The department among `departmentIds` the principal acts for (the first it reaches). */
export function actingDepartment(
  principal: Principal,
  departmentIds: readonly string[],
  regionLineage: readonly string[],
): string | undefined {
  return departmentIds.find((id) => reachesDepartment(principal, id, regionLineage));
}
