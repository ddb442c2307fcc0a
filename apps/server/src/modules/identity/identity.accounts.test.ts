import { citizenIdCheckChar, makeCreditCode } from '@yiwang/codes';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../platform/audit.js';
import { withTransaction } from '../../platform/database.js';
import {
  createTestApp,
  departmentsByKey,
  principalHeader,
  sentSms,
  type TestApp,
} from '../../test/harness.js';
import { seedDemoOrganisation } from '../org/org.seed.js';
import { createPersonAccount, type IdentityDeps } from './identity.accounts.js';
import { loginWithPassword } from './identity.login.js';

const citizenId = (first17: string) => `${first17}${citizenIdCheckChar(first17)}`;
const PASSWORD = 'Qiantang-Chao-88';
const admin = principalHeader({ id: 'accounts-admin', permissions: ['identity.accounts.manage'] });
const clerk = principalHeader({ id: 'window-clerk', permissions: ['identity.accounts.verify'] });
const citizen = principalHeader({ id: 'someone', kind: 'person' });

describe('identity accounts API', () => {
  let t: TestApp;
  let deps: IdentityDeps;
  let departmentId: string;
  const personId = citizenId('33010619850315002');
  const personMobile = '13912345678';
  let registered: string;
  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: `/api/v1${url}`, payload: payload as object, headers });
  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers });
  const sql = async (text: string, values: unknown[] = []) =>
    (await t.database.executeSql(text, values)).rows;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoOrganisation(t.database.db);
    const department = Object.values(await departmentsByKey(t.app))[0];
    if (!department) throw new Error('no departments seeded');
    departmentId = department.id;
    deps = { cipher: t.app.fieldCipher, now: () => new Date() };
  });
  afterAll(() => t.close());

  it('registers a person: self-declared, encrypted, masked, audited', async () => {
    const response = await post('/identity/persons', {
      name: '林晓',
      citizenId: personId,
      mobile: personMobile,
      password: PASSWORD,
    });
    expect(response.statusCode).toBe(201);
    registered = response.json().id;
    const [row] = await sql('select * from identity_accounts where id = $1', [registered]);
    expect(row).toMatchObject({ kind: 'person', assurance: 'self_declared', mobile_masked: '139****5678' });
    expect(JSON.stringify(row)).not.toContain(personId);
    expect(JSON.stringify(row)).not.toContain(personMobile);
    expect(await sql(`select action from platform_audit_log where entity_id = $1`, [registered])).toEqual([
      { action: 'identity.account.created' },
    ]);
    const again = await post('/identity/persons', {
      name: '林晓',
      citizenId: personId.toLowerCase(),
      mobile: personMobile,
      password: PASSWORD,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'IDENTITY_ACCOUNT_EXISTS',
      details: { field: 'body.citizenId' },
    });
  });

  it('refuses bad registrations with a code and the field, never a 500', async () => {
    const base = {
      name: '张三',
      citizenId: citizenId('33010619900101123'),
      mobile: '13812340000',
      password: PASSWORD,
    };
    const wrongCheck = `${base.citizenId.slice(0, 17)}${base.citizenId.endsWith('1') ? '2' : '1'}`;
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ ...base, citizenId: wrongCheck }, 400, 'IDENTITY_CITIZEN_ID_INVALID', 'body.citizenId'],
      [{ ...base, mobile: '12345678901' }, 400, 'REQUEST_VALIDATION_FAILED', 'body.mobile'],
      [{ ...base, password: 'woaini1314' }, 422, 'IDENTITY_PASSWORD_WEAK', 'body.password'],
      [
        { name: '张三', citizenId: base.citizenId, password: PASSWORD },
        400,
        'REQUEST_VALIDATION_FAILED',
        'body.mobile',
      ],
      [{ ...base, extra: 1 }, 400, 'REQUEST_VALIDATION_FAILED', 'body.extra'],
    ];
    for (const [payload, status, code, field] of cases) {
      const response = await post('/identity/persons', payload);
      expect(response.statusCode, code).toBe(status);
      expect(response.json()).toMatchObject({ code, details: { field } });
    }
    const weak = await post('/identity/persons', { ...base, password: `a${base.mobile}` });
    expect(weak.json().details.rules).toEqual(['char_classes', 'contains_mobile']);
    const enterprise = await post('/identity/enterprises', {
      name: '某公司',
      creditCode: '91330106MA2H7K3P0X',
      legalRepresentative: '某人',
      mobile: '13812340001',
      password: PASSWORD,
    });
    expect(enterprise.statusCode).toBe(400);
    expect(enterprise.json()).toMatchObject({
      code: 'IDENTITY_CREDIT_CODE_INVALID',
      details: { field: 'body.creditCode' },
    });
  });

  it('registers an enterprise by credit code', async () => {
    const creditCode = makeCreditCode({
      registrationAuthority: '9',
      category: '1',
      regionCode: '330106',
      orgCodeBody: 'MA2J8Q4R',
    });
    const response = await post('/identity/enterprises', {
      name: '杭州钱塘科技有限公司',
      creditCode,
      legalRepresentative: '钱塘',
      mobile: '13812340002',
      password: PASSWORD,
    });
    expect(response.statusCode).toBe(201);
    const account = await get(`/identity/accounts/${response.json().id}`, admin);
    expect(account.json()).toMatchObject({
      kind: 'enterprise',
      identifierMasked: expect.stringContaining('****'),
    });
  });

  it('administrators create staff; each protected route refuses callers without the permission', async () => {
    const staff = {
      name: '周主任',
      username: 'zhou.zhuren',
      departmentId,
      regionCode: '330106',
      mobile: '13812340003',
      password: PASSWORD,
    };
    const anonymous = await post('/identity/staff', staff);
    expect(anonymous.statusCode).toBe(401);
    const created = await post('/identity/staff', staff, admin);
    expect(created.statusCode).toBe(201);
    const duplicate = await post('/identity/staff', { ...staff, username: 'Zhou.Zhuren' }, admin);
    expect(duplicate.json()).toMatchObject({
      code: 'IDENTITY_USERNAME_EXISTS',
      details: { field: 'body.username' },
    });
    const noDepartment = await post(
      '/identity/staff',
      { ...staff, username: 'x.y.z', departmentId: '00000000-0000-4000-8000-000000000000' },
      admin,
    );
    expect(noDepartment.json()).toMatchObject({
      code: 'IDENTITY_DEPARTMENT_UNKNOWN',
      details: { field: 'body.departmentId' },
    });
    const badName = await post('/identity/staff', { ...staff, username: '9lives' }, admin);
    expect(badName.json()).toMatchObject({ code: 'IDENTITY_USERNAME_INVALID' });
    const containsName = await post(
      '/identity/staff',
      { ...staff, username: 'zhouzr', password: 'Zhouzr-2026' },
      admin,
    );
    expect(containsName.json().details.rules).toEqual(['contains_username']);

    const id = registered;
    const protectedRoutes: [string, string, unknown, Record<string, string>][] = [
      ['POST', '/identity/staff', staff, clerk],
      ['GET', '/identity/accounts', undefined, clerk],
      ['GET', `/identity/accounts/${id}`, undefined, clerk],
      ['POST', `/identity/accounts/${id}/unlock`, {}, clerk],
      ['POST', `/identity/accounts/${id}/disable`, {}, clerk],
      ['POST', `/identity/accounts/${id}/enable`, {}, clerk],
      ['POST', `/identity/accounts/${id}/assurance`, { level: 'in_person' }, admin],
    ];
    for (const [method, url, payload, wrongHeaders] of protectedRoutes) {
      for (const headers of [wrongHeaders, citizen]) {
        const response = await t.app.inject({
          method: method as 'GET' | 'POST',
          url: `/api/v1${url}`,
          headers,
          ...(payload === undefined ? {} : { payload: payload as object }),
        });
        expect(response.statusCode, `${method} ${url}`).toBe(403);
        expect(response.json().code).toBe('ACCESS_DENIED');
      }
    }
    for (const url of ['/me/account']) expect((await get(url)).statusCode).toBe(401);
    for (const url of ['/me/password', '/me/totp', '/me/totp/confirm', '/me/recovery-codes']) {
      expect((await post(url, {})).statusCode, url).toBe(401);
    }
  });

  it('lists accounts a page at a time, masked; q finds a name, a username or an exact ID number', async () => {
    for (let i = 0; i < 3; i += 1) {
      await withTransaction(t.database.db, (tx) =>
        createPersonAccount(tx, deps, systemContext('test'), {
          name: `分页${i}`,
          citizenId: citizenId(`3301061960010100${i}`),
        }),
      );
    }
    const page = await get('/identity/accounts?kind=person&page=1&pageSize=2', admin);
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body.items).toHaveLength(2);
    expect(body.total).toBeGreaterThanOrEqual(4);
    expect(body.items.every((item: { kind: string }) => item.kind === 'person')).toBe(true);
    const second = (await get('/identity/accounts?kind=person&page=2&pageSize=2', admin)).json();
    expect(second.items[0].id).not.toBe(body.items[0].id);
    const all = await get('/identity/accounts?pageSize=100', admin);
    expect(all.body).not.toContain(personId);
    expect(all.body).not.toContain(personMobile);

    const byId = (await get(`/identity/accounts?q=${personId}`, admin)).json();
    expect(byId.items.map((item: { id: string }) => item.id)).toEqual([registered]);
    expect(byId.items[0].identifierMasked).toMatch(/^\d{4,6}\*+\d{3}[\dX]$/);
    expect((await get(`/identity/accounts?q=${personId.slice(0, 10)}`, admin)).json().items).toEqual([]);
    expect((await get(`/identity/accounts?q=${encodeURIComponent('分页')}`, admin)).json().total).toBe(3);
    expect((await get('/identity/accounts?q=ZHOU.z', admin)).json().items[0]).toMatchObject({
      kind: 'staff',
      username: 'zhou.zhuren',
      totpEnabled: false,
    });
    expect((await get('/identity/accounts?q=100%25', admin)).json().items).toEqual([]);
    const badKind = await get('/identity/accounts?kind=robot', admin);
    expect(badKind.json()).toMatchObject({
      code: 'REQUEST_VALIDATION_FAILED',
      details: { field: 'query.kind' },
    });
    const badPage = await get('/identity/accounts?pageSize=1000', admin);
    expect(badPage.json().details.field).toBe('query.pageSize');
  });

  it('one account by id; unknown and malformed ids are clear errors', async () => {
    const found = await get(`/identity/accounts/${registered}`, admin);
    expect(found.json()).toMatchObject({
      id: registered,
      name: '林晓',
      mobileMasked: '139****5678',
      lockedUntil: null,
    });
    const missing = await get('/identity/accounts/00000000-0000-4000-8000-000000000000', admin);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('IDENTITY_ACCOUNT_NOT_FOUND');
    const malformed = await get('/identity/accounts/123', admin);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().details.field).toBe('params.id');
  });

  it('administrators unlock, disable and enable; clerks record in-person verification', async () => {
    for (let i = 0; i < 5; i += 1) {
      await loginWithPassword(t.database.db, deps, systemContext('test'), {
        login: personId,
        password: `Wrong-${i}-Pass`,
        address: '192.0.2.1',
      }).catch(() => undefined);
    }
    expect((await get(`/identity/accounts/${registered}`, admin)).json().lockedUntil).not.toBeNull();
    const unlocked = await post(`/identity/accounts/${registered}/unlock`, {}, admin);
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json().lockedUntil).toBeNull();

    expect((await post(`/identity/accounts/${registered}/disable`, {}, admin)).json().status).toBe(
      'disabled',
    );
    await expect(
      loginWithPassword(t.database.db, deps, systemContext('test'), {
        login: personId,
        password: PASSWORD,
        address: '192.0.2.2',
      }),
    ).rejects.toMatchObject({ code: 'IDENTITY_ACCOUNT_DISABLED' });
    expect((await post(`/identity/accounts/${registered}/enable`, {}, admin)).json().status).toBe('active');

    const verified = await post(`/identity/accounts/${registered}/assurance`, { level: 'in_person' }, clerk);
    expect(verified.statusCode).toBe(200);
    expect(verified.json().assurance).toBe('in_person');
    const badLevel = await post(`/identity/accounts/${registered}/assurance`, { level: 'trusted' }, clerk);
    expect(badLevel.json()).toMatchObject({
      code: 'REQUEST_VALIDATION_FAILED',
      details: { field: 'body.level' },
    });
    const actions = (
      await sql('select action from platform_audit_log where entity_id = $1 order by seq', [registered])
    ).map((row) => row.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'identity.account.locked',
        'identity.account.unlocked',
        'identity.account.disabled',
        'identity.account.enabled',
        'identity.account.assurance_changed',
      ]),
    );
  });

  it('self service: own account, password, TOTP and recovery codes', async () => {
    const me = principalHeader({ id: registered, kind: 'person' });
    const account = await get('/me/account', me);
    expect(account.json()).toMatchObject({ id: registered, assurance: 'in_person', totpEnabled: false });
    expect(account.body).not.toContain(personId);
    const stranger = await get('/me/account', principalHeader({ id: 'not-an-account', kind: 'system' }));
    expect(stranger.statusCode).toBe(404);

    const wrong = await post(
      '/me/password',
      { currentPassword: 'Wrong-Pass-9', newPassword: 'Huangshan-Pine-7' },
      me,
    );
    expect(wrong.json()).toMatchObject({
      code: 'IDENTITY_PASSWORD_INCORRECT',
      details: { field: 'body.currentPassword' },
    });
    const weak = await post('/me/password', { currentPassword: PASSWORD, newPassword: 'short' }, me);
    expect(weak.statusCode).toBe(422);
    expect(weak.json()).toMatchObject({
      code: 'IDENTITY_PASSWORD_WEAK',
      details: { field: 'body.newPassword' },
    });
    expect(weak.json().details.rules).toEqual(['min_length', 'char_classes']);
    const changed = await post(
      '/me/password',
      { currentPassword: PASSWORD, newPassword: 'Huangshan-Pine-7' },
      me,
    );
    expect(changed.statusCode).toBe(204);
    const back = await post(
      '/me/password',
      { currentPassword: 'Huangshan-Pine-7', newPassword: PASSWORD },
      me,
    );
    expect(back.json().details.rules).toEqual(['reused']);

    const begun = await post('/me/totp', {}, me);
    expect(begun.statusCode).toBe(200);
    const { secret, otpauthUri } = begun.json();
    expect(otpauthUri).toContain(`secret=${secret}`);
    const badCode = await post('/me/totp/confirm', { code: '12' }, me);
    expect(badCode.json().code).toBe('IDENTITY_SECOND_FACTOR_INVALID');
    const now = Math.floor(Date.now() / 1000);
    const confirmed = await post('/me/totp/confirm', { code: await generate({ secret, epoch: now }) }, me);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().recoveryCodes).toHaveLength(10);
    expect((await post('/me/totp', {}, me)).json().code).toBe('IDENTITY_TOTP_ALREADY_ENROLLED');
    // The code used to confirm cannot be used again; the next step's code can (one step of drift).
    const replay = await post('/me/recovery-codes', { code: await generate({ secret, epoch: now }) }, me);
    expect(replay.json().code).toBe('IDENTITY_SECOND_FACTOR_INVALID');
    const regenerated = await post(
      '/me/recovery-codes',
      { code: await generate({ secret, epoch: now + 30 }) },
      me,
    );
    expect(regenerated.statusCode).toBe(200);
    expect(regenerated.json().recoveryCodes).toHaveLength(10);
    expect((await get('/me/account', me)).json().totpEnabled).toBe(true);

    // Phone and recovery codes lost: an administrator resets the second factor; it can be enrolled again.
    const admin = principalHeader({ id: 'accounts-admin', permissions: ['identity.accounts.manage'] });
    const clerk = principalHeader({ permissions: ['identity.accounts.verify'] });
    expect((await post(`/identity/accounts/${registered}/totp/reset`, {}, clerk)).statusCode).toBe(403);
    const reset = await post(`/identity/accounts/${registered}/totp/reset`, {}, admin);
    expect(reset.statusCode).toBe(200);
    expect(reset.json().totpEnabled).toBe(false);
    expect(
      await sql('select count(*)::int as n from identity_recovery_codes where account_id = $1', [registered]),
    ).toEqual([{ n: 0 }]);
    expect(
      await sql(
        "select count(*)::int as n from platform_audit_log where action = 'identity.totp.reset' and entity_id = $1",
        [registered],
      ),
    ).toEqual([{ n: 1 }]);
    expect((await post('/me/totp', {}, me)).statusCode).toBe(200);
  });

  it('public unlock path: the same answer for any login; a wrong code is refused', async () => {
    const known = await post('/identity/unlock/code', { login: personMobile });
    const unknown = await post('/identity/unlock/code', { login: 'no-such-login' });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.json()).toEqual(known.json());
    const tooSoon = await post('/identity/unlock/code', { login: 'no-such-login' });
    expect(tooSoon.statusCode).toBe(429);
    expect(tooSoon.json()).toMatchObject({
      code: 'IDENTITY_SMS_TOO_FREQUENT',
      details: { retryAfterSeconds: 60 },
    });
    const wrong = await post('/identity/unlock', { login: personMobile, code: '000000' });
    const last = (await sentSms(t)).filter((sms) => sms.mobile === personMobile).at(-1);
    const code = /(\d{6})/.exec(String(last?.text))?.[1];
    if (code === '000000') return;
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('IDENTITY_SMS_CODE_INVALID');
    expect((await post('/identity/unlock', { login: personMobile, code })).statusCode).toBe(204);
    const missing = await post('/identity/unlock', { login: personMobile });
    expect(missing.json()).toMatchObject({
      code: 'REQUEST_VALIDATION_FAILED',
      details: { field: 'body.code' },
    });
  });

  it('sensitive public routes are rate limited per client', async () => {
    let limited = 0;
    for (let i = 0; i < 12; i += 1) {
      const response = await post(
        '/identity/unlock/code',
        { login: `probe-${i}` },
        { 'x-forwarded-for': '192.0.2.99' },
      );
      if (response.statusCode === 429 && response.json().code === 'RATE_LIMITED') limited += 1;
    }
    expect(limited).toBeGreaterThan(0);
  });
});
