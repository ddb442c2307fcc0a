import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createTestApp, departmentsByKey, principalHeader, type TestApp } from '../../test/harness.js';
import { fixtureBasicItem, fixtureContent } from '../catalogue/catalogue.fixtures.js';
import type { EntryContentInput } from '../catalogue/catalogue.schemas.js';
import { keyElementsOf } from '../catalogue/catalogue.service.js';
import { seedDemoOrganisation } from '../org/org.seed.js';
import { DEMO_ENTERPRISE } from './cases.demo.js';
import { caseJobs } from './cases.jobs.js';

/** Test data and a harness for the case engine's API tests: an app on a clock the test moves. */

/** A minimal valid PDF: what an applicant uploads. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

export type Headers = Record<string, string>;

/** The enterprise applying online in these tests (DEMO_ENTERPRISE, 西湖区). */
export const applicant = principalHeader({
  id: 'enterprise-account-1',
  kind: 'enterprise',
  identifier: DEMO_ENTERPRISE.creditCode,
});
export const APPLICANT_MOBILE = '13800571234';

/** A legal-person application to the fixture item (小餐饮经营许可), submitted at once. */
export function application(implementationCode: string) {
  return {
    implementationCode,
    form: {
      enterpriseName: DEMO_ENTERPRISE.name,
      creditCode: DEMO_ENTERPRISE.creditCode,
      address: '杭州市西湖区文三路 100 号',
    },
    applicant: {
      name: DEMO_ENTERPRISE.name,
      identifier: DEMO_ENTERPRISE.creditCode,
      mobile: APPLICANT_MOBILE,
    },
  };
}

/** The fixture item's content with a joint review (并联审查) by the health department. */
export function jointContent(): EntryContentInput {
  const content = fixtureContent();
  const review = content.process.steps.find((step) => step.key === 'review');
  if (review) review.jointSectors = ['health'];
  return content;
}

export interface CaseTestbed {
  t: TestApp;
  /** Move the clock to an instant in China time, `YYYY-MM-DDTHH:mm`. */
  at(instant: string): void;
  /** A seeded department's id by key (`xh-scjg` 西湖区市场监管局, `xh-wsjk` 卫健局 …). */
  department(key: string): string;
  /** A staff member holding `permission` within one department. */
  staff(id: string, permission: string, departmentKey: string): Headers;
  call(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    headers: Headers,
    payload?: unknown,
  ): Promise<LightMyRequestResponse>;
  action(
    caseId: string,
    name: string,
    headers: Headers,
    body?: Record<string, unknown>,
  ): Promise<LightMyRequestResponse>;
  upload(caseId: string, key: string, headers: Headers): Promise<LightMyRequestResponse>;
  /** Publish an implementation entry of the fixture basic item at 西湖区市场监管局; its code. */
  publish(serial: string, content: EntryContentInput): Promise<string>;
  /** Apply online as `applicant` and submit now; the case view. */
  apply(implementationCode: string): Promise<{ id: string; applicationNumber: string; revision: number }>;
  /** Run one of the engine's scheduled jobs (cases.warning-scan, cases.completeness, cases.deferrals). */
  runJob(name: string): Promise<void>;
  sql(query: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** A fresh app with the demo organisation (regions, departments) and the fixture basic item. */
export async function caseTestbed(start: string): Promise<CaseTestbed> {
  let now = new Date(`${start}:00+08:00`);
  const t = await createTestApp({
    // Department systems live on loopback here: the tests' receivers, and none elsewhere.
    config: { warningYellowDays: 3, webhookAllowedHosts: ['127.0.0.1'] },
    dependencies: { clock: () => now },
  });
  await seedDemoOrganisation(t.database.db);
  const departments = await departmentsByKey(t.app);
  const department = (key: string) => {
    const id = departments[key]?.id;
    if (!id) throw new Error(`no department ${key}`);
    return id;
  };
  const admin = principalHeader({ id: 'catalogue-admin', permissions: ['catalogue.manage'] });
  const call: CaseTestbed['call'] = (method, url, headers, payload) =>
    t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const basic = fixtureBasicItem();
  expect((await call('POST', '/api/v1/catalogue/basic-items', admin, basic)).statusCode).toBe(201);

  return {
    t,
    at: (instant) => {
      now = new Date(`${instant}:00+08:00`);
    },
    department,
    staff: (id, permission, departmentKey) =>
      principalHeader({
        id,
        permissions: [permission],
        scope: { departmentIds: [department(departmentKey)] },
      }),
    call,
    action: (caseId, name, headers, body = {}) =>
      call('POST', `/api/v1/cases/${caseId}/actions/${name}`, headers, body),
    upload: (caseId, key, headers) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/cases/${caseId}/materials/${key}?fileName=${key}.pdf`,
        headers: { ...headers, 'content-type': 'application/pdf' },
        payload: PDF,
      }),
    publish: async (serial, content) => {
      const created = await call('POST', '/api/v1/catalogue/entries', admin, {
        keyElements: keyElementsOf(basic, department('xh-scjg')),
        regionCode: '330106',
        serial,
        content,
      });
      expect(created.statusCode, created.body).toBe(201);
      const published = await call(
        'POST',
        `/api/v1/catalogue/entries/${created.json().id}/publish`,
        admin,
        {},
      );
      expect(published.statusCode, published.body).toBe(200);
      return created.json().implementationCode as string;
    },
    apply: async (implementationCode) => {
      const response = await call('POST', '/api/v1/cases', applicant, application(implementationCode));
      expect(response.statusCode, response.body).toBe(201);
      return response.json();
    },
    runJob: async (name) => {
      const job = caseJobs(t.app).find((candidate) => candidate.name === name);
      if (!job) throw new Error(`no job ${name}`);
      await job.handler({}, { id: `test-${name}`, name });
    },
    sql: async (query, params = []) => (await t.database.executeSql(query, params)).rows,
    close: () => t.close(),
  };
}
