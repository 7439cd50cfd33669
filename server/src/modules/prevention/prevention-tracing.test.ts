import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { createActiveUser, readXlsx, rows } from '../../testing/helpers.js';
import { idCard, multipart } from './testdata.js';

let t: TestApp;
let prevention: string;
let entLk: string;
let entGl: string;
let glPrevention: string;
let glPreventionId: string;
let lkPrevention: string;
let lkDispatcher: string;
beforeAll(async () => {
  t = await createTestApp();
  [prevention, entLk, entGl, lkDispatcher] = await Promise.all(['kf_prevention', 'ent_lankao', 'ent_gulou', 'lk_dispatcher'].map((u) => t.login(u)));
  // Prevention staff of another county (鼓楼区): 兰考's people and venues are out of its scope.
  const sysadmin = await t.login('sysadmin');
  const gl = await createActiveUser(t, sysadmin, { username: 'gl_prev_t', role: 'prevention_staff', regionCode: '410204' });
  glPrevention = await t.login('gl_prev_t', gl.password);
  glPreventionId = gl.id;
  // …and of 兰考县, for purchases a city files for its counties' pharmacies.
  const lk = await createActiveUser(t, sysadmin, { username: 'lk_prev_t', role: 'prevention_staff', regionCode: '410225' });
  lkPrevention = await t.login('lk_prev_t', lk.password);
});
afterAll(async () => {
  await t.close();
});

