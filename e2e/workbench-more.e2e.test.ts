import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ENTERPRISE } from '../apps/server/src/demo-people.js';
import { launchBrowser, overflowsHorizontally } from './support/browser.js';
import { foodLicenceWalkIn, type Platform, startPlatform } from './support/platform.js';
import { type StaffBrowser, staffBrowser } from './support/staff.js';

/**
 * More of the workbench in a real browser: materials uploaded at the window, an extension requested
 * by the reviewer and granted by the approver, a lead's bulk assignment to a colleague picked by
 * name, and the workbench in English on a 375 px phone screen.
 *
 * The case clock is fixed at Monday 2026-11-02 10:00 (China time), so every deadline, extended or
 * not, falls inside the years the calendar knows (a real date in December would reach 2027).
 */

const PDF = '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n';

let platform: Platform;
let browser: Browser;
let staff: StaffBrowser;
let foodCode = '';
const walkIn = { id: '', number: '' };

beforeAll(async () => {
  platform = await startPlatform({ clock: () => new Date('2026-11-02T10:00:00+08:00') });
  browser = await launchBrowser();
  staff = staffBrowser(platform, browser, 'workbench-more');
  const search = await fetch(
    `${platform.origin}/api/v1/items?q=${encodeURIComponent('食品经营许可')}&region=330106`,
  );
  const { items } = (await search.json()) as {
    items: { implementationCode: string; department: { name: string } }[];
  };
  foodCode =
    items.find((item) => item.department.name.includes('西湖区市场监督管理局'))?.implementationCode ?? '';
  expect(foodCode).not.toBe('');
});
afterAll(async () => {
  await staff?.close();
  await browser?.close();
  await platform?.close();
});

/** The Nth working day after a date, from the platform's public calendar. */
async function workingDaysAfter(from: string, workingDays: number): Promise<string> {
  const response = await fetch(
    `${platform.origin}/api/v1/calendar/deadline?from=${from}&workingDays=${workingDays}`,
  );
  return ((await response.json()) as { due: string }).due;
}

