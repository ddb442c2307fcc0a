import { citizenIdCheckChar } from '@yiwang/codes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, principalHeader, type TestApp } from '../../test/harness.js';
import { demoPopulationBase } from './identity.ports.js';

const citizenId = (first17: string) => first17 + citizenIdCheckChar(first17);
const PASSWORD = 'Xh!2026-guide';

describe('人口库核验: verifying a registered person against the population base', () => {
  let t: TestApp;
  const known = citizenId('33010619850315002');
  const misnamed = citizenId('33010619881120341');
  const unknown = citizenId('33010219790608512');

  beforeAll(async () => {
    t = await createTestApp({
      dependencies: {
        populationBase: demoPopulationBase([
          { name: '林晓', idNumber: known },
          { name: '赵敏', idNumber: misnamed },
        ]),
      },
    });
  });
  afterAll(() => t.close());

  let mobile = 13957100000;
  const register = async (name: string, id: string) => {
    mobile += 1;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/identity/persons',
      payload: { name, citizenId: id, mobile: String(mobile), password: PASSWORD },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };
  const verify = (id: string, kind: 'person' | 'enterprise' = 'person') =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/me/identity-verification',
      headers: principalHeader({ id, kind }),
    });

  it('a match raises the assurance to population, on the audit chain', async () => {
    const id = await register('林晓', known);
    const response = await verify(id);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ id, assurance: 'population' });
    const { rows } = await t.database.executeSql(
      "select action from platform_audit_log where entity_id = $1 and action like 'identity.%' order by seq",
      [id],
    );
    expect(rows.map((row) => row.action)).toEqual([
      'identity.account.created',
      'identity.population_check.passed',
      'identity.account.assurance_changed',
    ]);
  });

  it('a wrong name or an unknown ID is refused with the reason, recorded, and changes nothing', async () => {
    const wrongName = await register('赵明', misnamed);
    const refused = await verify(wrongName);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'IDENTITY_POPULATION_MISMATCH',
      details: { answer: 'mismatch' },
    });
    const stranger = await register('钱多多', unknown);
    expect((await verify(stranger)).json().details.answer).toBe('not_found');
    const { rows } = await t.database.executeSql(
      "select count(*)::int as n from platform_audit_log where action = 'identity.population_check.failed'",
    );
    expect(rows[0]?.n).toBe(2);
    const { rows: levels } = await t.database.executeSql(
      'select assurance from identity_accounts where id = any($1::uuid[])',
      [[wrongName, stranger]],
    );
    expect(levels.map((row) => row.assurance)).toEqual(['self_declared', 'self_declared']);
  });

  it('only a signed-in person can ask', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/me/identity-verification' })).statusCode).toBe(
      401,
    );
  });

  it('a window clerk checks a walk-in applicant against the population base, audited', async () => {
    const clerk = principalHeader({ id: 'clerk-1', permissions: ['cases.window'] });
    const check = (body: unknown, headers: Record<string, string> = clerk) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/identity/population-check',
        headers,
        payload: body as object,
      });
    expect((await check({ name: '林晓', citizenId: known })).json()).toEqual({ answer: 'match' });
    expect((await check({ name: '林小', citizenId: known })).json()).toEqual({ answer: 'mismatch' });
    expect((await check({ name: '钱多多', citizenId: unknown })).json()).toEqual({ answer: 'not_found' });
    const badDigit = await check({
      name: '林晓',
      citizenId: `${known.slice(0, 17)}${known.endsWith('0') ? '1' : '0'}`,
    });
    expect(badDigit.json()).toMatchObject({
      code: 'IDENTITY_CITIZEN_ID_INVALID',
      details: { field: 'body.citizenId' },
    });
    expect(
      (await check({ name: '林晓', citizenId: known }, principalHeader({ kind: 'person' }))).statusCode,
    ).toBe(403);
    const { rows } = await t.database.executeSql(
      "select count(*)::int as n from platform_audit_log where action = 'identity.population_check.window'",
    );
    expect(rows[0]?.n).toBe(3);
  });
});
