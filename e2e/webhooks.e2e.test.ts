import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../apps/server/src/platform/notify.js';
import { launchBrowser, overflowsHorizontally } from './support/browser.js';
import { foodLicenceWalkIn, type Platform, startPlatform } from './support/platform.js';
import { type StaffBrowser, staffBrowser } from './support/staff.js';

/**
 * 对接系统（办件事件推送） in a real browser. The data administrator (何海燕, zj.admin, 数据管理员
 * everywhere) connects a system of 西湖区市场监管局 to its case events — a receiver this test runs on
 * the loopback interface — and sees it listed, the secret gone from the page. Two walk-in
 * applications then send `case.submit` while the receiver answers 503: the platform runs with two
 * outbox attempts and this test drains the relay itself (jobs are off), so both events are dead in
 * about a second. With the receiver fixed, 重新发送 puts one back in the queue and it is delivered,
 * signed with the secret typed once; the other, sent again through the API meanwhile (another
 * administrator), gets the server's refusal on the page.
 */

const DEPARTMENT = '杭州市西湖区市场监督管理局';
const SECRET = 'e2e-webhook-secret-0123456789abcdef';
const NEW_SECRET = 'e2e-webhook-secret-rotated-fedcba9876543210';
const TITLE = '对接系统（办件事件推送）';
/** A page reads its lists from the server: give it longer than expect.poll's one second. */
const POLL = { timeout: 10_000 };

/** One department system's endpoint: what it was sent, and the status it answers with. */
interface Receiver {
  url: string;
  status: number;
  received: { event: string; delivery: string; signature: string; body: string }[];
  server: Server;
}

