import { randomBytes } from 'node:crypto';
import {
  isValidCitizenId,
  isValidCreditCode,
  makeLicenceId,
  maskCitizenId,
  validateLicenceId,
} from '@yiwang/codes';
import { Value } from 'typebox/value';
import type { Principal } from '../../platform/access.js';
import { type RequestContext, recordAudit } from '../../platform/audit.js';
import { chinaDate } from '../../platform/china-time.js';
import type { Db, Tx } from '../../platform/database.js';
import { AppError } from '../../platform/errors.js';
import type { FieldCipher } from '../../platform/field-crypto.js';
import * as org from '../org/org.service.js';
import { contentDigest, generateSealKeys, signedText, sm2Sign, sm2Verify } from './licences.crypto.js';
import { licenceErrors } from './licences.errors.js';
import {
  type HolderKind,
  LICENCE_STATUSES,
  type LicenceData,
  LicenceDocument,
  type LicenceStatus,
  type LicenceType,
  SEAL_STATUSES,
  type SealStatus,
  SIGNATURE_ALGORITHM,
  type SignedLicence,
  SM2_USER_ID,
  VERIFY_REASONS,
  type VerifyReason,
} from './licences.model.js';
import { reachesDepartment } from './licences.policy.js';
import * as repo from './licences.repo.js';
import { SHIPPED_LICENCE_TYPES } from './licences.seed-types.js';

/** What the licence services need besides the transaction: the field cipher and the clock. */
export interface LicenceDeps {
  cipher: FieldCipher;
  now: () => Date;
}

const today = (deps: LicenceDeps) => chinaDate(deps.now());

/** Staff may act for a department only within their scope (no scope: everywhere). */
async function assertReach(db: Db | Tx, context: RequestContext, departmentId: string, field: string) {
  if (!context.scope) return;
  const department = await org.findDepartment(db as Db, departmentId);
  if (!department) throw licenceErrors.departmentNotFound(field);
  const lineage = (await org.regionLineage(db as Db, department.regionCode)) ?? [];
  const principal = { scope: context.scope } as Principal;
  if (!reachesDepartment(principal, departmentId, lineage)) throw licenceErrors.outsideScope(field);
}

// ---------------------------------------------------------------------------------------------
// Licence types (证照类型)

function toType(row: repo.LicenceTypeRow): LicenceType {
  return {
    code: row.code,
    name: row.name,
    definingDepartment: row.definingDepartment,
    holderKind: row.holderKind as LicenceType['holderKind'],
    fields: row.fields,
    validity: row.validity,
    template: row.template,
    active: row.active,
  };
}

/** Add the shipped licence types an installation lacks (reference data, like the calendar years). */
export async function ensureShippedTypes(tx: Tx, context: RequestContext): Promise<number> {
  const added = await repo.insertMissingTypes(tx, SHIPPED_LICENCE_TYPES);
  if (added.length > 0)
    await recordAudit(tx, context, {
      action: 'licence.type.import',
      entityType: 'licence_type',
      entityId: added.join(','),
      after: added,
    });
  return added.length;
}

export async function listTypes(db: Db): Promise<LicenceType[]> {
  return (await repo.listTypes(db)).map(toType);
}

export async function getType(db: Db | Tx, code: string, field = 'params.code'): Promise<LicenceType> {
  const row = await repo.findType(db, code);
  if (!row) throw licenceErrors.typeNotFound(code, field);
  return toType(row);
}

function checkTypeFields(type: LicenceType): void {
  const seen = new Set<string>();
  type.fields.forEach((field, index) => {
    if (seen.has(field.key))
      throw licenceErrors.dataInvalid(`body.fields.${index}.key`, `字段 ${field.key} 重复`);
    seen.add(field.key);
  });
}

