import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../../apps/server/src/app.js';
import { loadConfig } from '../../apps/server/src/config.js';

/** The repository root, so paths in the app's config resolve the same from any working directory. */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** A server listening on loopback, and how to stop it. */
export interface RunningServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  close(): Promise<void>;
}

function urlOf(server: FastifyInstance): string {
  const address = server.server.address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

/**
 * The bare baseline: plain Fastify, no plugins, one route with a fixed JSON body. Whatever the app
 * costs beyond this — hooks, plugins, validation, serialisation, the database — shows as its ratio.
 */
export async function startBareServer(): Promise<RunningServer> {
  const server = Fastify({ logger: false });
  server.get('/', async () => ({ hello: 'world' }));
  await server.listen({ host: '127.0.0.1', port: 0 });
  return { url: urlOf(server), close: () => server.close() };
}

/**
 * A bare baseline that does the same I/O as a cached app route: plain Fastify, no plugins, one
 * route answering each of `payloads` (path → JSON text) from a Map. A guide is about 8 KB, and
 * writing and reading 8 KB costs the machine far more than `{"hello":"world"}` does, so only this
 * baseline shows what the app itself adds to a cached read.
 */
export async function startBarePayloadServer(
  route: string,
  payloads: ReadonlyMap<string, string>,
): Promise<RunningServer> {
  const server = Fastify({ logger: false });
  server.get(route, async (request, reply) => {
    const payload = payloads.get(request.url);
    if (payload === undefined) return reply.status(404).send({ code: 'NOT_FOUND' });
    return reply.type('application/json; charset=utf-8').send(payload);
  });
  await server.listen({ host: '127.0.0.1', port: 0 });
  return { url: urlOf(server), close: () => server.close() };
}

/**
 * The whole Yiwang app on the PostgreSQL database `databaseUrl`: migrated, the demo organisation
 * seeded, no background jobs, and a rate limit too high to trip under load.
 */
export async function startApp(databaseUrl: string): Promise<RunningServer & { app: FastifyInstance }> {
  const config = loadConfig(
    { NODE_ENV: 'test' },
    {
      databaseUrl,
      logLevel: 'warn',
      jobsEnabled: false,
      seedDemoData: true,
      rateLimitMax: 1_000_000,
    },
    repoRoot,
  );
  const app = await buildApp(config);
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
  } catch (error) {
    await app.close();
    throw error;
  }
  return { app, url: urlOf(app), close: () => app.close() };
}
