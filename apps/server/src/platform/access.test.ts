import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import {
  createTestApp,
  createTestDatabase,
  principalHeader,
  type TestApp,
  testAuthenticator,
} from '../test/harness.js';
import { isAllowed, MissingAccessPolicyError } from './access.js';

describe('deny by default', () => {
  it('refuses to start when a route declares no access policy, listing each such route', async () => {
    const testDb = await createTestDatabase();
    const app = await buildApp(testDb.config, { database: testDb.database });
    app.get('/api/v1/forgotten', async () => ({ secret: true }));
    app.post('/api/v1/also-forgotten', { config: {} }, async () => ({}));
    const error = await app.ready().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MissingAccessPolicyError);
    expect((error as MissingAccessPolicyError).routes).toEqual(
      expect.arrayContaining(['GET /api/v1/forgotten', 'POST /api/v1/also-forgotten']),
    );
    expect((error as Error).message).toContain('GET /api/v1/forgotten');
    await app.close().catch(() => {});
    await testDb.dispose();
  });

  it('evaluates policies: public, authenticated, named permission', () => {
    const staff = {
      id: 's',
      kind: 'staff' as const,
      name: 's',
      permissions: new Set(['org.department.manage']),
    };
    const citizen = { id: 'p', kind: 'person' as const, name: 'p', permissions: new Set<string>() };
    expect(isAllowed('public', null)).toBe(true);
    expect(isAllowed('authenticated', null)).toBe(false);
    expect(isAllowed('authenticated', citizen)).toBe(true);
    expect(isAllowed({ permission: 'org.department.manage' }, citizen)).toBe(false);
    expect(isAllowed({ permission: 'org.department.manage' }, staff)).toBe(true);
  });
});

describe('access policy enforcement', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ ready: false, dependencies: { authenticate: testAuthenticator } });
    t.app.get('/api/v1/test/me', { config: { access: 'authenticated' } }, async (request) => ({
      id: request.principal?.id,
    }));
    await t.app.ready();
  });
  afterAll(() => t.close());

  it('every route of the app declares a policy (the app started)', () => {
    expect(t.app.printRoutes()).toContain('departments');
  });

  it('authenticated routes: 401 AUTH_REQUIRED for anonymous callers, 200 with a principal', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/test/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe('AUTH_REQUIRED');
    const signedIn = await t.app.inject({
      method: 'GET',
      url: '/api/v1/test/me',
      headers: principalHeader({ id: 'person-7', kind: 'person' }),
    });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toEqual({ id: 'person-7' });
  });

  it('permission routes: 401 for anonymous, 403 ACCESS_DENIED without the permission, before any validation', async () => {
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/departments', payload: {} });
    expect(anonymous.statusCode).toBe(401);
    const lacking = await t.app.inject({
      method: 'POST',
      url: '/api/v1/departments',
      payload: {},
      headers: principalHeader({ permissions: ['something.else'] }),
    });
    expect(lacking.statusCode).toBe(403);
    expect(lacking.json()).toMatchObject({
      code: 'ACCESS_DENIED',
      details: { required: 'permission:org.department.manage' },
    });
    const patch = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/departments/00000000-0000-4000-8000-000000000000',
      payload: { name: '改名' },
      headers: principalHeader({ kind: 'person', permissions: [] }),
    });
    expect(patch.statusCode).toBe(403);
  });
});
