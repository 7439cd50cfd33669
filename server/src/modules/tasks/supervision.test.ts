import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { createActiveUser, exec, readXlsx } from '../../testing/helpers.js';
import { OrgUnits } from '../org/units.js';
import type { NotificationInput, Notifier, RegionNames } from './ports.js';
import { DEFAULT_TASKS_SETTINGS } from './settings.js';
import { SupervisionService } from './supervision.js';
import type { SupervisedItem, SupervisionSource } from './sources.js';
import { reportSlotAtOrBefore, weekOfSlot, WeeklyReportService } from './weekly.js';
import { TaskSupervisionSource } from './task-source.js';
import { TotalCounter } from '../../platform/db/totals.js';

let t: TestApp;
let kfDispatcher: string;
let kfIndustry: string;
let kfTransport: string;
let kfSupervisor: string;
let lkDispatcher: string;
let lkSupervisor: string;
let taskId: string;
let industryAssignment: string;
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

class CollectingNotifier implements Notifier {
  sent: NotificationInput[] = [];
  async notify(_conn: unknown, input: NotificationInput) {
    this.sent.push(input);
  }
}

beforeAll(async () => {
  t = await createTestApp();
  [kfDispatcher, kfIndustry, kfTransport, kfSupervisor, lkDispatcher] = await Promise.all(['kf_dispatcher', 'kf_industry', 'kf_tf_transport', 'kf_supervisor', 'lk_dispatcher'].map((u) => t.login(u)));
  const sysadmin = await t.login('sysadmin');
  const lk = await createActiveUser(t, sysadmin, { username: 'lk_supervisor_t', role: 'supervisor', regionCode: '410225' });
  lkSupervisor = await t.login('lk_supervisor_t', lk.password);
  const units = (await t.req('GET', '/api/tasks/units', { cookie: kfDispatcher })).json() as { type: string; id: string; label: string; regionCode: string }[];
  const industry = units.find((u) => u.type === 'department' && u.label.includes('工业和信息化'))!;
  const lankao = units.find((u) => u.type === 'command' && u.regionCode === '410225')!;
  const res = await t.req('POST', '/api/tasks', { cookie: kfDispatcher, body: { title: '督办测试任务', requirement: '限期完成', deadline: inDays(1), units: [industry, lankao].map(({ type, id }) => ({ type, id })) } });
  taskId = res.json().id;
  // Time passes: the deadline is three days behind us.
  await exec(t, sql`update task_assignments set deadline = now() - interval '3 days' where task_id = ${taskId}`);
  await exec(t, sql`update tasks set deadline = now() - interval '3 days' where id = ${taskId}`);
  const detail = (await t.req('GET', `/api/tasks/${taskId}`, { cookie: kfDispatcher })).json();
  industryAssignment = detail.assignments.find((a: { unit: { type: string } }) => a.unit.type === 'department').id;
});
afterAll(async () => {
  await t.close();
});

