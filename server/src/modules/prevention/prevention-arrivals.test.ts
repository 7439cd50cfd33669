import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { exec, rows } from '../../testing/helpers.js';
import { shanghaiDay } from './daily-reports.js';
import { badIdCard, idCard } from './testdata.js';

let t: TestApp;
let entLk: string;
let entLk2: string;
let prevention: string;
let lkDispatcher: string;
let glDispatcher: string;
let province: string;
let entLkId: string;
const h = 3600_000;
const day = (offsetDays: number) => shanghaiDay(new Date(Date.now() + offsetDays * 86_400_000));
beforeAll(async () => {
  t = await createTestApp();
  [entLk, entLk2, prevention, lkDispatcher, glDispatcher] = await Promise.all(['ent_lankao', 'ent_lankao2', 'kf_prevention', 'lk_dispatcher', 'gl_dispatcher'].map((u) => t.login(u)));
  province = await t.login('prov_prevention');
  entLkId = (await t.req('GET', '/api/prevention/employees?pageSize=1', { cookie: entLk })).json().items[0].enterpriseId;
});
afterAll(async () => {
  await t.close();
});

type Arrival = { id: string; decision: string; healthCode: string; status: string; late: boolean; source: string; testDueAt: string | null; arrivalAt: string; onRoster: boolean; riskAreaId: string | null };
const person = (over: Record<string, unknown> = {}) => ({ name: '张来豫', idCard: idCard('420106'), phone: '13800001234', personKind: 'visitor', originCode: '420106', originName: '湖北省武汉市武昌区', route: '武汉—郑州（G 高铁）—兰考', purpose: '设备安装', arrivalAt: new Date(Date.now() - 2 * h).toISOString(), ...over });
const file = (cookie: string, body: Record<string, unknown>) => t.req('POST', '/api/prevention/arrivals', { cookie, body });
const get = async (id: string, cookie = prevention) => (await t.req('GET', `/api/prevention/arrivals/${id}`, { cookie })).json() as Arrival;

