import { describe, expect, it } from 'vitest';
import { byTestId, expectNoText, expectText, login, screenshot, useBrowser } from './browser.js';

const TASK_FORCES = ['综合协调', '工业生产', '商贸流通', '交通运输', '文化旅游', '重点项目', '防疫保障', '督办督查'];
const KAIFENG = '410200';
const LANKAO = '410225';
const GULOU = '410204';

describe('organisation page', () => {
  const s = useBrowser();

  it('a city dispatcher sees 开封市, its counties, its command and the eight task forces', async () => {
    const { page } = s;
    await login(page, 'kf_dispatcher');
    await byTestId(page, 'menu-org').click();
    await byTestId(page, 'org-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/org');

    const tree = byTestId(page, 'org-tree');
    await expectText(tree, '开封市', '兰考县', '鼓楼区', '祥符区', '杞县', '通许县', '尉氏县');
    await expectNoText(tree, '郑州市', '河南省');

    await byTestId(page, `org-region-${KAIFENG}`).click();
    await expectText(byTestId(page, 'org-region-title'), '开封市');
    await expectText(byTestId(page, 'org-command-name'), '开封市常态化疫情防控下经济运行调度机制指挥部');
    await expectText(byTestId(page, 'org-command-members'), '指挥长');

    const taskForces = byTestId(page, 'org-taskforces');
    await expectText(taskForces, ...TASK_FORCES.map((name) => `${name}工作专班`));
    await expect.poll(() => taskForces.locator('[data-testid^="org-taskforce-"]').count()).toBe(8);
    await expectText(page.locator('[data-testid="org-detail"] .ant-tabs-nav'), '指挥部', '部门');
    await expectText(byTestId(page, 'org-detail'), '工作专班（8）');
    // long member titles stay inside their task-force card
    const overflowing = await taskForces.locator('[data-testid^="org-taskforce-"]').evaluateAll((cards) =>
      cards.flatMap((card) => {
        const right = card.getBoundingClientRect().right;
        return Array.from(card.querySelectorAll('.ant-tag'))
          .filter((tag) => tag.getBoundingClientRect().right > right + 0.5)
          .map((tag) => tag.textContent ?? '');
      }),
    );
    expect(overflowing).toEqual([]);
    await screenshot(page, 'org-kf-dispatcher');

    // the departments tab lists the city's departments
    await byTestId(page, 'org-tab-departments').click();
    await expectText(byTestId(page, 'org-departments'), '开封市发展和改革委员会');

    // choosing a county switches the command
    await byTestId(page, `org-region-${LANKAO}`).click();
    await expectText(byTestId(page, 'org-region-title'), '兰考县');
    await byTestId(page, 'org-tab-command').click();
    await expectText(byTestId(page, 'org-command-name'), '兰考县常态化疫情防控下经济运行调度机制指挥部');
  });

  it('a county dispatcher sees only 兰考县', async () => {
    const { page } = s;
    await login(page, 'lk_dispatcher');
    await byTestId(page, 'menu-org').click();
    const tree = byTestId(page, 'org-tree');
    await expectText(tree, '兰考县');
    await expectNoText(tree, '鼓楼区', '开封市', '祥符区');
    await expect.poll(() => tree.locator('[data-testid^="org-region-"]').count()).toBe(1);
    expect(await byTestId(page, `org-region-${GULOU}`).count()).toBe(0);
    await expectText(byTestId(page, 'org-region-title'), '兰考县');
    await expectText(byTestId(page, 'org-command-name'), '兰考县常态化疫情防控下经济运行调度机制指挥部');
    await screenshot(page, 'org-lk-dispatcher');
  });
});
