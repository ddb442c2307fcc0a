import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`); browsers are never downloaded. */
export const CHROMIUM = '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const screenshotDir = resolve('e2e/screenshots');
mkdirSync(screenshotDir, { recursive: true });

/** A full-page screenshot under e2e/screenshots/ (git-ignored) for a reviewer to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.x A/AA rules). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the app's CSP (script-src 'self') rightly refuses inline scripts.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Whether the page is wider than the viewport (something does not fit a phone screen). */
export function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

/**
 * Choose an option of the Ant Design Select whose input is labelled `label`: the first option, or the
 * one titled `title`. Returns the option's text once the select shows it. A click on an option while
 * the dropdown is still opening is now and then lost, so a choice that did not take is tried again
 * (three times at most) instead of failing later on an empty field.
 */
export async function chooseOption(page: Page, label: string, title?: string): Promise<string> {
  const input = page.getByLabel(label, { exact: true });
  const select = page.locator('.ant-select', { has: input }).last();
  const openDropdown = page.locator('.ant-select-dropdown:visible');
  for (let attempt = 1; ; attempt += 1) {
    await input.click();
    const option = title
      ? openDropdown.locator(`.ant-select-item-option[title="${title}"]`)
      : openDropdown.locator('.ant-select-item-option').first();
    await option.waitFor();
    const text = ((await option.textContent()) ?? '').trim();
    await option.click();
    const shown = async () => ((await select.locator('.ant-select-content').textContent()) ?? '').trim();
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline && ((await shown()) !== text || (await openDropdown.count()) > 0))
      await page.waitForTimeout(100);
    if ((await shown()) === text && (await openDropdown.count()) === 0) return text;
    if (attempt === 3)
      throw new Error(`"${label}" did not take the option "${text}" (shows "${await shown()}")`);
    await page.keyboard.press('Escape');
  }
}
