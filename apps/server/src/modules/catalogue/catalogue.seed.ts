import { type RequestContext, systemContext } from '../../platform/audit.js';
import { type Db, withTransaction } from '../../platform/database.js';
import * as org from '../org/org.service.js';
import * as repo from './catalogue.repo.js';
import type { SeedCatalogue } from './catalogue.seed-types.js';
import {
  createBasicItem,
  createBundle,
  createEntry,
  keyElementsOf,
  publishEntry,
} from './catalogue.service.js';

/**
 * Load a catalogue (basic items, implementation entries published as of `validFrom`, 一件事
 * bundles) through the same services, rules and audit trail as the administration API, in one
 * transaction. Does nothing when the basic catalogue already has any of its items.
 */
export async function loadCatalogue(
  db: Db,
  catalogue: SeedCatalogue,
  options: { validFrom?: string; context?: RequestContext } = {},
): Promise<{ basicItems: number; entries: number; bundles: number }> {
  const context = options.context ?? systemContext('seed');
  const first = catalogue.basicItems[0];
  if (!first || (await repo.findBasicItem(db, first.basicCode)))
    return { basicItems: 0, entries: 0, bundles: 0 };
  return withTransaction(db, async (tx) => {
    // 主项 before 子项.
    const items = [...catalogue.basicItems].sort(
      (a, b) => Number(Boolean(a.parentCode)) - Number(Boolean(b.parentCode)),
    );
    for (const item of items) await createBasicItem(tx, context, item);
    const basicByCode = new Map(items.map((item) => [item.basicCode, item]));
    const departments = await org.departmentsByKeys(
      tx,
      catalogue.entries.map((entry) => entry.departmentKey),
    );
    for (const seed of catalogue.entries) {
      const basic = basicByCode.get(seed.basicCode);
      const department = departments.get(seed.departmentKey);
      if (!basic) throw new Error(`seed entry refers to unknown basic item ${seed.basicCode}`);
      if (!department) throw new Error(`seed entry refers to unknown department ${seed.departmentKey}`);
      const entryId = await createEntry(tx, context, {
        keyElements: keyElementsOf(basic, department.id),
        regionCode: department.regionCode,
        serial: seed.serial,
        content: seed.content,
      });
      await publishEntry(tx, context, entryId, { validFrom: options.validFrom });
    }
    for (const bundle of catalogue.bundles) await createBundle(tx, context, bundle);
    return { basicItems: items.length, entries: catalogue.entries.length, bundles: catalogue.bundles.length };
  });
}
