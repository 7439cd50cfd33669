import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { exec, readXlsx, rows, userIdOf } from '../../testing/helpers.js';
import { OrgService, RegionDirectory } from '../org/service.js';

let t: TestApp;
let entLk: string;
let entLk2: string;
let staff: string;
let glStaff: string;
let lkDispatcher: string;
let entLkId: string;
let people: { id: string; name: string; status: string }[];
let pointId: string;
let caseA: string;
let caseB: string;
type Case = { id: string; enterpriseId: string; name: string; state: string; actions: string[]; retestDueAt: string | null; observedAt: string | null; retestOverdue: boolean; quietTests: number };

beforeAll(async () => {
  t = await createTestApp();
  // A prevention staff account of another county (鼓楼区): everything of 开封 is out of its scope.
  await exec(t, sql`update users set role = 'prevention_staff' where username = 'gl_dispatcher'`);
  [entLk, entLk2, staff, glStaff, lkDispatcher] = await Promise.all(['ent_lankao', 'ent_lankao2', 'kf_prevention', 'gl_dispatcher', 'lk_dispatcher'].map((u) => t.login(u)));
  const roster = (await t.req('GET', '/api/prevention/employees?pageSize=50&status=active', { cookie: entLk })).json();
  people = roster.items;
  entLkId = roster.items[0].enterpriseId;
});
afterAll(async () => {
  await t.close();
});

