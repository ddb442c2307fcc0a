import { citizenIdCheckChar, makeCreditCode } from '@yiwang/codes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RequestContext, systemContext } from '../../platform/audit.js';
import { withTransaction } from '../../platform/database.js';
import {
  createTestApp,
  departmentsByKey,
  type ListedDepartment,
  principalHeader,
  type TestApp,
} from '../../test/harness.js';
import { seedDemoOrganisation } from '../org/org.seed.js';
import {
  createEnterpriseAccount,
  createPersonAccount,
  createStaffAccount,
  type IdentityDeps,
} from './identity.accounts.js';
import { actingOptions, forgetPrincipals, listStaffHolding, principalFor } from './identity.authority.js';

const citizenId = (first17: string) => first17 + citizenIdCheckChar(first17);
const PASSWORD = 'Xh!2026-guide';

describe('roles, scopes and enterprise agents (授权)', () => {
  let t: TestApp;
  let deps: IdentityDeps;
  let departments: Record<string, ListedDepartment>;
  let subUnitId: string;
  const context: RequestContext = systemContext('identity-test');
  const ids: Record<string, string> = {};
  const rolesAdmin = principalHeader({ id: 'roles-admin', permissions: ['identity.roles.manage'] });

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoOrganisation(t.database.db);
    deps = { cipher: t.app.fieldCipher, now: () => new Date() };
    departments = await departmentsByKey(t.app);
    const parent = departments['hz-scjg'];
    if (!parent) throw new Error('seed lacks hz-scjg');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/departments',
      headers: principalHeader({ permissions: ['org.department.manage'] }),
      payload: {
        key: 'hz-scjg-spjy',
        name: '杭州市市场监督管理局食品经营监管处',
        shortName: '食品经营处',
        creditCode: makeCreditCode({
          registrationAuthority: '1',
          category: '1',
          regionCode: '330100',
          orgCodeBody: 'MB1A2B3C',
        }),
        regionCode: '330100',
        parentId: parent.id,
      },
    });
    expect(created.statusCode).toBe(201);
    subUnitId = created.json().id;
    await withTransaction(t.database.db, async (tx) => {
      ids.reviewer = (
        await createStaffAccount(tx, deps, context, {
          name: '王审查',
          username: 'wang.review',
          departmentId: parent.id,
          regionCode: '330100',
          password: PASSWORD,
        })
      ).id;
      ids.supervisor = (
        await createStaffAccount(tx, deps, context, {
          name: '赵监察',
          username: 'zhao.supervise',
          departmentId: parent.id,
          regionCode: '330100',
          password: PASSWORD,
        })
      ).id;
      ids.person = (
        await createPersonAccount(tx, deps, context, {
          name: '李经办',
          citizenId: citizenId('33010619900307123'),
          password: PASSWORD,
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
          legalRepresentative: '陈法人',
          password: PASSWORD,
        })
      ).id;
    });
  });
  afterAll(() => t.close());

  const grant = (accountId: string, payload: Record<string, unknown>, headers = rolesAdmin) =>
    t.app.inject({ method: 'POST', url: `/api/v1/identity/accounts/${accountId}/roles`, headers, payload });

  it('grants a role over a department with its sub-units: permissions and scope follow', async () => {
    const parentId = departments['hz-scjg']?.id;
    const response = await grant(ids.reviewer as string, {
      role: 'reviewer',
      departmentId: parentId,
      includeSubUnits: true,
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ role: 'reviewer', roleName: '审查人员', includeSubUnits: true });
    forgetPrincipals();
    const principal = await principalFor(t.database.db, t.app.fieldCipher, {
      accountId: ids.reviewer as string,
    });
    expect(principal?.kind).toBe('staff');
    expect([...(principal?.permissions ?? [])]).toEqual(['cases.review']);
    expect(new Set(principal?.scope?.departmentIds)).toEqual(new Set([parentId, subUnitId]));

    const listed = await t.app.inject({
      method: 'GET',
      url: `/api/v1/identity/accounts/${ids.reviewer}/roles`,
      headers: rolesAdmin,
    });
    expect(listed.json().items).toHaveLength(1);

    // The staff directory (the case engine's colleague picker and assignee check): the reviewer is
    // found from the sub-unit, through the grant "with sub-units" at the unit above it, and from the
    // unit itself; a grant at the unit without sub-units would not reach the sub-unit.
    const holding = (departmentIds: string[]) =>
      listStaffHolding(t.database.db, {
        permissions: ['cases.review'],
        departmentIds,
        page: 1,
        pageSize: 20,
      });
    expect((await holding([subUnitId])).items.map((member) => member.id)).toContain(ids.reviewer);
    expect((await holding([parentId as string])).items.map((member) => member.id)).toContain(ids.reviewer);
    await t.database.executeSql(
      'update identity_role_grants set include_sub_units = false where account_id = $1',
      [ids.reviewer],
    );
    expect((await holding([subUnitId])).items.map((member) => member.id)).not.toContain(ids.reviewer);
    await t.database.executeSql(
      'update identity_role_grants set include_sub_units = true where account_id = $1',
      [ids.reviewer],
    );
  });

  it('refuses a grant whose scope differs in kind from the existing ones, a repeat, an unknown role, a citizen', async () => {
    const mixed = await grant(ids.reviewer as string, { role: 'supervisor', regionCode: '330100' });
    expect(mixed.statusCode).toBe(422);
    expect(mixed.json()).toMatchObject({ code: 'IDENTITY_SCOPE_INVALID' });
    const again = await grant(ids.reviewer as string, {
      role: 'reviewer',
      departmentId: departments['hz-scjg']?.id,
    });
    expect(again.json().code).toBe('IDENTITY_ROLE_ALREADY_GRANTED');
    const unknown = await grant(ids.reviewer as string, { role: 'emperor' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().details.field).toBe('body.role');
    const citizen = await grant(ids.person as string, { role: 'reviewer' });
    expect(citizen.json()).toMatchObject({ code: 'IDENTITY_SCOPE_INVALID', details: { field: 'params.id' } });
    const both = await grant(ids.supervisor as string, {
      role: 'supervisor',
      regionCode: '330100',
      departmentId: departments['hz-scjg']?.id,
    });
    expect(both.json().details.field).toBe('body.regionCode');
  });

  it('a region-scoped administrator grants only inside the region; revocation takes effect at once', async () => {
    const xihu = principalHeader({
      id: 'xihu-admin',
      permissions: ['identity.roles.manage'],
      scope: { regionCode: '330106' },
    });
    const outside = await grant(ids.supervisor as string, { role: 'supervisor', regionCode: '330100' }, xihu);
    expect(outside.json().code).toBe('IDENTITY_SCOPE_INVALID');
    const inside = await grant(ids.supervisor as string, { role: 'supervisor', regionCode: '330106' }, xihu);
    expect(inside.statusCode).toBe(201);
    const principal = await principalFor(t.database.db, t.app.fieldCipher, {
      accountId: ids.supervisor as string,
    });
    expect(principal?.scope).toEqual({ regionCode: '330106' });
    expect(principal?.permissions.has('cases.supervise')).toBe(true);

    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/identity/role-grants/${inside.json().id}`,
      headers: rolesAdmin,
    });
    expect(revoked.statusCode).toBe(204);
    const after = await principalFor(t.database.db, t.app.fieldCipher, {
      accountId: ids.supervisor as string,
    });
    expect(after?.permissions.size).toBe(0);
    const twice = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/identity/role-grants/${inside.json().id}`,
      headers: rolesAdmin,
    });
    expect(twice.json().code).toBe('IDENTITY_ROLE_GRANT_NOT_FOUND');
    const { rows } = await t.database.executeSql(
      `select action from platform_audit_log where entity_id = $1 and action like 'identity.role.%' order by seq`,
      [ids.supervisor],
    );
    expect(rows.map((row) => row.action)).toEqual(['identity.role.granted', 'identity.role.revoked']);
  });

  it('refuses callers without identity.roles.manage', async () => {
    for (const [method, url] of [
      ['GET', `/api/v1/identity/accounts/${ids.reviewer}/roles`],
      ['POST', `/api/v1/identity/accounts/${ids.reviewer}/roles`],
      ['DELETE', '/api/v1/identity/role-grants/00000000-0000-4000-8000-000000000000'],
    ] as const) {
      const anonymous = await t.app.inject({
        method,
        url,
        payload: method === 'POST' ? { role: 'reviewer' } : undefined,
      });
      expect(anonymous.statusCode).toBe(401);
      const clerk = await t.app.inject({
        method,
        url,
        headers: principalHeader({ permissions: ['cases.window'] }),
        payload: method === 'POST' ? { role: 'reviewer' } : undefined,
      });
      expect(clerk.statusCode).toBe(403);
    }
  });

  it('an enterprise authorizes an agent for some items and dates; the agent acts for it only then', async () => {
    const enterprise = principalHeader({ id: ids.enterprise, kind: 'enterprise' });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/agents',
      headers: enterprise,
      payload: {
        citizenId: citizenId('33010619900307123'),
        itemCodes: ['330106000000000000001'],
        validFrom: '2026-01-01',
        validUntil: '2026-12-31',
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      personName: '李经办',
      personIdentifierMasked: '330106********1236',
    });

    const during = await actingOptions(t.database.db, ids.person as string, new Date('2026-06-01T02:00:00Z'));
    expect(during).toEqual([
      expect.objectContaining({ enterpriseId: ids.enterprise, itemCodes: ['330106000000000000001'] }),
    ]);
    expect(
      await actingOptions(t.database.db, ids.person as string, new Date('2027-01-01T02:00:00Z')),
    ).toEqual([]);

    const agent = await principalFor(t.database.db, t.app.fieldCipher, {
      accountId: ids.person as string,
      actFor: ids.enterprise as string,
      now: new Date('2026-06-01T02:00:00Z'),
    });
    expect(agent).toMatchObject({
      id: ids.enterprise,
      kind: 'enterprise',
      agent: { id: ids.person, name: '李经办', itemCodes: ['330106000000000000001'] },
    });
    // Acting for an enterprise that never authorized the person: no principal at all.
    expect(
      await principalFor(t.database.db, t.app.fieldCipher, {
        accountId: ids.reviewer as string,
        actFor: ids.enterprise as string,
        now: new Date('2026-06-01T02:00:00Z'),
      }),
    ).toBeNull();

    // The enterprise lists its grants and withdraws one.
    const listedGrants = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/agents',
      headers: principalHeader({ id: ids.enterprise, kind: 'enterprise' }),
    });
    expect(listedGrants.json().items).toHaveLength(1);
    const withdrawn = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/agents/${created.json().id}`,
      headers: enterprise,
    });
    expect(withdrawn.statusCode).toBe(204);
    expect(
      await principalFor(t.database.db, t.app.fieldCipher, {
        accountId: ids.person as string,
        actFor: ids.enterprise as string,
        now: new Date('2026-06-01T03:00:00Z'),
      }),
    ).toBeNull();
  });

  it('refuses bad agent grants with the field at fault, and persons managing agents', async () => {
    const enterprise = principalHeader({ id: ids.enterprise, kind: 'enterprise' });
    const post = (payload: Record<string, unknown>, headers = enterprise) =>
      t.app.inject({ method: 'POST', url: '/api/v1/me/agents', headers, payload });
    const unregistered = await post({
      citizenId: citizenId('11010519491231002'),
      validFrom: '2026-01-01',
      validUntil: '2026-12-31',
    });
    expect(unregistered.json()).toMatchObject({
      code: 'IDENTITY_AGENT_GRANT_INVALID',
      details: { field: 'body.citizenId' },
    });
    const badCheck = await post({
      citizenId: '330106199003071230',
      validFrom: '2026-01-01',
      validUntil: '2026-12-31',
    });
    expect(badCheck.json()).toMatchObject({
      code: 'IDENTITY_CITIZEN_ID_INVALID',
      details: { field: 'body.citizenId' },
    });
    const reversed = await post({
      citizenId: citizenId('33010619900307123'),
      validFrom: '2026-12-31',
      validUntil: '2026-01-01',
    });
    expect(reversed.json().details.field).toBe('body.validUntil');
    const person = await post(
      { citizenId: citizenId('33010619900307123'), validFrom: '2026-01-01', validUntil: '2026-12-31' },
      principalHeader({ id: ids.person, kind: 'person' }),
    );
    expect(person.json().code).toBe('IDENTITY_NOT_AN_ENTERPRISE');
  });

  it('GET /me says who the caller is and what they may do', async () => {
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: principalHeader({
        id: 'clerk-1',
        permissions: ['cases.window', 'cases.review'],
        scope: { departmentIds: ['d1'] },
      }),
    });
    expect(me.json()).toEqual({
      id: 'clerk-1',
      kind: 'staff',
      name: 'clerk-1',
      permissions: ['cases.review', 'cases.window'],
      scope: { departmentIds: ['d1'] },
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    const roles = await t.app.inject({
      method: 'GET',
      url: '/api/v1/identity/roles',
      headers: principalHeader({ permissions: [] }),
    });
    expect(roles.json().items.map((role: { role: string }) => role.role)).toContain('window_clerk');
  });

  it('a scoped account administrator sees and manages staff inside the scope only', async () => {
    const xihuAdmin = principalHeader({
      id: 'xihu-accounts',
      permissions: ['identity.accounts.manage'],
      scope: { regionCode: '330106' },
    });
    const cityAdmin = principalHeader({
      id: 'city-accounts',
      permissions: ['identity.accounts.manage'],
      scope: { regionCode: '330100' },
    });
    const list = (headers: Record<string, string>) =>
      t.app.inject({ method: 'GET', url: '/api/v1/identity/accounts?kind=staff&pageSize=100', headers });
    const names = async (headers: Record<string, string>) =>
      (await list(headers)).json().items.map((item: { username: string }) => item.username);
    expect(await names(cityAdmin)).toEqual(expect.arrayContaining(['wang.review', 'zhao.supervise']));
    expect(await names(xihuAdmin)).not.toContain('wang.review');
    const outside = await t.app.inject({
      method: 'GET',
      url: `/api/v1/identity/accounts/${ids.reviewer}`,
      headers: xihuAdmin,
    });
    expect(outside.json().code).toBe('IDENTITY_ACCOUNT_NOT_FOUND');
    const disable = await t.app.inject({
      method: 'POST',
      url: `/api/v1/identity/accounts/${ids.reviewer}/disable`,
      headers: xihuAdmin,
    });
    expect(disable.statusCode).toBe(404);
    const create = await t.app.inject({
      method: 'POST',
      url: '/api/v1/identity/staff',
      headers: xihuAdmin,
      payload: {
        name: '越权创建',
        username: 'out.of.scope',
        departmentId: departments['hz-scjg']?.id,
        regionCode: '330100',
        password: PASSWORD,
      },
    });
    expect(create.statusCode).toBe(422);
    expect(create.json().code).toBe('IDENTITY_DEPARTMENT_UNKNOWN');
    // Citizens are nobody's scope: the person is listed for both.
    const people = await t.app.inject({
      method: 'GET',
      url: '/api/v1/identity/accounts?kind=person',
      headers: xihuAdmin,
    });
    expect(people.json().total).toBeGreaterThanOrEqual(1);
  });
});
