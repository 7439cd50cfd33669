import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('login', () => {
  it('signs in and answers me', async () => {
    const cookie = await t.login('kf_dispatcher');
    const me = await t.req('GET', '/api/auth/me', { cookie });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: 'kf_dispatcher', regionCode: '410200', regionLevel: 'city' });
  });
  it('refuses a wrong password with 401', async () => {
    const res = await t.req('POST', '/api/auth/login', { body: { username: 'kf_dispatcher', password: 'nope' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('auth.invalid_credentials');
  });
});
