import { recordAudit, systemContext } from '../../platform/audit.js';
import { type Db, withTransaction } from '../../platform/database.js';
import * as repo from './org.repo.js';
import { seedDepartments, seedRegions } from './org.seed-data.js';
import { createDepartment } from './org.service.js';

const LEVEL_ORDER = ['province', 'city', 'county', 'township', 'village'] as const;

/**
 * Load the demo organisation (one province tree and its departments) into an empty database, in
 * one transaction, through the same rules and audit trail as any other change. Does nothing when
 * regions already exist.
 */
export async function seedDemoOrganisation(db: Db): Promise<{ regions: number; departments: number }> {
  if (await repo.hasAnyRegion(db)) return { regions: 0, departments: 0 };
  const context = systemContext('seed');
  return withTransaction(db, async (tx) => {
    const regions = [...seedRegions].sort(
      (a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) || a.code.localeCompare(b.code),
    );
    await repo.insertRegions(tx, regions);
    await recordAudit(tx, context, {
      action: 'org.region.import',
      entityType: 'region',
      entityId: regions[0]?.code ?? '',
      after: regions,
    });
    const idByKey = new Map<string, string>();
    // Parents before their units.
    const pending = [...seedDepartments];
    while (pending.length > 0) {
      const index = pending.findIndex(
        (department) => !department.parentKey || idByKey.has(department.parentKey),
      );
      if (index < 0)
        throw new Error(`seed departments with unknown parents: ${pending.map((d) => d.key).join(', ')}`);
      const [department] = pending.splice(index, 1);
      if (!department) break;
      const created = await createDepartment(tx, context, {
        key: department.key,
        name: department.name,
        shortName: department.shortName,
        sector: department.sector,
        creditCode: department.creditCode,
        regionCode: department.regionCode,
        parentId: department.parentKey ? (idByKey.get(department.parentKey) ?? null) : null,
      });
      idByKey.set(department.key, created.id);
    }
    return { regions: regions.length, departments: idByKey.size };
  });
}
