import type { Me } from '../../api/types';

/** Permissions that open the workbench (any case work). */
export const CASE_PERMISSIONS = [
  'cases.window',
  'cases.review',
  'cases.approve',
  'cases.produce',
  'cases.supervise',
] as const;

/** Permissions that open a part of the administration console. */
export const ADMIN_PERMISSIONS = [
  'catalogue.manage',
  'identity.accounts.manage',
  'identity.roles.manage',
  'identity.clients.manage',
  'calendar.manage',
  'licences.manage',
  'org.department.manage',
  'cases.integrate',
] as const;

/** Whether the signed-in user holds any of the permissions. */
export function holdsAny(me: Me | undefined, permissions: readonly string[]): boolean {
  if (me?.kind !== 'staff') return false;
  return permissions.some((permission) => me.permissions.includes(permission));
}
