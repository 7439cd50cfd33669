import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { multipartFile, randomUuid, readXlsx, XLSX_TYPE } from '../../testing/helpers.js';

let t: TestApp;
let kf: string;
let lk: string;
let entLk: string;
let entLk2: string;
let entGl: string;
beforeAll(async () => {
  t = await createTestApp();
  kf = await t.login('kf_dispatcher');
  lk = await t.login('lk_dispatcher');
  entLk = await t.login('ent_lankao');
  entLk2 = await t.login('ent_lankao2');
  entGl = await t.login('ent_gulou');
});
afterAll(async () => {
  await t.close();
});

const base = {
  regionCode: '410200', title: '兰考县测试政策', issuingBody: '开封市发展和改革委员会', level: 'city', category: 'fiscal_subsidy', documentNumber: '汴发改〔2022〕1号',
  validFrom: '2022-06-01', validTo: '2022-12-31', summary: '测试', howToApply: '线上申请', consultantName: '王敏', consultantContact: '0371-23226655',
};
const lankaoRule = { all: [{ field: 'countyCode', op: 'eq', value: '410225' }, { field: 'employees', op: 'gte', value: 0 }] };

async function myPolicies(cookie: string) {
  return (await t.req('GET', '/api/enterprise/policies', { cookie })).json() as { id: string; policyId: string; benefitFen: number | null; status: string; actions: string[]; qualifies: boolean }[];
}

