import {
  isValidRegionCode,
  maskCitizenId,
  maskMobile,
  normalizeCitizenId,
  normalizeCreditCode,
  validateCitizenId,
  validateCreditCode,
} from '@yiwang/codes';
import { scopeReaches } from '../../platform/access.js';
import { type RequestContext, recordAudit } from '../../platform/audit.js';
import { type Db, type Tx, withTransaction } from '../../platform/database.js';
import type { FieldCipher } from '../../platform/field-crypto.js';
import { findDepartment, regionLineage, regionSubtreeCodes } from '../org/org.service.js';
import type { AccountKind, AccountRow } from './identity.accounts.repo.js';
import * as repo from './identity.accounts.repo.js';
import { forgetPrincipals } from './identity.authority.js';
import { identityErrors } from './identity.errors.js';
import {
  assertPasswordRules,
  hashPassword,
  PASSWORD_HISTORY_DEPTH,
  type PasswordOwner,
  type PasswordRule,
  passwordProblems,
  verifyPassword,
} from './identity.passwords.js';
import type { PopulationBase } from './identity.ports.js';

/** What the identity services need besides the transaction: the field cipher and the clock. */
export interface IdentityDeps {
  cipher: FieldCipher;
  now: () => Date;
}

/** 身份核验等级: self-declared, checked against the population base (人口库), checked in person (现场核验). */
export type AssuranceLevel = 'self_declared' | 'population' | 'in_person';

/** Authentication context class reference of each assurance level, for OIDC `acr`. */
export const ACR_OF_ASSURANCE = {
  self_declared: 'urn:yiwang:loa:1',
  population: 'urn:yiwang:loa:2',
  in_person: 'urn:yiwang:loa:3',
} as const satisfies Record<AssuranceLevel, string>;

/** An account as lists and the holder see it: personal data only in masked form. */
export interface AccountSummary {
  id: string;
  kind: AccountKind;
  name: string;
  status: 'active' | 'disabled';
  username: string | null;
  departmentId: string | null;
  regionCode: string | null;
  assurance: AssuranceLevel;
  identifierMasked: string | null;
  mobileMasked: string | null;
  totpEnabled: boolean;
  lockedUntil: Date | null;
  createdAt: Date;
  lastLoginAt: Date | null;
}

/** Claims of an account for the OIDC provider, which filters them by the scopes granted. */
export interface AccountClaims {
  sub: string;
  name: string;
  account_kind: AccountKind;
  assurance_level: AssuranceLevel;
  acr: (typeof ACR_OF_ASSURANCE)[AssuranceLevel];
  id_number?: string;
  credit_code?: string;
  phone_number?: string;
  department_id?: string;
  region_code?: string;
  legal_representative?: string;
}

const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
const USERNAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9._-]{2,31}$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The masked view of an account row. */
export function toSummary(row: AccountRow): AccountSummary {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    status: row.status,
    username: row.username,
    departmentId: row.departmentId,
    regionCode: row.regionCode,
    assurance: row.assurance,
    identifierMasked: row.identifierMasked,
    mobileMasked: row.mobileMasked,
    totpEnabled: row.totpEnabledAt !== null,
    lockedUntil: row.lockedUntil,
    createdAt: row.createdAt,
    lastLoginAt: row.lastLoginAt,
  };
}

/** A citizen ID as typed, normalised and checked (GB 11643 check digit); throws naming the field. */
export function parseCitizenId(input: string, field: string, now: Date): string {
  const id = normalizeCitizenId(input);
  if (!validateCitizenId(id, now).ok) throw identityErrors.citizenIdInvalid(field);
  return id;
}

/** A credit code as typed, normalised and checked (GB 32100 check char); throws naming the field. */
export function parseCreditCode(input: string, field: string): string {
  const code = normalizeCreditCode(input);
  if (!validateCreditCode(code).ok) throw identityErrors.creditCodeInvalid(field);
  return code;
}

/** A mainland mobile number (11 digits, 13x–19x); throws naming the field. */
export function parseMobile(input: string, field: string): string {
  const mobile = input.trim();
  if (!MOBILE_PATTERN.test(mobile)) throw identityErrors.mobileInvalid(field);
  return mobile;
}

export function isMobile(text: string): boolean {
  return MOBILE_PATTERN.test(text.trim());
}

