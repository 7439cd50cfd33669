import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../testing/app.js';
import { userIdOf } from '../testing/helpers.js';
import { users } from '../platform/auth/tables.js';
import { enterprises } from '../modules/whitelist/tables.js';
import { liaisonPairings } from '../modules/demands/tables.js';
import { LIAISON_ACCOUNT, LIAISON_ENTERPRISE_ACCOUNTS, LIAISON_REGIONS, seedLiaisons } from './liaisons.js';

let t: TestApp;
let cadreId: string;
beforeAll(async () => {
  t = await createTestApp();
  cadreId = await userIdOf(t, LIAISON_ACCOUNT);
});
afterAll(async () => {
  await t.close();
});

const pairedIds = async () => (await t.database.db.select({ e: liaisonPairings.enterpriseId }).from(liaisonPairings).where(eq(liaisonPairings.userId, cadreId))).map((r) => r.e).sort();

describe('liaison seed', () => {
  it('pairs kf_liaison with the enterprises of ent_lankao and ent_gulou and the 3rd to 5th enterprise (by code) of 兰考县 and of 鼓楼区', async () => {
    const accounts = await t.database.db.select({ e: users.enterpriseId }).from(users).where(inArray(users.username, [...LIAISON_ENTERPRISE_ACCOUNTS]));
    expect(accounts).toHaveLength(2);
    const expected: string[] = accounts.map((a) => a.e!);
    for (const region of LIAISON_REGIONS) {
      const all = await t.database.db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.regionCode, region)).orderBy(asc(enterprises.uscc));
      expect(all.length, region).toBeGreaterThanOrEqual(5);
      expected.push(...all.slice(2, 5).map((e) => e.id));
    }
    expect(await pairedIds()).toEqual(expected.sort());
    const rows = await t.database.db.select().from(liaisonPairings).where(eq(liaisonPairings.userId, cadreId));
    expect(rows.filter((r) => r.regionCode === '410225')).toHaveLength(4);
    expect(rows.filter((r) => r.regionCode === '410204')).toHaveLength(4);
    expect(rows.every((r) => r.createdBy === 'seed')).toBe(true);
  });

  it('is idempotent, and a second run restores a removed pairing only', async () => {
    const before = await pairedIds();
    expect(await seedLiaisons(t.database.db)).toBe(0);
    expect(await pairedIds()).toEqual(before);
    await t.database.db.delete(liaisonPairings).where(and(eq(liaisonPairings.userId, cadreId), eq(liaisonPairings.enterpriseId, before[0]!)));
    expect(await seedLiaisons(t.database.db)).toBe(1);
    expect(await pairedIds()).toEqual(before);
  });

  it('shows the cadre the demands of its paired enterprises, and only those', async () => {
    const cookie = await t.login(LIAISON_ACCOUNT);
    const res = await t.req('GET', '/api/demands?pageSize=200', { cookie });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { enterpriseId: string }[];
    const paired = new Set(await pairedIds());
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((d) => paired.has(d.enterpriseId))).toBe(true);
  });
});
