import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { users } from '../auth/tables.js';
import { buildCondition, PageReader } from './page-reader.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('PageReader', () => {
  it('reads the same rows, in the same order and with the same values, as a drizzle select', async () => {
    const where = inArray(users.role, ['dispatcher', 'enterprise_user', 'department_staff']);
    const order = [desc(users.role), asc(users.username)];
    const expected = await t.database.db.select().from(users).where(where).orderBy(...order).limit(4).offset(1);
    const got = await new PageReader(users, sql.join(order, sql`, `)).page(t.database.db, buildCondition(where), 4, 1);
    expect(expected.length).toBeGreaterThan(1);
    expect(got).toEqual(expected);
    expect(got[0]!.createdAt).toBeInstanceOf(Date);
  });

  it('refuses an order that takes parameters', () => {
    expect(() => new PageReader(users, sql`${users.username} = ${'x'}`)).toThrow();
  });

  it('an empty page is an empty list', async () => {
    const reader = new PageReader(users, sql`${users.username}`);
    expect(await reader.page(t.database.db, buildCondition(eq(users.username, '没有这个账号')), 20, 0)).toEqual([]);
  });
});
