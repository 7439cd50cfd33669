import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { byTestId, expectText, login, logout, openDropdowns, screenshot, UI_TIMEOUT, useBrowser } from './browser.js';

async function goMenu(page: Page, key: string, pageTestId: string): Promise<void> {
  await byTestId(page, `menu-${key}`).click();
  await byTestId(page, pageTestId).waitFor();
}

/** Fills the note dialog that every step opens, and confirms it. */
async function confirmNote(page: Page, note: string | null): Promise<void> {
  const dialog = page.locator('.ant-modal').filter({ has: byTestId(page, 'note-input') });
  await dialog.waitFor();
  if (note !== null) await byTestId(dialog, 'note-input').fill(note);
  await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
  await expect.poll(() => dialog.isVisible(), { timeout: UI_TIMEOUT }).toBe(false);
}

describe('tasks and supervision journey', () => {
  const s = useBrowser();

  it('assign, report, accept; supervise an overdue task and reply; open the weekly report', async () => {
    const { page } = s;
    const title = `E2E 交办任务 ${Date.now()}`;

    // 1. The city dispatcher assigns a task to the industry department.
    await login(page, 'kf_dispatcher');
    await goMenu(page, 'tasks', 'tasks-page');
    await byTestId(page, 'assign-open').click();
    const form = byTestId(page, 'assign-form');
    await form.waitFor();
    await byTestId(page, 'assign-title').fill(title);
    await byTestId(page, 'assign-requirement').fill('请于期限内完成白名单企业用工情况摸排并报送台账。');
    // antd puts the test id on the picker's input or on its wrapper, depending on the version.
    const deadline = page.locator('input[data-testid="assign-deadline"], [data-testid="assign-deadline"] input').first();
    await deadline.click();
    await deadline.fill('2099-12-31 18:00');
    await deadline.press('Enter');
    await byTestId(page, 'assign-units').click();
    await page.keyboard.type('工业和信息化');
    await openDropdowns(page).locator('.ant-select-item-option').filter({ hasText: '工业和信息化' }).first().click();
    await page.keyboard.press('Escape');
    await screenshot(page, 'tasks-assign-dialog');
    await page.locator('.ant-modal').filter({ has: form }).locator('.ant-modal-footer .ant-btn-primary').click();
    await expectText(page.locator('.ant-message'), '已交办');
    await byTestId(page, 'tasks-table').getByRole('link', { name: title }).click();
    await byTestId(page, 'task-detail').waitFor();
    const taskUrl = page.url();
    await expectText(byTestId(page, 'assignments-table'), '工业和信息化', '已交办');
    await screenshot(page, 'tasks-list-detail');
    await logout(page);

    // 2. The department reports completion with evidence.
    await login(page, 'kf_industry');
    await goMenu(page, 'tasks', 'tasks-page');
    const mine = byTestId(page, 'my-assignments-table');
    await expectText(mine, title);
    await mine.locator('tr').filter({ hasText: title }).locator('[data-testid="assignment-open"]').click();
    await byTestId(page, 'task-detail').waitFor();
    await byTestId(page, 'assignment-complete').click();
    await confirmNote(page, '已完成 36 家企业摸排，台账已报送。');
    await expectText(byTestId(page, 'assignments-table'), '待验收');
    await logout(page);

    // 3. The dispatcher accepts it.
    await login(page, 'kf_dispatcher');
    await page.goto(taskUrl);
    await byTestId(page, 'assignment-accept').click();
    await confirmNote(page, null);
    await expectText(byTestId(page, 'assignments-table'), '已验收');
    await expectText(byTestId(page, 'task-detail'), '已完成 36 家企业摸排');
    await logout(page);

    // 4. The supervisor issues a notice on an overdue task of the transport task force.
    await login(page, 'kf_supervisor');
    await goMenu(page, 'supervision', 'supervision-page');
    const board = byTestId(page, 'overdue-table');
    const row = board.locator('tr').filter({ hasText: '重点物资运输保障通道核查' }).filter({ hasText: '交通运输' });
    await row.first().waitFor();
    await screenshot(page, 'supervision-board');
    await row.first().locator('[data-testid="issue-open"]').click();
    await byTestId(page, 'notice-requirement').fill('该任务已超期，请于两日内说明原因并完成整改。');
    await page.locator('.ant-modal').filter({ has: byTestId(page, 'notice-requirement') }).locator('.ant-modal-footer .ant-btn-primary').click();
    await expectText(page.locator('.ant-message'), '督办单已下发');
    await logout(page);

    // 5. The task force replies.
    await login(page, 'kf_tf_transport');
    await goMenu(page, 'supervision', 'supervision-page');
    const myNotices = byTestId(page, 'my-notices-table');
    await myNotices.locator('tr').filter({ hasText: '重点物资运输保障通道核查' }).filter({ hasText: '待回复' }).first().locator('[data-testid="notice-open"]').click();
    await byTestId(page, 'notice-detail').waitFor();
    await byTestId(page, 'notice-reply').click();
    await confirmNote(page, '接驳点整改已完成，照片和清单已补充。');
    await expectText(byTestId(page, 'notice-reply-text'), '接驳点整改已完成');
    await expectText(byTestId(page, 'notice-detail'), '已回复');
    await screenshot(page, 'supervision-notice-replied');
    await logout(page);

    // 6. The weekly report of last Friday opens.
    await login(page, 'kf_dispatcher');
    await goMenu(page, 'weeklyReports', 'weekly-page');
    const reports = byTestId(page, 'weekly-table');
    await reports.locator('tr').filter({ hasText: '开封市' }).first().locator('[data-testid="weekly-open"]').click();
    await byTestId(page, 'weekly-detail').waitFor();
    await expectText(byTestId(page, 'weekly-rows'), '交办任务');
    await expectText(byTestId(page, 'weekly-longest'), '重点物资运输保障通道核查');
    await screenshot(page, 'weekly-report');
  }, 240_000);
});
