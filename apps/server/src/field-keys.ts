import { rotateCaseFields } from './modules/cases/cases.rotation.js';
import { rotateIdentityFields } from './modules/identity/identity.rotation.js';
import { rotateLicenceFields } from './modules/licences/licences.rotation.js';
import { recordAudit, systemContext } from './platform/audit.js';
import { type Database, withTransaction } from './platform/database.js';
import type { FieldCipher } from './platform/field-crypto.js';
import { resealOutbox } from './platform/notify.js';

/**
 * Re-encrypt every stored personal-data value and key under the current master secret and
 * recompute the blind indexes, in one transaction, with an audit record. Run with the app stopped.
 */
export async function rotateFieldKey(
  database: Database,
  cipher: FieldCipher,
): Promise<Record<string, number>> {
  return withTransaction(database.db, async (tx) => {
    const changed = {
      ...(await rotateIdentityFields(tx, cipher)),
      ...(await rotateCaseFields(tx, cipher)),
      ...(await rotateLicenceFields(tx, cipher)),
      // Text messages wait in the outbox sealed (platform/notify.ts).
      platform_outbox: await resealOutbox(tx, cipher),
    };
    await recordAudit(tx, systemContext('keys:rotate-fields'), {
      action: 'platform.field_key.rotated',
      entityType: 'field_key',
      entityId: cipher.keyId,
      after: changed,
    });
    return changed;
  });
}
