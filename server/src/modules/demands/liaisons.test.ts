import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { readXlsx, userIdOf, XLSX_TYPE } from '../../testing/helpers.js';
import { users } from '../../platform/auth/tables.js';

let t: TestApp;
const c: Record<string, string> = {};
let entId: string;
let liaisonId: string;
beforeAll(async () => {
  t = await createTestApp();
  for (const a of ['kf_dispatcher', 'gl_dispatcher', 'lk_dispatcher', 'lk_industry', 'ent_lankao']) c[a] = await t.login(a);
  entId = (await t.database.db.select({ e: users.enterpriseId }).from(users).where(eq(users.username, 'ent_lankao')))[0]!.e!;
  liaisonId = await userIdOf(t, 'kf_liaison');
});
afterAll(async () => {
  await t.close();
});

describe('liaison pairings page API', () => {
  it('lists pairings with both names, searches, pages and exports them, in scope only', async () => {
    expect((await t.req('GET', '/api/demands/liaisons')).statusCode).toBe(401);
    expect((await t.req('GET', '/api/demands/liaisons/export')).statusCode).toBe(401);
    expect((await t.req('GET', '/api/demands/liaisons', { cookie: c.lk_industry })).statusCode).toBe(403);
    expect((await t.req('POST', '/api/demands/liaisons', { cookie: c.kf_dispatcher, body: { userId: liaisonId, enterpriseId: entId } })).statusCode).toBe(200);
    const list = (await t.req('GET', '/api/demands/liaisons?pageSize=10', { cookie: c.kf_dispatcher })).json();
    const row = list.items.find((p: { enterpriseId: string }) => p.enterpriseId === entId);
    expect(row).toMatchObject({ userId: liaisonId, username: 'kf_liaison', regionCode: '410225', regionName: '兰考县' });
    expect(row.enterpriseName.length).toBeGreaterThan(0);
    expect((await t.req('GET', `/api/demands/liaisons?q=${encodeURIComponent(row.enterpriseName.slice(0, 4))}`, { cookie: c.kf_dispatcher })).json().items.map((p: { enterpriseId: string }) => p.enterpriseId)).toContain(entId);
    expect((await t.req('GET', '/api/demands/liaisons?q=kf_liai', { cookie: c.kf_dispatcher })).json().total).toBeGreaterThan(0);
    expect((await t.req('GET', '/api/demands/liaisons?q=没有这个人', { cookie: c.kf_dispatcher })).json()).toEqual({ items: [], total: 0 });
    expect((await t.req('GET', '/api/demands/liaisons?page=2&pageSize=200', { cookie: c.kf_dispatcher })).json().items).toEqual([]);
    // Another county's dispatcher sees none of 兰考县's pairings, in the list or the export.
    expect((await t.req('GET', '/api/demands/liaisons', { cookie: c.gl_dispatcher })).json().items.some((p: { regionCode: string }) => p.regionCode === '410225')).toBe(false);
    const glSheet = await readXlsx((await t.req('GET', '/api/demands/liaisons/export', { cookie: c.gl_dispatcher })).rawPayload);
    expect(glSheet.slice(1).some((r) => r[3] === '兰考县')).toBe(false);
    const xlsx = await t.req('GET', '/api/demands/liaisons/export?q=kf_liaison', { cookie: c.kf_dispatcher });
    expect(xlsx.headers['content-type']).toBe(XLSX_TYPE);
    const sheet = await readXlsx(xlsx.rawPayload);
    expect(sheet[0]).toEqual(['包保干部', '账号', '包保企业', '地区', '结对人', '结对时间']);
    expect(sheet.slice(1).some((r) => r[1] === 'kf_liaison' && r[3] === '兰考县')).toBe(true);
    expect((await t.req('GET', '/api/demands/liaisons?pageSize=500', { cookie: c.kf_dispatcher })).json().field).toBe('query.pageSize');
    expect((await t.req('GET', '/api/demands/liaisons?enterpriseId=x', { cookie: c.kf_dispatcher })).json().field).toBe('query.enterpriseId');
  });

  it('offers the liaison-cadre accounts in scope to pair', async () => {
    expect((await t.req('GET', '/api/demands/liaisons/cadres')).statusCode).toBe(401);
    expect((await t.req('GET', '/api/demands/liaisons/cadres', { cookie: c.ent_lankao })).statusCode).toBe(403);
    const kf = (await t.req('GET', '/api/demands/liaisons/cadres?q=liaison', { cookie: c.kf_dispatcher })).json();
    expect(kf.map((u: { username: string }) => u.username)).toContain('kf_liaison');
    // kf_liaison is a city account: out of a county dispatcher's scope.
    expect((await t.req('GET', '/api/demands/liaisons/cadres', { cookie: c.lk_dispatcher })).json().map((u: { username: string }) => u.username)).not.toContain('kf_liaison');
    expect((await t.req('GET', `/api/demands/liaisons/cadres?q=${'x'.repeat(65)}`, { cookie: c.kf_dispatcher })).json().field).toBe('query.q');
  });
});
