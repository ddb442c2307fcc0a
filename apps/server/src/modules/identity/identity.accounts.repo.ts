import { and, count, desc, eq, gt, ilike, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import {
  accounts,
  addressThrottle,
  passwordHistory,
  recoveryCodes,
  smsCodes,
} from '../../db/schema/identity.js';
import type { Db, Tx } from '../../platform/database.js';

export type AccountRow = typeof accounts.$inferSelect;
export type AccountInsert = typeof accounts.$inferInsert;
export type AccountKind = AccountRow['kind'];
export type SmsCodeRow = typeof smsCodes.$inferSelect;
export type SmsPurpose = SmsCodeRow['purpose'];
export type AddressThrottleRow = typeof addressThrottle.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` can be an account id at all (a principal id may be anything). */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}

export async function insertAccount(tx: Tx, values: AccountInsert): Promise<AccountRow> {
  const [row] = await tx.insert(accounts).values(values).returning();
  if (!row) throw new Error('insert into identity_accounts returned no row');
  return row;
}

export async function findAccountById(db: Db | Tx, id: string): Promise<AccountRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(accounts).where(eq(accounts.id, id));
  return row;
}

/** The account row, locked for the rest of the transaction (counters, codes, one at a time). */
export async function lockAccount(tx: Tx, id: string): Promise<AccountRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await tx.select().from(accounts).where(eq(accounts.id, id)).for('update');
  return row;
}

export async function findAccountByIdentifier(
  db: Db | Tx,
  kinds: readonly AccountKind[],
  identifierIndex: string,
): Promise<AccountRow[]> {
  return db
    .select()
    .from(accounts)
    .where(and(inArray(accounts.kind, [...kinds]), eq(accounts.identifierIndex, identifierIndex)))
    .orderBy(accounts.createdAt);
}

export async function findAccountByUsername(db: Db | Tx, username: string): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(accounts).where(sql`lower(${accounts.username}) = lower(${username})`);
  return row;
}

/** Accounts with this mobile, persons first, then enterprises, then staff; oldest first within each. */
export async function findAccountsByMobile(db: Db | Tx, mobileIndex: string): Promise<AccountRow[]> {
  return db
    .select()
    .from(accounts)
    .where(eq(accounts.mobileIndex, mobileIndex))
    .orderBy(
      sql`case ${accounts.kind} when 'person' then 0 when 'enterprise' then 1 else 2 end`,
      accounts.createdAt,
    )
    .limit(10);
}

export async function updateAccount(tx: Tx, id: string, patch: Partial<AccountInsert>): Promise<void> {
  await tx
    .update(accounts)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(accounts.id, id));
}

export interface AccountListFilter {
  kind?: AccountKind | undefined;
  /** Matches the name or username (substring), or the identifier exactly by its blind index. */
  text?: string | undefined;
  identifierIndex?: string | undefined;
  /** A scoped administrator sees staff of these departments / regions only (citizens are not scoped). */
  staffDepartmentIds?: readonly string[] | undefined;
  staffRegionCodes?: readonly string[] | undefined;
  limit: number;
  offset: number;
}

/** One page of accounts, newest first, with the total for the pager. */
export async function listAccounts(
  db: Db,
  filter: AccountListFilter,
): Promise<{ rows: AccountRow[]; total: number }> {
  const conditions: SQL[] = [];
  if (filter.kind) conditions.push(eq(accounts.kind, filter.kind));
  if (filter.text) {
    const pattern = `%${filter.text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    const matches: SQL[] = [ilike(accounts.name, pattern), ilike(accounts.username, pattern)];
    if (filter.identifierIndex) matches.push(eq(accounts.identifierIndex, filter.identifierIndex));
    const any = or(...matches);
    if (any) conditions.push(any);
  }
  if (filter.staffDepartmentIds || filter.staffRegionCodes) {
    const inScope = and(
      ...(filter.staffDepartmentIds ? [inArray(accounts.departmentId, [...filter.staffDepartmentIds])] : []),
      ...(filter.staffRegionCodes ? [inArray(accounts.regionCode, [...filter.staffRegionCodes])] : []),
    );
    const scoped = or(ne(accounts.kind, 'staff'), inScope);
    if (scoped) conditions.push(scoped);
  }
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(accounts)
      .where(where)
      .orderBy(desc(accounts.createdAt), accounts.id)
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ total: count() }).from(accounts).where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}

// ——— password history ———

export async function insertPasswordHistory(tx: Tx, accountId: string, passwordHash: string): Promise<void> {
  await tx.insert(passwordHistory).values({ accountId, passwordHash });
}

