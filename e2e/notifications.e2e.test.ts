import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { UI_TIMEOUT, byTestId, expectText, login, screenshot, url, useBrowser } from './browser.js';

/** The bell's accessible label carries the unread count ("消息通知（1 条未读）" or "消息通知"). */
async function bellLabel(page: Page): Promise<string> {
  return (await byTestId(page, 'notification-bell').getAttribute('aria-label')) ?? '';
}

// Accounts no other browser journey notifies (the files share one server), so their seeded messages are all they have.
describe('notifications', () => {
  const s = useBrowser();

  it('the bell shows the unread count, opens the latest, follows a link, and another tab updates live', async () => {
    const { page, context } = s;
    await login(page, 'prov_dispatcher');
    await expect.poll(() => bellLabel(page), { timeout: UI_TIMEOUT }).toBe('消息通知（1 条未读）');
    await expectText(byTestId(page, 'notification-count'), '1');

    // A second tab of the same session, left alone: only the event stream can change its bell.
    const other = await context.newPage();
    await other.goto(url('/org'));
    await expect.poll(() => bellLabel(other), { timeout: UI_TIMEOUT }).toBe('消息通知（1 条未读）');

    await byTestId(page, 'notification-bell').click();
    const popover = byTestId(page, 'notification-popover');
    await expectText(popover, '欢迎使用四保白名单企业(项目)运行调度平台', '账号安全提示');
    await expect.poll(() => popover.locator('[data-testid="notification-item"][data-read="false"]').count(), { timeout: UI_TIMEOUT }).toBe(1);
    await screenshot(page, 'notifications-bell');

    await page.goto(url('/org'));
    await byTestId(page, 'notification-bell').click();
    await popover.locator('[data-testid="notification-item"][data-read="false"]').click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: UI_TIMEOUT }).toBe('/');
    await expect.poll(() => bellLabel(page), { timeout: UI_TIMEOUT }).toBe('消息通知');
    await expect.poll(() => bellLabel(other), { timeout: UI_TIMEOUT }).toBe('消息通知');
    await other.close();

    await byTestId(page, 'notification-bell').click();
    await byTestId(page, 'notification-view-all').click();
    await byTestId(page, 'notifications-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/notifications');
    const table = byTestId(page, 'notifications-table');
    await expectText(table, '欢迎使用', '账号安全提示', '已读');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count(), { timeout: UI_TIMEOUT }).toBe(2);
    await byTestId(page, 'notifications-filter').getByText('未读').click();
    await expectText(table, '暂无消息');
  });

  it('marks everything read after a confirmation, on the notification page', async () => {
    const { page } = s;
    await login(page, 'gl_dispatcher');
    await page.goto(url('/notifications'));
    const table = byTestId(page, 'notifications-table');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count(), { timeout: UI_TIMEOUT }).toBe(2);
    await expectText(byTestId(page, 'notifications-page'), '未读 1 条');
    await screenshot(page, 'notifications-page');

    await byTestId(page, 'notifications-read-all').click();
    await expectText(page.locator('.ant-popconfirm'), '将全部 1 条未读消息标为已读？');
    await page.locator('.ant-popconfirm').getByRole('button', { name: '确 定' }).or(page.locator('.ant-popconfirm').getByRole('button', { name: '确定' })).first().click();
    await expectText(byTestId(page, 'notifications-page'), '未读 0 条');
    await expect.poll(() => bellLabel(page), { timeout: UI_TIMEOUT }).toBe('消息通知');
    await expect.poll(() => table.locator('[data-testid="notification-mark-read"]').count(), { timeout: UI_TIMEOUT }).toBe(0);
  });
});
