import { citizenIdCheckChar, makeCreditCode } from '@yiwang/codes';
import { DEMO_CITIZEN } from '../../apps/server/src/modules/cases/cases.demo.js';
import type { FormSchema, ProcessStep } from '../../apps/server/src/modules/catalogue/catalogue.model.js';
import type { GuideResponse } from '../../apps/server/src/modules/catalogue/catalogue.schemas.js';
import { type BenchPrincipal, principalHeader } from './app.js';

/** Where the benchmark applies: 西湖区, or an item of 杭州市 or 浙江省 that serves it. */
const REGION = '330106';
const REGION_LINEAGE = ['330106', '330100', '330000'];
/** The seed item the benchmark prefers: 食品经营许可 of 西湖区市场监管局, as in the e2e test. */
const SEARCH_PHRASE = '食品经营许可';
/** The process the cycle drives: one action per step, no joint (并联) review. */
const STEP_KINDS = ['acceptance', 'review', 'decision', 'production'];

/** The item every benchmark case applies for, as its guide states it. */
export interface CaseItem {
  implementationCode: string;
  name: string;
  regionCode: string;
  departmentId: string;
  departmentName: string;
  onlineDepth: number;
  promisedWorkingDays: number;
  steps: string[];
  form: FormSchema;
}

/** Why a guide does not fit the cycle, or undefined when it does. */
function unfit(guide: GuideResponse): string | undefined {
  if (!REGION_LINEAGE.includes(guide.region.code)) return `region ${guide.region.code}`;
  if (guide.guide.onlineDepth < 3) return `online depth ${guide.guide.onlineDepth}`;
  if (guide.guide.promisedTimeLimit.kind !== 'working_days') return 'promised limit not in working days';
  if (!guide.form) return 'no online form';
  const steps: readonly ProcessStep[] = guide.process.steps;
  if (steps.map((step) => step.kind).join(' ') !== STEP_KINDS.join(' '))
    return `steps ${steps.map((step) => step.kind).join(' → ')}`;
  if (steps.some((step) => (step.jointSectors?.length ?? 0) > 0 || !('department' in step.handler)))
    return 'a joint step or a step of another department';
  return undefined;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (response.status !== 200)
    throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * Find the item through the public API (search, then the guide): a published seed item that is
 * applied for online (depth ≥ 3) with a working-day promised limit and an acceptance → review →
 * decision → production process of its own department. Fails naming what each candidate lacks.
 */
export async function findCaseItem(appUrl: string): Promise<CaseItem> {
  const query = new URLSearchParams({ q: SEARCH_PHRASE, region: REGION, pageSize: '50' });
  const { items } = await getJson<{ items: { implementationCode: string }[] }>(
    `${appUrl}/api/v1/items?${query.toString()}`,
  );
  const refused: string[] = [];
  for (const { implementationCode } of items) {
    const guide = await getJson<GuideResponse>(`${appUrl}/api/v1/items/${implementationCode}`);
    const reason = unfit(guide);
    if (reason) {
      refused.push(`${guide.name} (${implementationCode}): ${reason}`);
      continue;
    }
    const promised = guide.guide.promisedTimeLimit;
    return {
      implementationCode,
      name: guide.name,
      regionCode: guide.region.code,
      departmentId: guide.department.id,
      departmentName: guide.department.name,
      onlineDepth: guide.guide.onlineDepth,
      promisedWorkingDays: promised.kind === 'working_days' ? promised.days : 0,
      steps: guide.process.steps.map((step) => `${step.kind} ${step.name}`),
      form: guide.form as FormSchema,
    };
  }
  throw new Error(
    `no seed item for "${SEARCH_PHRASE}" in ${REGION} fits the cycle: ${refused.join('; ') || 'none found'}`,
  );
}

/** One applicant enterprise (fictitious, with valid check characters) and the account applying. */
export interface Applicant {
  principal: BenchPrincipal;
  name: string;
  creditCode: string;
  mobile: string;
}

/** `count` catering companies of 西湖区, each with its own account, credit code and mobile. */
export function applicants(count: number): Applicant[] {
  return Array.from({ length: count }, (_, index) => {
    const creditCode = makeCreditCode({
      registrationAuthority: '9',
      category: '1',
      regionCode: '330106',
      orgCodeBody: String(70_000_000 + index),
    });
    return {
      principal: { id: `bench-enterprise-${index}`, kind: 'enterprise' as const, identifier: creditCode },
      name: `杭州西湖压测餐饮有限公司第${index + 1}分店`,
      creditCode,
      mobile: `138${String(index).padStart(8, '0')}`,
    };
  });
}

/**
 * The item's form filled in for an applicant: every required field, from the field's format, enum,
 * bounds or prefill source; a plain text otherwise. Only required fields, as a hurried applicant would.
 */
export function fillForm(form: FormSchema, applicant: Applicant): Record<string, unknown> {
  const citizen17 = '33010619850615201';
  const values: Record<string, unknown> = {};
  for (const key of form.required) {
    const field = form.properties[key];
    if (!field) continue;
    const prefill = field['x-prefill']?.field ?? '';
    let value: unknown;
    if (field.enum) value = field.enum[0];
    else if (field.type === 'number' || field.type === 'integer') value = field.minimum ?? 1;
    else if (field.type === 'boolean') value = true;
    else if (field.format === 'credit-code') value = applicant.creditCode;
    else if (field.format === 'citizen-id') value = `${citizen17}${citizenIdCheckChar(citizen17)}`;
    else if (field.format === 'mobile') value = applicant.mobile;
    else if (field.format === 'date') value = '2026-04-01';
    else if (field.format === 'email') value = 'bench@example.com';
    else if (prefill === 'enterprise.name') value = applicant.name;
    else if (prefill.endsWith('legalRepresentative') || prefill === 'name') value = DEMO_CITIZEN.name;
    else value = `杭州市西湖区文三路 100 号（${field.title}）`.slice(0, field.maxLength ?? 200);
    values[key] = value;
  }
  return values;
}

/** One application, as the JSON body of `POST /api/v1/cases`, with its applicant's headers. */
export function applicationRequest(
  item: CaseItem,
  applicant: Applicant,
): { headers: Record<string, string>; body: string } {
  return {
    headers: { 'content-type': 'application/json', ...principalHeader(applicant.principal) },
    body: JSON.stringify({
      implementationCode: item.implementationCode,
      form: fillForm(item.form, applicant),
      applicant: { name: applicant.name, identifier: applicant.creditCode, mobile: applicant.mobile },
    }),
  };
}
