import { describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import { byTestId, expectText, login, logout, pickOption, screenshot, url, useBrowser } from './browser.js';

async function openDemand(page: Page, id: string) {
  await page.goto(url(`/demands/${id}`));
  await byTestId(page, 'demand-detail-page').waitFor();
}
async function doAction(page: Page, action: string, note?: string) {
  await byTestId(page, `action-${action}`).click();
  if (note !== undefined) await byTestId(page, 'action-note').fill(note);
  await byTestId(page, 'action-submit').click();
  await expectText(page.locator('.ant-message'), '操作成功');
}

describe('demands journey', () => {
  const s = useBrowser();

  it('an enterprise files a demand; dispatch, accept, answer, revisit, verify and close', async () => {
    const { page } = s;
    const stamp = Date.now().toString(36);

    // 1. The enterprise files a demand.
    await login(page, 'ent_lankao');
    await byTestId(page, 'menu-demandFile').click();
    await byTestId(page, 'demand-file-page').waitFor();
    await pickOption(page, byTestId(page, 'demand-category'), '物流运输');
    await byTestId(page, 'demand-title').fill(`E2E 冷链运输车辆通行 ${stamp}`);
    await byTestId(page, 'demand-description').fill(`E2E ${stamp}：三辆冷链车需跨省运输疫苗原料，请协调通行。`);
    await byTestId(page, 'demand-contact').fill('赵经理');
    await byTestId(page, 'demand-phone').fill('13912340000');
    // A file attached when filing goes up with the demand and shows on its page.
    await byTestId(page, 'demand-file-page').locator('input[type=file]').setInputFiles({ name: `通行证申请-${stamp}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 E2E') });
    await expectText(byTestId(page, 'demand-file-page'), `通行证申请-${stamp}.pdf`);
    await byTestId(page, 'demand-submit').click();
    await byTestId(page, 'demand-detail-page').waitFor();
    await expectText(byTestId(page, 'demand-header'), '待交办', `E2E 冷链运输车辆通行 ${stamp}`);
    await expectText(byTestId(page, 'demand-files'), `通行证申请-${stamp}.pdf`);
    const id = new URL(page.url()).pathname.split('/').pop()!;
    await screenshot(page, 'demands-filed');
    await logout(page);

    // 2. The county dispatcher finds it in the intake queue and dispatches it.
    await login(page, 'lk_dispatcher');
    await byTestId(page, 'menu-demands').click();
    await expectText(byTestId(page, 'demand-table'), `E2E 冷链运输车辆通行 ${stamp}`);
    await screenshot(page, 'demands-intake');
    await openDemand(page, id);
    await expectText(byTestId(page, 'demand-files'), `通行证申请-${stamp}.pdf`);
    await byTestId(page, 'action-dispatch').click();
    await pickOption(page, byTestId(page, 'dispatch-unit'), '工业和信息化', { search: '工业' });
    await byTestId(page, 'action-note').fill('请工信局牵头协调');
    await byTestId(page, 'action-submit').click();
    await expectText(byTestId(page, 'demand-header'), '已交办');
    await logout(page);

    // 3. The unit accepts and answers.
    await login(page, 'lk_industry');
    await openDemand(page, id);
    await doAction(page, 'accept');
    await expectText(byTestId(page, 'demand-header'), '已签收');
    await doAction(page, 'answer', '已协调交通部门办理通行证，明日可通行。');
    await expectText(byTestId(page, 'demand-header'), '已答复');
    await logout(page);

    // 4. The enterprise revisits: solved, five stars.
    await login(page, 'ent_lankao');
    await openDemand(page, id);
    await doAction(page, 'revisit', '办理及时');
    await expectText(byTestId(page, 'demand-header'), '已回访');
    await logout(page);

    // 5. The dispatcher verifies and closes it (with a confirmation).
    await login(page, 'lk_dispatcher');
    await openDemand(page, id);
    await doAction(page, 'verify', '电话核实');
    await byTestId(page, 'action-close').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expectText(byTestId(page, 'demand-header'), '已销号');
    await expectText(byTestId(page, 'demand-timeline'), '提交', '交办', '签收', '答复', '回访评价', '核实', '销号');
    await screenshot(page, 'demands-closed');

    // 6. The dispatcher's common issues and the metrics page render.
    await byTestId(page, 'menu-demandIssues').click();
    await byTestId(page, 'common-issues-page').waitFor();
    await screenshot(page, 'demands-common-issues');
    await page.goto(url('/demands/metrics'));
    await byTestId(page, 'demand-metrics-page').waitFor();
    await expectText(byTestId(page, 'demand-metrics-page'), '兰考县');
    await screenshot(page, 'demands-metrics');
    // Five sign-ins and a dozen pages: more than the default minute on a loaded machine.
  }, 300_000);

  it('the enterprise removes a file it attached, after confirming', async () => {
    const { page } = s;
    const stamp = Date.now().toString(36);
    await login(page, 'ent_lankao');
    await byTestId(page, 'menu-demandFile').click();
    await byTestId(page, 'demand-file-page').waitFor();
    await pickOption(page, byTestId(page, 'demand-category'), '物流运输');
    await byTestId(page, 'demand-title').fill(`E2E 附件删除 ${stamp}`);
    await byTestId(page, 'demand-description').fill(`E2E ${stamp}：误传了一份文件，需要删除。`);
    await byTestId(page, 'demand-contact').fill('钱经理');
    await byTestId(page, 'demand-phone').fill('13912340001');
    await byTestId(page, 'demand-file-page').locator('input[type=file]').setInputFiles({ name: `误传-${stamp}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 E2E') });
    await byTestId(page, 'demand-submit').click();
    await byTestId(page, 'demand-detail-page').waitFor();
    const files = byTestId(page, 'demand-files');
    await expectText(files, `误传-${stamp}.pdf`);
    await byTestId(files, 'file-delete').click();
    await expectText(page.locator('.ant-popconfirm'), `误传-${stamp}.pdf`);
    await screenshot(page, 'demands-file-delete');
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expectText(page.locator('.ant-message'), `已删除：误传-${stamp}.pdf`);
    await expectText(files, '暂无附件');
  });
});

