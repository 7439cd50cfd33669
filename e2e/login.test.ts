import { describe, expect, it } from 'vitest';
import { byTestId, expectNoText, expectText, login, logout, pageText, screenshot, url, useBrowser } from './browser.js';

describe('sign-in, shell and language (kf_dispatcher)', () => {
  const s = useBrowser();

  it('rejects a wrong password with a visible error', async () => {
    const { page } = s;
    await page.goto(url('/login'));
    await expectText(byTestId(page, 'login-title'), '四保白名单企业(项目)运行调度平台');
    await byTestId(page, 'login-username').fill('kf_dispatcher');
    await byTestId(page, 'login-password').fill('Wrong@Pass1');
    await byTestId(page, 'login-submit').click();
    const error = byTestId(page, 'login-error');
    await error.waitFor();
    await expectText(error, '用户名或密码错误');
    expect(page.url()).toContain('/login');
    await screenshot(page, 'login-wrong-password');
  });

  it('signs in as a city dispatcher: header, menu, home summary, then signs out', async () => {
    const { page } = s;
    await login(page, 'kf_dispatcher');

    await expectText(byTestId(page, 'header-region'), '开封市');
    await expectText(byTestId(page, 'header-role'), '指挥部调度员');
    await expectText(byTestId(page, 'header-user-name'), '开封市调度员');

    const menu = byTestId(page, 'menu');
    await expectText(menu, '工作台', '组织机构');
    await expectNoText(menu, '用户管理', '审计日志', '角色与安全');

    await expectText(byTestId(page, 'home-welcome-title'), '开封市调度员');
    const summary = byTestId(page, 'home-summary');
    await expectText(summary, '管辖范围概况', '开封市及下辖区划', '行政区划', '指挥部', '工作专班', '部门', '用户', '企业');
    // every count has loaded and the city has at least itself, one command and its task forces
    for (const key of ['regions', 'commands', 'taskForces', 'departments', 'users', 'enterprises']) {
      const value = byTestId(summary, `home-stat-${key}`).locator('.ant-statistic-content-value');
      await value.waitFor();
      await expect.poll(async () => Number((await value.innerText()).replace(/,/g, '')), { timeout: 15_000 }).toBeGreaterThan(0);
    }
    await screenshot(page, 'home-kf-dispatcher');

    await logout(page);
    expect(new URL(page.url()).pathname).toBe('/login');
    // the session is gone: a protected page sends us back to the login form
    await page.goto(url('/org'));
    await byTestId(page, 'login-form').waitFor();
  });

  it('shows the 403 page for an admin page outside the role', async () => {
    const { page } = s;
    await login(page, 'kf_dispatcher');
    await page.goto(url('/admin/users'));
    const forbidden = byTestId(page, 'page-403');
    await expectText(forbidden, '403');
    expect(await pageText(page)).not.toContain('新建用户');
    await byTestId(page, 'back-home').click();
    await byTestId(page, 'home-page').waitFor();
    await screenshot(page, 'forbidden-kf-dispatcher');
  });

  it('switches the interface to English and back', async () => {
    const { page } = s;
    await login(page, 'kf_dispatcher');
    const menu = byTestId(page, 'menu');
    await expectText(menu, '组织机构');

    await byTestId(page, 'lang-switch').click();
    await expectText(menu, 'Home', 'Organisation');
    await expectNoText(menu, '组织机构');
    // server-side names follow the language too
    await expectText(byTestId(page, 'header-role'), 'Command dispatcher');
    await expectText(byTestId(page, 'home-summary'), 'Regions');
    expect(await page.locator('html').getAttribute('lang')).toBe('en-US');
    await screenshot(page, 'home-kf-dispatcher-en');

    // the choice survives a reload
    await page.reload();
    await expectText(menu, 'Organisation');

    await byTestId(page, 'lang-switch').click();
    await expectText(menu, '工作台', '组织机构');
    await expectNoText(menu, 'Organisation');
    await expectText(byTestId(page, 'header-role'), '指挥部调度员');
  });
});
