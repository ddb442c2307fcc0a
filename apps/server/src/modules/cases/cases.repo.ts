import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { caseActions, caseMaterials, caseNotices, cases, caseWarnings } from '../../db/schema/cases.js';
import { type Db, queryRows, type Tx } from '../../platform/database.js';

export type CaseRow = typeof cases.$inferSelect;
export type NewCaseRow = typeof cases.$inferInsert;
export type ActionRow = typeof caseActions.$inferSelect;
export type MaterialRow = typeof caseMaterials.$inferSelect;
export type NoticeRow = typeof caseNotices.$inferSelect;

/** The next number of a yearly series (申请编号, 受理编号), from a sequence of its own. */
export async function nextSerial(tx: Tx, series: 'application' | 'case'): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    tx,
    series === 'application'
      ? sql`select nextval('case_application_serial')::int as n`
      : sql`select nextval('case_number_serial')::int as n`,
  );
  return row?.n ?? 0;
}

export async function insertCase(tx: Tx, row: NewCaseRow): Promise<CaseRow> {
  const [created] = await tx.insert(cases).values(row).returning();
  if (!created) throw new Error('insert into cases returned nothing');
  return created;
}

export async function findCase(db: Db, id: string): Promise<CaseRow | undefined> {
  const [row] = await db.select().from(cases).where(eq(cases.id, id));
  return row;
}

/** The case, locked until the transaction ends: actions on one case are serialized. */
export async function lockCase(tx: Tx, id: string): Promise<CaseRow | undefined> {
  const [row] = await tx.select().from(cases).where(eq(cases.id, id)).for('update');
  return row;
}

export async function updateCase(tx: Tx, id: string, values: Partial<NewCaseRow>): Promise<CaseRow> {
  const [row] = await tx
    .update(cases)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(cases.id, id))
    .returning();
  if (!row) throw new Error(`case ${id} vanished`);
  return row;
}

/** Append to the log; the caller holds the case lock, so seq has no gaps. */
export async function appendAction(
  tx: Tx,
  action: Omit<typeof caseActions.$inferInsert, 'seq' | 'id'>,
): Promise<ActionRow> {
  const [row] = await tx
    .insert(caseActions)
    .values({
      ...action,
      seq: sql`(select coalesce(max(seq), 0) + 1 from ${caseActions} where case_id = ${action.caseId})`,
    })
    .returning();
  if (!row) throw new Error('insert into case_actions returned nothing');
  return row;
}

export function listActions(db: Db, caseId: string, publicOnly: boolean): Promise<ActionRow[]> {
  const conditions = [eq(caseActions.caseId, caseId)];
  if (publicOnly) conditions.push(eq(caseActions.public, true));
  return db
    .select()
    .from(caseActions)
    .where(and(...conditions))
    .orderBy(asc(caseActions.seq));
}

export async function upsertMaterial(tx: Tx, row: typeof caseMaterials.$inferInsert): Promise<MaterialRow> {
  const [saved] = await tx
    .insert(caseMaterials)
    .values(row)
    .onConflictDoUpdate({
      target: [caseMaterials.caseId, caseMaterials.materialKey],
      set: {
        name: row.name,
        source: row.source,
        blobSha256: row.blobSha256 ?? null,
        fileName: row.fileName ?? null,
        mediaType: row.mediaType ?? null,
        size: row.size ?? null,
        reference: row.reference ?? null,
        providedAt: new Date(),
      },
    })
    .returning();
  if (!saved) throw new Error('upsert into case_materials returned nothing');
  return saved;
}

export function listMaterials(db: Db, caseId: string): Promise<MaterialRow[]> {
  return db
    .select()
    .from(caseMaterials)
    .where(eq(caseMaterials.caseId, caseId))
    .orderBy(asc(caseMaterials.providedAt));
}

export async function insertNotice(tx: Tx, row: typeof caseNotices.$inferInsert): Promise<NoticeRow> {
  const [saved] = await tx.insert(caseNotices).values(row).returning();
  if (!saved) throw new Error('insert into case_notices returned nothing');
  return saved;
}

export function listNotices(db: Db, caseId: string): Promise<NoticeRow[]> {
  return db
    .select()
    .from(caseNotices)
    .where(eq(caseNotices.caseId, caseId))
    .orderBy(asc(caseNotices.issuedAt));
}

export async function findNotice(db: Db, caseId: string, noticeId: string): Promise<NoticeRow | undefined> {
  const [row] = await db
    .select()
    .from(caseNotices)
    .where(and(eq(caseNotices.caseId, caseId), eq(caseNotices.id, noticeId)));
  return row;
}

