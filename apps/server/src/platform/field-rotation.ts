import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from './database.js';
import type { FieldCipher } from './field-crypto.js';

/** One encrypted column, and the columns computed from its plain text (blind indexes). */
export interface EncryptedColumn {
  column: string;
  /** Columns whose value is derived from the plain text under the current key; undefined leaves one as is. */
  derived?: Record<string, (plain: string, cipher: FieldCipher, current: unknown) => string | undefined>;
}

/** A module's table holding encrypted values, as that module describes it for key rotation. */
export interface EncryptedTable {
  table: string;
  key: string;
  columns: readonly EncryptedColumn[];
}

const NAME = /^[a-z_][a-z0-9_]*$/;
const BATCH = 500;

/**
 * Re-encrypt every value of `spec` not yet under the current key, and recompute the columns derived
 * from it, batch by batch in the caller's transaction. Returns the rows changed. Each module calls
 * this for its own tables (see `npm run keys:rotate-fields`).
 */
export async function rotateEncryptedTable(
  tx: Tx,
  cipher: FieldCipher,
  spec: EncryptedTable,
): Promise<number> {
  const derivedColumns = spec.columns.flatMap((column) => Object.keys(column.derived ?? {}));
  for (const name of [
    spec.table,
    spec.key,
    ...spec.columns.map((column) => column.column),
    ...derivedColumns,
  ])
    if (!NAME.test(name)) throw new Error(`not a plain SQL name: ${name}`);
  // The key id is 8 hex digits: safe inside the literal.
  const current = `'v2.${cipher.keyId}.%'`;
  const stale = spec.columns
    .map((column) => `(${column.column} is not null and ${column.column} not like ${current})`)
    .join(' or ');
  const selected = [spec.key, ...spec.columns.map((column) => column.column), ...derivedColumns].join(', ');
  let changed = 0;
  let after: unknown = null;
  for (;;) {
    const rows = await queryRows<Record<string, unknown>>(
      tx,
      sql.raw(
        `select ${selected} from ${spec.table} where (${stale})` +
          `${after === null ? '' : ` and ${spec.key} > '${String(after).replaceAll("'", "''")}'`}` +
          ` order by ${spec.key} limit ${BATCH}`,
      ),
    );
    if (rows.length === 0) return changed;
    for (const row of rows) {
      const values: Record<string, unknown> = {};
      for (const column of spec.columns) {
        const stored = row[column.column];
        if (typeof stored !== 'string') continue;
        const plain = cipher.decrypt(stored);
        values[column.column] = cipher.encrypt(plain);
        for (const [name, derive] of Object.entries(column.derived ?? {})) {
          const value = derive(plain, cipher, row[name]);
          if (value !== undefined) values[name] = value;
        }
      }
      const assignments = Object.keys(values).map((name) => sql`${sql.raw(name)} = ${values[name]}`);
      await tx.execute(
        sql`update ${sql.raw(spec.table)} set ${sql.join(assignments, sql`, `)} where ${sql.raw(spec.key)} = ${row[spec.key]}`,
      );
      changed += 1;
    }
    after = rows[rows.length - 1]?.[spec.key] ?? null;
  }
}

/** Rotate each of a module's tables in turn; the rows changed, by table. */
export async function rotateEncryptedTables(
  tx: Tx,
  cipher: FieldCipher,
  specs: readonly EncryptedTable[],
): Promise<Record<string, number>> {
  const changed: Record<string, number> = {};
  for (const spec of specs) changed[spec.table] = await rotateEncryptedTable(tx, cipher, spec);
  return changed;
}
