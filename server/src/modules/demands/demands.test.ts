import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { randomUuid, readXlsx, rows, userIdOf, XLSX_TYPE } from '../../testing/helpers.js';
import { demands } from './tables.js';
import { TotalCounter } from '../../platform/db/totals.js';
import { backfillMaskedPhones } from './service.js';
import { fileDemand } from './test-data.js';
import { users } from '../../platform/auth/tables.js';

let t: TestApp;
const c: Record<string, string> = {};
const ACCOUNTS = ['ent_lankao', 'ent_lankao2', 'ent_gulou', 'lk_dispatcher', 'lk_industry', 'gl_dispatcher', 'kf_dispatcher', 'kf_industry', 'kf_liaison', 'prov_dispatcher', 'kf_supervisor'];
beforeAll(async () => {
  t = await createTestApp();
  for (const a of ACCOUNTS) c[a] = await t.login(a);
});
afterAll(async () => {
  await t.close();
});

const act = (cookie: string, id: string, action: string, body: Record<string, unknown> = {}) => t.req('POST', `/api/demands/${id}/${action}`, { cookie, body });
async function dispatchToLkIndustry(id: string) {
  const units = (await t.req('GET', `/api/demands/${id}/units`, { cookie: c.lk_dispatcher })).json() as { type: string; id: string; label: string }[];
  const dep = units.find((u) => u.type === 'department' && u.label.includes('工业和信息化'))!;
  const res = await act(c.lk_dispatcher!, id, 'dispatch', { unitType: 'department', unitId: dep.id, note: '请工信局牵头协调' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('demand loop through the API', () => {
  it('files a demand once per idempotency key, warns of a duplicate, names the bad field, refuses a stranger', async () => {
    expect((await t.req('POST', '/api/demands', { body: {} })).statusCode).toBe(401);
    const body = { category: 'labour', urgency: 'urgent', title: '一线工人返岗困难', description: '封控区员工无法返厂，请协调点对点接送', contactName: '李主任', contactPhone: '13800001111', idempotencyKey: 'key-0000001' };
    const first = await t.req('POST', '/api/demands', { cookie: c.ent_lankao, body });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ state: 'received', level: 'county', holderRegionCode: '410225', urgency: 'urgent' });
    const again = await t.req('POST', '/api/demands', { cookie: c.ent_lankao, body });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const similar = await t.req('POST', '/api/demands', { cookie: c.ent_lankao, body: { ...body, idempotencyKey: 'key-0000002', description: '封控区员工无法返厂，请协调点对点接送车辆' } });
    expect(similar.statusCode).toBe(409);
    expect(similar.json()).toMatchObject({ code: 'demands.possible_duplicate', field: 'body.confirmNotDuplicate' });
    const list = await t.req('POST', '/api/demands/similar', { cookie: c.ent_lankao, body: { category: 'labour', title: body.title, description: body.description } });
    expect(list.json()[0].id).toBe(first.json().id);
    const confirmed = await t.req('POST', '/api/demands', { cookie: c.ent_lankao, body: { ...body, idempotencyKey: 'key-0000002', confirmNotDuplicate: true } });
    expect(confirmed.statusCode).toBe(201);
    const bad = await t.req('POST', '/api/demands', { cookie: c.ent_lankao, body: { ...body, category: 'weather' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('body.category');
    const badPhone = await t.req('POST', '/api/demands', { cookie: c.ent_lankao, body: { ...body, contactPhone: '12' } });
    expect(badPhone.json().field).toBe('body.contactPhone');
    // Government accounts do not file demands.
    expect((await t.req('POST', '/api/demands', { cookie: c.lk_dispatcher, body })).statusCode).toBe(403);
  });

  it('drives a demand from filing to close-out, each step on the timeline', async () => {
    const d = await fileDemand(t, c.ent_lankao!);
    expect(d.actions).toEqual([]);
    const intake = (await t.req('GET', '/api/demands?view=intake', { cookie: c.lk_dispatcher })).json();
    expect(intake.items.map((x: { id: string }) => x.id)).toContain(d.id);
    const detail = (await t.req('GET', `/api/demands/${d.id}`, { cookie: c.lk_dispatcher })).json();
    expect(detail.demand.actions).toEqual(['dispatch', 'escalate']);
    const dispatched = await dispatchToLkIndustry(d.id);
    expect(dispatched).toMatchObject({ state: 'dispatched', unitType: 'department' });
    expect(dispatched.answerDeadline).not.toBeNull();

    const queue = (await t.req('GET', '/api/demands?view=queue&sort=deadline', { cookie: c.lk_industry })).json();
    expect(queue.items.map((x: { id: string }) => x.id)).toContain(d.id);
    expect(queue.items.find((x: { id: string }) => x.id === d.id).actions).toEqual(['accept', 'send_back', 'escalate']);
    expect((await act(c.lk_industry!, d.id, 'accept')).json().state).toBe('accepted');
    expect((await act(c.lk_industry!, d.id, 'progress', { note: '已联系安阳钢厂' })).json().state).toBe('in_progress');
    const bad = await act(c.lk_industry!, d.id, 'answer', { note: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('body.note');
    expect((await act(c.lk_industry!, d.id, 'answer', { note: '已协调 200 吨钢材，明日到货' })).json().state).toBe('answered');

    const reopened = await act(c.ent_lankao!, d.id, 'revisit', { rating: 2, solved: false, note: '只到了一半' });
    expect(reopened.json()).toMatchObject({ state: 'in_progress', solved: false, rating: 2 });
    await act(c.lk_industry!, d.id, 'answer', { note: '余下 100 吨已到货' });
    expect((await act(c.ent_lankao!, d.id, 'revisit', { rating: 5, solved: true })).json().state).toBe('revisited');
    expect((await act(c.lk_dispatcher!, d.id, 'verify', { note: '电话核实' })).json().state).toBe('verified');
    expect((await act(c.lk_dispatcher!, d.id, 'close')).json()).toMatchObject({ state: 'closed', actions: [] });

    const again = await act(c.lk_dispatcher!, d.id, 'close');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('demands.invalid_transition');
    const timeline = (await t.req('GET', `/api/demands/${d.id}`, { cookie: c.ent_lankao })).json().events as { action: string; actorName: string }[];
    expect(timeline.map((e) => e.action)).toEqual(['file', 'dispatch', 'accept', 'progress', 'answer', 'reopen', 'answer', 'revisit', 'verify', 'close']);
    expect(timeline[1]!.actorName).toBe('lk_dispatcher');
  });

  it('refuses the wrong party: 403 for an action the caller never takes, 404 out of scope', async () => {
    const d = await fileDemand(t, c.ent_lankao!);
    // An enterprise cannot dispatch (no permission), a unit not yet assigned cannot accept.
    expect((await act(c.ent_lankao!, d.id, 'dispatch', { unitType: 'department', unitId: randomUuid() })).statusCode).toBe(403);
    expect((await act(c.lk_industry!, d.id, 'accept')).statusCode).toBe(404);
    // The city dispatcher sees the county's demand but does not hold it.
    expect((await t.req('GET', `/api/demands/${d.id}`, { cookie: c.kf_dispatcher })).statusCode).toBe(200);
    expect((await act(c.kf_dispatcher!, d.id, 'verify')).statusCode).toBe(403);
    for (const who of ['gl_dispatcher', 'ent_gulou', 'ent_lankao2', 'kf_industry']) {
      expect((await t.req('GET', `/api/demands/${d.id}`, { cookie: c[who] })).statusCode, who).toBe(404);
      expect((await act(c[who]!, d.id, 'escalate', { note: '越权' })).statusCode, who).toBe(404);
    }
    // The seed pairs the liaison cadre with ent_lankao's enterprise, not with ent_lankao2's.
    const unpaired = await fileDemand(t, c.ent_lankao2!);
    expect((await t.req('GET', `/api/demands/${unpaired.id}`, { cookie: c.kf_liaison })).statusCode).toBe(404);
    expect((await act(c.kf_liaison!, unpaired.id, 'escalate', { note: '越权' })).statusCode).toBe(404);
    expect((await t.req('GET', `/api/demands/${randomUuid()}`, { cookie: c.lk_dispatcher })).statusCode).toBe(404);
    expect((await t.req('GET', '/api/demands/not-a-uuid', { cookie: c.lk_dispatcher })).json().field).toBe('params.id');
    expect((await t.req('GET', '/api/demands?regionCode=410204', { cookie: c.lk_dispatcher })).statusCode).toBe(404);
  });

  it('escalates county → city → leadership and hands back down, each level with its own dispatch clock', async () => {
    const d = await fileDemand(t, c.ent_lankao!, { urgency: 'public_health' });
    const up = (await act(c.lk_dispatcher!, d.id, 'escalate', { note: '县级无法协调跨市运输' })).json();
    expect(up).toMatchObject({ state: 'received', level: 'city', holderRegionCode: '410200', escalated: true });
    expect((await act(c.lk_dispatcher!, d.id, 'dispatch', { unitType: 'department', unitId: randomUuid() })).statusCode).toBe(403);
    const kfIntake = (await t.req('GET', '/api/demands?view=intake', { cookie: c.kf_dispatcher })).json();
    expect(kfIntake.items.map((x: { id: string }) => x.id)).toContain(d.id);
    const escalatedView = (await t.req('GET', '/api/demands?view=escalated', { cookie: c.lk_dispatcher })).json();
    expect(escalatedView.items.map((x: { id: string }) => x.id)).toContain(d.id);
    expect((await t.req('GET', `/api/demands/${d.id}`, { cookie: c.kf_dispatcher })).json().demand.actions).toEqual(['dispatch', 'escalate', 'hand_down']);
    const down = (await act(c.kf_dispatcher!, d.id, 'hand-down', { note: '请兰考县属地办理' })).json();
    expect(down).toMatchObject({ level: 'county', holderRegionCode: '410225', handedDown: true });
    const major = (await act(c.lk_dispatcher!, d.id, 'escalate', { note: '重大事项', major: true })).json();
    expect(major).toMatchObject({ level: 'leadership', holderRegionCode: '410000', major: true });
    const prov = (await t.req('GET', `/api/demands/${d.id}`, { cookie: c.prov_dispatcher })).json();
    expect(prov.demand.actions).toEqual(['dispatch', 'hand_down']);
    expect(prov.events.map((e: { level: string }) => e.level)).toEqual(['county', 'city', 'county', 'leadership']);
    // A public-health demand gets one hour to dispatch at each level.
    const clock = new Date(prov.demand.dispatchDeadline).getTime() - new Date(prov.events[3].at).getTime();
    expect(clock).toBe(3600_000);
  });

  it('lets a paired liaison cadre see and answer, and a unit send a demand back', async () => {
    // ent_lankao2's enterprise is not among the seeded pairings: the pairing made here is what lets the liaison in.
    const d = await fileDemand(t, c.ent_lankao2!);
    await dispatchToLkIndustry(d.id);
    const entId = (await t.database.db.select({ e: users.enterpriseId }).from(users).where(eq(users.username, 'ent_lankao2')))[0]!.e!;
    const liaisonId = await userIdOf(t, 'kf_liaison');
    expect((await t.req('GET', `/api/demands/${d.id}`, { cookie: c.kf_liaison })).statusCode).toBe(404);
    expect((await t.req('POST', '/api/demands/liaisons', { cookie: c.lk_dispatcher, body: { userId: await userIdOf(t, 'lk_industry'), enterpriseId: entId } })).json().field).toBe('body.userId');
    expect((await t.req('POST', '/api/demands/liaisons', { cookie: c.gl_dispatcher, body: { userId: liaisonId, enterpriseId: entId } })).statusCode).toBe(404);
    expect((await t.req('POST', '/api/demands/liaisons', { cookie: c.kf_dispatcher, body: { userId: liaisonId, enterpriseId: entId } })).statusCode).toBe(200);
    expect((await t.req('GET', `/api/demands/liaisons?enterpriseId=${entId}`, { cookie: c.kf_dispatcher })).json()).toMatchObject({ total: 1, items: [{ userId: liaisonId, enterpriseId: entId, username: 'kf_liaison' }] });
    expect((await t.req('GET', `/api/demands/liaisons?enterpriseId=${entId}`, { cookie: c.gl_dispatcher })).json().total).toBe(0);
    const seen = (await t.req('GET', `/api/demands/${d.id}`, { cookie: c.kf_liaison })).json();
    expect(seen.demand.actions).toEqual([]);
    await act(c.lk_industry!, d.id, 'accept');
    expect((await t.req('GET', `/api/demands/${d.id}`, { cookie: c.kf_liaison })).json().demand.actions).toEqual(['progress', 'answer']);
    expect((await act(c.kf_liaison!, d.id, 'answer', { note: '包保干部已上门协调' })).json().state).toBe('answered');

    const e = await fileDemand(t, c.ent_lankao!);
    await dispatchToLkIndustry(e.id);
    expect((await act(c.lk_industry!, e.id, 'send-back', {})).json().field).toBe('body.note');
    const back = (await act(c.lk_industry!, e.id, 'send-back', { note: '不属于本单位职责' })).json();
    expect(back).toMatchObject({ state: 'sent_back', unitId: null });
    expect((await t.req('GET', `/api/demands/${e.id}`, { cookie: c.lk_industry })).statusCode).toBe(404);
    expect((await t.req('DELETE', '/api/demands/liaisons', { cookie: c.kf_dispatcher, body: { userId: liaisonId, enterpriseId: entId } })).json()).toEqual({ removed: true });
    expect((await t.req('GET', `/api/demands/${d.id}`, { cookie: c.kf_liaison })).statusCode).toBe(404);
  });

  it('lists and exports only the caller’s part', async () => {
    await fileDemand(t, c.ent_gulou!);
    const lk = (await t.req('GET', '/api/demands?pageSize=200', { cookie: c.lk_dispatcher })).json();
    expect(lk.items.every((x: { regionCode: string }) => x.regionCode === '410225')).toBe(true);
    const own = (await t.req('GET', '/api/demands?pageSize=200', { cookie: c.ent_lankao })).json();
    const ent = (await t.req('GET', '/api/demands?pageSize=200', { cookie: c.ent_lankao2 })).json();
    expect(ent.total).toBeGreaterThan(0);
    expect(new Set(ent.items.map((x: { enterpriseId: string }) => x.enterpriseId)).size).toBe(1);
    expect(ent.items.some((x: { enterpriseId: string }) => x.enterpriseId === own.items[0].enterpriseId)).toBe(false);
    const kf = (await t.req('GET', '/api/demands?pageSize=200', { cookie: c.kf_supervisor })).json();
    expect(kf.items.some((x: { regionCode: string }) => x.regionCode === '410204')).toBe(true);
    const xlsx = await t.req('GET', '/api/demands/export?q=钢材', { cookie: c.lk_dispatcher });
    expect(xlsx.headers['content-type']).toBe(XLSX_TYPE);
    const sheet = await readXlsx(xlsx.rawPayload);
    expect(sheet.length).toBeGreaterThan(1);
    expect(sheet.slice(1).every((row) => row[2] === '兰考县')).toBe(true);
    const counts = (await t.req('GET', '/api/demands/counts', { cookie: c.lk_industry })).json();
    expect(counts.queue).toBeGreaterThanOrEqual(0);
    expect((await t.req('GET', '/api/demands/counts')).statusCode).toBe(401);
  });

  it('masks the contact phone in lists and on the demand, and reveals it to a party only, audited', async () => {
    const d = await fileDemand(t, c.ent_lankao!);
    const list = (await t.req('GET', `/api/demands?q=${d.no}`, { cookie: c.lk_dispatcher })).json();
    expect(list).toMatchObject({ total: 1, totalCapped: false });
    expect(list.items[0].contactPhone).toBe('139****5678');
    const mine = (await t.req('GET', `/api/demands/${d.id}`, { cookie: c.lk_dispatcher })).json().demand;
    expect(mine).toMatchObject({ contactPhone: '139****5678', contactRevealable: true });
    // The city's supervisor reads the demand but is no party to it.
    expect((await t.req('GET', `/api/demands/${d.id}`, { cookie: c.kf_supervisor })).json().demand.contactRevealable).toBe(false);
    const path = `/api/demands/${d.id}/reveal-contact`;
    expect((await t.req('POST', path, { body: {} })).statusCode).toBe(401);
    expect((await t.req('POST', path, { cookie: c.gl_dispatcher, body: {} })).statusCode).toBe(404);
    expect((await t.req('POST', path, { cookie: c.kf_supervisor, body: {} })).statusCode).toBe(403);
    expect((await t.req('POST', '/api/demands/x/reveal-contact', { cookie: c.lk_dispatcher, body: {} })).json().field).toBe('params.id');
    const audited = async () => (await rows<{ n: number }>(t, sql`select count(*)::int as n from audit_events where action = 'demands.contact.read' and target_id = ${d.id}`))[0]!.n;
    expect(await audited()).toBe(0);
    const res = await t.req('POST', path, { cookie: c.lk_dispatcher, body: { purpose: '回电核实' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ contactPhone: '13912345678' });
    expect(await audited()).toBe(1);
    // A row from before the masked column: shown masked all the same, and filled by the sweep's backfill.
    await t.database.db.update(demands).set({ contactPhoneMasked: null }).where(eq(demands.id, d.id));
    expect((await t.req('GET', `/api/demands/${d.id}`, { cookie: c.lk_dispatcher })).json().demand.contactPhone).toBe('139****5678');
    expect(await backfillMaskedPhones(t.database.db, t.crypto)).toBeGreaterThanOrEqual(1);
    expect((await t.database.db.select({ m: demands.contactPhoneMasked }).from(demands).where(eq(demands.id, d.id)))[0]!.m).toBe('139****5678');
  });

  it('caps list totals and reuses them until a change', async () => {
    const counter = new TotalCounter(t.database.db);
    const all = await counter.total(demands, sql`true`);
    expect(all.totalCapped).toBe(false);
    expect(await counter.total(demands, sql`true`, 1)).toEqual({ total: 1, totalCapped: true });
    // A demand filed through the app's own service is not seen by this counter until it is told of a change.
    await fileDemand(t, c.ent_gulou!);
    expect(await counter.total(demands, sql`true`)).toEqual(all);
    counter.changed();
    expect(await counter.total(demands, sql`true`)).toEqual({ total: all.total + 1, totalCapped: false });
    // Through the API the list's total follows a new demand at once.
    const before = (await t.req('GET', '/api/demands', { cookie: c.gl_dispatcher })).json().total;
    await fileDemand(t, c.ent_gulou!);
    expect((await t.req('GET', '/api/demands', { cookie: c.gl_dispatcher })).json().total).toBe(before + 1);
  });

  it('lets requests that miss the same total together share one count', async () => {
    const counter = new TotalCounter(t.database.db);
    const client = (t.database.db as unknown as { $client: { query: (...a: unknown[]) => unknown } }).$client;
    const spy = vi.spyOn(client, 'query');
    try {
      const results = await Promise.all(Array.from({ length: 10 }, () => counter.total(demands, sql`${demands.urgency} = 'urgent'`)));
      expect(new Set(results.map((r) => r.total)).size).toBe(1);
      expect(spy.mock.calls.filter((a) => String(typeof a[0] === 'string' ? a[0] : (a[0] as { text: string }).text).includes('count(*)'))).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('keeps settings per command and the calendar province-wide', async () => {
    const s = (await t.req('GET', '/api/demands/settings', { cookie: c.lk_dispatcher })).json();
    expect(s.rules.dispatch.urgent).toEqual({ hours: 1 });
    const put = await t.req('PUT', '/api/demands/settings', { cookie: c.lk_dispatcher, body: { autoEscalate: true, rules: { ...s.rules, dispatch: { ...s.rules.dispatch, normal: { hours: 12 } } } } });
    expect(put.statusCode, put.body).toBe(200);
    expect((await t.req('GET', '/api/demands/settings', { cookie: c.lk_dispatcher })).json()).toMatchObject({ autoEscalate: true, rules: { dispatch: { normal: { hours: 12 } } } });
    expect((await t.req('GET', '/api/demands/settings', { cookie: c.gl_dispatcher })).json().autoEscalate).toBe(false);
    expect((await t.req('PUT', '/api/demands/settings', { cookie: c.lk_dispatcher, body: { autoEscalate: true, rules: { ...s.rules, warnAt: 5 } } })).json().field).toBe('body.rules.warnAt');
    const cal = (await t.req('GET', '/api/demands/calendar', { cookie: c.lk_industry })).json();
    expect(cal.length).toBeGreaterThan(30);
    expect((await t.req('PUT', '/api/demands/calendar', { cookie: c.lk_dispatcher, body: { days: cal } })).statusCode).toBe(403);
    const saved = await t.req('PUT', '/api/demands/calendar', { cookie: c.prov_dispatcher, body: { days: [...cal, { day: '2023-01-02', kind: 'holiday', name: '元旦' }] } });
    expect(saved.json()).toHaveLength(cal.length + 1);
    await t.req('PUT', '/api/demands/settings', { cookie: c.lk_dispatcher, body: { autoEscalate: false, rules: s.rules } });
  });

  it('reports the three rates per region and unit, in scope only', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const from = '2020-01-01';
    const lk = (await t.req('GET', `/api/demands/metrics?from=${from}&to=${today}`, { cookie: c.lk_dispatcher })).json();
    expect(lk.rows.map((r: { key: string }) => r.key)).toEqual(['410225']);
    const row = lk.rows[0];
    expect(row.total).toBeGreaterThan(5);
    expect(row.responseRate).toBeGreaterThan(0);
    expect(row.satisfactionRate).toBeGreaterThan(0);
    expect(lk.avgHours.received).toBeGreaterThanOrEqual(0);
    const kf = (await t.req('GET', `/api/demands/metrics?from=${from}&to=${today}&groupBy=unit`, { cookie: c.kf_supervisor })).json();
    expect(kf.rows.some((r: { label: string }) => r.label.includes('工业和信息化'))).toBe(true);
    expect((await t.req('GET', `/api/demands/metrics?from=${from}&to=${today}&regionCode=410204`, { cookie: c.lk_dispatcher })).statusCode).toBe(404);
    const sheet = await readXlsx((await t.req('GET', `/api/demands/metrics/export?from=${from}&to=${today}`, { cookie: c.lk_dispatcher })).rawPayload);
    expect(sheet.slice(1).map((r) => r[0])).toEqual(['兰考县']);
    expect((await t.req('GET', `/api/demands/metrics/export?from=${from}&to=${today}&regionCode=410204`, { cookie: c.lk_dispatcher })).statusCode).toBe(404);
    expect((await t.req('GET', `/api/demands/metrics?from=x&to=${today}`, { cookie: c.lk_dispatcher })).json().field).toBe('query.from');
    expect((await t.req('GET', `/api/demands/metrics?from=${today}&to=${today}`)).statusCode).toBe(401);
  });

  it('gathers similar demands into a common issue and answers them all by closing it', async () => {
    const text = { category: 'policy', title: '留工培训补贴如何申领', description: '请问留工培训补贴的申领条件、标准和办理流程是什么' };
    const a = await fileDemand(t, c.ent_lankao!, text);
    const b = await fileDemand(t, c.ent_lankao2!, { ...text, description: '请问留工培训补贴的申领条件和办理流程' });
    await dispatchToLkIndustry(b.id);
    const cands = (await t.req('GET', `/api/demands/${a.id}/common-candidates`, { cookie: c.lk_dispatcher })).json();
    expect(cands.map((x: { id: string }) => x.id)).toContain(b.id);
    expect((await t.req('GET', `/api/demands/${a.id}/common-candidates`, { cookie: c.gl_dispatcher })).statusCode).toBe(404);
    const units = (await t.req('GET', `/api/demands/${a.id}/units`, { cookie: c.lk_dispatcher })).json() as { type: string; id: string; label: string }[];
    const owner = units.find((u) => u.label.includes('人力资源')) ?? units[0]!;
    const bad = await t.req('POST', '/api/demands/common-issues', { cookie: c.lk_dispatcher, body: { title: '留工培训补贴政策', ownerType: owner.type, ownerId: owner.id, demandIds: [a.id] } });
    expect(bad.json().field).toBe('body.demandIds');
    const created = await t.req('POST', '/api/demands/common-issues', { cookie: c.lk_dispatcher, body: { title: '留工培训补贴政策', ownerType: owner.type, ownerId: owner.id, demandIds: [a.id, b.id] } });
    expect(created.statusCode, created.body).toBe(201);
    const issue = created.json();
    expect((await t.req('GET', `/api/demands/common-issues/${issue.id}`, { cookie: c.gl_dispatcher })).statusCode).toBe(404);
    expect((await t.req('GET', '/api/demands/common-issues', { cookie: c.gl_dispatcher })).json().map((x: { id: string }) => x.id)).not.toContain(issue.id);
    expect((await t.req('GET', '/api/demands/common-issues?state=open', { cookie: c.lk_dispatcher })).json().map((x: { id: string }) => x.id)).toContain(issue.id);
    expect((await t.req('POST', `/api/demands/common-issues/${issue.id}/close`, { cookie: c.gl_dispatcher, body: { answer: 'x' } })).statusCode).toBe(404);
    const closed = (await t.req('POST', `/api/demands/common-issues/${issue.id}/close`, { cookie: c.lk_dispatcher, body: { answer: '按人社厅文件，每人补贴 500 元，线上申领。' } })).json();
    expect(closed).toMatchObject({ answered: 2, issue: { state: 'closed' } });
    const detail = (await t.req('GET', `/api/demands/common-issues/${issue.id}`, { cookie: c.lk_dispatcher })).json();
    expect(detail.members.map((m: { state: string }) => m.state)).toEqual(['answered', 'answered']);
    expect((await t.req('GET', `/api/demands/${a.id}`, { cookie: c.ent_lankao })).json().demand.actions).toEqual(['revisit', 'reopen']);
    expect((await t.req('POST', `/api/demands/common-issues/${issue.id}/close`, { cookie: c.lk_dispatcher, body: { answer: '再次' } })).json().code).toBe('demands.issue_closed');
  });
});
