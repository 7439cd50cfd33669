import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { byTestId, expectText, login, openDropdowns, pickOption, screenshot, url, useBrowser } from './browser.js';

async function goMenu(page: Page, key: string, pageTestId: string): Promise<void> {
  await byTestId(page, `menu-${key}`).click();
  await byTestId(page, pageTestId).waitFor();
}

/** The bytes of a download the page started. */
async function bytesOf(download: Download): Promise<Buffer> {
  const file = await download.path();
  return fs.readFileSync(file);
}

/** The id of the first row's alert that offers the given action (from its test id). */
async function firstAlertWith(page: Page, action: 'acknowledge' | 'resolve'): Promise<string> {
  const button = byTestId(page, 'alerts-table').locator(`[data-testid^="alert-${action}-"]`).first();
  await button.waitFor();
  return (await button.getAttribute('data-testid'))!.slice(`alert-${action}-`.length);
}

describe('prevention: venue codes, tracing and the alert inbox', () => {
  const s = useBrowser();

  it('an enterprise adds a venue and prints the QR sheet as a PDF', async () => {
    const { page } = s;
    await login(page, 'ent_lankao');
    await goMenu(page, 'prevVenues', 'prevention-venues-page');
    const name = `端到端场所${Date.now() % 1e6}`;
    await byTestId(page, 'venues-add').click();
    await byTestId(page, 'venue-name').fill(name);
    await pickOption(page, byTestId(page, 'venue-kind'), '车间');
    await byTestId(page, 'venue-submit').click();
    const row = byTestId(page, 'venues-table').locator('tr', { hasText: name });
    await expectText(row, name, 'CS');
    await row.locator('.ant-checkbox-input').check();
    const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'venues-print').click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    expect((await bytesOf(download)).subarray(0, 5).toString()).toBe('%PDF-');
    await screenshot(page, 'prevention-venues');
  });

  it('prevention staff trace a person, see the contacts and units, and export them as Excel', async () => {
    const { page } = s;
    await login(page, 'kf_prevention');
    // A person of an enterprise with venues (the seed gives its people three days of scans).
    const venue = (await (await page.request.get(url('/api/prevention/venues?pageSize=1'))).json()) as { items: { enterpriseId: string }[] };
    const entId = venue.items[0]!.enterpriseId;
    const emp = (await (await page.request.get(url(`/api/prevention/employees?pageSize=1&enterpriseId=${entId}`))).json()) as { items: { name: string; idCardMasked: string }[] };
    const person = emp.items[0]!;
    await goMenu(page, 'prevTracing', 'tracing-card');
    await pickOption(page, byTestId(page, 'trace-employee'), person.idCardMasked, { search: person.name });
    await byTestId(page, 'trace-run').click();
    await expectText(byTestId(page, 'trace-contacts'), '********');
    await expectText(byTestId(page, 'tracing-card'), person.name);
    const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'trace-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    expect((await bytesOf(download)).subarray(0, 2).toString()).toBe('PK');
    await screenshot(page, 'prevention-tracing');
  });

  it('prevention staff filter the inbox by kind, acknowledge an alert and resolve it with a note', async () => {
    const { page } = s;
    await login(page, 'kf_prevention');
    await goMenu(page, 'prevAlerts', 'prevention-alerts-page');
    await pickOption(page, byTestId(page, 'alerts-kind'), '四类药品购买');
    await expectText(byTestId(page, 'alerts-table'), '购买', '待签收');
    const id = await firstAlertWith(page, 'acknowledge');
    await byTestId(page, `alert-acknowledge-${id}`).click();
    await expectText(page.locator('.ant-message'), '已签收');
    // Acknowledged: it leaves the open list and waits under 处置中.
    await expect.poll(() => byTestId(page, `alert-acknowledge-${id}`).count()).toBe(0);
    await pickOption(page, byTestId(page, 'alerts-status'), '处置中');
    await byTestId(page, `alert-resolve-${id}`).click();
    await byTestId(page, 'alert-resolve-note').fill('已联系购药人完成核酸检测，结果阴性');
    await byTestId(page, 'alert-resolve-ok').click();
    await expectText(page.locator('.ant-message'), '已处置');
    await pickOption(page, byTestId(page, 'alerts-status'), '已处置');
    await expectText(byTestId(page, 'alerts-table'), '已联系购药人完成核酸检测');
    expect(await openDropdowns(page).count()).toBe(0);
    await screenshot(page, 'prevention-alerts-resolved');
  });
});
