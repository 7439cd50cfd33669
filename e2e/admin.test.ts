import { describe, expect, it } from 'vitest';
import {
  byTestId,
  expectNoText,
  expectText,
  login,
  pickOption,
  screenshot,
  url,
  useBrowser,
} from './browser.js';

const NEW_USER = 'e2e_lk_dispatcher';
const NEW_NAME = '兰考测试调度员';
const INITIAL_PASSWORD = 'Init@Pass2022';
const NEW_PASSWORD = 'Next@Pass2022';

describe('the three administrators', () => {
  const s = useBrowser();

  it('sysadmin creates a county dispatcher, who must change the initial password, then disables it', async () => {
    const { page, browser } = s;
    await login(page, 'sysadmin');

    const menu = byTestId(page, 'menu');
    await expectText(menu, '工作台', '用户管理');
    await expectNoText(menu, '审计日志', '角色与安全');

    await byTestId(page, 'menu-users').click();
    await byTestId(page, 'users-page').waitFor();
    await expectText(byTestId(page, 'users-table'), 'kf_dispatcher');

    // create the user through the modal
    await byTestId(page, 'users-create').click();
    const modal = page.locator('.ant-modal').filter({ has: byTestId(page, 'user-create-modal') });
    await modal.waitFor();
    await byTestId(modal, 'user-form-username').fill(NEW_USER);
    await byTestId(modal, 'user-form-displayName').fill(NEW_NAME);
    await pickOption(page, byTestId(modal, 'user-form-role'), '指挥部调度员');
    await pickOption(page, byTestId(modal, 'user-form-region'), '兰考县', { search: '兰考' });
    await expectText(byTestId(modal, 'user-form-region'), '兰考县');
    await pickOption(page, byTestId(modal, 'user-form-department'), '兰考县发展和改革委员会', { search: '发展和改革' });
    await byTestId(modal, 'user-form-phone').fill('13900000099');
    await byTestId(modal, 'user-form-password').fill(INITIAL_PASSWORD);
    await byTestId(modal, 'user-form-confirm').fill(INITIAL_PASSWORD);
    await screenshot(page, 'admin-create-user-modal');
    await byTestId(page, 'user-form-submit').click();
    await modal.waitFor({ state: 'hidden' });
    await expectText(page.locator('.ant-message'), '用户已创建');

    const row = byTestId(page, `user-row-${NEW_USER}`);
    await expectText(row, NEW_USER, NEW_NAME, '指挥部调度员', '兰考县', '兰考县发展和改革委员会', '正常');
    await expectText(row, '139****0099');

    // the new user signs in (in a browser of their own) and is held on the forced password page
    const other = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    try {
      const userPage = await other.newPage();
      await login(userPage, NEW_USER, { password: INITIAL_PASSWORD, expect: 'forced' });
      expect(new URL(userPage.url()).pathname).toBe('/account/password');
      await byTestId(userPage, 'password-forced').waitFor();
      expect(await byTestId(userPage, 'menu').count()).toBe(0);
      // other pages lead back to the password page until it is changed
      await userPage.goto(url('/org'));
      await byTestId(userPage, 'password-forced').waitFor();
      expect(new URL(userPage.url()).pathname).toBe('/account/password');
      await screenshot(userPage, 'forced-password-change');

      await byTestId(userPage, 'password-current').fill(INITIAL_PASSWORD);
      await byTestId(userPage, 'password-new').fill(NEW_PASSWORD);
      await byTestId(userPage, 'password-confirm').fill(NEW_PASSWORD);
      await byTestId(userPage, 'password-submit').click();
      await byTestId(userPage, 'home-page').waitFor();
      await expectText(byTestId(userPage, 'home-welcome-title'), NEW_NAME);
      await expectText(byTestId(userPage, 'header-region'), '兰考县');
      await expectText(byTestId(userPage, 'home-department'), '兰考县发展和改革委员会');
      await expectText(byTestId(userPage, 'menu'), '组织机构');
      await screenshot(userPage, 'new-user-home');

      // sysadmin disables the account, after a confirmation
      await page.reload();
      await byTestId(page, `user-disable-${NEW_USER}`).click();
      const confirm = page.locator('.ant-popconfirm:visible, .ant-popover:visible').filter({ hasText: NEW_NAME });
      await expectText(confirm, `确定停用用户“${NEW_NAME}”`);
      await byTestId(page, 'confirm-ok').filter({ visible: true }).click();
      await expectText(byTestId(page, `user-row-${NEW_USER}`), '已停用');
      await byTestId(page, `user-enable-${NEW_USER}`).waitFor();
      await screenshot(page, 'admin-users-disabled');

      // the disabled user's session has ended, and signing in again is refused
      await userPage.reload();
      await byTestId(userPage, 'login-form').waitFor();
      await byTestId(userPage, 'login-username').fill(NEW_USER);
      await byTestId(userPage, 'login-password').fill(NEW_PASSWORD);
      await byTestId(userPage, 'login-submit').click();
      await expectText(byTestId(userPage, 'login-error'), '账号已停用');
    } finally {
      await other.close();
    }
  });

  it('auditadmin sees only the audit log, with login events and an intact hash chain', async () => {
    const { page } = s;
    await login(page, 'auditadmin');
    const menu = byTestId(page, 'menu');
    await expectText(menu, '审计日志');
    await expectNoText(menu, '组织机构', '用户管理', '角色与安全');

    await byTestId(page, 'menu-audit').click();
    const table = byTestId(page, 'audit-table');
    await expectText(table, 'auth.login');
    await expectText(table, 'auditadmin');

    await byTestId(page, 'audit-verify').click();
    const result = byTestId(page, 'audit-verify-result');
    await result.waitFor();
    expect(await result.getAttribute('data-ok')).toBe('true');
    await expectText(result, '哈希链完整');
    await screenshot(page, 'audit-verified');
  });

  it('secadmin sees roles & security and saves a new lockout time', async () => {
    const { page } = s;
    await login(page, 'secadmin');
    const menu = byTestId(page, 'menu');
    await expectText(menu, '角色与安全');
    await expectNoText(menu, '组织机构', '用户管理', '审计日志');

    await byTestId(page, 'menu-security').click();
    await byTestId(page, 'security-page').waitFor();
    await expectText(byTestId(page, 'security-page'), '角色与权限', '指挥部调度员', '安全策略');

    const minutes = byTestId(page, 'settings-lockoutMinutes').locator('input').or(page.locator('input[data-testid="settings-lockoutMinutes"]')).first();
    await minutes.waitFor();
    const before = Number(await minutes.inputValue());
    expect(before).toBeGreaterThan(0);
    const after = before + 5;
    await minutes.fill(String(after));
    await byTestId(page, 'settings-save').click();
    await expectText(page.locator('.ant-message'), '安全策略已保存');

    await page.reload();
    const reloaded = byTestId(page, 'settings-lockoutMinutes').locator('input').or(page.locator('input[data-testid="settings-lockoutMinutes"]')).first();
    await expect.poll(() => reloaded.inputValue(), { timeout: 15_000 }).toBe(String(after));
    await screenshot(page, 'security-settings-saved');
  });
});
