import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { RequestContext } from './audit.js';
import { AppError, unauthorized } from './errors.js';

/**
 * Who may call a route. Every route declares one in `config.access`; start-up fails listing any
 * route that does not (deny by default).
 * - `public`: anyone, signed in or not;
 * - `authenticated`: any signed-in principal;
 * - `{ permission }`: a principal holding that named permission (e.g. `org.department.manage`).
 */
export type AccessPolicy = 'public' | 'authenticated' | { permission: string };

/** Who is calling: a citizen, an enterprise (through its agent), staff, or another system. */
export interface Principal {
  id: string;
  kind: 'person' | 'enterprise' | 'staff' | 'system';
  name: string;
  permissions: ReadonlySet<string>;
  /** Where staff permissions apply: a region subtree and/or departments. Absent: everywhere. */
  scope?: StaffScope;
  /** 身份核验等级 of the signed-in account: self-declared, checked against the population base, or in person. */
  assurance?: 'self_declared' | 'population' | 'in_person';
  /**
   * The principal's own citizen ID (person) or credit code (enterprise, also when an agent acts for
   * it), in clear, from the verified account: what an online application is filed under. Never sent
   * back in responses.
   */
  identifier?: string;
  /**
   * The blind index of `identifier` (FieldCipher.blindIndex): finds records filed under the principal's
   * ID number or credit code without the clear value (walk-in applications, 一窗受理).
   */
  identifierIndex?: string;
  /** 经办人: the person acting for an enterprise principal, and the items they may apply for (empty: all). */
  agent?: { id: string; name: string; itemCodes: readonly string[] };
}

/** The part of the administration a staff member's permissions cover. */
export interface StaffScope {
  /** A region code: the region and everything below it. */
  regionCode?: string;
  /** Departments (with their units) the staff member acts for. */
  departmentIds?: readonly string[];
}

/**
 * Whether a staff scope reaches a department (in a region given by its lineage: the region and every
 * region above it). No scope: everywhere. Every module's "in my scope?" asks this.
 */
export function scopeReaches(
  scope: StaffScope | undefined,
  departmentId: string | null,
  regionLineage: readonly string[],
): boolean {
  if (!scope) return true;
  // Something of no department is outside a scope that lists departments.
  if (scope.departmentIds && (departmentId === null || !scope.departmentIds.includes(departmentId)))
    return false;
  if (scope.regionCode && !regionLineage.includes(scope.regionCode)) return false;
  return true;
}

/** Resolves the caller of a request, or null for an anonymous caller. Supplied by identity. */
export type Authenticator = (request: FastifyRequest) => Promise<Principal | null>;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessPolicy;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** Thrown at start-up when routes lack an access policy. */
export class MissingAccessPolicyError extends Error {
  constructor(readonly routes: readonly string[]) {
    super(`Routes without an access policy (declare config.access): ${routes.join(', ')}`);
    this.name = 'MissingAccessPolicyError';
  }
}

/** Describe a policy for people (and the OpenAPI document). */
export function describeAccess(policy: AccessPolicy): string {
  if (policy === 'public') return 'public';
  if (policy === 'authenticated') return 'authenticated';
  return `permission:${policy.permission}`;
}

/** Whether a principal satisfies a policy. */
export function isAllowed(policy: AccessPolicy, principal: Principal | null): boolean {
  if (policy === 'public') return true;
  if (!principal) return false;
  if (policy === 'authenticated') return true;
  return principal.permissions.has(policy.permission);
}

/**
 * Mark every route registered in this (encapsulated) context as public. For third-party plugins
 * that register their own routes (API reference, static files) whose content is public by nature.
 */
export function declarePublicRoutes(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, access: route.config?.access ?? 'public' };
  });
}

/**
 * The access-policy plugin: resolves the principal for each request, enforces each route's
 * declared policy before its handler, and refuses to start if any route declares none.
 */
export const accessPolicy = fp<{ authenticate?: Authenticator }>(
  async (app, options) => {
    const routes: RouteOptions[] = [];
    const authenticate: Authenticator = options.authenticate ?? (async () => null);

    app.decorateRequest('principal', null);
    app.addHook('onRoute', (route) => {
      routes.push(route);
    });
    app.addHook('onReady', async () => {
      const missing = routes
        .filter((route) => !route.config?.access)
        .map((route) => `${String(route.method)} ${route.url}`);
      if (missing.length > 0) throw new MissingAccessPolicyError([...new Set(missing)]);
    });

    app.addHook('onRequest', async (request) => {
      const policy = request.routeOptions.config.access;
      // Unmatched requests (404) carry no policy; the not-found handler answers them.
      if (!policy) return;
      request.principal = await authenticate(request);
      if (isAllowed(policy, request.principal)) return;
      if (!request.principal) throw unauthorized();
      throw new AppError('ACCESS_DENIED', 403, '没有执行此操作的权限', {
        details: { required: describeAccess(policy) },
      });
    });
  },
  { name: 'access-policy' },
);

/** The service context of a request: who acts, and the request id for the audit trail. */
export function contextOf(request: FastifyRequest): RequestContext {
  const principal = request.principal;
  return {
    actor: principal ? { kind: principal.kind, id: principal.id } : { kind: 'anonymous', id: request.ip },
    requestId: String(request.id),
    ...(principal?.scope ? { scope: principal.scope } : {}),
  };
}
