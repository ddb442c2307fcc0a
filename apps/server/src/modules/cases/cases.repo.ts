import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import {
  caseActions,
  caseMaterials,
  caseNotices,
  cases,
  caseWarningLevels,
  caseWarnings,
} from '../../db/schema/cases.js';
import {
  type Db,
  insertRowsAsJson,
  queryRows,
  rowJson,
  rowsFromJson,
  type Tx,
  updateRowsAsJson,
} from '../../platform/database.js';
import type { WarningBands } from './cases.clock.js';

export type CaseRow = typeof cases.$inferSelect;
export type NewCaseRow = typeof cases.$inferInsert;
export type ActionRow = typeof caseActions.$inferSelect;
export type MaterialRow = typeof caseMaterials.$inferSelect;
export type NoticeRow = typeof caseNotices.$inferSelect;

/** Serials of the case series drawn ahead for a transaction (`drawCaseSerialsAhead`), taken in turn. */
const caseSerialsAhead = new WeakMap<Tx, { drawn: Promise<number[]>; taken: number }>();

/**
 * Draw `count` serials of the case series (受理编号) now, with the statements issued alongside, for
 * the acceptances a batch of actions may make: `nextSerial` then takes them instead of each costing a
 * round trip of its own while the actions are planned. One not taken is a skipped number, as one
 * drawn by a transaction that rolls back is.
 */
export function drawCaseSerialsAhead(tx: Tx, count: number): void {
  if (count <= 0) return;
  const drawn = queryRows<{ n: number }>(
    tx,
    sql`select nextval('case_number_serial')::int as n from generate_series(1, ${count}::int)`,
  ).then((rows) => rows.map((row) => row.n));
  // Awaited by the actions that take one; until then a failure must not count as unhandled.
  drawn.catch(() => {});
  caseSerialsAhead.set(tx, { drawn, taken: 0 });
}

/** The next number of a yearly series (申请编号, 受理编号), from a sequence of its own. */
export async function nextSerial(tx: Tx, series: 'application' | 'case'): Promise<number> {
  const ahead = series === 'case' ? caseSerialsAhead.get(tx) : undefined;
  if (ahead) {
    const index = ahead.taken;
    ahead.taken += 1;
    const serial = (await ahead.drawn)[index];
    if (serial !== undefined) return serial;
  }
  const [row] = await queryRows<{ n: number }>(
    tx,
    series === 'application'
      ? sql`select nextval('case_application_serial')::int as n`
      : sql`select nextval('case_number_serial')::int as n`,
  );
  return row?.n ?? 0;
}

/**
 * The serial in column `n` (text) zero-padded to at least `digits` digits: `lpad` alone would cut a
 * longer one. The serial is drawn (`nextval`) in a derived table, once per row, and padded outside it.
 */
const padded = (digits: number) => sql.raw(`lpad(n, greatest(${digits}, length(n)), '0')`);

/** `count` 申请编号: SQ + the day + at least 8 digits of the application series, in one statement. */
export async function drawApplicationNumbers(tx: Tx, day: string, count: number): Promise<string[]> {
  const rows = await queryRows<{ number: string }>(
    tx,
    sql`select 'SQ' || ${day.replaceAll('-', '')} || ${padded(8)} as number
      from (select nextval('case_application_serial')::text as n from generate_series(1, ${count}::int)) serials`,
  );
  return rows.map((row) => row.number);
}

/** A case row before it is written: every column but those the database computes or stamps. */
export type CaseValues = Omit<CaseRow, 'warningDue' | 'createdAt' | 'updatedAt'>;

/** Insert cases in one statement (one JSON parameter); the rows come back in the order given. */
export async function insertCases(tx: Tx, rows: readonly CaseValues[]): Promise<CaseRow[]> {
  if (rows.length === 0) return [];
  const now = new Date();
  const stamped = rows.map((row) => ({ ...row, createdAt: now, updatedAt: now }));
  const sent = insertRowsAsJson(cases, stamped);
  return asStored(stamped, await queryRows(tx, sql`${sent} returning id, warning_due::text as warning_due`));
}

/**
 * The cases as stored: the rows as written (every key of a case row, the timestamps stamped), each
 * with the `warning_due` the database computed for it, which is all a write of cases sends back:
 * building the whole row as JSON for the answer, and parsing it here, cost more than the write.
 */
