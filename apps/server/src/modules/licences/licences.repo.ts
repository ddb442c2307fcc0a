import { and, asc, desc, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import {
  licenceSeals,
  licenceSerials,
  licenceShareLog,
  licenceStatusEvents,
  licences,
  licenceTypes,
  licenceUses,
} from '../../db/schema/licences.js';
import type { Db, Tx } from '../../platform/database.js';
import type { LicenceType } from './licences.model.js';

export type LicenceTypeRow = typeof licenceTypes.$inferSelect;
export type SealRow = typeof licenceSeals.$inferSelect;
export type LicenceRow = typeof licences.$inferSelect;
export type NewLicenceRow = typeof licences.$inferInsert;
export type UseRow = typeof licenceUses.$inferSelect;

// Licence types -------------------------------------------------------------------------------

export function listTypes(db: Db): Promise<LicenceTypeRow[]> {
  return db.select().from(licenceTypes).orderBy(asc(licenceTypes.code));
}

export async function findType(db: Db | Tx, code: string): Promise<LicenceTypeRow | undefined> {
  const [row] = await db.select().from(licenceTypes).where(eq(licenceTypes.code, code));
  return row;
}

/** Insert types that do not exist yet; existing ones are left as administrators changed them. */
export async function insertMissingTypes(tx: Tx, types: readonly LicenceType[]): Promise<string[]> {
  if (types.length === 0) return [];
  const rows = await tx
    .insert(licenceTypes)
    .values(types.map((type) => ({ ...type, active: type.active ?? true })))
    .onConflictDoNothing()
    .returning({ code: licenceTypes.code });
  return rows.map((row) => row.code);
}

export async function updateType(tx: Tx, type: LicenceType): Promise<LicenceTypeRow | undefined> {
  const [row] = await tx
    .update(licenceTypes)
    .set({ ...type, active: type.active ?? true, updatedAt: sql`now()` })
    .where(eq(licenceTypes.code, type.code))
    .returning();
  return row;
}

// Seals ---------------------------------------------------------------------------------------

export async function insertSeal(tx: Tx, values: typeof licenceSeals.$inferInsert): Promise<SealRow> {
  const [row] = await tx.insert(licenceSeals).values(values).returning();
  if (!row) throw new Error('insert into licence_seals returned nothing');
  return row;
}

export function listSeals(db: Db, departmentIds: readonly string[] | null): Promise<SealRow[]> {
  const query = db.select().from(licenceSeals);
  return (
    departmentIds ? query.where(inArray(licenceSeals.departmentId, [...departmentIds])) : query
  ).orderBy(asc(licenceSeals.createdAt));
}

export async function findSeal(db: Db | Tx, id: string): Promise<SealRow | undefined> {
  const [row] = await db.select().from(licenceSeals).where(eq(licenceSeals.id, id));
  return row;
}

export async function findSealByCode(db: Db | Tx, code: string): Promise<SealRow | undefined> {
  const [row] = await db.select().from(licenceSeals).where(eq(licenceSeals.code, code));
  return row;
}

export async function lockSeal(tx: Tx, id: string): Promise<SealRow | undefined> {
  const [row] = await tx.select().from(licenceSeals).where(eq(licenceSeals.id, id)).for('update');
  return row;
}

/** The department's active seals within validity on `today`, the newest first. */
export function activeSeals(db: Db | Tx, departmentId: string, today: string): Promise<SealRow[]> {
  return db
    .select()
    .from(licenceSeals)
    .where(
      and(
        eq(licenceSeals.departmentId, departmentId),
        eq(licenceSeals.status, 'active'),
        sql`${licenceSeals.validFrom} <= ${today}`,
        sql`${licenceSeals.validUntil} >= ${today}`,
      ),
    )
    .orderBy(desc(licenceSeals.createdAt));
}

export async function setSealStatus(
  tx: Tx,
  id: string,
  status: SealRow['status'],
  reason: string,
): Promise<SealRow> {
  const [row] = await tx
    .update(licenceSeals)
    .set({ status, statusReason: reason, statusChangedAt: sql`now()` })
    .where(eq(licenceSeals.id, id))
    .returning();
  if (!row) throw new Error('seal vanished');
  return row;
}

// Licences ------------------------------------------------------------------------------------

/** The next serial of a type at an issuer, taken under the row lock of its counter. */
export async function nextSerial(tx: Tx, typeCode: string, issuerCode: string): Promise<number> {
  const [row] = await tx
    .insert(licenceSerials)
    .values({ typeCode, issuerCode, last: 1 })
    .onConflictDoUpdate({
      target: [licenceSerials.typeCode, licenceSerials.issuerCode],
      set: { last: sql`${licenceSerials.last} + 1` },
    })
    .returning({ last: licenceSerials.last });
  if (!row) throw new Error('licence serial upsert returned nothing');
  return row.last;
}

export async function insertLicence(tx: Tx, values: NewLicenceRow): Promise<LicenceRow> {
  const [row] = await tx.insert(licences).values(values).returning();
  if (!row) throw new Error('insert into licences returned nothing');
  return row;
}

export async function findLicence(db: Db | Tx, identifier: string): Promise<LicenceRow | undefined> {
  const [row] = await db.select().from(licences).where(eq(licences.identifier, identifier));
  return row;
}

export async function findLicenceById(db: Db | Tx, id: string): Promise<LicenceRow | undefined> {
  const [row] = await db.select().from(licences).where(eq(licences.id, id));
  return row;
}

export async function lockLicence(tx: Tx, identifier: string): Promise<LicenceRow | undefined> {
  const [row] = await tx.select().from(licences).where(eq(licences.identifier, identifier)).for('update');
  return row;
}

export async function findCaseLicence(db: Db | Tx, caseId: string): Promise<LicenceRow | undefined> {
  const [row] = await db
    .select()
    .from(licences)
    .where(and(eq(licences.caseId, caseId), eq(licences.source, 'case'), eq(licences.version, 1)));
  return row;
}

export async function setLicenceStatus(
  tx: Tx,
  id: string,
  status: LicenceRow['status'],
  reason: string | null,
): Promise<LicenceRow> {
  const [row] = await tx
    .update(licences)
    .set({ status, statusReason: reason, statusChangedAt: sql`now()` })
    .where(eq(licences.id, id))
    .returning();
  if (!row) throw new Error('licence vanished');
  return row;
}

export async function appendStatusEvent(
  tx: Tx,
  row: LicenceRow,
  status: string,
  reason: string | null,
): Promise<void> {
  await tx
    .insert(licenceStatusEvents)
    .values({ licenceId: row.id, identifier: row.identifier, status, reason });
}

/** A holder's licences, current versions first by type; superseded versions left out. */
export function holderLicences(
  db: Db | Tx,
  holderIndex: string,
  filter: { typeCode?: string; currentOnly?: boolean } = {},
): Promise<LicenceRow[]> {
  return db
    .select()
    .from(licences)
    .where(
      and(
        eq(licences.holderIndex, holderIndex),
        filter.typeCode ? eq(licences.typeCode, filter.typeCode) : undefined,
        filter.currentOnly === false ? undefined : ne(licences.status, 'superseded'),
      ),
    )
    .orderBy(asc(licences.typeCode), desc(licences.createdAt));
}

export function departmentLicences(
  db: Db,
  departmentIds: readonly string[] | null,
  limit: number,
  offset: number,
): Promise<LicenceRow[]> {
  const query = db.select().from(licences);
  return (departmentIds ? query.where(inArray(licences.departmentId, [...departmentIds])) : query)
    .orderBy(desc(licences.createdAt))
    .limit(limit)
    .offset(offset);
}

/** Every status change after `since`, in order: the status list. */
export function statusEvents(db: Db, since: number) {
  return db
    .select()
    .from(licenceStatusEvents)
    .where(gt(licenceStatusEvents.seq, since))
    .orderBy(asc(licenceStatusEvents.seq));
}

// Uses and sharing ----------------------------------------------------------------------------

export async function insertUse(tx: Tx, values: typeof licenceUses.$inferInsert): Promise<UseRow> {
  const [row] = await tx.insert(licenceUses).values(values).returning();
  if (!row) throw new Error('insert into licence_uses returned nothing');
  return row;
}

export function holderUses(db: Db, holderIndex: string): Promise<UseRow[]> {
  return db
    .select()
    .from(licenceUses)
    .where(eq(licenceUses.holderIndex, holderIndex))
    .orderBy(desc(licenceUses.usedAt))
    .limit(500);
}

export function caseUses(db: Db, caseId: string): Promise<UseRow[]> {
  return db.select().from(licenceUses).where(eq(licenceUses.caseId, caseId)).orderBy(asc(licenceUses.usedAt));
}

export async function logShare(tx: Tx | Db, values: typeof licenceShareLog.$inferInsert): Promise<void> {
  await tx.insert(licenceShareLog).values(values);
}

export function shareLog(db: Db, limit: number) {
  return db.select().from(licenceShareLog).orderBy(desc(licenceShareLog.seq)).limit(limit);
}
