import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { IMPORT_COLUMNS } from '../server/src/modules/whitelist/import.js';
import { TOTALS_COLUMNS } from '../server/src/modules/whitelist/totals.js';
import { generateUscc } from '../server/src/seed/uscc.js';
import { createRandom } from '../server/src/seed/random.js';
import { byTestId, expectText, login, logout, pickOption, screenshot, url, useBrowser } from './browser.js';

async function goMenu(page: Page, key: string, pageTestId: string): Promise<void> {
  await byTestId(page, `menu-${key}`).click();
  await byTestId(page, pageTestId).waitFor();
}

describe('whitelist journey', () => {
  const s = useBrowser();

  it('criteria to review, application, approval, batch and removal', async () => {
    const { page } = s;

    // 1. The command dispatcher turns off "admit on meeting criteria" for commerce in 开封市,
    //    so the next commerce application waits for review.
    await login(page, 'kf_dispatcher');
    await goMenu(page, 'wlCriteria', 'criteria-page');
    await pickOption(page, byTestId(page, 'criteria-sector'), '商贸流通');
    await expectText(byTestId(page, 'criteria-description'), '制定疫情防控方案');
    const autoAdmit = byTestId(page, 'criteria-auto-admit');
    await expect.poll(() => autoAdmit.getAttribute('aria-checked')).toBe('true');
    await autoAdmit.click();
    await expect.poll(() => autoAdmit.getAttribute('aria-checked')).toBe('false');
    await byTestId(page, 'criteria-save').click();
    await expectText(page.locator('.ant-message'), '遴选标准已发布');
    await screenshot(page, 'whitelist-criteria');
    await logout(page);

    // 2. ent_lankao (a commerce firm in 兰考县) applies and reads the result condition by condition.
    await login(page, 'ent_lankao');
    const profile = (await (await page.request.get(url('/api/enterprise/profile'))).json()) as { id: string; uscc: string; name: string; sector: string };
    expect(profile.sector).toBe('commerce');
    await goMenu(page, 'entApply', 'ent-apply-page');
    await expectText(byTestId(page, 'apply-criteria'), '开封市商贸流通领域白名单遴选标准', '提交后由行业主管部门审核');
    await byTestId(page, 'apply-statement').fill('E2E 申报');
    await byTestId(page, 'apply-submit').click();
    const result = byTestId(page, 'apply-result');
    await expectText(result, '全部条件达标', '待审核');
    await expectText(byTestId(result, 'condition-hasPreventionPlan'), '制定疫情防控方案', '达标');
    await expectText(byTestId(result, 'condition-employees'), '用工人数', '不少于 10', '达标');
    await expectText(byTestId(result, 'condition-cityOperationSupport'), '未达标');
    await screenshot(page, 'whitelist-apply-result');
    await goMenu(page, 'entStatus', 'ent-status-page');
    await expectText(byTestId(page, 'status-history'), '提交申报', '进入审核队列');
    await logout(page);

    // 3. The dispatcher approves it in the review queue, publishes the next batch and finds it there.
    await login(page, 'kf_dispatcher');
    await goMenu(page, 'wlReview', 'review-page');
    await pickOption(page, byTestId(page, 'review-filter-region'), '兰考县', { search: '兰考' });
    const row = byTestId(page, `review-row-${profile.uscc}`);
    await expectText(row, profile.name, '待审核');
    await row.locator('[data-testid^="approve-"]').click();
    await byTestId(page, 'approve-confirm').click();
    await expectText(page.locator('.ant-message'), '已审核通过');
    await screenshot(page, 'whitelist-review');

    await goMenu(page, 'wlBatches', 'batches-page');
    await byTestId(page, 'batches-publish').click();
    await pickOption(page, byTestId(page, 'publish-sector'), '商贸流通');
    await byTestId(page, 'publish-title').fill('开封市"四保"白名单企业(项目)第二批名单（E2E 商贸流通）');
    await byTestId(page, 'publish-submit').click();
    await byTestId(page, 'publish-confirm').click();
    await expectText(page.locator('.ant-message'), '已发布第');
    await page.locator('[data-testid="batch-link"]', { hasText: 'E2E 商贸流通' }).click();
    await byTestId(page, 'batch-detail-page').waitFor();
    await expectText(byTestId(page, `batch-item-${profile.uscc}`), profile.name, '在白名单');
    await screenshot(page, 'whitelist-batch');

    // 4. It is removed (熔断) with evidence and a decision; its history shows 已移出.
    await page.goto(url(`/whitelist/enterprises/${profile.id}`));
    await byTestId(page, 'wl-detail-page').waitFor();
    await expectText(byTestId(page, 'wl-detail-name'), profile.name);
    await byTestId(page, 'detail-remove').click();
    await byTestId(page, 'adjust-reason').fill('未落实核酸检测要求');
    await byTestId(page, 'adjust-evidence').fill('E2E 抽查记录：员工未按要求检测');
    await byTestId(page, 'adjust-decision').fill('开封市指挥部会议纪要〔2022〕99号');
    await byTestId(page, 'adjust-submit').click();
    await byTestId(page, 'adjust-confirm').click();
    await expectText(byTestId(page, 'detail-history'), '移出白名单', '已移出', 'E2E 抽查记录');
    await expectText(byTestId(page, 'enterprise-descriptions'), '已移出');
    expect(await byTestId(page, 'detail-remove').count()).toBe(0);
    await byTestId(page, 'detail-readmit').waitFor();
    await screenshot(page, 'whitelist-detail');

    // the department's other pages open
    await goMenu(page, 'wlCoverage', 'coverage-page');
    await byTestId(page, 'coverage-chart').locator('canvas').first().waitFor();
    await byTestId(page, 'coverage-below').first().waitFor();
    await screenshot(page, 'whitelist-coverage');
    await goMenu(page, 'wlList', 'whitelist-page');
    await page.locator('[data-testid^="wl-row-"]').first().waitFor();
  });

  it('imports a list and sector totals, edits a profile, records a spot check and a service tier', async () => {
    const { page } = s;
    const xlsx = async (header: readonly string[], rows: (string | number)[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('导入');
      ws.addRow([...header]);
      for (const r of rows) ws.addRow(r);
      return { name: 'list.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await wb.xlsx.writeBuffer()) };
    };

    // 1. The 兰考 industry bureau imports its list: the good row is loaded, the bad one reported with its row number.
    await login(page, 'lk_industry');
    await goMenu(page, 'wlImport', 'import-page');
    const uscc = generateUscc(createRandom(4242), '410225');
    const list = await xlsx(IMPORT_COLUMNS, [
      [uscc, '兰考县E2E导入食品有限公司', '企业', '工业生产', '410225', '王五', '赵六', '13900000000', 1200, 800, 500, 400, '是', '否'],
      ['BADCODE', '坏代码企业', '企业', '工业生产', '410225', '王五', '', '', 1, 1, 0, 0, '否', '否'],
    ]);
    await page.locator('[data-testid="import-page"] input[type=file]').setInputFiles(list);
    const report = byTestId(page, 'import-report');
    await expectText(report, '新增', '被拒绝');
    await expectText(byTestId(page, 'import-rejected'), '3', 'BADCODE');
    await screenshot(page, 'whitelist-import');

    // 2. Sector totals from the statistics bureau, imported on the coverage page.
    await goMenu(page, 'wlCoverage', 'coverage-page');
    const totals = await xlsx(TOTALS_COLUMNS, [['410225', '工业生产', '2022-09-01', 300000], ['410204', '工业生产', '2022-09-01', 1]]);
    await page.locator('[data-testid="sector-totals"] input[type=file]').setInputFiles(totals);
    const totalsReport = byTestId(page, 'totals-import-report');
    await expectText(totalsReport, '新增', '被拒绝');
    await expectText(byTestId(page, 'totals-import-rejected'), '3', '410204');
    await page.keyboard.press('Escape');
    await expectText(byTestId(page, 'totals-table'), '2022-09-01', '300,000');
    await screenshot(page, 'whitelist-sector-totals');

    // 3. A spot check and a service tier on the imported enterprise.
    const found = (await (await page.request.get(url(`/api/whitelist/enterprises?q=${uscc}`))).json()) as { items: { id: string }[] };
    await page.goto(url(`/whitelist/enterprises/${found.items[0]!.id}`));
    await byTestId(page, 'wl-detail-page').waitFor();
    await byTestId(page, 'detail-spot-check').click();
    await byTestId(page, 'spot-checker').fill('兰考县防疫专班');
    await byTestId(page, 'spot-findings').fill('E2E 抽查：闭环管理落实到位');
    await byTestId(page, 'spot-submit').click();
    await page.getByRole('tab', { name: /抽查记录/ }).click();
    await expectText(byTestId(page, 'detail-spot-checks'), 'E2E 抽查');
    await pickOption(page, byTestId(page, 'detail-tier'), '县级');
    await expectText(byTestId(page, 'enterprise-descriptions'), '县级');
    await logout(page);

    // 4. An enterprise edits its profile; the change is versioned and shown back to it.
    await login(page, 'ent_lankao2');
    await goMenu(page, 'entProfile', 'ent-profile-page');
    await byTestId(page, 'profile-edit').click();
    const employees = page.locator('input[data-testid="profile-employees"], [data-testid="profile-employees"] input').first();
    await employees.fill('2345');
    await byTestId(page, 'profile-submit').click();
    await expectText(byTestId(page, 'enterprise-descriptions'), '2345');
    await expectText(byTestId(page, 'profile-versions'), '2345');
    await screenshot(page, 'enterprise-profile-versions');
  });
});
