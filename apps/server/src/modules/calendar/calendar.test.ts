import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit.js';
import { createTestApp, principalHeader, type TestApp } from '../../test/harness.js';

const admin = principalHeader({ id: 'calendar-admin', permissions: ['calendar.manage'] });

describe('calendar API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('ships 2025 and 2026, stored with an audit record at first start', async () => {
    const years = (await get('/api/v1/calendar/years')).json().items;
    expect(years.map((y: { year: number }) => y.year)).toEqual([2025, 2026]);
    const { rows } = await t.database.executeSql(
      "select entity_id from platform_audit_log where action = 'calendar.year.add' order by entity_id",
    );
    expect(rows.map((row) => row.entity_id)).toEqual(['2025', '2026']);
  });

  it('GET /calendar/days/{date}', async () => {
    expect((await get('/api/v1/calendar/days/2026-10-01')).json()).toEqual({
      date: '2026-10-01',
      workday: false,
      holidayName: '国庆节',
    });
    expect((await get('/api/v1/calendar/days/2026-10-10')).json()).toEqual({
      date: '2026-10-10',
      workday: true,
      makeUpFor: '国庆节调休',
    });
    const invalid = await get('/api/v1/calendar/days/2026-02-30');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({
      code: 'CALENDAR_DATE_INVALID',
      details: { field: 'params.date' },
    });
    const unknown = await get('/api/v1/calendar/days/2031-01-02');
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ code: 'CALENDAR_YEAR_UNKNOWN', details: { year: 2031 } });
  });

  it('GET /calendar/deadline', async () => {
    expect((await get('/api/v1/calendar/deadline?from=2026-09-28&workingDays=20')).json()).toEqual({
      from: '2026-09-28',
      workingDays: 20,
      due: '2026-10-30',
    });
    const beyond = await get('/api/v1/calendar/deadline?from=2026-12-20&workingDays=20');
    expect(beyond.json().code).toBe('CALENDAR_YEAR_UNKNOWN');
    const negative = await get('/api/v1/calendar/deadline?from=2026-09-28&workingDays=-1');
    expect(negative.statusCode).toBe(400);
    expect(negative.json().details.field).toBe('query.workingDays');
  });

  it('administrators add a year; bad arrangements are refused naming the field; a year is added once', async () => {
    const year = {
      year: 2030,
      source: '测试用年度安排（非官方）',
      holidays: [{ name: '元旦', from: '2030-01-01', to: '2030-01-01' }],
      makeUpWorkdays: [{ name: '测试调休', date: '2030-01-05' }],
    };
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/calendar/years', payload: year })).statusCode,
    ).toBe(401);
    const weekdayMakeUp = await t.app.inject({
      method: 'POST',
      url: '/api/v1/calendar/years',
      headers: admin,
      payload: { ...year, makeUpWorkdays: [{ name: '错误', date: '2030-01-07' }] },
    });
    expect(weekdayMakeUp.json()).toMatchObject({
      code: 'CALENDAR_ARRANGEMENT_INVALID',
      details: { field: 'body.makeUpWorkdays[0].date' },
    });
    const otherYear = await t.app.inject({
      method: 'POST',
      url: '/api/v1/calendar/years',
      headers: admin,
      payload: { ...year, holidays: [{ name: '元旦', from: '2031-01-01', to: '2031-01-01' }] },
    });
    expect(otherYear.json().details.field).toBe('body.holidays[0].from');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/calendar/years',
      headers: admin,
      payload: year,
    });
    expect(created.statusCode).toBe(201);
    expect((await get('/api/v1/calendar/days/2030-01-05')).json()).toMatchObject({ workday: true });
    expect((await get('/api/v1/calendar/days/2030-01-01')).json()).toMatchObject({
      workday: false,
      holidayName: '元旦',
    });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/calendar/years',
      headers: admin,
      payload: year,
    });
    expect(again.statusCode).toBe(409);
  });

  it('imports a year from a simple date list, all or nothing', async () => {
    const before = await verifyAuditChain(t.database.db);
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/calendar/years/import?year=2029&source=${encodeURIComponent('测试清单')}`,
      headers: { ...admin, 'content-type': 'text/plain' },
      payload: '# 2029\n2029-01-01 休 元旦\n2029-02-30 休 春节\n2029-02-10 上 春节调休\n',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({
      code: 'CALENDAR_IMPORT_INVALID',
      details: { lines: [{ line: 3 }, { line: 4 }] },
    });
    expect(await verifyAuditChain(t.database.db)).toEqual(before);
    const good = await t.app.inject({
      method: 'POST',
      url: `/api/v1/calendar/years/import?year=2029&source=${encodeURIComponent('测试清单')}`,
      headers: { ...admin, 'content-type': 'text/plain' },
      payload: '2029-01-01 休 元旦\n2029-02-12 休 春节\n2029-02-13 休 春节\n2029-02-10 班 春节调休\n',
    });
    expect(good.statusCode).toBe(201);
    expect((await get('/api/v1/calendar/deadline?from=2029-02-09&workingDays=2')).json().due).toBe(
      '2029-02-14',
    );
    const citizen = principalHeader({ kind: 'person' });
    const denied = await t.app.inject({
      method: 'POST',
      url: `/api/v1/calendar/years/import?year=2028&source=${encodeURIComponent('测试清单')}`,
      headers: { ...citizen, 'content-type': 'text/plain' },
      payload: '2028-01-01 休 元旦\n',
    });
    expect(denied.statusCode).toBe(403);
  });
});
