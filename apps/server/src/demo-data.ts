import { loadCatalogue } from './modules/catalogue/catalogue.seed.js';
import { seedCatalogue } from './modules/catalogue/catalogue.seed-data.js';
import { seedDemoAccounts } from './modules/identity/identity.demo.js';
import { seedDemoLicences } from './modules/licences/licences.demo.js';
import { seedDemoOrganisation } from './modules/org/org.seed.js';
import type { Db } from './platform/database.js';
import type { FieldCipher } from './platform/field-crypto.js';

/**
 * The demo data `npm start` loads into an empty database: the organisation first (departments are
 * what the catalogue's entries are implemented by), then the service catalogue, then the demo
 * accounts (citizens, an enterprise with its agent, staff for every role), then the demo seals and
 * e-licences (张三's 居民身份证 and 户口簿, the enterprise's 营业执照).
 */
export async function seedDemoData(db: Db, cipher: FieldCipher, now: () => Date = () => new Date()) {
  const organisation = await seedDemoOrganisation(db);
  const catalogue = await loadCatalogue(db, seedCatalogue, { validFrom: '2026-01-01' });
  const logins = await seedDemoAccounts(db, cipher);
  const licences = await seedDemoLicences(db, { cipher, now });
  return { organisation, catalogue, logins, licences };
}
