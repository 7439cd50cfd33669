import { describe, expect, it } from 'vitest';
import { byTestId, expectNoText, expectText, login, screenshot, url, useBrowser } from './browser.js';

describe('enterprise user', () => {
  const s = useBrowser();

  it('ent_lankao sees its own enterprise on the home page and no organisation menu', async () => {
    const { page } = s;
    await login(page, 'ent_lankao');

    // the enterprise the server says the account belongs to
    const me = (await (await page.request.get(url('/api/auth/me'))).json()) as { enterpriseName: string | null };
    expect(me.enterpriseName).toBeTruthy();
    const enterprise = me.enterpriseName!;

    await expectText(byTestId(page, 'header-region'), '兰考县');
    await expectText(byTestId(page, 'header-role'), '企业用户');
    await expectText(byTestId(page, 'home-welcome-title'), '兰考企业联络人');
    await expectText(byTestId(page, 'home-enterprise'), enterprise);
    await expectText(byTestId(page, 'home-enterprise-notice'), '企业账号');
    expect(await byTestId(page, 'home-summary').count()).toBe(0);

    const menu = byTestId(page, 'menu');
    await expectText(menu, '工作台');
    await expectNoText(menu, '组织机构', '用户管理', '角色与安全', '审计日志');
    await expectNoText(byTestId(page, 'home-quick-links'), '组织机构');
    await screenshot(page, 'home-ent-lankao');

    await page.goto(url('/org'));
    await byTestId(page, 'page-403').waitFor();
  });
});