describe('policy library and matching', () => {
  it('answers 401 without a session', async () => {
    for (const url of ['/api/policies', '/api/policies/fields', '/api/policies/export', '/api/enterprise/policies', '/api/policy-matches', '/api/policy-matches/uptake', '/api/booth-claims', '/api/booth-claims/totals', '/api/booth-claims/quote?priceFen=1', '/api/enterprise/booth-claims']) {
      expect((await t.req('GET', url)).statusCode).toBe(401);
    }
  });

  it('lists the seeded policies to everyone, with search and export, and drafts only to their department', async () => {
    const list = await t.req('GET', '/api/policies?pageSize=50', { cookie: entGl });
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { status: string; ruleText: string; actions: string[] }[];
    expect(items.length).toBeGreaterThanOrEqual(10);
    expect(items.every((p) => p.status === 'published' && p.actions.length === 0)).toBe(true);
    const mine = (await t.req('GET', '/api/policies?pageSize=50', { cookie: kf })).json().items as { status: string }[];
    expect(mine.some((p) => p.status === 'draft')).toBe(true);
    const q = (await t.req('GET', `/api/policies?q=${encodeURIComponent('留抵')}`, { cookie: entGl })).json();
    expect(q.total).toBe(1);
    expect((await t.req('GET', '/api/policies?category=bogus', { cookie: entGl })).json().field).toBe('query.category');
    const x = await t.req('GET', '/api/policies/export', { cookie: entGl });
    expect(x.headers['content-type']).toBe(XLSX_TYPE);
    expect((await readXlsx(x.rawPayload)).length).toBe(items.length + 1);
  });

  it('publishes a policy with rules: pushed to the eligible enterprise, not to others; out of scope is 404', async () => {
    const bad = await t.req('POST', '/api/policies', { cookie: kf, body: { ...base, rule: { all: [{ field: 'nope', op: 'eq', value: 1 }] }, benefit: { kind: 'amount', amountFen: 100 } } });
    expect(bad.json().field).toBe('body.rule.all.0.field');
    const badBenefit = await t.req('POST', '/api/policies', { cookie: kf, body: { ...base, rule: lankaoRule, benefit: { kind: 'formula', expr: { op: 'mul', args: [{ field: 'sector' }, { const: 2 }] } } } });
    expect(badBenefit.json().field).toBe('body.benefit.expr.args.0.field');
    expect((await t.req('POST', '/api/policies', { cookie: lk, body: { ...base, rule: lankaoRule, benefit: { kind: 'amount', amountFen: 100 } } })).statusCode).toBe(404);
    const created = await t.req('POST', '/api/policies', { cookie: kf, body: { ...base, rule: lankaoRule, benefit: { kind: 'formula', expr: { op: 'mul', args: [{ field: 'employees' }, { const: 100 }] }, capFen: 100_000_000 } } });
    expect(created.statusCode).toBe(201);
    const p = created.json();
    expect(p.ruleText).toBe('所在县（市、区）代码为410225，且用工人数不少于0人');
    expect(p.actions).toEqual(['edit', 'publish', 'preview']);
    expect((await t.req('GET', `/api/policies/${p.id}`, { cookie: entLk })).statusCode).toBe(404);
    expect((await t.req('POST', `/api/policies/${p.id}/publish`, { cookie: lk })).statusCode).toBe(404);
    expect((await t.req('POST', `/api/policies/${p.id}/publish`, { cookie: entLk })).statusCode).toBe(403);
    const pub = await t.req('POST', `/api/policies/${p.id}/publish`, { cookie: kf });
    expect(pub.json().status).toBe('published');
    expect((await t.req('POST', `/api/policies/${p.id}/publish`, { cookie: kf })).statusCode).toBe(409);
    const lkMine = (await myPolicies(entLk)).find((m) => m.policyId === p.id);
    expect(lkMine?.status).toBe('eligible');
    expect(lkMine?.actions).toEqual(['apply']);
    const profile = (await t.req('GET', '/api/enterprise/profile', { cookie: entLk })).json();
    expect(lkMine?.benefitFen).toBe(Math.min(profile.employees * 100, 100_000_000));
    expect((await myPolicies(entGl)).some((m) => m.policyId === p.id)).toBe(false);
    const told = (await t.req('GET', '/api/notifications?pageSize=50', { cookie: entLk })).json().items as { kind: string; ref: { id: string } | null; link: string | null }[];
    expect(told.some((n) => n.kind === 'policy.matched' && n.ref?.id === p.id && n.link === '/my-policies')).toBe(true);
    const glTold = (await t.req('GET', '/api/notifications?pageSize=50', { cookie: entGl })).json().items as { ref: { id: string } | null }[];
    expect(glTold.some((n) => n.ref?.id === p.id)).toBe(false);
    // The durable match job of the publication finds nothing left to change.
    expect(await t.app.jobs.runDue(new Date(Date.now() + 60_000))).toBeGreaterThan(0);
    expect((await myPolicies(entLk)).filter((m) => m.policyId === p.id).length).toBe(1);
    expect((await t.req('GET', `/api/policies/${p.id}`, { cookie: entGl })).json().versions.length).toBe(1);
    expect((await t.req('POST', `/api/policies/${p.id}/withdraw`, { cookie: lk })).statusCode).toBe(404);
    expect((await t.req('POST', `/api/policies/${p.id}/withdraw`, { cookie: kf })).json().status).toBe('withdrawn');
    expect((await myPolicies(entLk)).some((m) => m.policyId === p.id)).toBe(false);
    await t.req('POST', `/api/policies/${p.id}/publish`, { cookie: kf });
    expect((await myPolicies(entLk)).find((m) => m.policyId === p.id)?.qualifies).toBe(true);
  });

  it('previews a rule on one enterprise, condition by condition, within scope', async () => {
    const found = (await t.req('GET', '/api/policies/enterprises?q=', { cookie: lk })).json() as { id: string; regionCode: string }[];
    expect(found.every((e) => e.regionCode === '410225')).toBe(true);
    const glEnt = (await t.req('GET', '/api/enterprise/profile', { cookie: entGl })).json().id as string;
    const body = { enterpriseId: found[0]!.id, rule: lankaoRule, benefit: { kind: 'amount', amountFen: 12_345 } };
    const ok = await t.req('POST', '/api/policies/preview', { cookie: lk, body });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().evaluation.conditions.length).toBe(2);
    expect(ok.json().benefitText).toBe('123.45元');
    expect((await t.req('POST', '/api/policies/preview', { cookie: lk, body: { ...body, enterpriseId: glEnt } })).statusCode).toBe(404);
    expect((await t.req('POST', '/api/policies/preview', { cookie: lk, body: { ...body, enterpriseId: 'x' } })).json().field).toBe('body.enterpriseId');
  });

  it('versions a published policy’s rule change, re-matches and keeps lapsed matches marked', async () => {
    const created = (await t.req('POST', '/api/policies', { cookie: kf, body: { ...base, title: '版本测试', rule: lankaoRule, benefit: { kind: 'amount', amountFen: 500 } } })).json();
    await t.req('POST', `/api/policies/${created.id}/publish`, { cookie: kf });
    const before = (await myPolicies(entLk2)).find((m) => m.policyId === created.id)!;
    await t.req('POST', `/api/enterprise/policies/${before.id}/apply`, { cookie: entLk2, body: { reference: 'REF-1' } });
    const again = await t.req('POST', `/api/enterprise/policies/${before.id}/apply`, { cookie: entLk2, body: { reference: 'REF-1' } });
    expect(again.statusCode).toBe(200);
    const lk2 = (await t.req('GET', '/api/enterprise/profile', { cookie: entLk2 })).json().id as string;
    const rule = { all: [...lankaoRule.all, { not: { field: 'countyCode', op: 'eq', value: '410225' } }] };
    const upd = await t.req('PUT', `/api/policies/${created.id}`, { cookie: kf, body: { ...base, title: '版本测试', rule, benefit: { kind: 'amount', amountFen: 500 } } });
    expect(upd.json().version).toBe(2);
    const d = (await t.req('GET', `/api/policies/${created.id}`, { cookie: kf })).json();
    expect(d.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const lapsed = (await t.req('GET', `/api/policy-matches?policyId=${created.id}&includeLapsed=true&status=applied`, { cookie: kf })).json().items as { enterpriseId: string; qualifies: boolean; status: string }[];
    const mine = lapsed.find((m) => m.enterpriseId === lk2)!;
    expect(mine.qualifies).toBe(false);
    expect(mine.status).toBe('applied');
    expect((await t.req('GET', `/api/policy-matches?policyId=${created.id}`, { cookie: kf })).json().total).toBe(0);
  });

  it('re-running the matcher changes nothing', async () => {
    const { PoliciesService } = await import('./service.js');
    const { regionLookup } = await import('../../seed/whitelist.js');
    const svc = new PoliciesService(t.database.db, await regionLookup(t.database.db));
    await svc.matchPublished(new Date());
    const second = await svc.matchPublished(new Date());
    expect(second).toMatchObject({ added: 0, changed: 0, lapsed: 0 });
    expect(second.policies).toBeGreaterThan(10);
  });

  it('a nightly run over unchanged data stops at the fingerprint; a change no hook saw, or a partial run, makes it work again', async () => {
    const { PoliciesService } = await import('./service.js');
    const { regionLookup } = await import('../../seed/whitelist.js');
    const svc = new PoliciesService(t.database.db, await regionLookup(t.database.db));
    const p = (await t.req('POST', '/api/policies', { cookie: kf, body: { ...base, title: '指纹', rule: { all: [{ field: 'countyCode', op: 'eq', value: '410225' }, { field: 'employees', op: 'gte', value: 88_888 }] }, benefit: { kind: 'none' } } })).json();
    await t.req('POST', `/api/policies/${p.id}/publish`, { cookie: kf });
    expect((await svc.matchPublished(new Date())).unchanged).toBeUndefined();
    expect(await svc.matchPublished(new Date())).toMatchObject({ added: 0, changed: 0, lapsed: 0, unchanged: true });
    // Edited behind the hooks' back (no re-match was requested): the fingerprint differs.
    const ent = (await t.req('GET', '/api/enterprise/profile', { cookie: entLk2 })).json() as { id: string; employees: number };
    await t.database.db.execute(sql`update enterprises set employees = 88888 where id = ${ent.id}`);
    const caught = await svc.matchPublished(new Date());
    expect(caught.added).toBeGreaterThan(0);
    expect(caught.unchanged).toBeUndefined();
    expect((await myPolicies(entLk2)).some((m) => m.policyId === p.id && m.qualifies)).toBe(true);
    expect((await svc.matchPublished(new Date())).unchanged).toBe(true);
    // A partial run forgets the fingerprint: the next whole run evaluates again (and finds nothing to do).
    await t.database.db.execute(sql`update enterprises set employees = ${ent.employees} where id = ${ent.id}`);
    await svc.matchEnterprise(ent.id);
    expect((await myPolicies(entLk2)).some((m) => m.policyId === p.id && m.qualifies)).toBe(false);
    expect(await svc.matchPublished(new Date())).toMatchObject({ added: 0, changed: 0, lapsed: 0 });
    expect((await svc.matchPublished(new Date())).unchanged).toBe(true);
    await t.req('POST', `/api/policies/${p.id}/withdraw`, { cookie: kf });
  });

  it('follows an enterprise’s profile change (the whitelist hook)', async () => {
    const created = (await t.req('POST', '/api/policies', { cookie: kf, body: { ...base, title: '用工门槛', rule: { all: [{ field: 'countyCode', op: 'eq', value: '410225' }, { field: 'employees', op: 'gte', value: 77_777 }] }, benefit: { kind: 'none' } } })).json();
    await t.req('POST', `/api/policies/${created.id}/publish`, { cookie: kf });
    expect((await myPolicies(entLk)).some((m) => m.policyId === created.id)).toBe(false);
    expect((await t.req('PUT', '/api/enterprise/profile', { cookie: entLk, body: { employees: 77_777 } })).statusCode).toBe(200);
    expect((await myPolicies(entLk)).some((m) => m.policyId === created.id)).toBe(true);
  });
});

