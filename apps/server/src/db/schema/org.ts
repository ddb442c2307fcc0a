import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** 行政区划: GB/T 2260 codes (6 digits) and statistical division codes below county (12 digits). */
export const regions = pgTable(
  'org_regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    /** province 省 / city 市 / county 县 / township 乡 / village 村 */
    level: text('level', { enum: ['province', 'city', 'county', 'township', 'village'] }).notNull(),
    parentCode: text('parent_code').references((): AnyPgColumn => regions.code),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [
    index('org_regions_parent_idx').on(table.parentCode),
    check('org_regions_code_format', sql`${table.code} ~ '^([0-9]{6}|[0-9]{12})$'`),
  ],
);

/** 部门: a government department or service unit, identified by its unified social credit code. */
export const departments = pgTable(
  'org_departments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stable key for seeds and imports, e.g. `hz-scjg`. */
    key: text('key').notNull().unique(),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    /** Functional line (条线), e.g. market_regulation; see modules/org/org.sectors.ts. */
    sector: text('sector').notNull().default('other'),
    /** 统一社会信用代码 (GB 32100). */
    creditCode: text('credit_code').notNull().unique(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    parentId: uuid('parent_id').references((): AnyPgColumn => departments.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [
    index('org_departments_region_idx').on(table.regionCode),
    index('org_departments_parent_idx').on(table.parentId),
    index('org_departments_sector_idx').on(table.sector, table.regionCode),
    check('org_departments_credit_code_format', sql`${table.creditCode} ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'`),
  ],
);
