import { and, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { ratings } from '../../db/schema/interaction.js';
import type { Db, Tx } from '../../platform/database.js';

export type RatingRow = typeof ratings.$inferSelect;

export async function findRatingOfCase(db: Db | Tx, caseId: string): Promise<RatingRow | undefined> {
  const [row] = await db.select().from(ratings).where(eq(ratings.caseId, caseId));
  return row;
}

export async function findRating(db: Db | Tx, id: string): Promise<RatingRow | undefined> {
  const [row] = await db.select().from(ratings).where(eq(ratings.id, id)).for('update');
  return row;
}

/** Insert a rating; undefined when the case was rated meanwhile (one per case). */
export async function insertRating(tx: Tx, row: typeof ratings.$inferInsert): Promise<RatingRow | undefined> {
  const [inserted] = await tx.insert(ratings).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function updateRating(tx: Tx, id: string, patch: Partial<typeof ratings.$inferInsert>) {
  const [row] = await tx.update(ratings).set(patch).where(eq(ratings.id, id)).returning();
  if (!row) throw new Error('rating update returned no row');
  return row;
}

export interface RatingFilter {
  followUp?: RatingRow['followUp'] | undefined;
  levels?: readonly number[] | undefined;
  departmentIds?: readonly string[] | undefined;
  regionCodes?: readonly string[] | undefined;
  limit: number;
  offset: number;
}

/** One page of ratings, newest first, within the caller's scope (applied in SQL). */
export async function listRatings(
  db: Db,
  filter: RatingFilter,
): Promise<{ rows: RatingRow[]; total: number }> {
  const conditions: SQL[] = [];
  if (filter.followUp) conditions.push(eq(ratings.followUp, filter.followUp));
  if (filter.levels) conditions.push(inArray(ratings.level, [...filter.levels]));
  if (filter.departmentIds) conditions.push(inArray(ratings.departmentId, [...filter.departmentIds]));
  if (filter.regionCodes) conditions.push(inArray(ratings.regionCode, [...filter.regionCodes]));
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(ratings)
      .where(where)
      .orderBy(desc(ratings.createdAt), ratings.id)
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ total: count() }).from(ratings).where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}
