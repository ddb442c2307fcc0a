import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { Database } from './database.js';
import { ErrorBody } from './errors.js';
import { migrationStatus } from './migrations.js';

const Ready = Type.Object({
  status: Type.Literal('ready'),
  database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
  migrations: Type.Object({ applied: Type.Integer(), pending: Type.Integer() }),
});

/**
 * Probes for orchestrators: `/healthz` says the process is up; `/readyz` says it can serve — the
 * database answers and every committed migration is applied.
 */
export async function healthRoutes(app: FastifyInstance, options: { database: Database }): Promise<void> {
  app.get(
    '/healthz',
    {
      config: { access: 'public', rateLimit: false },
      schema: {
        tags: ['platform'],
        summary: 'Liveness: the process is up',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
      logLevel: 'warn',
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { access: 'public', rateLimit: false },
      schema: {
        tags: ['platform'],
        summary: 'Readiness: the database is reachable and migrations are applied',
        response: { 200: Ready, 503: ErrorBody },
      },
      logLevel: 'warn',
    },
    async (request, reply) => {
      let status: Awaited<ReturnType<typeof migrationStatus>>;
      try {
        status = await migrationStatus(options.database);
      } catch (error) {
        request.log.warn({ err: error }, 'readiness: database unreachable');
        return reply.status(503).send({
          code: 'DATABASE_UNAVAILABLE',
          message: '数据库不可用',
          requestId: String(request.id),
        });
      }
      if (status.pending.length > 0) {
        return reply.status(503).send({
          code: 'MIGRATIONS_PENDING',
          message: `有 ${status.pending.length} 个数据库迁移尚未执行`,
          details: { pending: status.pending },
          requestId: String(request.id),
        });
      }
      return {
        status: 'ready' as const,
        database: options.database.engine,
        migrations: { applied: status.applied, pending: 0 },
      };
    },
  );
}
