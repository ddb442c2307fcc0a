import { hkdfSync } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import Provider, { type Configuration, errors, type KoaContextWithOIDC } from 'oidc-provider';
import type { Config } from '../../config.js';
import { type RequestContext, recordAudit } from '../../platform/audit.js';
import { type Db, withTransaction } from '../../platform/database.js';
import type { FieldCipher } from '../../platform/field-crypto.js';
import { accountClaims } from './identity.accounts.js';
import { API_AUDIENCE } from './identity.authenticator.js';
import { clientSecretMatches } from './identity.clients.js';
import { interactionRoutes } from './identity.interactions.js';
import { ensureSigningKeys, providerJwks, signingKeyEvents, signingKeysVersion } from './identity.keys.js';
import { oidcAdapterFactory } from './identity.oidc-adapter.js';
import { errorPage, logoutPage, logoutSuccessPage } from './identity.views.js';

/** Claims released per scope (统一身份认证的信息项). `act_for`: the enterprise a person acts for as its agent. */
export const SCOPE_CLAIMS = {
  openid: ['sub', 'act_for', 'acr', 'amr', 'auth_time'],
  profile: ['name', 'account_kind', 'assurance_level'],
  phone: ['phone_number'],
  identity: ['id_number', 'credit_code', 'legal_representative'],
  staff: ['department_id', 'region_code'],
} as const;

/** Assurance levels as OIDC `acr` values. */
export const ACR_VALUES = ['urn:yiwang:loa:1', 'urn:yiwang:loa:2', 'urn:yiwang:loa:3'];

/** Lifetimes, in seconds. ID tokens live longest of what is signed (see MAX_SIGNED_TOKEN_SECONDS). */
const TTL = {
  AccessToken: 10 * 60,
  AuthorizationCode: 60,
  IdToken: 60 * 60,
  RefreshToken: 7 * 24 * 60 * 60,
  Interaction: 30 * 60,
  Grant: 7 * 24 * 60 * 60,
} as const;

/** How often a process checks the database for a rotated key (another process may have rotated). */
const KEY_CHECK_MS = 60_000;

/** A person's choice of acting identity (选择办事身份), kept on the session and on each grant. */
interface ActingState {
  actFor?: string;
}

export interface OidcOptions {
  db: Db;
  cipher: FieldCipher;
  config: Config;
  /** The master secret: the cookie keys are derived from it. */
  secret: string;
  now: () => Date;
  logger: FastifyBaseLogger;
}

/** Path part of the issuer URL ('/oidc'), where the provider is mounted. */
export function issuerPath(issuer: string): string {
  const path = new URL(issuer).pathname.replace(/\/$/, '');
  return path;
}

function contextOfOidc(ctx: KoaContextWithOIDC | undefined, accountId: string | undefined): RequestContext {
  return {
    actor: accountId ? { kind: 'person', id: accountId } : { kind: 'anonymous', id: ctx?.ip ?? 'unknown' },
    requestId: null,
  };
}

/** Add `actFor` to what oidc-provider keeps of a model (its payloads are picked by IN_PAYLOAD). */
function keepActingIdentity(model: { IN_PAYLOAD: string[] }): void {
  const fields = model.IN_PAYLOAD;
  Object.defineProperty(model, 'IN_PAYLOAD', { configurable: true, get: () => [...fields, 'actFor'] });
}

/**
 * The OpenID Connect provider of the unified login (一次认证、全网通办): authorization code flow with
 * PKCE (S256) for every client, rotating refresh tokens, RP-initiated and back-channel logout,
 * introspection and revocation, JWT access tokens for the platform API, our own zh-CN pages.
 */
/**
 * How long a sign-in session lives from now, each time it is used: the idle limit, but never beyond
 * the absolute limit counted from the login (at least a second, so the provider can still end it).
 */