export async function createType(tx: Tx, context: RequestContext, type: LicenceType): Promise<LicenceType> {
  checkTypeFields(type);
  if (await repo.findType(tx, type.code)) throw licenceErrors.typeExists(type.code);
  await repo.insertMissingTypes(tx, [type]);
  await recordAudit(tx, context, {
    action: 'licence.type.create',
    entityType: 'licence_type',
    entityId: type.code,
    after: type,
  });
  return getType(tx, type.code);
}

export async function updateType(
  tx: Tx,
  context: RequestContext,
  code: string,
  type: LicenceType,
): Promise<LicenceType> {
  if (type.code !== code) throw licenceErrors.typeCodeMismatch();
  checkTypeFields(type);
  const before = await getType(tx, code);
  await repo.updateType(tx, type);
  await recordAudit(tx, context, {
    action: 'licence.type.update',
    entityType: 'licence_type',
    entityId: code,
    before,
    after: type,
  });
  return getType(tx, code);
}

// ---------------------------------------------------------------------------------------------
// Electronic seals (电子印章)

export const SEAL_KINDS = ['公章', '行政审批专用章', '电子证照专用章', '业务专用章'] as const;
export type SealKind = (typeof SEAL_KINDS)[number];

export interface CreateSealInput {
  departmentId: string;
  kind: SealKind;
  /** The words along the rim; the department's name by default. */
  name?: string;
  validFrom: string;
  validUntil: string;
}