/** The latest `limit` password hashes of an account, newest first. */
export async function recentPasswordHashes(db: Db | Tx, accountId: string, limit: number): Promise<string[]> {
  const rows = await db
    .select({ passwordHash: passwordHistory.passwordHash })
    .from(passwordHistory)
    .where(eq(passwordHistory.accountId, accountId))
    .orderBy(desc(passwordHistory.createdAt), desc(passwordHistory.id))
    .limit(limit);
  return rows.map((row) => row.passwordHash);
}

// ——— recovery codes ———

/** Replace every recovery code of an account with new ones (the old ones stop working). */
export async function replaceRecoveryCodes(
  tx: Tx,
  accountId: string,
  codeHashes: readonly string[],
): Promise<void> {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.accountId, accountId));
  if (codeHashes.length > 0)
    await tx.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ accountId, codeHash })));
}

/** Mark an unused recovery code used; false when there is no such unused code. */
export async function useRecoveryCode(
  tx: Tx,
  accountId: string,
  codeHash: string,
  now: Date,
): Promise<boolean> {
  const used = await tx
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(recoveryCodes.accountId, accountId),
        eq(recoveryCodes.codeHash, codeHash),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ accountId: recoveryCodes.accountId });
  return used.length > 0;
}

export async function unusedRecoveryCodeCount(db: Db | Tx, accountId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.accountId, accountId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}

// ——— SMS codes ———

export async function insertSmsCode(
  tx: Tx,
  values: { mobileIndex: string; purpose: SmsPurpose; codeHash: string; expiresAt: Date; createdAt: Date },
): Promise<void> {
  await tx.insert(smsCodes).values(values);
}

/** When the last code of any purpose was sent to this mobile after `since`, if one was. */
export async function lastSmsCodeSince(tx: Tx, mobileIndex: string, since: Date): Promise<Date | undefined> {
  const [row] = await tx
    .select({ createdAt: smsCodes.createdAt })
    .from(smsCodes)
    .where(and(eq(smsCodes.mobileIndex, mobileIndex), gt(smsCodes.createdAt, since)))
    .orderBy(desc(smsCodes.createdAt))
    .limit(1);
  return row?.createdAt;
}

/** The latest unconsumed code for this mobile and purpose, locked: attempts count one at a time. */
export async function latestSmsCode(
  tx: Tx,
  mobileIndex: string,
  purpose: SmsPurpose,
): Promise<SmsCodeRow | undefined> {
  const [row] = await tx
    .select()
    .from(smsCodes)
    .where(
      and(eq(smsCodes.mobileIndex, mobileIndex), eq(smsCodes.purpose, purpose), isNull(smsCodes.consumedAt)),
    )
    .orderBy(desc(smsCodes.createdAt))
    .limit(1)
    .for('update');
  return row;
}

export async function updateSmsCode(
  tx: Tx,
  id: string,
  patch: { attempts?: number; consumedAt?: Date },
): Promise<void> {
  await tx.update(smsCodes).set(patch).where(eq(smsCodes.id, id));
}

/** Retire every open code of this mobile and purpose (a new one replaces them). */
export async function consumeOpenSmsCodes(
  tx: Tx,
  mobileIndex: string,
  purpose: SmsPurpose,
  now: Date,
): Promise<void> {
  await tx
    .update(smsCodes)
    .set({ consumedAt: now })
    .where(
      and(eq(smsCodes.mobileIndex, mobileIndex), eq(smsCodes.purpose, purpose), isNull(smsCodes.consumedAt)),
    );
}

// ——— address throttle ———

/** The throttle row of a client address, locked (created empty first if absent). */
export async function lockAddressThrottle(tx: Tx, address: string, now: Date): Promise<AddressThrottleRow> {
  await tx.insert(addressThrottle).values({ address, windowStartedAt: now }).onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(addressThrottle)
    .where(eq(addressThrottle.address, address))
    .for('update');
  if (!row) throw new Error('identity_address_throttle row vanished');
  return row;
}

export async function findAddressThrottle(
  db: Db | Tx,
  address: string,
): Promise<AddressThrottleRow | undefined> {
  const [row] = await db.select().from(addressThrottle).where(eq(addressThrottle.address, address));
  return row;
}

export async function updateAddressThrottle(
  tx: Tx,
  address: string,
  patch: Partial<Omit<AddressThrottleRow, 'address'>>,
): Promise<void> {
  await tx.update(addressThrottle).set(patch).where(eq(addressThrottle.address, address));
}
