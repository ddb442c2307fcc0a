import { readFile } from 'node:fs/promises';
import { generate } from 'otplib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv, writeCsv } from '../apps/server/src/modules/catalogue/catalogue.transfer.js';
import { DEMO_PASSWORD } from '../apps/server/src/modules/identity/identity.demo.js';
import {
  chooseOption,
  launchBrowser,
  overflowsHorizontally,
  screenshot,
  seriousViolations,
} from './support/browser.js';
import { type Platform, startPlatform } from './support/platform.js';

/**
 * The administration console in a real browser: the system administrator (何海燕, zj.admin) opens a
 * staff account and grants a role, registers a department system (its secret shown once), adds a
 * calendar year, edits a licence type, makes and suspends a seal and edits a department; the
 * catalogue administrator of 杭州市 (孙立新, hz.catalogue) filters the entry list, exports the entries
 * of a region and sees every row error of a bad import. Every page passes axe and is
 * photographed; the console is checked in English on a 375 px screen.
 */

let platform: Platform;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pages = new Map<string, Page>();

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
});
afterEach(async (context) => {
  // A failed step leaves a picture of every open page, to see what the browser showed.
  if (context.task.result?.state !== 'fail') return;
  for (const [who, page] of pages) {
    await screenshot(page, `admin-failed-${who}-${context.task.name.slice(0, 30)}`).catch(() => undefined);
  }
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await platform?.close();
});