describe('the workbench: window uploads, extension, colleagues, English at 375 px', () => {
  it('a clerk enters a walk-in application, uploads a material, accepts it, and the desk shows the file', async () => {
    const page = await staff.as('xh.window', '/workbench/window');
    await page.getByTestId('window-item').click();
    await page.keyboard.type('食品经营许可');
    await page.locator('.ant-select-item-option', { hasText: '西湖区市场监督管理局' }).first().click();
    await page.locator('#enterpriseName').waitFor();
    await page.click('input[type=radio][value=enterprise]');
    await page.fill('#applicant_name', DEMO_ENTERPRISE.name);
    await page.fill('#applicant_identifier', DEMO_ENTERPRISE.creditCode);
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
    await page.click('button:has-text("录入申请")');
    await page.getByTestId('window-materials').waitFor();
    walkIn.number = (await page.getByTestId('window-application-number').textContent()) ?? '';
    walkIn.id =
      ((await page.getByTestId('window-to-desk').getAttribute('href')) ?? '').split('/').pop() ?? '';
    expect(walkIn.id).toMatch(/^[0-9a-f-]{36}$/);

    // The first material the applicant brings: uploaded through the same API and limits as online.
    const upload = page.locator('[data-testid="window-materials"] input[type=file]').first();
    const key = (await upload.getAttribute('data-upload')) ?? '';
    expect(key).not.toBe('');
    // A file that is not what it claims is refused by the blob store's byte check, with its message.
    await upload.setInputFiles({
      name: 'fake.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('not a pdf'),
    });
    await page.locator(`li[data-material="${key}"] .ant-alert-error`).waitFor();
    await upload.setInputFiles({
      name: '营业执照副本.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(PDF),
    });
    await page.locator(`li[data-material="${key}"] .material-provided`).waitFor();
    expect(await page.locator(`li[data-material="${key}"] .material-provided`).textContent()).toContain(
      '营业执照副本.pdf',
    );
    await staff.check(page, '01-window-materials');
    await page.getByTestId('window-accept').click();
    await page.getByTestId('window-case-number').waitFor();

    await page.getByTestId('window-to-desk').click();
    await page.getByTestId('desk-status').waitFor();
    await page.locator(`button[data-view="${key}"]`).waitFor();
    expect(await page.locator('td:has-text("营业执照副本.pdf")').count()).toBe(1);
    await page.locator(`button[data-view="${key}"]`).click();
    await expect
      .poll(async () => (await page.getByTestId('material-frame').getAttribute('src')) ?? '')
      .toMatch(/^blob:/);
    await staff.check(page, '02-desk-window-material');
    await page.keyboard.press('Escape');
  });

  it('the reviewer requests an extension, the approver grants it, and the desk shows the new due dates', async () => {
    const reviewer = await staff.as('xh.reviewer', '/workbench?queue=review');
    await staff.openFromQueue(reviewer, 'review', walkIn.id, walkIn.number);
    await reviewer.locator(`a[data-case="${walkIn.id}"]`).click();
    await reviewer.locator('button[data-action="request_extension"]').waitFor();
    // The reviewer asks; approving is not theirs.
    expect(await reviewer.locator('button[data-action="approve_extension"]').count()).toBe(0);
    const legalBefore = (await reviewer.getByTestId('legal-due').textContent()) ?? '';
    const promisedBefore = ((await reviewer.getByTestId('promised-due').textContent()) ?? '').slice(0, 10);
    expect(legalBefore).toMatch(/^2026-\d\d-\d\d$/);
    const reason = '申请人经营场所涉及多处分店，需逐一现场核查';
    await staff.takeAction(reviewer, 'request_extension', async () => {
      await reviewer.getByLabel('理由').fill(reason);
    });
    await reviewer.getByTestId('extension-request').waitFor();
    expect(await reviewer.locator('button[data-action="request_extension"]').count()).toBe(0);
    await staff.check(reviewer, '03-desk-extension-requested');

    const approver = await staff.as('xh.approver', `/workbench/cases/${walkIn.id}`);
    await approver.getByTestId('extension-request').waitFor();
    expect(await approver.getByTestId('extension-request').textContent()).toContain(reason);
    expect(await approver.locator('button[data-action="decline_extension"]').count()).toBe(1);
    expect(await approver.locator('button[data-action="request_extension"]').count()).toBe(0);
    // 第42条: +10 working days for a single department's case, on both clocks.
    const legalAfter = await workingDaysAfter(legalBefore, 10);
    const promisedAfter = await workingDaysAfter(promisedBefore, 10);
    await approver.locator('button[data-action="approve_extension"]').click();
    await expect.poll(() => approver.getByTestId('notice-preview').textContent()).toContain(legalAfter);
    expect(await approver.getByTestId('notice-preview').textContent()).toContain(reason);
    await staff.check(approver, '04-extension-confirm');
    await approver.getByTestId('confirm-action').click();
    await approver.getByTestId('confirm-action').waitFor({ state: 'detached' });
    await expect.poll(() => approver.getByTestId('legal-due').textContent()).toBe(legalAfter);
    expect(await approver.getByTestId('promised-due').textContent()).toContain(promisedAfter);
    expect(await approver.getByTestId('extension-days').textContent()).toBe('10 个工作日');
    expect(await approver.getByTestId('extension-request').count()).toBe(0);
    await approver.locator('[data-notice="extension"]').waitFor();
    await approver.locator('[data-timeline="approve_extension"]').waitFor();
    await staff.check(approver, '05-desk-extended');
    // Once only: the reviewer is not offered a second request.
    await reviewer.reload();
    await reviewer.getByTestId('desk-status').waitFor();
    await expect.poll(() => reviewer.getByTestId('legal-due').textContent()).toBe(legalAfter);
    expect(await reviewer.locator('button[data-action="request_extension"]').count()).toBe(0);
  });

  it('a lead bulk-assigns cases to a colleague picked by name', async () => {
    const lead = await staff.as(
      'xh.approver',
      `/workbench?queue=review&q=${encodeURIComponent(walkIn.number)}`,
    );
    await lead.locator(`a[data-case="${walkIn.id}"]`).waitFor();
    await lead.getByLabel(`选择 ${walkIn.number}`).check();
    await lead.getByTestId('bulk-target').click();
    await lead
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '分配给同事' })
      .click();
    await lead.getByTestId('bulk-colleague').click();
    await lead.keyboard.type('吴建');
    const option = lead.locator('.ant-select-dropdown:visible .ant-select-item-option', {
      hasText: '吴建华',
    });
    await option.waitFor();
    expect(await option.textContent()).toContain('审查人员');
    await staff.check(lead, '06-bulk-colleague');
    await option.click();
    await lead.getByTestId('bulk-assign').click();
    await expect.poll(() => lead.getByTestId('bulk-selected').textContent()).toBe('0');
    const colleagues = await staff.api<{ items: { id: string; name: string }[] }>(
      lead,
      'GET',
      `/api/v1/workbench/colleagues?q=${encodeURIComponent('吴建华')}`,
    );
    const wu = colleagues.json.items.find((c) => c.name === '吴建华');
    expect(wu).toBeDefined();
    const view = await staff.api<{ assigneeId: string | null }>(lead, 'GET', `/api/v1/cases/${walkIn.id}`);
    expect(view.json.assigneeId).toBe(wu?.id);
    // The reviewer finds it among their own cases.
    const reviewer = await staff.as('xh.reviewer', '/workbench?queue=review&assignee=me');
    await reviewer.locator(`a[data-case="${walkIn.id}"]`).waitFor();
  });

  it('a clerk who claims a case a colleague claimed a moment before is told so', async () => {
    const id = await platform.applyAtWindow(foodLicenceWalkIn(foodCode));
    const clerk = await staff.as('xh.window', '/workbench?queue=pre_review');
    const row = clerk.locator('.ant-table-row', { has: clerk.locator(`a[data-case="${id}"]`) });
    await row.waitFor();
    // 吴建华 claims it while the list on 周晓敏's screen still shows it unclaimed.
    const colleague = await staff.as('xh.reviewer', '/workbench');
    const taken = await staff.api(colleague, 'POST', `/api/v1/cases/${id}/claim`, {});
    expect(taken.status).toBe(200);
    await row.getByRole('button', { name: '认领' }).click();
    await clerk.locator('.ant-message').getByText('该办件已由其他工作人员认领办理').waitFor();
    await staff.check(clerk, '07-claim-conflict');
    const view = await staff.api<{ assigneeId: string | null }>(clerk, 'GET', `/api/v1/cases/${id}`);
    expect(view.json.assigneeId).not.toBeNull();
  });

  it('the workbench in English on a 375 px phone screen: queues, desk and window fit, with axe checks', async () => {
    const phone = { width: 375, height: 812 };
    const page = await staff.as('xh.window', '/workbench?queue=review', phone);
    await page.evaluate(() => localStorage.setItem('yiwang.language', 'en'));
    await page.reload();
    await page.getByRole('heading', { name: 'Workbench' }).waitFor();
    await page.locator('.workbench-nav a', { hasText: 'Walk-in counter' }).waitFor();
    await page.locator('[data-queue="review"]', { hasText: 'Review' }).waitFor();
    await page.locator('th', { hasText: 'Promised by' }).first().waitFor();
    expect(await overflowsHorizontally(page)).toBe(false);
    await staff.check(page, '375-en-01-queues');

    await page.goto(`${platform.origin}/workbench/cases/${walkIn.id}`);
    await page.getByTestId('desk-status').waitFor();
    await page.getByRole('heading', { name: 'Deadlines' }).waitFor();
    // Case data and official texts stay Chinese.
    expect(await page.getByTestId('desk-status').textContent()).toBe('已受理');
    expect(await overflowsHorizontally(page)).toBe(false);
    await staff.check(page, '375-en-02-desk');

    await page.goto(`${platform.origin}/workbench/window`);
    await page.getByRole('heading', { name: 'Walk-in counter' }).waitFor();
    await page.getByRole('button', { name: 'Enter application' }).waitFor();
    expect(await overflowsHorizontally(page)).toBe(false);
    await staff.check(page, '375-en-03-window');

    // And in Chinese at the same width.
    await page.evaluate(() => localStorage.removeItem('yiwang.language'));
    await page.goto(`${platform.origin}/workbench/cases/${walkIn.id}`);
    await page.getByRole('heading', { name: '办理时限' }).waitFor();
    expect(await overflowsHorizontally(page)).toBe(false);
    await staff.check(page, '375-zh-04-desk');
  });
});