/** A seal as the registry shows it: never the private key. */
export function sealView(row: repo.SealRow) {
  return {
    id: row.id,
    code: row.code,
    departmentId: row.departmentId,
    issuerCode: row.issuerCode,
    issuerName: row.issuerName,
    kind: row.kind,
    name: row.name,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    publicKey: row.publicKey,
    maker: row.maker,
    status: row.status as SealStatus,
    statusLabel: SEAL_STATUSES[row.status as SealStatus],
    statusReason: row.statusReason,
    statusChangedAt: row.statusChangedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
export type SealView = ReturnType<typeof sealView>;

/**
 * Make a department's seal (制章): a new SM2 key pair, the private key encrypted at rest, and the
 * seal information (GB/T 38540 印章信息) signed with it so the registry entry cannot be altered unseen.
 */
export async function createSeal(
  tx: Tx,
  context: RequestContext,
  deps: LicenceDeps,
  input: CreateSealInput,
  maker: string,
): Promise<SealView> {
  const department = await org.findDepartment(tx as unknown as Db, input.departmentId);
  if (!department) throw licenceErrors.departmentNotFound();
  await assertReach(tx, context, department.id, 'body.departmentId');
  if (input.validUntil <= input.validFrom) throw licenceErrors.sealValidity();
  const keys = generateSealKeys();
  const code = `${department.creditCode}${randomBytes(3).toString('hex').toUpperCase()}`;
  const info = {
    code,
    issuerCode: department.creditCode,
    issuerName: department.name,
    kind: input.kind,
    name: input.name ?? department.name,
    validFrom: input.validFrom,
    validUntil: input.validUntil,
    publicKey: keys.publicKey,
    maker,
  };
  const row = await repo.insertSeal(tx, {
    ...info,
    departmentId: department.id,
    privateKeyEncrypted: deps.cipher.encrypt(keys.privateKey),
    sealSignature: sm2Sign(signedText(info), keys),
  });
  const view = sealView(row);
  await recordAudit(tx, context, {
    action: 'licence.seal.create',
    entityType: 'seal',
    entityId: row.id,
    after: view,
  });
  return view;
}

export async function listSeals(db: Db, context: RequestContext): Promise<SealView[]> {
  // A region-scoped administrator sees the seals of their region subtree's departments, as they may
  // make and change only those.
  const scope = context.scope;
  let departmentIds: readonly string[] | null = scope?.departmentIds ?? null;
  if (scope?.regionCode) {
    const inRegion = await org.departmentIdsInRegionSubtree(db, scope.regionCode);
    departmentIds = departmentIds ? departmentIds.filter((id) => inRegion.includes(id)) : inRegion;
  }
  return (await repo.listSeals(db, departmentIds)).map(sealView);
}

export async function getSeal(db: Db, id: string): Promise<repo.SealRow> {
  const row = await repo.findSeal(db, id);
  if (!row) throw licenceErrors.sealNotFound();
  return row;
}

const SEAL_TRANSITIONS: Record<SealStatus, readonly SealStatus[]> = {
  active: ['suspended', 'revoked'],
  suspended: ['active', 'revoked'],
  revoked: [],
};

/** 印章状态变更: suspend, reactivate or revoke (final); audited. */
export async function setSealStatus(
  tx: Tx,
  context: RequestContext,
  id: string,
  status: SealStatus,
  reason: string,
): Promise<SealView> {
  const row = await repo.lockSeal(tx, id);
  if (!row) throw licenceErrors.sealNotFound();
  await assertReach(tx, context, row.departmentId, 'params.id');
  const from = row.status as SealStatus;
  if (!SEAL_TRANSITIONS[from].includes(status))
    throw licenceErrors.sealTransition(SEAL_STATUSES[from], SEAL_STATUSES[status]);
  const updated = sealView(await repo.setSealStatus(tx, id, status, reason));
  await recordAudit(tx, context, {
    action: `licence.seal.${status}`,
    entityType: 'seal',
    entityId: id,
    before: sealView(row),
    after: updated,
  });
  return updated;
}

// ---------------------------------------------------------------------------------------------
// Issuance (签发)

export interface HolderInput {
  kind: HolderKind;
  name: string;
  /** 公民身份号码 for a person, 统一社会信用代码 for an enterprise. */
  identifier: string;
}

export interface IssueInput {
  typeCode: string;
  departmentId: string;
  holder: HolderInput;
  data: LicenceData;
  validFrom?: string;
  validUntil?: string | null;
  licenceNumber?: string;
}

export interface IssueOrigin {
  source: 'case' | 'officer' | 'import';
  caseId?: string;
  caseNumber?: string;
}

/** Normalised holder identifier, or a field error. */
function holderIdentifier(holder: HolderInput, field: string): string {
  const identifier = holder.identifier.trim().toUpperCase();
  const valid = holder.kind === 'person' ? isValidCitizenId(identifier) : isValidCreditCode(identifier);
  if (!valid) throw licenceErrors.holderIdentifierInvalid(`${field}.identifier`);
  return identifier;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (text: string) =>
  ISO_DATE.test(text) &&
  !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) &&
  new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);

/** The licence data checked against the type's fields: required ones present, no others, right kinds. */
function checkData(type: LicenceType, data: LicenceData, field: string): LicenceData {
  const known = new Map(type.fields.map((f) => [f.key, f]));
  for (const key of Object.keys(data)) {
    if (!known.has(key)) throw licenceErrors.dataInvalid(`${field}.${key}`, `${type.name}没有字段 ${key}`);
  }
  const checked: LicenceData = {};
  for (const spec of type.fields) {
    const value = data[spec.key];
    const at = `${field}.${spec.key}`;
    if (value === undefined || value === '') {
      if (spec.required) throw licenceErrors.dataInvalid(at, `${spec.label}必填`);
      continue;
    }
    if (spec.type === 'number') {
      if (typeof value !== 'number' || !Number.isFinite(value))
        throw licenceErrors.dataInvalid(at, `${spec.label}应为数字`);
    } else if (typeof value !== 'string') {
      throw licenceErrors.dataInvalid(at, `${spec.label}应为文本`);
    } else if (spec.type === 'date' && !isDate(value)) {
      throw licenceErrors.dataInvalid(at, `${spec.label}应为 YYYY-MM-DD 格式的日期`);
    } else if (value.length > (spec.maxLength ?? 500)) {
      throw licenceErrors.dataInvalid(at, `${spec.label}过长`);
    }
    checked[spec.key] = value;
  }
  return checked;
}

/** The last day of a validity of `years` starting on `from`: the day before the anniversary. */
export function validityEnd(from: string, years: number): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + years, m - 1, d) - 86_400_000);
  return end.toISOString().slice(0, 10);
}

