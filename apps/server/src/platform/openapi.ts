import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type AccessPolicy, declarePublicRoutes, describeAccess } from './access.js';
import { ErrorBody } from './errors.js';

/**
 * The OpenAPI 3.1 document, generated from the routes' TypeBox schemas: served as JSON at
 * `/api/openapi.json` and as a browsable reference at `/api/docs`. Each operation carries its
 * access policy as `x-access`.
 */
export const openApi = fp(
  async (app: FastifyInstance) => {
    app.addSchema(ErrorBody);
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Yiwang 一网通办 API',
          description:
            'Integrated online government service platform. Errors share one body: `{ code, message, details, requestId }`.',
          version: '0.1.0',
        },
        servers: [{ url: '/' }],
        components: {
          securitySchemes: {
            bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          },
        },
      },
      transform: ({ schema, url, route }) => {
        const access = route.config?.access as AccessPolicy | undefined;
        const transformed: Record<string, unknown> = { ...schema };
        if (access) {
          transformed['x-access'] = describeAccess(access);
          if (access !== 'public') transformed.security = [{ bearer: [] }];
        }
        return { schema: transformed as typeof schema, url };
      },
    });

    app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
      app.swagger(),
    );

    await app.register(async (docs) => {
      declarePublicRoutes(docs);
      await docs.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
    });
  },
  { name: 'openapi' },
);
