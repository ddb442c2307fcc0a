import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { contextOf } from '../../platform/access.js';
import { withTransaction } from '../../platform/database.js';
import { errorResponses } from '../../platform/errors.js';
import * as service from './identity.clients.js';

const manage = { permission: 'identity.clients.manage' };
const Uri = Type.String({ minLength: 8, maxLength: 2000 });
const Jwks = Type.Object(
  { keys: Type.Array(Type.Object({}, { additionalProperties: true }), { minItems: 1, maxItems: 10 }) },
  { additionalProperties: false },
);
const Scope = Type.Union(service.CLIENT_SCOPES.map((scope) => Type.Literal(scope)));
const AuthMethod = Type.Union([Type.Literal('client_secret_basic'), Type.Literal('private_key_jwt')]);
const IdTokenAlg = Type.Union([Type.Literal('ES256'), Type.Literal('RS256')]);

const ClientSchema = Type.Object(
  {
    clientId: Type.String(),
    name: Type.String(),
    departmentId: Type.Union([Type.String(), Type.Null()]),
    redirectUris: Type.Array(Type.String()),
    postLogoutRedirectUris: Type.Array(Type.String()),
    scopes: Type.Array(Type.String()),
    backchannelLogoutUri: Type.Union([Type.String(), Type.Null()]),
    authMethod: Type.Union([AuthMethod, Type.Literal('none')]),
    jwks: Type.Union([Jwks, Type.Null()]),
    idTokenAlg: IdTokenAlg,
    firstParty: Type.Boolean(),
    status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  },
  { additionalProperties: false },
);

/** The registration and, right after creating or rotating, the secret (shown this once). */
const WithSecret = Type.Object(
  {
    client: ClientSchema,
    clientSecret: Type.Optional(
      Type.String({ description: 'Shown once: store it now; only its hash is kept' }),
    ),
  },
  { additionalProperties: false },
);

const fields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  departmentId: Type.String({ format: 'uuid' }),
  redirectUris: Type.Array(Uri, { minItems: 1, maxItems: 20 }),
  postLogoutRedirectUris: Type.Array(Uri, { maxItems: 20 }),
  scopes: Type.Array(Scope, { minItems: 1, maxItems: 10 }),
  backchannelLogoutUri: Type.Union([Uri, Type.Null()]),
  authMethod: AuthMethod,
  jwks: Type.Union([Jwks, Type.Null()]),
  idTokenAlg: IdTokenAlg,
  firstParty: Type.Boolean(),
};

const CreateBody = Type.Object(
  {
    name: fields.name,
    departmentId: fields.departmentId,
    redirectUris: fields.redirectUris,
    postLogoutRedirectUris: Type.Optional(fields.postLogoutRedirectUris),
    scopes: fields.scopes,
    backchannelLogoutUri: Type.Optional(fields.backchannelLogoutUri),
    authMethod: fields.authMethod,
    jwks: Type.Optional(fields.jwks),
    idTokenAlg: Type.Optional(fields.idTokenAlg),
    firstParty: Type.Optional(fields.firstParty),
  },
  { additionalProperties: false },
);

const PatchBody = Type.Partial(Type.Object(fields), { additionalProperties: false, minProperties: 1 });
const Params = Type.Object(
  { clientId: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);

/** 接入系统管理: department systems registered as relying parties of the unified login. */
export async function clientRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['identity 统一身份认证'];
  const db = () => app.database.db;

  app.get(
    '/identity/clients',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Registered relying parties (department systems)',
        response: { 200: Type.Object({ items: Type.Array(ClientSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await service.listClients(db(), contextOf(request)) }),
  );

  app.get(
    '/identity/clients/:clientId',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'One relying party',
        params: Params,
        response: { 200: ClientSchema, ...errorResponses },
      },
    },
    async (request) => service.getClient(db(), contextOf(request), request.params.clientId),
  );

  app.post(
    '/identity/clients',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Register a department system; the client secret is returned this once',
        body: CreateBody,
        response: { 201: WithSecret, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await withTransaction(db(), (tx) =>
        service.createClient(tx, contextOf(request), request.body as service.ClientInput),
      );
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/identity/clients/:clientId',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Change a registration (a secret is issued, once, when switching to client_secret_basic)',
        params: Params,
        body: PatchBody,
        response: { 200: WithSecret, ...errorResponses },
      },
    },
    async (request) =>
      withTransaction(db(), (tx) =>
        service.updateClient(
          tx,
          contextOf(request),
          request.params.clientId,
          request.body as service.ClientPatch,
        ),
      ),
  );

  for (const [action, status] of [
    ['disable', 'disabled'],
    ['enable', 'active'],
  ] as const) {
    app.post(
      `/identity/clients/:clientId/${action}`,
      {
        config: { access: manage },
        schema: {
          tags,
          summary: status === 'disabled' ? 'Disable a relying party (停用)' : 'Enable it again',
          params: Params,
          response: { 200: ClientSchema, ...errorResponses },
        },
      },
      async (request) =>
        withTransaction(db(), (tx) =>
          service.setClientStatus(tx, contextOf(request), request.params.clientId, status),
        ),
    );
  }

  app.post(
    '/identity/clients/:clientId/rotate-secret',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Issue a new client secret (returned once; the old one stops working)',
        params: Params,
        response: { 200: WithSecret, ...errorResponses },
      },
    },
    async (request) =>
      withTransaction(db(), (tx) =>
        service.rotateClientSecret(tx, contextOf(request), request.params.clientId),
      ),
  );
}