function validityOf(
  type: LicenceType,
  input: { validFrom?: string; validUntil?: string | null },
  issuedOn: string,
  field: string,
): { validFrom: string; validUntil: string | null } {
  const validFrom = input.validFrom ?? issuedOn;
  if (!isDate(validFrom)) throw licenceErrors.validityInvalid(`${field}.validFrom`, '有效期起始日期无效');
  const rule = type.validity;
  let validUntil = rule.years === null ? null : validityEnd(validFrom, rule.years);
  if (input.validUntil !== undefined) {
    if (!rule.adjustable && input.validUntil !== validUntil)
      throw licenceErrors.validityInvalid(
        `${field}.validUntil`,
        `${type.name}的有效期由类型规定（${rule.years === null ? '长期' : `${rule.years} 年`}），不能另行指定`,
      );
    validUntil = input.validUntil;
  }
  if (validUntil !== null && (!isDate(validUntil) || validUntil < validFrom))
    throw licenceErrors.validityInvalid(`${field}.validUntil`, '有效期截止日期无效或早于起始日期');
  return { validFrom, validUntil };
}

/** The department's seal that signs now: active and within its validity. */
async function signingSeal(tx: Tx, deps: LicenceDeps, departmentId: string, departmentName: string) {
  const [seal] = await repo.activeSeals(tx, departmentId, today(deps));
  if (!seal) throw licenceErrors.noActiveSeal(departmentName);
  return seal;
}

/**
 * The seal's signature over a licence's content (the in-process part of issuing: the seal's private
 * key decrypted, the canonical content signed with SM2/SM3, its SM3 digest for the registry).
 */
export function sealDocument(
  deps: Pick<LicenceDeps, 'cipher'>,
  seal: Pick<repo.SealRow, 'privateKeyEncrypted' | 'publicKey'>,
  content: SignedLicence,
): { document: LicenceDocument; value: string; digest: string } {
  const privateKey = deps.cipher.decrypt(seal.privateKeyEncrypted);
  const value = sm2Sign(signedText(content), { privateKey, publicKey: seal.publicKey });
  const document: LicenceDocument = {
    licence: content,
    signature: { algorithm: SIGNATURE_ALGORITHM, userId: SM2_USER_ID, value },
  };
  return { document, value, digest: contentDigest(content) };
}

/**
 * The in-process checks of a document against its seal's public key: the identifier's check
 * character and parts, and the SM2/SM3 signature over the canonical content. Null when both hold.
 */
export function documentSignatureProblem(
  document: LicenceDocument,
  publicKey: string,
): 'identifier' | 'signature' | null {
  const content = document.licence;
  const parsed = validateLicenceId(content.identifier);
  if (!parsed.ok || parsed.parts.typeCode !== content.typeCode || parsed.parts.version !== content.version)
    return 'identifier';
  return sm2Verify(signedText(content), document.signature.value, publicKey) ? null : 'signature';
}

/** Sign the content with the seal and store the version. */
async function signAndStore(
  tx: Tx,
  deps: LicenceDeps,
  seal: repo.SealRow,
  content: SignedLicence,
  row: Omit<
    repo.NewLicenceRow,
    | 'documentEncrypted'
    | 'digest'
    | 'signature'
    | 'sealId'
    | 'identifier'
    | 'holderIndex'
    | 'holderIdentifierEncrypted'
  >,
): Promise<{ row: repo.LicenceRow; document: LicenceDocument }> {
  const { document, value, digest } = sealDocument(deps, seal, content);
  const stored = await repo.insertLicence(tx, {
    ...row,
    identifier: content.identifier,
    holderIdentifierEncrypted: deps.cipher.encrypt(content.holder.identifier),
    holderIndex: deps.cipher.blindIndex(content.holder.identifier),
    documentEncrypted: deps.cipher.encrypt(JSON.stringify(document)),
    digest,
    signature: value,
    sealId: seal.id,
  });
  return { row: stored, document };
}

