import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { buildApp } from '../../apps/server/src/app.js';
import { type Config, loadConfig } from '../../apps/server/src/config.js';
import type { Authenticator, Principal } from '../../apps/server/src/platform/access.js';

/** The repository root, so paths in the app's config resolve the same from any working directory. */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

const PRINCIPAL_HEADER = 'x-bench-principal';

/**
 * Who a benchmark request acts as. The benchmark measures the case engine, so it names its callers
 * by a header instead of signing them in and verifying their tokens on every request.
 */
export interface BenchPrincipal {
  id: string;
  kind: Principal['kind'];
  permissions?: string[];
  scope?: Principal['scope'];
  /** An applicant's own credit code (what an online application is filed under). */
  identifier?: string;
}

/** The header that makes `headerAuthenticator` see `principal`. */
export function principalHeader(principal: BenchPrincipal): Record<string, string> {
  return { [PRINCIPAL_HEADER]: JSON.stringify(principal) };
}

/**
 * The principal named by the benchmark header, or anonymous: the same mechanism as the test
 * harness's `testAuthenticator`, which cannot be imported outside vitest (it imports `inject`).
 */
export const headerAuthenticator: Authenticator = async (request: FastifyRequest) => {
  const header = request.headers[PRINCIPAL_HEADER];
  if (typeof header !== 'string') return null;
  const parsed = JSON.parse(header) as BenchPrincipal;
  return {
    id: parsed.id,
    kind: parsed.kind,
    name: parsed.id,
    permissions: new Set(parsed.permissions ?? []),
    ...(parsed.scope ? { scope: parsed.scope } : {}),
    ...(parsed.identifier ? { identifier: parsed.identifier } : {}),
  };
};

/** Options of a case-engine app for the benchmark. */
export interface CasesAppOptions {
  databaseUrl: string;
  /** The case engine's clock: fixed, so every run counts deadlines from the same day. */
  now: Date;
  /** Seed the demo organisation and its 200-entry catalogue. */
  seedDemoData: boolean;
  /** The app's PostgreSQL pool; the app's default when undefined. */
  databasePoolSize: number | undefined;
}

/**
 * The whole Yiwang app (as `bench/lib/servers.ts` starts it: migrated, no background jobs, rate
 * limit out of reach, log level warn), with the header authenticator and a fixed clock. Listening on
 * loopback when `listen` is set; the warning-scan database only needs the app, not a port.
 */
export async function startCasesApp(
  options: CasesAppOptions,
  listen: boolean,
): Promise<{ app: FastifyInstance; url: string; config: Config; close(): Promise<void> }> {
  const config = loadConfig(
    { NODE_ENV: 'test' },
    {
      databaseUrl: options.databaseUrl,
      logLevel: 'warn',
      jobsEnabled: false,
      seedDemoData: options.seedDemoData,
      rateLimitMax: 1_000_000,
      ...(options.databasePoolSize === undefined ? {} : { databasePoolSize: options.databasePoolSize }),
    },
    repoRoot,
  );
  const now = options.now;
  const app = await buildApp(config, { authenticate: headerAuthenticator, clock: () => now });
  try {
    if (listen) await app.listen({ host: '127.0.0.1', port: 0 });
    else await app.ready();
  } catch (error) {
    await app.close();
    throw error;
  }
  const address = app.server.address() as AddressInfo | null;
  return {
    app,
    url: address ? `http://127.0.0.1:${address.port}` : '',
    config,
    close: () => app.close(),
  };
}
