import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { inArray } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { clients } from '../../db/schema/identity.js';
import { contextOf } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { type Db, withTransaction } from '../../platform/database.js';
import { errorResponses, notFound, unauthorized } from '../../platform/errors.js';
import type { OidcProviderHolder } from './identity.oidc.js';
import { accountSessionRows, deleteGrants } from './identity.oidc-adapter.js';

/** A sign-in session as its owner sees it (never the session cookie's value). */
export interface SignInSession {
  id: string;
  createdAt: string;
  lastActiveAt: string;
  expiresAt: string | null;
  amr: string[];
  clients: { clientId: string; name: string }[];
}

interface SessionPayload {
  jti?: string;
  uid?: string;
  loginTs?: number;
  amr?: string[];
  accountId?: string;
  authorizations?: Record<string, { sid?: string; grantId?: string }>;
}

const fromEpoch = (seconds: number | undefined, fallback: Date) =>
  (seconds ? new Date(seconds * 1000) : fallback).toISOString();

/** 我的登录会话: the account's sign-in sessions still valid, with the systems signed in through each. */
export async function listSignInSessions(db: Db, accountId: string, now: Date): Promise<SignInSession[]> {
  const rows = await accountSessionRows(db, accountId, now);
  const clientIds = [
    ...new Set(rows.flatMap((row) => Object.keys((row.payload as SessionPayload).authorizations ?? {}))),
  ];
  const names = new Map(
    clientIds.length === 0
      ? []
      : (
          await db
            .select({ clientId: clients.clientId, name: clients.name })
            .from(clients)
            .where(inArray(clients.clientId, clientIds))
        ).map((row) => [row.clientId, row.name]),
  );
  return rows.flatMap((row) => {
    const payload = row.payload as SessionPayload;
    if (!payload.uid) return [];
    return [
      {
        id: payload.uid,
        createdAt: fromEpoch(payload.loginTs, row.updatedAt),
        lastActiveAt: row.updatedAt.toISOString(),
        expiresAt: row.expiresAt?.toISOString() ?? null,
        amr: payload.amr ?? [],
        clients: Object.keys(payload.authorizations ?? {}).map((clientId) => ({
          clientId,
          name: names.get(clientId) ?? clientId,
        })),
      },
    ];
  });
}

/**
 * End one of the account's sessions: each system signed in through it is told by back-channel
 * logout, its grants (and so every token) are revoked, and the session is gone. False when the
 * account has no such session.
 */
export async function endSignInSession(
  holder: OidcProviderHolder,
  db: Db,
  accountId: string,
  sessionId: string,
  logger: FastifyInstance['log'],
): Promise<boolean> {
  const provider = await holder.current();
  const session = await provider.Session.findByUid(sessionId);
  if (!session || session.accountId !== accountId) return false;
  const authorizations = (session.authorizations ?? {}) as SessionPayload['authorizations'] & object;
  await Promise.all(
    Object.entries(authorizations).map(async ([clientId, { sid }]) => {
      const client = (await provider.Client.find(clientId)) as
        | { backchannelLogoutUri?: string; backchannelLogout(sub: string, sid: string): Promise<void> }
        | undefined;
      if (!client?.backchannelLogoutUri || !sid) return;
      try {
        await client.backchannelLogout(accountId, sid);
      } catch (error) {
        logger.warn({ err: error, clientId }, 'back-channel logout not delivered');
      }
    }),
  );
  const grantIds = Object.values(authorizations).flatMap(({ grantId }) => (grantId ? [grantId] : []));
  await deleteGrants(db, grantIds);
  await session.destroy();
  return true;
}

const SessionSchema = Type.Object(
  {
    id: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    lastActiveAt: Type.String({ format: 'date-time' }),
    expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    amr: Type.Array(Type.String()),
    clients: Type.Array(Type.Object({ clientId: Type.String(), name: Type.String() })),
  },
  { additionalProperties: false },
);

/** GET/DELETE /me/sessions: a person's own sign-in sessions (统一身份认证的登录设备管理). */
export async function sessionRoutes(fastify: FastifyInstance, options: { holder: OidcProviderHolder }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['identity 统一身份认证'];
  const db = () => app.database.db;
  const signedIn = { access: 'authenticated' as const };

  app.get(
    '/me/sessions',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'My sign-in sessions, with the systems signed in through each',
        response: { 200: Type.Object({ items: Type.Array(SessionSchema) }), ...errorResponses },
      },
    },
    async (request) => {
      return { items: await listSignInSessions(db(), signedInAccount(request), new Date()) };
    },
  );

  app.delete(
    '/me/sessions/:id',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'End one of my sign-in sessions (back-channel logout to its systems, grants revoked)',
        params: Type.Object(
          { id: Type.String({ minLength: 1, maxLength: 100 }) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const accountId = signedInAccount(request);
      const ended = await endSignInSession(options.holder, db(), accountId, request.params.id, request.log);
      if (!ended)
        throw notFound('IDENTITY_SESSION_NOT_FOUND', '登录会话不存在或已结束', { field: 'params.id' });
      await withTransaction(db(), (tx) =>
        recordAudit(tx, contextOf(request), {
          action: 'identity.session.end',
          entityType: 'account',
          entityId: accountId,
          after: { session: request.params.id },
        }),
      );
      return reply.status(204).send(null);
    },
  );
}

/** The account that signed in: the person, also while they act for an enterprise as its agent. */
function signedInAccount(request: FastifyRequest): string {
  const principal = request.principal;
  if (!principal) throw unauthorized();
  return principal.agent?.id ?? principal.id;
}
