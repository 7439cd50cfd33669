import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { users } from './tables.js';

let t: TestApp;
let sys: string;
let sec: string;
beforeAll(async () => {
  t = await createTestApp();
  sys = await t.login('sysadmin');
  sec = await t.login('secadmin');
});
afterAll(async () => {
  await t.close();
});

const idOf = async (username: string) => (await t.database.db.select().from(users).where(eq(users.username, username)))[0]!.id;

describe('三员分立: separated administrators', () => {
  it('the system administrator cannot create a security or audit administrator', async () => {
    for (const role of ['audit_admin', 'security_admin']) {
      const res = await t.req('POST', '/api/users', {
        cookie: sys,
        body: { username: `shadow_${role}`, displayName: '影子', role, regionCode: '410000', password: 'Aa1!aaaaaa' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().field).toBe('body.role');
    }
  });

  it('the system administrator cannot change, reset or unlock the other administrators', async () => {
    for (const name of ['auditadmin', 'secadmin']) {
      const id = await idOf(name);
      expect((await t.req('PATCH', `/api/users/${id}`, { cookie: sys, body: { disabled: true } })).statusCode).toBe(403);
      expect((await t.req('POST', `/api/users/${id}/reset-password`, { cookie: sys, body: { password: 'Aa1!bbbbbb' } })).statusCode).toBe(403);
      expect((await t.req('POST', `/api/users/${id}/unlock`, { cookie: sys })).statusCode).toBe(403);
    }
  });

  it('no role may hold two administrators’ powers', async () => {
    const res = await t.req('PUT', '/api/security/roles/security_admin', { cookie: sec, body: { permissions: ['security.manage', 'audit.read'] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('body.permissions');
  });
});

describe('second factor', () => {
  it('once enabled, a TOTP is required even when the setting does not demand it', async () => {
    const kf = await t.login('kf_dispatcher');
    const setup = await t.req('GET', '/api/auth/totp/setup', { cookie: kf });
    expect(setup.statusCode).toBe(200);
    const { freshTotp } = await import('../../testing/totp.js');
    const enable = await t.req('POST', '/api/auth/totp/enable', { cookie: kf, body: { code: await freshTotp(setup.json().secret) } });
    expect(enable.statusCode).toBe(204);
    const res = await t.req('POST', '/api/auth/login', { body: { username: 'kf_dispatcher', password: 'Sibao@2022' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('auth.totp_required');
  });
});

describe('search text is literal', () => {
  it('a % in the search matches only a literal %', async () => {
    const res = await t.req('GET', '/api/users?q=%25', { cookie: sys });
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(0);
  });
});
