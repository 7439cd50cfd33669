import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { freshTotp } from '../server/src/testing/totp.js';
import { DEMO_PASSWORD } from '../server/src/seed/accounts.js';

export { DEMO_PASSWORD };

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');

/** How long a UI expectation may take to come true. */
export const UI_TIMEOUT = 30_000;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export function baseUrl(): string {
  return inject('baseUrl');
}

export function url(p: string): string {
  return new URL(p, baseUrl()).toString();
}

export interface Session {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
}

/**
 * One browser per test file, a fresh context (no cookies, no storage) and page per test, 1440×900.
 * A failed test leaves a screenshot named failed-<test name>.png.
 */
export function useBrowser(): Session {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    context = await browser!.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', baseURL: baseUrl() });
    context.setDefaultTimeout(UI_TIMEOUT);
    page = await context.newPage();
  });
  afterEach(async (ctx) => {
    if (page && ctx.task.result?.state === 'fail') {
      await screenshot(page, `failed-${slug(ctx.task.name)}`).catch(() => {});
    }
    await context?.close();
    context = undefined;
    page = undefined;
  });

  return {
    get browser() {
      return browser!;
    },
    get context() {
      if (!context) throw new Error('no browser context outside a test');
      return context;
    },
    get page() {
      if (!page) throw new Error('no page outside a test');
      return page;
    },
  };
}

function slug(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-|-$/g, '').slice(0, 80) || 'test';
}

/** Full-page screenshot at e2e/screenshots/<name>.png (the 100vh sider ends at the first screen's height). */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  // sticky header and sider are drawn where the scroll position puts them
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

export function byTestId(page: Page | Locator, id: string): Locator {
  return page.locator(`[data-testid="${id}"]`);
}

export interface LoginOptions {
  password?: string;
  /** Base32 TOTP secret; defaults to the seeded secret of the account, if it has one. */
  totpSecret?: string;
  /** What to wait for after signing in: the normal shell (default), the forced password/TOTP shell, or nothing. */
  expect?: 'main' | 'forced' | 'none';
}

/**
 * Signs in through the login page, answering the TOTP step when it appears.
 * The server allows 20 login requests a minute per IP (a TOTP account takes two): keep journeys frugal.
 */
export async function login(page: Page, username: string, opts: LoginOptions = {}): Promise<void> {
  await page.goto(url('/login'));
  await byTestId(page, 'login-username').fill(username);
  await byTestId(page, 'login-password').fill(opts.password ?? DEMO_PASSWORD);
  await byTestId(page, 'login-submit').click();

  const totp = byTestId(page, 'login-totp');
  const error = byTestId(page, 'login-error').or(byTestId(page, 'login-locked'));
  const shell = byTestId(page, 'layout-main').or(byTestId(page, 'layout-forced'));
  await totp.or(error).or(shell).first().waitFor();

  if (await totp.isVisible()) {
    const secret = opts.totpSecret ?? inject('totpSecrets')[username];
    if (!secret) throw new Error(`${username} asks for a TOTP code but no secret is known`);
    // One server for the whole run: the steps used are shared by the files' workers through a directory.
    await totp.fill(await freshTotp(secret, path.join(os.tmpdir(), `sibao-e2e-totp-${new URL(baseUrl()).port}`)));
    await byTestId(page, 'login-submit').click();
  }
  if (opts.expect === 'none') return;
  const want = byTestId(page, opts.expect === 'forced' ? 'layout-forced' : 'layout-main');
  await want.or(error).first().waitFor();
  if (await error.isVisible()) throw new Error(`login ${username} failed: ${await error.innerText()}`);
}

/** Signs out through the header button and waits for the login page. */
export async function logout(page: Page): Promise<void> {
  await byTestId(page, 'header-logout').click();
  await byTestId(page, 'login-form').waitFor();
}

/** Waits until the locator's text contains every given string. */
export async function expectText(locator: Locator, ...texts: string[]): Promise<void> {
  await locator.first().waitFor();
  await expect
    .poll(async () => locator.first().innerText(), { timeout: UI_TIMEOUT, interval: 100 })
    .toSatisfy((t: string) => texts.every((s) => t.includes(s)));
}

/** Waits until the locator's text contains none of the given strings. */
export async function expectNoText(locator: Locator, ...texts: string[]): Promise<void> {
  await locator.first().waitFor();
  await expect
    .poll(async () => locator.first().innerText(), { timeout: UI_TIMEOUT, interval: 100 })
    .toSatisfy((t: string) => texts.every((s) => !t.includes(s)));
}

/** The innerText of the whole page body. */
export function pageText(page: Page): Promise<string> {
  return page.locator('body').innerText();
}

/** Popups of antd Select/TreeSelect that are open (or still closing). */
export function openDropdowns(page: Page): Locator {
  return page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
}

/**
 * Opens an antd Select or TreeSelect, optionally types a search, and picks the option whose text contains `text`;
 * then waits until the popup has closed and the select shows the choice.
 */
export async function pickOption(page: Page, select: Locator, text: string, opts: { search?: string } = {}): Promise<void> {
  // one popup at a time, so the open one is unambiguous
  await expect.poll(() => openDropdowns(page).count(), { timeout: UI_TIMEOUT }).toBe(0);
  await select.click();
  const dropdown = openDropdowns(page);
  await dropdown.waitFor();
  if (opts.search !== undefined) await select.locator('input[role="combobox"]').first().pressSequentially(opts.search);
  const option = dropdown.locator('.ant-select-item-option, .ant-select-tree-node-content-wrapper').filter({ hasText: text }).first();
  // A click that lands while the list is still filtering or animating can be swallowed by antd; the popup then stays
  // open with nothing chosen. Try again (a few times) rather than fail on the machine's timing.
  for (let attempt = 0; ; attempt++) {
    await option.click();
    const closed = await expect
      .poll(() => openDropdowns(page).count(), { timeout: attempt < 3 ? 3_000 : UI_TIMEOUT })
      .toBe(0)
      .then(() => true, () => false);
    if (closed) break;
    if (attempt >= 3) throw new Error(`the option "${text}" was clicked ${attempt + 1} times and the popup stayed open`);
    const shown = await select.innerText();
    if (shown.includes(text)) {
      await page.keyboard.press('Escape');
      await expect.poll(() => openDropdowns(page).count(), { timeout: UI_TIMEOUT }).toBe(0);
      break;
    }
  }
  await expectText(select, text);
}
