/**
 * Loading a catalogue plan into the benchmark's database, two ways:
 *
 * - `services`: every entry through the catalogue services — createBasicItem, createEntry (six key
 *   elements checked), publishEntry (quality rules, search index) and the audit chain, exactly as
 *   the administration API does — in transactions of `batchSize` entries. 40 to 70 entries/s on a
 *   2-core machine: 5 to 8 minutes for 20,000.
 * - `bulk` (the default): the same through the services for ONE entry of every basic item (its
 *   template, a few thousand in all), then every other planned entry of that item cloned from its
 *   template in SQL with its own id, department, region and 实施编码 and its own planned content
 *   (guide, materials, form, process), keeping the template's search document (tsvector and terms)
 *   and filling the filter columns (audiences, themes, online depth) from the clone's own guide.
 *   Clones have no audit records, and their search documents name the template's department.
 */

import type { BasicItem } from '../../apps/server/src/modules/catalogue/catalogue.model.js';
import type { SeedEntry } from '../../apps/server/src/modules/catalogue/catalogue.seed-types.js';
import {
  createBasicItem,
  createEntry,
  keyElementsOf,
  publishEntry,
} from '../../apps/server/src/modules/catalogue/catalogue.service.js';
import type { Department } from '../../apps/server/src/modules/org/org.schemas.js';
import * as org from '../../apps/server/src/modules/org/org.service.js';
import { type RequestContext, systemContext } from '../../apps/server/src/platform/audit.js';
import { type Database, withTransaction } from '../../apps/server/src/platform/database.js';
import type { CataloguePlan } from './generate.js';

/** Same first day of validity as the demo seed. */
const VALID_FROM = '2026-01-01';

export type LoadMode = 'services' | 'bulk';

export interface LoadOptions {
  mode: LoadMode;
  /** Entries per transaction through the services; clones per SQL statement. */
  batchSize: number;
  progress(message: string): void;
}

/** How the plan was loaded and how long each part took. */
export interface LoadReport {
  mode: LoadMode;
  basicItems: number;
  /** Entries created and published through the catalogue services. */
  servicesEntries: number;
  servicesSeconds: number;
  servicesEntriesPerSecond: number;
  /** Entries cloned in SQL (bulk mode only). */
  clonedEntries: number;
  cloneSeconds: number;
  /** `vacuum (analyze)` of the catalogue tables afterwards, as autovacuum would eventually do. */
  vacuumSeconds: number;
  totalSeconds: number;
}

const seconds = (since: number) => (performance.now() - since) / 1000;

/** Create and publish entries through the services, `batchSize` to a transaction. */
async function throughServices(
  database: Database,
  entries: readonly SeedEntry[],
  basicByCode: ReadonlyMap<string, BasicItem>,
  departments: ReadonlyMap<string, Department>,
  options: LoadOptions,
): Promise<void> {
  const context: RequestContext = systemContext('bench');
  const started = performance.now();
  let lastReport = started;
  for (let start = 0; start < entries.length; start += options.batchSize) {
    const batch = entries.slice(start, start + options.batchSize);
    await withTransaction(database.db, async (tx) => {
      for (const entry of batch) {
        const department = departments.get(entry.departmentKey);
        const basic = basicByCode.get(entry.basicCode);
        if (!department) throw new Error(`the plan names an unknown department ${entry.departmentKey}`);
        if (!basic) throw new Error(`the plan names an unknown basic item ${entry.basicCode}`);
        const entryId = await createEntry(tx, context, {
          keyElements: keyElementsOf(basic, department.id),
          regionCode: department.regionCode,
          serial: entry.serial,
          content: entry.content,
        });
        await publishEntry(tx, context, entryId, { validFrom: VALID_FROM });
      }
    });
    const done = start + batch.length;
    if (performance.now() - lastReport > 10_000 || done === entries.length) {
      lastReport = performance.now();
      const elapsed = seconds(started);
      options.progress(
        `  ${done} / ${entries.length} entries through the services (${elapsed.toFixed(0)} s, ${(done / elapsed).toFixed(0)}/s)`,
      );
    }
  }
}

/**
 * One statement per batch: the entries, their published versions (the clone's own content) and
 * their search rows (the template's document, the clone's filter columns).
 */
