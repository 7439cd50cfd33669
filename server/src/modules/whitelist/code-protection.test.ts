import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { readXlsx, rows } from '../../testing/helpers.js';
import { createRandom } from '../../seed/random.js';
import { generateIdCard } from '../../seed/idcard.js';
import { enterprises } from './tables.js';

let t: TestApp;
let idCard: string;
let uscc: string;
beforeAll(async () => {
  t = await createTestApp();
  const listed = (await t.database.db.select().from(enterprises).where(and(eq(enterprises.regionCode, '410225'), eq(enterprises.sector, 'industry'), eq(enterprises.listingStatus, 'listed'))).limit(1))[0]!;
  uscc = listed.uscc;
  idCard = generateIdCard(createRandom(77), '410225', [1970, 2000]);
  const res = await t.req('POST', '/api/prevention/employees', { cookie: await t.login('kf_prevention'), body: { enterpriseId: listed.id, name: '赋码测试员', idCard, phone: '13912345678', post: '货运司机', postKind: 'mobile_contact' } });
  expect(res.statusCode).toBe(201);
});
afterAll(async () => {
  await t.close();
});

describe('code-protection list', () => {
  it('carries the staff of whitelisted enterprises, masked for a reader without the personal-data permission', async () => {
    const res = await t.req('GET', '/api/whitelist/code-protection/export?format=csv', { cookie: await t.login('lk_industry') });
    expect(res.statusCode).toBe(200);
    const line = res.body.split(/\r?\n/).find((l) => l.includes('赋码测试员'));
    expect(line).toBeDefined();
    expect(line).toContain(uscc);
    expect(line).toContain('物流及流动岗位人员');
    expect(line).not.toContain(idCard);
    expect(line).not.toContain('13912345678');
    expect(line).toContain(`${idCard.slice(0, 6)}`);
  });

  it('shows ID numbers in clear to prevention staff, and audits it', async () => {
    const res = await t.req('GET', '/api/whitelist/code-protection/export', { cookie: await t.login('kf_prevention') });
    expect(res.statusCode).toBe(200);
    const sheet = await readXlsx(res.rawPayload);
    const row = sheet.find((r) => r.includes('赋码测试员'))!;
    expect(row).toContain(idCard);
    expect(row).toContain('13912345678');
    const audit = await rows<{ n: number }>(t, sql`select count(*)::int as n from audit_events where action = 'prevention.pii.export'`);
    expect(audit[0]!.n).toBeGreaterThan(0);
  });

  it('another county’s region answers 404 and an anonymous caller 401', async () => {
    expect((await t.req('GET', '/api/whitelist/code-protection/export?regionCode=410204', { cookie: await t.login('lk_industry') })).statusCode).toBe(404);
    expect((await t.req('GET', '/api/whitelist/code-protection/export')).statusCode).toBe(401);
  });
});
