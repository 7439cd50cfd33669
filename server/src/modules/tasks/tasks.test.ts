import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { exec, readXlsx } from '../../testing/helpers.js';
import { TotalCounter } from '../../platform/db/totals.js';

let t: TestApp;
let kfDispatcher: string;
let kfIndustry: string;
let kfTransport: string;
let lkDispatcher: string;
let lkIndustry: string;
let glDispatcher: string;
type Unit = { type: string; id: string; label: string; regionCode: string };
let units: Unit[];
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

beforeAll(async () => {
  t = await createTestApp();
  [kfDispatcher, kfIndustry, kfTransport, lkDispatcher, lkIndustry, glDispatcher] = await Promise.all(['kf_dispatcher', 'kf_industry', 'kf_tf_transport', 'lk_dispatcher', 'lk_industry', 'gl_dispatcher'].map((u) => t.login(u)));
  units = (await t.req('GET', '/api/tasks/units', { cookie: kfDispatcher })).json();
});
afterAll(async () => {
  await t.close();
});

const industryUnit = () => units.find((u) => u.type === 'department' && u.label.includes('工业和信息化'))!;
const lankaoUnit = () => units.find((u) => u.type === 'command' && u.regionCode === '410225')!;

async function assign(title: string, extra: Record<string, unknown> = {}) {
  const res = await t.req('POST', '/api/tasks', { cookie: kfDispatcher, body: { title, requirement: '按要求落实并反馈', deadline: inDays(5), units: [industryUnit(), lankaoUnit()].map(({ type, id }) => ({ type, id })), ...extra } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}
async function assignmentOf(taskId: string, cookie: string) {
  const d = (await t.req('GET', `/api/tasks/${taskId}`, { cookie })).json();
  return d.assignments as { id: string; unit: Unit; state: string; actions: string[] }[];
}

describe('tasks API', () => {
  it('answers 401 without a session', async () => {
    for (const url of ['/api/tasks', '/api/tasks/units', '/api/tasks/assignments/mine', '/api/tasks/export']) expect((await t.req('GET', url)).statusCode).toBe(401);
    expect((await t.req('POST', '/api/tasks', { body: {} })).statusCode).toBe(401);
  });

  it('offers the command’s departments, task forces and the commands one level down', async () => {
    expect(industryUnit()).toBeTruthy();
    expect(lankaoUnit()).toBeTruthy();
    expect(units.some((u) => u.type === 'task_force')).toBe(true);
    expect(units.every((u) => u.regionCode.startsWith('4102'))).toBe(true);
    expect((await t.req('GET', '/api/tasks/units', { cookie: kfIndustry })).statusCode).toBe(403);
  });

  it('names the field of bad input', async () => {
    const bad = await t.req('POST', '/api/tasks', { cookie: kfDispatcher, body: { title: 'x', requirement: 'y', deadline: 'tomorrow', units: [{ type: 'department', id: industryUnit().id }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('body.deadline');
    const past = await t.req('POST', '/api/tasks', { cookie: kfDispatcher, body: { title: 'x', requirement: 'y', deadline: inDays(-1), units: [{ type: 'department', id: industryUnit().id }] } });
    expect(past.json().field).toBe('body.deadline');
    // A unit of another region is not the command's to assign.
    const lkUnits = (await t.req('GET', '/api/tasks/units', { cookie: lkDispatcher })).json() as Unit[];
    const foreign = await t.req('POST', '/api/tasks', { cookie: kfDispatcher, body: { title: 'x', requirement: 'y', deadline: inDays(3), units: [{ type: 'department', id: lkUnits[0]!.id }] } });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().field).toBe('body.units');
    expect((await t.req('GET', '/api/tasks?state=galaxy', { cookie: kfDispatcher })).json().field).toBe('query.state');
  });

  it('assigns once per request key, one assignment per unit', async () => {
    const body = { title: '复工复产安全检查', requirement: '对辖区白名单企业开展一次安全检查', deadline: inDays(4), units: [industryUnit(), industryUnit()].map(({ type, id }) => ({ type, id })), requestKey: 'req-key-0001' };
    const first = await t.req('POST', '/api/tasks', { cookie: kfDispatcher, body });
    expect(first.statusCode).toBe(201);
    expect(first.json().total).toBe(1);
    const again = await t.req('POST', '/api/tasks', { cookie: kfDispatcher, body });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
  });

  it('keeps tasks to the command’s region and each unit to its own assignment', async () => {
    const task = await assign('保供物资调度情况摸排');
    // The city sees both assignments; the county command only its own; a stranger nothing.
    expect((await assignmentOf(task.id, kfDispatcher)).length).toBe(2);
    const lk = await assignmentOf(task.id, lkDispatcher);
    expect(lk.map((a) => a.unit.type)).toEqual(['command']);
    expect(lk[0]!.actions).toEqual(['progress', 'complete']);
    expect((await t.req('GET', `/api/tasks/${task.id}`, { cookie: glDispatcher })).statusCode).toBe(404);
    expect((await t.req('GET', `/api/tasks/${task.id}`, { cookie: lkIndustry })).statusCode).toBe(404);
    expect((await t.req('GET', `/api/tasks/${task.id}`, { cookie: kfTransport })).statusCode).toBe(404);
    const lkList = (await t.req('GET', '/api/tasks?q=保供物资调度', { cookie: lkDispatcher })).json();
    expect(lkList.total).toBe(0);
    const kfList = (await t.req('GET', '/api/tasks?q=保供物资调度', { cookie: kfDispatcher })).json();
    expect(kfList.total).toBe(1);
    const mine = (await t.req('GET', '/api/tasks/assignments/mine?q=保供物资调度', { cookie: kfIndustry })).json();
    expect(mine.total).toBe(1);
    expect(mine.items[0].actions).toEqual(['progress', 'complete']);
    const bell = (await t.req('GET', '/api/notifications', { cookie: kfIndustry })).json();
    expect(bell.items.some((n: { kind: string; link: string }) => n.kind === 'task.assigned' && n.link === `/tasks/${task.id}`)).toBe(true);
    const lkMine = (await t.req('GET', '/api/tasks/assignments/mine?q=保供物资调度', { cookie: lkDispatcher })).json();
    expect(lkMine.items.map((a: { unit: Unit }) => a.unit.type)).toEqual(['command']);
  });

  it('runs the assignment loop: progress, completion with evidence, return, accept; refuses the wrong side and illegal steps', async () => {
    const task = await assign('重点项目用工保障');
    const a = (await assignmentOf(task.id, kfIndustry))[0]!;
    const url = (action: string) => `/api/tasks/assignments/${a.id}/${action}`;
    expect((await t.req('POST', url('progress'), { body: { note: 'x' } })).statusCode).toBe(401);
    expect((await t.req('POST', url('progress'), { cookie: glDispatcher, body: { note: 'x' } })).statusCode).toBe(404);
    expect((await t.req('POST', url('progress'), { cookie: kfTransport, body: { note: 'x' } })).statusCode).toBe(404);
    expect((await t.req('POST', url('progress'), { cookie: kfIndustry, body: { note: '已摸排 12 家' } })).json().state).toBe('in_progress');
    const noEvidence = await t.req('POST', url('complete'), { cookie: kfIndustry, body: {} });
    expect(noEvidence.statusCode).toBe(400);
    expect(noEvidence.json().field).toBe('body.note');
    expect((await t.req('POST', url('complete'), { cookie: kfIndustry, body: { note: 'x'.repeat(4001) } })).json().field).toBe('body.note');
    const done = await t.req('POST', url('complete'), { cookie: kfIndustry, body: { note: '已全部落实，附台账' } });
    expect(done.json()).toMatchObject({ state: 'submitted', actions: [] });
    expect((await t.req('POST', url('accept'), { cookie: kfIndustry, body: {} })).statusCode).toBe(403);
    const returned = await t.req('POST', url('return'), { cookie: kfDispatcher, body: { note: '台账缺少联系人' } });
    expect(returned.json().state).toBe('returned');
    await t.req('POST', url('complete'), { cookie: kfIndustry, body: { note: '已补充联系人' } });
    const accepted = await t.req('POST', url('accept'), { cookie: kfDispatcher, body: {} });
    expect(accepted.json()).toMatchObject({ state: 'accepted', actions: [] });
    const again = await t.req('POST', url('accept'), { cookie: kfDispatcher, body: {} });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('tasks.invalid_transition');
    const detail = (await t.req('GET', `/api/tasks/${task.id}`, { cookie: kfDispatcher })).json();
    expect(detail.events.filter((e: { assignmentId: string }) => e.assignmentId === a.id).map((e: { action: string }) => e.action)).toEqual(['assign', 'progress', 'complete', 'return', 'complete', 'accept']);
    const audit = await t.database.db.execute(sql`select action from audit_events where target_id = ${a.id} order by id`);
    expect((audit as unknown as { rows: { action: string }[] }).rows.map((r) => r.action)).toEqual(['tasks.progress', 'tasks.complete', 'tasks.return', 'tasks.complete', 'tasks.accept']);
  });

  it('cancels an open assignment with a reason, and filters and exports the list', async () => {
    const task = await assign('临时调度任务');
    const lk = (await assignmentOf(task.id, kfDispatcher)).find((x) => x.unit.type === 'command')!;
    expect((await t.req('POST', `/api/tasks/assignments/${lk.id}/cancel`, { cookie: kfDispatcher, body: {} })).json().field).toBe('body.note');
    // The county command sees its assignment but cancelling is the assigning command's.
    expect((await t.req('POST', `/api/tasks/assignments/${lk.id}/cancel`, { cookie: lkDispatcher, body: { note: '不需要' } })).statusCode).toBe(403);
    expect((await t.req('POST', `/api/tasks/assignments/${lk.id}/cancel`, { cookie: glDispatcher, body: { note: '不需要' } })).statusCode).toBe(404);
    expect((await t.req('POST', `/api/tasks/assignments/${lk.id}/cancel`, { cookie: kfDispatcher, body: { note: '任务调整' } })).json().state).toBe('cancelled');
    const cancelled = (await t.req('GET', '/api/tasks?state=cancelled&q=临时调度', { cookie: kfDispatcher })).json();
    expect(cancelled.total).toBe(1);
    await exec(t, sql`update task_assignments set deadline = now() - interval '2 days' where task_id = ${task.id}`);
    await exec(t, sql`update tasks set deadline = now() - interval '2 days' where id = ${task.id}`);
    const overdue = (await t.req('GET', '/api/tasks?overdue=true&q=临时调度', { cookie: kfDispatcher })).json();
    expect(overdue.total).toBe(1);
    const xlsx = await t.req('GET', '/api/tasks/export?q=临时调度', { cookie: kfDispatcher });
    expect(xlsx.statusCode).toBe(200);
    const rows = await readXlsx(xlsx.rawPayload);
    expect(rows[0]![0]).toBe('任务名称');
    expect(rows.slice(1).map((r) => r[0])).toEqual(['临时调度任务']);
    const lkXlsx = await readXlsx((await t.req('GET', '/api/tasks/export?q=临时调度', { cookie: lkDispatcher })).rawPayload);
    expect(lkXlsx.length).toBe(1);
    // Department staff list only the tasks their unit was given.
    const staff = (await t.req('GET', '/api/tasks?q=临时调度', { cookie: kfTransport })).json();
    expect(staff.total).toBe(0);
    expect((await t.req('GET', '/api/tasks?q=临时调度', { cookie: kfIndustry })).json().total).toBe(1);
  });

  it('caps the totals of the task list, my assignments and the overdue board', async () => {
    const task = await assign('封顶计数任务');
    await exec(t, sql`update task_assignments set deadline = now() - interval '1 day' where task_id = ${task.id}`);
    const kfSupervisor = await t.login('kf_supervisor');
    const urls: [string, string][] = [['/api/tasks', kfDispatcher], ['/api/tasks/assignments/mine', kfIndustry], ['/api/supervision/overdue', kfSupervisor]];
    for (const [url, cookie] of urls) {
      const res = await t.req('GET', url, { cookie });
      expect(res.statusCode, `${url} ${res.body}`).toBe(200);
      expect(res.json(), url).toMatchObject({ totalCapped: false });
      expect(res.json().total, url).toBeGreaterThanOrEqual(1);
    }
    // With the cap at one row, every list says "more than one" and shows its first page all the same.
    const total = TotalCounter.prototype.total;
    const spy = vi.spyOn(TotalCounter.prototype, 'total').mockImplementation(function (this: TotalCounter, table, where) {
      return total.call(this, table, where, 1);
    });
    try {
      for (const [url, cookie] of urls) {
        const body = (await t.req('GET', url, { cookie })).json();
        expect(body.totalCapped, url).toBe(true);
        // The board adds its sources' totals (each capped on its own).
        expect(body.total, url).toBe(url.includes('overdue') ? 2 : 1);
        expect(body.items.length, url).toBeGreaterThanOrEqual(1);
      }
    } finally {
      spy.mockRestore();
    }
  });
});
