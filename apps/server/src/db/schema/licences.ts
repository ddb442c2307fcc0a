import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { LicenceField, LicenceTemplate, ValidityRule } from '../../modules/licences/licences.model.js';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

/**
 * 证照类型 (GB/T 36903): what a kind of licence says (its data fields), who defines it, how long it
 * is valid and how it looks. The catalogue's materials and results name these codes.
 */
export const licenceTypes = pgTable('licence_types', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  /** 定义部门: the department (by name) that defines the type nationally. */
  definingDepartment: text('defining_department').notNull(),
  /** Who holds a licence of this type: a natural person, a legal person, or either. */
  holderKind: text('holder_kind').notNull(),
  fields: jsonb('fields').$type<LicenceField[]>().notNull(),
  validity: jsonb('validity').$type<ValidityRule>().notNull(),
  template: jsonb('template').$type<LicenceTemplate>().notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/**
 * 电子印章 (GB/T 38540): a department's seal with its SM2 key pair. The private key is encrypted at
 * rest with the field cipher; only an active seal within its validity signs.
 */
export const licenceSeals = pgTable(
  'licence_seals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 印章编码: printed, and named in every signature the seal makes. */
    code: text('code').notNull(),
    departmentId: uuid('department_id').notNull(),
    /** The department's credit code and name when the seal was made: the issuer of what it signs. */
    issuerCode: text('issuer_code').notNull(),
    issuerName: text('issuer_name').notNull(),
    /** 印章类型: 公章, 业务专用章 (e.g. 行政审批专用章), 法定名称章. */
    kind: text('kind').notNull(),
    /** 印章名称, the words along the rim. */
    name: text('name').notNull(),
    validFrom: day('valid_from').notNull(),
    validUntil: day('valid_until').notNull(),
    /** SM2 public key, uncompressed (04 ‖ x ‖ y), hex. */
    publicKey: text('public_key').notNull(),
    privateKeyEncrypted: text('private_key_encrypted').notNull(),
    /** 制章人: who made the seal. */
    maker: text('maker').notNull(),
    /** The seal information signed by the seal's own key when made (GB/T 38540 印章信息). */
    sealSignature: text('seal_signature').notNull(),
    status: text('status').notNull().default('active'),
    statusReason: text('status_reason'),
    statusChangedAt: at('status_changed_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('licence_seals_code_key').on(table.code),
    index('licence_seals_department_idx').on(table.departmentId, table.status),
    check('licence_seals_status_check', sql`${table.status} in ('active', 'suspended', 'revoked')`),
  ],
);

/** The next serial (顺序号) of each type and issuer. */
export const licenceSerials = pgTable(
  'licence_serials',
  {
    typeCode: text('type_code').notNull(),
    issuerCode: text('issuer_code').notNull(),
    last: integer('last').notNull(),
  },
  (table) => [primaryKey({ columns: [table.typeCode, table.issuerCode] })],
);

/**
 * 电子证照: one version of one licence. A change or renewal adds a version (the serial stays, the
 * version number grows) and supersedes the one before. The signed document is stored encrypted:
 * it carries the holder's identifier.
 */
export const licences = pgTable(
  'licences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The GB/T 36904 identifier of this version. */
    identifier: text('identifier').notNull(),
    typeCode: text('type_code').notNull(),
    /** The type's name when issued, as printed. */
    typeName: text('type_name').notNull(),
    issuerCode: text('issuer_code').notNull(),
    issuerName: text('issuer_name').notNull(),
    departmentId: uuid('department_id').notNull(),
    serial: text('serial').notNull(),
    version: integer('version').notNull(),
    /** 证照编号 as printed (the department's own number), if any. */
    licenceNumber: text('licence_number'),
    holderKind: text('holder_kind').notNull(),
    holderName: text('holder_name').notNull(),
    holderIdentifierEncrypted: text('holder_identifier_encrypted').notNull(),
    /** Blind index of the holder's identifier: the wallet and reuse look-ups. */
    holderIndex: text('holder_index').notNull(),
    issuedOn: day('issued_on').notNull(),
    validFrom: day('valid_from').notNull(),
    /** Null: long-term (长期有效). */
    validUntil: day('valid_until'),
    /** The signed licence document (canonical JSON), encrypted. */
    documentEncrypted: text('document_encrypted').notNull(),
    /** SM3 of the signed content: what the status list and the registry compare. */
    digest: text('digest').notNull(),
    /** SM2 signature (DER, hex) by the seal over the signed content. */
    signature: text('signature').notNull(),
    sealId: uuid('seal_id').notNull(),
    status: text('status').notNull().default('valid'),
    statusReason: text('status_reason'),
    statusChangedAt: at('status_changed_at'),
    /** How it was issued: from a case's production step, by an officer, or imported. */
    source: text('source').notNull(),
    caseId: uuid('case_id'),
    caseNumber: text('case_number'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('licences_identifier_key').on(table.identifier),
    uniqueIndex('licences_version_key').on(table.typeCode, table.issuerCode, table.serial, table.version),
    index('licences_holder_idx').on(table.holderIndex, table.typeCode),
    index('licences_department_idx').on(table.departmentId, table.createdAt),
    uniqueIndex('licences_case_key')
      .on(table.caseId)
      .where(sql`${table.source} = 'case' and ${table.version} = 1`),
    check(
      'licences_status_check',
      sql`${table.status} in ('valid', 'suspended', 'revoked', 'cancelled', 'superseded')`,
    ),
    check('licences_source_check', sql`${table.source} in ('case', 'officer', 'import')`),
  ],
);

/**
 * 证照状态列表: every status change of every licence, in order. Published whole so offline
 * verifiers learn of revocations (吊销), suspensions (暂扣/中止) and cancellations (注销) without
 * asking about one holder.
 */
export const licenceStatusEvents = pgTable(
  'licence_status_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    licenceId: uuid('licence_id').notNull(),
    identifier: text('identifier').notNull(),
    status: text('status').notNull(),
    reason: text('reason'),
    occurredAt: at('occurred_at').notNull().defaultNow(),
  },
  (table) => [index('licence_status_events_identifier_idx').on(table.identifier)],
);

