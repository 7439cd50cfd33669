import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { exec, rows } from '../../testing/helpers.js';
import { complianceSql } from './compliance.js';
import { DEFAULT_RULES } from './rules.js';
import { preventionEmergencyRegions, preventionEmployees } from './tables.js';

let t: TestApp;
let prevention: string;
let entLk: string;
let lkDispatcher: string;
let glDispatcher: string;
beforeAll(async () => {
  t = await createTestApp();
  [prevention, entLk, lkDispatcher, glDispatcher] = await Promise.all(['kf_prevention', 'ent_lankao', 'lk_dispatcher', 'gl_dispatcher'].map((u) => t.login(u)));
});
afterAll(async () => {
  await t.close();
});

type Group = { key: string | null; label: string; total: number; compliant: number; dueSoon: number; overdue: number; rate: number };

describe('test compliance', () => {
  it('answers 401 without a session', async () => {
    for (const url of ['/api/prevention/compliance', '/api/prevention/compliance/trend', '/api/prevention/rules', '/api/prevention/emergency-regions']) expect((await t.req('GET', url)).statusCode).toBe(401);
  });

  it('counts compliant, due soon and overdue by enterprise, unit and region', async () => {
    const byEnt = (await t.req('GET', '/api/prevention/compliance?groupBy=enterprise', { cookie: prevention })).json();
    expect(byEnt.groups.length).toBeGreaterThanOrEqual(6);
    const total = byEnt.total as Group;
    expect(total.compliant + total.dueSoon + total.overdue).toBe(total.total);
    expect(total.compliant).toBeGreaterThan(0);
    expect(total.dueSoon).toBeGreaterThan(0);
    expect(total.overdue).toBeGreaterThan(0);
    const byRegion = (await t.req('GET', '/api/prevention/compliance?groupBy=region', { cookie: prevention })).json().groups as Group[];
    expect(byRegion.map((g) => g.label).sort()).toEqual(['兰考县', '鼓楼区']);
    const byUnit = (await t.req('GET', '/api/prevention/compliance?groupBy=unit', { cookie: entLk })).json().groups as Group[];
    expect(byUnit.some((g) => g.label === '一车间')).toBe(true);
    expect((await t.req('GET', '/api/prevention/compliance?groupBy=dormitory', { cookie: prevention })).json().field).toBe('query.groupBy');
  });

  it('the database and the rule pack agree on every person’s status', async () => {
    for (const status of ['compliant', 'due_soon', 'overdue'] as const) {
      const items = (await t.req('GET', `/api/prevention/employees?pageSize=200&compliance=${status}`, { cookie: prevention })).json().items as { compliance: string }[];
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((x) => x.compliance === status)).toBe(true);
    }
  });

  it('keeps a county to its own region (404 for another)', async () => {
    const lk = (await t.req('GET', '/api/prevention/compliance?groupBy=region', { cookie: lkDispatcher })).json().groups as Group[];
    expect(lk.map((g) => g.key)).toEqual(['410225']);
    expect((await t.req('GET', '/api/prevention/compliance?regionCode=410204', { cookie: lkDispatcher })).statusCode).toBe(404);
    expect((await t.req('GET', '/api/prevention/compliance/trend?regionCode=410225', { cookie: glDispatcher })).statusCode).toBe(404);
    const ent = (await t.req('GET', '/api/prevention/compliance?groupBy=enterprise', { cookie: entLk })).json().groups as Group[];
    expect(ent.length).toBe(1);
  });

  it('draws a daily trend', async () => {
    const res = await t.req('GET', '/api/prevention/compliance/trend?days=7', { cookie: prevention });
    expect(res.statusCode).toBe(200);
    const days = res.json() as { day: string; total: number; compliant: number; rate: number }[];
    expect(days.length).toBe(7);
    expect(days.every((d) => d.total > 0 && d.compliant <= d.total)).toBe(true);
    expect((await t.req('GET', '/api/prevention/compliance/trend?days=0', { cookie: prevention })).json().field).toBe('query.days');
  });

  it('changes intervals as data, and an emergency shortens closed-loop units to 24 h', async () => {
    const rules = (await t.req('GET', '/api/prevention/rules', { cookie: entLk })).json();
    expect(rules.rules).toEqual(DEFAULT_RULES);
    expect((await t.req('PUT', '/api/prevention/rules', { cookie: entLk, body: rules.rules })).statusCode).toBe(403);
    expect((await t.req('PUT', '/api/prevention/rules', { cookie: prevention, body: { ...rules.rules, testIntervalHours: 0 } })).json().field).toBe('body.testIntervalHours');
    const before = (await t.req('GET', '/api/prevention/compliance?regionCode=410225', { cookie: prevention })).json().total as Group;

    expect((await t.req('PUT', '/api/prevention/emergency-regions/410100', { cookie: prevention, body: {} })).statusCode).toBe(404);
    expect((await t.req('PUT', '/api/prevention/emergency-regions/410225', { cookie: lkDispatcher, body: {} })).statusCode).toBe(403);
    expect((await t.req('PUT', '/api/prevention/emergency-regions/41', { cookie: prevention, body: {} })).json().field).toBe('params.regionCode');
    const declared = await t.req('PUT', '/api/prevention/emergency-regions/410225', { cookie: prevention, body: { note: '兰考县进入应急状态' } });
    expect(declared.statusCode).toBe(200);
    const during = (await t.req('GET', '/api/prevention/compliance?regionCode=410225', { cookie: prevention })).json().total as Group;
    expect(during.overdue).toBeGreaterThan(before.overdue);
    const regular = (await t.req('GET', '/api/prevention/employees?pageSize=200&postKind=regular', { cookie: entLk })).json().items as { unitId: string | null; intervalHours: number }[];
    expect(regular.every((x) => x.intervalHours === (x.unitId ? 24 : 48))).toBe(true);
    expect((await t.req('GET', '/api/prevention/emergency-regions', { cookie: entLk })).json()[0].regionName).toBe('兰考县');
    expect((await t.req('DELETE', '/api/prevention/emergency-regions/410225', { cookie: prevention })).statusCode).toBe(204);
    expect((await t.req('DELETE', '/api/prevention/emergency-regions/410225', { cookie: prevention })).statusCode).toBe(404);

    const put = await t.req('PUT', '/api/prevention/rules', { cookie: prevention, body: { ...rules.rules, testIntervalHours: 72 } });
    expect(put.json().rules.testIntervalHours).toBe(72);
    const longer = (await t.req('GET', '/api/prevention/compliance?regionCode=410225', { cookie: prevention })).json().total as Group;
    expect(longer.overdue).toBeLessThan(before.overdue);
    await t.req('PUT', '/api/prevention/rules', { cookie: prevention, body: DEFAULT_RULES });
  });

  it('the threshold form of overdue and due soon agrees with the due time, at every offset', async () => {
    // An emergency region and arrivals, so every branch of the interval and of the arrival rule is exercised.
    await exec(t, sql`insert into prevention_emergency_regions (region_code) values ('410204') on conflict do nothing`);
    await exec(t, sql`update prevention_employees set last_arrival_at = now() - ((abs(hashtext(id_card_hash)) % 80) || ' hours')::interval where abs(hashtext(name)) % 3 = 0`);
    for (const rules of [DEFAULT_RULES, { ...DEFAULT_RULES, testIntervalHours: 72, mobileContactIntervalHours: 36, dueSoonHours: 12 }]) {
      for (const shift of [-30, 0, 6, 20, 30, 50, 100]) {
        const now = new Date(Date.now() + shift * 3600_000);
        const c = complianceSql(rules, now);
        const overdue = sql`(${c.due} is null or ${c.due} < ${now.toISOString()}::timestamptz)`;
        const soon = sql`(not ${overdue} and ${c.due} <= ${now.toISOString()}::timestamptz + ${rules.dueSoonHours}::int * interval '1 hour')`;
        const r = await rows<{ n: number; d: number }>(t, sql`select count(*)::int as n,
          (count(*) filter (where ${c.overdue} is distinct from coalesce(${overdue}, false) or ${c.dueSoon} is distinct from coalesce(${soon}, false)))::int as d
          from ${preventionEmployees} left join ${preventionEmergencyRegions} on ${preventionEmergencyRegions.regionCode} = ${preventionEmployees.regionCode}`);
        expect(r[0]!.n).toBeGreaterThan(0);
        expect(r[0]!.d).toBe(0);
      }
    }
  });
});