function asStored(
  rows: readonly (CaseValues & Pick<CaseRow, 'createdAt' | 'updatedAt'>)[],
  computed: readonly Record<string, unknown>[],
): CaseRow[] {
  const dues = new Map(computed.map((entry) => [entry.id, entry.warning_due as string | null]));
  return rows.map((row) => {
    const warningDue = dues.get(row.id);
    if (warningDue === undefined) throw new Error(`case ${row.id} was not written`);
    // Assigned to a key the row has (copies of a case row keep its keys), not added.
    return Object.assign(row, { warningDue });
  });
}

/**
 * Rows of `table` matching `where` (over the table unaliased), in `orderBy` order, as `rowJson` reads
 * them: the hot reads of the case engine, whose tables are too wide for Drizzle's select builder.
 */
async function selectRows<T>(db: Db, table: PgTable, where: SQL, tail: SQL = sql``): Promise<T[]> {
  const rows = await queryRows<{ row: Record<string, unknown> }>(
    db,
    sql`select ${rowJson(table)} as row from ${table} where ${where} ${tail}`,
  );
  return rowsFromJson<T>(
    table,
    rows.map(({ row }) => row),
  );
}

export async function findCase(db: Db, id: string): Promise<CaseRow | undefined> {
  const [row] = await selectRows<CaseRow>(db, cases, sql`id = ${id}`);
  return row;
}

/** The case, locked until the transaction ends: actions on one case are serialized. */
export async function lockCase(tx: Tx, id: string): Promise<CaseRow | undefined> {
  const [row] = await selectRows<CaseRow>(tx, cases, sql`id = ${id}`, sql`for update`);
  return row;
}

/**
 * A case as an action writes it: `before` with `values` set (an undefined value leaves its column
 * as it was). What `insertCases` and `updateCases` write, and what the action's records are made
 * from. The copy keeps every key of `before`, the columns the database sets (`warning_due`, the
 * timestamps) too, which the writes stamp or skip: V8 copies an object that keeps its keys fast, and
 * one that gains or loses keys slowly (several µs for a case row on Node 20).
 */
export function caseUpdated(before: CaseRow, values: Partial<NewCaseRow>): CaseValues {
  const row: Record<string, unknown> = { ...before };
  for (const [key, value] of Object.entries(values)) if (value !== undefined) row[key] = value;
  return row as CaseValues;
}

/** Write cases as `caseUpdated` made them, in one statement; answers them as stored, in order. */
export async function updateCases(tx: Tx, updates: readonly CaseValues[]): Promise<CaseRow[]> {
  if (updates.length === 0) return [];
  const updatedAt = new Date();
  // `caseUpdated` kept the case's `createdAt`, which the update leaves as it was.
  const rows = updates.map((row) => ({ ...(row as CaseRow), updatedAt }));
  const sent = updateRowsAsJson(cases, 'id', rows, ['createdAt']);
  return asStored(rows, await queryRows(tx, sql`${sent} returning t.id, t.warning_due::text as warning_due`));
}

export async function updateCase(tx: Tx, id: string, values: Partial<NewCaseRow>): Promise<CaseRow> {
  const [updated] = await tx
    .update(cases)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(cases.id, id))
    .returning({ row: rowJson(cases) });
  const [row] = rowsFromJson<CaseRow>(cases, updated ? [updated.row as Record<string, unknown>] : []);
  if (!row) throw new Error(`case ${id} vanished`);
  return row;
}

type NewAction = Omit<typeof caseActions.$inferInsert, 'seq' | 'id'>;

/** Append to the log; the caller holds the case lock, so seq has no gaps. */
export async function appendAction(tx: Tx, action: NewAction): Promise<ActionRow> {
  const [row] = await appendActions(tx, [action]);
  if (!row) throw new Error('insert into case_actions returned nothing');
  return row;
}