const at = (min: number) => new Date(Date.parse('2026-01-10T02:00:00Z') + min * 60_000).toISOString();
function upload(cookie: string, kind: string, body: string, name = 'data.csv') {
  const { payload, contentType } = multipart(body, name, name.endsWith('.csv') ? 'text/csv' : 'application/x-ndjson');
  return t.app.inject({ method: 'POST', url: `/api/prevention/ingest/${kind}`, payload, headers: { cookie, 'content-type': contentType } });
}
const scansCsv = (r: [string, string, string][]) => ['id_card,venue_code,scanned_at', ...r.map((x) => x.join(','))].join('\n') + '\n';
async function venue(cookie: string, body: Record<string, unknown>) {
  const res = await t.req('POST', '/api/prevention/venues', { cookie, body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; code: string };
}
async function employee(body: Record<string, unknown>) {
  const res = await t.req('POST', '/api/prevention/employees', { cookie: entLk, body: { post: '操作工', postKind: 'regular', ...body } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

describe('venue codes', () => {
  it('answers 401 without a session', async () => {
    expect((await t.req('GET', '/api/prevention/venues')).statusCode).toBe(401);
    expect((await t.req('POST', '/api/prevention/venues', { body: {} })).statusCode).toBe(401);
    expect((await t.req('POST', '/api/prevention/tracing', { body: {} })).statusCode).toBe(401);
    expect((await t.req('GET', '/api/prevention/drug-purchases')).statusCode).toBe(401);
  });

  it('builds a tree of venues with codes and prints them as a PDF sheet', async () => {
    const unit = (await t.req('POST', '/api/prevention/units', { cookie: entLk, body: { name: '码测单元', kind: 'workshop' } })).json();
    const b = await venue(entLk, { name: '1号楼', kind: 'building' });
    const f = await venue(entLk, { name: '二层', kind: 'floor', parentId: b.id, unitId: unit.id });
    expect(f.code).toMatch(/^CS[0-9A-Z]{10}$/);
    expect((await t.req('POST', '/api/prevention/venues', { cookie: entLk, body: { name: '二层', kind: 'floor', parentId: b.id } })).statusCode).toBe(409);
    const bad = await t.req('POST', '/api/prevention/venues', { cookie: entLk, body: { name: '门', kind: 'gate' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('body.kind');
    expect((await t.req('PATCH', `/api/prevention/venues/${b.id}`, { cookie: entLk, body: { parentId: f.id } })).json().field).toBe('body.parentId');
    const list = (await t.req('GET', '/api/prevention/venues?q=二层', { cookie: entLk })).json();
    expect(list.items.find((x: { id: string }) => x.id === f.id)).toMatchObject({ parentId: b.id, unitName: '码测单元', kind: 'floor' });
    expect(list.mayEdit).toBe(true);
    const pdf = await t.req('POST', '/api/prevention/venues/print', { cookie: entLk, body: { ids: [b.id, f.id] } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await t.req('GET', '/api/prevention/venues/export', { cookie: entLk });
    expect(JSON.stringify(await readXlsx(xlsx.rawPayload))).toContain(f.code);
  });

  it('keeps one enterprise from another’s venues (404 like missing)', async () => {
    const v = await venue(entLk, { name: '测试东门', kind: 'door' });
    expect((await t.req('PATCH', `/api/prevention/venues/${v.id}`, { cookie: entGl, body: { name: '西门' } })).statusCode).toBe(404);
    expect((await t.req('POST', '/api/prevention/venues/print', { cookie: entGl, body: { ids: [v.id] } })).statusCode).toBe(404);
    expect((await t.req('GET', '/api/prevention/venues', { cookie: entGl })).json().items.some((x: { id: string }) => x.id === v.id)).toBe(false);
    expect((await t.req('GET', '/api/prevention/venues/export', { cookie: glPrevention })).statusCode).toBe(200);
    expect((await t.req('GET', '/api/prevention/venues', { cookie: glPrevention })).json().items.some((x: { id: string }) => x.id === v.id)).toBe(false);
  });
});

describe('venue scans and contact tracing', () => {
  let positive: { id: string; card: string; unitId: string };
  let near: string;
  let far: string;
  let second: string;
  let teammate: string;
  let doorCode: string;
  it('ingests scans like test results: idempotent, rejects reported, no plain ID numbers stored', async () => {
    const unit = (await t.req('POST', '/api/prevention/units', { cookie: entLk, body: { name: '流调单元', kind: 'workshop' } })).json();
    const door = await venue(entLk, { name: '流调门岗', kind: 'door', unitId: unit.id });
    const canteen = await venue(entLk, { name: '流调食堂', kind: 'area' });
    doorCode = door.code;
    const card = idCard();
    positive = { id: (await employee({ name: '流调阳性', idCard: card, unitId: unit.id })).id, card, unitId: unit.id };
    [near, far, second, teammate] = [idCard(), idCard(), idCard(), idCard()];
    await employee({ name: '同单元同事', idCard: teammate, unitId: unit.id });
    const csv = scansCsv([
      [card, door.code, at(0)], [card, canteen.code, at(240)],
      [near, door.code, at(5)], [near, canteen.code, at(250)],
      [far, door.code, at(25)], [far, door.code, at(90)],
      [teammate, door.code, at(28)],
      [second, canteen.code, at(400)], [near, canteen.code, at(410)],
      ['410225199001011230', door.code, at(1)], [card, '', at(2)], [card, door.code, 'noon'],
      [card, door.code, at(0)],
    ]);
    const run = (await upload(prevention, 'venue-scans', csv)).json();
    expect(run).toMatchObject({ kind: 'venue_scans', status: 'completed', rows: 13, rejected: 3, merged: 9, duplicates: 1 });
    expect((await upload(prevention, 'venue-scans', csv)).json()).toMatchObject({ id: run.id, replayed: true });
    const rej = await t.req('GET', `/api/prevention/ingest/runs/${run.id}/rejects`, { cookie: prevention });
    expect(rej.body).toContain('invalid id_card');
    const runs = (await t.req('GET', '/api/prevention/ingest/runs?kind=venue_scans', { cookie: prevention })).json();
    expect(runs.items.every((x: { kind: string }) => x.kind === 'venue_scans')).toBe(true);
    const dump = JSON.stringify(await rows(t, sql`select * from prevention_venue_scans natural full join prevention_traced_persons`));
    expect(dump).not.toContain(card);
    expect(dump).toContain(`${card.slice(0, 6)}********${card.slice(-4)}`);
  });

  it('ranks the close-contact candidates, finds second-order contacts and the units touched, audited', async () => {
    const res = await t.req('POST', '/api/prevention/tracing', { cookie: prevention, body: { employeeId: positive.id, from: at(-60), to: at(600), secondOrder: true } });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.windowMinutes).toBe(30);
    expect(r.scans).toHaveLength(2);
    const masked = (c: string) => `${c.slice(0, 6)}********${c.slice(-4)}`;
    // near: two overlaps; teammate: one, 28 min, same unit; far: one at 25 min (the 90-min scan is outside ±30).
    expect(r.contacts.map((c: { idCardMasked: string }) => c.idCardMasked)).toEqual([masked(near), masked(far), masked(teammate)]);
    expect(r.contacts[0]).toMatchObject({ overlaps: 2, minGapMinutes: 5, idCard: null });
    expect(r.contacts[2]).toMatchObject({ sameUnit: true, name: '同单元同事' });
    expect(r.secondOrder.map((c: { idCardMasked: string }) => c.idCardMasked)).toEqual([masked(second)]);
    expect(r.units).toHaveLength(1);
    expect(r.units[0].members.map((m: { name: string }) => m.name).sort()).toEqual(['同单元同事', '流调阳性']);
    const audit = await rows<{ action: string; actor_name: string }>(t, sql`select action, actor_name from audit_events where action = 'prevention.trace' and target_id = ${positive.id}`);
    expect(audit).toHaveLength(1);
    // By ID number, with the clear numbers (prevention.pii): audited as a PII read too.
    const clear = (await t.req('POST', '/api/prevention/tracing', { cookie: prevention, body: { idCard: positive.card, from: at(-60), to: at(600), reveal: true } })).json();
    expect(clear.contacts[0].idCard).toBe(near);
    expect(clear.secondOrder).toBeNull();
    expect((await rows(t, sql`select 1 from audit_events where action = 'prevention.pii.read' and target_id = ${positive.id}`)).length).toBe(1);
  });

  it('refuses bad input and keeps a county to its own people and venues', async () => {
    const bad = await t.req('POST', '/api/prevention/tracing', { cookie: prevention, body: { idCard: '123', from: at(0), to: at(60) } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('body.idCard');
    expect((await t.req('POST', '/api/prevention/tracing', { cookie: prevention, body: { idCard: positive.card, from: at(60), to: at(0) } })).json().field).toBe('body.to');
    expect((await t.req('POST', '/api/prevention/tracing', { cookie: prevention, body: { employeeId: positive.id, idCard: positive.card, from: at(0), to: at(60) } })).statusCode).toBe(400);
    expect((await t.req('POST', '/api/prevention/tracing', { cookie: glPrevention, body: { employeeId: positive.id, from: at(-60), to: at(600) } })).statusCode).toBe(404);
    // By ID number the 鼓楼 staff sees no scan at 兰考's venues, so no contacts.
    const other = (await t.req('POST', '/api/prevention/tracing', { cookie: glPrevention, body: { idCard: positive.card, from: at(-60), to: at(600) } })).json();
    expect(other.scans).toEqual([]);
    expect(other.contacts).toEqual([]);
    expect((await t.req('POST', '/api/prevention/tracing', { cookie: lkDispatcher, body: { idCard: positive.card, from: at(0), to: at(60) } })).statusCode).toBe(403);
    expect(doorCode).toMatch(/^CS/);
  });

  it('exports the contacts as Excel, masked as listed and audited like a trace', async () => {
    const before = (await rows(t, sql`select 1 from audit_events where action = 'prevention.trace' and target_id = ${positive.id}`)).length;
    const res = await t.req('POST', '/api/prevention/tracing/export', { cookie: prevention, body: { employeeId: positive.id, from: at(-60), to: at(600), secondOrder: true } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const sheet = await readXlsx(res.rawPayload);
    const masked = (c: string) => `${c.slice(0, 6)}********${c.slice(-4)}`;
    const cells = JSON.stringify(sheet);
    expect(sheet).toHaveLength(1 + 3 + 1);
    expect(cells).toContain(masked(near));
    expect(cells).toContain(masked(second));
    expect(cells).not.toContain(near);
    expect((await rows(t, sql`select 1 from audit_events where action = 'prevention.trace' and target_id = ${positive.id}`)).length).toBe(before + 1);
    const bad = await t.req('POST', '/api/prevention/tracing/export', { cookie: prevention, body: { idCard: '123', from: at(0), to: at(60) } });
    expect(bad.json().field).toBe('body.idCard');
    expect((await t.req('POST', '/api/prevention/tracing/export', { cookie: glPrevention, body: { employeeId: positive.id, from: at(-60), to: at(600) } })).statusCode).toBe(404);
    expect((await t.req('POST', '/api/prevention/tracing/export', { cookie: lkDispatcher, body: { idCard: positive.card, from: at(0), to: at(60) } })).statusCode).toBe(403);
    expect((await t.req('POST', '/api/prevention/tracing/export', { body: {} })).statusCode).toBe(401);
  });

  it('isolates the positive person’s unit while the others keep producing, with audit', async () => {
    const entId = (await t.req('GET', `/api/prevention/employees?pageSize=1`, { cookie: entLk })).json().items[0].enterpriseId as string;
    const before = (await t.req('GET', `/api/prevention/loop-picture/${entId}`, { cookie: entLk })).json();
    expect(before.mayIsolate).toBe(false);
    expect(before.units.every((u: { status: string }) => u.status === 'producing')).toBe(true);
    expect((await t.req('PUT', `/api/prevention/units/${positive.unitId}/isolation`, { cookie: entLk, body: { from: at(0), until: null, reason: 'x' } })).statusCode).toBe(403);
    expect((await t.req('PUT', `/api/prevention/units/${positive.unitId}/isolation`, { cookie: glPrevention, body: { from: at(0), until: null, reason: 'x' } })).statusCode).toBe(404);
    expect((await t.req('PUT', `/api/prevention/units/${positive.unitId}/isolation`, { cookie: prevention, body: { from: at(0), until: at(-10), reason: 'x' } })).json().field).toBe('body.until');
    const set = await t.req('PUT', `/api/prevention/units/${positive.unitId}/isolation`, { cookie: prevention, body: { from: new Date(Date.now() - 60_000).toISOString(), until: null, reason: '阳性病例所在单元' } });
    expect(set.statusCode, set.body).toBe(200);
    const after = (await t.req('GET', `/api/prevention/loop-picture/${entId}`, { cookie: prevention })).json();
    expect(after.mayIsolate).toBe(true);
    const mine = after.units.find((u: { id: string }) => u.id === positive.unitId);
    expect(mine).toMatchObject({ status: 'isolated', members: 2, venues: 1 });
    expect(after.units.filter((u: { status: string }) => u.status === 'producing').length).toBe(after.units.length - 1);
    expect((await t.req('GET', `/api/prevention/loop-picture/${entId}`, { cookie: entGl })).statusCode).toBe(404);
    expect((await t.req('POST', `/api/prevention/units/${positive.unitId}/isolation/lift`, { cookie: prevention, body: { reason: '解除' } })).statusCode).toBe(204);
    expect((await t.req('POST', `/api/prevention/units/${positive.unitId}/isolation/lift`, { cookie: prevention, body: { reason: '解除' } })).statusCode).toBe(409);
    expect((await t.req('POST', `/api/prevention/units/${positive.unitId}/isolation/lift`, { cookie: glPrevention, body: { reason: '解除' } })).statusCode).toBe(404);
    const audit = await rows<{ action: string }>(t, sql`select action from audit_events where target_id = ${positive.unitId} order by id`);
    expect(audit.map((a) => a.action)).toEqual(['prevention.unit.create', 'prevention.unit.isolate', 'prevention.unit.lift']);
  });
});

describe('drug purchases', () => {
  it('ingests purchases of the four classes and raises one sentinel alert per purchase', async () => {
    const onRoster = idCard();
    await employee({ name: '购药员工', idCard: onRoster });
    const walkIn = idCard();
    const jsonl = [
      { purchase_id: 'DP-1', id_card: onRoster, phone: '13912340000', pharmacy: '兰考大药房', drug_class: '退热', purchased_at: at(0) },
      { purchase_id: 'DP-2', id_card: walkIn, phone: '13912340001', pharmacy: '兰考大药房', drug_class: 'antiviral', purchased_at: at(5) },
      { purchase_id: 'DP-3', id_card: walkIn, pharmacy: '兰考大药房', drug_class: '维生素', purchased_at: at(6) },
      { purchase_id: 'DP-1', id_card: onRoster, pharmacy: '兰考大药房', drug_class: 'fever', purchased_at: at(0) },
    ].map((x) => JSON.stringify(x)).join('\n');
    const run = (await upload(prevention, 'drug-purchases', jsonl, 'p.jsonl')).json();
    expect(run).toMatchObject({ kind: 'drug_purchases', rows: 4, merged: 2, duplicates: 1, rejected: 1 });
    const ours = (a: { kind: string; detail: { purchaseId?: string } }) => a.kind === 'drug_purchase' && /^DP-\d/.test(a.detail.purchaseId ?? '');
    const alerts = (await t.req('GET', '/api/prevention/alerts?pageSize=200', { cookie: prevention })).json().items.filter(ours);
    expect(alerts.map((a: { detail: { purchaseId: string } }) => a.detail.purchaseId).sort()).toEqual(['DP-1', 'DP-2']);
    expect(alerts.find((a: { detail: { purchaseId: string } }) => a.detail.purchaseId === 'DP-2').enterpriseId).toBeNull();
    // The enterprise sees its employee's purchase alert, not the walk-in's.
    const entAlerts = (await t.req('GET', '/api/prevention/alerts?pageSize=200', { cookie: entLk })).json().items.filter(ours);
    expect(entAlerts.map((a: { detail: { purchaseId: string } }) => a.detail.purchaseId)).toEqual(['DP-1']);
    // A second sweep raises nothing twice.
    await upload(prevention, 'drug-purchases', jsonl + '\n', 'p2.jsonl');
    expect((await rows(t, sql`select 1 from prevention_alerts where kind = 'drug_purchase' and dedupe_key like 'drug_purchase:DP-%'`)).length).toBe(2);
    const list = (await t.req('GET', `/api/prevention/drug-purchases?drugClass=antiviral&q=${encodeURIComponent('兰考大药房')}`, { cookie: prevention })).json();
    expect(list.items.map((x: { purchaseId: string }) => x.purchaseId)).toEqual(['DP-2']);
    expect(list.items[0]).toMatchObject({ phoneMasked: '139****0001', alerted: true, enterpriseId: null });
    expect((await t.req('GET', '/api/prevention/drug-purchases?drugClass=aspirin', { cookie: prevention })).json().field).toBe('query.drugClass');
    expect((await t.req('GET', '/api/prevention/drug-purchases', { cookie: entGl })).json().items).toEqual([]);
    expect((await t.req('GET', '/api/prevention/drug-purchases', { cookie: glPrevention })).json().items).toEqual([]);
    const xlsx = await t.req('GET', '/api/prevention/drug-purchases/export', { cookie: prevention });
    expect(JSON.stringify(await readXlsx(xlsx.rawPayload))).toContain('兰考大药房');
    const dump = JSON.stringify(await rows(t, sql`select * from prevention_drug_purchases natural full join prevention_traced_persons`));
    expect(dump).not.toContain(walkIn);
    expect(dump).not.toContain('13912340001');
  });

  it('takes scans and purchases over the machine API with a key', async () => {
    const key = (await t.req('POST', '/api/prevention/api-keys', { cookie: prevention, body: { name: '药监平台' } })).json().key as string;
    const body = 'purchase_id,id_card,pharmacy,drug_class,purchased_at\nDP-M1,' + idCard() + ',开封药店,止咳,' + at(3) + '\n';
    const res = await t.app.inject({ method: 'POST', url: '/api/prevention/machine/drug-purchases', payload: body, headers: { 'content-type': 'text/csv', authorization: `Bearer ${key}` } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'drug_purchases', source: 'api', merged: 1 });
    const scans = await t.app.inject({ method: 'POST', url: '/api/prevention/machine/venue-scans', payload: scansCsv([[idCard(), 'CSNOTREGISTER', at(1)]]), headers: { 'content-type': 'text/csv', authorization: `Bearer ${key}` } });
    expect(scans.json()).toMatchObject({ kind: 'venue_scans', merged: 1 });
    expect((await t.app.inject({ method: 'POST', url: '/api/prevention/machine/venue-scans', payload: 'x', headers: { 'content-type': 'text/csv', authorization: 'Bearer sbk_nothing' } })).statusCode).toBe(401);
  });

  it('puts each purchase of a city’s file in its pharmacy’s county; a region outside the uploader’s area is a rejected row', async () => {
    type Purchase = { purchaseId: string; regionCode: string };
    const ids = (items: Purchase[]) => items.map((x) => x.purchaseId).filter((id) => id.startsWith('DPR-')).sort();
    const csv = [
      'purchase_id,id_card,pharmacy,drug_class,purchased_at,region_code',
      `DPR-1,${idCard()},兰考县城关药店,退热,${at(10)},410225`,
      `DPR-2,${idCard()},鼓楼区大药房,抗病毒,${at(11)},410204`,
      `DPR-3,${idCard()},开封市中心药店,止咳,${at(12)},`,
      `DPR-4,${idCard()},金水区药店,退热,${at(13)},410105`,
      `DPR-5,${idCard()},无此地区药店,退热,${at(14)},419999`,
      `DPR-6,${idCard()},写错代码药店,退热,${at(15)},4102`,
    ].join('\n') + '\n';
    const run = (await upload(prevention, 'drug-purchases', csv, 'by-county.csv')).json();
    expect(run).toMatchObject({ kind: 'drug_purchases', status: 'completed', regionCode: '410200', rows: 6, merged: 3, rejected: 3 });
    const stored = await rows<{ purchase_id: string; region_code: string }>(t, sql`select purchase_id, region_code from prevention_drug_purchases where purchase_id like 'DPR-%' order by purchase_id`);
    expect(stored).toEqual([
      { purchase_id: 'DPR-1', region_code: '410225' },
      { purchase_id: 'DPR-2', region_code: '410204' },
      { purchase_id: 'DPR-3', region_code: '410200' },
    ]);
    // Each county official sees its own pharmacies’ purchases only; the city sees all three.
    expect(ids((await t.req('GET', '/api/prevention/drug-purchases?pageSize=200', { cookie: lkPrevention })).json().items)).toEqual(['DPR-1']);
    expect(ids((await t.req('GET', '/api/prevention/drug-purchases?pageSize=200', { cookie: glPrevention })).json().items)).toEqual(['DPR-2']);
    expect(ids((await t.req('GET', '/api/prevention/drug-purchases?pageSize=200', { cookie: prevention })).json().items)).toEqual(['DPR-1', 'DPR-2', 'DPR-3']);
    // The sentinel alerts carry the pharmacy's county, so the county's staff see them and are notified.
    const ours = (a: { kind: string; detail: { purchaseId?: string } }) => a.kind === 'drug_purchase' && (a.detail.purchaseId ?? '').startsWith('DPR-');
    const alertsOf = async (cookie: string) => ((await t.req('GET', '/api/prevention/alerts?pageSize=200', { cookie })).json().items as { kind: string; regionCode: string; detail: { purchaseId: string } }[]).filter(ours);
    expect((await alertsOf(glPrevention)).map((a) => [a.detail.purchaseId, a.regionCode])).toEqual([['DPR-2', '410204']]);
    expect((await alertsOf(lkPrevention)).map((a) => [a.detail.purchaseId, a.regionCode])).toEqual([['DPR-1', '410225']]);
    const notified = await rows<{ purchase: string }>(t, sql`select a.detail->>'purchaseId' as purchase from notifications n join prevention_alerts a on n.dedupe_key = 'prevention_alert:' || a.id where n.user_id = ${glPreventionId} and a.dedupe_key like 'drug_purchase:DPR-%'`);
    expect(notified.map((x) => x.purchase)).toEqual(['DPR-2']);
    // The rejects say why, line by line.
    const rejects = await t.req('GET', `/api/prevention/ingest/runs/${run.id}/rejects`, { cookie: prevention });
    expect(rejects.statusCode).toBe(200);
    const lines = rejects.body.trim().split(/\r?\n/).slice(1);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^5,.*药店所在地区不在上传单位辖区内 region_code outside the uploader's area/);
    expect(lines[1]).toMatch(/^6,.*药店所在地区代码不存在 unknown region_code/);
    expect(lines[2]).toMatch(/^7,.*region_code must be 6 digits/);
    // A county may file only for its own area: 鼓楼 filing a 兰考 pharmacy is refused, its own is kept.
    const county = ['purchase_id,id_card,pharmacy,drug_class,purchased_at,药店所在地区代码', `DPR-7,${idCard()},兰考药店,退热,${at(16)},410225`, `DPR-8,${idCard()},鼓楼药店,退热,${at(17)},410204`].join('\n') + '\n';
    expect((await upload(glPrevention, 'drug-purchases', county, 'gl.csv')).json()).toMatchObject({ regionCode: '410204', merged: 1, rejected: 1 });
    expect(await rows(t, sql`select purchase_id, region_code from prevention_drug_purchases where purchase_id in ('DPR-7', 'DPR-8')`)).toEqual([{ purchase_id: 'DPR-8', region_code: '410204' }]);
  });

  it('takes the pharmacy’s region over the machine API too (JSON Lines and the Chinese header)', async () => {
    const key = (await t.req('POST', '/api/prevention/api-keys', { cookie: prevention, body: { name: '市药监平台' } })).json().key as string;
    const push = (payload: string, contentType: string) => t.app.inject({ method: 'POST', url: '/api/prevention/machine/drug-purchases', payload, headers: { 'content-type': contentType, authorization: `Bearer ${key}` } });
    const jsonl = [
      { purchase_id: 'DPR-M1', id_card: idCard(), pharmacy: '兰考药店', drug_class: 'cough', purchased_at: at(20), region_code: 410225 },
      { purchase_id: 'DPR-M2', id_card: idCard(), pharmacy: '开封药店', drug_class: 'cough', purchased_at: at(21) },
      { purchase_id: 'DPR-M3', id_card: idCard(), pharmacy: '郑州药店', drug_class: 'cough', purchased_at: at(22), region_code: '410105' },
    ].map((x) => JSON.stringify(x)).join('\n') + '\n';
    expect((await push(jsonl, 'application/x-ndjson')).json()).toMatchObject({ source: 'api', regionCode: '410200', merged: 2, rejected: 1 });
    const csv = ['购药单号,身份证号,药店,药品类别,购药时间,区划代码', `DPR-M4,${idCard()},鼓楼药店,抗菌素,${at(23)},410204`].join('\n') + '\n';
    expect((await push(csv, 'text/csv')).json()).toMatchObject({ merged: 1, rejected: 0 });
    expect(await rows(t, sql`select purchase_id, region_code from prevention_drug_purchases where purchase_id like 'DPR-M%' order by purchase_id`)).toEqual([
      { purchase_id: 'DPR-M1', region_code: '410225' },
      { purchase_id: 'DPR-M2', region_code: '410200' },
      { purchase_id: 'DPR-M4', region_code: '410204' },
    ]);
  });
});
