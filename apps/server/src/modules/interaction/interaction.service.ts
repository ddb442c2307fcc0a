import type { Principal } from '../../platform/access.js';
import { type RequestContext, recordAudit } from '../../platform/audit.js';
import { chinaDate } from '../../platform/china-time.js';
import type { Db, Tx } from '../../platform/database.js';
import type { WorkingCalendar } from '../calendar/calendar.engine.js';
import { casePermissions, mayActFor } from '../cases/cases.policy.js';
import * as cases from '../cases/cases.service.js';
import * as org from '../org/org.service.js';
import { interactionErrors } from './interaction.errors.js';
import * as repo from './interaction.repo.js';

/** The five levels of 好差评 (国办发〔2019〕51号): 5 and 4 are 好评, 2 and 1 差评. */
export const RATING_LEVELS = {
  5: '非常满意',
  4: '满意',
  3: '基本满意',
  2: '不满意',
  1: '非常不满意',
} as const;

/** Standard reasons an applicant picks for a 差评, so departments can see what to fix. */
export const BAD_RATING_REASONS = [
  '办理时间长',
  '多次跑腿',
  '材料要求多',
  '服务态度差',
  '办事指南不清楚',
  '系统操作不便',
  '其他',
] as const;

/** 差评 are rectified within 15 working days (国办发〔2019〕51号: 情况复杂的，15个工作日内整改到位). */
export const RECTIFY_WORKING_DAYS = 15;

/** A rating as the applicant, the department and supervision see it. */
export interface Rating {
  id: string;
  caseId: string;
  caseNumber: string | null;
  itemName: string;
  departmentId: string;
  level: number;
  levelName: string;
  /** good 好评 (4–5) / neutral 基本满意 (3) / bad 差评 (1–2). */
  verdict: 'good' | 'neutral' | 'bad';
  comment: string | null;
  reasons: string[];
  channel: 'online' | 'window';
  followUp: 'not_required' | 'pending' | 'rectified';
  rectifyDue: string | null;
  rectification: string | null;
  rectifiedAt: string | null;
  createdAt: string;
}

export function toRating(row: repo.RatingRow): Rating {
  return {
    id: row.id,
    caseId: row.caseId,
    caseNumber: row.caseNumber,
    itemName: row.itemName,
    departmentId: row.departmentId,
    level: row.level,
    levelName: RATING_LEVELS[row.level as keyof typeof RATING_LEVELS],
    verdict: row.level >= 4 ? 'good' : row.level === 3 ? 'neutral' : 'bad',
    comment: row.comment,
    reasons: row.reasons,
    channel: row.channel,
    followUp: row.followUp,
    rectifyDue: row.rectifyDue,
    rectification: row.rectification,
    rectifiedAt: row.rectifiedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export interface RateInput {
  level: 1 | 2 | 3 | 4 | 5;
  comment?: string;
  reasons?: string[];
}

/**
 * 一事一评: the applicant rates their completed case once. A 差评 must say what was wrong and opens
 * a rectification due in 15 working days; every rating is on the audit chain.
 */
export async function rateCase(
  tx: Tx,
  context: RequestContext,
  clock: { calendar: WorkingCalendar; now: Date },
  caller: Principal,
  caseId: string,
  input: RateInput,
): Promise<Rating> {
  const { row, audience } = await cases.getCaseFor(tx, caller, caseId);
  if (audience !== 'applicant') throw interactionErrors.notApplicant();
  if (row.status !== 'completed') throw interactionErrors.caseNotCompleted();
  const reasons = [...new Set(input.reasons ?? [])];
  reasons.forEach((reason, index) => {
    if (!(BAD_RATING_REASONS as readonly string[]).includes(reason))
      throw interactionErrors.reasonUnknown(index);
  });
  const comment = input.comment?.trim() || null;
  const bad = input.level <= 2;
  if (bad && reasons.length === 0 && !comment) throw interactionErrors.reasonRequired();
  const inserted = await repo.insertRating(tx, {
    caseId: row.id,
    caseNumber: row.caseNumber,
    itemName: row.itemName,
    departmentId: row.departmentId,
    regionCode: row.regionCode,
    level: input.level,
    comment,
    reasons,
    channel: 'online',
    raterAccountId: caller.id,
    followUp: bad ? 'pending' : 'not_required',
    rectifyDue: bad ? clock.calendar.addWorkingDays(chinaDate(clock.now), RECTIFY_WORKING_DAYS) : null,
  });
  if (!inserted) throw interactionErrors.alreadyRated();
  const rating = toRating(inserted);
  await recordAudit(tx, context, {
    action: 'interaction.rating.created',
    entityType: 'case',
    entityId: row.id,
    after: rating,
  });
  return rating;
}

/** The rating of a case, for its applicant or staff who may see the case; null when not rated. */
export async function ratingOfCase(db: Db, caller: Principal, caseId: string): Promise<Rating | null> {
  await cases.getCaseFor(db, caller, caseId);
  const row = await repo.findRatingOfCase(db, caseId);
  return row ? toRating(row) : null;
}

export interface RatingQuery {
  followUp?: Rating['followUp'];
  verdict?: Rating['verdict'];
  page: number;
  pageSize: number;
}

const VERDICT_LEVELS = { good: [4, 5], neutral: [3], bad: [1, 2] } as const;

/** Ratings in the caller's scope (电子监察), a page at a time. */
export async function listRatings(db: Db, context: RequestContext, query: RatingQuery) {
  const scope = context.scope;
  const { rows, total } = await repo.listRatings(db, {
    followUp: query.followUp,
    levels: query.verdict ? VERDICT_LEVELS[query.verdict] : undefined,
    departmentIds: scope?.departmentIds,
    regionCodes: scope?.regionCode ? await org.regionSubtreeCodes(db, scope.regionCode) : undefined,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { items: rows.map(toRating), total, page: query.page, pageSize: query.pageSize };
}

/**
 * 整改: the implementing department (its approvers) or supervision records what was done about a
 * 差评; the rating then counts as rectified (差评整改率).
 */
export async function rectify(
  tx: Tx,
  context: RequestContext,
  caller: Principal,
  ratingId: string,
  content: string,
  now: Date,
): Promise<Rating> {
  const row = await repo.findRating(tx, ratingId);
  if (!row) throw interactionErrors.ratingNotFound();
  const lineage = (await org.regionLineage(tx, row.regionCode)) ?? [];
  const allowed =
    mayActFor(caller, casePermissions.approve, [row.departmentId], lineage) ||
    mayActFor(caller, casePermissions.supervise, [row.departmentId], lineage);
  if (!allowed) throw interactionErrors.notYourDepartment();
  if (row.followUp !== 'pending') throw interactionErrors.notRectifiable();
  const updated = await repo.updateRating(tx, ratingId, {
    followUp: 'rectified',
    rectification: content.trim(),
    rectifiedBy: caller.id,
    rectifiedAt: now,
  });
  const rating = toRating(updated);
  await recordAudit(tx, context, {
    action: 'interaction.rating.rectified',
    entityType: 'case',
    entityId: row.caseId,
    before: toRating(row),
    after: rating,
  });
  return rating;
}
