import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  CaseProgress,
  CaseStatus,
  Correction,
  DeferredMaterial,
  JointOpinion,
} from '../../modules/cases/cases.model.js';

/** 申请编号 and 受理编号 series. */
export const caseApplicationSerial = pgSequence('case_application_serial');
export const caseNumberSerial = pgSequence('case_number_serial');

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

/**
 * 办件: one application for one implementation entry, executing the process of the catalogue version
 * it started with. The status and facts are derived from `case_actions` (replayed through the state
 * machine) and kept here with the clocks so queues and warning scans are plain indexed queries.
 */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 申请编号, given at submission: what the applicant quotes before acceptance. */
    applicationNumber: text('application_number').notNull(),
    /** 受理编号, given at acceptance. */
    caseNumber: text('case_number'),
    /** The catalogue version executed; never changes (a case keeps the version it started with). */
    versionId: uuid('version_id').notNull(),
    implementationCode: text('implementation_code').notNull(),
    itemName: text('item_name').notNull(),
    regionCode: text('region_code').notNull(),
    departmentId: uuid('department_id').notNull(),
    applicantKind: text('applicant_kind').notNull(),
    /** The account that applied (or the clerk's applicant record for a walk-in). */
    applicantAccountId: text('applicant_account_id').notNull(),
    applicantName: text('applicant_name').notNull(),
    /** Citizen ID or credit code, encrypted (AES-256-GCM); never stored in clear. */
    applicantIdentifierEncrypted: text('applicant_identifier_encrypted').notNull(),
    /** HMAC of the identifier: finds a case by case number + identifier without decrypting. */
    applicantIdentifierIndex: text('applicant_identifier_index').notNull(),
    /** The applicant's mobile number for notices (SMS), encrypted like the identifier. */
    applicantMobileEncrypted: text('applicant_mobile_encrypted'),
    /** online 网上申请 / window 一窗受理. */
    channel: text('channel').notNull(),
    /** 帮办代办: who handled it on the applicant's behalf. */
    proxy: jsonb('proxy').$type<{ staffId: string; reason: string } | null>(),
    bundleApplicationId: uuid('bundle_application_id'),
    form: jsonb('form').$type<Record<string, unknown>>().notNull(),
    status: text('status').$type<CaseStatus>().notNull(),
    facts: jsonb('facts').$type<CaseProgress>().notNull(),
    /** Bumped by every action: optimistic locking for callers that send what they saw. */
    revision: integer('revision').notNull().default(0),
    /** Index of the process step the case is at (review steps onward), or null before acceptance. */
    stepIndex: integer('step_index'),
    stepStartedOn: day('step_started_on'),
    stepDue: day('step_due'),
    /** Departments that may act on the current step (joint: those yet to give an opinion). */
    handlerDepartmentIds: uuid('handler_department_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** 并联: each joint department's opinion on the current step. */
    jointOpinions: jsonb('joint_opinions').$type<JointOpinion[]>().notNull().default(sql`'[]'::jsonb`),
    /** The one-time correction notice (补正告知) while it stands. */
    corrections: jsonb('corrections').$type<Correction[]>().notNull().default(sql`'[]'::jsonb`),
    /** 容缺: materials accepted missing, with the dates they are due. */
    deferredMaterials: jsonb('deferred_materials')
      .$type<DeferredMaterial[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    submittedAt: at('submitted_at'),
    /** The day a submission counts as received (after 17:00 or on a day off: the next working day). */
    receivedOn: day('received_on'),
    /** 第32条: completeness must be decided within 5 working days of receipt. */
    completenessDue: day('completeness_due'),
    /** Accepted on arrival because nobody decided completeness in time (第32条). */
    deemedAccepted: boolean('deemed_accepted').notNull().default(false),
    acceptedOn: day('accepted_on'),
    /** Limits of the version, in working days; null for 即办. */
    legalLimitDays: integer('legal_limit_days'),
    promisedLimitDays: integer('promised_limit_days'),
    /** Working days added by the one extension (第42条). */
    extensionDays: integer('extension_days').notNull().default(0),
    /** Working days not counted: suspensions (特别程序) that have ended. */
    pausedDays: integer('paused_days').notNull().default(0),
    /** The day the running suspension began, or null. */
    suspendedOn: day('suspended_on'),
    legalDue: day('legal_due'),
    promisedDue: day('promised_due'),
    decidedOn: day('decided_on'),
    /** Licences issued and delivered within 10 working days of the decision (第44条). */
    deliveryDue: day('delivery_due'),
    completedAt: at('completed_at'),
    /**
     * The due date warnings judge, kept by the database: the delivery due date once decided
     * (第44条), else the earlier of the legal and promised due dates; null while the case is not
     * running (not yet accepted, suspended, refused, delivered, completed) or has no limit (即办).
     * The warning level (none / yellow / red) follows from it and the day (`cases.clock`
     * `levelOn`); a trigger keeps `case_warning_levels` in step with it for the warning scan.
     */
    warningDue: day('warning_due').generatedAlwaysAs(
      sql`case when completed_at is null and suspended_on is null
                and status in ('accepted', 'under_review', 'approved', 'produced')
           then case when status in ('approved', 'produced') then delivery_due
                     else least(legal_due, promised_due) end
           end`,
    ),
    assigneeId: text('assignee_id'),
    claimedAt: at('claimed_at'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('cases_application_number_idx').on(table.applicationNumber),
    uniqueIndex('cases_case_number_idx').on(table.caseNumber),
    index('cases_applicant_idx').on(table.applicantAccountId, table.createdAt),
    index('cases_department_status_idx').on(table.departmentId, table.status),
    index('cases_handlers_idx').using('gin', table.handlerDepartmentIds),
    index('cases_region_status_idx').on(table.regionCode, table.status),
    index('cases_promised_due_idx').on(table.promisedDue).where(sql`${table.completedAt} is null`),
    index('cases_bundle_idx').on(table.bundleApplicationId),
    // The 即将超期 and 已超期 queues: running cases by due date.
    index('cases_warning_due_idx').on(table.warningDue).where(sql`${table.warningDue} is not null`),
  ],
);

/**
 * The append-only action log of a case: its timeline and its trail. Status-changing actions are the
 * state machine's; events (claim, comment, warning, notice) sit in the same log.
 */
export const caseActions = pgTable(
  'case_actions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** 1, 2, 3 … per case. */
    seq: integer('seq').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status').notNull(),
    toStatus: text('to_status').notNull(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id').notNull(),
    departmentId: uuid('department_id'),
    /** Shown on the applicant's timeline. */
    public: boolean('public').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    occurredAt: at('occurred_at').notNull().defaultNow(),
  },
  (table) => [uniqueIndex('case_actions_seq_idx').on(table.caseId, table.seq)],
);

/** Materials of a case: an upload, a reused e-licence or shared-data item (免提交), or a paper copy. */
export const caseMaterials = pgTable(
  'case_materials',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    materialKey: text('material_key').notNull(),
    name: text('name').notNull(),
    /** upload / licence / shared_data / paper */
    source: text('source').notNull(),
    blobSha256: text('blob_sha256'),
    fileName: text('file_name'),
    mediaType: text('media_type'),
    size: integer('size'),
    /** The e-licence identifier or shared-data item that replaced the paper (免提交). */
    reference: text('reference'),
    providedAt: at('provided_at').notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.caseId, table.materialKey] })],
);

