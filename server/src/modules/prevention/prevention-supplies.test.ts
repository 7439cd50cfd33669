import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { exec, readXlsx, rows } from '../../testing/helpers.js';

let t: TestApp;
let entLk: string;
let entLk2: string;
let staff: string;
let glStaff: string;
let lkDispatcher: string;
let entLkId: string;
type Supply = { id: string; enterpriseId: string; item: string; quantity: number; safetyStock: number; low: boolean; actions: string[] };

beforeAll(async () => {
  t = await createTestApp();
  await exec(t, sql`update users set role = 'prevention_staff' where username = 'gl_dispatcher'`);
  [entLk, entLk2, staff, glStaff, lkDispatcher] = await Promise.all(['ent_lankao', 'ent_lankao2', 'kf_prevention', 'gl_dispatcher', 'lk_dispatcher'].map((u) => t.login(u)));
  entLkId = (await t.req('GET', '/api/prevention/employees?pageSize=1', { cookie: entLk })).json().items[0].enterpriseId;
});
afterAll(async () => {
  await t.close();
});

describe('supplies and observation rooms', () => {
  it('answers 401 without a session', async () => {
    for (const url of ['/api/prevention/supplies', '/api/prevention/supplies/export', '/api/prevention/supplies/rollup', '/api/prevention/observation-points']) expect((await t.req('GET', url)).statusCode).toBe(401);
    expect((await t.req('PUT', '/api/prevention/supplies', { body: {} })).statusCode).toBe(401);
    expect((await t.req('POST', '/api/prevention/observation-points', { body: {} })).statusCode).toBe(401);
  });

  it('lets an enterprise keep its stock, one row per item, low under the safety stock', async () => {
    const bad = await t.req('PUT', '/api/prevention/supplies', { cookie: entLk, body: { item: '医用口罩', unit: '个', quantity: -1, safetyStock: 500 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('body.quantity');
    const a = await t.req('PUT', '/api/prevention/supplies', { cookie: entLk, body: { item: '医用口罩', unit: '个', quantity: 300, safetyStock: 500 } });
    expect(a.statusCode).toBe(200);
    expect(a.json()).toMatchObject({ low: true, actions: ['edit', 'delete'] });
    const b = await t.req('PUT', '/api/prevention/supplies', { cookie: entLk, body: { item: '医用口罩', unit: '个', quantity: 800, safetyStock: 500 } });
    expect(b.json()).toMatchObject({ id: a.json().id, quantity: 800, low: false });
    await t.req('PUT', '/api/prevention/supplies', { cookie: entLk, body: { item: '抗原检测试剂', unit: '盒', quantity: 20, safetyStock: 50 } });
    const list = (await t.req('GET', '/api/prevention/supplies', { cookie: entLk })).json();
    expect(list.items.filter((s: Supply) => s.enterpriseId === entLkId)).toHaveLength(list.items.length);
    const low = (await t.req('GET', '/api/prevention/supplies?low=true', { cookie: entLk })).json().items as Supply[];
    expect(low.map((s) => s.item)).toContain('抗原检测试剂');
    expect(low.map((s) => s.item)).not.toContain('医用口罩');
    expect(low.every((s) => s.low)).toBe(true);
    const audit = await rows(t, sql`select 1 from audit_events where action = 'prevention.supply.save'`);
    expect(audit.length).toBeGreaterThanOrEqual(3);
  });

  it('asks a government caller which enterprise; keeps others out (404)', async () => {
    expect((await t.req('PUT', '/api/prevention/supplies', { cookie: staff, body: { item: '消毒液', unit: '升', quantity: 10, safetyStock: 0 } })).json().field).toBe('body.enterpriseId');
    expect((await t.req('PUT', '/api/prevention/supplies', { cookie: staff, body: { enterpriseId: entLkId, item: '消毒液', unit: '升', quantity: 10, safetyStock: 0 } })).statusCode).toBe(200);
    expect((await t.req('PUT', '/api/prevention/supplies', { cookie: glStaff, body: { enterpriseId: entLkId, item: '消毒液', unit: '升', quantity: 1, safetyStock: 0 } })).statusCode).toBe(404);
    expect((await t.req('PUT', '/api/prevention/supplies', { cookie: lkDispatcher, body: { enterpriseId: entLkId, item: '消毒液', unit: '升', quantity: 1, safetyStock: 0 } })).statusCode).toBe(403);
    const mine = (await t.req('GET', '/api/prevention/supplies', { cookie: entLk })).json().items as Supply[];
    expect((await t.req('DELETE', `/api/prevention/supplies/${mine[0]!.id}`, { cookie: entLk2 })).statusCode).toBe(404);
    expect((await t.req('DELETE', `/api/prevention/supplies/${mine[0]!.id}`, { cookie: glStaff })).statusCode).toBe(404);
    expect((await t.req('GET', '/api/prevention/supplies', { cookie: entLk2 })).json().total).toBe(0);
    expect((await t.req('GET', '/api/prevention/supplies', { cookie: glStaff })).json().total).toBe(0);
    expect((await t.req('GET', `/api/prevention/supplies?enterpriseId=${entLkId}`, { cookie: glStaff })).statusCode).toBe(404);
    expect((await t.req('GET', '/api/prevention/supplies/rollup?regionCode=410100', { cookie: staff })).statusCode).toBe(404);
    expect((await t.req('GET', '/api/prevention/supplies/rollup?groupBy=county', { cookie: staff })).statusCode).toBe(400);
    const del = mine.find((s) => s.item === '消毒液')!;
    expect((await t.req('DELETE', `/api/prevention/supplies/${del.id}`, { cookie: entLk })).statusCode).toBe(204);
    expect((await t.req('DELETE', `/api/prevention/supplies/${del.id}`, { cookie: entLk })).statusCode).toBe(404);
  });

  it('keeps observation points with rooms, never fewer than in use', async () => {
    const p = await t.req('POST', '/api/prevention/observation-points', { cookie: entLk, body: { name: '留观宿舍', rooms: 4 } });
    expect(p.statusCode).toBe(201);
    expect(p.json()).toMatchObject({ rooms: 4, occupied: 0, free: 4, actions: ['edit'] });
    expect((await t.req('GET', '/api/prevention/observation-points?pageSize=100', { cookie: entLk })).json().items.every((x: { enterpriseId: string }) => x.enterpriseId === entLkId)).toBe(true);
    expect((await t.req('POST', '/api/prevention/observation-points', { cookie: entLk, body: { name: '留观宿舍', rooms: 2 } })).statusCode).toBe(409);
    expect((await t.req('POST', '/api/prevention/observation-points', { cookie: entLk, body: { name: '零房间', rooms: 0 } })).json().field).toBe('body.rooms');
    const id = p.json().id as string;
    expect((await t.req('PATCH', `/api/prevention/observation-points/${id}`, { cookie: entLk2, body: { rooms: 1 } })).statusCode).toBe(404);
    expect((await t.req('PATCH', `/api/prevention/observation-points/${id}`, { cookie: glStaff, body: { rooms: 1 } })).statusCode).toBe(404);
    const emp = (await t.req('GET', '/api/prevention/employees?pageSize=1&status=active', { cookie: entLk })).json().items[0];
    const c = (await t.req('POST', '/api/prevention/cases', { cookie: staff, body: { employeeId: emp.id, reason: '发热' } })).json();
    await t.req('POST', `/api/prevention/cases/${c.id}/actions`, { cookie: staff, body: { action: 'observe', observationPointId: id } });
    const low = await t.req('PATCH', `/api/prevention/observation-points/${id}`, { cookie: entLk, body: { rooms: 0 } });
    expect(low.statusCode).toBe(400);
    expect(low.json().field).toBe('body.rooms');
    expect((await t.req('PATCH', `/api/prevention/observation-points/${id}`, { cookie: entLk, body: { rooms: 2 } })).json()).toMatchObject({ rooms: 2, occupied: 1, free: 1 });
    expect((await t.req('GET', '/api/prevention/observation-points', { cookie: entLk2 })).json().total).toBe(0);
    expect((await t.req('GET', '/api/prevention/observation-points', { cookie: glStaff })).json().total).toBe(0);
  });

  it('rolls supplies and rooms up by county and enterprise, and exports the list', async () => {
    const byRegion = (await t.req('GET', '/api/prevention/supplies/rollup', { cookie: staff })).json().groups;
    const lk = byRegion.find((g: { key: string }) => g.key === '410225');
    const byEnt = (await t.req('GET', '/api/prevention/supplies/rollup?groupBy=enterprise&regionCode=410225', { cookie: staff })).json().groups as { key: string; items: number; rooms: number; occupied: number; lowItems: number }[];
    const sum = (k: 'items' | 'rooms' | 'occupied' | 'lowItems') => byEnt.reduce((a, g) => a + g[k], 0);
    expect(lk).toMatchObject({ label: '兰考县', enterprises: byEnt.length, items: sum('items'), rooms: sum('rooms'), occupied: sum('occupied'), lowItems: sum('lowItems') });
    const mine = byEnt.find((g) => g.key === entLkId)!;
    const [sup, pts] = await Promise.all([rows<{ n: number; low: number }>(t, sql`select count(*)::int n, (count(*) filter (where safety_stock > 0 and quantity <= safety_stock))::int low from prevention_supplies where enterprise_id = ${entLkId}`), rows<{ rooms: number }>(t, sql`select sum(rooms)::int rooms from prevention_observation_points where enterprise_id = ${entLkId}`)]);
    expect(mine).toMatchObject({ items: sup[0]!.n, lowItems: sup[0]!.low, rooms: pts[0]!.rooms });
    expect(mine.occupied).toBeGreaterThanOrEqual(1);
    expect((await t.req('GET', '/api/prevention/supplies/rollup', { cookie: glStaff })).json().groups).toEqual([]);
    const xlsx = await t.req('GET', '/api/prevention/supplies/export', { cookie: staff, lang: 'en-US' });
    expect(xlsx.statusCode).toBe(200);
    const sheet = await readXlsx(xlsx.rawPayload);
    expect(sheet[0]).toContain('Safety stock');
    const all = (await t.req('GET', '/api/prevention/supplies?pageSize=200', { cookie: staff })).json().total;
    expect(sheet).toHaveLength(all + 1);
  });
});
