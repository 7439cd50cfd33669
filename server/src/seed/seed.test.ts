import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../testing/app.js';
import { seedDatabase } from './index.js';
import { users } from '../platform/auth/tables.js';
import { enterprises } from '../modules/whitelist/tables.js';
import { commands, taskForces } from '../modules/org/tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('demo seed', () => {
  it('is idempotent: seeding the same scale again adds nothing', async () => {
    const counts = async () => {
      const db = t.database.db;
      const n = async (q: Promise<{ n: number }[]>) => (await q)[0]?.n ?? 0;
      return {
        users: await n(db.select({ n: count() }).from(users)),
        enterprises: await n(db.select({ n: count() }).from(enterprises)),
        commands: await n(db.select({ n: count() }).from(commands)),
        taskForces: await n(db.select({ n: count() }).from(taskForces)),
      };
    };
    const before = await counts();
    expect(before.enterprises).toBe(3000);
    expect(before.commands).toBe(11); // the province, Kaifeng and its nine counties
    const again = await seedDatabase(t.database.db, t.crypto, { scale: 'city' });
    expect(await counts()).toEqual(before);
    // The admins' TOTP secrets printed the second time are the ones stored the first time.
    expect(again.accounts.find((a) => a.username === 'sysadmin')?.totpSecret).toMatch(/^[A-Z2-7]{32}$/);
  });
});