/** Append one action to each of several cases (all different) in one statement, in the order given. */
export async function appendActions(tx: Tx, actions: readonly NewAction[]): Promise<ActionRow[]> {
  if (actions.length === 0) return [];
  const rows = await queryRows<{ row: Record<string, unknown> }>(
    tx,
    sql`${insertRowsAsJson(
      caseActions,
      actions.map((action) => ({ ...action, departmentId: action.departmentId ?? null })),
      { seq: sql`(select coalesce(max(seq), 0) + 1 from ${caseActions} where case_id = r.case_id)` },
    )} returning ${rowJson(caseActions)} as row`,
  );
  const byCase = new Map(
    rowsFromJson<ActionRow>(
      caseActions,
      rows.map(({ row }) => row),
    ).map((row) => [row.caseId, row]),
  );
  return actions.map((action) => {
    const row = byCase.get(action.caseId);
    if (!row) throw new Error('insert into case_actions returned fewer rows');
    return row;
  });
}

export function listActions(db: Db, caseId: string, publicOnly: boolean): Promise<ActionRow[]> {
  return selectRows<ActionRow>(
    db,
    caseActions,
    publicOnly ? sql`case_id = ${caseId} and public` : sql`case_id = ${caseId}`,
    sql`order by seq`,
  );
}

/** The departments that took an action on the case (a joint department that gave its opinion …). */
export async function actingDepartments(db: Db, caseId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ departmentId: caseActions.departmentId })
    .from(caseActions)
    .where(and(eq(caseActions.caseId, caseId), sql`${caseActions.departmentId} is not null`));
  return rows.flatMap((row) => (row.departmentId ? [row.departmentId] : []));
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
  return selectRows<MaterialRow>(db, caseMaterials, sql`case_id = ${caseId}`, sql`order by provided_at`);
}

/**
 * Issue notices, each numbered `<numberPrefix><serial, at least 6 digits>号` (文书编号), the serials
 * drawn from the case-number series in the insert itself: one statement for all. The rows come back
 * in no particular order (a batch issues at most one notice of a kind per case).
 */
export async function insertNotices(
  tx: Tx,
  notices: readonly (Omit<typeof caseNotices.$inferInsert, 'documentNumber' | 'id'> & {
    numberPrefix: string;
  })[],
): Promise<NoticeRow[]> {
  if (notices.length === 0) return [];
  const rows = notices.map(({ caseId, kind, content, issuedAt, numberPrefix }) => ({
    case_id: caseId,
    kind,
    content,
    issued_at: issuedAt ?? new Date(),
    number_prefix: numberPrefix,
  }));
  const saved = await queryRows<{ row: Record<string, unknown> }>(
    tx,
    sql`with saved as (
          insert into ${caseNotices} (case_id, kind, content, issued_at, document_number)
          select case_id, kind, content, issued_at, number_prefix || ${padded(6)} || '号'
          from (select r.*, nextval('case_number_serial')::text as n
                from json_to_recordset(${JSON.stringify(rows)}::json)
                  as r (case_id uuid, kind text, content jsonb, issued_at timestamptz, number_prefix text)) numbered
          returning *)
        select ${rowJson(caseNotices)} as row from saved`,
  );
  if (saved.length !== notices.length) throw new Error('insert into case_notices returned fewer rows');
  return rowsFromJson<NoticeRow>(
    caseNotices,
    saved.map((entry) => entry.row),
  );
}

export function listNotices(db: Db, caseId: string): Promise<NoticeRow[]> {
  return db
    .select()
    .from(caseNotices)
    .where(eq(caseNotices.caseId, caseId))
    .orderBy(asc(caseNotices.issuedAt));
}

/** Rows of `table` as a JSON array built in the database (`rowJson` each, read back with `rowsFromJson`). */
function jsonRows(table: PgTable, where: SQL, orderBy: SQL): SQL {
  return sql`(select coalesce(json_agg(${rowJson(table)} order by ${orderBy}), '[]'::json)
    from ${table} where ${where})`;
}

/** A case's log, materials and notices, as `caseRecords` answers them. */
export interface CaseRecords {
  actions: ActionRow[];
  materials: MaterialRow[];
  notices: NoticeRow[];
}

/**
 * Cases locked (as `lockCase`) with their whole logs, materials and notices, in one statement: what
 * actions plan from and what their answers show, read in one round trip. Locked in the order of their
 * ids, so two transactions locking several cases never wait on each other in a circle. Cases that do
 * not exist are missing from the map.
 */
