import type { Tx } from '../../platform/database.js';
import type { FieldCipher } from '../../platform/field-crypto.js';
import { type EncryptedTable, rotateEncryptedTables } from '../../platform/field-rotation.js';

/** The case engine's encrypted columns and the blind indexes computed from them. */
const CASE_TABLES: readonly EncryptedTable[] = [
  {
    table: 'cases',
    key: 'id',
    columns: [
      {
        column: 'applicant_identifier_encrypted',
        derived: {
          applicant_identifier_index: (plain, cipher) => cipher.blindIndex(plain),
          // A walk-in applicant (一窗受理) is known by the index of their ID number.
          applicant_account_id: (plain, cipher, current) =>
            typeof current === 'string' && current.startsWith('walk-in:')
              ? `walk-in:${cipher.blindIndex(plain)}`
              : undefined,
        },
      },
      { column: 'applicant_mobile_encrypted' },
    ],
  },
  { table: 'case_webhook_subscriptions', key: 'id', columns: [{ column: 'secret_encrypted' }] },
];

/** Re-encrypt the case engine's personal data and webhook secrets under the current key. */
export function rotateCaseFields(tx: Tx, cipher: FieldCipher): Promise<Record<string, number>> {
  return rotateEncryptedTables(tx, cipher, CASE_TABLES);
}
