import { and, asc, eq, gte, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { accounts, enterpriseAgents, roleGrants } from '../../db/schema/identity.js';
import type { Db, Tx } from '../../platform/database.js';

export type RoleGrantRow = typeof roleGrants.$inferSelect;
export type AgentGrantRow = typeof enterpriseAgents.$inferSelect;

/** A staff member's grants in force. */
export function activeRoleGrants(db: Db | Tx, accountId: string): Promise<RoleGrantRow[]> {
  return db
    .select()
    .from(roleGrants)
    .where(and(eq(roleGrants.accountId, accountId), isNull(roleGrants.revokedAt)))
    .orderBy(asc(roleGrants.createdAt));
}

export async function findRoleGrant(db: Db | Tx, id: string): Promise<RoleGrantRow | undefined> {
  const [row] = await db.select().from(roleGrants).where(eq(roleGrants.id, id));
  return row;
}

export async function insertRoleGrant(tx: Tx, row: typeof roleGrants.$inferInsert): Promise<RoleGrantRow> {
  const [inserted] = await tx.insert(roleGrants).values(row).returning();
  if (!inserted) throw new Error('role grant insert returned no row');
  return inserted;
}

export async function revokeRoleGrant(tx: Tx, id: string, at: Date): Promise<RoleGrantRow | undefined> {
  const [row] = await tx
    .update(roleGrants)
    .set({ revokedAt: at })
    .where(and(eq(roleGrants.id, id), isNull(roleGrants.revokedAt)))
    .returning();
  return row;
}

export async function insertAgentGrant(
  tx: Tx,
  row: typeof enterpriseAgents.$inferInsert,
): Promise<AgentGrantRow> {
  const [inserted] = await tx.insert(enterpriseAgents).values(row).returning();
  if (!inserted) throw new Error('agent grant insert returned no row');
  return inserted;
}

export async function revokeAgentGrant(
  tx: Tx,
  enterpriseId: string,
  id: string,
  at: Date,
): Promise<AgentGrantRow | undefined> {
  const [row] = await tx
    .update(enterpriseAgents)
    .set({ revokedAt: at })
    .where(
      and(
        eq(enterpriseAgents.id, id),
        eq(enterpriseAgents.enterpriseId, enterpriseId),
        isNull(enterpriseAgents.revokedAt),
      ),
    )
    .returning();
  return row;
}

/** An enterprise's agent grants (revoked ones too: the enterprise sees its history), with the agents' names. */
export function agentGrantsOfEnterprise(db: Db | Tx, enterpriseId: string) {
  return db
    .select({
      grant: enterpriseAgents,
      personName: accounts.name,
      personIdentifierMasked: accounts.identifierMasked,
    })
    .from(enterpriseAgents)
    .innerJoin(accounts, eq(accounts.id, enterpriseAgents.personId))
    .where(eq(enterpriseAgents.enterpriseId, enterpriseId))
    .orderBy(asc(enterpriseAgents.createdAt));
}

/** Grants in force on `day` under which a person acts for enterprises, with the enterprises. */
export function agentGrantsOfPerson(db: Db | Tx, personId: string, day: string, enterpriseId?: string) {
  return db
    .select({
      grant: enterpriseAgents,
      enterpriseName: accounts.name,
      enterpriseIdentifierMasked: accounts.identifierMasked,
      enterpriseStatus: accounts.status,
    })
    .from(enterpriseAgents)
    .innerJoin(accounts, eq(accounts.id, enterpriseAgents.enterpriseId))
    .where(
      and(
        eq(enterpriseAgents.personId, personId),
        isNull(enterpriseAgents.revokedAt),
        lte(enterpriseAgents.validFrom, day),
        gte(enterpriseAgents.validUntil, day),
        eq(accounts.status, 'active'),
        ...(enterpriseId ? [eq(enterpriseAgents.enterpriseId, enterpriseId)] : []),
      ),
    )
    .orderBy(asc(accounts.name));
}

export interface StaffHoldingFilter {
  roles: readonly string[];
  /** Grants at these departments only (a department scope, sub-units expanded by the caller). */
  departmentIds?: readonly string[] | undefined;
  /**
   * These departments and the units above them: a grant "with sub-units" at one of those above
   * reaches `departmentIds` too.
   */
  lineageIds?: readonly string[] | undefined;
  /** Grants over these regions, or staff of departments in them (a region scope). */
  regionCodes?: readonly string[] | undefined;
  /** A substring of the name or username. */
  text?: string | undefined;
  /** One account by id. */
  accountId?: string | undefined;
  limit: number;
  offset: number;
}

/**
 * Active staff holding one of the roles in force within a scope, with the roles they hold there: one
 * page by name, and the total, both in SQL.
 */
export async function listStaffHolding(
  db: Db | Tx,
  filter: StaffHoldingFilter,
): Promise<{
  rows: { id: string; name: string; username: string | null; departmentId: string | null; roles: string[] }[];
  total: number;
}> {
  if (filter.roles.length === 0) return { rows: [], total: 0 };
  const conditions: SQL[] = [
    eq(accounts.kind, 'staff'),
    eq(accounts.status, 'active'),
    isNull(roleGrants.revokedAt),
    inArray(roleGrants.role, [...filter.roles]),
  ];
  if (filter.accountId) conditions.push(eq(accounts.id, filter.accountId));
  if (filter.departmentIds) {
    const lineage = filter.lineageIds ?? [];
    const reaching =
      filter.departmentIds.length === 0
        ? sql`false`
        : or(
            inArray(roleGrants.departmentId, [...filter.departmentIds]),
            lineage.length === 0
              ? undefined
              : and(eq(roleGrants.includeSubUnits, true), inArray(roleGrants.departmentId, [...lineage])),
          );
    if (reaching) conditions.push(reaching);
  }
  if (filter.regionCodes) {
    const codes = [...filter.regionCodes];
    const inRegion =
      codes.length === 0
        ? sql`false`
        : or(inArray(roleGrants.regionCode, codes), inArray(accounts.regionCode, codes));
    if (inRegion) conditions.push(inRegion);
  }
  if (filter.text) {
    const pattern = `%${filter.text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    const matches = or(sql`${accounts.name} ilike ${pattern}`, sql`${accounts.username} ilike ${pattern}`);
    if (matches) conditions.push(matches);
  }
  const where = and(...conditions);
  const [rows, totals] = await Promise.all([
    db
      .select({
        id: accounts.id,
        name: accounts.name,
        username: accounts.username,
        departmentId: accounts.departmentId,
        roles: sql<string[]>`array_agg(distinct ${roleGrants.role} order by ${roleGrants.role})`,
      })
      .from(accounts)
      .innerJoin(roleGrants, eq(roleGrants.accountId, accounts.id))
      .where(where)
      .groupBy(accounts.id)
      .orderBy(asc(accounts.name), asc(accounts.id))
      .limit(filter.limit)
      .offset(filter.offset),
    db
      .select({ total: sql<number>`count(distinct ${accounts.id})::int` })
      .from(accounts)
      .innerJoin(roleGrants, eq(roleGrants.accountId, accounts.id))
      .where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}
