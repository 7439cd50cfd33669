import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { generateIdCard } from '../server/src/seed/idcard.js';
import { createRandom } from '../server/src/seed/random.js';
import { byTestId, expectText, login, logout, pickOption, screenshot, url, useBrowser } from './browser.js';

async function goMenu(page: Page, key: string, pageTestId: string): Promise<void> {
  await byTestId(page, `menu-${key}`).click();
  await byTestId(page, pageTestId).first().waitFor();
}

/** The text input of an antd DatePicker (the test id lands on the input or on its wrapper, by version). */
async function dateInput(picker: Locator): Promise<Locator> {
  await picker.waitFor();
  return (await picker.evaluate((e) => e.tagName)) === 'INPUT' ? picker : picker.locator('input').first();
}

/** Types a date (and time) into an antd DatePicker and confirms it. */
async function typeDate(page: Page, picker: Locator, value: string): Promise<void> {
  const input = await dateInput(picker);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toContain(value.slice(0, 10));
  await page.keyboard.press('Escape');
}

const shanghaiDay = (d = new Date()) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const shanghaiTime = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

describe('prevention: daily reports, arrivals and risk areas, suspected cases, supplies', () => {
  const s = useBrowser();

  it('an enterprise files today’s zero report and prevention staff see it on the region board', async () => {
    const { page } = s;
    await login(page, 'ent_lankao');
    const me = (await (await page.request.get(url('/api/prevention/employees?pageSize=1'))).json()) as { items: { enterpriseName: string }[] };
    const name = me.items[0]!.enterpriseName;
    await goMenu(page, 'prevDailyReports', 'daily-reports-page');
    await expectText(byTestId(page, 'today-status'), '今日尚未填报');
    await byTestId(page, 'zero-report').click();
    await page.locator('.ant-popconfirm:not(.ant-popover-hidden) .ant-btn-primary').click();
    await expectText(page.locator('.ant-message'), '已报零报告');
    await expectText(byTestId(page, 'today-status'), '已于');
    await logout(page);

    await login(page, 'kf_prevention');
    await goMenu(page, 'prevDailyReports', 'daily-reports-page');
    await byTestId(page, 'board-regions').waitFor();
    await byTestId(page, 'board-search').locator('input').fill(name);
    await byTestId(page, 'board-search').locator('input').press('Enter');
    await expectText(byTestId(page, 'board-table').locator('tr', { hasText: name }), '零报告');
    await screenshot(page, 'prevention-daily-board');
  });

  it('provincial prevention staff add a risk area; a visitor reported from it gets a red code and central quarantine', async () => {
    const { page } = s;
    await login(page, 'prov_prevention');
    await goMenu(page, 'prevRiskAreas', 'risk-areas-page');
    await byTestId(page, 'risk-add').click();
    await byTestId(page, 'risk-code').fill('420100');
    await byTestId(page, 'risk-name').fill('湖北省武汉市');
    await typeDate(page, byTestId(page, 'risk-from'), shanghaiDay());
    await byTestId(page, 'risk-submit').click();
    await expectText(page.locator('.ant-message'), '已重新判定');
    await expectText(byTestId(page, 'risk-table'), '湖北省武汉市', '420100');
    await logout(page);

    await login(page, 'ent_lankao');
    await goMenu(page, 'prevArrivals', 'arrivals-page');
    const visitor = `武汉来客${Date.now() % 1e5}`;
    await byTestId(page, 'arrival-add').click();
    await byTestId(page, 'arrival-name').fill(visitor);
    await byTestId(page, 'arrival-idcard').fill(generateIdCard(createRandom(Date.now() % 1e6), '420106', [1975, 1995]));
    await byTestId(page, 'arrival-origin-code').fill('420106');
    await byTestId(page, 'arrival-origin-name').fill('湖北省武汉市武昌区');
    await byTestId(page, 'arrival-route').fill('武汉—郑州东（高铁）—兰考南');
    await typeDate(page, byTestId(page, 'arrival-at'), shanghaiTime(new Date(Date.now() + 2 * 3600_000)));
    await byTestId(page, 'arrival-purpose').fill('设备安装');
    await byTestId(page, 'arrival-submit').click();
    await expectText(byTestId(page, 'arrivals-table').locator('tr', { hasText: visitor }), '红码', '集中隔离');
    await screenshot(page, 'prevention-arrivals');
  });

  it('prevention staff flag a suspected case and move it to observation and the quiet period', async () => {
    const { page } = s;
    await login(page, 'kf_prevention');
    // A person of an enterprise with an observation point that has free rooms.
    const points = (await (await page.request.get(url('/api/prevention/observation-points?pageSize=100'))).json()) as { items: { enterpriseId: string | null; free: number }[] };
    const point = points.items.find((p) => p.enterpriseId && p.free > 0)!;
    const emp = (await (await page.request.get(url(`/api/prevention/employees?pageSize=5&status=active&enterpriseId=${point.enterpriseId}`))).json()) as { items: { name: string; idCardMasked: string }[] };
    const person = emp.items[emp.items.length - 1]!;
    await goMenu(page, 'prevCases', 'prevention-cases-page');
    await byTestId(page, 'flag-case').click();
    await pickOption(page, byTestId(page, 'employee-picker'), person.idCardMasked, { search: person.name });
    await byTestId(page, 'flag-reason').fill('晨检体温 37.8℃，咳嗽');
    await byTestId(page, 'flag-submit').click();
    await expectText(page.locator('.ant-message'), '已登记');
    await byTestId(page, 'prevention-cases-page').locator('[data-testid="case-link"]', { hasText: person.name }).first().click();
    await byTestId(page, 'prevention-case-page').waitFor();

    await byTestId(page, 'case-action-observe').click();
    await pickOption(page, byTestId(page, 'point-picker'), '空余');
    await byTestId(page, 'case-action-submit').click();
    await expectText(byTestId(page, 'prevention-case-page'), '留观待复检');
    await byTestId(page, 'case-action-retest_negative').click();
    await byTestId(page, 'case-action-submit').click();
    await expectText(byTestId(page, 'prevention-case-page'), '静默期');
    await expectText(byTestId(page, 'case-timeline'), '转入留观点', '复检阴性');
    await screenshot(page, 'prevention-case');
  });

  it('an enterprise records a supply; staff see purchases of the four drug classes', async () => {
    const { page } = s;
    await login(page, 'ent_lankao');
    await goMenu(page, 'prevSupplies', 'prevention-supplies-page');
    const item = `N95 口罩 ${Date.now() % 1e5}`;
    await byTestId(page, 'supply-add').click();
    await byTestId(page, 'supply-item').fill(item);
    await byTestId(page, 'supply-unit').fill('只');
    await byTestId(page, 'supply-quantity').fill('20');
    await byTestId(page, 'supply-submit').click();
    await expectText(page.locator('.ant-message'), '已保存');
    await expectText(byTestId(page, 'prevention-supplies-page'), item);
    await logout(page);

    await login(page, 'kf_prevention');
    await goMenu(page, 'prevPurchases', 'prevention-purchases-page');
    await expectText(byTestId(page, 'prevention-purchases-page'), '********');
    await screenshot(page, 'prevention-purchases');
  });
});