const CLONE_SQL = `
with input as (
  select * from jsonb_to_recordset($1::jsonb)
    as x(implementation_code text, region_code text, department_id uuid, template_id uuid, content jsonb)
), new_entries as (
  insert into catalogue_entries
    (implementation_code, basic_code, region_code, department_id, name, type, competent_sector, legal_basis)
  select i.implementation_code, t.basic_code, i.region_code, i.department_id, t.name, t.type,
         t.competent_sector, t.legal_basis
  from input i join catalogue_entries t on t.id = i.template_id
  returning id, implementation_code
), new_versions as (
  insert into catalogue_entry_versions (entry_id, version, status, content, valid_from, published_at)
  select n.id, 1, 'published', i.content, $2::date, now()
  from new_entries n join input i using (implementation_code)
  returning id, entry_id
)
insert into catalogue_search
  (entry_id, version_id, implementation_code, basic_code, name, region_code, department_id, type,
   audiences, themes, online_depth, high_frequency, terms, document, title_document)
select n.id, v.id, n.implementation_code, s.basic_code, s.name, i.region_code, i.department_id, s.type,
       array(select jsonb_array_elements_text(i.content -> 'guide' -> 'audiences')),
       array(select jsonb_array_elements_text(i.content -> 'guide' -> 'themes')),
       (i.content -> 'guide' ->> 'onlineDepth')::int,
       (i.content -> 'guide' ->> 'highFrequency')::boolean,
       s.terms, s.document, s.title_document
from new_entries n
  join new_versions v on v.entry_id = n.id
  join input i using (implementation_code)
  join catalogue_search s on s.entry_id = i.template_id`;

/** 实施编码: the department's credit code, the serial digit, the basic code (as createEntry makes it). */
function implementationCode(department: Department, entry: SeedEntry): string {
  return `${department.creditCode}${entry.serial}${entry.basicCode}`;
}

/** Clone every non-template entry from the template of its basic item, in SQL. */
async function cloneInSql(
  database: Database,
  clones: readonly SeedEntry[],
  templateIds: ReadonlyMap<string, string>,
  departments: ReadonlyMap<string, Department>,
  options: LoadOptions,
): Promise<void> {
  const started = performance.now();
  for (let start = 0; start < clones.length; start += options.batchSize) {
    const rows = clones.slice(start, start + options.batchSize).map((entry) => {
      const department = departments.get(entry.departmentKey);
      const templateId = templateIds.get(entry.basicCode);
      if (!department) throw new Error(`the plan names an unknown department ${entry.departmentKey}`);
      if (!templateId) throw new Error(`no template entry was loaded for ${entry.basicCode}`);
      const code = implementationCode(department, entry);
      return {
        implementation_code: code,
        region_code: department.regionCode,
        department_id: department.id,
        template_id: templateId,
        // As createEntry stores it: handling items numbered 实施编码 + two digits.
        content: {
          ...entry.content,
          handlingItems: entry.content.handlingItems.map((item, index) => ({
            code: `${code}${String(index + 1).padStart(2, '0')}`,
            name: item.name,
            kind: item.kind,
          })),
        },
      };
    });
    await database.executeSql(CLONE_SQL, [JSON.stringify(rows), VALID_FROM]);
  }
  options.progress(`  ${clones.length} entries cloned in SQL (${seconds(started).toFixed(1)} s)`);
}

/** Load the plan: basic items, then entries by the chosen mode; then vacuum and analyze. */
export async function loadPlan(
  database: Database,
  plan: CataloguePlan,
  options: LoadOptions,
): Promise<LoadReport> {
  const started = performance.now();
  const context = systemContext('bench');
  await withTransaction(database.db, async (tx) => {
    // 主项 come before their 子项 in the plan.
    for (const item of plan.basicItems) await createBasicItem(tx, context, item);
  });
  const basicByCode = new Map(plan.basicItems.map((item) => [item.basicCode, item]));
  const departments = await org.departmentsByKeys(
    database.db,
    plan.entries.map((entry) => entry.departmentKey),
  );

  // Bulk: the first planned entry of each basic item is its template.
  const templates: SeedEntry[] = [];
  const clones: SeedEntry[] = [];
  const seen = new Set<string>();
  for (const entry of plan.entries) {
    if (options.mode === 'services' || !seen.has(entry.basicCode)) templates.push(entry);
    else clones.push(entry);
    seen.add(entry.basicCode);
  }

  const servicesStarted = performance.now();
  await throughServices(database, templates, basicByCode, departments, options);
  const servicesSeconds = seconds(servicesStarted);

  const cloneStarted = performance.now();
  if (clones.length > 0) {
    const loaded = await database.executeSql(
      'select id, basic_code from catalogue_entries where basic_code = any($1::text[])',
      [[...seen]],
    );
    const templateIds = new Map(loaded.rows.map((row) => [String(row.basic_code), String(row.id)]));
    await cloneInSql(database, clones, templateIds, departments, options);
  }
  const cloneSeconds = clones.length > 0 ? seconds(cloneStarted) : 0;

  const vacuumStarted = performance.now();
  await database.executeSql(
    'vacuum (analyze) catalogue_basic_items, catalogue_entries, catalogue_entry_versions, catalogue_search',
  );
  return {
    mode: options.mode,
    basicItems: plan.basicItems.length,
    servicesEntries: templates.length,
    servicesSeconds,
    servicesEntriesPerSecond: templates.length > 0 ? templates.length / servicesSeconds : 0,
    clonedEntries: clones.length,
    cloneSeconds,
    vacuumSeconds: seconds(vacuumStarted),
    totalSeconds: seconds(started),
  };
}
