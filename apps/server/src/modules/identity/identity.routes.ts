import type { FastifyInstance } from 'fastify';
import { systemContext } from '../../platform/audit.js';
import { withTransaction } from '../../platform/database.js';
import { identityAccountRoutes } from './identity.accounts.routes.js';
import { authorityRoutes } from './identity.authority.routes.js';
import { ensureWebClient } from './identity.clients.js';
import { clientRoutes } from './identity.clients.routes.js';
import { registerOidcProvider } from './identity.oidc.js';
import type { PopulationBase } from './identity.ports.js';
import { sessionRoutes } from './identity.sessions.js';

/**
 * 统一身份认证: accounts, sign-in, the OIDC provider for every department system, roles and scopes.
 * Each part registers its own routes here.
 */
export async function identityModule(
  app: FastifyInstance,
  options: { secret: string; population: PopulationBase },
): Promise<void> {
  await app.register(authorityRoutes, { prefix: '/api/v1' });
  await app.register(identityAccountRoutes, { prefix: '/api/v1', population: options.population });
  // The master secret the field cipher is made from: the provider's cookie keys derive from it.
  const oidc = await registerOidcProvider(app, { secret: options.secret });
  // The platform's own web app signs people in through the same provider, served from the issuer's origin.
  const origins = [new URL(app.config.oidcIssuer).origin, ...app.config.corsOrigins];
  await withTransaction(app.database.db, (tx) => ensureWebClient(tx, systemContext('identity'), origins));
  await app.register(clientRoutes, { prefix: '/api/v1' });
  await app.register(sessionRoutes, { prefix: '/api/v1', holder: oidc });
}
