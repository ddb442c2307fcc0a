import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { contextOf, type Principal } from '../../platform/access.js';
import { withTransaction } from '../../platform/database.js';
import { errorResponses as errors, unauthorized } from '../../platform/errors.js';
import * as service from './identity.authority.js';
import { identityErrors } from './identity.errors.js';
import { ROLES } from './identity.roles.js';

const Uuid = Type.String({ format: 'uuid' });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const manageRoles = { permission: 'identity.roles.manage' };

const Scope = Type.Object(
  {
    regionCode: Type.Optional(Type.String()),
    departmentIds: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: false },
);

const Me = Type.Object(
  {
    id: Type.String(),
    kind: Type.String({ description: 'person 自然人 / enterprise 法人 / staff 工作人员' }),
    name: Type.String(),
    assurance: Type.Optional(Type.String({ description: 'self_declared / population / in_person' })),
    permissions: Type.Array(Type.String(), {
      description: 'What the caller may do: the web shows only these',
    }),
    scope: Type.Optional(Scope),
    agent: Type.Optional(
      Type.Object(
        { id: Type.String(), name: Type.String(), itemCodes: Type.Array(Type.String()) },
        { additionalProperties: false, description: '经办人: the person acting for the enterprise' },
      ),
    ),
  },
  { additionalProperties: false },
);

const RoleGrant = Type.Object(
  {
    id: Type.String(),
    role: Type.String(),
    roleName: Type.String(),
    departmentId: Type.Union([Type.String(), Type.Null()]),
    includeSubUnits: Type.Boolean(),
    regionCode: Type.Union([Type.String(), Type.Null()]),
    grantedBy: Type.String(),
    createdAt: Type.String(),
  },
  { additionalProperties: false },
);

const AgentGrant = Type.Object(
  {
    id: Type.String(),
    personName: Type.String(),
    personIdentifierMasked: Type.Union([Type.String(), Type.Null()]),
    itemCodes: Type.Array(Type.String()),
    validFrom: Type.String(),
    validUntil: Type.String(),
    revokedAt: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
  },
  { additionalProperties: false },
);

const ActingOption = Type.Object(
  {
    enterpriseId: Type.String(),
    name: Type.String(),
    creditCodeMasked: Type.String(),
    itemCodes: Type.Array(Type.String()),
    validUntil: Type.String(),
  },
  { additionalProperties: false },
);

function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}

/** The enterprise itself (its own login), not an agent acting for it, manages its agents. */
function enterpriseOf(request: FastifyRequest): Principal {
  const principal = principalOf(request);
  if (principal.kind !== 'enterprise' || principal.agent) throw identityErrors.notAnEnterprise();
  return principal;
}

/** Who am I and what may I do; roles and scopes of staff; 经办人 grants of enterprises. */
export async function authorityRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['identity 统一身份认证'];
  const db = () => app.database.db;

  app.get(
    '/me',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The caller: who they are, their assurance level, permissions and scope',
        response: { 200: Me, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return {
        id: principal.id,
        kind: principal.kind,
        name: principal.name,
        ...(principal.assurance ? { assurance: principal.assurance } : {}),
        permissions: [...principal.permissions].sort(),
        ...(principal.scope
          ? {
              scope: {
                ...(principal.scope.regionCode ? { regionCode: principal.scope.regionCode } : {}),
                ...(principal.scope.departmentIds
                  ? { departmentIds: [...principal.scope.departmentIds] }
                  : {}),
              },
            }
          : {}),
        ...(principal.agent
          ? { agent: { ...principal.agent, itemCodes: [...principal.agent.itemCodes] } }
          : {}),
      };
    },
  );

  app.get(
    '/identity/roles',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The staff roles and the permissions each carries',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                role: Type.String(),
                name: Type.String(),
                permissions: Type.Array(Type.String()),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async () => ({
      items: service.roleCatalogue().map((entry) => ({ ...entry, permissions: [...entry.permissions] })),
    }),
  );

  app.get(
    '/identity/accounts/:id/roles',
    {
      config: { access: manageRoles },
      schema: {
        tags,
        summary: "A staff member's roles in force",
        params: Type.Object({ id: Uuid }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(RoleGrant) }), ...errors },
      },
    },
    async (request) => ({ items: await service.listRoleGrants(db(), request.params.id) }),
  );

  app.post(
    '/identity/accounts/:id/roles',
    {
      config: { access: manageRoles },
      schema: {
        tags,
        summary:
          'Grant a staff member a role over a department (with sub-units), a region subtree, or everywhere',
        params: Type.Object({ id: Uuid }, { additionalProperties: false }),
        body: Type.Object(
          {
            role: Type.Union(ROLES.map((role) => Type.Literal(role))),
            departmentId: Type.Optional(Uuid),
            includeSubUnits: Type.Optional(Type.Boolean()),
            regionCode: Type.Optional(Type.String({ pattern: '^([0-9]{6}|[0-9]{12})$' })),
          },
          { additionalProperties: false },
        ),
        response: { 201: RoleGrant, ...errors },
      },
    },
    async (request, reply) => {
      const grant = await withTransaction(db(), (tx) =>
        service.grantRole(tx, contextOf(request), request.params.id, request.body),
      );
      return reply.status(201).send(grant);
    },
  );

  app.delete(
    '/identity/role-grants/:grantId',
    {
      config: { access: manageRoles },
      schema: {
        tags,
        summary: 'Take back a role grant',
        params: Type.Object({ grantId: Uuid }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await withTransaction(db(), (tx) =>
        service.revokeRole(tx, contextOf(request), request.params.grantId, new Date()),
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me/agents',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: "An enterprise's 经办人 authorizations",
        response: { 200: Type.Object({ items: Type.Array(AgentGrant) }), ...errors },
      },
    },
    async (request) => ({ items: await service.listAgentGrants(db(), enterpriseOf(request).id) }),
  );

  app.post(
    '/me/agents',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Authorize a registered person to act for the enterprise (经办人) within items and dates',
        body: Type.Object(
          {
            citizenId: Type.String({ minLength: 15, maxLength: 18 }),
            itemCodes: Type.Optional(
              Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 200 }),
            ),
            validFrom: IsoDate,
            validUntil: IsoDate,
          },
          { additionalProperties: false },
        ),
        response: { 201: AgentGrant, ...errors },
      },
    },
    async (request, reply) => {
      const enterprise = enterpriseOf(request);
      const grant = await withTransaction(db(), (tx) =>
        service.grantAgent(tx, contextOf(request), app.fieldCipher, enterprise.id, request.body),
      );
      return reply.status(201).send(grant);
    },
  );

  app.delete(
    '/me/agents/:grantId',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Withdraw an agent authorization',
        params: Type.Object({ grantId: Uuid }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const enterprise = enterpriseOf(request);
      await withTransaction(db(), (tx) =>
        service.revokeAgent(tx, contextOf(request), enterprise.id, request.params.grantId, new Date()),
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me/enterprises',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The enterprises the signed-in person may act for today (选择办事身份)',
        response: { 200: Type.Object({ items: Type.Array(ActingOption) }), ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const personId = principal.agent?.id ?? (principal.kind === 'person' ? principal.id : undefined);
      return { items: personId ? await service.actingOptions(db(), personId) : [] };
    },
  );
}
