import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateIdCard } from '../server/src/seed/idcard.js';
import { createRandom } from '../server/src/seed/random.js';
import { byTestId, expectText, login, logout, pickOption, screenshot, useBrowser } from './browser.js';

async function goMenu(page: Page, key: string, pageTestId: string): Promise<void> {
  await byTestId(page, `menu-${key}`).click();
  await byTestId(page, pageTestId).waitFor();
}
async function overdue(page: Page): Promise<number> {
  const text = await byTestId(page, 'total-overdue').locator('.ant-statistic-content-value').innerText();
  return Number(text.replace(/[^\d]/g, ''));
}

describe('prevention journey', () => {
  const s = useBrowser();

  it('an enterprise registers a person, prevention staff ingest a result file and see compliance change', async () => {
    const { page } = s;
    const idCard = generateIdCard(createRandom(Date.now() % 1e6), '410225', [1980, 1999]);

    // 1. The enterprise registers a new employee: never tested, so overdue; the list shows the number masked.
    await login(page, 'ent_lankao');
    await goMenu(page, 'prevRoster', 'prevention-roster-page');
    await byTestId(page, 'employee-add').click();
    await byTestId(page, 'employee-name').fill('端到端测试员');
    await byTestId(page, 'employee-idcard').fill(idCard);
    await byTestId(page, 'employee-post').fill('操作工');
    await byTestId(page, 'employee-submit').click();
    await expectText(page.locator('.ant-message'), '已登记');
    await byTestId(page, 'roster-search').locator('input').fill('端到端测试员');
    await byTestId(page, 'roster-search').locator('input').press('Enter');
    const table = byTestId(page, 'roster-table');
    await expectText(table, '端到端测试员', `${idCard.slice(0, 6)}********${idCard.slice(-4)}`, '超期未检');
    await screenshot(page, 'prevention-roster');
    await logout(page);

    // 2. Prevention staff read the overdue count, then upload a result file (one good row, one bad).
    await login(page, 'kf_prevention');
    await goMenu(page, 'prevCompliance', 'prevention-compliance-page');
    await byTestId(page, 'compliance-trend').waitFor();
    await expect.poll(() => overdue(page)).toBeGreaterThan(0);
    const before = await overdue(page);
    await screenshot(page, 'prevention-compliance');

    await goMenu(page, 'prevIngest', 'prevention-ingest-page');
    const sampledAt = new Date(Date.now() - 2 * 3600_000).toISOString();
    const csv = `sample_id,id_card,sampled_at,result,institution\nE2E-${Date.now()},${idCard},${sampledAt},阴性,兰考县人民医院\nE2E-BAD,123,${sampledAt},阴性,兰考县人民医院\n`;
    await page.locator('[data-testid="prevention-ingest-page"] input[type=file]').setInputFiles({ name: 'results.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const report = byTestId(page, 'ingest-report');
    await report.waitFor();
    await expectText(byTestId(page, 'ingest-merged'), '1');
    await expectText(byTestId(page, 'ingest-rejected'), '1');
    await screenshot(page, 'prevention-ingest');

    // 3. The compliance page now counts one overdue person fewer.
    await goMenu(page, 'prevCompliance', 'prevention-compliance-page');
    await expect.poll(() => overdue(page)).toBe(before - 1);
    await goMenu(page, 'prevRoster', 'prevention-roster-page');
    await byTestId(page, 'roster-search').locator('input').fill('端到端测试员');
    await byTestId(page, 'roster-search').locator('input').press('Enter');
    await expectText(byTestId(page, 'roster-table'), '端到端测试员', '合规');

    // 4. The sweep after the ingest raised overdue alerts (电子哨); the inbox lists them to acknowledge.
    // Filtered by kind: after 18:00 (Asia/Shanghai) the daily-report sweep fills the first page with its own alerts.
    await goMenu(page, 'prevAlerts', 'prevention-alerts-page');
    await pickOption(page, byTestId(page, 'alerts-kind'), '核酸检测超期');
    await expectText(byTestId(page, 'alerts-table'), '核酸检测超期', '待签收');
    await screenshot(page, 'prevention-alerts');
  });
});