async function check(page: Page, name: string) {
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  await screenshot(page, `admin-${name}`);
  const violations = await seriousViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

/** Sign a staff member in on the unified login pages: password, then TOTP enrolment. */
async function staffLogin(page: Page, username: string) {
  await page.waitForURL(/\/oidc\//);
  await page.fill('#login', username);
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('button[type=submit]:has-text("登录")');
  await page.locator('#totp-secret').waitFor();
  const secret = ((await page.locator('#totp-secret').textContent()) ?? '').trim();
  await page.fill('#code', await generate({ secret }));
  await page.click('button:has-text("确认绑定")');
  await page.locator('#recovery-codes').waitFor();
  await page.click('button:has-text("我已保存，继续")');
}

/** The page of a staff member, signed in on first use, at `path`. */
async function as(who: string, path: string): Promise<Page> {
  let page = pages.get(who);
  if (!page) {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    contexts.push(context);
    page = await context.newPage();
    pages.set(who, page);
    await page.goto(`${platform.origin}${path}`);
    await staffLogin(page, who);
    await page.waitForURL((url) => url.pathname === path.split('?')[0]);
    return page;
  }
  await page.goto(`${platform.origin}${path}`);
  return page;
}

/** The first row of the visible table (antd) that contains `text`. */
const row = (page: Page, text: string) => page.locator('.ant-table-row', { hasText: text }).first();

/** Pick an option of an antd Select by typing into it (the department search asks the server). */
async function pickDepartment(page: Page, scope: ReturnType<Page['locator']>, name: string) {
  await scope.locator('.ant-select').first().click();
  await page.keyboard.type(name);
  await page.locator('.ant-select-item-option', { hasText: name }).first().click();
}

describe('the administration console in a real browser', () => {
  it('opens a staff account and grants it a role', async () => {
    const page = await as('zj.admin', '/admin/staff');
    await page.getByRole('heading', { name: '工作人员与角色', level: 1 }).waitFor();
    await check(page, '01-staff');
    const form = page.locator('form').filter({ has: page.locator('#username') });
    await form.locator('#name').fill('陈晓燕');
    await form.locator('#username').fill('xh.clerk2');
    await pickDepartment(page, form, '杭州市西湖区市场监督管理局');
    await form.locator('#regionCode').fill('330106');
    await form.locator('#password').fill('Xihu#Window2026');
    await page.getByRole('button', { name: '开设账户' }).click();
    await page.getByText('账户已开设，请为其授予角色。').waitFor();

    await page.getByLabel('搜索工作人员').fill('陈晓燕');
    await page.keyboard.press('Enter');
    await row(page, 'xh.clerk2').waitFor();
    await page.getByRole('button', { name: '管理角色 陈晓燕' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('尚未授予角色').waitFor();
    // The option list must have closed before 授予 is pressed: it covers the button while open.
    await chooseOption(page, '授予角色', '综合窗口');
    await drawer.getByRole('button', { name: '授予' }).click();
    await drawer.locator('.ant-table-row', { hasText: '综合窗口' }).waitFor();
    await check(page, '02-staff-roles');
    await drawer.locator('.ant-drawer-close').click();
  });

  it('registers a department system: the secret is shown once', async () => {
    const page = await as('zj.admin', '/admin/clients');
    await page.getByRole('heading', { name: '接入系统（统一登录）', level: 1 }).waitFor();
    const form = page.locator('form').filter({ has: page.locator('#redirectUris') });
    await form.locator('#name').fill('西湖区市场监管业务系统');
    await pickDepartment(page, form, '杭州市西湖区市场监督管理局');
    await form.locator('#redirectUris').fill('https://scjg.xihu.example.gov.cn/oidc/callback');
    // openid and profile are chosen already.
    await form.locator('.ant-select-selection-item', { hasText: 'openid' }).waitFor();
    await page.getByRole('button', { name: '登记', exact: true }).click();
    const modal = page.getByRole('dialog', { name: '系统已登记' });
    await modal.waitFor();
    const secret = ((await modal.locator('.secret-once').textContent()) ?? '').trim();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    await check(page, '03-client-secret-once');
    await modal.getByRole('button', { name: '我已妥善保存' }).click();
    await modal.waitFor({ state: 'hidden' });
    await row(page, '西湖区市场监管业务系统').waitFor();
    // Once closed, the secret is nowhere on the page, and the API never returns it.
    await expect.poll(() => page.content().then((html) => html.includes(secret))).toBe(false);
    const listed = await page.evaluate(async () => {
      const session = JSON.parse(sessionStorage.getItem('yiwang.session') ?? '{}') as {
        accessToken?: string;
      };
      const response = await fetch('/api/v1/identity/clients', {
        headers: { Authorization: `Bearer ${session.accessToken ?? ''}` },
      });
      return response.text();
    });
    expect(listed).toContain('西湖区市场监管业务系统');
    expect(listed).not.toContain(secret);
  });

  it('adds a calendar year from the State Council notice', async () => {
    const page = await as('zj.admin', '/admin/calendar');
    await page.getByRole('heading', { name: '工作日历', level: 1 }).waitFor();
    await page.locator('#year').fill('2027');
    await page.locator('#source').fill('国务院办公厅关于2027年部分节假日安排的通知（演示）');
    await page
      .locator('#text')
      .fill(
        [
          '2027-01-01 休 元旦',
          '2027-02-06 休 春节',
          '2027-02-07 休 春节',
          '2027-02-08 休 春节',
          '2027-02-09 休 春节',
          '2027-02-10 休 春节',
          '2027-02-11 休 春节',
          '2027-02-12 休 春节',
          '2027-02-13 休 春节',
          '2027-02-20 班 春节',
          '2027-10-01 休 国庆节',
          '2027-10-02 休 国庆节',
          '2027-10-03 休 国庆节',
        ].join('\n'),
      );
    await page.getByRole('button', { name: '解析并录入' }).click();
    await page.locator('.ant-alert-success', { hasText: '已录入' }).waitFor();
    await row(page, '2027').waitFor();
    await check(page, '04-calendar');
  });

  it('edits a licence type and makes, then suspends, a seal', async () => {
    const page = await as('zj.admin', '/admin/licences');
    await page.getByRole('heading', { name: '证照类型与电子印章', level: 1 }).waitFor();
    await check(page, '05-licences');
    await page.getByRole('button', { name: '编辑 食品经营许可证' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.locator('input[id="template_footnote"]').fill('登记机关：县级以上市场监督管理部门');
    await drawer.locator('#definingDepartment').fill('国家市场监督管理总局（食品经营许可）');
    await check(page, '06-licence-type-editor');
    await drawer.getByRole('button', { name: '保存' }).click();
    await drawer.waitFor({ state: 'detached' });
    await row(page, '国家市场监督管理总局（食品经营许可）').waitFor();

    await page.getByRole('button', { name: '制发电子印章' }).click();
    const modal = page.getByRole('dialog', { name: '制发电子印章' });
    await pickDepartment(page, modal, '杭州市西湖区卫生健康局');
    // The kind offered first is 电子证照专用章, the seal licences are signed with.
    await modal.getByRole('button', { name: '制发' }).click();
    await modal.waitFor({ state: 'detached' });
    const sealRow = page
      .locator('.ant-table-row', { hasText: '杭州市西湖区卫生健康局' })
      .filter({ hasText: '电子证照专用章' });
    await sealRow.first().waitFor();
    await sealRow.first().getByRole('button', { name: /^停用/ }).click();
    const confirm = page.getByRole('dialog', { name: /^停用电子印章/ });
    await confirm.locator('#seal-reason').fill('印章介质更换，暂停使用');
    await confirm.getByRole('button', { name: '停用' }).click();
    await confirm.waitFor({ state: 'detached' });
    await sealRow.filter({ hasText: '印章介质更换，暂停使用' }).first().waitFor();
    await check(page, '07-seals');
  });

  it('edits a department: a wrong credit code is refused as typed, the change is saved', async () => {
    // The filters live in the URL: a link to a filtered list is a bookmark.
    const page = await as('zj.admin', `/admin/departments?q=${encodeURIComponent('西湖区卫生健康局')}`);
    await page.getByRole('heading', { name: '部门与区划', level: 1 }).waitFor();
    await page.getByRole('button', { name: '编辑 杭州市西湖区卫生健康局' }).click();
    const drawer = page.getByRole('dialog');
    const code = (await drawer.locator('#creditCode').inputValue()).trim();
    const flipped = `${code.slice(0, 17)}${code[17] === '0' ? '1' : '0'}`;
    await drawer.locator('#creditCode').fill(flipped);
    await drawer.getByText('最后一位校验码错误').waitFor();
    await check(page, '08-department-credit-code-error');
    await drawer.locator('#creditCode').fill(code);
    await drawer.locator('#shortName').fill('西湖卫健');
    await drawer.getByRole('button', { name: '保存' }).click();
    await drawer.waitFor({ state: 'detached' });
    await row(page, '杭州市西湖区卫生健康局').waitFor();
    const stored = await page.evaluate(async () => {
      const response = await fetch(`/api/v1/departments?q=${encodeURIComponent('杭州市西湖区卫生健康局')}`);
      return (await response.json()) as { items: { shortName: string; creditCode: string }[] };
    });
    expect(stored.items[0]).toMatchObject({ shortName: '西湖卫健', creditCode: code });
    await check(page, '09-departments');
  });

  it('filters the catalogue on the server, exports a region’s entries and reports every row error of an import', async () => {
    const page = await as('hz.catalogue', '/admin/catalogue?region=330106');
    await page.getByRole('heading', { name: '事项目录', level: 1 }).waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    const totalText = (await page.locator('.ant-pagination-total-text').textContent()) ?? '';
    const xihuTotal = Number(/共 (\d+) 项/.exec(totalText)?.[1]);
    expect(xihuTotal).toBeGreaterThan(0);
    const regions = await page.locator('.ant-table-row td:nth-child(3)').allTextContents();
    expect(new Set(regions)).toEqual(new Set(['西湖区']));
    await check(page, '10-catalogue-region');

    await page.getByLabel('搜索事项').fill('食品经营许可');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=/);
    await row(page, '食品经营许可').waitFor();
    expect(await page.locator('.ant-table-row').count()).toBeLessThan(xihuTotal);
    // No retired entry in the seed: the state filter answers with the designed empty state.
    await page.getByLabel('状态').click();
    await page.locator('.ant-select-item-option', { hasText: '已废止' }).click();
    await page.getByText('没有匹配的事项').waitFor();
    await page.goto(`${platform.origin}/admin/catalogue?region=330106`);
    await page.locator('.ant-table-row').first().waitFor();

    await page.getByRole('radio', { name: 'CSV' }).check();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出实施清单' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^实施清单.*\.csv$/);
    const csv = (await readFile((await download.path()) as string, 'utf8')).replace(/^\uFEFF/, '');
    const [header, ...exported] = parseCsv(csv);
    const regionColumn = header?.indexOf('行政区划代码') ?? -1;
    expect(exported).toHaveLength(xihuTotal);
    expect(exported.every((line) => line[regionColumn]?.startsWith('330106'))).toBe(true);

    const template = exported[0]?.[0] ?? '';
    const bad = writeCsv([
      ['基本编码', '实施部门统一社会信用代码', '行政区划代码', '实施编码序号', '参照实施编码', '是否发布'],
      ['ZZ0000000000', '11330106MB0000000X', '330106', '5', template, '否'],
      [exported[0]?.[1] ?? '', '', '3301', 'x', template, '也许'],
    ]);
    await page
      .locator('input[type=file]')
      .first()
      .setInputFiles({ name: '实施清单导入.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    const report = page.getByTestId('import-error');
    await report.waitFor();
    await expect.poll(() => report.locator('.ant-table-row').count()).toBeGreaterThanOrEqual(4);
    const text = (await report.textContent()) ?? '';
    expect(text).toContain('未导入任何数据');
    expect(text).toContain('基本编码 ZZ0000000000 不在基本目录中');
    expect(text).toContain('行政区划代码');
    expect(text).toContain('是否发布');
    await check(page, '11-catalogue-import-errors');

    // The basic catalogue: an item entries implement keeps its key elements (the form says so).
    await page.goto(`${platform.origin}/admin/basic-items?q=${encodeURIComponent('食品经营许可')}`);
    await row(page, '食品经营许可').waitFor();
    await row(page, '食品经营许可').getByRole('button', { name: /^编辑/ }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('不能修改（同一事项、同一标准、同一编码）', { exact: false }).waitFor();
    expect(await drawer.locator('#name').isDisabled()).toBe(true);
    await check(page, '12-basic-item-editor');
  });

  it('the console in English on a 375 px screen: nothing wider than the phone', async () => {
    const page = await as('zj.admin', '/admin');
    await page.setViewportSize({ width: 375, height: 812 });
    await page.evaluate(() => localStorage.setItem('yiwang.language', 'en'));
    for (const [path, heading] of [
      ['/admin', 'Administration'],
      ['/admin/departments', 'Departments and regions'],
      ['/admin/licences', 'Licence types and seals'],
      ['/admin/staff', 'Staff and roles'],
    ] as const) {
      await page.goto(`${platform.origin}${path}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
      expect(await overflowsHorizontally(page), path).toBe(false);
    }
    await check(page, '13-en-375-staff');
    await page.goto(`${platform.origin}/admin/departments`);
    await page.getByRole('columnheader', { name: 'Credit code' }).waitFor();
    await check(page, '14-en-375-departments');
    await page.evaluate(() => localStorage.removeItem('yiwang.language'));
  });
});