export async function lockCasesWithRecords(
  tx: Tx,
  ids: readonly string[],
): Promise<Map<string, { row: CaseRow; records: CaseRecords }>> {
  if (ids.length === 0) return new Map();
  const found = await queryRows<
    { row: Record<string, unknown> } & Record<keyof CaseRecords, Record<string, unknown>[]>
  >(
    tx,
    sql`select ${rowJson(cases)} as row, ${recordsJson(sql`case_id = ${cases.id}`, sql`case_id = ${cases.id}`)}
      from ${cases} where id = any(array(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid))
      order by id for update`,
  );
  const locked = new Map<string, { row: CaseRow; records: CaseRecords }>();
  for (const entry of found) {
    const [row] = rowsFromJson<CaseRow>(cases, [entry.row]);
    if (row) locked.set(row.id, { row, records: recordsFromJson(entry) });
  }
  return locked;
}

/** The three lists of `CaseRecords` as columns actions, materials, notices. */
function recordsJson(actionsWhere: SQL, caseWhere: SQL): SQL {
  return sql`${jsonRows(caseActions, actionsWhere, sql`seq`)} as actions,
      ${jsonRows(caseMaterials, caseWhere, sql`provided_at`)} as materials,
      ${jsonRows(caseNotices, caseWhere, sql`issued_at`)} as notices`;
}

function recordsFromJson(row: Partial<Record<keyof CaseRecords, Record<string, unknown>[]>>): CaseRecords {
  return {
    actions: rowsFromJson<ActionRow>(caseActions, row.actions ?? []),
    materials: rowsFromJson<MaterialRow>(caseMaterials, row.materials ?? []),
    notices: rowsFromJson<NoticeRow>(caseNotices, row.notices ?? []),
  };
}