/** Notices issued to the applicant (受理通知书, 补正告知书 …): the facts they were rendered from. */
export const caseNotices = pgTable(
  'case_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind').notNull(),
    documentNumber: text('document_number').notNull(),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    issuedAt: at('issued_at').notNull().defaultNow(),
  },
  // Every action reads the notices of its case under the lock: without this, a scan of all of them.
  (table) => [index('case_notices_case_idx').on(table.caseId, table.issuedAt)],
);

/** Deadline warnings raised by the scan: what supervision (电子监察) reads. */
export const caseWarnings = pgTable(
  'case_warnings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /**
     * The case. No foreign key on purpose: a key check locks the referenced `cases` row (FOR KEY
     * SHARE), which on a new day's scan would write a whole page of the wide table for each of the
     * thousands of records. The scan copies the id from `case_warning_levels`, whose key does
     * reference `cases`, and cases are never deleted.
     */
    caseId: uuid('case_id').notNull(),
    level: text('level').notNull(),
    /** The due date the warning is about (the earlier clock). */
    due: day('due').notNull(),
    raisedOn: day('raised_on').notNull(),
    raisedAt: at('raised_at').notNull().defaultNow(),
  },
  (table) => [index('case_warnings_case_idx').on(table.caseId)],
);

/**
 * The warning scan's own record of each running case (one row per case whose `warning_due` is not
 * null): its due date and the level the scan last raised for that date. Narrow on purpose: a new
 * day's scan changes the level of every case crossing into yellow or red, and updating these rows
 * writes a fraction of what updating the wide, many-indexed `cases` rows would. Rows are kept by
 * the trigger of migration 0014 (`case_warning_levels_follow`): inserted with level none when a
 * case starts running, reset to none when its due date moves, deleted when it stops running.
 */
export const caseWarningLevels = pgTable(
  'case_warning_levels',
  {
    caseId: uuid('case_id')
      .primaryKey()
      .references(() => cases.id),
    due: day('due').notNull(),
    level: text('level').notNull().default('none'),
  },
  (table) => [
    // By level, then due date, so "level differs from what the date says" is a few short range
    // scans (repo.scanWarnings).
    index('case_warning_levels_level_due_idx').on(table.level, table.due),
    check('case_warning_levels_level', sql`${table.level} in ('none', 'yellow', 'red')`),
  ],
);

/**
 * 一件事: one combined application for a bundle, fanned out into member cases (cases with this
 * `bundle_application_id`), each in its department on its own clock.
 */
export const caseBundleApplications = pgTable(
  'case_bundle_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bundleCode: text('bundle_code').notNull(),
    bundleName: text('bundle_name').notNull(),
    regionCode: text('region_code').notNull(),
    applicantAccountId: text('applicant_account_id').notNull(),
    applicantName: text('applicant_name').notNull(),
    /** The combined form: each fact once. */
    form: jsonb('form').$type<Record<string, unknown>>().notNull(),
    /** Basic codes of the members applied for (conditional members may be left out). */
    members: text('members').array().notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [index('case_bundle_applications_applicant_idx').on(table.applicantAccountId, table.createdAt)],
);

/** A department system subscribed to its cases' events (signed webhooks, 业务系统对接). */
export const caseWebhookSubscriptions = pgTable(
  'case_webhook_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    departmentId: uuid('department_id').notNull(),
    url: text('url').notNull(),
    /** The HMAC secret, encrypted at rest; looked up at delivery, never written to the outbox. */
    secretEncrypted: text('secret_encrypted').notNull(),
    /** Actions to send, e.g. `accept`; empty means all. */
    actions: text('actions').array().notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [index('case_webhook_subscriptions_department_idx').on(table.departmentId)],
);
