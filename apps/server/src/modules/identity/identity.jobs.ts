import type { FastifyInstance } from 'fastify';
import type { JobDefinition } from '../../platform/jobs.js';
import { pruneOidcPayloads } from './identity.oidc-adapter.js';

/** The identity module's scheduled jobs. */
export function identityJobs(app: FastifyInstance): JobDefinition[] {
  return [
    {
      // Expired sessions, codes, tokens and interactions only take space (lookups ignore them already).
      name: 'identity.oidc-prune',
      cron: '45 3 * * *',
      retryLimit: 1,
      handler: async () => {
        const pruned = await pruneOidcPayloads(app.database.db);
        app.log.info({ pruned }, 'expired OIDC records pruned');
      },
    },
  ];
}
