import { describe, expect, it } from 'vitest';
import { byTestId, expectNoText, expectText, login, logout, pickOption, screenshot, url, useBrowser } from './browser.js';

describe('policy matching journey', () => {
  const s = useBrowser();

  it('a department publishes a policy with rules; the eligible enterprise sees it, an ineligible one does not', async () => {
    const { page } = s;
    const title = `兰考县企业稳岗补助（E2E ${Date.now() % 100000}）`;

    // 1. The Kaifeng dispatcher writes the policy: only enterprises of 兰考县, 300 yuan per employee.
    await login(page, 'kf_dispatcher');
    await page.goto(url('/policies/new'));
    await byTestId(page, 'pol-title').fill(title);
    await byTestId(page, 'pol-issuer').fill('开封市人力资源和社会保障局');
    await byTestId(page, 'pol-summary').fill('对兰考县参保企业按用工人数给予稳岗补助。');
    await pickOption(page, byTestId(page, 'rule-field-r.0'), '所在县（市、区）代码', { search: '所在县' });
    await byTestId(page, 'rule-value-r.0').fill('410225');
    // The echo while editing reads as the server describes the saved rule ("为", not "等于").
    await expectText(byTestId(page, 'pol-rule-words'), '所在县（市、区）代码为410225');
    await pickOption(page, byTestId(page, 'pol-benefit-kind'), '按字段计算');
    await byTestId(page, 'pol-benefit-factor').fill('300');

    // "Try it on this enterprise": a 兰考 enterprise meets the rule.
    await pickOption(page, byTestId(page, 'pol-preview-ent'), '', { search: '' });
    await byTestId(page, 'pol-preview').click();
    await expectText(byTestId(page, 'pol-preview-result'), '所在县（市、区）代码为410225');
    await screenshot(page, 'policies-editor');

    await byTestId(page, 'pol-save').click();
    await expectText(byTestId(page, 'pol-rule-text'), '所在县（市、区）代码为410225');
    await byTestId(page, 'pol-publish').click();
    await page.locator('#pol-publish-ok').click();
    await expectText(page.locator('.ant-message'), '已发布');
    await screenshot(page, 'policies-detail');
    await page.goto(url('/policies/uptake'));
    await expectText(byTestId(page, 'pol-uptake-table'), title);
    await screenshot(page, 'policies-uptake');
    await logout(page);

    // 2. ent_lankao (in 兰考县) finds it under "my policies" with its benefit, and records its application.
    await login(page, 'ent_lankao');
    const profile = (await (await page.request.get(url('/api/enterprise/profile'))).json()) as { employees: number };
    await byTestId(page, 'menu-polMine').click();
    const mine = byTestId(page, 'pol-mine-table');
    await expectText(mine, title, (profile.employees * 300).toLocaleString('en-US'));
    await byTestId(page, `pol-apply-${title}`).click();
    await byTestId(page, 'pol-apply-ref').fill('LK-2022-0001');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await expectText(mine, 'LK-2022-0001', '已申请');
    await screenshot(page, 'policies-mine');
    await logout(page);

    // 3. ent_gulou (in 鼓楼区) does not get it.
    await login(page, 'ent_gulou');
    await byTestId(page, 'menu-polMine').click();
    await byTestId(page, 'pol-mine-table').waitFor();
    await expect.poll(async () => (await page.request.get(url('/api/enterprise/policies'))).status()).toBe(200);
    await expectNoText(byTestId(page, 'pol-mine-table'), title);
    const list = (await (await page.request.get(url('/api/enterprise/policies'))).json()) as { policyTitle: string }[];
    expect(list.some((m) => m.policyTitle === title)).toBe(false);
    expect(list.length).toBeGreaterThan(0);
  });
});
