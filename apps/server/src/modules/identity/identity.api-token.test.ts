import { citizenIdCheckChar, makeCreditCode } from '@yiwang/codes';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../platform/audit.js';
import { withTransaction } from '../../platform/database.js';
import { createTestApp, departmentsByKey, type TestApp } from '../../test/harness.js';
import { seedDemoOrganisation } from '../org/org.seed.js';
import {
  createEnterpriseAccount,
  createPersonAccount,
  createStaffAccount,
  setAccountStatus,
} from './identity.accounts.js';
import { grantAgent, grantRole } from './identity.authority.js';
import { WEB_CLIENT_ID } from './identity.clients.js';
import { Browser, formAction, freePort } from './identity.test-support.js';

const citizenId = (first17: string) => first17 + citizenIdCheckChar(first17);
const PASSWORD = 'Xh!2026-guide';

/**
 * The platform's own web app signs in like any relying party (a first-party public client with
 * PKCE) and calls the API with the access token: the real authenticator, no test header.
 */
describe('the web app signs in and calls the API with its access token', () => {
  let t: TestApp;
  let origin: string;
  let issuer: string;
  let config: client.Configuration;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    issuer = `${origin}/oidc`;
    t = await createTestApp({
      config: { port, host: '127.0.0.1', oidcIssuer: issuer },
      // The production authenticator: bearer tokens of the unified login.
      dependencies: { authenticate: undefined },
    });
    await t.app.listen({ port, host: '127.0.0.1' });
    await seedDemoOrganisation(t.database.db);
    const deps = { cipher: t.app.fieldCipher, now: () => new Date() };
    const context = systemContext('api-token-test');
    const department = (await departmentsByKey(t.app))['xh-scjg'];
    if (!department) throw new Error('seed lacks xh-scjg');
    await withTransaction(t.database.db, async (tx) => {
      ids.person = (
        await createPersonAccount(tx, deps, context, {
          name: '王芳',
          citizenId: citizenId('33010619850612242'),
          password: PASSWORD,
          assurance: 'population',
        })
      ).id;
      ids.enterprise = (
        await createEnterpriseAccount(tx, deps, context, {
          name: '杭州西湖味道餐饮有限公司',
          creditCode: makeCreditCode({
            registrationAuthority: '9',
            category: '1',
            regionCode: '330106',
            orgCodeBody: 'MA2H7K9Q',
          }),
          legalRepresentative: '陈建国',
          password: PASSWORD,
        })
      ).id;
      await grantAgent(tx, context, deps.cipher, ids.enterprise as string, {
        citizenId: citizenId('33010619850612242'),
        itemCodes: ['330106000000000000001'],
        validFrom: '2020-01-01',
        validUntil: '2099-12-31',
      });
      ids.staff = (
        await createStaffAccount(tx, deps, context, {
          name: '吴建华',
          username: 'xh.reviewer',
          departmentId: department.id,
          regionCode: '330106',
          password: PASSWORD,
        })
      ).id;
      await grantRole(tx, context, ids.staff as string, { role: 'reviewer', departmentId: department.id });
    });
    config = await client.discovery(new URL(issuer), WEB_CLIENT_ID, undefined, client.None(), {
      execute: [client.allowInsecureRequests],
    });
  });
  afterAll(() => t.close());

  /** Sign in through our pages as the web app; optionally act for an enterprise; the tokens. */
  async function signIn(login: string, actFor?: string) {
    const browser = new Browser([`${origin}/auth/callback`]);
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: `${origin}/auth/callback`,
      scope: 'openid profile api',
      resource: 'urn:yiwang:api',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    const loginPage = await browser.go(url.href);
    let page = await browser.go(new URL(formAction(loginPage.html, 'password'), origin).href, {
      login,
      password: PASSWORD,
    });
    if (page.html.includes('选择办事身份'))
      page = await browser.go(new URL(formAction(page.html, 'identity'), origin).href, {
        actFor: actFor ?? 'self',
      });
    // First-party: no consent page; straight back to the app with the code.
    expect(page.url.startsWith(`${origin}/auth/callback`), page.html.slice(0, 500)).toBe(true);
    return client.authorizationCodeGrant(config, new URL(page.url), {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
  }

  const me = (token?: string) =>
    fetch(`${origin}/api/v1/me`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  it('the web app is a first-party public client: no secret, PKCE, no consent page', async () => {
    const tokens = await signIn(citizenId('33010619850612242'));
    expect(tokens.claims()?.sub).toBe(ids.person);
    const response = await me(tokens.access_token);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      id: ids.person,
      kind: 'person',
      name: '王芳',
      assurance: 'population',
      permissions: [],
    });
  });

  it('an agent acting for the enterprise calls the API as the enterprise, within the granted items', async () => {
    const tokens = await signIn(citizenId('33010619850612242'), ids.enterprise);
    const body = await (await me(tokens.access_token)).json();
    expect(body).toMatchObject({
      id: ids.enterprise,
      kind: 'enterprise',
      name: '杭州西湖味道餐饮有限公司',
      agent: { id: ids.person, name: '王芳', itemCodes: ['330106000000000000001'] },
    });
  });

  it('refuses a missing, tampered or foreign token with a clear answer', async () => {
    expect((await me()).status).toBe(401);
    expect(((await (await me()).json()) as { code: string }).code).toBe('AUTH_REQUIRED');
    const tokens = await signIn(citizenId('33010619850612242'));
    const [header, payload, signature] = tokens.access_token.split('.');
    const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString());
    const forged = [
      header,
      Buffer.from(JSON.stringify({ ...claims, sub: ids.staff })).toString('base64url'),
      signature,
    ].join('.');
    const tampered = await me(forged);
    expect(tampered.status).toBe(401);
    expect(((await tampered.json()) as { code: string }).code).toBe('AUTH_TOKEN_INVALID');
    expect((await me('not-a-token')).status).toBe(401);
    // An ID token is not an API token (wrong audience).
    expect((await me(tokens.id_token)).status).toBe(401);
    // Public routes still answer an anonymous caller.
    expect((await fetch(`${origin}/api/v1/calendar/days/2026-10-01`)).status).toBe(200);
  });

  it('a disabled account loses API access at once, whatever token it holds', async () => {
    const tokens = await signIn(citizenId('33010619850612242'));
    expect((await me(tokens.access_token)).status).toBe(200);
    const context = systemContext('api-token-test');
    const person = ids.person as string;
    await withTransaction(t.database.db, (tx) => setAccountStatus(tx, context, person, 'disabled'));
    const refused = await me(tokens.access_token);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { code: string }).code).toBe('AUTH_TOKEN_INVALID');
    await withTransaction(t.database.db, (tx) => setAccountStatus(tx, context, person, 'active'));
    expect((await me(tokens.access_token)).status).toBe(200);
  });
});