/**
 * 签发: issue a licence of a type to a holder, signed by the issuing department's active seal. The
 * identifier follows GB/T 36904 with the department's credit code as issuer and the next serial.
 */
export async function issueLicence(
  tx: Tx,
  context: RequestContext,
  deps: LicenceDeps,
  input: IssueInput,
  origin: IssueOrigin,
  field = 'body',
): Promise<{ row: repo.LicenceRow; document: LicenceDocument }> {
  const type = await getType(tx, input.typeCode, `${field}.typeCode`);
  if (type.active === false) throw licenceErrors.typeInactive(type.code, `${field}.typeCode`);
  if (type.holderKind !== 'either' && type.holderKind !== input.holder.kind)
    throw licenceErrors.holderKindMismatch(`${field}.holder.kind`);
  const identifier = holderIdentifier(input.holder, `${field}.holder`);
  const data = checkData(type, input.data, `${field}.data`);
  const department = await org.findDepartment(tx as unknown as Db, input.departmentId);
  if (!department) throw licenceErrors.departmentNotFound(`${field}.departmentId`);
  await assertReach(tx, context, department.id, `${field}.departmentId`);
  const issuedOn = today(deps);
  const validity = validityOf(type, input, issuedOn, field);
  const seal = await signingSeal(tx, deps, department.id, department.name);
  const serial = String(await repo.nextSerial(tx, type.code, department.creditCode)).padStart(7, '0');
  const content: SignedLicence = {
    identifier: makeLicenceId({ typeCode: type.code, issuerCode: department.creditCode, serial, version: 1 }),
    typeCode: type.code,
    typeName: type.name,
    version: 1,
    licenceNumber: input.licenceNumber ?? null,
    holder: { kind: input.holder.kind, name: input.holder.name.trim(), identifier },
    issuer: { name: department.name, code: department.creditCode },
    issuedOn,
    ...validity,
    data,
    sealCode: seal.code,
  };
  const issued = await signAndStore(tx, deps, seal, content, {
    typeCode: type.code,
    typeName: type.name,
    issuerCode: department.creditCode,
    issuerName: department.name,
    departmentId: department.id,
    serial,
    version: 1,
    licenceNumber: content.licenceNumber,
    holderKind: content.holder.kind,
    holderName: content.holder.name,
    issuedOn,
    validFrom: content.validFrom,
    validUntil: content.validUntil,
    source: origin.source,
    caseId: origin.caseId ?? null,
    caseNumber: origin.caseNumber ?? null,
  });
  await repo.appendStatusEvent(tx, issued.row, 'valid', '签发');
  await recordAudit(tx, context, {
    action: 'licence.issue',
    entityType: 'licence',
    entityId: issued.row.identifier,
    after: { digest: issued.row.digest, source: origin.source },
  });
  return issued;
}

/** 批量导入: issue every row or none; the problems of all rows are reported together. */
export async function importLicences(
  tx: Tx,
  context: RequestContext,
  deps: LicenceDeps,
  items: readonly IssueInput[],
): Promise<repo.LicenceRow[]> {
  const rows: repo.LicenceRow[] = [];
  const problems: { index: number; field: string; message: string }[] = [];
  for (const [index, item] of items.entries()) {
    try {
      // A savepoint per row: a row that fails leaves nothing behind, and the others are still checked.
      rows.push(
        await tx.transaction(
          async (row) =>
            (await issueLicence(row, context, deps, item, { source: 'import' }, `body.items.${index}`)).row,
        ),
      );
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      problems.push({ index, field: error.field ?? `body.items.${index}`, message: error.message });
    }
  }
  if (problems.length > 0) throw licenceErrors.importInvalid(problems);
  return rows;
}