describe('overdue board', () => {
  it('answers 401 and 403', async () => {
    expect((await t.req('GET', '/api/supervision/overdue')).statusCode).toBe(401);
    expect((await t.req('GET', '/api/supervision/overdue', { cookie: kfIndustry })).statusCode).toBe(403);
  });
  it('shows late items within scope only, most overdue first', async () => {
    const kf = (await t.req('GET', '/api/supervision/overdue?kind=task&pageSize=200', { cookie: kfSupervisor })).json();
    const mine = kf.items.filter((i: SupervisedItem) => i.link === `/tasks/${taskId}`);
    expect(mine.length).toBe(2);
    expect(mine[0].overdueHours).toBeGreaterThanOrEqual(71);
    const since = kf.items.map((i: SupervisedItem) => i.overdueSince);
    expect([...since].sort()).toEqual(since);
    const lk = (await t.req('GET', '/api/supervision/overdue?pageSize=200', { cookie: lkSupervisor })).json();
    expect(lk.items.every((i: SupervisedItem) => i.regionCode === '410225')).toBe(true);
    expect(lk.items.some((i: SupervisedItem) => i.link === `/tasks/${taskId}`)).toBe(true);
    expect((await t.req('GET', '/api/supervision/overdue?regionCode=410204', { cookie: lkSupervisor })).statusCode).toBe(404);
    expect((await t.req('GET', '/api/supervision/overdue?regionCode=41', { cookie: lkSupervisor })).json().field).toBe('query.regionCode');
    const xlsx = await readXlsx((await t.req('GET', '/api/supervision/overdue/export?kind=task', { cookie: kfSupervisor })).rawPayload);
    expect(xlsx[0]![1]).toBe('事项');
    expect(xlsx.some((r) => r[1] === '督办测试任务')).toBe(true);
  });
  it('merges several sources', async () => {
    const db = t.database.db;
    const regions: RegionNames = { subtree: (c) => [c], name: (c) => c };
    const fake: SupervisionSource = {
      kind: 'demand',
      overdue: async () => ({ items: [{ kind: 'demand', id: '00000000-0000-4000-8000-000000000001', title: '原料断供', regionCode: '410200', state: 'dispatched', unit: null, deadline: '2000-01-01T00:00:00.000Z', overdueSince: '2000-01-01T00:00:00.000Z', escalated: true, link: '/demands/1' }], total: 1, totalCapped: false }),
      find: async () => null,
      weekly: async () => ({ byUnit: [], longestOverdue: [] }),
    };
    const svc = new SupervisionService(db, new OrgUnits(db), regions, new CollectingNotifier(), DEFAULT_TASKS_SETTINGS);
    svc.addSource(new TaskSupervisionSource(db, regions, new TotalCounter(db)));
    svc.addSource(fake);
    const scope = { kind: 'government' as const, regionCode: '410000', regionCodes: null, sector: null };
    const page = await svc.overdue(scope, { page: 1, pageSize: 3 });
    expect(page.items[0]!.kind).toBe('demand');
    expect(page.items.length).toBe(3);
    expect(page.total).toBeGreaterThan(2);
    expect(page.totalCapped).toBe(false);
    // One capped source caps the merged total.
    const capped: SupervisionSource = { ...fake, overdue: async () => ({ items: [], total: 10_000, totalCapped: true }) };
    const svc2 = new SupervisionService(db, new OrgUnits(db), regions, new CollectingNotifier(), DEFAULT_TASKS_SETTINGS);
    svc2.addSource(new TaskSupervisionSource(db, regions, new TotalCounter(db)));
    svc2.addSource(capped);
    expect(await svc2.overdue(scope, { page: 1, pageSize: 3 })).toMatchObject({ total: 10_000, totalCapped: true });
  });
});

