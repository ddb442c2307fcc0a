import type { StaffScope } from '../../platform/access.js';

/**
 * Staff roles (岗位角色) and the named permissions each carries. Routes and services check
 * permissions, never roles, so a role can change what it grants in this one place.
 */
export const ROLE_PERMISSIONS = {
  /** 综合窗口: pre-review, acceptance, 一窗受理, 即办, 现场核验 of identities. */
  window_clerk: ['cases.window', 'identity.accounts.verify'],
  /** 审查 */
  reviewer: ['cases.review'],
  /** 审批决定, extension, termination. */
  approver: ['cases.approve'],
  /** 制证送达: produce the result and issue, change and revoke e-licences (电子证照). */
  licence_officer: ['cases.produce', 'licences.issue'],
  /** 事项管理 */
  catalogue_admin: ['catalogue.manage'],
  /** 电子监察 */
  supervisor: ['cases.supervise'],
  /** 数据共享: connects department systems to case events and to the e-licence sharing interface. */
  data_admin: ['cases.integrate', 'licences.share'],
  /** 系统管理: organisation, calendar, accounts, roles, relying parties, licence types and seals. */
  system_admin: [
    'org.department.manage',
    'calendar.manage',
    'identity.accounts.manage',
    'identity.accounts.verify',
    'identity.roles.manage',
    'identity.clients.manage',
    'licences.manage',
  ],
} as const satisfies Record<string, readonly string[]>;

export type Role = keyof typeof ROLE_PERMISSIONS;

/** Chinese names of the roles, for the console. */
export const ROLE_NAMES: Record<Role, string> = {
  window_clerk: '综合窗口',
  reviewer: '审查人员',
  approver: '审批人员',
  licence_officer: '制证送达',
  catalogue_admin: '事项管理员',
  supervisor: '电子监察',
  data_admin: '数据管理员',
  system_admin: '系统管理员',
};

export const ROLES = Object.keys(ROLE_PERMISSIONS) as Role[];

export function isRole(value: string): value is Role {
  return Object.hasOwn(ROLE_PERMISSIONS, value);
}

/** One active grant as the scope computation needs it. */
export interface GrantScope {
  role: Role;
  /** The department, expanded to its sub-units where the grant says so. */
  departmentIds: readonly string[] | null;
  regionCode: string | null;
}

/** What a staff member may do, and where. */
export interface StaffAuthority {
  permissions: ReadonlySet<string>;
  /** Absent: everywhere (a grant without department or region). */
  scope?: StaffScope;
}

/**
 * The permissions and the scope of a staff member's grants. A staff member's grants share one
 * kind of scope (see `scopeConflict`), so the union of their departments, or their one region,
 * is exactly where every permission applies.
 */
export function staffAuthority(grants: readonly GrantScope[]): StaffAuthority {
  const permissions = new Set<string>(grants.flatMap((grant) => ROLE_PERMISSIONS[grant.role]));
  if (grants.length === 0 || grants.some((grant) => !grant.departmentIds && !grant.regionCode))
    return grants.length === 0 ? { permissions, scope: { departmentIds: [] } } : { permissions };
  const departmentIds = [...new Set(grants.flatMap((grant) => grant.departmentIds ?? []))];
  const regionCode = grants.find((grant) => grant.regionCode)?.regionCode ?? undefined;
  return {
    permissions,
    scope: {
      ...(departmentIds.length > 0 ? { departmentIds } : {}),
      ...(regionCode ? { regionCode } : {}),
    },
  };
}

/** The scope a grant asks for, as stored. */
export interface RequestedScope {
  departmentId: string | null;
  regionCode: string | null;
}

/**
 * Why a new grant cannot join a staff member's existing grants, or null when it can. Grants are
 * all by department, all over one region, or all unrestricted: a mix would let one role's scope
 * widen or narrow another's.
 */
export function scopeConflict(existing: readonly RequestedScope[], wanted: RequestedScope): string | null {
  const kind = (scope: RequestedScope) =>
    scope.departmentId ? 'department' : scope.regionCode ? `region:${scope.regionCode}` : 'everywhere';
  const conflicting = existing.find((grant) => kind(grant) !== kind(wanted));
  if (!conflicting) return null;
  return `该工作人员已有的角色范围为“${describeScope(conflicting)}”，新角色的范围必须一致`;
}

function describeScope(scope: RequestedScope): string {
  if (scope.departmentId) return '按部门';
  if (scope.regionCode) return `行政区划 ${scope.regionCode} 及下级`;
  return '全部';
}
