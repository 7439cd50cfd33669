import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { randomUuid } from '../../testing/helpers.js';

let t: TestApp;
let industry: string;
let lkIndustry: string;
let transport: string;
let entLk: string;
let entGl: string;
beforeAll(async () => {
  t = await createTestApp();
  industry = await t.login('kf_industry');
  lkIndustry = await t.login('lk_industry');
  transport = await t.login('kf_tf_transport');
  entLk = await t.login('ent_lankao');
  entGl = await t.login('ent_gulou');
});
afterAll(async () => {
  await t.close();
});

describe('whitelist API', () => {
  it('answers 401 without a session', async () => {
    for (const url of ['/api/whitelist/enterprises', '/api/whitelist/applications', '/api/whitelist/batches', '/api/whitelist/coverage', '/api/whitelist/criteria', '/api/enterprise/profile']) {
      expect((await t.req('GET', url)).statusCode).toBe(401);
    }
  });

  it('lists only the caller’s sector and region', async () => {
    const res = await t.req('GET', '/api/whitelist/enterprises?pageSize=200', { cookie: industry });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { sector: string; regionCode: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((e) => e.sector === 'industry')).toBe(true);
    const lk = (await t.req('GET', '/api/whitelist/enterprises?pageSize=200', { cookie: lkIndustry })).json().items as { regionCode: string }[];
    expect(lk.every((e) => e.regionCode === '410225')).toBe(true);
    expect((await t.req('GET', '/api/whitelist/enterprises?regionCode=410204', { cookie: lkIndustry })).statusCode).toBe(404);
    expect((await t.req('GET', '/api/whitelist/enterprises?listingStatus=bogus', { cookie: industry })).json().field).toBe('query.listingStatus');
  });

  it('hides another sector’s enterprise (404) and shows history for its own', async () => {
    const tr = (await t.req('GET', '/api/whitelist/enterprises?listingStatus=listed', { cookie: transport })).json().items as { id: string }[];
    const ind = (await t.req('GET', '/api/whitelist/enterprises?listingStatus=listed', { cookie: industry })).json().items as { id: string; actions: string[] }[];
    expect((await t.req('GET', `/api/whitelist/enterprises/${ind[0]!.id}`, { cookie: transport })).statusCode).toBe(404);
    if (tr[0]) expect((await t.req('GET', `/api/whitelist/enterprises/${tr[0].id}`, { cookie: industry })).statusCode).toBe(404);
    const d = await t.req('GET', `/api/whitelist/enterprises/${ind[0]!.id}`, { cookie: industry });
    expect(d.statusCode).toBe(200);
    expect(d.json().history.length).toBeGreaterThan(0);
    expect(ind[0]!.actions).toContain('remove');
  });

  it('lets an enterprise apply, see the check per condition, and the department decide', async () => {
    const before = await t.req('GET', '/api/enterprise/application', { cookie: entLk });
    expect(before.statusCode).toBe(200);
    expect(before.json().canApply).toBe(true);
    const applied = await t.req('POST', '/api/enterprise/application', { cookie: entLk, body: { statement: '申请纳入' } });
    expect(applied.statusCode).toBe(201);
    const app = applied.json();
    expect(app.checkResult.conditions.length).toBeGreaterThan(0);
    expect(['auto_admitted', 'pending_review']).toContain(app.status);
    expect((await t.req('POST', '/api/enterprise/application', { cookie: entLk, body: {} })).statusCode).toBe(409);
    if (app.status === 'pending_review') {
      const reviewer = app.sector === 'industry' ? industry : await t.login('kf_dispatcher');
      expect((await t.req('POST', `/api/whitelist/applications/${app.id}/reject`, { cookie: reviewer, body: {} })).json().field).toBe('body.reason');
      expect((await t.req('POST', `/api/whitelist/applications/${app.id}/approve`, { cookie: entGl, body: {} })).statusCode).toBe(403);
      const ok = await t.req('POST', `/api/whitelist/applications/${app.id}/approve`, { cookie: reviewer, body: { reason: '符合' } });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().status).toBe('approved');
    }
    const after = (await t.req('GET', '/api/enterprise/application', { cookie: entLk })).json();
    expect(after.listingStatus).toBe('listed');
    expect(after.history.length).toBeGreaterThanOrEqual(3);
  });

  it('keeps an enterprise to its own profile and versions changes', async () => {
    const p = await t.req('GET', '/api/enterprise/profile', { cookie: entGl });
    expect(p.statusCode).toBe(200);
    const u = await t.req('PUT', '/api/enterprise/profile', { cookie: entGl, body: { employees: p.json().employees + 1, hasTaskForce: true } });
    expect(u.statusCode).toBe(200);
    expect(u.json().profileVersion).toBe(p.json().profileVersion + 1);
    expect((await t.req('PUT', '/api/enterprise/profile', { cookie: entGl, body: { employees: -1 } })).json().field).toBe('body.employees');
    expect((await t.req('GET', '/api/whitelist/enterprises', { cookie: entGl })).statusCode).toBe(403);
    expect((await t.req('PUT', '/api/enterprise/links', { cookie: entGl, body: { links: [{ direction: 'upstream', partnerName: 'x', partnerUscc: '123' }] } })).json().field).toBe('body.links.0.partnerUscc');
  });

  it('keeps the tax status to the tax bureau: not the enterprise, only import or a department with whitelist.import', async () => {
    const before = (await t.req('GET', '/api/enterprise/profile', { cookie: entLk })).json() as { id: string; taxCreditRating: string | null; taxArrears: boolean; profileVersion: number };
    for (const body of [{ taxCreditRating: 'A' }, { taxCreditRating: null }, { taxArrears: !before.taxArrears }, { employees: 10, taxArrears: false }]) {
      const res = await t.req('PUT', '/api/enterprise/profile', { cookie: entLk, body });
      expect(res.statusCode).toBe(400);
      expect(res.json().field).toBe(`body.${Object.keys(body).find((k) => k.startsWith('tax'))!}`);
    }
    const still = (await t.req('GET', '/api/enterprise/profile', { cookie: entLk })).json();
    expect(still).toMatchObject({ taxCreditRating: before.taxCreditRating, taxArrears: before.taxArrears, profileVersion: before.profileVersion });

    const dispatcher = await t.login('lk_dispatcher');
    const url = `/api/whitelist/enterprises/${before.id}/tax-status`;
    const body = { taxCreditRating: 'D', taxArrears: true };
    expect((await t.req('PUT', url, { body })).statusCode).toBe(401);
    expect((await t.req('PUT', url, { cookie: entLk, body })).statusCode).toBe(403);
    expect((await t.req('PUT', `/api/whitelist/enterprises/${randomUuid()}/tax-status`, { cookie: dispatcher, body })).statusCode).toBe(404);
    expect((await t.req('PUT', url, { cookie: dispatcher, body: { ...body, taxCreditRating: 'E' } })).json().field).toBe('body.taxCreditRating');
    expect((await t.req('PUT', url, { cookie: dispatcher, body: { taxCreditRating: 'A' } })).json().field).toBe('body.taxArrears');
    const set = await t.req('PUT', url, { cookie: dispatcher, body });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ taxCreditRating: 'D', taxArrears: true, profileVersion: before.profileVersion + 1 });
    expect(set.json().actions).toContain('set_tax_status');
    const versions = (await t.req('GET', '/api/enterprise/profile/versions', { cookie: entLk })).json() as { version: number; changes: Record<string, unknown> }[];
    expect(Object.keys(versions[0]!.changes)).toContain('taxArrears');
    // Restore what the other tests see.
    await t.req('PUT', url, { cookie: dispatcher, body: { taxCreditRating: before.taxCreditRating, taxArrears: before.taxArrears } });
  });

  it('removes with evidence (熔断) and re-admits, all in the history', async () => {
    const ind = (await t.req('GET', '/api/whitelist/enterprises?listingStatus=listed', { cookie: industry })).json().items as { id: string }[];
    const id = ind[1]!.id;
    expect((await t.req('POST', `/api/whitelist/enterprises/${id}/remove`, { cookie: industry, body: { reason: '疫情输入' } })).json().field).toBe('body.evidence');
    const rm = await t.req('POST', `/api/whitelist/enterprises/${id}/remove`, { cookie: industry, body: { reason: '疫情输入', evidence: '流调报告', decision: '指挥部决定' } });
    expect(rm.json().listingStatus).toBe('removed');
    expect((await t.req('POST', `/api/whitelist/enterprises/${id}/remove`, { cookie: industry, body: { reason: 'again', evidence: 'e', decision: 'd' } })).statusCode).toBe(409);
    expect((await t.req('POST', `/api/whitelist/enterprises/${id}/readmit`, { cookie: industry, body: { reason: '整改到位' } })).json().listingStatus).toBe('listed');
    const h = (await t.req('GET', `/api/whitelist/enterprises/${id}`, { cookie: industry })).json().history as { event: string }[];
    expect(h.map((x) => x.event)).toEqual(expect.arrayContaining(['listing.remove', 'listing.readmit']));
    expect((await t.req('POST', `/api/whitelist/enterprises/${id}/spot-checks`, { cookie: industry, body: { checkedOn: '2022-07-01', checker: '专班', findings: '落实到位', passed: true } })).statusCode).toBe(201);
  });

  it('publishes criteria as data and checks them', async () => {
    const bad = await t.req('PUT', '/api/whitelist/criteria', { cookie: industry, body: { regionCode: '410200', sector: 'industry', title: 'x', autoAdmit: true, rule: { all: [{ field: 'nope', op: 'eq', value: 1 }] } } });
    expect(bad.json().field).toBe('body.rule.all.0.field');
    expect((await t.req('PUT', '/api/whitelist/criteria', { cookie: industry, body: { regionCode: '410200', sector: 'commerce', title: 'x', autoAdmit: true, rule: { field: 'employees', op: 'gte', value: 1 } } })).json().field).toBe('body.sector');
    expect((await t.req('PUT', '/api/whitelist/criteria', { cookie: lkIndustry, body: { regionCode: '410204', sector: 'industry', title: 'x', autoAdmit: true, rule: { field: 'employees', op: 'gte', value: 1 } } })).statusCode).toBe(404);
    const ok = await t.req('PUT', '/api/whitelist/criteria', { cookie: industry, body: { regionCode: '410200', sector: 'industry', title: '标准', autoAdmit: true, rule: { all: [{ field: 'sector', op: 'eq', value: 'industry' }, { field: 'employees', op: 'gte', value: 1000 }] } } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().description).toBe('行业为工业生产，且用工人数不少于1000人');
    const list = await t.req('GET', '/api/whitelist/criteria?regionCode=410200', { cookie: entLk });
    expect(list.statusCode).toBe(200);
    expect(list.json().length).toBe(5);
  });

  it('publishes batches and computes coverage within scope', async () => {
    const batches = (await t.req('GET', '/api/whitelist/batches', { cookie: industry })).json() as { id: string; sector: string }[];
    expect(batches.length).toBeGreaterThan(0);
    expect(batches.every((b) => b.sector === 'industry')).toBe(true);
    expect((await t.req('GET', `/api/whitelist/batches/${batches[0]!.id}`, { cookie: transport })).statusCode).toBe(404);
    expect((await t.req('GET', `/api/whitelist/batches/${batches[0]!.id}/export`, { cookie: industry })).statusCode).toBe(200);
    const cov = await t.req('GET', '/api/whitelist/coverage?regionCode=410200&date=2022-06-30', { cookie: industry });
    expect(cov.statusCode).toBe(200);
    expect(cov.json().rows.some((r: { belowTarget: boolean }) => r.belowTarget)).toBe(true);
    expect((await t.req('GET', '/api/whitelist/coverage?regionCode=410204', { cookie: lkIndustry })).statusCode).toBe(404);
    expect((await t.req('GET', '/api/whitelist/coverage?date=2022-13-01', { cookie: industry })).json().field).toBe('query.date');
    const queue = await t.req('GET', '/api/whitelist/applications?status=pending_review', { cookie: industry });
    expect(queue.statusCode).toBe(200);
  });
});