async function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = { url: '', status: 503, received: [], server: createServer() };
  receiver.server.on('request', (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      receiver.received.push({
        event: String(request.headers['x-yiwang-event']),
        delivery: String(request.headers['x-yiwang-delivery']),
        signature: String(request.headers['x-yiwang-signature']),
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(receiver.status).end();
    });
  });
  await new Promise<void>((done) => receiver.server.listen(0, '127.0.0.1', done));
  receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/yiwang/case-events`;
  return receiver;
}

let platform: Platform;
let browser: Browser;
let staff: StaffBrowser;
let receiver: Receiver;
let departmentId = '';
let foodCode = '';

beforeAll(async () => {
  platform = await startPlatform({ outboxMaxAttempts: 2 });
  browser = await launchBrowser();
  staff = staffBrowser(platform, browser, 'webhooks');
  receiver = await startReceiver();
  const departments = await fetch(
    `${platform.origin}/api/v1/departments?q=${encodeURIComponent(DEPARTMENT)}`,
  );
  departmentId = ((await departments.json()) as { items: { id: string }[] }).items[0]?.id ?? '';
  const search = await fetch(
    `${platform.origin}/api/v1/items?q=${encodeURIComponent('食品经营许可')}&region=330106`,
  );
  const { items } = (await search.json()) as {
    items: { implementationCode: string; department: { name: string } }[];
  };
  foodCode = items.find((item) => item.department.name === DEPARTMENT)?.implementationCode ?? '';
  expect(departmentId).not.toBe('');
  expect(foodCode).not.toBe('');
});
afterAll(async () => {
  await staff?.close();
  await browser?.close();
  await platform?.close();
  await new Promise((done) => receiver?.server.close(done));
});

/** A walk-in application of 食品经营许可 at 西湖区市场监管局: its submission is a `case.submit` event. */
function applyForFoodLicence() {
  return platform.applyAtWindow(foodLicenceWalkIn(foodCode));
}

/** Run the outbox relay until `count` messages are dead (each waits a second's backoff between tries). */
async function drainUntilDead(count: number) {
  let dead = 0;
  const deadline = Date.now() + 15_000;
  while (dead < count) {
    if (Date.now() > deadline) throw new Error(`only ${dead} of ${count} outbox messages died`);
    dead += (await platform.app.outbox.drainOnce()).dead;
    if (dead < count) await new Promise((done) => setTimeout(done, 250));
  }
}

/**
 * Choose options of a multiple antd Select by their exact text. A click while the list is still
 * opening is now and then lost (see chooseOption in support/browser.ts), so each choice is checked
 * and clicked again if it did not take; a second click on a chosen option would undo it.
 */
async function chooseOptions(page: Page, input: Locator, labels: readonly string[]) {
  await input.click();
  for (const label of labels) {
    const option = page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: new RegExp(`^${label}$`) });
    const chosen = async () =>
      ((await option.getAttribute('class')) ?? '').includes('ant-select-item-option-selected');
    for (let attempt = 1; attempt <= 3 && !(await chosen()); attempt += 1) {
      await option.click();
      await expect
        .poll(chosen, { timeout: 1_000 })
        .toBe(true)
        .catch(() => undefined);
    }
    expect(await chosen(), label).toBe(true);
  }
  await page.keyboard.press('Escape');
}

/** The deliveries panel, and a state of its segmented control. */
const deliveries = (page: Page) => page.getByRole('region', { name: '推送记录', exact: true });
const STATE_NAMES = { dead: '失败', pending: '待发送', delivered: '已送达' } as const;
async function showState(page: Page, state: keyof typeof STATE_NAMES) {
  await deliveries(page).locator('.ant-segmented-item', { hasText: STATE_NAMES[state] }).click();
  await page.waitForURL(new RegExp(`state=${state}`));
}

describe('对接系统: case webhooks in a real browser', () => {
  it('connects a department system: the server’s field errors by the fields, the secret never shown again', async () => {
    const page = await staff.as('zj.admin', '/admin');
    await page.locator('.workbench-nav a[href="/admin/webhooks"]').click();
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await page.getByText('请选择要管理其对接系统的部门').waitFor();
    await page.locator('.admin-filters .ant-select').click();
    await page.keyboard.type(DEPARTMENT);
    await page.locator('.ant-select-item-option', { hasText: DEPARTMENT }).first().click();
    await page.waitForURL(new RegExp(`department=${departmentId}`));
    const list = page.getByRole('region', { name: '已接入的系统', exact: true });
    await list.getByText('该部门尚未接入业务系统').waitFor();
    await deliveries(page).getByText('没有失败的推送').waitFor();

    const form = page.getByRole('region', { name: '接入新系统', exact: true });
    // A scheme the server refuses: its own message stands under the field.
    await form.locator('#url').fill('ftp://scjg.xihu.example.gov.cn/events');
    await form.locator('#secret').fill(SECRET);
    await chooseOptions(page, form.locator('#actions'), ['提交申请', '受理']);
    await form.getByRole('button', { name: '保存订阅' }).click();
    const urlError = form
      .locator('.ant-form-item', { has: page.locator('#url') })
      .locator('.ant-form-item-explain-error');
    await expect.poll(() => urlError.textContent(), POLL).toBe('格式不正确');
    await staff.check(page, '01-field-error');

    await form.locator('#url').fill(receiver.url);
    await form.getByRole('button', { name: '保存订阅' }).click();
    await form.getByText('订阅已保存。密钥已加密保存，今后不会再显示。').waitFor();
    const subscription = list.locator('.ant-table-row', { hasText: receiver.url });
    await subscription.waitFor();
    expect(await subscription.locator('.ant-tag').allTextContents()).toEqual(['提交申请', '受理', '启用']);
    expect(await form.locator('#secret').inputValue()).toBe('');
    expect(await page.content()).not.toContain(SECRET);
    const listed = await staff.api<unknown>(page, 'GET', `/api/v1/departments/${departmentId}/case-webhooks`);
    expect(JSON.stringify(listed.json)).not.toContain(SECRET);
    await staff.check(page, '02-subscribed');

    // Switched off (nothing is sent meanwhile) and on again: the row follows the server.
    const state = async () => (await subscription.locator('.ant-tag').allTextContents()).at(-1);
    await subscription.getByRole('button', { name: `停用 ${receiver.url}` }).click();
    await expect.poll(state, POLL).toBe('停用');
    await subscription.getByRole('button', { name: `启用 ${receiver.url}` }).click();
    await expect.poll(state, POLL).toBe('启用');
  });

  it('a dead delivery is sent again with 重新发送 and leaves the dead list; a stale one is refused', async () => {
    await applyForFoodLicence();
    await applyForFoodLicence();
    await drainUntilDead(2);
    // Each event was tried twice, signed with the secret typed once.
    expect(receiver.received).toHaveLength(4);
    const now = Math.floor(Date.now() / 1000);
    for (const sent of receiver.received) {
      expect(sent.event).toBe('case.submit');
      expect(verifyWebhookSignature(SECRET, sent.signature, sent.body, now)).toBe(true);
    }

    const page = await staff.as('zj.admin', `/admin/webhooks?department=${departmentId}`);
    const panel = deliveries(page);
    const dead = panel.locator('.ant-table-row');
    await expect.poll(() => dead.count(), POLL).toBe(2);
    const first = dead.first();
    for (const text of ['提交申请（case.submit）', receiver.url, 'answered 503'])
      await first.getByText(text).first().waitFor();
    expect(await first.locator('td').nth(3).textContent()).toBe('2');
    await staff.check(page, '03-dead');

    // The receiving system is fixed; the newer one is sent again by another administrator meanwhile.
    receiver.status = 204;
    const [newer, older] = await Promise.all(
      [0, 1].map(async (index) => Number(await dead.nth(index).locator('td').first().textContent())),
    );
    const elsewhere = await staff.api<{ state: string }>(
      page,
      'POST',
      `/api/v1/departments/${departmentId}/case-webhooks/deliveries/${newer}/retry`,
      {},
    );
    expect(elsewhere).toMatchObject({ status: 200, json: { state: 'pending' } });

    // The page still lists the newer one as dead: the server refuses, and the list is read again.
    await panel.getByRole('button', { name: `重新发送 ${newer}` }).click();
    await panel.getByText('只有已放弃投递的推送可以重新发送').waitFor();
    await expect.poll(() => dead.count(), POLL).toBe(1);
    await panel.getByRole('button', { name: `重新发送 ${older}` }).click();
    await panel.getByText(`第 ${older} 条推送已重新排队`).waitFor();
    // Both have left the dead list.
    await panel.getByText('没有失败的推送').waitFor();
    await staff.check(page, '04-resent');

    await showState(page, 'pending');
    await expect.poll(() => dead.count(), POLL).toBe(2);
    expect(await dead.locator('td:nth-child(4)').allTextContents()).toEqual(['0', '0']);
    const result = await platform.app.outbox.drainOnce();
    expect(result).toMatchObject({ delivered: 2, dead: 0 });
    expect(receiver.received).toHaveLength(6);
    const last = receiver.received.at(-1);
    expect(
      verifyWebhookSignature(SECRET, last?.signature ?? '', last?.body ?? '', Math.floor(Date.now() / 1000)),
    ).toBe(true);
    await showState(page, 'delivered');
    await expect.poll(() => dead.count(), POLL).toBe(2);
    await staff.check(page, '05-delivered');

    // The page in English on a phone: nothing wider than the screen.
    await page.setViewportSize({ width: 375, height: 812 });
    await page.evaluate(() => localStorage.setItem('yiwang.language', 'en'));
    await page.reload();
    await page.getByRole('heading', { name: 'Connected systems (case events)', level: 1 }).waitFor();
    await page
      .getByRole('region', { name: 'Deliveries', exact: true })
      .locator('.ant-table-row')
      .first()
      .waitFor();
    await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
    expect(await overflowsHorizontally(page)).toBe(false);
    await staff.check(page, '06-en-375');
    await page.evaluate(() => localStorage.removeItem('yiwang.language'));
  });

  it('replaces the secret (the next event is signed with it) and removes the system', async () => {
    const page = await staff.as('zj.admin', `/admin/webhooks?department=${departmentId}`);
    const list = page.getByRole('region', { name: '已接入的系统', exact: true });
    const subscription = list.locator('.ant-table-row', { hasText: receiver.url });
    await subscription.getByRole('button', { name: `更换密钥 ${receiver.url}` }).click();
    const dialog = page.locator('.ant-modal', { hasText: '更换签名密钥' });
    await dialog.locator('#rekey_secret').fill('too-short');
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await dialog.getByText('32–200 位').waitFor();
    await dialog.locator('#rekey_secret').fill(NEW_SECRET);
    await staff.check(page, '07-rekey');
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByText('密钥已更换').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.content()).not.toContain(NEW_SECRET);

    const before = receiver.received.length;
    await applyForFoodLicence();
    expect(await platform.app.outbox.drainOnce()).toMatchObject({ delivered: 1 });
    const sent = receiver.received.at(-1);
    expect(receiver.received).toHaveLength(before + 1);
    const now = Math.floor(Date.now() / 1000);
    expect(verifyWebhookSignature(NEW_SECRET, sent?.signature ?? '', sent?.body ?? '', now)).toBe(true);
    expect(verifyWebhookSignature(SECRET, sent?.signature ?? '', sent?.body ?? '', now)).toBe(false);

    // Removed with an event waiting: the event is dropped, the list is empty.
    await applyForFoodLicence();
    await subscription.getByRole('button', { name: `删除 ${receiver.url}` }).click();
    await page.locator('.ant-popconfirm-buttons .ant-btn-primary').click();
    await list.getByText('该部门尚未接入业务系统').waitFor();
    await staff.check(page, '08-removed');
    await platform.app.outbox.drainOnce();
    expect(receiver.received).toHaveLength(before + 1);
  });
});
