import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, principalHeader, type TestApp } from '../test/harness.js';

const manager = principalHeader({ permissions: ['org.department.manage'] });

describe('bad input gets the error format, never a 500', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { bodyLimitBytes: 4096 }, ready: false });
    t.app.get('/api/v1/test/boom', { config: { access: 'public' } }, async () => {
      throw new Error('secret internal detail: password=hunter2 at /srv/db');
    });
    t.app.post('/api/v1/test/duplicate', { config: { access: 'public' } }, async () => {
      // Two writers racing for the same unique key: the loser's insert fails in the database.
      await t.database.executeSql(
        "insert into org_regions (code, name, level) values ('990000', '测试', 'province') on conflict do nothing",
      );
      await t.database.executeSql(
        "insert into org_regions (code, name, level) values ('990000', '测试', 'province')",
      );
      return { ok: true };
    });
    await t.app.ready();
  });
  afterAll(() => t.close());

  const post = (payload: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/departments',
      payload,
      headers: { 'content-type': 'application/json', ...manager, ...headers },
    });

  it('malformed JSON → 400 REQUEST_MALFORMED_JSON', async () => {
    const response = await post('{"name": "市场监管局",');
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.code).toBe('REQUEST_MALFORMED_JSON');
    expect(body.message).toMatch(/JSON/);
    expect(body.requestId).toBe(response.headers['x-request-id']);
  });

  it('wrong types → 400 naming each field', async () => {
    const response = await post(
      JSON.stringify({
        key: 'x-dept',
        name: 12345,
        shortName: '测试',
        creditCode: true,
        regionCode: '330100',
      }),
    );
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.code).toBe('REQUEST_VALIDATION_FAILED');
    const fields = body.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['body.name', 'body.creditCode']));
    expect(body.details.field).toBe(fields[0]);
  });

  it('does not coerce body types ("12" is not a number, 1 is not a string)', async () => {
    const response = await post(
      JSON.stringify({
        key: 'x-dept',
        name: '某某局',
        shortName: 1,
        creditCode: '11330100MB0000000X',
        regionCode: '330100',
      }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().details.fields).toEqual([
      { field: 'body.shortName', message: '类型错误，应为 string', rule: 'type' },
    ]);
  });

  it('unknown fields → 400 naming the field (not silently dropped)', async () => {
    const response = await post(
      JSON.stringify({
        key: 'x-dept',
        name: '某某局',
        shortName: '某某',
        creditCode: '11330100MB0000000X',
        regionCode: '330100',
        isAdmin: true,
      }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().details.fields).toContainEqual({
      field: 'body.isAdmin',
      message: '不允许的字段',
      rule: 'additionalProperties',
    });
  });

  it('missing required fields → 400 naming them', async () => {
    const response = await post(JSON.stringify({ key: 'x-dept' }));
    expect(response.statusCode).toBe(400);
    const fields = response.json().details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(
      expect.arrayContaining(['body.name', 'body.shortName', 'body.creditCode', 'body.regionCode']),
    );
  });

  it('oversized bodies → 413 REQUEST_BODY_TOO_LARGE', async () => {
    const response = await post(JSON.stringify({ name: 'x'.repeat(10_000) }));
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('REQUEST_BODY_TOO_LARGE');
  });

  it('empty JSON body and unsupported media types get their own codes', async () => {
    const empty = await post('');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('REQUEST_BODY_EMPTY');
    const xml = await post('<a/>', { 'content-type': 'application/xml' });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().code).toBe('REQUEST_UNSUPPORTED_MEDIA_TYPE');
  });

  it('invalid query and path parameters name the field', async () => {
    const query = await t.app.inject({ method: 'GET', url: '/api/v1/departments?pageSize=1000&color=red' });
    expect(query.statusCode).toBe(400);
    const fields = query.json().details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['query.pageSize', 'query.color']));
    const params = await t.app.inject({ method: 'GET', url: '/api/v1/departments/not-a-uuid' });
    expect(params.statusCode).toBe(400);
    expect(params.json().details.field).toBe('params.id');
  });

  it('unknown API routes → 404 ROUTE_NOT_FOUND in the error format', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND', requestId: expect.any(String) });
  });

  it('a 500 says nothing about internals, and carries the request id', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/test/boom',
      headers: { 'x-request-id': 'req-12345678' },
    });
    expect(response.statusCode).toBe(500);
    const body = response.json();
    expect(body).toEqual({ code: 'INTERNAL_ERROR', message: expect.any(String), requestId: 'req-12345678' });
    expect(response.body).not.toContain('hunter2');
    expect(response.body).not.toContain('/srv/db');
  });

  it('a unique-key race lost in the database is a 409 CONCURRENT_CHANGE, not a 500', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/test/duplicate' });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'CONCURRENT_CHANGE', requestId: expect.any(String) });
  });

  it('sets security headers (helmet) and no CORS headers by default', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { origin: 'https://evil.example' },
    });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('rate limiting', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { rateLimitMax: 3, rateLimitWindowMs: 60_000 } });
  });
  afterAll(() => t.close());

  it('answers 429 RATE_LIMITED past the limit, but never limits the health probes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      statuses.push((await t.app.inject({ method: 'GET', url: '/api/v1/regions' })).statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = await t.app.inject({ method: 'GET', url: '/api/v1/regions' });
    expect(limited.json().code).toBe('RATE_LIMITED');
    for (let i = 0; i < 5; i += 1) {
      expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    }
  });
});
