/**
 * Sign-in through the platform's unified login (统一身份认证, OpenID Connect): the hall is a
 * relying party like any department system — the first-party public client `yiwang-web`, with the
 * authorization code flow and PKCE (S256), no client secret. The access token is an ES256 JWT for
 * the API (`resource=urn:yiwang:api`); it lives 10 minutes and the client has no refresh tokens, so
 * when it expires the app goes back through the login, which answers at once while the login
 * session lasts.
 */
import * as oauth from 'oauth4webapi';
import { getSession, type SessionClaims, setSession } from './session';

export const CLIENT_ID = 'yiwang-web';
const SCOPE = 'openid profile phone identity api';
const API_RESOURCE = 'urn:yiwang:api';
const PENDING_KEY = 'yiwang.login';

/** The issuer is the app's own origin (the server mounts the provider at /oidc). */
function issuer(): URL {
  return new URL('/oidc', window.location.origin);
}

function redirectUri(): string {
  return new URL('/auth/callback', window.location.origin).href;
}

/** Plain http is allowed only where the browser itself is (localhost, an intranet test setup). */
function insecureOption(): { [oauth.allowInsecureRequests]?: boolean } {
  return window.location.protocol === 'http:' ? { [oauth.allowInsecureRequests]: true } : {};
}

const client: oauth.Client = { client_id: CLIENT_ID, id_token_signed_response_alg: 'ES256' };

let discovered: Promise<oauth.AuthorizationServer> | undefined;

function authorizationServer(): Promise<oauth.AuthorizationServer> {
  discovered ??= (async () => {
    const url = issuer();
    const response = await oauth.discoveryRequest(url, { algorithm: 'oidc', ...insecureOption() });
    return oauth.processDiscoveryResponse(url, response);
  })();
  discovered.catch(() => {
    discovered = undefined;
  });
  return discovered;
}

interface PendingLogin {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
}

/** Go to the login pages; back at `returnTo` once signed in. */
export async function startLogin(returnTo: string): Promise<void> {
  const as = await authorizationServer();
  if (!as.authorization_endpoint) throw new Error('the provider has no authorization endpoint');
  const pending: PendingLogin = {
    state: oauth.generateRandomState(),
    nonce: oauth.generateRandomNonce(),
    verifier: oauth.generateRandomCodeVerifier(),
    returnTo: returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/',
  };
  window.sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set('client_id', CLIENT_ID);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', SCOPE);
  url.searchParams.set('resource', API_RESOURCE);
  url.searchParams.set('state', pending.state);
  url.searchParams.set('nonce', pending.nonce);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(pending.verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('ui_locales', document.documentElement.lang || 'zh-CN');
  window.location.assign(url.href);
}

/** Back from the login pages: exchange the code for tokens; answers where to go next. */
export async function completeLogin(callbackUrl: URL): Promise<string> {
  const text = window.sessionStorage.getItem(PENDING_KEY);
  if (!text) throw new LoginError('登录请求已过期或已完成，请重新登录。');
  window.sessionStorage.removeItem(PENDING_KEY);
  const pending = JSON.parse(text) as PendingLogin;
  const as = await authorizationServer();
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(as, client, callbackUrl, pending.state);
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError) {
      throw new LoginError(
        error.error === 'access_denied'
          ? '您已取消登录。'
          : `登录未完成：${error.error_description ?? error.error}`,
      );
    }
    throw error;
  }
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    oauth.None(),
    params,
    redirectUri(),
    pending.verifier,
    insecureOption(),
  );
  const result = await oauth.processAuthorizationCodeResponse(as, client, response, {
    expectedNonce: pending.nonce,
    requireIdToken: true,
  });
  const claims = oauth.getValidatedIdTokenClaims(result) as unknown as SessionClaims;
  setSession({
    accessToken: result.access_token,
    idToken: result.id_token as string,
    expiresAt: Date.now() + (result.expires_in ?? 600) * 1000,
    claims,
  });
  return pending.returnTo;
}

/** Sign out here and at the provider (RP-initiated logout), back to the home page. */
export async function logout(): Promise<void> {
  const session = getSession();
  setSession(null);
  const as = await authorizationServer().catch(() => undefined);
  if (!as?.end_session_endpoint || !session) {
    window.location.assign('/');
    return;
  }
  const url = new URL(as.end_session_endpoint);
  url.searchParams.set('client_id', CLIENT_ID);
  url.searchParams.set('id_token_hint', session.idToken);
  url.searchParams.set('post_logout_redirect_uri', new URL('/', window.location.origin).href);
  window.location.assign(url.href);
}

/** A login that could not be completed, with a message for people. */
export class LoginError extends Error {
  override readonly name = 'LoginError';
}