describe('suspected cases', () => {
  it('answers 401 without a session', async () => {
    for (const url of ['/api/prevention/cases', '/api/prevention/cases/export', `/api/prevention/cases/${crypto.randomUUID()}`]) expect((await t.req('GET', url)).statusCode).toBe(401);
    expect((await t.req('POST', '/api/prevention/cases', { body: {} })).statusCode).toBe(401);
    expect((await t.req('POST', `/api/prevention/cases/${crypto.randomUUID()}/actions`, { body: {} })).statusCode).toBe(401);
  });

  it('flags a roster employee once, health details encrypted', async () => {
    const point = await t.req('POST', '/api/prevention/observation-points', { cookie: staff, body: { enterpriseId: entLkId, name: '观察宿舍A', rooms: 1 } });
    expect(point.statusCode).toBe(201);
    pointId = point.json().id;
    expect((await t.req('POST', '/api/prevention/cases', { cookie: staff, body: { employeeId: people[0]!.id } })).json().field).toBe('body.reason');
    expect((await t.req('POST', '/api/prevention/cases', { cookie: staff, body: { employeeId: crypto.randomUUID(), reason: '发热' } })).statusCode).toBe(404);
    const res = await t.req('POST', '/api/prevention/cases', { cookie: staff, body: { employeeId: people[0]!.id, reason: '发热 38.5℃，咳嗽' } });
    expect(res.statusCode).toBe(201);
    const c = res.json() as Case;
    caseA = c.id;
    expect(c).toMatchObject({ state: 'flagged', name: people[0]!.name, actions: ['observe', 'retest_positive'] });
    const again = await t.req('POST', '/api/prevention/cases', { cookie: staff, body: { employeeId: people[0]!.id, reason: '发热' } });
    expect(again.statusCode).toBe(409);
    const raw = await rows<{ reason_enc: string; id_card_masked: string; note_enc: string }>(t, sql`select c.reason_enc, c.id_card_masked, e.note_enc from prevention_suspected_cases c join prevention_case_events e on e.case_id = c.id`);
    expect(raw.length).toBeGreaterThan(0);
    expect(JSON.stringify(raw)).not.toContain('发热');
    expect(JSON.stringify(raw)).not.toContain('阳性');
    expect(raw[0]!.id_card_masked).toMatch(/\*{8}/);
    expect(JSON.stringify(raw)).not.toMatch(/\d{17}[\dX]/);
  });

  it('shows an enterprise its own cases masked, without health details; others get 404', async () => {
    const list = (await t.req('GET', '/api/prevention/cases?pageSize=100', { cookie: entLk })).json();
    const mine = list.items as Case[];
    expect(mine.map((c) => c.id)).toContain(caseA);
    expect(mine.every((c) => c.enterpriseId === entLkId && /^.\*+$/.test(c.name) && c.actions.length === 0)).toBe(true);
    const detail = (await t.req('GET', `/api/prevention/cases/${caseA}`, { cookie: entLk })).json();
    expect(detail.reason).toBeNull();
    expect(detail.events).toHaveLength(1);
    expect((await t.req('GET', '/api/prevention/cases', { cookie: entLk2 })).json().total).toBe(0);
    expect((await t.req('GET', `/api/prevention/cases/${caseA}`, { cookie: entLk2 })).statusCode).toBe(404);
    expect((await t.req('GET', `/api/prevention/cases/${caseA}`, { cookie: glStaff })).statusCode).toBe(404);
    expect((await t.req('POST', `/api/prevention/cases/${caseA}/actions`, { cookie: glStaff, body: { action: 'observe', observationPointId: pointId } })).statusCode).toBe(404);
    expect((await t.req('GET', '/api/prevention/cases', { cookie: glStaff })).json().total).toBe(0);
    expect((await t.req('POST', `/api/prevention/cases/${caseA}/actions`, { cookie: lkDispatcher, body: { action: 'observe' } })).statusCode).toBe(403);
    expect((await t.req('POST', `/api/prevention/cases/${caseA}/actions`, { cookie: entLk, body: { action: 'observe' } })).statusCode).toBe(403);
    const xlsx = await t.req('GET', '/api/prevention/cases/export', { cookie: entLk });
    expect(xlsx.statusCode).toBe(200);
    const sheet = await readXlsx(xlsx.rawPayload);
    expect(sheet).toHaveLength(list.total + 1);
    expect(JSON.stringify(sheet)).not.toContain(people[0]!.name);
  });

  it('gives prevention staff the health details, each read audited', async () => {
    const d = (await t.req('GET', `/api/prevention/cases/${caseA}`, { cookie: staff })).json();
    expect(d.reason).toBe('发热 38.5℃，咳嗽');
    expect(d.events[0]).toMatchObject({ action: 'flag', note: '发热 38.5℃，咳嗽', actorName: 'kf_prevention' });
    const audit = await rows(t, sql`select 1 from audit_events where action = 'prevention.case.read' and target_id = ${caseA}`);
    expect(audit.length).toBeGreaterThan(0);
  });

  it('moves a case to an observation point with capacity checked, re-test due in retestHours', async () => {
    expect((await t.req('POST', `/api/prevention/cases/${caseA}/actions`, { cookie: staff, body: { action: 'observe' } })).json().field).toBe('body.observationPointId');
    expect((await t.req('POST', `/api/prevention/cases/${caseA}/actions`, { cookie: staff, body: { action: 'fly' } })).statusCode).toBe(400);
    const res = await t.req('POST', `/api/prevention/cases/${caseA}/actions`, { cookie: staff, body: { action: 'observe', observationPointId: pointId, note: '转入观察宿舍A' } });
    expect(res.statusCode).toBe(200);
    const c = res.json() as Case;
    expect(c.state).toBe('under_observation');
    expect(Date.parse(c.retestDueAt!) - Date.parse(c.observedAt!)).toBe(6 * 3600_000);
    const emp = await rows<{ status: string }>(t, sql`select status from prevention_employees where id = ${people[0]!.id}`);
    expect(emp[0]!.status).toBe('isolated');
    caseB = (await t.req('POST', '/api/prevention/cases', { cookie: staff, body: { employeeId: people[1]!.id, reason: '初筛阳性（混检）' } })).json().id;
    const full = await t.req('POST', `/api/prevention/cases/${caseB}/actions`, { cookie: staff, body: { action: 'observe', observationPointId: pointId } });
    expect(full.statusCode).toBe(409);
    expect(full.json().code).toBe('prevention.observation_full');
    const pts = (await t.req('GET', `/api/prevention/observation-points?enterpriseId=${entLkId}&pageSize=100`, { cookie: entLk })).json().items;
    expect(pts.find((p: { id: string }) => p.id === pointId)).toMatchObject({ rooms: 1, occupied: 1, free: 0 });
    expect((await t.req('POST', `/api/prevention/cases/${caseA}/actions`, { cookie: staff, body: { action: 'observe', observationPointId: pointId } })).statusCode).toBe(409);
  });

  it('raises one alert when the re-test is overdue', async () => {
    const later = new Date(Date.now() + 7 * 3600_000);
    await t.app.jobs.runDue(later);
    await t.app.jobs.runDue(new Date(later.getTime() + 10 * 60_000));
    const alerts = await rows<{ n: number }>(t, sql`select count(*)::int as n from prevention_alerts where kind = 'retest_overdue' and dedupe_key = ${`retest_overdue:${caseA}`}`);
    expect(alerts[0]!.n).toBe(1);
    // The enterprise's holders of prevention.alerts and the prevention staff of 兰考县 and each region
    // above it, as one lookup per enterprise and region gives them; not the staff of another county.
    const alert = (await rows<{ id: string; enterprise_id: string; region_code: string }>(t, sql`select id, enterprise_id, region_code from prevention_alerts where dedupe_key = ${`retest_overdue:${caseA}`}`))[0]!;
    const notified = await rows<{ user_id: string }>(t, sql`select user_id from notifications where kind = 'alert.raised' and ref_type = 'prevention_alert' and ref_id = ${alert.id}`);
    const regionDir = new RegionDirectory();
    await regionDir.load(t.database.db);
    const org = new OrgService(t.database.db, regionDir);
    const expected = await org.userIdsFor({ enterpriseId: alert.enterprise_id, permission: 'prevention.alerts' });
    for (let r = regionDir.get(alert.region_code); r; r = r.parentCode ? regionDir.get(r.parentCode) : undefined) expected.push(...(await org.userIdsFor({ regionCode: r.code, roleCodes: ['prevention_staff'] })));
    expect(notified.map((n) => n.user_id).sort()).toEqual([...new Set(expected)].sort());
    expect(expected).toContain(await userIdOf(t, 'ent_lankao'));
    expect(expected).toContain(await userIdOf(t, 'kf_prevention'));
    expect(expected).not.toContain(await userIdOf(t, 'gl_dispatcher'));
    // The list judges against the real clock: move the deadline into the past.
    await exec(t, sql`update prevention_suspected_cases set retest_due_at = now() - interval '1 minute' where id = ${caseA}`);
    const list = (await t.req('GET', '/api/prevention/cases?overdue=true', { cookie: staff })).json().items as Case[];
    expect(list.find((x) => x.id === caseA)?.retestOverdue).toBe(true);
    expect(list.map((x) => x.id)).toContain(caseA);
  });

  it('runs the quiet period to the return to post; a positive re-test confirms and closes', async () => {
    await t.req('PUT', '/api/prevention/rules', { cookie: staff, body: { ...(await t.req('GET', '/api/prevention/rules', { cookie: staff })).json().rules, quietPeriodDays: 1 } });
    const act = (id: string, action: string) => t.req('POST', `/api/prevention/cases/${id}/actions`, { cookie: staff, body: { action } });
    expect((await act(caseA, 'retest_negative')).json()).toMatchObject({ state: 'quiet_period', quietTests: 0, actions: ['daily_negative', 'daily_positive'] });
    const early = await act(caseA, 'return_to_post');
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('prevention.quiet_incomplete');
    // The re-test was today; the first quiet-period test is tomorrow's.
    expect((await act(caseA, 'daily_negative')).json().code).toBe('prevention.daily_test_done');
    await exec(t, sql`update prevention_suspected_cases set last_test_at = now() - interval '1 day' where id = ${caseA}`);
    expect((await act(caseA, 'daily_negative')).json()).toMatchObject({ quietTests: 1, actions: ['daily_negative', 'daily_positive', 'return_to_post'] });
    expect((await act(caseA, 'return_to_post')).json()).toMatchObject({ state: 'returned', actions: [] });
    const emp = await rows<{ status: string }>(t, sql`select status from prevention_employees where id = ${people[0]!.id}`);
    expect(emp[0]!.status).toBe('active');
    expect((await act(caseB, 'retest_positive')).json()).toMatchObject({ state: 'confirmed', actions: [] });
    expect((await act(caseB, 'observe')).statusCode).toBe(409);
    const timeline = (await t.req('GET', `/api/prevention/cases/${caseA}`, { cookie: staff })).json().events.map((e: { action: string }) => e.action);
    expect(timeline).toEqual(['flag', 'observe', 'retest_negative', 'daily_negative', 'return_to_post']);
    const audit = await rows<{ action: string }>(t, sql`select action from audit_events where target_id = ${caseA} and action like 'prevention.case.%' and action <> 'prevention.case.read' order by at`);
    expect(audit.map((a) => a.action)).toEqual(['prevention.case.flag', 'prevention.case.observe', 'prevention.case.retest_negative', 'prevention.case.daily_negative', 'prevention.case.return_to_post']);
    // The room is free again, and a person whose case closed may be flagged anew.
    const pts = (await t.req('GET', `/api/prevention/observation-points?enterpriseId=${entLkId}&pageSize=100`, { cookie: staff })).json().items;
    expect(pts.find((p: { id: string }) => p.id === pointId)).toMatchObject({ occupied: 0, free: 1 });
    const closed = (await t.req('GET', '/api/prevention/cases?open=false&pageSize=100', { cookie: staff })).json().items.map((x: Case) => x.id);
    expect(closed).toEqual(expect.arrayContaining([caseA, caseB]));
  });
});