export interface VersionInput {
  data?: LicenceData;
  holderName?: string;
  validFrom?: string;
  validUntil?: string | null;
  licenceNumber?: string;
  reason: string;
}

/**
 * 变更 / 延续 (换证): a new version of a current licence with changed data or a new validity; the
 * serial stays, the version number grows, the old version is superseded. Signed by the seal that is
 * active now.
 */
export async function newVersion(
  tx: Tx,
  context: RequestContext,
  deps: LicenceDeps,
  identifier: string,
  input: VersionInput,
): Promise<{ row: repo.LicenceRow; document: LicenceDocument }> {
  const current = await repo.lockLicence(tx, identifier);
  if (!current) throw licenceErrors.notFound();
  await assertReach(tx, context, current.departmentId, 'params.identifier');
  if (current.status !== 'valid' && current.status !== 'suspended') throw licenceErrors.notCurrent();
  const previous = documentOf(current, deps.cipher).licence;
  const type = await getType(tx, current.typeCode, 'params.identifier');
  const data = checkData(type, { ...previous.data, ...input.data }, 'body.data');
  const issuedOn = today(deps);
  const renewing = input.validFrom !== undefined || input.validUntil !== undefined;
  const validity = renewing
    ? validityOf(type, input, issuedOn, 'body')
    : { validFrom: previous.validFrom, validUntil: previous.validUntil };
  const seal = await signingSeal(tx, deps, current.departmentId, current.issuerName);
  const version = current.version + 1;
  const content: SignedLicence = {
    ...previous,
    identifier: makeLicenceId({
      typeCode: current.typeCode,
      issuerCode: current.issuerCode,
      serial: current.serial,
      version,
    }),
    version,
    licenceNumber: input.licenceNumber ?? previous.licenceNumber,
    holder: { ...previous.holder, name: input.holderName?.trim() || previous.holder.name },
    issuedOn,
    ...validity,
    data,
    sealCode: seal.code,
  };
  const {
    id: _id,
    createdAt: _createdAt,
    statusChangedAt: _changed,
    statusReason: _reason,
    ...kept
  } = current;
  const issued = await signAndStore(tx, deps, seal, content, {
    ...kept,
    version,
    licenceNumber: content.licenceNumber,
    holderName: content.holder.name,
    issuedOn,
    validFrom: content.validFrom,
    validUntil: content.validUntil,
    status: 'valid',
  });
  const superseded = await repo.setLicenceStatus(tx, current.id, 'superseded', input.reason);
  await repo.appendStatusEvent(
    tx,
    superseded,
    'superseded',
    `${input.reason}（新版本 ${content.identifier}）`,
  );
  await repo.appendStatusEvent(tx, issued.row, 'valid', input.reason);
  await recordAudit(tx, context, {
    action: 'licence.version',
    entityType: 'licence',
    entityId: issued.row.identifier,
    before: { identifier: current.identifier, digest: current.digest },
    after: { digest: issued.row.digest, reason: input.reason },
  });
  return issued;
}

const LICENCE_TRANSITIONS: Record<LicenceStatus, readonly LicenceStatus[]> = {
  valid: ['suspended', 'revoked', 'cancelled'],
  suspended: ['valid', 'revoked', 'cancelled'],
  revoked: [],
  cancelled: [],
  superseded: [],
};

/**
 * 中止 / 恢复 / 吊销 / 注销: change a licence's status, published at once on the status list.
 * Revocation and cancellation are final.
 */
