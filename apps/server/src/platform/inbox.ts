import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { inboxMessages } from '../db/schema/platform.js';
import { type Db, insertRowsAsJson, type Tx } from './database.js';
import { errorResponses, notFound, unauthorized } from './errors.js';

/** One message to one account, as the web app shows it. */
export interface InboxMessage {
  id: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

const toMessage = (row: typeof inboxMessages.$inferSelect): InboxMessage => ({
  id: row.id,
  title: row.title,
  body: row.body,
  link: row.link,
  createdAt: row.createdAt.toISOString(),
  readAt: row.readAt?.toISOString() ?? null,
});

/** 站内消息: leave a message for an account, in the caller's transaction (with the change it tells of). */
export async function postMessage(tx: Tx, message: NewInboxMessage): Promise<void> {
  await postMessages(tx, [message]);
}

/** One message to one account. */
export interface NewInboxMessage {
  accountId: string;
  title: string;
  body: string;
  link?: string;
}

/** Several messages in one statement. */
export async function postMessages(tx: Tx, messages: readonly NewInboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await tx.execute(
    insertRowsAsJson(
      inboxMessages,
      messages.map((message) => ({ ...message, link: message.link ?? null })),
    ),
  );
}

/** An account's messages, newest first, a page at a time, with how many are unread. */
export async function listMessages(
  db: Db,
  accountId: string,
  query: { page: number; pageSize: number; unreadOnly?: boolean },
) {
  const mine = eq(inboxMessages.accountId, accountId);
  const where = query.unreadOnly ? and(mine, isNull(inboxMessages.readAt)) : mine;
  const [rows, [total], [unread]] = await Promise.all([
    db
      .select()
      .from(inboxMessages)
      .where(where)
      .orderBy(desc(inboxMessages.createdAt), desc(inboxMessages.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(inboxMessages).where(where),
    db
      .select({ n: count() })
      .from(inboxMessages)
      .where(and(mine, isNull(inboxMessages.readAt))),
  ]);
  return {
    items: rows.map(toMessage),
    total: total?.n ?? 0,
    unread: unread?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Mark one of the account's messages (or all of them) read; false when the message is not theirs. */
export async function markRead(db: Db, accountId: string, id?: string): Promise<boolean> {
  const rows = await db
    .update(inboxMessages)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(inboxMessages.accountId, accountId),
        isNull(inboxMessages.readAt),
        ...(id ? [eq(inboxMessages.id, id)] : []),
      ),
    )
    .returning({ id: inboxMessages.id });
  if (rows.length > 0 || !id) return true;
  // Already read is fine; someone else's (or no such) message is not found.
  const [own] = await db
    .select({ id: inboxMessages.id })
    .from(inboxMessages)
    .where(and(eq(inboxMessages.accountId, accountId), eq(inboxMessages.id, id)));
  return own !== undefined;
}

const MessageSchema = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    body: Type.String(),
    link: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
    readAt: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);

/** 我的消息: the signed-in account's messages (an agent sees the enterprise's). */
export async function inboxRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['messages 我的消息'];
  const accountOf = (principal: { id: string } | null) => {
    if (!principal) throw unauthorized();
    return principal.id;
  };

  app.get(
    '/me/messages',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'My messages, newest first, with the number unread',
        querystring: Type.Object(
          {
            page: Type.Integer({ minimum: 1, default: 1 }),
            pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
            unread: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(MessageSchema),
            total: Type.Integer(),
            unread: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      listMessages(app.database.db, accountOf(request.principal), {
        page: request.query.page,
        pageSize: request.query.pageSize,
        ...(request.query.unread ? { unreadOnly: true } : {}),
      }),
  );

  app.post(
    '/me/messages/:id/read',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Mark one of my messages read',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const found = await markRead(app.database.db, accountOf(request.principal), request.params.id);
      if (!found) throw notFound('MESSAGE_NOT_FOUND', '消息不存在', { field: 'params.id' });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/me/messages/read-all',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Mark all my messages read',
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await markRead(app.database.db, accountOf(request.principal));
      return reply.status(204).send(null);
    },
  );
}
