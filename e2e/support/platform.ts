import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DEMO_ENTERPRISE } from '../../apps/server/src/demo-people.js';
import { buildApp } from '../../apps/server/src/app.js';
import { loadConfig } from '../../apps/server/src/config.js';
import type { CaseAction } from '../../apps/server/src/modules/cases/cases.machine.js';
import * as cases from '../../apps/server/src/modules/cases/cases.service.js';
import type { Principal } from '../../apps/server/src/platform/access.js';
import { systemContext } from '../../apps/server/src/platform/audit.js';
import { withTransaction } from '../../apps/server/src/platform/database.js';

/** A free TCP port on the loopback interface. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

/**
 * A walk-in application of 食品经营许可 by the demo enterprise, for `applyAtWindow`: the item's
 * implementation code at the department the test chose.
 */
export function foodLicenceWalkIn(implementationCode: string): Parameters<Platform['applyAtWindow']>[0] {
  return {
    implementationCode,
    form: {
      enterpriseName: DEMO_ENTERPRISE.name,
      creditCode: DEMO_ENTERPRISE.creditCode,
      legalRepresentative: DEMO_ENTERPRISE.legalRepresentative,
      mobile: '13800571234',
      businessAddress: '杭州市西湖区文三路 100 号',
      operatorCategory: '餐饮服务经营者',
    },
    applicant: { name: DEMO_ENTERPRISE.name, identifier: DEMO_ENTERPRISE.creditCode },
  };
}

export interface Platform {
  app: FastifyInstance;
  origin: string;
  /** Take a staff action on a case, as a clerk or reviewer would in the workbench (see below). */
  staffAct(caseId: string, action: string, input?: Record<string, unknown>): Promise<void>;
  /** Take every staff step from acceptance to 办结. */
  completeCase(caseId: string): Promise<void>;
  /** Enter a walk-in application (一窗受理) as a window clerk would, submitted at once; its case id. */
  applyAtWindow(input: {
    implementationCode: string;
    form: Record<string, unknown>;
    applicant: { name: string; identifier: string; mobile?: string };
  }): Promise<string>;
  close(): Promise<void>;
}

/**
 * The platform as `npm start` runs it — demo data, the real OIDC provider and bearer-token
 * authenticator, the built web app served at `/` — on a temporary PGlite database and a free port,
 * with the issuer at that origin so the web app's redirect URIs match.
 *
 * Staff actions (the correction notice, acceptance … 办结) are the workbench's job (issue 8) and
 * staff sign-in needs a TOTP second factor; the journeys here test the applicant, so a staff
 * member's actions are taken by calling the case service in this process — the same function the
 * `POST /cases/{id}/actions/{action}` route calls, with a staff principal — instead of driving
 * staff sign-in through the browser.
 */
export async function startPlatform(
  options: {
    clock?: () => Date;
    /**
     * Attempts of an outbox message before it is dead. Jobs are off, so the relay delivers only when
     * a journey drains it (`app.outbox.drainOnce()`); a few attempts make a dead letter in seconds.
     */
    outboxMaxAttempts?: number;
  } = {},
): Promise<Platform> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'yiwang-e2e-'));
  const config = loadConfig(
    { NODE_ENV: 'test' },
    {
      dataDir,
      port,
      host: '127.0.0.1',
      oidcIssuer: `${origin}/oidc`,
      seedDemoData: true,
      jobsEnabled: false,
      webDistDir: resolve('apps/web/dist'),
      rateLimitMax: 100_000,
      ...(options.outboxMaxAttempts ? { outboxMaxAttempts: options.outboxMaxAttempts } : {}),
    },
  );
  // A fixed case clock keeps a journey's deadlines inside the years the calendar knows.
  const app = await buildApp(config, options.clock ? { clock: options.clock } : {});
  await app.listen({ port, host: '127.0.0.1' });

  const staff: Principal = {
    id: 'e2e-staff',
    kind: 'staff',
    name: 'e2e 工作人员',
    permissions: new Set(['cases.window', 'cases.review', 'cases.approve', 'cases.produce']),
  };
  const staffAct = async (caseId: string, action: string, input: Record<string, unknown> = {}) => {
    const engine = await app.caseEngine();
    await withTransaction(app.database.db, (tx) =>
      cases.act(tx, systemContext('e2e'), engine, staff, caseId, action as CaseAction, input),
    );
  };
  const completeCase = async (caseId: string) => {
    const steps: [string, Record<string, unknown>][] = [
      ['accept', {}],
      ['review', { opinion: 'approve', comment: '材料齐全，符合条件' }],
      ['approve', { content: '准予个体工商户设立登记', legalBasis: '《促进个体工商户发展条例》' }],
      ['produce', { licenceNumber: 'E2E-2026-0001' }],
      ['deliver', { method: 'mail', trackingNumber: 'SF1234567890' }],
      ['complete', {}],
    ];
    for (const [action, input] of steps) {
      if (action === 'review') {
        // As many review steps as the item's process has (none for a 即办件 decided at the window).
        for (let step = 0; step < 5; step += 1) {
          try {
            await staffAct(caseId, action, input);
          } catch {
            break;
          }
        }
        continue;
      }
      try {
        await staffAct(caseId, action, input);
      } catch (error) {
        throw new Error(`staff action ${action} failed: ${String(error)}`);
      }
    }
  };
  const applyAtWindow: Platform['applyAtWindow'] = async (input) => {
    const engine = await app.caseEngine();
    const row = await withTransaction(app.database.db, (tx) =>
      cases.apply(tx, systemContext('e2e'), engine, staff, { ...input, channel: 'window' }),
    );
    return row.id;
  };
  return {
    app,
    origin,
    staffAct,
    completeCase,
    applyAtWindow,
    close: async () => {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