export async function setLicenceStatus(
  tx: Tx,
  context: RequestContext,
  identifier: string,
  status: Exclude<LicenceStatus, 'superseded'>,
  reason: string,
): Promise<repo.LicenceRow> {
  const row = await repo.lockLicence(tx, identifier);
  if (!row) throw licenceErrors.notFound();
  await assertReach(tx, context, row.departmentId, 'params.identifier');
  const from = row.status as LicenceStatus;
  if (!LICENCE_TRANSITIONS[from].includes(status))
    throw licenceErrors.statusTransition(LICENCE_STATUSES[from], LICENCE_STATUSES[status]);
  const updated = await repo.setLicenceStatus(tx, row.id, status, reason);
  await repo.appendStatusEvent(tx, updated, status, reason);
  await recordAudit(tx, context, {
    action: `licence.${status}`,
    entityType: 'licence',
    entityId: identifier,
    before: { status: from },
    after: { status, reason },
  });
  return updated;
}

// ---------------------------------------------------------------------------------------------
// Reading

/** The signed document of a stored licence version. */
export function documentOf(row: repo.LicenceRow, cipher: FieldCipher): LicenceDocument {
  return JSON.parse(cipher.decrypt(row.documentEncrypted)) as LicenceDocument;
}

/** A licence as lists show it: the holder's identifier masked. */
export function licenceSummary(row: repo.LicenceRow, cipher: FieldCipher) {
  const identifier = cipher.decrypt(row.holderIdentifierEncrypted);
  return {
    identifier: row.identifier,
    typeCode: row.typeCode,
    typeName: row.typeName,
    version: row.version,
    licenceNumber: row.licenceNumber,
    holder: {
      kind: row.holderKind as HolderKind,
      name: row.holderName,
      identifier: row.holderKind === 'person' ? maskCitizenId(identifier) : identifier,
    },
    issuer: { name: row.issuerName, code: row.issuerCode },
    departmentId: row.departmentId,
    issuedOn: row.issuedOn,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    status: row.status as LicenceStatus,
    statusLabel: LICENCE_STATUSES[row.status as LicenceStatus],
    statusReason: row.statusReason,
    source: row.source as IssueOrigin['source'],
    caseNumber: row.caseNumber,
  };
}
export type LicenceSummary = ReturnType<typeof licenceSummary>;

export async function getLicence(db: Db | Tx, identifier: string, field = 'params.identifier') {
  const row = await repo.findLicence(db, identifier);
  if (!row) throw licenceErrors.notFound(field);
  return row;
}

/** A licence an officer may see: one of their departments'. */
export async function getLicenceForStaff(db: Db, context: RequestContext, identifier: string) {
  const row = await getLicence(db, identifier);
  await assertReach(db, context, row.departmentId, 'params.identifier');
  return row;
}

export async function listDepartmentLicences(
  db: Db,
  context: RequestContext,
  page: number,
  pageSize: number,
) {
  return repo.departmentLicences(db, context.scope?.departmentIds ?? null, pageSize, (page - 1) * pageSize);
}

// ---------------------------------------------------------------------------------------------
// Verification (验证)

export interface Verification {
  valid: boolean;
  reason?: VerifyReason;
  message: string;
  licence?: {
    identifier: string;
    typeName: string;
    holderName: string;
    issuerName: string;
    issuedOn: string;
    validUntil: string | null;
    status: LicenceStatus | 'unknown';
  };
  checkedAt: string;
}

/** Only the surname shows on public answers (张*), and an enterprise's name in full. */
const publicHolderName = (kind: string, name: string) =>
  kind === 'person' ? `${[...name][0] ?? ''}${'*'.repeat(Math.max(1, [...name].length - 1))}` : name;

function answer(
  deps: LicenceDeps,
  reason: VerifyReason | null,
  content?: SignedLicence,
  status?: LicenceStatus,
): Verification {
  return {
    valid: reason === null,
    ...(reason ? { reason } : {}),
    message: reason ? VERIFY_REASONS[reason] : '证照真实有效',
    ...(content
      ? {
          licence: {
            identifier: content.identifier,
            typeName: content.typeName,
            holderName: publicHolderName(content.holder.kind, content.holder.name),
            issuerName: content.issuer.name,
            issuedOn: content.issuedOn,
            validUntil: content.validUntil,
            status: status ?? 'unknown',
          },
        }
      : {}),
    checkedAt: deps.now().toISOString(),
  };
}

