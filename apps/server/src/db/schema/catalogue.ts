import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { BasicItem, Bundle, EntryContent, LegalBasis } from '../../modules/catalogue/catalogue.model.js';

/** PostgreSQL full-text vector; we fill it from jieba-segmented text. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** 基本目录事项: one per item nationally, identified by its basic code. */
export const basicItems = pgTable(
  'catalogue_basic_items',
  {
    basicCode: text('basic_code').primaryKey(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    competentSector: text('competent_sector').notNull(),
    implementingSector: text('implementing_sector').notNull(),
    levels: jsonb('levels').$type<BasicItem['levels']>().notNull(),
    legalBasis: jsonb('legal_basis').$type<LegalBasis[]>().notNull(),
    parentCode: text('parent_code').references((): AnyPgColumn => basicItems.basicCode),
    aliases: jsonb('aliases').$type<string[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [index('catalogue_basic_items_parent_idx').on(table.parentCode)],
);

/**
 * 实施清单: a basic item as one region's department delivers it. The six key elements are stored
 * as stated and checked against the basic item when the entry is created.
 */
export const entries = pgTable(
  'catalogue_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 实施编码: the department's credit code + one digit + the basic code (≤ 36). */
    implementationCode: text('implementation_code').notNull().unique(),
    basicCode: text('basic_code')
      .notNull()
      .references(() => basicItems.basicCode),
    /** Region and department are the org module's; referred to by value, checked through its service. */
    regionCode: text('region_code').notNull(),
    departmentId: uuid('department_id').notNull(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    competentSector: text('competent_sector').notNull(),
    legalBasis: jsonb('legal_basis').$type<LegalBasis[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [
    index('catalogue_entries_region_idx').on(table.regionCode),
    index('catalogue_entries_basic_idx').on(table.basicCode),
    index('catalogue_entries_department_idx').on(table.departmentId),
  ],
);

/**
 * Versions of an entry's guide, materials, form and process: draft → published → retired. A case
 * refers to the version it started with, so published content is never edited in place.
 */
export const entryVersions = pgTable(
  'catalogue_entry_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => entries.id),
    version: integer('version').notNull(),
    status: text('status', { enum: ['draft', 'published', 'retired'] }).notNull(),
    content: jsonb('content').$type<EntryContent>().notNull(),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('catalogue_entry_versions_number_idx').on(table.entryId, table.version),
    // At most one draft and one published version per entry at any time.
    uniqueIndex('catalogue_entry_versions_one_draft_idx')
      .on(table.entryId)
      .where(sql`${table.status} = 'draft'`),
    uniqueIndex('catalogue_entry_versions_one_published_idx')
      .on(table.entryId)
      .where(sql`${table.status} = 'published'`),
  ],
);

/** The search index: one row per entry with a published version, rebuilt on publish and retire. */
export const searchIndex = pgTable(
  'catalogue_search',
  {
    entryId: uuid('entry_id')
      .primaryKey()
      .references(() => entries.id),
    versionId: uuid('version_id')
      .notNull()
      .references(() => entryVersions.id),
    implementationCode: text('implementation_code').notNull(),
    basicCode: text('basic_code').notNull(),
    name: text('name').notNull(),
    regionCode: text('region_code').notNull(),
    departmentId: uuid('department_id').notNull(),
    type: text('type').notNull(),
    audiences: text('audiences').array().notNull(),
    themes: text('themes').array().notNull(),
    onlineDepth: integer('online_depth').notNull(),
    highFrequency: boolean('high_frequency').notNull(),
    /** Name and aliases as one text, for typo-tolerant suggestions (pg_trgm). */
    terms: text('terms').notNull(),
    /** Everything searchable, weighted A–D. */
    document: tsvector('document').notNull(),
    /**
     * Only the A and B parts (name, aliases, themes, results, department): small, so ranking many
     * matches stays cheap. Searched first; the full document only when the titles match nothing.
     */
    titleDocument: tsvector('title_document').notNull().default(sql`''::tsvector`),
  },
  (table) => [
    index('catalogue_search_document_idx').using('gin', table.document),
    index('catalogue_search_title_idx').using('gin', table.titleDocument),
    index('catalogue_search_terms_idx').using('gin', sql`${table.terms} gin_trgm_ops`),
    index('catalogue_search_region_idx').on(table.regionCode),
  ],
);

/** 一件事 bundles. */
export const bundles = pgTable(
  'catalogue_bundles',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    audience: text('audience').notNull(),
    content: jsonb('content').$type<Bundle>().notNull(),
    terms: text('terms').notNull(),
    document: tsvector('document').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [index('catalogue_bundles_document_idx').using('gin', table.document)],
);
