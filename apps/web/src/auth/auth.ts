import { useQuery } from '@tanstack/react-query';
import { apiGet, connectAuth } from '../api/client';
import { startLogin } from './oidc';
import { setSession, useSession, validAccessToken } from './session';

let relogging = false;

/** The path (with query) of the page the user is on, to come back to after signing in. */
export function currentPath(): string {
  return `${window.location.pathname}${window.location.search}`;
}

/**
 * Connects the API client to the session: it sends the access token, and when the server refuses
 * it (expired, revoked, account disabled) the session ends and the user signs in again, returning
 * to the same page — at once and without a form while the login session at the provider lasts.
 */
export function installAuth(): void {
  connectAuth({
    accessToken: validAccessToken,
    onUnauthorized: () => {
      if (relogging) return;
      relogging = true;
      setSession(null);
      void startLogin(currentPath());
    },
  });
}

/** Whether a usable access token is held (an expired one counts as signed out). */
export function useSignedIn(): boolean {
  const session = useSession();
  return session !== null && validAccessToken() !== null;
}

/** `GET /api/v1/me`: who the API sees (person, enterprise — with its agent — or staff). */
export function useMe() {
  const session = useSession();
  return useQuery({
    queryKey: ['me', session?.claims.sub, session?.claims.act_for ?? null],
    queryFn: ({ signal }) => apiGet('/api/v1/me', { signal }),
    enabled: session !== null,
    staleTime: 5 * 60_000,
  });
}