/** The encrypted, indexed and masked columns of a mobile number. */
export function mobileColumns(deps: IdentityDeps, mobile: string) {
  return {
    mobileEncrypted: deps.cipher.encrypt(mobile),
    mobileIndex: deps.cipher.blindIndex(mobile),
    mobileMasked: maskMobile(mobile),
  };
}

function identifierColumns(deps: IdentityDeps, identifier: string) {
  return {
    identifierEncrypted: deps.cipher.encrypt(identifier),
    identifierIndex: deps.cipher.blindIndex(identifier),
    identifierMasked: maskCitizenId(identifier),
  };
}

/** The clear ID number (or credit code) and mobile of an account, for the password rules and claims. */
export function clearIdentifiers(
  deps: IdentityDeps,
  row: AccountRow,
): { identifier?: string; mobile?: string } {
  return {
    ...(row.identifierEncrypted ? { identifier: deps.cipher.decrypt(row.identifierEncrypted) } : {}),
    ...(row.mobileEncrypted ? { mobile: deps.cipher.decrypt(row.mobileEncrypted) } : {}),
  };
}

/**
 * Every rule a new password breaks, the last five passwords included (those are checked by
 * verifying each stored hash, as only hashes are kept).
 */
async function newPasswordProblems(
  db: Db | Tx,
  deps: IdentityDeps,
  row: Pick<AccountRow, 'id' | 'username' | 'identifierEncrypted' | 'mobileEncrypted'>,
  password: string,
): Promise<PasswordRule[]> {
  const clear = clearIdentifiers(deps, row as AccountRow);
  const problems = passwordProblems(password, {
    idNumber: clear.identifier,
    mobile: clear.mobile,
    username: row.username,
  });
  for (const earlier of await repo.recentPasswordHashes(db, row.id, PASSWORD_HISTORY_DEPTH)) {
    if (await verifyPassword(earlier, password)) {
      problems.push('reused');
      break;
    }
  }
  return problems;
}

/** Store a new password hash on an account and in its history. */
async function storePassword(tx: Tx, deps: IdentityDeps, accountId: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await repo.updateAccount(tx, accountId, { passwordHash, passwordChangedAt: deps.now() });
  await repo.insertPasswordHistory(tx, accountId, passwordHash);
}

/**
 * Check a new password against every rule and store it; throws IDENTITY_PASSWORD_WEAK naming every
 * broken rule. Audited as `identity.password.changed`.
 */
export async function setNewPassword(
  tx: Tx,
  deps: IdentityDeps,
  context: RequestContext,
  row: AccountRow,
  password: string,
  field: string,
): Promise<void> {
  assertPasswordRules(field, await newPasswordProblems(tx, deps, row, password));
  await storePassword(tx, deps, row.id, password);
  await recordAudit(tx, context, {
    action: 'identity.password.changed',
    entityType: 'account',
    entityId: row.id,
  });
}

async function createAccount(
  tx: Tx,
  deps: IdentityDeps,
  context: RequestContext,
  values: repo.AccountInsert & { kind: AccountKind },
  credentials: { password: string | undefined } & PasswordOwner,
): Promise<{ id: string }> {
  const { password, ...owner } = credentials;
  if (values.identifierIndex) {
    const existing = await repo.findAccountByIdentifier(tx, [values.kind], values.identifierIndex);
    if (existing.length > 0)
      throw identityErrors.accountExists(values.kind === 'enterprise' ? 'body.creditCode' : 'body.citizenId');
  }
  if (values.username && (await repo.findAccountByUsername(tx, values.username))) {
    throw identityErrors.usernameExists();
  }
  if (password !== undefined) {
    assertPasswordRules('body.password', passwordProblems(password, owner));
  }
  const now = deps.now();
  const row = await repo.insertAccount(tx, { ...values, createdAt: now, updatedAt: now });
  if (password !== undefined) await storePassword(tx, deps, row.id, password);
  await recordAudit(tx, context, {
    action: 'identity.account.created',
    entityType: 'account',
    entityId: row.id,
    after: toSummary(row),
  });
  return { id: row.id };
}

function requireName(input: string, field: string): string {
  const name = input.trim();
  if (name.length === 0 || name.length > 100) throw identityErrors.nameInvalid(field);
  return name;
}

/**
 * Register a natural person (自然人) by citizen ID (GB 11643). A person registering online is
 * self-declared; a clerk at the window or the population-base check raises the level later.
 */