export function sessionTtlSeconds(
  loginTs: number | undefined,
  nowSeconds: number,
  limits: { idleSeconds: number; absoluteSeconds: number },
): number {
  if (!loginTs) return limits.idleSeconds;
  const left = loginTs + limits.absoluteSeconds - nowSeconds;
  return Math.max(1, Math.min(limits.idleSeconds, left));
}

export async function createOidcProvider(options: OidcOptions): Promise<Provider> {
  const { db, cipher, config, now } = options;
  const deps = { cipher, now };
  const path = issuerPath(config.oidcIssuer);
  const cookieKey = Buffer.from(
    hkdfSync('sha256', options.secret, 'yiwang-oidc', 'cookie-keys', 32),
  ).toString('base64url');
  const idleSeconds = config.sessionIdleMinutes * 60;
  const absoluteSeconds = config.sessionAbsoluteHours * 3600;

  const configuration: Configuration = {
    adapter: oidcAdapterFactory(db, now),
    clients: [],
    jwks: (await providerJwks(db, cipher, now())) as Configuration['jwks'],
    claims: { ...SCOPE_CLAIMS, sid: null } as unknown as Configuration['claims'],
    scopes: ['openid', 'offline_access', 'profile', 'phone', 'identity', 'staff'],
    acrValues: ACR_VALUES,
    // Scope claims in ID tokens too: department systems read them without calling userinfo.
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    pkce: { required: () => true },
    // `none` only for the platform's own browser app (a first-party public client, PKCE-bound).
    clientAuthMethods: ['client_secret_basic', 'private_key_jwt', 'none'],
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      id_token_signed_response_alg: 'ES256',
      token_endpoint_auth_method: 'client_secret_basic',
    },
    // No HS* anywhere: they would need the clear client secret, which is never stored.
    enabledJWA: {
      clientAuthSigningAlgValues: ['ES256', 'RS256', 'PS256', 'EdDSA'],
      requestObjectSigningAlgValues: ['ES256', 'RS256', 'PS256', 'EdDSA'],
      idTokenSigningAlgValues: ['ES256', 'RS256'],
      userinfoSigningAlgValues: ['ES256', 'RS256'],
      introspectionSigningAlgValues: ['ES256', 'RS256'],
      authorizationSigningAlgValues: ['ES256', 'RS256'],
    },
    extraClientMetadata: { properties: ['urn:yiwang:first_party', 'urn:yiwang:api'] },
    cookies: {
      names: { session: 'yw_session', interaction: 'yw_interaction', resume: 'yw_resume' },
      keys: [cookieKey],
      long: { httpOnly: true, sameSite: 'lax', signed: true },
      short: { httpOnly: true, sameSite: 'lax', signed: true },
    },
    ttl: {
      ...TTL,
      // Idle timeout, never beyond the absolute limit from the login.
      Session: (_ctx, session) =>
        sessionTtlSeconds((session as { loginTs?: number }).loginTs, Math.floor(now().getTime() / 1000), {
          idleSeconds,
          absoluteSeconds,
        }),
    },
    expiresWithSession: async (_ctx, token) => !token.scopes.has('offline_access'),
    rotateRefreshToken: true,
    // The provider calls out only to addresses an administrator registered (back-channel logout; no
    // jwks_uri, sector or metadata documents): department systems on the government intranet have
    // private addresses, which oidc-provider's SSRF guard would refuse.
    fetch: (url, init) => {
      const { dispatcher: _guard, ...rest } = init as RequestInit & { dispatcher?: unknown };
      return fetch(url, rest);
    },
    features: {
      devInteractions: { enabled: false },
      backchannelLogout: { enabled: true },
      introspection: {
        enabled: true,
        // A system may introspect only its own tokens.
        allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
      },
      revocation: {
        enabled: true,
        allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
      },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.type = 'html';
          ctx.body = logoutPage(form, ctx.oidc.client?.clientName);
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = 'html';
          ctx.body = logoutSuccessPage(ctx.oidc.client?.clientName);
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: async (_ctx, _client, oneOf) => oneOf ?? undefined,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, resource, client) => {
          if (resource !== API_AUDIENCE || client['urn:yiwang:api'] !== true)
            throw new errors.InvalidTarget('该系统未获准访问平台接口');
          return {
            scope: 'api',
            audience: API_AUDIENCE,
            accessTokenTTL: TTL.AccessToken,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'ES256' } },
          };
        },
      },
    },
    interactions: { url: async (_ctx, interaction) => `${path}/interaction/${interaction.uid}` },
    findAccount: async (ctx, sub, token) => {
      const claims = await accountClaims(db, deps, sub);
      if (!claims) return undefined;
      const { acr: _acr, ...rest } = claims;
      return {
        accountId: sub,
        claims: async () => {
          const actFor = await actingIdentityOf(ctx, token);
          return { ...rest, ...(actFor ? { act_for: actFor } : {}) };
        },
      };
    },
    loadExistingGrant: async (ctx) => {
      const { oidc } = ctx;
      if (!oidc.session) return undefined;
      const session = oidc.session as unknown as ActingState & NonNullable<typeof oidc.session>;
      // A login just finished: the acting identity chosen with it replaces the session's.
      const result = oidc.result as ({ login?: unknown } & ActingState) | undefined;
      if (result?.login) session.actFor = result.actFor;
      const grantId =
        (oidc.result?.consent as { grantId?: string } | undefined)?.grantId ??
        session.grantIdFor(oidc.client?.clientId ?? '');
      let grant = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
      const client = oidc.client;
      if (!grant && client?.['urn:yiwang:first_party'] === true && session.accountId) {
        // The platform's own applications need no consent page.
        grant = new oidc.provider.Grant({ accountId: session.accountId, clientId: client.clientId });
        grant.addOIDCScope(client.scope ?? 'openid');
        if (client['urn:yiwang:api'] === true) grant.addResourceScope(API_AUDIENCE, 'api');
      }
      if (grant) {
        const acting = grant as unknown as ActingState;
        if (acting.actFor !== session.actFor || !grant.jti) {
          acting.actFor = session.actFor;
          await grant.save();
        }
      }
      return grant;
    },
    extraTokenClaims: async (ctx, token) => {
      const actFor = await actingIdentityOf(ctx, token as { grantId?: string });
      return actFor ? { act_for: actFor } : undefined;
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(out.error, out.error_description);
    },
  };

  const provider = new Provider(config.oidcIssuer, configuration);
  keepActingIdentity(provider.Session as unknown as { IN_PAYLOAD: string[] });
  keepActingIdentity(provider.Grant as unknown as { IN_PAYLOAD: string[] });
  // The stored "secret" of a client is the SHA-256 of the real one: compare hashes.
  provider.Client.prototype.compareClientSecret = function compareHashed(
    this: { clientSecret?: string },
    actual,
  ) {
    return Promise.resolve(!!this.clientSecret && clientSecretMatches(this.clientSecret, actual));
  } as typeof provider.Client.prototype.compareClientSecret;
  provider.proxy = config.trustProxy;

  // The acting identity of the grant a token (or code) belongs to.
  async function actingIdentityOf(
    ctx: KoaContextWithOIDC | undefined,
    token: { grantId?: string } | undefined,
  ): Promise<string | undefined> {
    const known = ctx?.oidc?.entities.Grant as (ActingState & { jti?: string }) | undefined;
    if (known && (!token?.grantId || known.jti === token.grantId)) return known.actFor;
    if (!token?.grantId) return (ctx?.oidc?.session as ActingState | undefined)?.actFor;
    const grant = (await provider.Grant.find(token.grantId)) as (ActingState & object) | undefined;
    return grant?.actFor;
  }

  // Logout and consent outcomes are audited before the response leaves.
  provider.use(async (koa, next) => {
    await next();
    const ctx = koa as KoaContextWithOIDC;
    if (ctx.oidc?.route === 'end_session_confirm' && ctx.status === 303) {
      const accountId = ctx.oidc.session?.accountId;
      if (accountId) {
        await withTransaction(db, (tx) =>
          recordAudit(tx, contextOfOidc(ctx, accountId), {
            action: 'identity.logout',
            entityType: 'account',
            entityId: accountId,
            after: { clients: Object.keys(ctx.oidc.session?.authorizations ?? {}) },
          }),
        );
      }
    }
  });
  provider.on('backchannel.error', (_ctx, error, client) => {
    options.logger.warn({ err: error, clientId: client.clientId }, 'back-channel logout not delivered');
  });
  provider.on('server_error', (_ctx, error) => {
    options.logger.error({ err: error }, 'oidc provider error');
  });
  // Koa prints errors unless someone listens.
  (provider as unknown as EventEmitter).on('error', (error: unknown) =>
    options.logger.error({ err: error }, 'oidc provider error'),
  );
  return provider;
}

