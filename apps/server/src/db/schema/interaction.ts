import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * 好差评: one rating per case (一事一评) by its applicant, five levels from 5 非常满意 to 1 非常不满意.
 * A 差评 (1–2) is followed up: the department rectifies by a due date and says what it did (整改).
 */
export const ratings = pgTable(
  'interaction_ratings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    caseNumber: text('case_number'),
    itemName: text('item_name').notNull(),
    departmentId: uuid('department_id').notNull(),
    regionCode: text('region_code').notNull(),
    /** 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意. */
    level: integer('level').notNull(),
    comment: text('comment'),
    /** What was wrong (for 差评): the standard reasons chosen. */
    reasons: text('reasons').array().notNull().default(sql`'{}'::text[]`),
    /** online 一事一评 / window 一次一评. */
    channel: text('channel', { enum: ['online', 'window'] }).notNull(),
    raterAccountId: text('rater_account_id').notNull(),
    /** not_required (好评/中评) · pending (差评 awaiting rectification) · rectified. */
    followUp: text('follow_up', { enum: ['not_required', 'pending', 'rectified'] }).notNull(),
    rectifyDue: date('rectify_due', { mode: 'string' }),
    rectification: text('rectification'),
    rectifiedBy: text('rectified_by'),
    rectifiedAt: at('rectified_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('interaction_ratings_case_idx').on(table.caseId),
    index('interaction_ratings_follow_up_idx').on(table.followUp, table.rectifyDue),
    index('interaction_ratings_department_idx').on(table.departmentId, table.createdAt),
    check('interaction_ratings_level', sql`${table.level} between 1 and 5`),
  ],
);