export async function createPersonAccount(
  tx: Tx,
  deps: IdentityDeps,
  context: RequestContext,
  input: {
    name: string;
    citizenId: string;
    mobile?: string;
    password?: string;
    assurance?: AssuranceLevel;
  },
): Promise<{ id: string }> {
  const citizenId = parseCitizenId(input.citizenId, 'body.citizenId', deps.now());
  const mobile = input.mobile === undefined ? undefined : parseMobile(input.mobile, 'body.mobile');
  return createAccount(
    tx,
    deps,
    context,
    {
      kind: 'person',
      name: requireName(input.name, 'body.name'),
      ...identifierColumns(deps, citizenId),
      ...(mobile ? mobileColumns(deps, mobile) : {}),
      assurance: input.assurance ?? 'self_declared',
    },
    { password: input.password, idNumber: citizenId, mobile },
  );
}

/** Register a legal person (法人) by unified social credit code (GB 32100). */
export async function createEnterpriseAccount(
  tx: Tx,
  deps: IdentityDeps,
  context: RequestContext,
  input: {
    name: string;
    creditCode: string;
    legalRepresentative: string;
    mobile?: string;
    password?: string;
  },
): Promise<{ id: string }> {
  const creditCode = parseCreditCode(input.creditCode, 'body.creditCode');
  const mobile = input.mobile === undefined ? undefined : parseMobile(input.mobile, 'body.mobile');
  return createAccount(
    tx,
    deps,
    context,
    {
      kind: 'enterprise',
      name: requireName(input.name, 'body.name'),
      legalRepresentative: requireName(input.legalRepresentative, 'body.legalRepresentative'),
      ...identifierColumns(deps, creditCode),
      ...(mobile ? mobileColumns(deps, mobile) : {}),
    },
    { password: input.password, idNumber: creditCode, mobile },
  );
}

/**
 * Create a staff account (工作人员) of a department. Staff sign in by username and password and
 * must enrol TOTP at their first sign-in.
 */
export async function createStaffAccount(
  tx: Tx,
  deps: IdentityDeps,
  context: RequestContext,
  input: {
    name: string;
    username: string;
    departmentId: string;
    regionCode: string;
    citizenId?: string;
    mobile?: string;
    password: string;
  },
): Promise<{ id: string }> {
  const username = input.username.trim();
  if (!USERNAME_PATTERN.test(username)) {
    throw identityErrors.usernameInvalid();
  }
  if (!UUID_PATTERN.test(input.departmentId) || !(await findDepartment(tx, input.departmentId))) {
    throw identityErrors.departmentUnknown();
  }
  if (!/^\d{6}$/.test(input.regionCode) || !isValidRegionCode(input.regionCode)) {
    throw identityErrors.regionCodeInvalid();
  }
  // A scoped administrator creates staff inside their own departments and region only.
  const outside = {
    kind: 'staff',
    departmentId: input.departmentId,
    regionCode: input.regionCode,
  } as AccountRow;
  await assertStaffInScope(tx, context, outside).catch(() => {
    throw identityErrors.departmentUnknown();
  });
  const citizenId =
    input.citizenId === undefined ? undefined : parseCitizenId(input.citizenId, 'body.citizenId', deps.now());
  const mobile = input.mobile === undefined ? undefined : parseMobile(input.mobile, 'body.mobile');
  return createAccount(
    tx,
    deps,
    context,
    {
      kind: 'staff',
      name: requireName(input.name, 'body.name'),
      username,
      departmentId: input.departmentId,
      regionCode: input.regionCode,
      ...(citizenId ? identifierColumns(deps, citizenId) : {}),
      ...(mobile ? mobileColumns(deps, mobile) : {}),
    },
    { password: input.password, idNumber: citizenId, mobile, username },
  );
}

/** An account by id (masked), or undefined — also for ids that are not account ids at all. */
export async function findAccount(db: Db | Tx, id: string): Promise<AccountSummary | undefined> {
  const row = await repo.findAccountById(db, id);
  return row ? toSummary(row) : undefined;
}

/** An account by id (masked); throws IDENTITY_ACCOUNT_NOT_FOUND. */
export async function getAccount(
  db: Db | Tx,
  id: string,
  field = 'params.id',
  context?: RequestContext,
): Promise<AccountSummary> {
  const row = await repo.findAccountById(db, id);
  if (!row) throw identityErrors.accountNotFound(field);
  if (context) await assertStaffInScope(db, context, row);
  return toSummary(row);
}