/**
 * The provider in use, rebuilt when the signing keys change: at once after a rotation in this
 * process, within a minute after one elsewhere (`npm run identity:rotate-key`). Everything a
 * provider keeps lives in the database, so a rebuilt one carries on every session and token.
 */
export class OidcProviderHolder {
  private provider: Promise<Provider> | undefined;
  private version = '';
  private checkedAt = 0;
  private stale = false;
  private readonly markStale = () => {
    this.stale = true;
  };

  constructor(private readonly options: OidcOptions) {
    signingKeyEvents.on('rotated', this.markStale);
  }

  async current(): Promise<Provider> {
    const nowMs = Date.now();
    if (this.provider && !this.stale && nowMs - this.checkedAt < KEY_CHECK_MS) return this.provider;
    this.checkedAt = nowMs;
    this.stale = false;
    const version = await signingKeysVersion(this.options.db, this.options.now());
    if (!this.provider || version !== this.version) {
      this.version = version;
      this.provider = createOidcProvider(this.options);
    }
    return this.provider;
  }

  close(): void {
    signingKeyEvents.off('rotated', this.markStale);
  }
}

/**
 * Mount the provider under the issuer's path. oidc-provider is a Koa application: each request is
 * handed over raw (the body unread, so the provider parses it), with the platform's security
 * headers already set. Our own login, consent and identity pages answer the interaction URLs.
 */