/**
 * 用证记录: a licence used as an application material — who used it, for which case and material,
 * at which grade (A 签发机构直接使用, B 窗口核验, C 用户上传经核对原件, D 承诺制自制), with the
 * holder's consent. The holder sees these.
 */
export const licenceUses = pgTable(
  'licence_uses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    licenceId: uuid('licence_id').notNull(),
    identifier: text('identifier').notNull(),
    holderIndex: text('holder_index').notNull(),
    caseId: uuid('case_id').notNull(),
    materialKey: text('material_key').notNull(),
    grade: text('grade').notNull(),
    /** The holder's consent to this use (授权用证), as given by the caller. */
    consent: boolean('consent').notNull(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    /** The enterprise's agent (经办人) who acted, if any. */
    agentName: text('agent_name'),
    usedAt: at('used_at').notNull().defaultNow(),
  },
  (table) => [
    index('licence_uses_holder_idx').on(table.holderIndex, table.usedAt),
    index('licence_uses_case_idx').on(table.caseId),
    check('licence_uses_grade_check', sql`${table.grade} in ('A', 'B', 'C', 'D')`),
  ],
);

/** 共享调用日志: every call of a department system on the sharing interface. */
export const licenceShareLog = pgTable(
  'licence_share_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    clientKind: text('client_kind').notNull(),
    clientId: text('client_id').notNull(),
    operation: text('operation').notNull(),
    holderIndex: text('holder_index'),
    typeCode: text('type_code'),
    identifier: text('identifier'),
    results: integer('results').notNull(),
    requestId: text('request_id'),
    occurredAt: at('occurred_at').notNull().defaultNow(),
  },
  (table) => [index('licence_share_log_client_idx').on(table.clientId, table.occurredAt)],
);