/** Why a signed document does not verify now, or null when it does. Checks in order of severity. */
export async function checkDocument(
  db: Db | Tx,
  deps: LicenceDeps,
  document: LicenceDocument,
): Promise<{ reason: VerifyReason | null; row?: repo.LicenceRow }> {
  const content = document.licence;
  const parsed = validateLicenceId(content.identifier);
  if (!parsed.ok || parsed.parts.typeCode !== content.typeCode || parsed.parts.version !== content.version)
    return { reason: 'identifier' };
  const seal = await repo.findSealByCode(db, content.sealCode);
  if (!seal || seal.issuerCode !== parsed.parts.issuerCode || seal.issuerCode !== content.issuer.code)
    return { reason: 'unknown_issuer' };
  const problem = documentSignatureProblem(document, seal.publicKey);
  if (problem) return { reason: problem };
  if (seal.status === 'revoked') return { reason: 'seal_revoked' };
  const row = await repo.findLicence(db, content.identifier);
  if (!row) return { reason: 'not_found' };
  // The registry's copy must be this very content (a valid signature over other data is not it).
  if (row.digest !== contentDigest(content)) return { reason: 'signature', row };
  if (row.status !== 'valid') return { reason: row.status as VerifyReason, row };
  if (content.validUntil !== null && content.validUntil < today(deps)) return { reason: 'expired', row };
  return { reason: null, row };
}

/**
 * 验证: a licence document (what the holder shows) or just its identifier (what the QR code
 * carries). Valid only when the identifier's check character, the issuer's seal, the signature, the
 * seal's status, the licence's status and its validity all hold; otherwise the first that fails.
 */
export async function verify(
  db: Db,
  deps: LicenceDeps,
  input: { licence?: unknown; identifier?: string },
): Promise<Verification> {
  if (input.licence !== undefined) {
    if (!Value.Check(LicenceDocument, input.licence)) return answer(deps, 'signature');
    const document = input.licence as LicenceDocument;
    const { reason, row } = await checkDocument(db, deps, document);
    return answer(deps, reason, document.licence, row?.status as LicenceStatus | undefined);
  }
  if (input.identifier === undefined) throw licenceErrors.documentRequired();
  const identifier = input.identifier.trim();
  if (!validateLicenceId(identifier).ok) return answer(deps, 'identifier');
  const row = await repo.findLicence(db, identifier);
  if (!row) return answer(deps, 'not_found');
  const document = documentOf(row, deps.cipher);
  const { reason } = await checkDocument(db, deps, document);
  return answer(deps, reason, document.licence, row.status as LicenceStatus);
}

/**
 * 证照状态列表: every licence that is not (or no longer) valid, and why, with a sequence number so
 * an offline verifier can fetch only what changed since its last copy.
 */
export async function statusList(db: Db, deps: LicenceDeps, since = 0) {
  const events = await repo.statusEvents(db, since);
  const latest = new Map<string, (typeof events)[number]>();
  for (const event of events) latest.set(event.identifier, event);
  const entries = [...latest.values()]
    .filter((event) => event.status !== 'valid' || since > 0)
    .map((event) => ({
      identifier: event.identifier,
      status: event.status as LicenceStatus,
      reason: event.reason,
      changedAt: event.occurredAt.toISOString(),
      seq: event.seq,
    }));
  const body = {
    issuer: '一网通办电子证照库',
    generatedAt: deps.now().toISOString(),
    since,
    lastSeq: events.at(-1)?.seq ?? since,
    entries,
  };
  return { ...body, digest: contentDigest(body) };
}
