import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testEngine } from '../test/harness.js';
import { committedMigrations } from './migrations.js';

function fakeWebBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'yiwang-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html lang="zh-CN"><title>一网通办</title><div id="root"></div>',
  );
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("yiwang")');
  return dir;
}

describe('probes, OpenAPI and the web shell', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { webDistDir: fakeWebBuild() } });
  });
  afterAll(() => t.close());

  it('/healthz says the process is up', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('/readyz checks the database and the migrations', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ready',
      database: testEngine,
      migrations: { applied: committedMigrations().length, pending: 0 },
    });
  });

  it('echoes a well-formed caller request id and replaces a malformed one', async () => {
    const kept = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'gateway-req-0001' },
    });
    expect(kept.headers['x-request-id']).toBe('gateway-req-0001');
    const replaced = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': '<script>' },
    });
    expect(replaced.headers['x-request-id']).not.toBe('<script>');
  });

  it('serves an OpenAPI 3.1 document listing every API route with its access policy', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/regions',
        '/api/v1/regions/{code}',
        '/api/v1/departments',
        '/api/v1/departments/{id}',
      ]),
    );
    expect(doc.paths['/api/v1/departments'].post['x-access']).toBe('permission:org.department.manage');
    expect(doc.paths['/api/v1/departments'].get['x-access']).toBe('public');
    expect(doc.paths['/api/v1/departments'].post.security).toEqual([{ bearer: [] }]);
  });

  it('serves the browsable API reference at /api/docs', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('swagger');
  });

  it('serves the web app at / with fingerprinted assets cached forever and HTML never', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('一网通办');
    expect(page.headers['cache-control']).toBe('no-cache');
    const asset = await t.app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('answers client-side routes with the app page, but unknown API paths with the error format', async () => {
    const deepLink = await t.app.inject({
      method: 'GET',
      url: '/my-cases/123',
      headers: { accept: 'text/html' },
    });
    expect(deepLink.statusCode).toBe(200);
    expect(deepLink.body).toContain('<div id="root">');
    const api = await t.app.inject({
      method: 'GET',
      url: '/api/v1/unknown',
      headers: { accept: 'text/html' },
    });
    expect(api.statusCode).toBe(404);
    expect(api.json().code).toBe('ROUTE_NOT_FOUND');
    const missingAsset = await t.app.inject({ method: 'GET', url: '/assets/missing.js' });
    expect(missingAsset.statusCode).toBe(404);
  });
});

describe('without a web build', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { webDistDir: join(tmpdir(), 'yiwang-no-such-build') } });
  });
  afterAll(() => t.close());

  it('says in Chinese how to build the web app instead of a blank page', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('npm run build');
  });
});
