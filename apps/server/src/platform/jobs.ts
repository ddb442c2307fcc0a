import type { FastifyBaseLogger } from 'fastify';
import PgBoss from 'pg-boss';
import type { Database } from './database.js';

/** A background job handler; throwing makes pg-boss retry it with backoff. */
export type JobHandler<T> = (data: T, job: { id: string; name: string }) => Promise<void>;

export interface JobDefinition<T = unknown> {
  name: string;
  handler: JobHandler<T>;
  /** Cron expression (Asia/Shanghai) when the job runs on a schedule. */
  cron?: string;
  retryLimit?: number;
}

/** The job queue (pg-boss on our PostgreSQL, either engine) with the platform's jobs registered. */
export interface Jobs {
  readonly boss: PgBoss;
  /** Queue a job; pass `db` of a transaction to enqueue it atomically with a change. */
  send(name: string, data: object, options?: PgBoss.SendOptions): Promise<string | null>;
  stop(): Promise<void>;
}

/**
 * Start pg-boss over the platform's own database connection. On PGlite it goes through the
 * database's `executeSql` adapter (scripts without parameters use `exec`); on PostgreSQL through
 * the shared pool, so jobs add no connections of their own.
 */
export async function startJobs(
  database: Database,
  definitions: readonly JobDefinition[],
  logger: FastifyBaseLogger,
): Promise<Jobs> {
  const boss = new PgBoss({
    db: { executeSql: (text, values) => database.executeSql(text, values) },
    schema: 'pgboss',
    // PGlite has a single connection: keep polling gentle there.
    ...(database.engine === 'pglite'
      ? { maintenanceIntervalSeconds: 300, monitorStateIntervalSeconds: 300 }
      : {}),
  });
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  await boss.start();
  for (const definition of definitions) {
    await boss.createQueue(definition.name, {
      name: definition.name,
      retryLimit: definition.retryLimit ?? 3,
      retryBackoff: true,
    });
    await boss.work<unknown>(definition.name, { pollingIntervalSeconds: 1 }, async (batch) => {
      for (const job of batch) {
        await definition.handler(job.data, { id: job.id, name: job.name });
      }
    });
    if (definition.cron) await boss.schedule(definition.name, definition.cron, {}, { tz: 'Asia/Shanghai' });
  }
  return {
    boss,
    send: (name, data, options) => boss.send(name, data, options ?? {}),
    stop: () => boss.stop({ graceful: true, wait: true, close: false, timeout: 10_000 }),
  };
}
