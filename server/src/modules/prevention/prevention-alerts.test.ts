import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { rows, userIdOf } from '../../testing/helpers.js';
import { OrgService, RegionDirectory } from '../org/service.js';
import { bulkRecipients } from './alerts.js';

let t: TestApp;
let entLk: string;
let entLk2: string;
let prevention: string;
let lkDispatcher: string;
beforeAll(async () => {
  t = await createTestApp();
  [entLk, entLk2, prevention, lkDispatcher] = await Promise.all(['ent_lankao', 'ent_lankao2', 'kf_prevention', 'lk_dispatcher'].map((u) => t.login(u)));
});
afterAll(async () => {
  await t.close();
});

type Alert = { id: string; enterpriseId: string; regionCode: string; status: string; actions: string[]; detail: { overdue: number } };

describe('sentinel alerts', () => {
  it('answers 401 without a session', async () => {
    expect((await t.req('GET', '/api/prevention/alerts')).statusCode).toBe(401);
  });

  it('the sweep raises one alert per enterprise and day, and notifies its contact and the prevention staff', async () => {
    const later = new Date(Date.now() + 10 * 60_000);
    await t.app.jobs.runDue(later);
    await t.app.jobs.runDue(new Date(later.getTime() + 10 * 60_000));
    const list = (await t.req('GET', '/api/prevention/alerts?pageSize=200', { cookie: prevention })).json();
    expect(list.total).toBeGreaterThanOrEqual(6);
    const keys = await rows<{ n: number; d: number }>(t, sql`select count(*)::int as n, count(distinct dedupe_key)::int as d from prevention_alerts`);
    expect(keys[0]!.n).toBe(keys[0]!.d);
    const ent = await userIdOf(t, 'ent_lankao');
    const staff = await userIdOf(t, 'kf_prevention');
    const notes = await rows<{ user_id: string }>(t, sql`select user_id from notifications where kind = 'alert.raised'`);
    expect(notes.some((n) => n.user_id === ent)).toBe(true);
    expect(notes.some((n) => n.user_id === staff)).toBe(true);
  });

  it('finds the recipients of a sweep in two queries, the same people in the same order as one alert at a time', async () => {
    const regionDir = new RegionDirectory();
    await regionDir.load(t.database.db);
    const org = new OrgService(t.database.db, regionDir);
    const regions = {
      ancestors: (code: string) => {
        const out: string[] = [];
        for (let r = regionDir.get(code); r; r = r.parentCode ? regionDir.get(r.parentCode) : undefined) out.push(r.code);
        return out;
      },
    };
    const targets = await rows<{ enterpriseId: string | null; regionCode: string }>(t, sql`select distinct enterprise_id as "enterpriseId", region_code as "regionCode" from prevention_alerts`);
    targets.push({ enterpriseId: null, regionCode: '410225' });
    const bulk = await bulkRecipients(org, regions)(targets);
    let someone = 0;
    for (const a of targets) {
      const one = a.enterpriseId ? await org.userIdsFor({ enterpriseId: a.enterpriseId, permission: 'prevention.alerts' }) : [];
      for (const code of regions.ancestors(a.regionCode)) one.push(...(await org.userIdsFor({ regionCode: code, roleCodes: ['prevention_staff'] })));
      expect(bulk.get(`${a.enterpriseId ?? ''}:${a.regionCode}`)).toEqual(one);
      someone += one.length;
    }
    expect(someone).toBeGreaterThan(0);
  });

  it('keeps an enterprise to its own alerts and a county to its region (404 otherwise)', async () => {
    const mine = (await t.req('GET', '/api/prevention/alerts', { cookie: entLk })).json().items as Alert[];
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((a) => a.enterpriseId)).size).toBe(1);
    const other = (await t.req('GET', '/api/prevention/alerts', { cookie: entLk2 })).json().items as Alert[];
    expect(other.every((a) => a.enterpriseId !== mine[0]!.enterpriseId)).toBe(true);
    expect((await t.req('POST', `/api/prevention/alerts/${mine[0]!.id}/acknowledge`, { cookie: entLk2, body: {} })).statusCode).toBe(404);
    const lk = (await t.req('GET', '/api/prevention/alerts?pageSize=200', { cookie: lkDispatcher })).json().items as Alert[];
    expect(lk.every((a) => a.regionCode === '410225' && a.actions.length === 0)).toBe(true);
    expect((await t.req('POST', `/api/prevention/alerts/${mine[0]!.id}/acknowledge`, { cookie: lkDispatcher, body: {} })).statusCode).toBe(403);
  });

  it('is acknowledged, then resolved with a note', async () => {
    const a = ((await t.req('GET', '/api/prevention/alerts', { cookie: entLk })).json().items as Alert[])[0]!;
    expect(a.actions).toEqual(['acknowledge', 'resolve']);
    const ack = await t.req('POST', `/api/prevention/alerts/${a.id}/acknowledge`, { cookie: entLk, body: {} });
    expect(ack.json()).toMatchObject({ status: 'acknowledged', actions: ['resolve'] });
    expect((await t.req('POST', `/api/prevention/alerts/${a.id}/acknowledge`, { cookie: entLk, body: {} })).statusCode).toBe(409);
    expect((await t.req('POST', `/api/prevention/alerts/${a.id}/resolve`, { cookie: entLk, body: {} })).json().field).toBe('body.note');
    const done = await t.req('POST', `/api/prevention/alerts/${a.id}/resolve`, { cookie: prevention, body: { note: '已组织补检' } });
    expect(done.json()).toMatchObject({ status: 'resolved', note: '已组织补检', actions: [] });
    expect((await t.req('GET', '/api/prevention/alerts?status=bogus', { cookie: entLk })).json().field).toBe('query.status');
  });

  it('filters the inbox by kind and by status together', async () => {
    const all = (await t.req('GET', '/api/prevention/alerts?pageSize=200', { cookie: prevention })).json().items as (Alert & { kind: string })[];
    const overdue = (await t.req('GET', '/api/prevention/alerts?kind=overdue_test&pageSize=200', { cookie: prevention })).json();
    expect(overdue.total).toBe(all.filter((a) => a.kind === 'overdue_test').length);
    expect(overdue.total).toBeGreaterThan(0);
    expect((overdue.items as { kind: string }[]).every((a) => a.kind === 'overdue_test')).toBe(true);
    const resolved = (await t.req('GET', '/api/prevention/alerts?kind=overdue_test&status=resolved&pageSize=200', { cookie: prevention })).json();
    expect(resolved.total).toBe(all.filter((a) => a.kind === 'overdue_test' && a.status === 'resolved').length);
    expect((resolved.items as { status: string }[]).every((a) => a.status === 'resolved')).toBe(true);
    const none = await t.req('GET', '/api/prevention/alerts?kind=drug_purchase&status=resolved', { cookie: entLk });
    expect(none.statusCode).toBe(200);
    const bad = await t.req('GET', '/api/prevention/alerts?kind=bogus', { cookie: entLk });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('query.kind');
  });
});