/** A page of one applicant's cases, newest first. */
export async function listApplicantCases(
  db: Db,
  accountId: string,
  limit: number,
  offset: number,
): Promise<{ rows: CaseRow[]; total: number }> {
  const where = eq(cases.applicantAccountId, accountId);
  const [rows, [count]] = await Promise.all([
    db.select().from(cases).where(where).orderBy(desc(cases.createdAt)).limit(limit).offset(offset),
    queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${cases} where ${where}`),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export async function findByCaseNumber(
  db: Db,
  number: string,
  identifierIndex: string,
): Promise<CaseRow | undefined> {
  const [row] = await db
    .select()
    .from(cases)
    .where(
      and(
        sql`(${cases.caseNumber} = ${number} or ${cases.applicationNumber} = ${number})`,
        eq(cases.applicantIdentifierIndex, identifierIndex),
      ),
    );
  return row;
}

/** The staff member's reach: departments and/or a region subtree, in SQL. */
export interface QueueScope {
  departmentIds?: readonly string[];
  regionCodes?: readonly string[];
}

export type QueueName =
  | 'pre_review'
  | 'acceptance'
  | 'review'
  | 'decision'
  | 'production'
  | 'due_soon'
  | 'overdue';

/** One work queue (待预审, 待受理, 待审查, 待决定, 待制证送达, 即将超期, 已超期) within a scope. */
export async function listQueue(
  db: Db,
  queue: QueueName,
  scope: QueueScope,
  limit: number,
  offset: number,
): Promise<{ rows: CaseRow[]; total: number }> {
  const conditions: SQL[] = [isNull(cases.completedAt) as SQL];
  const open = sql`${cases.status} in ('accepted', 'under_review', 'suspended', 'approved', 'refused', 'produced')`;
  switch (queue) {
    case 'pre_review':
      conditions.push(sql`${cases.status} = 'submitted' and not (${cases.facts} ->> 'preReviewed')::boolean`);
      break;
    case 'acceptance':
      conditions.push(sql`${cases.status} = 'submitted' and (${cases.facts} ->> 'preReviewed')::boolean`);
      break;
    case 'review':
      conditions.push(
        sql`${cases.status} in ('accepted', 'under_review') and ${cases.stepIndex} is not null`,
      );
      conditions.push(sql`not (${cases.facts} ->> 'atDecision')::boolean`);
      break;
    case 'decision':
      conditions.push(
        sql`${cases.status} in ('accepted', 'under_review') and (${cases.facts} ->> 'atDecision')::boolean`,
      );
      break;
    case 'production':
      conditions.push(sql`${cases.status} in ('approved', 'refused', 'produced', 'delivered')`);
      break;
    case 'due_soon':
      conditions.push(open, sql`${cases.warningLevel} = 'yellow'`);
      break;
    case 'overdue':
      conditions.push(open, sql`${cases.warningLevel} = 'red'`);
      break;
  }
  if (scope.departmentIds) {
    const ids = sql.join(
      scope.departmentIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
    // The implementing department, or a department the current step waits on (joint handling).
    conditions.push(
      sql`(${cases.departmentId} in (${ids}) or ${cases.handlerDepartmentIds} && array[${ids}])`,
    );
  }
  if (scope.regionCodes) conditions.push(inArray(cases.regionCode, [...scope.regionCodes]) as SQL);
  const where = and(...conditions);
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(cases)
      .where(where)
      .orderBy(
        sql`least(${cases.promisedDue}, ${cases.legalDue}, ${cases.completenessDue}) asc nulls last`,
        asc(cases.createdAt),
      )
      .limit(limit)
      .offset(offset),
    queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${cases} where ${where}`),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** Claim for one staff member: succeeds when unclaimed or already theirs. */
export async function claimCase(tx: Tx, id: string, staffId: string): Promise<CaseRow | undefined> {
  const [row] = await tx
    .update(cases)
    .set({ assigneeId: staffId, claimedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(cases.id, id), sql`(${cases.assigneeId} is null or ${cases.assigneeId} = ${staffId})`))
    .returning();
  return row;
}

/**
 * The warning scan (电子监察预警), set-based: every open, running case whose earlier due date is on
 * or before `yellowThrough` is yellow, before `today` red; rows whose level changes are updated and
 * returned, with a warning record each.
 */
export async function scanWarnings(
  tx: Tx,
  today: string,
  yellowThrough: string,
): Promise<{ caseId: string; level: string; due: string }[]> {
  return queryRows(
    tx,
    sql`with levels as (
          select id, due,
            case when due < ${today}::date then 'red'
                 when due <= ${yellowThrough}::date then 'yellow'
                 else 'none' end as level
          from (
            select id, case when status in ('approved', 'produced') then delivery_due
                            else least(legal_due, promised_due) end as due, warning_level
            from ${cases}
            where completed_at is null and suspended_on is null
              and status in ('accepted', 'under_review', 'approved', 'produced')
          ) running
          where due is not null
        ),
        changed as (
          update ${cases} c set warning_level = l.level, updated_at = now()
          from levels l
          where c.id = l.id and c.warning_level <> l.level
          returning c.id, l.level, l.due
        ),
        recorded as (
          insert into ${caseWarnings} (case_id, level, due, raised_on)
          select id, level, due, ${today}::date from changed where level <> 'none'
        )
        select id as "caseId", level, due::text as due from changed`,
  );
}

/** Cases in `submitted` whose completeness decision (第32条) is overdue: accepted on arrival. */
export function overdueCompleteness(db: Db, today: string, limit: number): Promise<CaseRow[]> {
  return db
    .select()
    .from(cases)
    .where(and(eq(cases.status, 'submitted'), sql`${cases.completenessDue} < ${today}::date`))
    .orderBy(asc(cases.completenessDue))
    .limit(limit);
}

/** Cases with a 容缺 material past its due date and not supplied. */
export function overdueDeferrals(db: Db, today: string, limit: number): Promise<CaseRow[]> {
  return db
    .select()
    .from(cases)
    .where(
      and(
        inArray(cases.status, ['accepted', 'under_review', 'suspended']),
        sql`exists (select 1 from jsonb_array_elements(${cases.deferredMaterials}) m
                    where m ->> 'suppliedAt' is null and (m ->> 'due')::date < ${today}::date)`,
      ),
    )
    .limit(limit);
}

export function warningsOf(db: Db, caseId: string) {
  return db.select().from(caseWarnings).where(eq(caseWarnings.caseId, caseId)).orderBy(asc(caseWarnings.id));
}

export function casesOfBundle(db: Db, bundleApplicationId: string): Promise<CaseRow[]> {
  return db
    .select()
    .from(cases)
    .where(eq(cases.bundleApplicationId, bundleApplicationId))
    .orderBy(asc(cases.createdAt));
}