describe('arrival reports and risk areas', () => {
  let shanghai: string;
  let wuhan: Arrival;
  let wuhanId: string;

  it('answers 401 without a session', async () => {
    for (const url of ['/api/prevention/arrivals', '/api/prevention/arrivals/export', '/api/prevention/risk-areas', '/api/prevention/risk-areas/export', `/api/prevention/arrivals/${entLkId}`]) expect((await t.req('GET', url)).statusCode).toBe(401);
    expect((await t.req('POST', '/api/prevention/arrivals', { body: person() })).statusCode).toBe(401);
    expect((await t.req('POST', '/api/prevention/risk-areas', { body: {} })).statusCode).toBe(401);
    expect((await t.req('DELETE', `/api/prevention/risk-areas/${entLkId}`)).statusCode).toBe(401);
  });

  it('lets prevention staff keep the risk-area list, refusing bad input by field', async () => {
    const body = { code: '350100', name: '福建省福州市', level: 'high', fromDay: day(-3) };
    expect((await t.req('POST', '/api/prevention/risk-areas', { cookie: entLk, body })).statusCode).toBe(403);
    expect((await t.req('POST', '/api/prevention/risk-areas', { cookie: province, body: { ...body, code: '3101' } })).json().field).toBe('body.code');
    expect((await t.req('POST', '/api/prevention/risk-areas', { cookie: province, body: { ...body, toDay: day(-5) } })).json().field).toBe('body.toDay');
    expect((await t.req('POST', '/api/prevention/risk-areas', { cookie: province, body: { ...body, level: 'low' } })).json().field).toBe('body.level');
    const res = await t.req('POST', '/api/prevention/risk-areas', { cookie: province, body });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code: '350100', level: 'high', toDay: null, actions: ['end', 'remove'] });
    shanghai = res.json().id;
    const list = (await t.req('GET', '/api/prevention/risk-areas?active=true', { cookie: entLk })).json();
    expect(list.items.map((x: { id: string }) => x.id)).toContain(shanghai);
    expect(list.items.every((x: { actions: string[] }) => x.actions.length === 0)).toBe(true);
    expect((await t.req('GET', '/api/prevention/risk-areas?level=low', { cookie: entLk })).json().field).toBe('query.level');
    const xlsx = await t.req('GET', '/api/prevention/risk-areas/export?active=true', { cookie: entLk });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((await t.req('GET', '/api/prevention/risk-areas/export?level=low', { cookie: entLk })).json().field).toBe('query.level');
  });

  it('decides at filing: red code and central quarantine from a risk area, else a test within 24 h', async () => {
    const bad = await file(entLk, person({ idCard: badIdCard() }));
    expect(bad.json().field).toBe('body.idCard');
    expect((await file(entLk, person({ arrivalAt: 'tomorrow' }))).json().field).toBe('body.arrivalAt');
    expect((await file(entLk, person({ originCode: '4201' }))).json().field).toBe('body.originCode');
    const arrivalAt = new Date(Date.now() + 24 * h);
    const sh = await file(entLk, person({ name: '沪来客', idCard: idCard('350102'), originCode: '350102', originName: '福建省福州市鼓楼区', arrivalAt: arrivalAt.toISOString() }));
    expect(sh.statusCode).toBe(201);
    expect(sh.json()).toMatchObject({ decision: 'quarantine', healthCode: 'red', status: 'quarantine', riskAreaId: shanghai, late: false, source: 'host', testDueAt: null, quarantineUntil: new Date(arrivalAt.getTime() + 7 * 24 * h).toISOString() });
    expect(sh.json().idCardMasked).toMatch(/^350102\*{8}[\dX]{4}$/);
    const body = person();
    const w = await file(entLk, body);
    expect(w.statusCode).toBe(201);
    wuhan = w.json();
    wuhanId = wuhan.id;
    expect(wuhan).toMatchObject({ decision: 'test', healthCode: 'green', status: 'awaiting_test', riskAreaId: null });
    expect(new Date(wuhan.testDueAt!).getTime()).toBe(new Date(body.arrivalAt).getTime() + 24 * h);
    const again = await file(entLk, body);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(wuhanId);
    // A PCR result of the person after arrival makes it tested.
    await exec(t, sql`insert into prevention_test_results (sample_id, id_card_hash, sampled_at, result, institution) values ('ARR-1', ${t.crypto.lookupHash(body.idCard)}, ${new Date(Date.now() - h).toISOString()}::timestamptz, 'negative', '兰考县人民医院')`);
    expect((await get(wuhanId)).status).toBe('tested');
  });

  it('flags an overdue arrival test and a late report, and filters by status, origin and date', async () => {
    const old = await file(entLk, person({ name: '迟报者', idCard: idCard('420106'), arrivalAt: new Date(Date.now() - 50 * h).toISOString() }));
    expect(old.json()).toMatchObject({ late: true, status: 'overdue', source: 'host' });
    const overdue = (await t.req('GET', '/api/prevention/arrivals?status=overdue', { cookie: entLk })).json();
    expect(overdue.items.map((x: Arrival) => x.id)).toContain(old.json().id);
    expect(overdue.items.every((x: Arrival) => x.status === 'overdue')).toBe(true);
    expect((await t.req('GET', '/api/prevention/arrivals?originCode=350102', { cookie: entLk })).json().items.every((x: { originCode: string }) => x.originCode === '350102')).toBe(true);
    const late = (await t.req('GET', '/api/prevention/arrivals?late=true', { cookie: prevention })).json();
    expect(late.items.every((x: Arrival) => x.late)).toBe(true);
    const tomorrow = (await t.req('GET', `/api/prevention/arrivals?from=${day(1)}&to=${day(1)}`, { cookie: entLk })).json().items as { name: string; arrivalDay: string }[];
    expect(tomorrow.map((x) => x.name)).toContain('沪来客');
    expect(tomorrow.every((x) => x.arrivalDay === day(1))).toBe(true);
    expect((await t.req('GET', '/api/prevention/arrivals?status=lost', { cookie: entLk })).json().field).toBe('query.status');
    const xlsx = await t.req('GET', '/api/prevention/arrivals/export?late=true', { cookie: prevention });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('records an arrival found by prevention staff as late, and raises one "arrival not reported" alert per late arrival', async () => {
    expect((await file(prevention, person())).json().field).toBe('body.enterpriseId');
    expect((await file(entLk2, person({ enterpriseId: entLkId }))).statusCode).toBe(404);
    const found = await file(prevention, person({ name: '未报备者', idCard: idCard('420106'), enterpriseId: entLkId }));
    expect(found.json()).toMatchObject({ source: 'found', late: true });
    const lateCount = (await rows<{ n: number }>(t, sql`select count(*)::int as n from prevention_arrivals where late`))[0]!.n;
    const alerted = (await rows<{ n: number }>(t, sql`select count(*)::int as n from prevention_alerts where kind = 'arrival_not_reported'`))[0]!.n;
    expect(await t.app.preventionReports.arrivals.sweepUnreported(new Date())).toBe(lateCount - alerted);
    expect(await t.app.preventionReports.arrivals.sweepUnreported(new Date())).toBe(0);
    const alerts = await rows<{ n: number; d: number }>(t, sql`select count(*)::int as n, count(distinct dedupe_key)::int as d from prevention_alerts where kind = 'arrival_not_reported'`);
    expect(alerts[0]).toEqual({ n: lateCount, d: lateCount });
    const inbox = (await t.req('GET', '/api/prevention/alerts?pageSize=200', { cookie: entLk })).json().items as { kind: string; detail: { arrivalId?: string } }[];
    expect(inbox.some((a) => a.kind === 'arrival_not_reported' && a.detail.arrivalId === found.json().id)).toBe(true);
  });

  it('decides again when the list changes: a new area, its end, its removal', async () => {
    const add = await t.req('POST', '/api/prevention/risk-areas', { cookie: province, body: { code: '420100', name: '湖北省武汉市', level: 'medium', fromDay: day(-5) } });
    expect(add.json().redecided).toBeGreaterThanOrEqual(1);
    expect(await get(wuhanId)).toMatchObject({ decision: 'quarantine', healthCode: 'red', riskAreaId: add.json().id });
    const audits = await rows<{ n: number }>(t, sql`select count(*)::int as n from audit_events where action = 'prevention.arrival.redecide' and target_id = ${wuhanId}`);
    expect(audits[0]!.n).toBe(1);
    expect((await t.req('POST', `/api/prevention/risk-areas/${add.json().id}/end`, { cookie: entLk })).statusCode).toBe(403);
    const end = await t.req('POST', `/api/prevention/risk-areas/${add.json().id}/end`, { cookie: province });
    expect(end.json()).toMatchObject({ toDay: day(-1) });
    expect((await get(wuhanId)).decision).toBe(shanghaiDay(new Date(wuhan.arrivalAt)) > day(-1) ? 'test' : 'quarantine');
    expect((await t.req('POST', `/api/prevention/risk-areas/${add.json().id}/end`, { cookie: province })).statusCode).toBe(409);
    const del = await t.req('DELETE', `/api/prevention/risk-areas/${add.json().id}`, { cookie: province });
    expect(del.statusCode).toBe(200);
    expect((await get(wuhanId)).decision).toBe('test');
    expect((await t.req('DELETE', `/api/prevention/risk-areas/${add.json().id}`, { cookie: province })).statusCode).toBe(404);
    expect((await t.req('POST', `/api/prevention/risk-areas/${add.json().id}/end`, { cookie: province })).statusCode).toBe(404);
  });

  it('treats a roster employee’s arrival test as due 24 h after arrival in compliance', async () => {
    const never = (await t.req('GET', '/api/prevention/employees?pageSize=200&compliance=overdue&status=active', { cookie: entLk })).json().items.find((e: { lastNegativeAt: string | null }) => e.lastNegativeAt === null);
    expect(never).toBeTruthy();
    const { idCard: clear } = (await t.req('POST', `/api/prevention/employees/${never.id}/reveal`, { cookie: prevention, body: { purpose: '入豫报备核对' } })).json();
    const arrivalAt = new Date(Date.now() - h);
    const res = await file(entLk, person({ name: never.name, idCard: clear, personKind: 'returning_employee', arrivalAt: arrivalAt.toISOString() }));
    expect(res.json()).toMatchObject({ onRoster: true, decision: 'test' });
    const after = (await t.req('GET', `/api/prevention/employees?pageSize=200&q=${encodeURIComponent(never.name)}`, { cookie: entLk })).json().items.find((e: { id: string }) => e.id === never.id);
    expect(after).toMatchObject({ compliance: 'compliant', dueAt: new Date(arrivalAt.getTime() + 24 * h).toISOString() });
    const compliant = (await t.req('GET', '/api/prevention/employees?pageSize=200&compliance=compliant', { cookie: entLk })).json().items.map((e: { id: string }) => e.id);
    expect(compliant).toContain(never.id);
  });

  it('keeps an arrival to its host enterprise and county, numbers encrypted, revealed only with prevention.pii', async () => {
    expect((await t.req('GET', `/api/prevention/arrivals/${wuhanId}`, { cookie: entLk2 })).statusCode).toBe(404);
    expect((await t.req('GET', `/api/prevention/arrivals/${wuhanId}`, { cookie: glDispatcher })).statusCode).toBe(404);
    expect((await get(wuhanId, lkDispatcher)).onRoster).toBe(false);
    expect((await t.req('GET', '/api/prevention/arrivals', { cookie: entLk2 })).json().items.some((x: Arrival) => x.id === wuhanId)).toBe(false);
    expect((await t.req('GET', '/api/prevention/arrivals?regionCode=410225', { cookie: glDispatcher })).statusCode).toBe(404);
    expect((await t.req('GET', `/api/prevention/arrivals?enterpriseId=${entLkId}`, { cookie: entLk2 })).statusCode).toBe(404);
    expect((await t.req('POST', `/api/prevention/arrivals/${wuhanId}/reveal`, { cookie: entLk, body: { purpose: '核查' } })).statusCode).toBe(403);
    expect((await t.req('GET', `/api/prevention/arrivals/not-a-uuid`, { cookie: entLk })).json().field).toBe('params.id');
    const before = await rows<{ n: number }>(t, sql`select count(*)::int as n from audit_events where action = 'prevention.pii.read' and target_id = ${wuhanId}`);
    const clear = (await t.req('POST', `/api/prevention/arrivals/${wuhanId}/reveal`, { cookie: prevention, body: { purpose: '流调核查' } })).json();
    expect(clear.idCard).toMatch(/^420106\d{11}[\dX]$/);
    expect(clear.phone).toBe('13800001234');
    const after = await rows<{ n: number }>(t, sql`select count(*)::int as n from audit_events where action = 'prevention.pii.read' and target_id = ${wuhanId}`);
    expect(after[0]!.n).toBe(before[0]!.n + 1);
    const dump = JSON.stringify(await rows(t, sql`select * from prevention_arrivals`));
    expect(dump).not.toMatch(/\d{17}[\dX]/);
    expect(dump).not.toContain('13800001234');
  });

  it('lets only provincial prevention staff edit the risk-area list; cities and counties read it (403)', async () => {
    const body = { code: '500100', name: '重庆市', level: 'high', fromDay: day(0) };
    const city = await t.req('GET', '/api/prevention/risk-areas', { cookie: prevention });
    expect(city.json().mayEdit).toBe(false);
    expect((city.json().items as { actions: string[] }[]).every((a) => a.actions.length === 0)).toBe(true);
    expect((await t.req('GET', '/api/prevention/risk-areas', { cookie: province })).json().mayEdit).toBe(true);
    expect((await t.req('POST', '/api/prevention/risk-areas', { cookie: prevention, body })).statusCode).toBe(403);
    const made = await t.req('POST', '/api/prevention/risk-areas', { cookie: province, body });
    expect(made.statusCode, made.body).toBe(201);
    expect((await t.req('POST', `/api/prevention/risk-areas/${made.json().id}/end`, { cookie: prevention })).statusCode).toBe(403);
    expect((await t.req('DELETE', `/api/prevention/risk-areas/${made.json().id}`, { cookie: prevention })).statusCode).toBe(403);
    expect((await t.req('DELETE', `/api/prevention/risk-areas/${made.json().id}`, { cookie: province })).statusCode).toBe(200);
    const audit = await rows<{ actor_name: string }>(t, sql`select actor_name from audit_events where action = 'prevention.risk_area.create' and target_id = ${made.json().id}`);
    expect(audit).toHaveLength(1);
  });
});
