import { isValidCitizenId, normalizeCitizenId } from '@yiwang/codes';
import { type Principal, scopeReaches } from '../../platform/access.js';
import { type RequestContext, recordAudit } from '../../platform/audit.js';
import { chinaDate } from '../../platform/china-time.js';
import type { Db, Tx } from '../../platform/database.js';
import type { FieldCipher } from '../../platform/field-crypto.js';
import * as org from '../org/org.service.js';
import * as accounts from './identity.accounts.repo.js';
import * as repo from './identity.authority.repo.js';
import { identityErrors } from './identity.errors.js';
import {
  type GrantScope,
  isRole,
  ROLE_NAMES,
  ROLE_PERMISSIONS,
  ROLES,
  type Role,
  scopeConflict,
  staffAuthority,
} from './identity.roles.js';

/** A role grant as the console shows it. */
export interface RoleGrant {
  id: string;
  role: Role;
  roleName: string;
  departmentId: string | null;
  includeSubUnits: boolean;
  regionCode: string | null;
  grantedBy: string;
  createdAt: string;
}

function toRoleGrant(row: repo.RoleGrantRow): RoleGrant {
  const role = row.role as Role;
  return {
    id: row.id,
    role,
    roleName: ROLE_NAMES[role] ?? row.role,
    departmentId: row.departmentId,
    includeSubUnits: row.includeSubUnits,
    regionCode: row.regionCode,
    grantedBy: row.grantedBy,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A staff member's roles in force. */
export async function listRoleGrants(db: Db, accountId: string): Promise<RoleGrant[]> {
  const account = await accounts.findAccountById(db, accountId);
  if (!account) throw identityErrors.accountNotFound();
  return (await repo.activeRoleGrants(db, accountId)).map(toRoleGrant);
}

export interface GrantRoleInput {
  role: string;
  departmentId?: string;
  includeSubUnits?: boolean;
  regionCode?: string;
}

/**
 * Grant a staff member a role over a scope: a department (with or without its sub-units), a region
 * subtree, or everywhere. An administrator with a scope may grant only inside it.
 */
export async function grantRole(
  tx: Tx,
  context: RequestContext,
  accountId: string,
  input: GrantRoleInput,
): Promise<RoleGrant> {
  if (!isRole(input.role)) throw identityErrors.roleUnknown('body.role');
  const account = await accounts.findAccountById(tx, accountId);
  if (!account) throw identityErrors.accountNotFound();
  if (account.kind !== 'staff') throw identityErrors.scopeInvalid('只能为工作人员账户授予角色', 'params.id');
  if (input.departmentId && input.regionCode)
    throw identityErrors.scopeInvalid('角色范围为一个部门或一个行政区划，不能同时指定', 'body.regionCode');
  if (input.includeSubUnits && !input.departmentId)
    throw identityErrors.scopeInvalid('“含下级单位”只适用于按部门授权', 'body.includeSubUnits');

  let departmentRegion: string | undefined;
  if (input.departmentId) {
    const department = await org.findDepartment(tx, input.departmentId);
    if (!department) throw identityErrors.scopeInvalid('部门不存在', 'body.departmentId');
    departmentRegion = department.regionCode;
  }
  if (input.regionCode && !(await org.findRegion(tx, input.regionCode)))
    throw identityErrors.scopeInvalid('行政区划不存在', 'body.regionCode');
  await assertWithinGranterScope(tx, context, input.departmentId, departmentRegion ?? input.regionCode);

  const existing = await repo.activeRoleGrants(tx, accountId);
  const wanted = { departmentId: input.departmentId ?? null, regionCode: input.regionCode ?? null };
  const conflict = scopeConflict(existing, wanted);
  if (conflict) throw identityErrors.scopeInvalid(conflict, 'body');
  const same = existing.find(
    (grant) =>
      grant.role === input.role &&
      grant.departmentId === wanted.departmentId &&
      grant.regionCode === wanted.regionCode,
  );
  if (same) throw identityErrors.roleAlreadyGranted();

  const row = await repo.insertRoleGrant(tx, {
    accountId,
    role: input.role,
    departmentId: wanted.departmentId,
    includeSubUnits: input.includeSubUnits ?? false,
    regionCode: wanted.regionCode,
    grantedBy: `${context.actor.kind}:${context.actor.id}`,
  });
  const grant = toRoleGrant(row);
  await recordAudit(tx, context, {
    action: 'identity.role.granted',
    entityType: 'account',
    entityId: accountId,
    after: grant,
  });
  forgetPrincipals();
  return grant;
}

/** Take back a role grant (it stays on record as revoked). */
export async function revokeRole(tx: Tx, context: RequestContext, grantId: string, now: Date): Promise<void> {
  const existing = await repo.findRoleGrant(tx, grantId);
  if (!existing || existing.revokedAt) throw identityErrors.roleGrantNotFound();
  const department = existing.departmentId ? await org.findDepartment(tx, existing.departmentId) : undefined;
  await assertWithinGranterScope(
    tx,
    context,
    existing.departmentId ?? undefined,
    department?.regionCode ?? existing.regionCode ?? undefined,
  );
  await repo.revokeRoleGrant(tx, grantId, now);
  await recordAudit(tx, context, {
    action: 'identity.role.revoked',
    entityType: 'account',
    entityId: existing.accountId,
    before: toRoleGrant(existing),
  });
  forgetPrincipals();
}

/** A scoped administrator grants and revokes only inside their own scope (deny by default). */
async function assertWithinGranterScope(
  db: Db | Tx,
  context: RequestContext,
  departmentId: string | undefined,
  regionCode: string | undefined,
): Promise<void> {
  if (!context.scope) return;
  const lineage = regionCode ? ((await org.regionLineage(db as Db, regionCode)) ?? []) : [];
  if (!scopeReaches(context.scope, departmentId ?? null, lineage))
    throw identityErrors.scopeInvalid('只能在您自己的管理范围内授予或收回角色', 'body');
}

/** What a staff member may do and where, from their grants (departments expanded to sub-units). */
export async function staffAuthorityOf(db: Db, accountId: string) {
  const grants = await repo.activeRoleGrants(db, accountId);
  const scopes: GrantScope[] = [];
  for (const grant of grants) {
    if (!isRole(grant.role)) continue;
    let departmentIds: string[] | null = null;
    if (grant.departmentId)
      departmentIds = grant.includeSubUnits
        ? await org.departmentSubtreeIds(db, grant.departmentId)
        : [grant.departmentId];
    scopes.push({ role: grant.role, departmentIds, regionCode: grant.regionCode });
  }
  return staffAuthority(scopes);
}

/** 经办人授权 as the enterprise sees it. */
export interface AgentGrant {
  id: string;
  personName: string;
  personIdentifierMasked: string | null;
  itemCodes: string[];
  validFrom: string;
  validUntil: string;
  revokedAt: string | null;
  createdAt: string;
}

export interface GrantAgentInput {
  /** The agent's citizen ID: they must have registered as a person. */
  citizenId: string;
  /** Items (实施编码 or 基本编码) the agent may apply for; empty or absent: every item. */
  itemCodes?: string[];
  validFrom: string;
  validUntil: string;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** An enterprise authorizes a registered person to act for it (经办人) within items and dates. */
export async function grantAgent(
  tx: Tx,
  context: RequestContext,
  cipher: FieldCipher,
  enterpriseId: string,
  input: GrantAgentInput,
): Promise<AgentGrant> {
  const citizenId = normalizeCitizenId(input.citizenId);
  if (!isValidCitizenId(citizenId)) throw identityErrors.citizenIdInvalid('body.citizenId');
  for (const [field, value] of [
    ['body.validFrom', input.validFrom],
    ['body.validUntil', input.validUntil],
  ] as const)
    if (!ISO_DAY.test(value) || Number.isNaN(Date.parse(value)))
      throw identityErrors.agentGrantInvalid('日期无效，应为 YYYY-MM-DD', field);
  if (input.validFrom > input.validUntil)
    throw identityErrors.agentGrantInvalid('授权截止日期不能早于起始日期', 'body.validUntil');
  const enterprise = await accounts.findAccountById(tx, enterpriseId);
  if (enterprise?.kind !== 'enterprise') throw identityErrors.notAnEnterprise();
  const [person] = await accounts.findAccountByIdentifier(tx, ['person'], cipher.blindIndex(citizenId));
  if (person?.status !== 'active')
    throw identityErrors.agentGrantInvalid('该身份证号码尚未注册个人账户，请经办人先注册', 'body.citizenId');
  const itemCodes = [...new Set((input.itemCodes ?? []).map((code) => code.trim()).filter(Boolean))];
  const row = await repo.insertAgentGrant(tx, {
    enterpriseId,
    personId: person.id,
    itemCodes,
    validFrom: input.validFrom,
    validUntil: input.validUntil,
    grantedBy: enterpriseId,
  });
  await recordAudit(tx, context, {
    action: 'identity.agent.granted',
    entityType: 'account',
    entityId: enterpriseId,
    after: {
      grantId: row.id,
      personId: person.id,
      itemCodes,
      validFrom: row.validFrom,
      validUntil: row.validUntil,
    },
  });
  forgetPrincipals();
  const [listed] = (await listAgentGrants(tx, enterpriseId)).filter((grant) => grant.id === row.id);
  if (!listed) throw new Error('agent grant vanished');
  return listed;
}

/** An enterprise withdraws an agent's authorization. */
export async function revokeAgent(
  tx: Tx,
  context: RequestContext,
  enterpriseId: string,
  grantId: string,
  now: Date,
): Promise<void> {
  const row = await repo.revokeAgentGrant(tx, enterpriseId, grantId, now);
  if (!row) throw identityErrors.agentGrantNotFound();
  await recordAudit(tx, context, {
    action: 'identity.agent.revoked',
    entityType: 'account',
    entityId: enterpriseId,
    before: { grantId, personId: row.personId },
  });
  forgetPrincipals();
}

/** Every agent grant an enterprise has made, in force or not. */
export async function listAgentGrants(db: Db | Tx, enterpriseId: string): Promise<AgentGrant[]> {
  const rows = await repo.agentGrantsOfEnterprise(db, enterpriseId);
  return rows.map(({ grant, personName, personIdentifierMasked }) => ({
    id: grant.id,
    personName,
    personIdentifierMasked,
    itemCodes: grant.itemCodes,
    validFrom: grant.validFrom,
    validUntil: grant.validUntil,
    revokedAt: grant.revokedAt?.toISOString() ?? null,
    createdAt: grant.createdAt.toISOString(),
  }));
}

/** An enterprise a person may act for today, as the identity chooser shows it (选择办事身份). */
export interface ActingOption {
  enterpriseId: string;
  name: string;
  creditCodeMasked: string;
  /** Items the agent may apply for; empty: every item. */
  itemCodes: string[];
  validUntil: string;
}

/** The enterprises a person is an authorized agent of today. */
export async function actingOptions(
  db: Db | Tx,
  personAccountId: string,
  now = new Date(),
): Promise<ActingOption[]> {
  const rows = await repo.agentGrantsOfPerson(db, personAccountId, chinaDate(now));
  const byEnterprise = new Map<string, ActingOption>();
  for (const { grant, enterpriseName, enterpriseIdentifierMasked } of rows) {
    const known = byEnterprise.get(grant.enterpriseId);
    if (known) {
      // Two grants in force: the wider one (no item list = every item) wins.
      known.itemCodes =
        known.itemCodes.length === 0 || grant.itemCodes.length === 0
          ? []
          : [...new Set([...known.itemCodes, ...grant.itemCodes])];
      if (grant.validUntil > known.validUntil) known.validUntil = grant.validUntil;
      continue;
    }
    byEnterprise.set(grant.enterpriseId, {
      enterpriseId: grant.enterpriseId,
      name: enterpriseName,
      creditCodeMasked: enterpriseIdentifierMasked ?? '',
      itemCodes: [...grant.itemCodes],
      validUntil: grant.validUntil,
    });
  }
  return [...byEnterprise.values()];
}

/** Who is calling, as the API sees them: the signed-in account, or the enterprise its agent acts for. */
export interface PrincipalRequest {
  /** The signed-in account (the token's `sub`). */
  accountId: string;
  /** The enterprise a person acts for as its agent (the token's `act_for`). */
  actFor?: string;
  now?: Date;
}

const principals = new Map<string, { principal: Principal | null; expires: number }>();
const PRINCIPAL_TTL_MS = 15_000;

/** Changes to roles, agents or accounts take effect on every later request, not after the cache. */
export function forgetPrincipals(): void {
  principals.clear();
}

/** A principal's own identifier in clear, with its blind index (what records are filed under). */
function identified(cipher: FieldCipher, identifier: string) {
  return { identifier, identifierIndex: cipher.blindIndex(identifier) };
}

/**
 * The principal for an authenticated account, or null when the account is gone or disabled, or the
 * agent's authorization for the enterprise is no longer in force. Kept for a few seconds.
 */
export async function principalFor(
  db: Db,
  cipher: FieldCipher,
  request: PrincipalRequest,
): Promise<Principal | null> {
  const now = request.now ?? new Date();
  const key = `${request.accountId}|${request.actFor ?? ''}`;
  const cached = principals.get(key);
  if (cached && cached.expires > now.getTime()) return cached.principal;
  const principal = await loadPrincipal(db, cipher, request, now);
  if (principals.size > 10_000) principals.clear();
  principals.set(key, { principal, expires: now.getTime() + PRINCIPAL_TTL_MS });
  return principal;
}

async function loadPrincipal(
  db: Db,
  cipher: FieldCipher,
  request: PrincipalRequest,
  now: Date,
): Promise<Principal | null> {
  const account = await accounts.findAccountById(db, request.accountId);
  if (account?.status !== 'active') return null;
  if (request.actFor) {
    if (account.kind !== 'person') return null;
    const [option] = (await actingOptions(db, account.id, now)).filter(
      (candidate) => candidate.enterpriseId === request.actFor,
    );
    const enterprise = option ? await accounts.findAccountById(db, option.enterpriseId) : undefined;
    if (!option || !enterprise?.identifierEncrypted) return null;
    return {
      id: option.enterpriseId,
      kind: 'enterprise',
      name: option.name,
      permissions: new Set(),
      assurance: account.assurance,
      ...identified(cipher, cipher.decrypt(enterprise.identifierEncrypted)),
      agent: { id: account.id, name: account.name, itemCodes: option.itemCodes },
    };
  }
  if (account.kind !== 'staff')
    return {
      id: account.id,
      kind: account.kind,
      name: account.name,
      permissions: new Set(),
      assurance: account.assurance,
      ...(account.identifierEncrypted ? identified(cipher, cipher.decrypt(account.identifierEncrypted)) : {}),
    };
  const authority = await staffAuthorityOf(db, account.id);
  return {
    id: account.id,
    kind: 'staff',
    name: account.name,
    permissions: authority.permissions,
    assurance: account.assurance,
    ...(authority.scope ? { scope: authority.scope } : {}),
  };
}

/** The roles, their Chinese names and what each permits, for the console. */
export function roleCatalogue(): { role: Role; name: string; permissions: readonly string[] }[] {
  return ROLES.map((role) => ({ role, name: ROLE_NAMES[role], permissions: ROLE_PERMISSIONS[role] }));
}

/** A staff member as a colleague picker shows them. */
export interface StaffMember {
  id: string;
  name: string;
  username: string | null;
  departmentId: string | null;
  departmentName: string | null;
  roles: { role: Role; name: string }[];
}

export interface StaffHoldingQuery {
  /** Staff holding a role that carries any of these permissions. */
  permissions: readonly string[];
  /** Where the role must be held: departments, or region subtrees (codes expanded); absent: anywhere. */
  departmentIds?: readonly string[] | undefined;
  regionCodes?: readonly string[] | undefined;
  q?: string | undefined;
  accountId?: string | undefined;
  page: number;
  pageSize: number;
}

/**
 * Active staff who hold, within a scope, a role carrying one of the permissions (the case engine's
 * colleague picker for leads): paged and filtered in SQL, with each one's department and roles there.
 */
export async function listStaffHolding(
  db: Db,
  query: StaffHoldingQuery,
): Promise<{ items: StaffMember[]; total: number }> {
  const roles = ROLES.filter((role) =>
    (ROLE_PERMISSIONS[role] as readonly string[]).some((permission) =>
      query.permissions.includes(permission),
    ),
  );
  const { rows, total } = await repo.listStaffHolding(db, {
    roles,
    departmentIds: query.departmentIds,
    // A role granted at a unit above "with sub-units" reaches these departments too.
    lineageIds: query.departmentIds ? await org.departmentLineageIds(db, query.departmentIds) : undefined,
    regionCodes: query.regionCodes,
    text: query.q?.trim() || undefined,
    accountId: query.accountId,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const departments = await org.departmentsByIds(
    db,
    rows.flatMap((row) => (row.departmentId ? [row.departmentId] : [])),
  );
  return {
    items: rows.map((row) => ({
      id: row.id,
      name: row.name,
      username: row.username,
      departmentId: row.departmentId,
      departmentName: row.departmentId ? (departments.get(row.departmentId)?.name ?? null) : null,
      roles: row.roles.filter(isRole).map((role) => ({ role, name: ROLE_NAMES[role] })),
    })),
    total,
  };
}
