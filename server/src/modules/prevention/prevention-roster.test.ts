import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { rows } from '../../testing/helpers.js';
import { badIdCard, idCard, multipart, rosterXlsx } from './testdata.js';

let t: TestApp;
let entLk: string;
let entLk2: string;
let lkDispatcher: string;
let glDispatcher: string;
let prevention: string;
let entLkId: string;
let entGlId: string;
beforeAll(async () => {
  t = await createTestApp();
  [entLk, entLk2, lkDispatcher, glDispatcher, prevention] = await Promise.all(['ent_lankao', 'ent_lankao2', 'lk_dispatcher', 'gl_dispatcher', 'kf_prevention'].map((u) => t.login(u)));
  entLkId = (await t.req('GET', '/api/prevention/employees?pageSize=1', { cookie: entLk })).json().items[0].enterpriseId;
  entGlId = (await t.req('GET', '/api/prevention/employees?pageSize=1', { cookie: await t.login('ent_gulou') })).json().items[0].enterpriseId;
});
afterAll(async () => {
  await t.close();
});

describe('prevention roster', () => {
  it('answers 401 without a session', async () => {
    for (const url of ['/api/prevention/employees', '/api/prevention/units', '/api/prevention/employees/export', '/api/prevention/employees/template']) {
      expect((await t.req('GET', url)).statusCode).toBe(401);
    }
    expect((await t.req('POST', '/api/prevention/employees', { body: {} })).statusCode).toBe(401);
  });

  it('lets an enterprise register its own people, checking the ID number', async () => {
    const unit = await t.req('POST', '/api/prevention/units', { cookie: entLk, body: { name: '测试单元', kind: 'workshop' } });
    expect(unit.statusCode).toBe(201);
    expect((await t.req('POST', '/api/prevention/units', { cookie: entLk, body: { name: '测试单元' } })).statusCode).toBe(409);
    const id = idCard();
    const body = { name: '李雷', idCard: id, phone: '13912345678', post: '物流司机', postKind: 'mobile_contact', unitId: unit.json().id };
    const bad = await t.req('POST', '/api/prevention/employees', { cookie: entLk, body: { ...body, idCard: badIdCard() } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('body.idCard');
    expect((await t.req('POST', '/api/prevention/employees', { cookie: entLk, body: { ...body, postKind: 'pilot' } })).json().field).toBe('body.postKind');
    const ok = await t.req('POST', '/api/prevention/employees', { cookie: entLk, body });
    expect(ok.statusCode).toBe(201);
    const e = ok.json();
    expect(e.idCardMasked).toBe(`${id.slice(0, 6)}********${id.slice(-4)}`);
    expect(e.phoneMasked).toBe('139****5678');
    expect(e.compliance).toBe('overdue');
    expect(e.intervalHours).toBe(24);
    expect(e.actions).toEqual(['edit']);
    expect((await t.req('POST', '/api/prevention/employees', { cookie: entLk, body: { ...body, idCard: id.toLowerCase() } })).statusCode).toBe(409);
    const patched = await t.req('PATCH', `/api/prevention/employees/${e.id}`, { cookie: entLk, body: { postKind: 'regular', status: 'on_leave' } });
    expect(patched.json()).toMatchObject({ postKind: 'regular', status: 'on_leave', intervalHours: 48 });
  });

  it('keeps ID numbers and phones out of the table in clear', async () => {
    const id = idCard();
    await t.req('POST', '/api/prevention/employees', { cookie: entLk, body: { name: '韩梅梅', idCard: id, phone: '13700001111', post: '质检', postKind: 'regular' } });
    const raw = await rows<Record<string, unknown>>(t, sql`select * from prevention_employees`);
    const dump = JSON.stringify(raw);
    expect(dump).not.toContain(id);
    expect(dump).not.toContain('13700001111');
    expect(raw.every((r) => typeof r.id_card_enc === 'string' && String(r.id_card_enc).startsWith('sm4:'))).toBe(true);
    const results = JSON.stringify(await rows(t, sql`select * from prevention_test_results limit 200`));
    expect(results).not.toMatch(/\d{17}[\dX]/);
  });

  it('shows the full number only with prevention.pii, and audits each read', async () => {
    const list = (await t.req('GET', '/api/prevention/employees?pageSize=1', { cookie: prevention })).json();
    const e = list.items[0];
    expect(e.actions).toContain('reveal');
    expect((await t.req('POST', `/api/prevention/employees/${e.id}/reveal`, { cookie: entLk, body: { purpose: '核对' } })).statusCode).toBe(403);
    expect((await t.req('POST', `/api/prevention/employees/${e.id}/reveal`, { cookie: prevention, body: {} })).json().field).toBe('body.purpose');
    const before = await rows<{ n: number }>(t, sql`select count(*)::int as n from audit_events where action = 'prevention.pii.read' and target_id = ${e.id}`);
    const res = await t.req('POST', `/api/prevention/employees/${e.id}/reveal`, { cookie: prevention, body: { purpose: '流调核对身份' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().idCard).toMatch(/^\d{17}[\dX]$/);
    expect(res.json().idCard.slice(-4)).toBe(e.idCardMasked.slice(-4));
    const after = await rows<{ n: number }>(t, sql`select count(*)::int as n from audit_events where action = 'prevention.pii.read' and target_id = ${e.id}`);
    expect(after[0]!.n).toBe(before[0]!.n + 1);
  });

  it('keeps one enterprise from another’s people (404)', async () => {
    const mine = (await t.req('GET', '/api/prevention/employees?pageSize=200', { cookie: entLk })).json().items as { id: string; enterpriseId: string }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((x) => x.enterpriseId === entLkId)).toBe(true);
    const other = (await t.req('GET', '/api/prevention/employees?pageSize=200', { cookie: entLk2 })).json().items as { id: string; enterpriseId: string }[];
    expect(other.every((x) => x.enterpriseId !== entLkId)).toBe(true);
    expect((await t.req('PATCH', `/api/prevention/employees/${mine[0]!.id}`, { cookie: entLk2, body: { status: 'left' } })).statusCode).toBe(404);
    expect((await t.req('GET', `/api/prevention/employees?enterpriseId=${entLkId}`, { cookie: entLk2 })).statusCode).toBe(404);
    expect((await t.req('GET', `/api/prevention/units?enterpriseId=${entLkId}`, { cookie: entLk2 })).statusCode).toBe(404);
    expect((await t.req('POST', '/api/prevention/employees', { cookie: entLk2, body: { enterpriseId: entLkId, name: '某', idCard: idCard(), post: '工', postKind: 'regular' } })).statusCode).toBe(404);
  });

  it('keeps one county from another’s people (404)', async () => {
    const lk = (await t.req('GET', '/api/prevention/employees?pageSize=200', { cookie: lkDispatcher })).json().items as { regionCode: string; actions: string[] }[];
    expect(lk.length).toBeGreaterThan(0);
    expect(lk.every((x) => x.regionCode === '410225' && x.actions.length === 0)).toBe(true);
    expect((await t.req('GET', `/api/prevention/employees?enterpriseId=${entGlId}`, { cookie: lkDispatcher })).statusCode).toBe(404);
    expect((await t.req('GET', `/api/prevention/employees?enterpriseId=${entLkId}`, { cookie: glDispatcher })).statusCode).toBe(404);
    const gl = (await t.req('GET', '/api/prevention/employees/export', { cookie: glDispatcher }));
    expect(gl.statusCode).toBe(200);
    expect(gl.headers['content-type']).toContain('spreadsheetml');
    expect((await t.req('POST', '/api/prevention/employees', { cookie: lkDispatcher, body: {} })).statusCode).toBe(403);
  });

  it('imports a roster with per-row errors, and the same file twice adds nobody twice', async () => {
    const a = idCard();
    const file = await rosterXlsx([
      ['王五', a, '13600000001', '叉车工', '流动接触', '导入车间', '2号宿舍', '在岗'],
      ['赵六', badIdCard(), '', '操作工', '普通', '导入车间', '', '在岗'],
      ['钱七', idCard(), '123', '操作工', '普通', '', '', ''],
      ['孙八', idCard(), '', '操作工', '飞行员', '', '', ''],
      ['周九', a, '', '操作工', '普通', '', '', ''],
      ['吴十', idCard(), '', '保供配送', '城市保供', '导入车间', '', '在岗'],
    ]);
    const { payload, contentType } = multipart(file, 'roster.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const send = (cookie: string, q = '') => t.app.inject({ method: 'POST', url: `/api/prevention/employees/import${q}`, payload, headers: { cookie, 'content-type': contentType } });
    const r1 = (await send(entLk)).json();
    expect(r1).toMatchObject({ rows: 6, created: 2, existing: 0, unitsCreated: 1 });
    expect(r1.rejected.map((x: { row: number }) => x.row)).toEqual([3, 4, 5, 6]);
    const r2 = (await send(entLk)).json();
    expect(r2).toMatchObject({ created: 0, existing: 2, unitsCreated: 0 });
    expect((await send(prevention)).json().field).toBe('query.enterpriseId');
    expect((await send(prevention, `?enterpriseId=${entLkId}`)).json()).toMatchObject({ created: 0, existing: 2 });
    expect((await send(entLk2, `?enterpriseId=${entLkId}`)).statusCode).toBe(404);
    expect((await t.req('POST', '/api/prevention/employees/import', { cookie: entLk, body: {} })).json().field).toBe('body.file');
    const tpl = await t.req('GET', '/api/prevention/employees/template', { cookie: entLk });
    expect(tpl.statusCode).toBe(200);
  });
});
