/**
 * The signed-in user's tokens: kept in memory and in sessionStorage (so a reload or the return
 * from the login pages keeps the session, but closing the tab ends it; never localStorage, which
 * any later visitor of a shared computer could read).
 */
import { useSyncExternalStore } from 'react';

/** What the ID token tells the app about the user (claims of `openid profile phone identity`). */
export interface SessionClaims {
  sub: string;
  name?: string;
  /** person 自然人 / enterprise 法人 / staff 工作人员 */
  account_kind?: string;
  assurance_level?: string;
  /** 公民身份号码 (a person) */
  id_number?: string;
  /** 统一社会信用代码 (an enterprise signing in itself) */
  credit_code?: string;
  legal_representative?: string;
  phone_number?: string;
  /** 经办人: the enterprise the person acts for */
  act_for?: string;
}

export interface Session {
  accessToken: string;
  idToken: string;
  /** Epoch milliseconds after which the access token is no longer accepted. */
  expiresAt: number;
  claims: SessionClaims;
}

const STORAGE_KEY = 'yiwang.session';
const listeners = new Set<() => void>();
let current: Session | null = load();

function load(): Session | null {
  try {
    const text = window.sessionStorage.getItem(STORAGE_KEY);
    return text ? (JSON.parse(text) as Session) : null;
  } catch {
    return null;
  }
}

/** The current session, or null when signed out. */
export function getSession(): Session | null {
  return current;
}

/** A token the server will still accept for a moment (30 s of margin for the request itself). */
export function validAccessToken(): string | null {
  return current && current.expiresAt - 30_000 > Date.now() ? current.accessToken : null;
}

export function setSession(session: Session | null): void {
  current = session;
  try {
    if (session) window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    else window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage disabled: the session lives in memory only, until the page is reloaded.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The session, re-rendering when it changes. */
export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, getSession, () => null);
}
