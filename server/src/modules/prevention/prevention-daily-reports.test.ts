import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { exec, rows } from '../../testing/helpers.js';
import { shanghaiDay } from './daily-reports.js';

let t: TestApp;
let entLk: string;
let entLk2: string;
let prevention: string;
let lkDispatcher: string;
let glDispatcher: string;
let entLkId: string;
let employeeId: string;
let reportId: string;
beforeAll(async () => {
  t = await createTestApp();
  [entLk, entLk2, prevention, lkDispatcher, glDispatcher] = await Promise.all(['ent_lankao', 'ent_lankao2', 'kf_prevention', 'lk_dispatcher', 'gl_dispatcher'].map((u) => t.login(u)));
  const e = (await t.req('GET', '/api/prevention/employees?pageSize=1&status=active', { cookie: entLk })).json().items[0];
  entLkId = e.enterpriseId;
  employeeId = e.id;
});
afterAll(async () => {
  await t.close();
});

type BoardItem = { enterpriseId: string; regionCode: string; status: string };
/** A time on today's Asia/Shanghai calendar day, whatever the machine's clock says. */
const todayAt = (hh: string) => new Date(`${shanghaiDay(new Date())}T${hh}:00:00+08:00`);

describe('daily health reports', () => {
  it('answers 401 without a session', async () => {
    for (const url of ['/api/prevention/daily-reports', '/api/prevention/daily-reports/today', '/api/prevention/daily-reports/board', '/api/prevention/daily-reports/board/export', `/api/prevention/daily-reports/${employeeId}`]) expect((await t.req('GET', url)).statusCode).toBe(401);
    expect((await t.req('POST', '/api/prevention/daily-reports', { body: { zero: true } })).statusCode).toBe(401);
    expect((await t.req('POST', `/api/prevention/daily-reports/${employeeId}/reveal`, { body: { purpose: '核查' } })).statusCode).toBe(401);
  });

  it('files a zero report with one click, and filing again the same day keeps one report', async () => {
    const today = (await t.req('GET', '/api/prevention/daily-reports/today', { cookie: entLk })).json();
    expect(today).toMatchObject({ day: shanghaiDay(new Date()), report: null, deadlineHour: 18, actions: ['file'] });
    const first = await t.req('POST', '/api/prevention/daily-reports', { cookie: entLk, body: { zero: true } });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ zero: true, onSite: today.onRoster, symptomatic: 0, persons: [] });
    const again = await t.req('POST', '/api/prevention/daily-reports', { cookie: entLk, body: { zero: true } });
    expect(again.json().id).toBe(first.json().id);
    const n = await rows<{ n: number }>(t, sql`select count(*)::int as n from prevention_daily_reports where enterprise_id = ${entLkId} and day = ${shanghaiDay(new Date())}`);
    expect(n[0]!.n).toBe(1);
    reportId = first.json().id;
  });

  it('replaces it with a report of abnormal persons from the roster, refusing bad input by field', async () => {
    const body = { zero: false, onSite: 30, symptomatic: 1, observation: 1, note: '发热一人，居家观察', persons: [{ employeeId, symptoms: ['fever'], detail: '体温三十八度二', measure: 'observation' }] };
    expect((await t.req('POST', '/api/prevention/daily-reports', { cookie: entLk, body: { zero: true, persons: body.persons } })).json().field).toBe('body.persons');
    expect((await t.req('POST', '/api/prevention/daily-reports', { cookie: entLk, body: { ...body, onSite: undefined } })).json().field).toBe('body.onSite');
    expect((await t.req('POST', '/api/prevention/daily-reports', { cookie: entLk, body: { ...body, symptomatic: 0 } })).json().field).toBe('body.symptomatic');
    expect((await t.req('POST', '/api/prevention/daily-reports', { cookie: entLk, body: { ...body, persons: [{ ...body.persons[0], symptoms: ['headache'] }] } })).json().field).toMatch(/^body\.persons/);
    expect((await t.req('POST', '/api/prevention/daily-reports', { cookie: entLk2, body })).json().field).toBe('body.persons');
    const res = await t.req('POST', '/api/prevention/daily-reports', { cookie: entLk, body });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: reportId, zero: false, onSite: 30, symptomatic: 1, observation: 1, hasNote: true });
    expect(res.json().persons).toHaveLength(1);
    expect(res.json().persons[0]).toMatchObject({ employeeId, measure: 'observation' });
    expect(JSON.stringify(res.json())).not.toContain('三十八');
  });

  it('keeps the health details out of the tables in clear, and reveals them only with prevention.pii, audited', async () => {
    const dump = JSON.stringify(await rows(t, sql`select * from prevention_daily_reports`)) + JSON.stringify(await rows(t, sql`select * from prevention_daily_report_persons`));
    expect(dump).not.toContain('三十八');
    expect(dump).not.toContain('发热');
    expect(dump).not.toContain('fever');
    expect((await t.req('POST', `/api/prevention/daily-reports/${reportId}/reveal`, { cookie: entLk, body: { purpose: '核查' } })).statusCode).toBe(403);
    expect((await t.req('POST', `/api/prevention/daily-reports/${reportId}/reveal`, { cookie: prevention, body: {} })).json().field).toBe('body.purpose');
    const before = await rows<{ n: number }>(t, sql`select count(*)::int as n from audit_events where action = 'prevention.pii.read' and target_id = ${reportId}`);
    const res = await t.req('POST', `/api/prevention/daily-reports/${reportId}/reveal`, { cookie: prevention, body: { purpose: '疫情核查' } });
    expect(res.json()).toMatchObject({ note: '发热一人，居家观察', persons: [{ employeeId, symptoms: ['fever'], detail: '体温三十八度二' }] });
    const after = await rows<{ n: number }>(t, sql`select count(*)::int as n from audit_events where action = 'prevention.pii.read' and target_id = ${reportId}`);
    expect(after[0]!.n).toBe(before[0]!.n + 1);
  });

  it('keeps a report to its enterprise and county (404 otherwise)', async () => {
    expect((await t.req('GET', `/api/prevention/daily-reports/${reportId}`, { cookie: entLk2 })).statusCode).toBe(404);
    expect((await t.req('GET', `/api/prevention/daily-reports/${reportId}`, { cookie: glDispatcher })).statusCode).toBe(404);
    const lk = await t.req('GET', `/api/prevention/daily-reports/${reportId}`, { cookie: lkDispatcher });
    expect(lk.json()).toMatchObject({ id: reportId, actions: [] });
    expect((await t.req('POST', '/api/prevention/daily-reports', { cookie: entLk2, body: { zero: true, enterpriseId: entLkId } })).statusCode).toBe(404);
    expect((await t.req('POST', '/api/prevention/daily-reports', { cookie: prevention, body: { zero: true } })).json().field).toBe('body.enterpriseId');
    expect((await t.req('GET', '/api/prevention/daily-reports/today', { cookie: prevention })).json().field).toBe('query.enterpriseId');
    expect((await t.req('GET', `/api/prevention/daily-reports/today?enterpriseId=${entLkId}`, { cookie: glDispatcher })).statusCode).toBe(404);
    expect((await t.req('GET', `/api/prevention/daily-reports?enterpriseId=${entLkId}`, { cookie: entLk2 })).statusCode).toBe(404);
    const mine = (await t.req('GET', '/api/prevention/daily-reports', { cookie: entLk })).json();
    expect(mine.items[0].id).toBe(reportId);
    expect(mine.items.every((x: { enterpriseId: string }) => x.enterpriseId === entLkId)).toBe(true);
    expect((await t.req('GET', '/api/prevention/daily-reports', { cookie: entLk2 })).json().items.some((x: { id: string }) => x.id === reportId)).toBe(false);
    expect((await t.req('GET', '/api/prevention/daily-reports?from=yesterday', { cookie: entLk })).json().field).toBe('query.from');
  });

  it('shows prevention staff who reported, sent a zero report or is missing, per region, with an export', async () => {
    const b = (await t.req('GET', '/api/prevention/daily-reports/board?pageSize=200', { cookie: prevention })).json();
    expect(b.totals.expected).toBe(b.totals.reported + b.totals.zero + b.totals.missing);
    expect(b.totals.missing).toBeGreaterThan(0);
    expect(b.items.find((x: BoardItem) => x.enterpriseId === entLkId)).toMatchObject({ status: 'reported', report: { id: reportId } });
    expect(b.regions.map((x: { regionCode: string }) => x.regionCode)).toEqual(expect.arrayContaining(['410225', '410204']));
    const missing = (await t.req('GET', '/api/prevention/daily-reports/board?status=missing&pageSize=200', { cookie: prevention })).json();
    expect(missing.items.every((x: BoardItem) => x.status === 'missing')).toBe(true);
    expect(missing.total).toBe(b.totals.missing);
    const lk = (await t.req('GET', '/api/prevention/daily-reports/board?pageSize=200', { cookie: lkDispatcher })).json();
    expect(lk.items.every((x: BoardItem) => x.regionCode === '410225')).toBe(true);
    expect((await t.req('GET', '/api/prevention/daily-reports/board?regionCode=410204', { cookie: lkDispatcher })).statusCode).toBe(404);
    expect((await t.req('GET', '/api/prevention/daily-reports/board?day=today', { cookie: prevention })).json().field).toBe('query.day');
    const ent = (await t.req('GET', '/api/prevention/daily-reports/board', { cookie: entLk })).json();
    expect(ent.items.map((x: BoardItem) => x.enterpriseId)).toEqual([entLkId]);
    const xlsx = await t.req('GET', '/api/prevention/daily-reports/board/export?status=missing', { cookie: prevention });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((await t.req('GET', '/api/prevention/daily-reports/board/export?regionCode=410204', { cookie: lkDispatcher })).statusCode).toBe(404);
  });

  it('raises one "missing daily report" alert per enterprise and day, only after the deadline hour', async () => {
    const sweep = (at: Date) => t.app.preventionReports.daily.sweepMissing(at);
    expect(await sweep(todayAt('10'))).toBe(0);
    const missing = (await t.req('GET', '/api/prevention/daily-reports/board?status=missing&pageSize=200', { cookie: prevention })).json().total as number;
    expect(await sweep(todayAt('19'))).toBe(missing);
    expect(await sweep(todayAt('20'))).toBe(0);
    const alerts = await rows<{ enterprise_id: string; n: number }>(t, sql`select enterprise_id, count(*)::int as n from prevention_alerts where kind = 'missing_daily_report' and detail->>'day' = ${shanghaiDay(new Date())} group by enterprise_id`);
    expect(alerts.length).toBe(missing);
    expect(alerts.every((a) => a.n === 1)).toBe(true);
    expect(alerts.some((a) => a.enterprise_id === entLkId)).toBe(false);
    const inbox = (await t.req('GET', '/api/prevention/alerts?pageSize=200', { cookie: prevention })).json().items as { kind: string; detail: { day: string } }[];
    expect(inbox.some((a) => a.kind === 'missing_daily_report' && a.detail.day === shanghaiDay(new Date()))).toBe(true);
    const notes = await rows<{ n: number }>(t, sql`select count(*)::int as n from notifications where kind = 'alert.raised' and title_zh like '%健康日报告未报%'`);
    expect(notes[0]!.n).toBeGreaterThan(0);
  });

  it('files a missed report for a past day within the window, marked late, and it settles that day’s missing-report alert', async () => {
    const dayAgo = (n: number) => shanghaiDay(new Date(Date.now() - n * 86_400_000));
    const ent2 = (await t.req('GET', '/api/prevention/employees?pageSize=1', { cookie: entLk2 })).json().items[0].enterpriseId as string;
    const d = dayAgo(2);
    await exec(t, sql`insert into prevention_alerts (kind, dedupe_key, enterprise_id, region_code, detail, raised_at) values ('missing_daily_report', ${`missing_daily_report:${ent2}:${d}`}, ${ent2}, '410225', ${JSON.stringify({ day: d, deadlineHour: 18 })}::jsonb, now())`);
    expect((await t.req('POST', '/api/prevention/daily-reports', { cookie: entLk2, body: { zero: true, day: dayAgo(4) } })).json().field).toBe('body.day');
    expect((await t.req('POST', '/api/prevention/daily-reports', { cookie: entLk2, body: { zero: true, day: dayAgo(-1) } })).json().field).toBe('body.day');
    expect((await t.req('POST', '/api/prevention/daily-reports', { cookie: entLk2, body: { zero: true, day: '2026-13-45x' } })).json().field).toBe('body.day');
    const res = await t.req('POST', '/api/prevention/daily-reports', { cookie: entLk2, body: { zero: true, day: d } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ day: d, zero: true, late: true });
    const alert = await rows<{ status: string; note: string }>(t, sql`select status, note from prevention_alerts where dedupe_key = ${`missing_daily_report:${ent2}:${d}`}`);
    expect(alert[0]!.status).toBe('resolved');
    const audit = await rows<{ detail: { late: boolean } }>(t, sql`select detail from audit_events where action = 'prevention.daily_report.file' and target_id = ${res.json().id}`);
    expect(audit[0]!.detail.late).toBe(true);
    expect((await rows(t, sql`select 1 from audit_events where action = 'prevention.alert.resolve' and detail->>'day' = ${d}`)).length).toBe(1);
    const listed = (await t.req('GET', `/api/prevention/daily-reports?from=${d}&to=${d}`, { cookie: prevention })).json().items as { enterpriseId: string; late: boolean }[];
    expect(listed.find((r) => r.enterpriseId === ent2)?.late).toBe(true);
    // The window is a rule: with 0 days, only today may be filed.
    const rules = (await t.req('GET', '/api/prevention/rules', { cookie: prevention })).json().rules;
    expect(rules.lateReportDays).toBe(3);
    expect((await t.req('PUT', '/api/prevention/rules', { cookie: prevention, body: { ...rules, lateReportDays: 0 } })).statusCode).toBe(200);
    expect((await t.req('POST', '/api/prevention/daily-reports', { cookie: entLk2, body: { zero: true, day: dayAgo(1) } })).json().field).toBe('body.day');
    expect((await t.req('PUT', '/api/prevention/rules', { cookie: prevention, body: rules })).statusCode).toBe(200);
  });
});
