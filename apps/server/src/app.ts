import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { seedDemoData } from './demo-data.js';
import { CalendarProvider } from './modules/calendar/calendar.provider.js';
import { calendarModule } from './modules/calendar/calendar.routes.js';
import { ensureShippedYears } from './modules/calendar/calendar.service.js';
import { DEMO_HOLDINGS } from './modules/cases/cases.demo.js';
import { caseJobs } from './modules/cases/cases.jobs.js';
import { demoReuseSources, type ReuseSources } from './modules/cases/cases.ports.js';
import { casesModule } from './modules/cases/cases.routes.js';
import type { CaseEngine } from './modules/cases/cases.service.js';
import { registerCaseWebhooks } from './modules/cases/cases.webhooks.js';
import { catalogueModule } from './modules/catalogue/catalogue.routes.js';
import { identityAuthenticator } from './modules/identity/identity.authenticator.js';
import { listStaffHolding } from './modules/identity/identity.authority.js';
import type { DemoLogin } from './modules/identity/identity.demo.js';
import { identityJobs } from './modules/identity/identity.jobs.js';
import { demoPopulationBase, type PopulationBase } from './modules/identity/identity.ports.js';
import { identityModule } from './modules/identity/identity.routes.js';
import { interactionModule } from './modules/interaction/interaction.routes.js';
import { registerLicenceIssuance } from './modules/licences/licences.issuance.js';
import { licencesModule } from './modules/licences/licences.routes.js';
import { LicenceLibrary } from './modules/licences/licences.usage.js';
import { orgModule } from './modules/org/org.routes.js';
import { type Authenticator, accessPolicy } from './platform/access.js';
import { systemContext, verifyAuditChain } from './platform/audit.js';
import { type BlobStore, DiskBlobStore } from './platform/blobs.js';
import { type Database, openDatabase, withTransaction } from './platform/database.js';
import { type NotFoundFallback, registerErrorHandling } from './platform/errors.js';
import { developmentSecret, FieldCipher } from './platform/field-crypto.js';
import { healthRoutes } from './platform/health.js';
import { pruneIdempotencyKeys } from './platform/idempotency.js';
import { inboxRoutes } from './platform/inbox.js';
import { type JobDefinition, type Jobs, startJobs } from './platform/jobs.js';
import { loggerOptions } from './platform/logger.js';
import { applyMigrations, migrationStatus } from './platform/migrations.js';
import { LogEmailSender, LogSmsSender, registerNotificationHandlers } from './platform/notify.js';
import { openApi } from './platform/openapi.js';
import { OutboxRelay, pruneOutbox } from './platform/outbox.js';
import { registerSecurityHeaders } from './platform/security-headers.js';
import { registerValidation } from './platform/validation.js';
import { registerWeb } from './platform/web.js';

export interface AppDependencies {
  /** Resolves the caller of each request; the identity module's bearer-token authenticator unless given. */
  authenticate?: Authenticator;
  /** An already open database (tests share one per file); otherwise opened from config. */
  database?: Database;
  /** The current time for the case clocks; the system clock unless given. */
  clock?: () => Date;
  /** Where reusable e-licences and shared data come from (免提交); the demo holdings until the licences and exchange modules land. */
  reuseSources?: ReuseSources;
  /** The population base (人口库) identities are checked against; the demo people until the exchange module lands. */
  populationBase?: PopulationBase;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: Database;
    outbox: OutboxRelay;
    jobs: Jobs | null;
    /** The working-day calendar (工作日历), for every module that counts deadlines. */
    calendar: CalendarProvider;
    /** Personal data encryption at rest. */
    fieldCipher: FieldCipher;
    /** Uploaded materials. */
    blobs: BlobStore;
    /** Demo accounts to print at start (empty without demo data). */
    demoLogins: readonly DemoLogin[];
    /** The case engine's dependencies as of now (the calendar may have gained a year). */
    caseEngine: () => Promise<CaseEngine>;
  }
}

/** Thrown at start when the database lacks migrations and this process may not apply them. */
export class PendingMigrationsError extends Error {
  constructor(readonly pending: readonly string[]) {
    super(
      `The database has ${pending.length} pending migration(s): ${pending.join(', ')}. ` +
        'Run `npm run db:migrate`, or start with MIGRATE_ON_START=true.',
    );
    this.name = 'PendingMigrationsError';
  }
}

/** Request ids: a caller-supplied `x-request-id` when it looks like one, else a new UUID. */
const genReqId = (request: { headers: Record<string, string | string[] | undefined> }) => {
  const supplied = request.headers['x-request-id'];
  return typeof supplied === 'string' && /^[\w.-]{8,64}$/.test(supplied) ? supplied : randomUUID();
};

/** The platform's scheduled jobs. */
function platformJobs(app: FastifyInstance): JobDefinition[] {
  return [...auditJobs(app), ...caseJobs(app), ...identityJobs(app)];
}

function auditJobs(app: FastifyInstance): JobDefinition[] {
  return [
    {
      name: 'platform.audit-verify',
      cron: '30 2 * * *',
      retryLimit: 0,
      handler: async () => {
        const result = await verifyAuditChain(app.database.db);
        if (result.ok) app.log.info({ records: result.records }, 'audit chain verified');
        else app.log.error({ audit: result }, 'AUDIT CHAIN BROKEN');
      },
    },
    {
      // Idempotency keys answer retries for a day; older ones only take space.
      name: 'platform.idempotency-prune',
      cron: '15 3 * * *',
      retryLimit: 1,
      handler: async () => {
        const pruned = await pruneIdempotencyKeys(app.database.db);
        app.log.info({ pruned }, 'idempotency keys pruned');
      },
    },
    {
      name: 'platform.outbox-prune',
      cron: '45 3 * * *',
      retryLimit: 1,
      handler: async () => {
        const pruned = await pruneOutbox(app.database.db, app.config.outboxRetentionDays * 86_400_000);
        app.log.info({ pruned }, 'delivered outbox messages pruned');
      },
    },
  ];
}

