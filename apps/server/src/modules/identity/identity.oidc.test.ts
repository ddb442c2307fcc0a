import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { citizenIdCheckChar, makeCreditCode } from '@yiwang/codes';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RequestContext, systemContext } from '../../platform/audit.js';
import { withTransaction } from '../../platform/database.js';
import { createTestApp, departmentsByKey, principalHeader, type TestApp } from '../../test/harness.js';
import { seedDemoOrganisation } from '../org/org.seed.js';
import {
  createEnterpriseAccount,
  createPersonAccount,
  createStaffAccount,
  type IdentityDeps,
} from './identity.accounts.js';
import { grantAgent } from './identity.authority.js';
import { rotateSigningKey } from './identity.keys.js';
import { Browser, formAction, freePort } from './identity.test-support.js';

const citizenId = (first17: string) => first17 + citizenIdCheckChar(first17);
const PASSWORD = 'Xh!2026-guide';
const admin = principalHeader({ id: 'rp-admin', permissions: ['identity.clients.manage'] });

/** A department system's own server: its callback address and where back-channel logout arrives. */
interface RelyingPartyServer {
  server: Server;
  base: string;
  logoutTokens: string[];
}

async function startRelyingPartyServer(): Promise<RelyingPartyServer> {
  const logoutTokens: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      if (request.method === 'POST' && request.url === '/backchannel-logout') {
        const token = new URLSearchParams(body).get('logout_token');
        if (token) logoutTokens.push(token);
        response.writeHead(200).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'text/plain' }).end('rp');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}`, logoutTokens };
}

describe('统一身份认证: the OIDC provider with real relying parties', () => {
  let t: TestApp;
  let issuer: string;
  let origin: string;
  let deps: IdentityDeps;
  const context: RequestContext = systemContext('oidc-test');
  const ids: Record<string, string> = {};
  const rps: RelyingPartyServer[] = [];
  const registered: { clientId: string; clientSecret: string; config: client.Configuration }[] = [];

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    issuer = `${origin}/oidc`;
    t = await createTestApp({ config: { port, host: '127.0.0.1', oidcIssuer: issuer } });
    await t.app.listen({ port, host: '127.0.0.1' });
    await seedDemoOrganisation(t.database.db);
    deps = { cipher: t.app.fieldCipher, now: () => new Date() };
    const department = (await departmentsByKey(t.app))['hz-scjg'];
    if (!department) throw new Error('seed lacks hz-scjg');
    const enterpriseCode = makeCreditCode({
      registrationAuthority: '9',
      category: '1',
      regionCode: '330106',
      orgCodeBody: 'MA2H7K9Q',
    });
    await withTransaction(t.database.db, async (tx) => {
      ids.person = (
        await createPersonAccount(tx, deps, context, {
          name: '张市民',
          citizenId: citizenId('33010619850101123'),
          password: PASSWORD,
        })
      ).id;
      ids.agent = (
        await createPersonAccount(tx, deps, context, {
          name: '李经办',
          citizenId: citizenId('33010619900307123'),
          password: PASSWORD,
        })
      ).id;
      ids.staff = (
        await createStaffAccount(tx, deps, context, {
          name: '王审查',
          username: 'wang.review',
          departmentId: department.id,
          regionCode: '330100',
          password: PASSWORD,
        })
      ).id;
      ids.enterprise = (
        await createEnterpriseAccount(tx, deps, context, {
          name: '杭州西湖味道餐饮有限公司',
          creditCode: enterpriseCode,
          legalRepresentative: '陈法人',
          password: PASSWORD,
        })
      ).id;
      await grantAgent(tx, context, deps.cipher, ids.enterprise as string, {
        citizenId: citizenId('33010619900307123'),
        validFrom: '2020-01-01',
        validUntil: '2099-12-31',
      });
    });

    for (const name of ['市场监管业务系统', '税务业务系统']) {
      const rp = await startRelyingPartyServer();
      rps.push(rp);
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/identity/clients',
        headers: admin,
        payload: {
          name,
          departmentId: department.id,
          redirectUris: [`${rp.base}/callback`],
          postLogoutRedirectUris: [`${rp.base}/signed-out`],
          scopes: ['openid', 'profile', 'identity', 'staff', 'offline_access', 'api'],
          backchannelLogoutUri: `${rp.base}/backchannel-logout`,
          authMethod: 'client_secret_basic',
        },
      });
      expect(response.statusCode).toBe(201);
      const { client: created, clientSecret } = response.json();
      const config = await client.discovery(
        new URL(issuer),
        created.clientId,
        undefined,
        client.ClientSecretBasic(clientSecret),
        { execute: [client.allowInsecureRequests] },
      );
      registered.push({ clientId: created.clientId, clientSecret, config });
    }
  });

  afterAll(async () => {
    for (const rp of rps) rp.server.close();
    await t?.close();
  });

  const rpOf = (index: number) => {
    const rp = rps[index];
    const entry = registered[index];
    if (!rp || !entry) throw new Error('relying party missing');
    return { rp, ...entry };
  };

  /** Start an authorization request as relying party `index`; returns what completing it needs. */
  async function authorizationRequest(index: number, extra: Record<string, string> = {}) {
    const { rp, config } = rpOf(index);
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: `${rp.base}/callback`,
      scope: 'openid profile identity offline_access',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      ...extra,
    });
    return { url: url.href, verifier, state };
  }

  async function exchange(index: number, callback: string, request: { verifier: string; state: string }) {
    const { config } = rpOf(index);
    return client.authorizationCodeGrant(config, new URL(callback), {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
    });
  }

  const browsers = () => new Browser(rps.map((rp) => rp.base));

  /** Log in with a password on our login page. */
  async function passwordLogin(browser: Browser, loginPage: { url: string; html: string }, login: string) {
    expect(loginPage.html).toContain('<h1>登录</h1>');
    return browser.go(new URL(formAction(loginPage.html, 'password'), origin).href, {
      login,
      password: PASSWORD,
    });
  }

  async function consent(browser: Browser, page: { html: string }) {
    expect(page.html).toContain('授权确认');
    return browser.go(new URL(formAction(page.html, 'consent'), origin).href, { decision: 'allow' });
  }

  it('refuses the client registration routes to callers without identity.clients.manage', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/identity/clients' })).statusCode).toBe(401);
    const other = principalHeader({ permissions: ['identity.roles.manage'] });
    for (const [method, url] of [
      ['GET', '/api/v1/identity/clients'],
      ['POST', '/api/v1/identity/clients'],
      ['POST', `/api/v1/identity/clients/${rpOf(0).clientId}/rotate-secret`],
      ['POST', `/api/v1/identity/clients/${rpOf(0).clientId}/disable`],
      ['PATCH', `/api/v1/identity/clients/${rpOf(0).clientId}`],
    ] as const) {
      const response = await t.app.inject({ method, url, headers: other, payload: {} });
      expect(response.statusCode, `${method} ${url}`).toBe(403);
    }
    const listed = await t.app.inject({ method: 'GET', url: '/api/v1/identity/clients', headers: admin });
    // The two department systems, and the platform's own web app (a first-party public client).
    expect(
      listed
        .json()
        .items.map((item: { clientId: string }) => item.clientId)
        .sort(),
    ).toEqual([...registered.map((entry) => entry.clientId), 'yiwang-web'].sort());
    expect(JSON.stringify(listed.json())).not.toContain(rpOf(0).clientSecret);
  });

  it('stores the client secret only as its SHA-256 hash, and refuses a wrong secret', async () => {
    const { clientId, clientSecret } = rpOf(0);
    const { rows } = await t.database.executeSql('select * from identity_clients where client_id = $1', [
      clientId,
    ]);
    const row = rows[0] as Record<string, unknown>;
    expect(row.secret_hash).toBe(createHash('sha256').update(clientSecret).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(clientSecret);
    const wrong = await fetch(`${issuer}/token/introspection`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:wrong-secret`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'token=anything',
    });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: string }).error).toBe('invalid_client');
    const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    // `none` is accepted only from the first-party web app (the registration API cannot create one).
    expect(discovery.token_endpoint_auth_methods_supported).toEqual([
      'client_secret_basic',
      'private_key_jwt',
      'none',
    ]);
    expect(discovery.code_challenge_methods_supported).toEqual(['S256']);
  });

  it('requires PKCE: an authorization request without code_challenge is refused', async () => {
    const { rp, config } = rpOf(0);
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: `${rp.base}/callback`,
      scope: 'openid',
      state: 'no-pkce',
    });
    const result = await browsers().go(url.href);
    const location = new URL(result.url);
    expect(location.origin).toBe(rp.base);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/PKCE/);
  });

  let firstIdToken = '';

  it('一次认证、全网通办: one login, the second system signs in without a password, one logout ends both', async () => {
    const browser = browsers();
    // First department system: login page → password → consent → code (offline_access needs prompt=consent).
    const first = await authorizationRequest(0, { prompt: 'consent' });
    const loginPage = await browser.go(first.url);
    expect(loginPage.status).toBe(200);
    expect(loginPage.html).toContain('市场监管业务系统');
    const consentPage = await passwordLogin(browser, loginPage, citizenId('33010619850101123'));
    const callback = await consent(browser, consentPage);
    expect(callback.url.startsWith(`${rpOf(0).rp.base}/callback`)).toBe(true);
    const tokensA = await exchange(0, callback.url, first);
    const claimsA = tokensA.claims();
    expect(claimsA).toMatchObject({
      sub: ids.person,
      name: '张市民',
      account_kind: 'person',
      id_number: citizenId('33010619850101123'),
      acr: 'urn:yiwang:loa:1',
      amr: ['pwd'],
    });
    expect(claimsA?.act_for).toBeUndefined();
    firstIdToken = tokensA.id_token as string;

    // Refresh tokens work and rotate; introspection and revocation.
    const refreshToken = tokensA.refresh_token as string;
    expect(refreshToken).toBeTruthy();
    const refreshed = await client.refreshTokenGrant(rpOf(0).config, refreshToken);
    expect(refreshed.refresh_token).toBeTruthy();
    expect(refreshed.refresh_token).not.toBe(refreshToken);
    const introspected = await client.tokenIntrospection(rpOf(0).config, refreshed.refresh_token as string);
    expect(introspected).toMatchObject({ active: true, sub: ids.person, client_id: rpOf(0).clientId });
    // Another system may not introspect this system's tokens.
    expect((await client.tokenIntrospection(rpOf(1).config, refreshed.refresh_token as string)).active).toBe(
      false,
    );
    await client.tokenRevocation(rpOf(0).config, refreshed.refresh_token as string);
    expect((await client.tokenIntrospection(rpOf(0).config, refreshed.refresh_token as string)).active).toBe(
      false,
    );
    // A rotated-out refresh token is refused.
    await expect(client.refreshTokenGrant(rpOf(0).config, refreshToken)).rejects.toMatchObject({
      error: 'invalid_grant',
    });

    // Second department system: no password again, only its consent page.
    const second = await authorizationRequest(1);
    const secondPage = await browser.go(second.url);
    expect(secondPage.html).not.toContain('<h1>登录</h1>');
    const callbackB = await consent(browser, secondPage);
    const tokensB = await exchange(1, callbackB.url, second);
    const claimsB = tokensB.claims();
    expect(claimsB?.sub).toBe(ids.person);
    expect(claimsB?.sid).toBeTruthy();
    // A second request of the same system goes straight through to the code.
    const again = await authorizationRequest(1);
    const straight = await browser.go(again.url);
    expect(straight.url.startsWith(`${rpOf(1).rp.base}/callback?code=`)).toBe(true);

    // My sessions lists the one session with both systems.
    const me = principalHeader({ id: ids.person, kind: 'person' });
    const sessions = (await t.app.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: me })).json()
      .items;
    expect(sessions).toHaveLength(1);
    expect(sessions[0].amr).toEqual(['pwd']);
    expect(sessions[0].clients.map((c: { name: string }) => c.name).sort()).toEqual(
      ['市场监管业务系统', '税务业务系统'].sort(),
    );

    // RP-initiated logout from the first system, confirmed on our page, ends both.
    const logoutUrl = client.buildEndSessionUrl(rpOf(0).config, {
      id_token_hint: tokensA.id_token as string,
      post_logout_redirect_uri: `${rpOf(0).rp.base}/signed-out`,
    });
    const confirm = await browser.go(logoutUrl.href);
    expect(confirm.html).toContain('退出全部系统');
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.html)?.[1];
    const confirmAction = /action="([^"]+)"/.exec(confirm.html)?.[1];
    expect(xsrf && confirmAction).toBeTruthy();
    const signedOut = await browser.go(new URL(confirmAction as string, origin).href, {
      xsrf: xsrf as string,
      logout: 'yes',
    });
    expect(signedOut.url.startsWith(`${rpOf(0).rp.base}/signed-out`)).toBe(true);

    const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`));
    for (const [index, idToken] of [
      [0, claimsA],
      [1, claimsB],
    ] as const) {
      const { rp, clientId } = rpOf(index);
      expect(rp.logoutTokens, `back-channel logout to system ${index}`).toHaveLength(1);
      const { payload } = await jwtVerify(rp.logoutTokens[0] as string, jwks, { issuer, audience: clientId });
      expect(payload.events).toEqual({ 'http://schemas.openid.net/event/backchannel-logout': {} });
      expect(payload.sub).toBe(ids.person);
      expect(payload.sid).toBe(idToken?.sid);
    }
    // Signed out everywhere: a new authorization request shows the login page again.
    const after = await browser.go((await authorizationRequest(1)).url);
    expect(after.html).toContain('<h1>登录</h1>');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: me })).json().items,
    ).toEqual([]);
    const { rows } = await t.database.executeSql(
      "select action from platform_audit_log where action in ('identity.logout', 'identity.consent.granted')",
    );
    expect(rows.map((row) => row.action)).toEqual(
      expect.arrayContaining(['identity.logout', 'identity.consent.granted']),
    );
  });

  it('a staff login requires TOTP: enrolment with recovery codes, then the second factor', async () => {
    const browser = browsers();
    const request = await authorizationRequest(0, { scope: 'openid profile staff' });
    const enrolment = await passwordLogin(browser, await browser.go(request.url), 'wang.review');
    expect(enrolment.html).toContain('绑定身份验证器');
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(enrolment.html)?.[1] as string;
    expect(secret).toBeTruthy();
    const wrong = await browser.go(new URL(formAction(enrolment.html, 'totp-enrolment'), origin).href, {
      code: '000000',
    });
    expect(wrong.html).toContain('class="error"');
    const secondSecret = /id="totp-secret">([A-Z2-7]+)</.exec(wrong.html)?.[1] as string;
    const codes = await browser.go(new URL(formAction(wrong.html, 'totp-enrolment'), origin).href, {
      code: await generate({ secret: secondSecret }),
    });
    expect(codes.html).toContain('请保存恢复码');
    const recovery = [...codes.html.matchAll(/<li class="code">([^<]+)<\/li>/g)].map((match) => match[1]);
    expect(recovery).toHaveLength(10);
    const consentPage = await browser.go(new URL(formAction(codes.html, 'continue'), origin).href, {});
    const callback = await consent(browser, consentPage);
    const tokens = await exchange(0, callback.url, request);
    expect(tokens.claims()).toMatchObject({
      sub: ids.staff,
      account_kind: 'staff',
      department_id: expect.any(String),
      region_code: '330100',
    });
    expect(tokens.claims()?.amr).toEqual(expect.arrayContaining(['pwd', 'otp']));

    // The next login asks for the second factor; a recovery code answers it.
    const next = browsers();
    const secondRequest = await authorizationRequest(0, { scope: 'openid profile staff' });
    const factorPage = await passwordLogin(next, await next.go(secondRequest.url), 'wang.review');
    expect(factorPage.html).toContain('二次验证');
    const done = await next.go(new URL(formAction(factorPage.html, 'second-factor'), origin).href, {
      code: recovery[0] as string,
    });
    const page = done.url.includes('/callback') ? done : await consent(next, done);
    expect(page.url.startsWith(`${rpOf(0).rp.base}/callback?code=`)).toBe(true);
  });

  it('an agent chooses to act for an enterprise: act_for in the API access token and the ID token', async () => {
    const browser = browsers();
    const request = await authorizationRequest(1, {
      scope: 'openid profile api',
      resource: 'urn:yiwang:api',
    });
    const chooser = await passwordLogin(
      browser,
      await browser.go(request.url),
      citizenId('33010619900307123'),
    );
    expect(chooser.html).toContain('选择办事身份');
    expect(chooser.html).toContain('杭州西湖味道餐饮有限公司');
    const consentPage = await browser.go(new URL(formAction(chooser.html, 'identity'), origin).href, {
      actFor: ids.enterprise as string,
    });
    const callback = await consent(browser, consentPage);
    const tokens = await exchange(1, callback.url, request);
    expect(tokens.claims()).toMatchObject({ sub: ids.agent, act_for: ids.enterprise });
    const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`));
    const { payload, protectedHeader } = await jwtVerify(tokens.access_token, jwks, {
      issuer,
      audience: 'urn:yiwang:api',
      typ: 'at+jwt',
    });
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload).toMatchObject({ sub: ids.agent, act_for: ids.enterprise, scope: 'api' });
  });

  it('rotates signing keys: tokens of the old key still verify, new tokens carry the new kid', async () => {
    const jwksUrl = new URL(`${issuer}/jwks`);
    const oldKid = decodeProtectedHeader(firstIdToken).kid;
    const rotated = await rotateSigningKey(t.database.db, t.app.fieldCipher, new Date());
    const published = ((await (await fetch(jwksUrl)).json()) as { keys: { kid: string }[] }).keys.map(
      (key) => key.kid,
    );
    expect(published).toEqual(expect.arrayContaining([oldKid, ...rotated.kids]));
    const jwks = createRemoteJWKSet(jwksUrl);
    await expect(
      jwtVerify(firstIdToken, jwks, {
        issuer,
        audience: rpOf(0).clientId,
        currentDate: new Date(Date.now() - 1000),
      }),
    ).resolves.toBeTruthy();

    const browser = browsers();
    const request = await authorizationRequest(0);
    const consentOrCode = await passwordLogin(
      browser,
      await browser.go(request.url),
      citizenId('33010619850101123'),
    );
    const callback = consentOrCode.url.includes('/callback')
      ? consentOrCode
      : await consent(browser, consentOrCode);
    const tokens = await exchange(0, callback.url, request);
    const newKid = decodeProtectedHeader(tokens.id_token as string).kid;
    expect(newKid).not.toBe(oldKid);
    expect(rotated.kids).toContain(newKid);
    await expect(
      jwtVerify(tokens.id_token as string, jwks, { issuer, audience: rpOf(0).clientId }),
    ).resolves.toBeTruthy();
  });

  it('ends one of my sessions: back-channel logout to its systems, and the browser must log in again', async () => {
    const browser = browsers();
    const before = rpOf(0).rp.logoutTokens.length;
    const request = await authorizationRequest(0);
    const page = await passwordLogin(browser, await browser.go(request.url), citizenId('33010619850101123'));
    const callback = page.url.includes('/callback') ? page : await consent(browser, page);
    await exchange(0, callback.url, request);
    const me = principalHeader({ id: ids.person, kind: 'person' });
    const [session] = (await t.app.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: me })).json()
      .items;
    expect(session.id).toBeTruthy();
    const other = principalHeader({ id: ids.agent, kind: 'person' });
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/me/sessions/${session.id}`, headers: other }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/me/sessions/${session.id}` })).statusCode,
    ).toBe(401);
    const ended = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/sessions/${session.id}`,
      headers: me,
    });
    expect(ended.statusCode).toBe(204);
    expect(rpOf(0).rp.logoutTokens.length).toBe(before + 1);
    const again = await browser.go((await authorizationRequest(0)).url);
    expect(again.html).toContain('<h1>登录</h1>');
  });
});
