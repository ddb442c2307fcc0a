import { and, eq, gt, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import { oidcPayloads } from '../../db/schema/identity.js';
import type { Db } from '../../platform/database.js';
import { clientMetadata, findClientRow } from './identity.clients.js';

/** What oidc-provider stores for one model instance (a session, grant, code, token, interaction…). */
export type OidcPayload = Record<string, unknown> & {
  accountId?: string;
  grantId?: string;
  uid?: string;
  userCode?: string;
  consumed?: number;
};

/** oidc-provider's storage interface (one adapter per model name). */
export interface OidcAdapter {
  upsert(id: string, payload: OidcPayload, expiresIn: number): Promise<void>;
  find(id: string): Promise<OidcPayload | undefined>;
  findByUserCode(userCode: string): Promise<OidcPayload | undefined>;
  findByUid(uid: string): Promise<OidcPayload | undefined>;
  consume(id: string): Promise<void>;
  destroy(id: string): Promise<void>;
  revokeByGrantId(grantId: string): Promise<void>;
}

const epoch = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * oidc-provider's storage on table identity_oidc_payloads: one row per model instance, the payload
 * as JSONB, with the columns it is looked up by (grant id, uid, user code) and the account it
 * belongs to (lists a person's sessions). Plain SQL that PGlite and PostgreSQL run alike.
 */
export class DatabaseOidcAdapter implements OidcAdapter {
  constructor(
    private readonly db: Db,
    private readonly kind: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async upsert(id: string, payload: OidcPayload, expiresIn: number): Promise<void> {
    const now = this.now();
    const row = {
      payload,
      // A grant is found by its own id when its tokens are revoked together.
      grantId: this.kind === 'Grant' ? id : (payload.grantId ?? null),
      userCode: payload.userCode ?? null,
      uid: payload.uid ?? null,
      accountId: payload.accountId ?? null,
      expiresAt: expiresIn ? new Date(now.getTime() + expiresIn * 1000) : null,
      updatedAt: now,
    };
    await this.db
      .insert(oidcPayloads)
      .values({ kind: this.kind, id, ...row })
      .onConflictDoUpdate({ target: [oidcPayloads.kind, oidcPayloads.id], set: row });
  }

  private async findWhere(condition: ReturnType<typeof eq>): Promise<OidcPayload | undefined> {
    const [row] = await this.db
      .select({ payload: oidcPayloads.payload, consumedAt: oidcPayloads.consumedAt })
      .from(oidcPayloads)
      .where(
        and(
          eq(oidcPayloads.kind, this.kind),
          condition,
          or(isNull(oidcPayloads.expiresAt), gt(oidcPayloads.expiresAt, this.now())),
        ),
      )
      .limit(1);
    if (!row) return undefined;
    return { ...row.payload, ...(row.consumedAt ? { consumed: epoch(row.consumedAt) } : {}) };
  }

  find(id: string) {
    return this.findWhere(eq(oidcPayloads.id, id));
  }

  findByUserCode(userCode: string) {
    return this.findWhere(eq(oidcPayloads.userCode, userCode));
  }

  findByUid(uid: string) {
    return this.findWhere(eq(oidcPayloads.uid, uid));
  }

  async consume(id: string): Promise<void> {
    await this.db
      .update(oidcPayloads)
      .set({ consumedAt: this.now() })
      .where(and(eq(oidcPayloads.kind, this.kind), eq(oidcPayloads.id, id)));
  }

  async destroy(id: string): Promise<void> {
    await this.db.delete(oidcPayloads).where(and(eq(oidcPayloads.kind, this.kind), eq(oidcPayloads.id, id)));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.db
      .delete(oidcPayloads)
      .where(and(eq(oidcPayloads.kind, this.kind), eq(oidcPayloads.grantId, grantId)));
  }
}

/**
 * Relying parties come from identity_clients (registered through the clients API, never through
 * dynamic registration): found by client id while active; the provider never writes them.
 */
class ClientAdapter implements OidcAdapter {
  constructor(private readonly db: Db) {}

  async find(id: string) {
    const row = await findClientRow(this.db, id);
    return row && row.status === 'active' ? clientMetadata(row) : undefined;
  }

  async upsert() {
    throw new Error('clients are registered through /api/v1/identity/clients');
  }
  async findByUserCode() {
    return undefined;
  }
  async findByUid() {
    return undefined;
  }
  async consume() {}
  async destroy() {}
  async revokeByGrantId() {}
}

/** The adapter factory oidc-provider calls once per model name. */
export function oidcAdapterFactory(db: Db, now?: () => Date): (name: string) => OidcAdapter {
  return (name) => (name === 'Client' ? new ClientAdapter(db) : new DatabaseOidcAdapter(db, name, now));
}

/**
 * Delete what has expired (and consumed codes past their lifetime): sessions, tokens and
 * interactions nobody can use any more. For the scheduled jobs; returns the number of rows.
 */
export async function pruneOidcPayloads(db: Db, now: Date = new Date()): Promise<number> {
  const deleted = await db
    .delete(oidcPayloads)
    .where(and(isNotNull(oidcPayloads.expiresAt), lte(oidcPayloads.expiresAt, now)))
    .returning({ id: oidcPayloads.id });
  return deleted.length;
}

/** The sign-in sessions of an account still valid at `now`, newest activity first. */
export async function accountSessionRows(db: Db, accountId: string, now: Date) {
  return db
    .select({
      payload: oidcPayloads.payload,
      updatedAt: oidcPayloads.updatedAt,
      expiresAt: oidcPayloads.expiresAt,
    })
    .from(oidcPayloads)
    .where(
      and(
        eq(oidcPayloads.kind, 'Session'),
        eq(oidcPayloads.accountId, accountId),
        or(isNull(oidcPayloads.expiresAt), gt(oidcPayloads.expiresAt, now)),
      ),
    )
    .orderBy(sql`${oidcPayloads.updatedAt} desc`);
}

/** Remove every artefact (grant, codes, tokens) of the given grants. */
export async function deleteGrants(db: Db, grantIds: readonly string[]): Promise<void> {
  for (const grantId of grantIds) await db.delete(oidcPayloads).where(eq(oidcPayloads.grantId, grantId));
}
