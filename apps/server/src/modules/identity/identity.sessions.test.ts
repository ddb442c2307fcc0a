import { citizenIdCheckChar } from '@yiwang/codes';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../platform/audit.js';
import { withTransaction } from '../../platform/database.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { createPersonAccount } from './identity.accounts.js';
import { WEB_CLIENT_ID } from './identity.clients.js';
import { sessionTtlSeconds } from './identity.oidc.js';
import { Browser, formAction, freePort } from './identity.test-support.js';

const PASSWORD = 'Xh!2026-guide';
const citizen = `33010619850315002${citizenIdCheckChar('33010619850315002')}`;

describe('sign-in session limits', () => {
  it('a session lives the idle limit from its last use, never past the absolute limit from the login', () => {
    const limits = { idleSeconds: 30 * 60, absoluteSeconds: 12 * 3600 };
    const login = 1_800_000_000;
    expect(sessionTtlSeconds(undefined, login, limits)).toBe(1800);
    expect(sessionTtlSeconds(login, login + 60, limits)).toBe(1800);
    // Ten minutes before the absolute limit, a use extends it by ten minutes only.
    expect(sessionTtlSeconds(login, login + 12 * 3600 - 600, limits)).toBe(600);
    expect(sessionTtlSeconds(login, login + 13 * 3600, limits)).toBe(1);
  });

  describe('through the provider', () => {
    let t: TestApp;
    let origin: string;
    let config: client.Configuration;

    beforeAll(async () => {
      const port = await freePort();
      origin = `http://127.0.0.1:${port}`;
      t = await createTestApp({
        config: { port, host: '127.0.0.1', oidcIssuer: `${origin}/oidc`, sessionIdleMinutes: 30 },
      });
      await t.app.listen({ port, host: '127.0.0.1' });
      await withTransaction(t.database.db, (tx) =>
        createPersonAccount(tx, { cipher: t.app.fieldCipher, now: () => new Date() }, systemContext('test'), {
          name: '林晓',
          citizenId: citizen,
          mobile: '13957100001',
          password: PASSWORD,
        }),
      );
      config = await client.discovery(new URL(`${origin}/oidc`), WEB_CLIENT_ID, undefined, client.None(), {
        execute: [client.allowInsecureRequests],
      });
    });
    afterAll(() => t.close());

    const authorize = async (browser: Browser) => {
      const verifier = client.randomPKCECodeVerifier();
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: `${origin}/auth/callback`,
        scope: 'openid profile',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state: client.randomState(),
      });
      return browser.go(url.href);
    };

    it('a session left idle past its limit asks for the password again', async () => {
      const browser = new Browser([`${origin}/auth/callback`]);
      const loginPage = await authorize(browser);
      const signedIn = await browser.go(new URL(formAction(loginPage.html, 'password'), origin).href, {
        login: citizen,
        password: PASSWORD,
      });
      expect(signedIn.url.startsWith(`${origin}/auth/callback`)).toBe(true);
      // Single sign-on while the session lives: straight back with a code.
      expect((await authorize(browser)).url.startsWith(`${origin}/auth/callback`)).toBe(true);
      const { rows } = await t.database.executeSql(
        "select expires_at from identity_oidc_payloads where kind = 'Session'",
      );
      const expires = new Date(rows[0]?.expires_at as string).getTime();
      // The stored expiry is the idle limit (30 minutes) from the last use.
      expect(Math.abs(expires - Date.now() - 30 * 60_000)).toBeLessThan(60_000);
      // Thirty idle minutes later (the stored expiry reached): the login page again.
      await t.database.executeSql(
        "update identity_oidc_payloads set expires_at = now() - interval '1 second' where kind = 'Session'",
      );
      const again = await authorize(browser);
      expect(again.url.startsWith(`${origin}/auth/callback`)).toBe(false);
      expect(again.html).toContain('<h1>登录</h1>');
    });
  });
});
