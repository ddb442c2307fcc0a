import type { FastifyRequest } from 'fastify';
import { createLocalJWKSet, type JWTPayload, errors as joseErrors, jwtVerify } from 'jose';
import type { Authenticator } from '../../platform/access.js';
import type { Db } from '../../platform/database.js';
import { AppError } from '../../platform/errors.js';
import type { FieldCipher } from '../../platform/field-crypto.js';
import { principalFor } from './identity.authority.js';
import { publicJwks } from './identity.keys.js';

/** The audience of access tokens for the platform's own API (resource indicator). */
export const API_AUDIENCE = 'urn:yiwang:api';

const tokenInvalid = () => new AppError('AUTH_TOKEN_INVALID', 401, '登录已失效，请重新登录');

/** How long the published keys are trusted before they are read again (a new kid reloads at once). */
const KEYS_TTL_MS = 60_000;

export interface AuthenticatorOptions {
  db: () => Db;
  /** Decrypts the account's own identifier into the principal. */
  cipher: FieldCipher;
  /** The OIDC issuer whose tokens are accepted. */
  issuer: string;
  now?: () => Date;
}

/**
 * The platform API's authenticator: `Authorization: Bearer <access token>` issued by our OIDC
 * provider for the API audience (JWT, signed with a published key), resolved to the account's
 * principal — or to the enterprise when the token says its agent acts for it (`act_for`). No header
 * means anonymous; a bad, expired or foreign token is refused (401 AUTH_TOKEN_INVALID) rather than
 * silently treated as anonymous.
 */
export function identityAuthenticator(options: AuthenticatorOptions): Authenticator {
  let keys: { set: ReturnType<typeof createLocalJWKSet>; loadedAt: number } | undefined;
  const keySet = async (reload: boolean) => {
    const now = Date.now();
    if (!keys || reload || now - keys.loadedAt > KEYS_TTL_MS)
      keys = { set: createLocalJWKSet(await publicJwks(options.db())), loadedAt: now };
    return keys.set;
  };

  const verify = async (token: string): Promise<JWTPayload> => {
    const verifyOptions = {
      issuer: options.issuer,
      audience: API_AUDIENCE,
      algorithms: ['ES256', 'RS256'],
      ...(options.now ? { currentDate: options.now() } : {}),
    };
    try {
      return (await jwtVerify(token, await keySet(false), verifyOptions)).payload;
    } catch (error) {
      // A key rotated in since the keys were read: read them again, once.
      if (!(error instanceof joseErrors.JWKSNoMatchingKey)) throw error;
      return (await jwtVerify(token, await keySet(true), verifyOptions)).payload;
    }
  };

  return async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    if (!header) return null;
    const match = /^Bearer\s+([\w-]+\.[\w-]+\.[\w-]+)$/i.exec(header);
    if (!match?.[1]) throw tokenInvalid();
    let payload: JWTPayload;
    try {
      payload = await verify(match[1]);
    } catch {
      throw tokenInvalid();
    }
    if (typeof payload.sub !== 'string') throw tokenInvalid();
    const actFor = typeof payload.act_for === 'string' ? payload.act_for : undefined;
    const principal = await principalFor(options.db(), options.cipher, {
      accountId: payload.sub,
      ...(actFor ? { actFor } : {}),
      ...(options.now ? { now: options.now() } : {}),
    });
    if (!principal) throw tokenInvalid();
    return principal;
  };
}