/**
 * Build the whole application without listening: database, migrations, plugins, modules, jobs.
 * Tests call this and use `app.inject()`; main.ts calls it and listens.
 */
export async function buildApp(config: Config, dependencies: AppDependencies = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config),
    genReqId,
    requestIdHeader: false,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const database = dependencies.database ?? (await openDatabase(config));
  const ownsDatabase = !dependencies.database;
  try {
    const status = await migrationStatus(database);
    if (status.pending.length > 0) {
      if (!config.migrateOnStart) throw new PendingMigrationsError(status.pending);
      await applyMigrations(database);
      app.log.info({ applied: status.pending }, 'migrations applied');
    }
  } catch (error) {
    if (ownsDatabase) await database.close();
    throw error;
  }

  app.decorate('config', config);
  app.decorate('database', database);
  app.decorate(
    'outbox',
    new OutboxRelay(database.db, { maxAttempts: config.outboxMaxAttempts, logger: app.log }),
  );
  app.decorate('jobs', null);
  app.decorate('calendar', new CalendarProvider(() => database.db));
  const inMemory = config.dataDir === ':memory:';
  const secret =
    config.appSecret ?? (await developmentSecret(inMemory ? null : join(config.dataDir, 'app-secret')));
  app.decorate('fieldCipher', new FieldCipher(secret, config.appSecretPrevious));
  app.decorate(
    'blobs',
    new DiskBlobStore({
      directory: inMemory ? join(tmpdir(), 'yiwang-blobs') : join(config.dataDir, 'blobs'),
      maxBytes: config.uploadMaxBytes,
    }),
  );
  const clock = dependencies.clock ?? (() => new Date());
  const licenceDeps = { cipher: app.fieldCipher, now: clock };
  // 免提交: e-licences from the library; shared data from the demo holdings until the exchange
  // module exists. The demo holdings still answer for licences the library lacks (the case tests
  // reuse the demo enterprise's 营业执照 without issuing one).
  const licenceLibrary = new LicenceLibrary({ deps: licenceDeps, fallback: demoReuseSources(DEMO_HOLDINGS) });
  const reuseSources = dependencies.reuseSources ?? licenceLibrary;
  app.decorate('caseEngine', async () => ({
    calendar: await app.calendar.current(),
    cipher: app.fieldCipher,
    sources: reuseSources,
    staff: { listStaff: listStaffHolding },
    now: clock,
    warningYellowDays: config.warningYellowDays,
  }));
  registerNotificationHandlers(app.outbox, {
    sms: new LogSmsSender(app.log),
    email: new LogEmailSender(app.log),
    cipher: app.fieldCipher,
    webhookAllowedHosts: config.webhookAllowedHosts,
  });
  registerCaseWebhooks(app.outbox, () => database.db, app.fieldCipher, {
    allowedHosts: config.webhookAllowedHosts,
  });
  registerLicenceIssuance(app.outbox, {
    db: () => database.db,
    deps: licenceDeps,
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  registerValidation(app);
  // Before any module registers: child contexts inherit the handlers present when they are created.
  let notFoundFallback: NotFoundFallback | undefined;
  registerErrorHandling(app, {
    notFoundFallback: async (request, reply) => notFoundFallback?.(request, reply) ?? false,
  });
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  if (config.corsOrigins.length > 0)
    await app.register(cors, { origin: config.corsOrigins, credentials: true });
  await app.register(rateLimit, { max: config.rateLimitMax, timeWindow: config.rateLimitWindowMs });
  await app.register(accessPolicy, {
    authenticate:
      dependencies.authenticate ??
      identityAuthenticator({ db: () => database.db, cipher: app.fieldCipher, issuer: config.oidcIssuer }),
  });
  await app.register(openApi);

  await app.register(healthRoutes, { database });
  await app.register(inboxRoutes, { prefix: '/api/v1' });
  await app.register(orgModule, { prefix: '/api/v1' });
  await app.register(catalogueModule, { prefix: '/api/v1' });
  await app.register(calendarModule, { prefix: '/api/v1', provider: app.calendar });
  await app.register(casesModule, {
    prefix: '/api/v1',
    engine: app.caseEngine,
    blobs: app.blobs,
    uploadMaxBytes: config.uploadMaxBytes,
    webhookAllowedHosts: config.webhookAllowedHosts,
  });
  await app.register(identityModule, {
    secret,
    population: dependencies.populationBase ?? demoPopulationBase(),
  });
  await app.register(interactionModule, { prefix: '/api/v1', calendar: app.calendar, now: clock });
  await app.register(licencesModule, {
    prefix: '/api/v1',
    deps: licenceDeps,
    engine: app.caseEngine,
    publicOrigin: new URL(config.oidcIssuer).origin,
  });

  notFoundFallback = await registerWeb(app, config.webDistDir);

  // The holiday arrangements this project ships are reference data every installation needs.
  await withTransaction(database.db, (tx) => ensureShippedYears(tx, systemContext('calendar')));
  if (config.seedDemoData)
    app.decorate('demoLogins', (await seedDemoData(database.db, app.fieldCipher, clock)).logins);
  else app.decorate('demoLogins', []);

  app.addHook('onReady', async () => {
    if (!config.jobsEnabled) return;
    app.jobs = await startJobs(database, platformJobs(app), app.log);
    app.outbox.start(config.outboxPollMs);
  });
  app.addHook('onClose', async () => {
    await app.outbox.stop();
    await app.jobs?.stop();
    if (ownsDatabase) await database.close();
  });
  return app;
}
