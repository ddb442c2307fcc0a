import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import { clients } from '../../db/schema/identity.js';
import { type RequestContext, recordAudit } from '../../platform/audit.js';
import type { Db, Tx } from '../../platform/database.js';
import { AppError, notFound, unprocessable } from '../../platform/errors.js';
import { getDepartment } from '../org/org.service.js';

/** The scopes a relying party may be allowed (统一身份认证 claims per scope, and the platform API). */
export const CLIENT_SCOPES = [
  'openid',
  'profile',
  'phone',
  'identity',
  'staff',
  'offline_access',
  'api',
] as const;

export type ClientRow = typeof clients.$inferSelect;
export type ClientAuthMethod = ClientRow['authMethod'];
/** How a department system authenticates; `none` (a public client) is for the platform's own web app only. */
export type RegisteredAuthMethod = Exclude<ClientAuthMethod, 'none'>;

/** A relying party as the API shows it: never its secret, nor the secret's hash. */
export interface RelyingParty {
  clientId: string;
  name: string;
  /** Null only for the platform's own web app. */
  departmentId: string | null;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  scopes: string[];
  backchannelLogoutUri: string | null;
  authMethod: ClientAuthMethod;
  jwks: { keys: Record<string, unknown>[] } | null;
  idTokenAlg: 'ES256' | 'RS256';
  firstParty: boolean;
  status: 'active' | 'disabled';
  createdAt: string;
  updatedAt: string;
}

export interface ClientInput {
  name: string;
  departmentId: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  scopes: string[];
  backchannelLogoutUri?: string | null;
  authMethod: RegisteredAuthMethod;
  jwks?: { keys: Record<string, unknown>[] } | null;
  idTokenAlg?: 'ES256' | 'RS256';
  firstParty?: boolean;
}

export type ClientPatch = Partial<Omit<ClientInput, 'authMethod'>> & {
  authMethod?: RegisteredAuthMethod;
};

/** Error codes of relying-party registration (接入系统管理). */
export const clientErrors = {
  notFound: () => notFound('IDENTITY_CLIENT_NOT_FOUND', '接入系统不存在', { field: 'params.clientId' }),
  invalid: (message: string, field: string) => unprocessable('IDENTITY_CLIENT_INVALID', message, { field }),
  outOfScope: () =>
    new AppError('IDENTITY_CLIENT_OUT_OF_SCOPE', 403, '只能管理本部门的接入系统', {
      field: 'body.departmentId',
    }),
  noSecret: () =>
    unprocessable('IDENTITY_CLIENT_NO_SECRET', '该接入系统使用私钥认证（private_key_jwt），没有客户端密钥'),
} as const;

/** SHA-256 of a client secret, as stored: the clear secret is shown once and never kept. */
export function hashClientSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Whether `presented` is the secret whose hash is `storedHash` (constant time). */
export function clientSecretMatches(storedHash: string, presented: string): boolean {
  const expected = Buffer.from(storedHash, 'hex');
  const actual = Buffer.from(hashClientSecret(presented), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function isLoopback(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
}

/** Absolute https URLs (http only on the loopback, for development), without a fragment. */
function checkUris(uris: readonly string[], field: string): void {
  uris.forEach((uri, index) => {
    const url = URL.parse(uri);
    const at = `${field}[${index}]`;
    if (!url || url.hash || !(url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url))))
      throw clientErrors.invalid('地址须为 https 绝对地址（本机开发可用 http），且不含 #片段', at);
  });
}

function checkJwks(jwks: ClientInput['jwks'], field: string): void {
  if (!jwks || !Array.isArray(jwks.keys) || jwks.keys.length === 0)
    throw clientErrors.invalid('私钥认证（private_key_jwt）须提供公钥集 jwks', field);
  jwks.keys.forEach((key, index) => {
    if (key.kty !== 'EC' && key.kty !== 'RSA' && key.kty !== 'OKP')
      throw clientErrors.invalid('公钥类型须为 EC、RSA 或 OKP', `${field}.keys[${index}].kty`);
    if ('d' in key) throw clientErrors.invalid('只能提交公钥，不得包含私钥', `${field}.keys[${index}]`);
  });
}

