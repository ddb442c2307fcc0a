import { loadCatalogue } from './modules/catalogue/catalogue.seed.js';
import { seedCatalogue } from './modules/catalogue/catalogue.seed-data.js';
import { seedDemoOrganisation } from './modules/org/org.seed.js';
import type { Db } from './platform/database.js';

/**
 * The demo data `npm start` loads into an empty database: the organisation first (departments are
 * what the catalogue's entries are implemented by), then the service catalogue.
 */
export async function seedDemoData(db: Db) {
  const organisation = await seedDemoOrganisation(db);
  const catalogue = await loadCatalogue(db, seedCatalogue, { validFrom: '2026-01-01' });
  return { organisation, catalogue };
}