describe('uptake (应享尽享)', () => {
  it('tracks apply, approval and disbursement within scope, with figures and the follow-up list', async () => {
    const m = (await myPolicies(entLk)).find((x) => x.status === 'eligible' && x.qualifies)!;
    expect((await t.req('POST', `/api/enterprise/policies/${m.id}/apply`, { cookie: entLk, body: {} })).json().field).toBe('body.reference');
    expect((await t.req('POST', `/api/enterprise/policies/${m.id}/apply`, { cookie: entGl, body: { reference: 'X' } })).statusCode).toBe(404);
    const applied = await t.req('POST', `/api/enterprise/policies/${m.id}/apply`, { cookie: entLk, body: { reference: 'SQ-001' } });
    expect(applied.json().status).toBe('applied');
    const glMatch = (await myPolicies(entGl))[0]!;
    expect((await t.req('POST', `/api/policy-matches/${glMatch.id}/decision`, { cookie: lk, body: { action: 'approve' } })).statusCode).toBe(404);
    expect((await t.req('POST', `/api/policy-matches/${m.id}/decision`, { cookie: lk, body: { action: 'reject' } })).json().field).toBe('body.note');
    expect((await t.req('POST', `/api/policy-matches/${m.id}/decision`, { cookie: lk, body: { action: 'disburse' } })).json().field).toBe('body.amountFen');
    expect((await t.req('POST', `/api/policy-matches/${m.id}/decision`, { cookie: entLk, body: { action: 'approve' } })).statusCode).toBe(403);
    expect((await t.req('POST', `/api/policy-matches/${m.id}/decision`, { cookie: lk, body: { action: 'approve' } })).json().status).toBe('approved');
    const paid = await t.req('POST', `/api/policy-matches/${m.id}/decision`, { cookie: lk, body: { action: 'disburse', amountFen: 123_456 } });
    expect(paid.json()).toMatchObject({ status: 'disbursed', disbursedFen: 123_456 });
    expect((await t.req('POST', `/api/policy-matches/${m.id}/decision`, { cookie: lk, body: { action: 'disburse', amountFen: 123_456 } })).statusCode).toBe(200);
    const list = (await t.req('GET', '/api/policy-matches?pageSize=200', { cookie: lk })).json().items as { regionCode: string }[];
    expect(list.every((x) => x.regionCode === '410225')).toBe(true);
    expect((await t.req('GET', '/api/policy-matches?regionCode=410204', { cookie: lk })).statusCode).toBe(404);
    const byRegion = (await t.req('GET', '/api/policy-matches/uptake?groupBy=region', { cookie: lk })).json() as { key: string; disbursed: number; label: string }[];
    expect(byRegion.map((r) => r.key)).toEqual(['410225']);
    expect(byRegion[0]!.label).toBe('兰考县');
    expect(byRegion[0]!.disbursed).toBeGreaterThan(0);
    expect((await t.req('GET', '/api/policy-matches/uptake?groupBy=bogus', { cookie: lk })).json().field).toBe('query.groupBy');
    expect((await t.req('GET', '/api/policy-matches/uptake?regionCode=410204', { cookie: lk })).statusCode).toBe(404);
    const x = await t.req('GET', '/api/policy-matches/export?notApplied=true', { cookie: lk });
    const sheet = await readXlsx(x.rawPayload);
    expect(sheet.length).toBeGreaterThan(1);
    expect(sheet.slice(1).every((row) => row[2] === '兰考县' && row[5] === 'eligible')).toBe(true);
    expect((await t.req('GET', '/api/policy-matches/export?regionCode=410204', { cookie: lk })).statusCode).toBe(404);
    expect((await t.req('GET', '/api/policy-matches', { cookie: entLk })).statusCode).toBe(403);
  });
});