function checkInput(input: ClientInput): void {
  checkUris(input.redirectUris, 'body.redirectUris');
  checkUris(input.postLogoutRedirectUris ?? [], 'body.postLogoutRedirectUris');
  if (input.backchannelLogoutUri) checkUris([input.backchannelLogoutUri], 'body.backchannelLogoutUri');
  if (!input.scopes.includes('openid')) throw clientErrors.invalid('允许的范围须包含 openid', 'body.scopes');
  input.scopes.forEach((scope, index) => {
    if (!(CLIENT_SCOPES as readonly string[]).includes(scope))
      throw clientErrors.invalid(`不支持的范围 ${scope}`, `body.scopes[${index}]`);
  });
  if (input.authMethod === 'private_key_jwt') checkJwks(input.jwks, 'body.jwks');
}

/** Staff whose permission covers some departments only manage those departments' systems. */
function checkDepartmentScope(context: RequestContext, departmentId: string): void {
  const departments = context.scope?.departmentIds;
  if (departments && !departments.includes(departmentId)) throw clientErrors.outOfScope();
}

export function toRelyingParty(row: ClientRow): RelyingParty {
  return {
    clientId: row.clientId,
    name: row.name,
    departmentId: row.departmentId,
    redirectUris: row.redirectUris,
    postLogoutRedirectUris: row.postLogoutRedirectUris,
    scopes: row.scopes,
    backchannelLogoutUri: row.backchannelLogoutUri,
    authMethod: row.authMethod,
    jwks: row.jwks ?? null,
    idTokenAlg: row.idTokenAlg,
    firstParty: row.firstParty,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the audit digests: the registration without anything secret. */
const audited = (row: ClientRow) => ({ ...toRelyingParty(row), secretHash: undefined });

const newSecret = () => randomBytes(32).toString('base64url');

export async function findClientRow(db: Db | Tx, clientId: string): Promise<ClientRow | undefined> {
  const [row] = await db.select().from(clients).where(eq(clients.clientId, clientId)).limit(1);
  return row;
}

/** A department system's registration, which administrators manage through the API. */
type RegisteredClientRow = ClientRow & { departmentId: string; authMethod: RegisteredAuthMethod };

/** The platform's own web app is configured at start (ensureWebClient), not through the API. */
function isRegistered(row: ClientRow): row is RegisteredClientRow {
  return row.departmentId !== null && row.authMethod !== 'none';
}

async function getClientRow(
  db: Db | Tx,
  context: RequestContext,
  clientId: string,
): Promise<RegisteredClientRow> {
  const row = await findClientRow(db, clientId);
  if (!row || !isRegistered(row)) throw clientErrors.notFound();
  const departments = context.scope?.departmentIds;
  if (departments && !departments.includes(row.departmentId)) throw clientErrors.notFound();
  return row;
}

/** One relying party; throws when missing or outside the caller's departments. */
export async function getClient(db: Db, context: RequestContext, clientId: string): Promise<RelyingParty> {
  return toRelyingParty(await getClientRow(db, context, clientId));
}

/** The relying parties the caller manages (their departments' when scoped), by name. */
export async function listClients(db: Db, context: RequestContext): Promise<RelyingParty[]> {
  const departments = context.scope?.departmentIds;
  const where: SQL | undefined = departments ? inArray(clients.departmentId, [...departments]) : undefined;
  const rows = await db.select().from(clients).where(where).orderBy(asc(clients.name), asc(clients.clientId));
  return rows.map(toRelyingParty);
}

/**
 * 注册接入系统: a department system becomes a relying party. With client_secret_basic the secret is
 * returned here once and stored only as its SHA-256 hash.
 */
export async function createClient(
  tx: Tx,
  context: RequestContext,
  input: ClientInput,
): Promise<{ client: RelyingParty; clientSecret?: string }> {
  checkInput(input);
  checkDepartmentScope(context, input.departmentId);
  await getDepartment(tx, input.departmentId, 'body.departmentId');
  const clientSecret = input.authMethod === 'client_secret_basic' ? newSecret() : undefined;
  const [row] = await tx
    .insert(clients)
    .values({
      clientId: `yw-${randomBytes(9).toString('base64url')}`,
      name: input.name,
      departmentId: input.departmentId,
      redirectUris: input.redirectUris,
      postLogoutRedirectUris: input.postLogoutRedirectUris ?? [],
      scopes: [...new Set(input.scopes)],
      backchannelLogoutUri: input.backchannelLogoutUri ?? null,
      authMethod: input.authMethod,
      secretHash: clientSecret ? hashClientSecret(clientSecret) : null,
      jwks: input.authMethod === 'private_key_jwt' ? (input.jwks ?? null) : null,
      idTokenAlg: input.idTokenAlg ?? 'ES256',
      firstParty: input.firstParty ?? false,
      createdBy: `${context.actor.kind}:${context.actor.id}`,
    })
    .returning();
  if (!row) throw new Error('client insert returned no row');
  await recordAudit(tx, context, {
    action: 'identity.client.create',
    entityType: 'oidc_client',
    entityId: row.clientId,
    after: audited(row),
  });
  return { client: toRelyingParty(row), ...(clientSecret ? { clientSecret } : {}) };
}

/** Change a registration. Switching to client_secret_basic issues a secret (returned once). */
export async function updateClient(
  tx: Tx,
  context: RequestContext,
  clientId: string,
  patch: ClientPatch,
): Promise<{ client: RelyingParty; clientSecret?: string }> {
  const before = await getClientRow(tx, context, clientId);
  const merged: ClientInput = {
    name: patch.name ?? before.name,
    departmentId: patch.departmentId ?? before.departmentId,
    redirectUris: patch.redirectUris ?? before.redirectUris,
    postLogoutRedirectUris: patch.postLogoutRedirectUris ?? before.postLogoutRedirectUris,
    scopes: patch.scopes ?? before.scopes,
    backchannelLogoutUri:
      patch.backchannelLogoutUri === undefined ? before.backchannelLogoutUri : patch.backchannelLogoutUri,
    authMethod: patch.authMethod ?? before.authMethod,
    jwks: patch.jwks === undefined ? (before.jwks ?? null) : patch.jwks,
    idTokenAlg: patch.idTokenAlg ?? before.idTokenAlg,
    firstParty: patch.firstParty ?? before.firstParty,
  };
  checkInput(merged);
  checkDepartmentScope(context, merged.departmentId);
  if (merged.departmentId !== before.departmentId)
    await getDepartment(tx, merged.departmentId, 'body.departmentId');
  const clientSecret =
    merged.authMethod === 'client_secret_basic' && !before.secretHash ? newSecret() : undefined;
  const [row] = await tx
    .update(clients)
    .set({
      name: merged.name,
      departmentId: merged.departmentId,
      redirectUris: merged.redirectUris,
      postLogoutRedirectUris: merged.postLogoutRedirectUris ?? [],
      scopes: [...new Set(merged.scopes)],
      backchannelLogoutUri: merged.backchannelLogoutUri ?? null,
      authMethod: merged.authMethod,
      jwks: merged.authMethod === 'private_key_jwt' ? (merged.jwks ?? null) : null,
      ...(merged.authMethod === 'private_key_jwt'
        ? { secretHash: null }
        : clientSecret
          ? { secretHash: hashClientSecret(clientSecret) }
          : {}),
      idTokenAlg: merged.idTokenAlg ?? 'ES256',
      firstParty: merged.firstParty ?? false,
      updatedAt: new Date(),
    })
    .where(eq(clients.clientId, clientId))
    .returning();
  if (!row) throw clientErrors.notFound();
  await recordAudit(tx, context, {
    action: 'identity.client.update',
    entityType: 'oidc_client',
    entityId: clientId,
    before: audited(before),
    after: audited(row),
  });
  return { client: toRelyingParty(row), ...(clientSecret ? { clientSecret } : {}) };
}

/** Disable (停用) or re-enable a relying party: a disabled one cannot sign anyone in or get tokens. */
export async function setClientStatus(
  tx: Tx,
  context: RequestContext,
  clientId: string,
  status: 'active' | 'disabled',
): Promise<RelyingParty> {
  const before = await getClientRow(tx, context, clientId);
  const [row] = await tx
    .update(clients)
    .set({ status, updatedAt: new Date() })
    .where(and(eq(clients.clientId, clientId)))
    .returning();
  if (!row) throw clientErrors.notFound();
  await recordAudit(tx, context, {
    action: status === 'disabled' ? 'identity.client.disable' : 'identity.client.enable',
    entityType: 'oidc_client',
    entityId: clientId,
    before: audited(before),
    after: audited(row),
  });
  return toRelyingParty(row);
}

/** 重置密钥: a new client secret, returned once; the old one stops working at once. */
export async function rotateClientSecret(
  tx: Tx,
  context: RequestContext,
  clientId: string,
): Promise<{ client: RelyingParty; clientSecret: string }> {
  const before = await getClientRow(tx, context, clientId);
  if (before.authMethod !== 'client_secret_basic') throw clientErrors.noSecret();
  const clientSecret = newSecret();
  const [row] = await tx
    .update(clients)
    .set({ secretHash: hashClientSecret(clientSecret), updatedAt: new Date() })
    .where(eq(clients.clientId, clientId))
    .returning();
  if (!row) throw clientErrors.notFound();
  await recordAudit(tx, context, {
    action: 'identity.client.rotate_secret',
    entityType: 'oidc_client',
    entityId: clientId,
    before: { secretHash: before.secretHash },
    after: { secretHash: row.secretHash },
  });
  return { client: toRelyingParty(row), clientSecret };
}

/**
 * The client metadata oidc-provider sees. `client_secret` carries the stored hash: the provider
 * compares hashes (see identity.oidc.ts), and no algorithm that needs the clear secret is enabled.
 */
export function clientMetadata(row: ClientRow): Record<string, unknown> {
  return {
    client_id: row.clientId,
    client_name: row.name,
    redirect_uris: row.redirectUris,
    post_logout_redirect_uris: row.postLogoutRedirectUris,
    scope: row.scopes.filter((scope) => scope !== 'api').join(' '),
    grant_types: row.scopes.includes('offline_access')
      ? ['authorization_code', 'refresh_token']
      : ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: row.authMethod,
    ...(row.authMethod === 'client_secret_basic' ? { client_secret: row.secretHash } : {}),
    ...(row.authMethod === 'private_key_jwt'
      ? { jwks: row.jwks, token_endpoint_auth_signing_alg: 'ES256' }
      : {}),
    id_token_signed_response_alg: row.idTokenAlg,
    ...(row.backchannelLogoutUri
      ? { backchannel_logout_uri: row.backchannelLogoutUri, backchannel_logout_session_required: true }
      : {}),
    'urn:yiwang:first_party': row.firstParty,
    'urn:yiwang:api': row.scopes.includes('api'),
  };
}

/** The client id of the platform's own web app (service hall, workbench, console). */
export const WEB_CLIENT_ID = 'yiwang-web';

/**
 * Register (or bring up to date) the platform's own web app as a first-party public client: it runs
 * in the browser, so it has no secret and is bound by PKCE; it skips the consent page; its redirect
 * URIs are `/auth/callback` on each origin it is served from. Audited when anything changes.
 */
export async function ensureWebClient(
  tx: Tx,
  context: RequestContext,
  origins: readonly string[],
): Promise<void> {
  const unique = [...new Set(origins.map((origin) => origin.replace(/\/+$/, '')))];
  const wanted = {
    name: '一网通办（网上办事大厅、审批工作台、管理后台）',
    departmentId: null,
    redirectUris: unique.map((origin) => `${origin}/auth/callback`),
    postLogoutRedirectUris: unique.map((origin) => `${origin}/`),
    scopes: ['openid', 'profile', 'phone', 'identity', 'staff', 'api'],
    backchannelLogoutUri: null,
    authMethod: 'none' as const,
    secretHash: null,
    jwks: null,
    firstParty: true,
    status: 'active' as const,
  };
  const before = await findClientRow(tx, WEB_CLIENT_ID);
  if (
    before &&
    before.redirectUris.join(' ') === wanted.redirectUris.join(' ') &&
    before.postLogoutRedirectUris.join(' ') === wanted.postLogoutRedirectUris.join(' ') &&
    before.scopes.join(' ') === wanted.scopes.join(' ') &&
    before.status === 'active'
  )
    return;
  const [row] = await tx
    .insert(clients)
    .values({ clientId: WEB_CLIENT_ID, createdBy: `${context.actor.kind}:${context.actor.id}`, ...wanted })
    .onConflictDoUpdate({ target: clients.clientId, set: { ...wanted, updatedAt: new Date() } })
    .returning();
  if (!row) throw new Error('web client upsert returned no row');
  await recordAudit(tx, context, {
    action: before ? 'identity.client.update' : 'identity.client.create',
    entityType: 'client',
    entityId: WEB_CLIENT_ID,
    before: before ? toRelyingParty(before) : null,
    after: toRelyingParty(row),
  });
}
