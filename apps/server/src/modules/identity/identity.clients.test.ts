import { citizenIdCheckChar } from '@yiwang/codes';
import { type CryptoKey, exportJWK, generateKeyPair } from 'jose';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../platform/audit.js';
import { withTransaction } from '../../platform/database.js';
import { createTestApp, departmentsByKey, principalHeader, type TestApp } from '../../test/harness.js';
import { seedDemoOrganisation } from '../org/org.seed.js';
import { createPersonAccount } from './identity.accounts.js';
import { Browser, formAction, freePort } from './identity.test-support.js';

const PASSWORD = 'Xh!2026-guide';
const citizen = `33010619850315002${citizenIdCheckChar('33010619850315002')}`;
const admin = principalHeader({ id: 'rp-admin', permissions: ['identity.clients.manage'] });
/** The department system's callback: the browser stops there, nothing needs to listen. */
const CALLBACK = 'https://spjy.scjg.hangzhou.gov.cn/yiwang/callback';

/** 接入系统 administration and the second way a department system authenticates: private_key_jwt. */
describe('relying parties: private_key_jwt, changes, disabling', () => {
  let t: TestApp;
  let origin: string;
  let departmentId: string;
  let clientId: string;
  let privateKey: CryptoKey;

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    t = await createTestApp({ config: { port, host: '127.0.0.1', oidcIssuer: `${origin}/oidc` } });
    await t.app.listen({ port, host: '127.0.0.1' });
    await seedDemoOrganisation(t.database.db);
    departmentId = (await departmentsByKey(t.app))['xh-scjg']?.id as string;
    await withTransaction(t.database.db, (tx) =>
      createPersonAccount(tx, { cipher: t.app.fieldCipher, now: () => new Date() }, systemContext('test'), {
        name: '林晓',
        citizenId: citizen,
        mobile: '13957100001',
        password: PASSWORD,
      }),
    );
    const keys = await generateKeyPair('ES256', { extractable: true });
    privateKey = keys.privateKey;
    const publicJwk = { ...(await exportJWK(keys.publicKey)), kid: 'spjy-2026', use: 'sig', alg: 'ES256' };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/identity/clients',
      headers: admin,
      payload: {
        name: '食品经营许可审批系统',
        departmentId,
        redirectUris: [CALLBACK],
        scopes: ['openid', 'profile'],
        authMethod: 'private_key_jwt',
        jwks: { keys: [publicJwk] },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().clientSecret).toBeUndefined();
    clientId = created.json().client.clientId;
  });
  afterAll(() => t.close());

  const discover = (key: CryptoKey) =>
    client.discovery(new URL(`${origin}/oidc`), clientId, undefined, client.PrivateKeyJwt(key), {
      execute: [client.allowInsecureRequests],
    });

  /** Sign in through our pages and consent; the callback URL with the code. */
  async function signIn(config: client.Configuration, browser: Browser) {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK,
      scope: 'openid profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    let page = await browser.go(url.href);
    if (page.html.includes('<h1>登录</h1>'))
      page = await browser.go(new URL(formAction(page.html, 'password'), origin).href, {
        login: citizen,
        password: PASSWORD,
      });
    if (page.html.includes('授权确认'))
      page = await browser.go(new URL(formAction(page.html, 'consent'), origin).href, { decision: 'allow' });
    return { callback: page.url, verifier, state, page };
  }

  it('a system authenticating with a signed client assertion gets its tokens; a foreign key is refused', async () => {
    const config = await discover(privateKey);
    const browser = new Browser([CALLBACK]);
    const { callback, verifier, state } = await signIn(config, browser);
    expect(callback.startsWith(CALLBACK)).toBe(true);
    const tokens = await client.authorizationCodeGrant(config, new URL(callback), {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    expect(tokens.claims()).toMatchObject({ name: '林晓' });

    const stranger = await generateKeyPair('ES256', { extractable: true });
    const forged = await discover(stranger.privateKey);
    const second = await signIn(forged, browser);
    await expect(
      client.authorizationCodeGrant(forged, new URL(second.callback), {
        pkceCodeVerifier: second.verifier,
        expectedState: second.state,
      }),
    ).rejects.toMatchObject({ error: 'invalid_client' });
  });

  it('administrators rename a system, cannot rotate a secret it does not have, and disable it', async () => {
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/identity/clients/${clientId}`,
      headers: admin,
      payload: { name: '食品经营许可审批系统（2026 版）' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().client.name).toBe('食品经营许可审批系统（2026 版）');
    expect(renamed.json().clientSecret).toBeUndefined();
    const rotate = await t.app.inject({
      method: 'POST',
      url: `/api/v1/identity/clients/${clientId}/rotate-secret`,
      headers: admin,
    });
    expect(rotate.statusCode).toBe(422);
    expect(rotate.json().code).toBe('IDENTITY_CLIENT_NO_SECRET');
    const disabled = await t.app.inject({
      method: 'POST',
      url: `/api/v1/identity/clients/${clientId}/disable`,
      headers: admin,
    });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json().status).toBe('disabled');
    // A disabled system can no longer start a sign-in.
    const config = await discover(privateKey).catch(() => undefined);
    const browser = new Browser([CALLBACK]);
    const url = client.buildAuthorizationUrl(config as client.Configuration, {
      redirect_uri: CALLBACK,
      scope: 'openid',
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const refused = await browser.go(url.href);
    expect(refused.url.startsWith(CALLBACK) && refused.url.includes('code=')).toBe(false);
    const { rows } = await t.database.executeSql(
      'select action from platform_audit_log where entity_id = $1 order by seq',
      [clientId],
    );
    expect(rows.map((row) => row.action)).toEqual(
      expect.arrayContaining(['identity.client.create', 'identity.client.update', 'identity.client.disable']),
    );
  });
});
