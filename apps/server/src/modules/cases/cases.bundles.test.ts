import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, principalHeader, type TestApp } from '../../test/harness.js';
import { BASIC_CODE } from '../catalogue/seed/basic-codes.js';
import { bundleStatus } from './cases.bundles.js';
import { DEMO_CITIZEN, DEMO_ENTERPRISE } from './cases.demo.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

interface FormField {
  type: string;
  format?: string;
  enum?: string[];
  pattern?: string;
  minimum?: number;
}

/** A plausible value for each fact of the combined form (one value per fact, entered once). */
function valueFor(name: string, field: FormField): unknown {
  const known: Record<string, unknown> = {
    enterpriseName: DEMO_ENTERPRISE.name,
    applicantName: DEMO_CITIZEN.name,
    legalRepresentative: DEMO_CITIZEN.name,
    businessAddress: '杭州市西湖区文三路 100 号 1 楼',
    address: '杭州市西湖区文三路 100 号',
  };
  if (name in known) return known[name];
  if (field.enum) return field.enum[0];
  if (field.format === 'citizen-id') return DEMO_CITIZEN.idNumber;
  if (field.format === 'credit-code') return DEMO_ENTERPRISE.creditCode;
  if (field.format === 'mobile') return DEMO_CITIZEN.mobile;
  if (field.format === 'date') return '2026-09-01';
  if (field.format === 'email') return 'owner@example.com';
  if (field.pattern === '^[0-9]{10,30}$') return '6222021202001234567';
  if (field.type === 'number' || field.type === 'integer') return field.minimum ?? 10;
  if (field.type === 'boolean') return true;
  return '西湖区文三路一百号的小店';
}

describe('一件事: 开办餐饮店 from one form into member cases in several departments', () => {
  let t: TestApp;
  const applicant = principalHeader({
    id: 'restaurant-owner',
    kind: 'enterprise',
    identifier: DEMO_ENTERPRISE.creditCode,
  });
  beforeAll(async () => {
    t = await createTestApp({ config: { seedDemoData: true } });
  });
  afterAll(() => t.close());

  let combined: {
    members: { basicCode: string; available: boolean; condition: string | null; fields: string[] }[];
    form: { properties: Record<string, FormField> };
    materials: { key: string; usedBy: string[] }[];
  };

  it('offers one combined form: shared facts asked once, each material once', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/bundles/YJS-CYD/form?region=330106' });
    expect(response.statusCode).toBe(200);
    combined = response.json();
    const available = combined.members.filter((m) => m.available);
    expect(available.length).toBeGreaterThanOrEqual(4);
    const asked = available.reduce((sum, m) => sum + m.fields.length, 0);
    const facts = Object.keys(combined.form.properties);
    // Facts several items ask for (主体名称, 统一社会信用代码 …) appear once in the combined form.
    expect(facts.length).toBeLessThan(asked);
    for (const fact of ['enterpriseName', 'creditCode'])
      expect(available.filter((m) => m.fields.includes(fact)).length).toBeGreaterThanOrEqual(2);
    expect(combined.materials.some((m) => m.usedBy.length >= 2)).toBe(true);
    expect(new Set(combined.materials.map((m) => m.key)).size).toBe(combined.materials.length);
  });

  let bundleId = '';
  it('fans one application out into cases in their own departments, each with the facts it needs', async () => {
    const form = Object.fromEntries(
      Object.entries(combined.form.properties).map(([name, field]) => [name, valueFor(name, field)]),
    );
    const unknownMember = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bundle-applications',
      headers: applicant,
      payload: {
        bundleCode: 'YJS-CYD',
        regionCode: '330106',
        members: ['000999999000'],
        form,
        applicant: { name: DEMO_ENTERPRISE.name, identifier: DEMO_ENTERPRISE.creditCode },
      },
    });
    expect(unknownMember.json().code).toBe('CASE_BUNDLE_MEMBER_UNKNOWN');

    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bundle-applications',
      headers: { ...applicant, 'idempotency-key': 'bundle-apply-0001' },
      payload: {
        bundleCode: 'YJS-CYD',
        regionCode: '330106',
        members: [BASIC_CODE.COMPANY],
        form,
        applicant: {
          name: DEMO_ENTERPRISE.name,
          identifier: DEMO_ENTERPRISE.creditCode,
          mobile: DEMO_CITIZEN.mobile,
        },
        submit: false,
      },
    });
    expect(response.statusCode).toBe(201);
    const bundle = response.json();
    bundleId = bundle.id;
    expect(bundle.status).toBe('draft');
    const members = bundle.members as { caseId: string; departmentId: string; implementationCode: string }[];
    // The unconditional items and the chosen 公司 registration; not 个体工商户.
    const expected = combined.members.filter(
      (m) => m.condition === null || m.basicCode === BASIC_CODE.COMPANY,
    );
    expect(members).toHaveLength(expected.length);
    expect(new Set(members.map((m) => m.departmentId)).size).toBeGreaterThanOrEqual(2);

    for (const member of members) {
      const view = (
        await t.app.inject({ method: 'GET', url: `/api/v1/cases/${member.caseId}`, headers: applicant })
      ).json();
      const fields =
        combined.members.find((m) => view.implementationCode.endsWith(m.basicCode))?.fields ?? [];
      expect(Object.keys(view.form).sort()).toEqual(fields.filter((f) => f in form).sort());
      if ('enterpriseName' in view.form) expect(view.form.enterpriseName).toBe(DEMO_ENTERPRISE.name);
    }
  });

  it('takes a shared material once for every member that needs it, then submits them together', async () => {
    const shared = combined.materials.find((m) => m.usedBy.length >= 2);
    const upload = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/bundle-applications/${bundleId}/materials/${shared?.key}?fileName=shared.pdf`,
      headers: { ...applicant, 'content-type': 'application/pdf' },
      payload: PDF,
    });
    expect(upload.statusCode).toBe(200);
    expect(upload.json().attachedTo).toBeGreaterThanOrEqual(2);

    const submitted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/bundle-applications/${bundleId}/submit`,
      headers: applicant,
    });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().status).toBe('in_progress');
    for (const member of submitted.json().members) expect(member.status).toBe('submitted');
    // Someone else's bundle stays closed.
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/v1/bundle-applications/${bundleId}`,
      headers: principalHeader({ id: 'other', kind: 'person' }),
    });
    expect(other.statusCode).toBe(403);
  });

  it('derives one status from the members', () => {
    expect(bundleStatus(['draft', 'draft'])).toBe('draft');
    expect(bundleStatus(['submitted', 'correction_required'])).toBe('correction_required');
    expect(bundleStatus(['completed', 'under_review'])).toBe('in_progress');
    expect(bundleStatus(['completed', 'not_accepted'])).toBe('completed');
  });
});
