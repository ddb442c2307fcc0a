import { isNull } from 'drizzle-orm';
import { smsCodes } from '../../db/schema/identity.js';
import type { Tx } from '../../platform/database.js';
import type { FieldCipher } from '../../platform/field-crypto.js';
import { type EncryptedTable, rotateEncryptedTables } from '../../platform/field-rotation.js';

/** The identity module's encrypted columns and the blind indexes computed from them. */
const IDENTITY_TABLES: readonly EncryptedTable[] = [
  {
    table: 'identity_accounts',
    key: 'id',
    columns: [
      {
        column: 'identifier_encrypted',
        derived: { identifier_index: (plain, cipher) => cipher.blindIndex(plain) },
      },
      { column: 'mobile_encrypted', derived: { mobile_index: (plain, cipher) => cipher.blindIndex(plain) } },
      { column: 'totp_secret_encrypted' },
    ],
  },
  { table: 'identity_signing_keys', key: 'kid', columns: [{ column: 'private_jwk_encrypted' }] },
];

/**
 * Re-encrypt accounts' ID numbers, mobiles and TOTP secrets and the signing keys under the current
 * key, recomputing the blind indexes. Outstanding SMS codes are keyed by the old index of a mobile
 * and live minutes: they are dropped (the person asks for a new one).
 */
export async function rotateIdentityFields(tx: Tx, cipher: FieldCipher): Promise<Record<string, number>> {
  const changed = await rotateEncryptedTables(tx, cipher, IDENTITY_TABLES);
  const dropped = await tx.delete(smsCodes).where(isNull(smsCodes.consumedAt)).returning({ id: smsCodes.id });
  changed.identity_sms_codes = dropped.length;
  return changed;
}