export async function registerOidcProvider(
  app: FastifyInstance,
  options: { secret: string },
): Promise<OidcProviderHolder> {
  await ensureSigningKeys(app.database.db, app.fieldCipher, new Date());
  const holder = new OidcProviderHolder({
    db: app.database.db,
    cipher: app.fieldCipher,
    config: app.config,
    secret: options.secret,
    now: () => new Date(),
    logger: app.log,
  });
  app.addHook('onClose', async () => holder.close());
  const path = issuerPath(app.config.oidcIssuer);

  await app.register(async (mount) => {
    mount.removeAllContentTypeParsers();
    mount.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
    const handler = async (request: { raw: IncomingMessage }, reply: import('fastify').FastifyReply) => {
      const provider = await holder.current();
      const raw = request.raw as IncomingMessage & { originalUrl?: string };
      reply.hijack();
      for (const [name, value] of Object.entries(reply.getHeaders()))
        if (value !== undefined) reply.raw.setHeader(name, value as string);
      raw.originalUrl = raw.url;
      raw.url = raw.url?.slice(path.length) || '/';
      if (!raw.url.startsWith('/')) raw.url = `/${raw.url}`;
      await provider.callback()(raw, reply.raw);
    };
    mount.all(path, { config: { access: 'public' }, schema: { hide: true } }, handler);
    mount.all(`${path}/*`, { config: { access: 'public' }, schema: { hide: true } }, handler);
  });
  await app.register(interactionRoutes, { holder, path });
  return holder;
}
