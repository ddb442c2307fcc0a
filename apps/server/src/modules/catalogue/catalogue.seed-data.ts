/**
 * The seed service catalogue as data: basic items (基本目录), their implementation entries
 * (实施清单) in the seeded regions, and 一件事 bundles. Each basic item has one builder (in
 * ./seed/*.ts) that every implementing region calls with its own department, hall and specifics.
 *
 * Guides are written for this demo in our own words; legal bases cite real statutes and articles
 * with paraphrased text. Addresses and phone numbers are illustrative, not authoritative.
 */
import type { SeedCatalogue } from './catalogue.seed-types.js';
import { seedBundles } from './seed/bundles.js';
import { businessEntries, businessItems } from './seed/business.js';
import { civilAffairsEntries, civilAffairsItems } from './seed/civil-affairs.js';
import { healthEntries, healthItems } from './seed/health.js';
import { marketEntries, marketItems } from './seed/market.js';
import { propertyEntries, propertyItems } from './seed/property.js';
import { publicSecurityEntries, publicSecurityItems } from './seed/public-security.js';
import { socialSecurityEntries, socialSecurityItems } from './seed/social-security.js';

export { type SeedLicenceTypeCode, seedLicenceTypeCodes } from './seed/licence-types.js';

export const seedCatalogue: SeedCatalogue = {
  basicItems: [
    ...marketItems,
    ...healthItems,
    ...publicSecurityItems,
    ...socialSecurityItems,
    ...civilAffairsItems,
    ...propertyItems,
    ...businessItems,
  ],
  entries: [
    ...marketEntries,
    ...healthEntries,
    ...publicSecurityEntries,
    ...socialSecurityEntries,
    ...civilAffairsEntries,
    ...propertyEntries,
    ...businessEntries,
  ],
  bundles: seedBundles,
};
