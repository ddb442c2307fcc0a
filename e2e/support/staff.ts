import { generate } from 'otplib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_CITIZEN } from '../../apps/server/src/demo-people.js';
import { DEMO_PASSWORD } from '../../apps/server/src/modules/identity/identity.demo.js';
import { screenshot, seriousViolations } from './browser.js';
import type { Platform } from './platform.js';

/**
 * Staff (and the demo citizen) in a real browser: one signed-in page per person, staff through the
 * unified login with password and TOTP (enrolled at the first sign-in, codes computed from the secret
 * the page shows; a recovery code for a second sign-in), and the workbench's common moves.
 */
export interface StaffBrowser {
  /** The page of a staff member by username (or `citizen`), signed in on first use, at `path`. */
  as(who: string, path: string, viewport?: { width: number; height: number }): Promise<Page>;
  /** No serious or critical axe violations, and a screenshot named `<prefix>-<name>`. */
  check(page: Page, name: string): Promise<void>;
  /** A JSON API call from inside the page, with its signed-in user's bearer token. */
  api<T>(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; json: T }>;
  /** Open a queue searched for a case's number, and wait for the case's row. */
  openFromQueue(page: Page, queue: string, caseId: string, number: string): Promise<void>;
  /** Click an action on the desk, fill its dialog, confirm and wait for the dialog to close. */
  takeAction(page: Page, action: string, fill?: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export function staffBrowser(platform: Platform, browser: Browser, prefix = 'workbench'): StaffBrowser {
  const contexts: BrowserContext[] = [];
  const pages = new Map<string, Page>();
  const recoveryCodes = new Map<string, string[]>();

  async function staffLogin(page: Page, username: string) {
    await page.waitForURL(/\/oidc\//);
    await page.fill('#login', username);
    await page.fill('#password', DEMO_PASSWORD);
    await page.click('button[type=submit]:has-text("登录")');
    await page.locator('#totp-secret, #code').first().waitFor();
    if ((await page.locator('#totp-secret').count()) > 0) {
      await screenshot(page, `login-totp-enrolment-${username}`);
      const secret = ((await page.locator('#totp-secret').textContent()) ?? '').trim();
      await page.fill('#code', await generate({ secret }));
      await page.click('button:has-text("确认绑定")');
      await page.locator('#recovery-codes').waitFor();
      recoveryCodes.set(username, await page.locator('#recovery-codes li').allTextContents());
      await page.click('button:has-text("我已保存，继续")');
    } else {
      // A second sign-in within 30 s would reuse a TOTP step; a recovery code works once, at once.
      const code = recoveryCodes.get(username)?.shift();
      if (!code) throw new Error(`no recovery code left for ${username}`);
      await page.fill('#code', code);
      await page.click('button:has-text("验证")');
    }
  }

  return {
    async as(who, path, viewport = { width: 1280, height: 900 }) {
      const key = `${who}@${viewport.width}`;
      let page = pages.get(key);
      if (!page) {
        const context = await browser.newContext({ viewport, locale: 'zh-CN' });
        contexts.push(context);
        page = await context.newPage();
        pages.set(key, page);
        await page.goto(`${platform.origin}${path}`);
        if (who === 'citizen') {
          await page.waitForURL(/\/oidc\//);
          await page.fill('#login', DEMO_CITIZEN.idNumber);
          await page.fill('#password', DEMO_PASSWORD);
          await page.click('button[type=submit]:has-text("登录")');
        } else {
          await staffLogin(page, who);
        }
        await page.waitForURL((url) => url.pathname === path.split('?')[0]);
        return page;
      }
      await page.goto(`${platform.origin}${path}`);
      return page;
    },

    async check(page, name) {
      // An inline PDF viewer may keep the page from ever being network-idle; settle briefly instead.
      await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
      await screenshot(page, `${prefix}-${name}`);
      const violations = await seriousViolations(page);
      expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
    },

    api(page, method, url, body) {
      return page.evaluate(
        async ({ method, url, body }) => {
          const session = JSON.parse(sessionStorage.getItem('yiwang.session') ?? '{}') as {
            accessToken?: string;
          };
          const response = await fetch(url, {
            method,
            headers: {
              Authorization: `Bearer ${session.accessToken ?? ''}`,
              'Content-Type': 'application/json',
              Accept: 'application/json',
            },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          });
          return { status: response.status, json: (await response.json().catch(() => null)) as never };
        },
        { method, url, body },
      );
    },

    async openFromQueue(page, queue, caseId, number) {
      await page.goto(`${platform.origin}/workbench?queue=${queue}&q=${encodeURIComponent(number)}`);
      await page.locator(`a[data-case="${caseId}"]`).waitFor();
    },

    async takeAction(page, action, fill) {
      await page.locator(`button[data-action="${action}"]`).click();
      await page.getByTestId('confirm-action').waitFor();
      if (fill) await fill();
      await page.getByTestId('confirm-action').click();
      await page.getByTestId('confirm-action').waitFor({ state: 'detached' });
    },

    async close() {
      for (const context of contexts) await context.close();
    },
  };
}
