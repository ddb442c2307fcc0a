import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/database.js';
import type { FieldCipher } from '../../platform/field-crypto.js';
import { type EncryptedTable, rotateEncryptedTables } from '../../platform/field-rotation.js';

/** The licences module's encrypted columns and the blind indexes computed from them. */
const LICENCE_TABLES: readonly EncryptedTable[] = [
  { table: 'licence_seals', key: 'id', columns: [{ column: 'private_key_encrypted' }] },
  {
    table: 'licences',
    key: 'id',
    columns: [
      {
        column: 'holder_identifier_encrypted',
        derived: { holder_index: (plain, cipher) => cipher.blindIndex(plain) },
      },
      { column: 'document_encrypted' },
    ],
  },
];

/**
 * Re-encrypt seal keys, holders' identifiers and the signed documents under the current key; the
 * use records take their licence's new holder index. (The sharing log keeps the index a query was
 * made with: it records what was asked, not who holds what.)
 */
export async function rotateLicenceFields(tx: Tx, cipher: FieldCipher): Promise<Record<string, number>> {
  const changed = await rotateEncryptedTables(tx, cipher, LICENCE_TABLES);
  const uses = await tx.execute(
    sql`update licence_uses u set holder_index = l.holder_index from licences l
        where u.licence_id = l.id and u.holder_index <> l.holder_index returning u.id`,
  );
  changed.licence_uses = (uses as unknown as { rows: unknown[] }).rows.length;
  return changed;
}
