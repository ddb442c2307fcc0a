import { and, asc, eq, gte, isNull, lte } from 'drizzle-orm';
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