describe('sampling-booth subsidy', () => {
  it('quotes ¥100,000 as ¥50,000 = ¥35,000 + ¥15,000 exactly', async () => {
    const q = await t.req('GET', '/api/booth-claims/quote?priceFen=10000000', { cookie: entLk });
    expect(q.json()).toMatchObject({ priceFen: 10_000_000, subsidyFen: 5_000_000, provinceFen: 3_500_000, localFen: 1_500_000 });
    expect((await t.req('GET', '/api/booth-claims/quote?priceFen=1.5', { cookie: entLk })).json().field).toBe('query.priceFen');
  });

  it('files a claim (once per invoice), refuses approval until its invoice is attached, approves it within scope and totals per payer', async () => {
    const small = await t.req('POST', '/api/enterprise/booth-claims', { cookie: entGl, body: { invoiceNumber: 'T1', invoiceDate: '2022-06-01', supplier: 's', priceFen: 100 } });
    const glEmployees = (await t.req('GET', '/api/enterprise/profile', { cookie: entGl })).json().employees as number;
    if (glEmployees < 1000) expect(small.json().code).toBe('policies.booth_not_eligible');
    await t.req('PUT', '/api/enterprise/profile', { cookie: entLk2, body: { employees: 1500 } });
    const body = { invoiceNumber: 'FP-T-0001', invoiceDate: '2022-06-20', supplier: '采样屋厂', priceFen: 3_333_333 };
    expect((await t.req('POST', '/api/enterprise/booth-claims', { cookie: entLk2, body: { ...body, invoiceDate: '2022-02-30' } })).json().field).toBe('body.invoiceDate');
    const c = await t.req('POST', '/api/enterprise/booth-claims', { cookie: entLk2, body });
    expect(c.statusCode).toBe(201);
    expect(c.json()).toMatchObject({ subsidyFen: 1_666_666, provinceFen: 1_166_666, localFen: 500_000, status: 'submitted' });
    expect((await t.req('POST', '/api/enterprise/booth-claims', { cookie: entLk2, body })).json().id).toBe(c.json().id);
    expect((await t.req('GET', '/api/enterprise/booth-claims', { cookie: entLk2 })).json().length).toBe(1);
    const gov = (await t.req('GET', '/api/booth-claims?status=submitted&pageSize=200', { cookie: lk })).json().items as { id: string; regionCode: string }[];
    expect(gov.every((x) => x.regionCode === '410225')).toBe(true);
    const others = (await t.req('GET', '/api/booth-claims?status=submitted&pageSize=200', { cookie: kf })).json().items as { id: string; regionCode: string }[];
    const outside = others.find((x) => x.regionCode !== '410225');
    if (outside) expect((await t.req('POST', `/api/booth-claims/${outside.id}/decision`, { cookie: lk, body: { action: 'approve' } })).statusCode).toBe(404);
    expect((await t.req('POST', `/api/booth-claims/${randomUuid()}/decision`, { cookie: lk, body: { action: 'approve' } })).statusCode).toBe(404);
    expect((await t.req('POST', `/api/booth-claims/${c.json().id}/decision`, { cookie: lk, body: { action: 'reject' } })).json().field).toBe('body.note');
    // Filed without its invoice: the department may not approve it yet, and is told why.
    const id = c.json().id as string;
    const listed = () => t.req('GET', '/api/booth-claims?status=submitted&pageSize=200', { cookie: lk }).then((r) => (r.json().items as { id: string; actions: string[]; blocked: { action: string; code: string }[] }[]).find((x) => x.id === id));
    expect(await listed()).toMatchObject({ actions: ['reject'], blocked: [{ action: 'approve', code: 'policies.booth_invoice_missing' }] });
    const early = await t.req('POST', `/api/booth-claims/${id}/decision`, { cookie: lk, body: { action: 'approve', note: '核验一致' } });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('policies.booth_invoice_missing');
    expect(early.json().message).toContain('FP-T-0001');
    expect((await t.req('GET', '/api/enterprise/booth-claims', { cookie: entLk2 })).json()[0]).toMatchObject({ status: 'submitted', actions: [], blocked: [] });
    const { payload, contentType } = multipartFile(Buffer.from('%PDF-1.4\n%%EOF\n'), '发票.pdf', 'application/pdf');
    expect((await t.req('POST', `/api/booth-claims/${id}/invoices`, { cookie: entLk2, body: payload, headers: { 'content-type': contentType } })).statusCode).toBe(201);
    expect(await listed()).toMatchObject({ actions: ['approve', 'reject'], blocked: [] });
    const ok = await t.req('POST', `/api/booth-claims/${id}/decision`, { cookie: lk, body: { action: 'approve', note: '核验一致' } });
    expect(ok.json()).toMatchObject({ status: 'approved', actions: [], blocked: [] });
    const totals = (await t.req('GET', '/api/booth-claims/totals', { cookie: lk })).json();
    expect(totals.rows.every((r: { regionCode: string }) => r.regionCode === '410225')).toBe(true);
    expect(totals.total.provinceFen + totals.total.localFen).toBe(totals.total.subsidyFen);
    expect((await t.req('GET', '/api/booth-claims/totals?regionCode=410204', { cookie: lk })).statusCode).toBe(404);
    expect((await t.req('GET', '/api/booth-claims/totals?regionCode=41', { cookie: lk })).json().field).toBe('query.regionCode');
    const x = await t.req('GET', '/api/booth-claims/totals/export', { cookie: lk });
    expect(x.headers['content-type']).toBe(XLSX_TYPE);
    expect((await t.req('GET', '/api/booth-claims/totals/export?regionCode=410204', { cookie: lk })).statusCode).toBe(404);
    expect((await t.req('GET', '/api/booth-claims', { cookie: entLk2 })).statusCode).toBe(403);
  });
});
