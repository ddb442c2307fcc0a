import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CITIZEN, DEMO_ENTERPRISE } from '../apps/server/src/demo-people.js';
import * as catalogue from '../apps/server/src/modules/catalogue/catalogue.service.js';
import { systemContext } from '../apps/server/src/platform/audit.js';
import { withTransaction } from '../apps/server/src/platform/database.js';
import { chooseOption, launchBrowser, screenshot } from './support/browser.js';
import { type Platform, startPlatform } from './support/platform.js';
import { type StaffBrowser, staffBrowser } from './support/staff.js';

/**
 * The staff side in a real browser: staff sign in with password and TOTP (enrolled at the first
 * sign-in, codes computed from the secret the page shows), work the queues and the case desk, the
 * one-window acceptance and the catalogue editor — and the applicant sees what staff sent.
 */

/** 个体工商户设立登记 of 西湖区 (the hall's journey item): the correction case and the catalogue edit. */
const INDIVIDUAL = '11330106244045299K0000135002000';
const PDF = '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n';

let platform: Platform;
let browser: Browser;
/** 食品经营许可 of 西湖区市场监管局, republished in setup with a joint review by 卫生健康. */
let foodCode = '';
let staff: StaffBrowser;

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
  staff = staffBrowser(platform, browser);
  foodCode = await makeFoodLicenceJoint();
});
afterAll(async () => {
  await staff?.close();
  await browser?.close();
  await platform?.close();
});

/**
 * The seed has no 西湖区 item whose joint step involves the demo staff's second department (卫健局),
 * so setup gives 食品经营许可's review step a joint 卫生健康 review — through the catalogue service, as
 * the editor would — and publishes it.
 */
async function makeFoodLicenceJoint(): Promise<string> {
  const search = await fetch(
    `${platform.origin}/api/v1/items?q=${encodeURIComponent('食品经营许可')}&region=330106`,
  );
  const { items } = (await search.json()) as {
    items: { implementationCode: string; name: string; department: { name: string } }[];
  };
  const food = items.find((item) => item.department.name.includes('西湖区市场监督管理局'));
  if (!food) throw new Error(`no 食品经营许可 of 西湖区: ${JSON.stringify(items.map((i) => i.name))}`);
  const db = platform.app.database.db;
  const guide = await catalogue.getGuide(db, food.implementationCode);
  const version = await catalogue.getEntryVersion(db, guide.versionId);
  const content = structuredClone(version.content);
  const review = content.process.steps.find((step) => step.kind === 'review');
  if (!review) throw new Error('食品经营许可 has no review step');
  review.jointSectors = ['health'];
  await withTransaction(db, async (tx) => {
    await catalogue.saveDraft(tx, systemContext('e2e'), version.entryId, content);
    await catalogue.publishEntry(tx, systemContext('e2e'), version.entryId);
  });
  catalogue.forgetCachedGuides(db);
  return food.implementationCode;
}

const check = (page: Page, name: string) => staff.check(page, name);
const as = (who: string, path: string) => staff.as(who, path);
const api = <T>(page: Page, method: string, url: string, body?: unknown) =>
  staff.api<T>(page, method, url, body);
const openFromQueue = (page: Page, queue: string, caseId: string, number: string) =>
  staff.openFromQueue(page, queue, caseId, number);
const takeAction = (page: Page, action: string, fill?: () => Promise<void>) =>
  staff.takeAction(page, action, fill);

