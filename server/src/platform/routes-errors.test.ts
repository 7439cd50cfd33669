import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/app.js';
import { expectErrorShape } from './routes-cases.js';

/** One error body shape for malformed input and unknown routes, in the caller's language. */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('error bodies', () => {
  it('a malformed JSON body is 400 validation.invalid, never 500', async () => {
    const cookie = await t.login('sysadmin');
    for (const [url, c] of [
      ['/api/auth/login', undefined],
      ['/api/users', cookie],
      ['/api/auth/password', cookie],
    ] as const) {
      for (const payload of ['{bad json', '{"username":', '[1,2', '"unterminated']) {
        const res = await t.app.inject({
          method: 'POST',
          url,
          payload,
          headers: { 'content-type': 'application/json', ...(c ? { cookie: c } : {}), 'x-forwarded-for': '192.0.2.200' },
        });
        expect(res.statusCode, `${url} ${payload}`).toBe(400);
        expect(res.json()).toMatchObject({ statusCode: 400, code: 'validation.invalid', field: 'body' });
        expectErrorShape(res);
      }
    }
  });

  it('a body of the wrong type or an unknown content type is 400, never 500', async () => {
    const cookie = await t.login('sysadmin');
    const wrongType = await t.req('POST', '/api/users', { cookie, body: [1, 2, 3] });
    expect(wrongType.statusCode).toBe(400);
    expectErrorShape(wrongType);
    const text = await t.app.inject({ method: 'POST', url: '/api/users', payload: 'hello', headers: { cookie, 'content-type': 'text/plain' } });
    expect(text.statusCode).toBeGreaterThanOrEqual(400);
    expect(text.statusCode).toBeLessThan(500);
    expectErrorShape(text);
  });

  it('an unknown /api route is a 404 in the same shape', async () => {
    const res = await t.req('GET', '/api/no/such/thing');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
    expectErrorShape(res);
  });

  it('speaks Chinese by default and English for Accept-Language: en-US', async () => {
    const zh = await t.req('GET', '/api/auth/me');
    expect(zh.json().message).toBe('请先登录');
    const en = await t.req('GET', '/api/auth/me', { lang: 'en-US' });
    expect(en.json()).toEqual({ statusCode: 401, code: 'auth.unauthenticated', message: 'Please sign in' });
    const enGb = await t.req('GET', '/api/auth/me', { lang: 'en-GB,en;q=0.9' });
    expect(enGb.json().message).toBe('Please sign in');

    const cookie = await t.login('lk_dispatcher');
    const notFound = await t.req('GET', '/api/org/commands?regionCode=410204', { cookie, lang: 'en-US' });
    expect(notFound.json()).toEqual({ statusCode: 404, code: 'not_found', message: 'Region not found' });
    const notFoundZh = await t.req('GET', '/api/org/commands?regionCode=410204', { cookie });
    expect(notFoundZh.json().message).toBe('地区不存在');

    const invalid = await t.req('GET', '/api/org/commands?regionCode=4', { cookie, lang: 'en-US' });
    expect(invalid.json()).toMatchObject({ statusCode: 400, code: 'validation.invalid', field: 'query.regionCode' });
    expect(invalid.json().message).toMatch(/^Field query\.regionCode is invalid: /);

    const forbidden = await t.req('GET', '/api/users', { cookie, lang: 'en-US' });
    expect(forbidden.json()).toEqual({ statusCode: 403, code: 'forbidden', message: 'You are not allowed to do this' });

    const wrong = await t.req('POST', '/api/auth/login', { body: { username: 'x', password: 'y' }, lang: 'en-US', ip: '192.0.2.201' });
    expect(wrong.json()).toEqual({ statusCode: 401, code: 'auth.invalid_credentials', message: 'Wrong username or password' });
  });
});