/**
 * The claims of an account for ID tokens and userinfo, with the clear ID number and mobile: the
 * only place they leave the module. The OIDC provider releases each only for the scope that covers it.
 */
export async function accountClaims(
  db: Db | Tx,
  deps: IdentityDeps,
  accountId: string,
): Promise<AccountClaims | undefined> {
  const row = await repo.findAccountById(db, accountId);
  if (!row) return undefined;
  const clear = clearIdentifiers(deps, row);
  return {
    sub: row.id,
    name: row.name,
    account_kind: row.kind,
    assurance_level: row.assurance,
    acr: ACR_OF_ASSURANCE[row.assurance],
    ...(clear.identifier && row.kind !== 'enterprise' ? { id_number: clear.identifier } : {}),
    ...(clear.identifier && row.kind === 'enterprise' ? { credit_code: clear.identifier } : {}),
    ...(clear.mobile ? { phone_number: clear.mobile } : {}),
    ...(row.departmentId ? { department_id: row.departmentId } : {}),
    ...(row.regionCode ? { region_code: row.regionCode } : {}),
    ...(row.legalRepresentative ? { legal_representative: row.legalRepresentative } : {}),
  };
}

export interface AccountListQuery {
  kind?: AccountKind | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

/**
 * One page of accounts for administrators, masked. `q` matches a name or username, or — typed in
 * full — a citizen ID or credit code exactly (found by its blind index, never by scanning clear text).
 */
export async function listAccounts(
  db: Db,
  deps: IdentityDeps,
  context: RequestContext,
  query: AccountListQuery,
): Promise<{ items: AccountSummary[]; total: number; page: number; pageSize: number }> {
  const text = query.q?.trim() || undefined;
  const scope = context.scope;
  const { rows, total } = await repo.listAccounts(db, {
    kind: query.kind,
    text,
    identifierIndex: text && text.length === 18 ? deps.cipher.blindIndex(text) : undefined,
    staffDepartmentIds: scope?.departmentIds,
    staffRegionCodes: scope?.regionCode ? await regionSubtreeCodes(db, scope.regionCode) : undefined,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { items: rows.map(toSummary), total, page: query.page, pageSize: query.pageSize };
}

async function lockedRow(tx: Tx, id: string): Promise<AccountRow> {
  const row = await repo.lockAccount(tx, id);
  if (!row) throw identityErrors.accountNotFound();
  return row;
}

/**
 * A scoped administrator acts only on staff of their departments and region (deny by default);
 * citizens' accounts are nobody's scope. Outside the scope the account does not exist for them.
 */
async function assertStaffInScope(
  db: Db | Tx,
  context: RequestContext,
  row: Pick<AccountRow, 'kind' | 'departmentId' | 'regionCode'>,
): Promise<void> {
  if (!context.scope || row.kind !== 'staff') return;
  const lineage = row.regionCode ? ((await regionLineage(db as Db, row.regionCode)) ?? []) : [];
  if (!scopeReaches(context.scope, row.departmentId, lineage)) throw identityErrors.accountNotFound();
}

/**
 * One administrative change to an account, the way they all go: lock the row, check the
 * administrator's scope, change it (unless `unchanged` says there is nothing to do), audit before
 * and after.
 */
async function changeAccount(
  tx: Tx,
  context: RequestContext,
  id: string,
  change: {
    action: string;
    patch: Partial<AccountRow>;
    unchanged?: (row: AccountRow) => boolean;
    alsoDo?: () => Promise<void>;
  },
): Promise<AccountSummary> {
  const row = await lockedRow(tx, id);
  await assertStaffInScope(tx, context, row);
  if (change.unchanged?.(row)) return toSummary(row);
  await repo.updateAccount(tx, id, change.patch);
  await change.alsoDo?.();
  const after = { ...row, ...change.patch };
  await recordAudit(tx, context, {
    action: change.action,
    entityType: 'account',
    entityId: id,
    before: toSummary(row),
    after: toSummary(after),
  });
  return toSummary(after);
}

/** Lift a lockout (an administrator, or the holder through an unlock code). Audited. */
export function unlockAccount(tx: Tx, context: RequestContext, id: string): Promise<AccountSummary> {
  return changeAccount(tx, context, id, {
    action: 'identity.account.unlocked',
    patch: { failedLogins: 0, lockedUntil: null },
  });
}

/**
 * Reset a lost second factor (the phone and the recovery codes are gone): the TOTP secret and the
 * recovery codes are removed, so the account enrols again at its next sign-in (staff must). Audited.
 */
export function resetSecondFactor(tx: Tx, context: RequestContext, id: string): Promise<AccountSummary> {
  return changeAccount(tx, context, id, {
    action: 'identity.totp.reset',
    patch: { totpSecretEncrypted: null, totpEnabledAt: null, totpLastStep: null },
    alsoDo: () => repo.replaceRecoveryCodes(tx, id, []),
  });
}

/** Disable or re-enable an account: a disabled account cannot sign in by any method. Audited. */
export function setAccountStatus(
  tx: Tx,
  context: RequestContext,
  id: string,
  status: 'active' | 'disabled',
): Promise<AccountSummary> {
  return changeAccount(tx, context, id, {
    action: status === 'disabled' ? 'identity.account.disabled' : 'identity.account.enabled',
    patch: { status },
    unchanged: (row) => row.status === status,
    // Signed-in principals are cached for seconds: a disabled account is refused from the next request.
    alsoDo: async () => forgetPrincipals(),
  });
}

/**
 * Record the identity assurance level (身份核验等级) of an account, e.g. 现场核验 by a window clerk
 * who checked the ID card in person. Audited with who did it.
 */
export function setAssurance(
  tx: Tx,
  context: RequestContext,
  id: string,
  level: AssuranceLevel,
): Promise<AccountSummary> {
  return changeAccount(tx, context, id, {
    action: 'identity.account.assurance_changed',
    patch: { assurance: level },
    unchanged: (row) => row.assurance === level,
    alsoDo: async () => forgetPrincipals(),
  });
}

/**
 * 人口库核验: check the person's name and citizen ID against the population base; on a match the
 * account's assurance rises to `population` (an in-person verification stays). A mismatch or an
 * unknown ID is recorded on the audit chain and refused (IDENTITY_POPULATION_MISMATCH).
 */
export async function verifyAgainstPopulationBase(
  db: Db,
  deps: IdentityDeps,
  context: RequestContext,
  base: PopulationBase,
  accountId: string,
): Promise<AccountSummary> {
  const outcome = await withTransaction(db, async (tx) => {
    const row = await lockedRow(tx, accountId);
    if (row.kind !== 'person' || !row.identifierEncrypted) throw identityErrors.populationCheckForPersons();
    const answer = await base.check({
      name: row.name,
      citizenId: deps.cipher.decrypt(row.identifierEncrypted),
    });
    if (answer !== 'match') {
      await recordAudit(tx, context, {
        action: 'identity.population_check.failed',
        entityType: 'account',
        entityId: accountId,
        after: { answer },
      });
      return { ok: false as const, answer };
    }
    await recordAudit(tx, context, {
      action: 'identity.population_check.passed',
      entityType: 'account',
      entityId: accountId,
    });
    if (row.assurance !== 'self_declared') return { ok: true as const, summary: toSummary(row) };
    return { ok: true as const, summary: await setAssurance(tx, context, accountId, 'population') };
  });
  if (!outcome.ok) throw identityErrors.populationMismatch(outcome.answer);
  return outcome.summary;
}

/**
 * 人口库核验 of a walk-in applicant by a window clerk (一窗受理): the citizen ID's check digit, then the
 * population base. Every check is on the audit chain (who asked about whom, masked).
 */
export async function checkPersonAtWindow(
  db: Db,
  deps: IdentityDeps,
  context: RequestContext,
  base: PopulationBase,
  person: { name: string; citizenId: string },
): Promise<'match' | 'mismatch' | 'not_found'> {
  const citizenId = parseCitizenId(person.citizenId, 'body.citizenId', deps.now());
  const answer = await base.check({ name: person.name.trim(), citizenId });
  await withTransaction(db, (tx) =>
    recordAudit(tx, context, {
      action: 'identity.population_check.window',
      entityType: 'person',
      entityId: deps.cipher.blindIndex(citizenId),
      after: { citizenId: maskCitizenId(citizenId), answer },
    }),
  );
  return answer;
}