describe('supervision notices', () => {
  let noticeId: string;
  it('refuses bad input, strangers and out-of-scope items', async () => {
    const body = { kind: 'task', itemId: industryAssignment, requirement: '请于三日内说明超期原因并完成' };
    expect((await t.req('POST', '/api/supervision/notices', { body })).statusCode).toBe(401);
    expect((await t.req('POST', '/api/supervision/notices', { cookie: kfIndustry, body })).statusCode).toBe(403);
    expect((await t.req('POST', '/api/supervision/notices', { cookie: lkSupervisor, body })).statusCode).toBe(404);
    const bad = await t.req('POST', '/api/supervision/notices', { cookie: kfSupervisor, body: { ...body, requirement: '' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('body.requirement');
    expect((await t.req('POST', '/api/supervision/notices', { cookie: kfSupervisor, body: { ...body, replyDeadline: inDays(-1) } })).json().field).toBe('body.replyDeadline');
  });
  it('issues a notice once to the responsible unit, which replies; the supervisor returns and closes', async () => {
    const body = { kind: 'task', itemId: industryAssignment, requirement: '请于三日内说明超期原因并完成' };
    const first = await t.req('POST', '/api/supervision/notices', { cookie: kfSupervisor, body });
    expect(first.statusCode, first.body).toBe(201);
    noticeId = first.json().id;
    expect(first.json()).toMatchObject({ state: 'issued', unit: { type: 'department' }, actions: [] });
    const again = await t.req('POST', '/api/supervision/notices', { cookie: kfSupervisor, body });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(noticeId);

    const mine = (await t.req('GET', '/api/supervision/notices/mine', { cookie: kfIndustry })).json();
    expect(mine.items.map((n: { id: string }) => n.id)).toContain(noticeId);
    expect(mine.items.find((n: { id: string }) => n.id === noticeId).actions).toEqual(['reply']);
    expect((await t.req('GET', `/api/supervision/notices/${noticeId}`, { cookie: kfTransport })).statusCode).toBe(404);
    expect((await t.req('GET', `/api/supervision/notices/${noticeId}`, { cookie: lkSupervisor })).statusCode).toBe(404);
    expect((await t.req('GET', `/api/supervision/notices/${noticeId}`)).statusCode).toBe(401);
    expect((await t.req('POST', `/api/supervision/notices/${noticeId}/reply`, { cookie: kfTransport, body: { note: '无关' } })).statusCode).toBe(404);
    expect((await t.req('POST', `/api/supervision/notices/${noticeId}/reply`, { cookie: kfIndustry, body: {} })).json().field).toBe('body.note');
    expect((await t.req('POST', `/api/supervision/notices/${noticeId}/close`, { cookie: kfSupervisor, body: { note: '办结' } })).statusCode).toBe(409);

    const replied = await t.req('POST', `/api/supervision/notices/${noticeId}/reply`, { cookie: kfIndustry, body: { note: '因原料运输受阻延误，已于今日完成' } });
    expect(replied.json()).toMatchObject({ state: 'replied', reply: '因原料运输受阻延误，已于今日完成', actions: [] });
    expect((await t.req('POST', `/api/supervision/notices/${noticeId}/close`, { cookie: kfIndustry, body: { note: '自己办结' } })).statusCode).toBe(403);
    expect((await t.req('POST', `/api/supervision/notices/${noticeId}/return`, { cookie: kfSupervisor, body: { note: '请附完成佐证' } })).json().state).toBe('issued');
    await t.req('POST', `/api/supervision/notices/${noticeId}/reply`, { cookie: kfIndustry, body: { note: '佐证见附件台账' } });
    const closed = await t.req('POST', `/api/supervision/notices/${noticeId}/close`, { cookie: kfSupervisor, body: { note: '情况属实，办结' } });
    expect(closed.json()).toMatchObject({ state: 'closed', actions: [] });
    const detail = (await t.req('GET', `/api/supervision/notices/${noticeId}`, { cookie: kfSupervisor })).json();
    expect(detail.events.map((e: { action: string }) => e.action)).toEqual(['issue', 'reply', 'return', 'reply', 'close']);
  });
  it('lists, filters and exports notices within scope, with a capped total', async () => {
    expect((await t.req('GET', '/api/supervision/notices')).statusCode).toBe(401);
    expect((await t.req('GET', '/api/supervision/notices/mine')).statusCode).toBe(401);
    expect((await t.req('GET', '/api/supervision/notices/export')).statusCode).toBe(401);
    const kf = (await t.req('GET', '/api/supervision/notices?q=督办测试', { cookie: kfSupervisor })).json();
    expect(kf.items.map((n: { id: string }) => n.id)).toContain(noticeId);
    expect(kf).toMatchObject({ total: 1, totalCapped: false });
    expect((await t.req('GET', '/api/supervision/notices?pageSize=200', { cookie: kfSupervisor })).json().totalCapped).toBe(false);
    // Out of scope: nothing of 开封市's notices for 兰考县, and 404 for a region outside its own.
    expect((await t.req('GET', '/api/supervision/notices?q=督办测试', { cookie: lkSupervisor })).json()).toMatchObject({ items: [], total: 0, totalCapped: false });
    expect((await t.req('GET', '/api/supervision/notices?regionCode=410204', { cookie: lkSupervisor })).statusCode).toBe(404);
    expect((await t.req('GET', '/api/supervision/notices/export?regionCode=410204', { cookie: lkSupervisor })).statusCode).toBe(404);
    // A region inside the scope narrows the list to its subtree.
    expect((await t.req('GET', '/api/supervision/notices?q=督办测试&regionCode=410200', { cookie: kfSupervisor })).json().total).toBe(1);
    expect((await t.req('GET', '/api/supervision/notices?q=督办测试&regionCode=410225', { cookie: kfSupervisor })).json().total).toBe(0);
    expect((await t.req('GET', '/api/supervision/notices?state=closed&q=督办测试', { cookie: kfSupervisor })).json().total).toBe(1);
    expect((await t.req('GET', '/api/supervision/notices?state=closed&kind=demand&q=督办测试', { cookie: kfSupervisor })).json().total).toBe(0);
    expect((await t.req('GET', '/api/supervision/notices?state=nope', { cookie: kfSupervisor })).json().field).toBe('query.state');
    expect((await t.req('GET', '/api/supervision/notices?regionCode=41', { cookie: kfSupervisor })).json().field).toBe('query.regionCode');
    expect((await t.req('GET', '/api/supervision/notices?pageSize=0', { cookie: kfSupervisor })).statusCode).toBe(400);
    expect((await t.req('GET', '/api/supervision/notices/mine?kind=nope', { cookie: kfIndustry })).json().field).toBe('query.kind');
    expect((await t.req('GET', '/api/supervision/notices', { cookie: kfIndustry })).statusCode).toBe(403);
    // The unit's own list: its notices, and none of another unit's.
    expect((await t.req('GET', '/api/supervision/notices/mine?q=督办测试', { cookie: kfIndustry })).json()).toMatchObject({ total: 1, totalCapped: false });
    expect((await t.req('GET', '/api/supervision/notices/mine?q=督办测试', { cookie: kfTransport })).json()).toMatchObject({ items: [], total: 0, totalCapped: false });
    const xlsx = await readXlsx((await t.req('GET', '/api/supervision/notices/export?q=督办测试', { cookie: kfSupervisor })).rawPayload);
    expect(xlsx[0]!.slice(0, 4)).toEqual(['类别', '督办事项', '地区', '责任单位']);
    expect(xlsx.slice(1).map((r) => [r[2], r[6]])).toEqual([['开封市', '已办结']]);
  });
  it('says "more than the cap" beyond it, and counts a new notice at once', async () => {
    const total = TotalCounter.prototype.total;
    const spy = vi.spyOn(TotalCounter.prototype, 'total').mockImplementation(function (this: TotalCounter, table, where) {
      return total.call(this, table, where, 0);
    });
    try {
      for (const [url, cookie] of [['/api/supervision/notices', kfSupervisor], ['/api/supervision/notices/mine', kfIndustry]] as const) {
        const body = (await t.req('GET', url, { cookie })).json();
        expect(body, url).toMatchObject({ total: 0, totalCapped: true });
        expect(body.items.length, url).toBeGreaterThanOrEqual(1);
      }
    } finally {
      spy.mockRestore();
    }
    const before = (await t.req('GET', '/api/supervision/notices', { cookie: kfSupervisor })).json().total as number;
    const lkAssignment = (await t.req('GET', `/api/tasks/${taskId}`, { cookie: kfDispatcher })).json().assignments.find((a: { unit: { type: string } }) => a.unit.type === 'command').id;
    const issue = await t.req('POST', '/api/supervision/notices', { cookie: kfSupervisor, body: { kind: 'task', itemId: lkAssignment, requirement: '计数测试' } });
    expect(issue.statusCode).toBe(201);
    const id = issue.json().id as string;
    // Within the totals' five seconds of reuse: the issue dropped them.
    expect((await t.req('GET', '/api/supervision/notices', { cookie: kfSupervisor })).json()).toMatchObject({ total: before + 1, totalCapped: false });
    const issued = (await t.req('GET', '/api/supervision/notices?state=issued', { cookie: kfSupervisor })).json().total as number;
    expect((await t.req('POST', `/api/supervision/notices/${id}/reply`, { cookie: lkDispatcher, body: { note: '已说明' } })).statusCode).toBe(200);
    expect((await t.req('GET', '/api/supervision/notices?state=issued', { cookie: kfSupervisor })).json().total).toBe(issued - 1);
    expect((await t.req('POST', `/api/supervision/notices/${id}/close`, { cookie: kfSupervisor, body: { note: '办结' } })).statusCode).toBe(200);
  });
  it('warns before the reply deadline and marks an unanswered notice overdue, once', async () => {
    const lkAssignment = (await t.req('GET', `/api/tasks/${taskId}`, { cookie: kfDispatcher })).json().assignments.find((a: { unit: { type: string } }) => a.unit.type === 'command').id;
    const issued = await t.req('POST', '/api/supervision/notices', { cookie: kfSupervisor, body: { kind: 'task', itemId: lkAssignment, requirement: '请县指挥部说明', replyDeadline: inDays(2) } });
    const id = issued.json().id as string;
    const db = t.database.db;
    const notifier = new CollectingNotifier();
    const svc = new SupervisionService(db, new OrgUnits(db), { subtree: (c) => [c], name: (c) => c }, notifier, DEFAULT_TASKS_SETTINGS);
    const soon = new Date(Date.now() + 2 * 86_400_000 - 3600_000);
    await svc.sweep(soon);
    await svc.sweep(soon);
    expect(notifier.sent.filter((n) => n.ref?.id === id && n.kind === 'supervision.reply_warning').length).toBe(1);
    const later = new Date(Date.now() + 3 * 86_400_000);
    await svc.sweep(later);
    await svc.sweep(later);
    expect(notifier.sent.filter((n) => n.ref?.id === id && n.kind === 'supervision.overdue').length).toBe(1);
    const n = (await t.req('GET', `/api/supervision/notices/${id}`, { cookie: lkDispatcher })).json();
    expect(n.notice).toMatchObject({ state: 'overdue', actions: ['reply'] });
    expect((await t.req('POST', `/api/supervision/notices/${id}/reply`, { cookie: lkDispatcher, body: { note: '逾期说明：已完成' } })).json().state).toBe('replied');
  });
});

describe('weekly report', () => {
  it('places the report time on the configured weekday and hour in Asia/Shanghai', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 23 }), (now, weekday, hour) => {
        const slot = reportSlotAtOrBefore(now, weekday, hour);
        const local = new Date(slot.getTime() + 8 * 3600_000);
        expect(slot.getTime()).toBeLessThanOrEqual(now.getTime());
        expect(now.getTime() - slot.getTime()).toBeLessThan(7 * 86_400_000);
        expect(local.getUTCDay()).toBe(weekday);
        expect(local.getUTCHours()).toBe(hour);
        expect(local.getUTCMinutes()).toBe(0);
      }),
    );
    // Friday 2022-06-10 17:00 in Shanghai is 09:00 UTC.
    expect(reportSlotAtOrBefore(new Date('2022-06-10T09:00:00Z'), 5, 17).toISOString()).toBe('2022-06-10T09:00:00.000Z');
    expect(weekOfSlot(reportSlotAtOrBefore(new Date('2022-06-10T08:59:59Z'), 5, 17))).toBe('2022-06-03');
  });

  it('answers 401, 403 and 404 out of scope; generates now once per week; downloads Excel', async () => {
    expect((await t.req('GET', '/api/reports/weekly')).statusCode).toBe(401);
    expect((await t.req('POST', '/api/reports/weekly/generate', { cookie: kfSupervisor })).statusCode).toBe(403);
    const gen = await t.req('POST', '/api/reports/weekly/generate', { cookie: kfDispatcher });
    expect(gen.statusCode, gen.body).toBe(200);
    const report = gen.json();
    expect(report.data.rows.some((r: { kind: string; overdue: number }) => r.kind === 'task' && r.overdue > 0)).toBe(true);
    expect(report.data.longestOverdue.some((i: { title: string }) => i.title === '督办测试任务')).toBe(true);
    const again = (await t.req('POST', '/api/reports/weekly/generate', { cookie: kfDispatcher })).json();
    expect(again.id).toBe(report.id);
    const list = (await t.req('GET', '/api/reports/weekly', { cookie: kfSupervisor })).json();
    expect(list.items.map((r: { id: string }) => r.id)).toContain(report.id);
    expect((await t.req('GET', `/api/reports/weekly/${report.id}`, { cookie: lkDispatcher })).statusCode).toBe(404);
    expect((await t.req('GET', `/api/reports/weekly/${report.id}/xlsx`, { cookie: lkDispatcher })).statusCode).toBe(404);
    expect((await t.req('GET', '/api/reports/weekly/not-a-uuid', { cookie: kfDispatcher })).json().field).toBe('params.id');
    expect((await t.req('GET', '/api/reports/weekly?regionCode=410204', { cookie: lkDispatcher })).statusCode).toBe(404);
    const lkList = (await t.req('GET', '/api/reports/weekly?pageSize=200', { cookie: lkDispatcher })).json();
    expect(lkList.items.every((r: { regionCode: string }) => r.regionCode === '410225')).toBe(true);
    // By the Friday a report is for, both ends included; a range ending before it starts is refused.
    const week = (q: string) => t.req('GET', `/api/reports/weekly?${q}`, { cookie: kfSupervisor });
    const ids = async (q: string) => ((await week(q)).json().items as { id: string }[]).map((r) => r.id);
    expect(await ids(`from=${report.weekOf}&to=${report.weekOf}`)).toContain(report.id);
    expect(await ids(`from=${report.weekOf}`)).toContain(report.id);
    expect(await ids(`to=${report.weekOf}&regionCode=410200`)).toContain(report.id);
    const dayAfter = new Date(Date.parse(`${report.weekOf}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(await ids(`from=${dayAfter}`)).not.toContain(report.id);
    expect((await week('from=2026-02-30')).json().field).toBe('query.from');
    expect((await week(`from=${dayAfter}&to=${report.weekOf}`)).json()).toMatchObject({ statusCode: 400, field: 'query.to' });
    const xlsx = await t.req('GET', `/api/reports/weekly/${report.id}/xlsx`, { cookie: kfSupervisor });
    expect(xlsx.statusCode).toBe(200);
    const rows = await readXlsx(xlsx.rawPayload);
    expect(rows[0]).toEqual(['类别', '责任单位', '本周新增', '本周办结', '超期', '上报']);
    const pdf = await t.req('GET', `/api/reports/weekly/${report.id}/pdf`, { cookie: kfSupervisor });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await t.req('GET', `/api/reports/weekly/${report.id}/pdf`, { cookie: lkDispatcher })).statusCode).toBe(404);
  });

  it('the recurring job generates each command’s report once the report time has passed', async () => {
    const db = t.database.db;
    const regions: RegionNames = { subtree: (c) => [c], name: (c) => c };
    const units = new OrgUnits(db);
    const sup = new SupervisionService(db, units, regions, new CollectingNotifier(), DEFAULT_TASKS_SETTINGS);
    sup.addSource(new TaskSupervisionSource(db, regions, new TotalCounter(db)));
    const weekly = new WeeklyReportService(db, units, regions, sup, DEFAULT_TASKS_SETTINGS);
    const friday = new Date('2021-03-05T09:30:00Z');
    const n = await weekly.generateDue(friday);
    expect(n).toBe((await units.allCommands()).length);
    expect(await weekly.generateDue(new Date('2021-03-05T10:00:00Z'))).toBe(0);
    const rows = (await db.execute(sql`select count(*)::int as n from weekly_reports where week_of = '2021-03-05'`)) as unknown as { rows: { n: number }[] };
    expect(rows.rows[0]!.n).toBe(n);
  });
});