/** A case's log (the public part only, for the applicant), materials and notices: one round trip. */
export async function caseRecords(db: Db, caseId: string, publicOnly: boolean): Promise<CaseRecords> {
  const actionsWhere = publicOnly ? sql`case_id = ${caseId} and public` : sql`case_id = ${caseId}`;
  const [row] = await queryRows<Record<keyof CaseRecords, Record<string, unknown>[]>>(
    db,
    sql`select ${recordsJson(actionsWhere, sql`case_id = ${caseId}`)}`,
  );
  return recordsFromJson(row ?? {});
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
  accountIds: readonly string[],
  limit: number,
  offset: number,
): Promise<{ rows: CaseRow[]; total: number }> {
  const where = inArray(cases.applicantAccountId, [...accountIds]);
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
  | 'delivery'
  | 'due_soon'
  | 'overdue';

export const QUEUE_NAMES: readonly QueueName[] = [
  'pre_review',
  'acceptance',
  'review',
  'decision',
  'production',
  'delivery',
  'due_soon',
  'overdue',
];

/** What puts an open case in a queue (the warning queues by the day's bands). */
function queueCondition(queue: QueueName, bands: WarningBands): SQL {
  switch (queue) {
    case 'pre_review':
      return sql`${cases.status} = 'submitted' and not (${cases.facts} ->> 'preReviewed')::boolean`;
    case 'acceptance':
      return sql`${cases.status} = 'submitted' and (${cases.facts} ->> 'preReviewed')::boolean`;
    case 'review':
      return sql`${cases.status} in ('accepted', 'under_review') and ${cases.stepIndex} is not null and not (${cases.facts} ->> 'atDecision')::boolean`;
    case 'decision':
      return sql`${cases.status} in ('accepted', 'under_review') and (${cases.facts} ->> 'atDecision')::boolean`;
    // 待制证: approved, the licence to produce.
    case 'production':
      return sql`${cases.status} = 'approved'`;
    // 待送达: the licence or the refusal to deliver, then the delivered case to complete (办结).
    case 'delivery':
      return sql`${cases.status} in ('refused', 'produced', 'delivered')`;
    // 即将超期 and 已超期: running cases (a due date to warn on) in the day's yellow and red bands.
    case 'due_soon':
      return sql`${cases.warningDue} between ${bands.today}::date and ${bands.yellowThrough}::date`;
    case 'overdue':
      return sql`${cases.warningDue} < ${bands.today}::date`;
  }
}

/** Optional narrowing of a queue: one clerk's cases, unclaimed ones, or a number / name searched for. */
export interface QueueFilter {
  /** A staff id: cases claimed by them; `null`: unclaimed cases. */
  assigneeId?: string | null;
  /** A case or application number (prefix) or part of the applicant's name. */
  text?: string;
}

/** The scope (and filter) every queue query applies, in SQL. */
function scopeConditions(scope: QueueScope, filter: QueueFilter = {}): SQL[] {
  const conditions: SQL[] = [isNull(cases.completedAt) as SQL];
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
  if (filter.assigneeId === null) conditions.push(isNull(cases.assigneeId) as SQL);
  else if (filter.assigneeId) conditions.push(eq(cases.assigneeId, filter.assigneeId) as SQL);
  if (filter.text) {
    const text = filter.text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
    conditions.push(
      sql`(${cases.caseNumber} like ${`${text}%`} or ${cases.applicationNumber} like ${`${text}%`} or ${cases.applicantName} like ${`%${text}%`})`,
    );
  }
  return conditions;
}

/** One work queue (待预审, 待受理, 待审查, 待决定, 待制证, 待送达, 即将超期, 已超期) within a scope. */
export async function listQueue(
  db: Db,
  queue: QueueName,
  scope: QueueScope,
  bands: WarningBands,
  limit: number,
  offset: number,
  filter: QueueFilter = {},
): Promise<{ rows: CaseRow[]; total: number }> {
  const where = and(...scopeConditions(scope, filter), queueCondition(queue, bands));
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

/** How many cases each queue holds within a scope, in one statement (the workbench's badges). */
export async function queueCounts(
  db: Db,
  scope: QueueScope,
  bands: WarningBands,
  filter: QueueFilter = {},
): Promise<Record<QueueName, number>> {
  const columns = sql.join(
    QUEUE_NAMES.map(
      (queue) =>
        sql`count(*) filter (where ${queueCondition(queue, bands)})::int as ${sql.identifier(queue)}`,
    ),
    sql`, `,
  );
  const [row] = await queryRows<Record<QueueName, number>>(
    db,
    sql`select ${columns} from ${cases} where ${and(...scopeConditions(scope, filter))}`,
  );
  return Object.fromEntries(QUEUE_NAMES.map((queue) => [queue, Number(row?.[queue] ?? 0)])) as Record<
    QueueName,
    number
  >;
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
 * `due between from and to`, with bounds the planner must not look at: each is a one-row subquery
 * (an InitPlan) whose value is only known when the statement runs, so the planner takes its default
 * for a range (0.5% of the rows) instead of reading the due-date histogram. That histogram cannot
 * know that levels follow due dates ("none" and "overdue" are each common, "none and overdue" is
 * rare), and would have the scan read the whole index when little or nothing changes.
 */
const dueBetween = (from: SQL, to: SQL) => sql`due between (select ${from}) and (select ${to})`;

/**
 * The warning scan (电子监察预警), set-based, over `case_warning_levels` (one narrow row per running
 * case, kept in step with `cases.warning_due` by a trigger): every row whose level is not the one
 * its due date has in the day's bands is updated and returned, with a warning record each when the
 * new level is yellow or red.
 *
 * Only the rows whose level is wrong are read: a level and a band of due dates for each way it can
 * be wrong, each a range of `case_warning_levels_level_due_idx` (level, due). A repeat scan reads
 * next to nothing and a new day reads the cases crossing into yellow or red that day, however many
 * cases are open; the rows it writes are a few dozen bytes, not a whole case.
 */
export async function scanWarnings(
  tx: Tx,
  { today, yellowThrough }: WarningBands,
): Promise<{ caseId: string; level: string; due: string }[]> {
  return queryRows(
    tx,
    sql`with changed as (
          update ${caseWarningLevels} set
            level = case when due < ${today}::date then 'red'
                         when due <= ${yellowThrough}::date then 'yellow'
                         else 'none' end
          -- overdue, not red; due soon, not yellow; neither, not none
          where (level in ('none', 'yellow') and ${dueBetween(sql`'-infinity'::date`, sql`${today}::date - 1`)})
             or (level in ('none', 'red') and ${dueBetween(sql`${today}::date`, sql`${yellowThrough}::date`)})
             or (level in ('yellow', 'red') and ${dueBetween(sql`${yellowThrough}::date + 1`, sql`'infinity'::date`)})
          returning case_id, level, due
        ),
        recorded as (
          insert into ${caseWarnings} (case_id, level, due, raised_on)
          select case_id, level, due, ${today}::date from changed where level <> 'none'
        )
        select case_id as "caseId", level, due::text as due from changed`,
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
