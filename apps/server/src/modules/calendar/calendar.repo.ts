import { asc, eq } from 'drizzle-orm';
import { calendarYears } from '../../db/schema/calendar.js';
import type { Db, Tx } from '../../platform/database.js';
import type { YearArrangement } from './calendar.engine.js';

export async function listYears(db: Db): Promise<YearArrangement[]> {
  const rows = await db.select().from(calendarYears).orderBy(asc(calendarYears.year));
  return rows.map((row) => row.arrangement);
}

export async function hasYear(db: Db, year: number): Promise<boolean> {
  const [row] = await db
    .select({ year: calendarYears.year })
    .from(calendarYears)
    .where(eq(calendarYears.year, year));
  return row !== undefined;
}

export async function insertYear(tx: Tx, arrangement: YearArrangement): Promise<void> {
  await tx.insert(calendarYears).values({ year: arrangement.year, source: arrangement.source, arrangement });
}
