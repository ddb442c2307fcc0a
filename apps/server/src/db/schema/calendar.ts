import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { YearArrangement } from '../../modules/calendar/calendar.engine.js';

/** 工作日历: one row per year with its official holiday arrangement. */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  source: text('source').notNull(),
  arrangement: jsonb('arrangement').$type<YearArrangement>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