describe('the staff workbench in a real browser', () => {
  const walkIn = { id: '', number: '' };
  let online = { id: '', number: '', versionId: '' };

  it('a clerk accepts a walk-in application at the window and prints the receipt', async () => {
    const page = await as('xh.window', '/workbench');
    await page.getByRole('heading', { name: '审批工作台' }).waitFor();
    // The nav shows what /me permits: the workbench, not the console.
    expect(await page.locator('.site-nav a[href="/workbench"]').count()).toBe(1);
    expect(await page.locator('.site-nav a[href="/admin"]').count()).toBe(0);
    await check(page, '01-queues-clerk');

    await page.click('.workbench-nav a[href="/workbench/window"]');
    await page.getByRole('heading', { name: '一窗受理' }).waitFor();
    await page.getByTestId('window-item').click();
    await page.keyboard.type('食品经营许可');
    await page.locator('.ant-select-item-option', { hasText: '西湖区市场监督管理局' }).first().click();
    await page.locator('#enterpriseName').waitFor();
    // 人口库核验 of the person standing at the window (the legal representative), before the company.
    await page.fill('#applicant_name', DEMO_CITIZEN.name);
    await page.fill('#applicant_identifier', DEMO_CITIZEN.idNumber);
    await page.getByRole('button', { name: '人口库核验' }).click();
    await page.getByText('人口库核验通过').waitFor();
    await page.click('input[type=radio][value=enterprise]');
    await page.fill('#applicant_name', DEMO_ENTERPRISE.name);
    // A mistyped check character is caught at once, with the standard's own rule.
    const wrong = `${DEMO_ENTERPRISE.creditCode.slice(0, 17)}${DEMO_ENTERPRISE.creditCode.endsWith('1') ? '2' : '1'}`;
    await page.fill('#applicant_identifier', wrong);
    await page.locator('#applicant_mobile').focus();
    await page.getByText('统一社会信用代码校验位不正确').waitFor();
    await page.fill('#applicant_identifier', DEMO_ENTERPRISE.creditCode);
    await page.fill('#applicant_mobile', '13800571234');
    await page.fill('#enterpriseName', DEMO_ENTERPRISE.name);
    await page.fill('#creditCode', DEMO_ENTERPRISE.creditCode);
    await page.fill('#legalRepresentative', DEMO_ENTERPRISE.legalRepresentative);
    await page.fill('#mobile', '13800571234');
    await page.fill('#businessAddress', '杭州市西湖区文三路 100 号');
    await page.click('#operatorCategory');
    await page.click('.ant-select-item-option[title="餐饮服务经营者"]');
    await page.locator('#businessAddress').focus();
    await expect
      .poll(() => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count())
      .toBe(0);
    await check(page, '02-window-entry');
    await page.click('button:has-text("录入申请")');
    walkIn.number = (await page.getByTestId('window-application-number').textContent()) ?? '';
    walkIn.id =
      ((await page.locator('a:has-text("到办理台")').getAttribute('href')) ?? '').split('/').pop() ?? '';
    await page.getByTestId('window-accept').click();
    await page.getByTestId('window-case-number').waitFor();
    const accepted = await api<{ implementationCode: string; channel: string; status: string }>(
      page,
      'GET',
      `/api/v1/cases/${walkIn.id}`,
    );
    expect(accepted.json).toMatchObject({
      implementationCode: foodCode,
      channel: 'window',
      status: 'accepted',
    });
    const popup = page.context().waitForEvent('page');
    await page.getByTestId('print-receipt').click();
    const receipt = await popup;
    expect(receipt.url()).toMatch(/^blob:/);
    await receipt.close();
    await check(page, '03-window-accepted');

    // The case is online like any other: in the review queue of its department.
    await openFromQueue(page, 'review', walkIn.id, walkIn.number);
    await check(page, '04-queue-review');
  });

  it('a reviewer and a second department’s approver complete a joint approval', async () => {
    const reviewer = await as('xh.reviewer', '/workbench?queue=review');
    await openFromQueue(reviewer, 'review', walkIn.id, walkIn.number);
    await reviewer.locator(`a[data-case="${walkIn.id}"]`).click();
    await reviewer.getByRole('heading', { name: /食品经营许可/ }).waitFor();
    await reviewer.getByRole('heading', { name: '并联审查意见' }).waitFor();
    await check(reviewer, '05-desk-joint-review');
    await takeAction(reviewer, 'review', async () => {
      await reviewer.getByLabel('说明').fill('材料齐全，经营场所符合要求');
    });
    await expect.poll(() => reviewer.locator('td:has-text("同意")').count()).toBe(1);

    // 卫健局: the second department gives its opinion; only then the case moves to the decision.
    const health = await as('xh.health', '/workbench?queue=review');
    await openFromQueue(health, 'review', walkIn.id, walkIn.number);
    await health.locator(`a[data-case="${walkIn.id}"]`).click();
    await health.locator('button[data-action="review"]').waitFor();
    await takeAction(health, 'review', async () => {
      await health.getByLabel('说明').fill('从业人员健康证明齐全，同意');
    });
    // Both opinions in, the case leaves the joint step for the decision of the implementing department.
    await health.locator('button[data-action="review"]').waitFor({ state: 'detached' });
    // 卫健局 took part: it keeps reading the case (no actions), with both opinions kept after the step.
    await health.getByTestId('desk-read-only').waitFor();
    expect(await health.locator('[data-testid="desk-actions"] button').count()).toBe(0);
    await expect
      .poll(() => health.locator('[data-testid="joint-opinions"] .ant-tag', { hasText: /^同意$/ }).count())
      .toBe(2);
    await check(health, '06-desk-joint-done');

    const approver = await as('xh.approver', '/workbench?queue=decision');
    await openFromQueue(approver, 'decision', walkIn.id, walkIn.number);
    await approver.locator(`a[data-case="${walkIn.id}"]`).click();
    await approver.locator('button[data-action="approve"]').waitFor();
    await expect.poll(() => approver.locator('[data-timeline="review"]').count()).toBe(2);
    await approver.locator('button[data-action="approve"]').click();
    await approver.getByLabel('决定内容').fill('准予食品经营许可（餐饮服务经营者）');
    await expect
      .poll(() => approver.getByTestId('notice-preview').textContent())
      .toContain('准予食品经营许可');
    await check(approver, '07-decision-confirm');
    await approver.getByTestId('confirm-action').click();
    await expect.poll(() => approver.getByTestId('desk-status').textContent()).toBe('准予许可');
    await takeAction(approver, 'produce', async () => {
      await approver.getByLabel('证件编号').fill('JY23301060000001');
    });
    await expect.poll(() => approver.getByTestId('desk-status').textContent()).toBe('已制证');
    await check(approver, '08-desk-produced');
  });

  it('a correction notice built item by item reaches the applicant', async () => {
    const citizen = await as('citizen', '/my-cases');
    const guide = await api<{
      form: { properties: Record<string, unknown> } | null;
      materials: { key: string; necessity: string }[];
    }>(citizen, 'GET', `/api/v1/items/${INDIVIDUAL}`);
    const values: Record<string, unknown> = {
      applicantName: DEMO_CITIZEN.name,
      idNumber: DEMO_CITIZEN.idNumber,
      mobile: DEMO_CITIZEN.mobile,
      businessAddress: '杭州市西湖区文三路 100 号',
      businessScope: '餐饮服务（小吃店）',
      organizationForm: '个人经营',
    };
    const form = Object.fromEntries(
      Object.entries(values).filter(([key]) => key in (guide.json.form?.properties ?? {})),
    );
    const draft = await api<{ id: string; applicationNumber: string; versionId: string }>(
      citizen,
      'POST',
      '/api/v1/cases',
      {
        implementationCode: INDIVIDUAL,
        form,
        applicant: {
          name: DEMO_CITIZEN.name,
          identifier: DEMO_CITIZEN.idNumber,
          mobile: DEMO_CITIZEN.mobile,
        },
        submit: false,
      },
    );
    expect(draft.status, JSON.stringify(draft.json)).toBe(201);
    online = { id: draft.json.id, number: draft.json.applicationNumber, versionId: draft.json.versionId };
    for (const material of guide.json.materials.filter((m) => m.necessity === 'required')) {
      const status = await citizen.evaluate(
        async ({ url, pdf }) => {
          const session = JSON.parse(sessionStorage.getItem('yiwang.session') ?? '{}') as {
            accessToken?: string;
          };
          const response = await fetch(url, {
            method: 'PUT',
            headers: {
              Authorization: `Bearer ${session.accessToken ?? ''}`,
              'Content-Type': 'application/pdf',
            },
            body: pdf,
          });
          return response.status;
        },
        {
          url: `/api/v1/cases/${online.id}/materials/${material.key}?fileName=${material.key}.pdf`,
          pdf: PDF,
        },
      );
      expect(status).toBe(200);
    }
    const submitted = await api<{ status: string }>(
      citizen,
      'POST',
      `/api/v1/cases/${online.id}/actions/submit`,
      {},
    );
    expect(submitted.status, JSON.stringify(submitted.json)).toBe(200);

    const clerk = await as('xh.window', '/workbench?queue=pre_review');
    await openFromQueue(clerk, 'pre_review', online.id, online.number);
    await clerk.locator(`a[data-case="${online.id}"]`).click();
    await clerk.locator('button[data-action="request_correction"]').waitFor();
    // The applicant's ID is masked until revealed (and the reveal is audited).
    expect(await clerk.getByTestId('applicant-identifier').textContent()).not.toBe(DEMO_CITIZEN.idNumber);
    await clerk.click('button:has-text("查看完整信息")');
    await expect
      .poll(() => clerk.getByTestId('applicant-identifier').textContent())
      .toBe(DEMO_CITIZEN.idNumber);
    // An uploaded material opens inline from a blob URL fetched with the bearer token.
    await clerk.locator('button[data-view]').first().click();
    await expect
      .poll(async () => (await clerk.getByTestId('material-frame').getAttribute('src')) ?? '')
      .toMatch(/^blob:/);
    await check(clerk, '09-desk-material-viewer');
    await clerk.keyboard.press('Escape');

    await clerk.locator('button[data-action="request_correction"]').click();
    const firstMaterial = await chooseOption(clerk, '第 1 项补正对象');
    await clerk.getByLabel('第 1 项补正原因').fill('复印件不清晰，请重新上传清晰的扫描件');
    await clerk.getByTestId('add-correction').click();
    await chooseOption(clerk, '第 2 项类型', '表单字段');
    await chooseOption(clerk, '第 2 项补正对象', '经营范围');
    await clerk.getByLabel('第 2 项补正原因').fill('经营范围表述不规范，请按规范表述填写');
    await expect
      .poll(() => clerk.getByTestId('notice-preview').textContent())
      .toContain('经营范围表述不规范');
    expect(await clerk.getByTestId('notice-preview').textContent()).toContain(firstMaterial);
    await check(clerk, '10-correction-builder');
    await clerk.getByTestId('confirm-action').click();
    await expect.poll(() => clerk.getByTestId('desk-status').textContent()).toBe('待补正');
    await clerk.getByRole('heading', { name: '补正告知内容' }).waitFor();

    await citizen.goto(`${platform.origin}/my-cases/${online.id}`);
    await citizen.getByText('复印件不清晰，请重新上传清晰的扫描件').waitFor();
    await citizen.getByText('经营范围表述不规范，请按规范表述填写').waitFor();
    expect(await citizen.getByTestId('case-status').textContent()).toBe('待补正');
    await screenshot(citizen, 'workbench-11-applicant-sees-correction');
  });

  it('a staff member of another department cannot see the case', async () => {
    const health = await as('xh.health', `/workbench/cases/${online.id}`);
    await health.getByText('办件').first().waitFor();
    await health.locator('.error-state, [role=alert]').first().waitFor();
    expect(await health.getByTestId('desk-status').count()).toBe(0);
    await check(health, '12-other-department-refused');
    const direct = await api(health, 'GET', `/api/v1/cases/${online.id}`);
    expect(direct.status).toBe(403);
    for (const queue of ['pre_review', 'acceptance', 'review', 'decision', 'production', 'delivery']) {
      const page = await api<{ items: { id: string }[] }>(
        health,
        'GET',
        `/api/v1/workbench/cases?queue=${queue}`,
      );
      expect(page.json.items.map((item) => item.id)).not.toContain(online.id);
    }
  });

  it('an administrator edits an item, sees the quality-rule failures, fixes them and publishes; the running case keeps its version', async () => {
    const admin = await as('hz.catalogue', '/admin');
    expect(await admin.locator('.site-nav a[href="/admin"]').count()).toBe(1);
    await admin.click('a[href="/admin/catalogue"]');
    await admin.getByLabel('搜索事项').fill('个体工商户设立登记');
    await admin.keyboard.press('Enter');
    await admin.locator(`a[href="/admin/catalogue/${INDIVIDUAL}"]`).click();
    await admin.locator('#guide-visits').waitFor();
    const before = (await admin.getByTestId('published-version').textContent()) ?? '';
    await check(admin, '13-catalogue-editor');

    // Two visits and no reason: publishing lists every broken rule.
    await admin.fill('#guide-visits', '2');
    await admin.fill('#guide-visit-reason', '');
    await admin.getByTestId('publish').click();
    await admin.getByTestId('quality-report').waitFor();
    expect(await admin.getByTestId('quality-report').textContent()).toContain('到现场');
    await check(admin, '14-quality-failures');

    await admin.fill('#guide-visits', '0');
    await admin.getByRole('tab', { name: '申请表' }).click();
    await admin.getByText('预览（与网上办事大厅一致）').waitFor();
    await check(admin, '15-form-preview');
    await admin.getByTestId('publish').click();
    await admin.getByTestId('publish-success').waitFor();
    const after = (await admin.getByTestId('published-version').textContent()) ?? '';
    expect(Number(after.slice(1))).toBe(Number(before.slice(1)) + 1);

    // The case filed before keeps the version it started on.
    const view = await api<{ versionId: string }>(admin, 'GET', `/api/v1/items/${INDIVIDUAL}`);
    expect(view.json.versionId).not.toBe(online.versionId);
    const clerk = await as('xh.window', `/workbench/cases/${online.id}`);
    await expect.poll(() => clerk.getByTestId('case-version').textContent()).toBe(before.slice(1));
    await check(clerk, '16-case-keeps-version');
  });
});
