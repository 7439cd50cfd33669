import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { rows } from '../../testing/helpers.js';
import { DEFAULT_ROLES, ORG_PERMISSIONS } from '../../modules/org/roles.js';

let t: TestApp;
let secadmin: string;
beforeAll(async () => {
  t = await createTestApp();
  secadmin = await t.login('secadmin');
});
afterAll(async () => {
  await t.close();
});

interface Role {
  code: string;
  name: string;
  permissions: string[];
  builtIn: boolean;
}
const DEFAULT_SETTINGS = {
  totpForGovernment: false,
  idleTimeoutMinutes: 30,
  absoluteLifetimeHours: 12,
  lockoutThreshold: 5,
  lockoutMinutes: 30,
  passwordMinLength: 8,
};

describe('roles and permissions', () => {
  it('lists the roles with their permissions, in both languages', async () => {
    const res = await t.req('GET', '/api/security/roles', { cookie: secadmin });
    expect(res.statusCode).toBe(200);
    const roles: Role[] = res.json();
    expect(roles.map((r) => r.code).sort()).toEqual(DEFAULT_ROLES.map((r) => r.code).sort());
    const byCode = new Map(roles.map((r) => [r.code, r]));
    const dispatcherDefaults = [...DEFAULT_ROLES.find((r) => r.code === 'dispatcher')!.permissions].sort();
    const d = byCode.get('dispatcher')!;
    expect({ ...d, permissions: [...d.permissions].sort() }).toEqual({ code: 'dispatcher', name: '指挥部调度员', permissions: dispatcherDefaults, builtIn: true });
    expect(byCode.get('enterprise_user')!.permissions).toEqual(DEFAULT_ROLES.find((r) => r.code === 'enterprise_user')!.permissions);
    const en: Role[] = (await t.req('GET', '/api/security/roles', { cookie: secadmin, lang: 'en-US' })).json();
    expect(en.find((r) => r.code === 'dispatcher')!.name).toBe('Command dispatcher');
  });

  it('the three administrators are separated by default (三员分立)', async () => {
    const roles: Role[] = (await t.req('GET', '/api/security/roles', { cookie: secadmin })).json();
    const perms = (code: string) => roles.find((r) => r.code === code)!.permissions;
    expect(perms('system_admin')).toContain('users.manage');
    expect(perms('system_admin')).not.toContain('security.manage');
    expect(perms('system_admin')).not.toContain('audit.read');
    expect(perms('security_admin')).toEqual(['security.manage']);
    expect(perms('audit_admin')).toEqual(['audit.read']);
    const others = roles.filter((r) => !['system_admin', 'security_admin', 'audit_admin'].includes(r.code));
    for (const r of others) expect(r.permissions.filter((p) => ['users.manage', 'security.manage', 'audit.read'].includes(p))).toEqual([]);
  });

  it('lists every registered permission', async () => {
    const res = await t.req('GET', '/api/security/permissions', { cookie: secadmin });
    expect(res.statusCode).toBe(200);
    const list: { code: string; name: string }[] = res.json();
    const codes = list.map((p) => p.code);
    expect(codes).toEqual(expect.arrayContaining(ORG_PERMISSIONS.map((p) => p.code)));
    expect(new Set(codes).size).toBe(codes.length);
    expect(list.find((p) => p.code === 'audit.read')!.name).toBe('查看与校验审计日志');
    const en = (await t.req('GET', '/api/security/permissions', { cookie: secadmin, lang: 'en-US' })).json();
    expect(en.find((p: { code: string }) => p.code === 'audit.read').name).toBe('Read and verify the audit log');
  });

  it('refuses an unknown permission naming body.permissions, and changes nothing', async () => {
    const res = await t.req('PUT', '/api/security/roles/dispatcher', { cookie: secadmin, body: { permissions: ['org.read', 'world.domination'] } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation.invalid', field: 'body.permissions' });
    expect(res.json().message).toContain('world.domination');
    const [row] = await rows<{ permissions: string[] }>(t, sql`select permissions from roles where code = 'dispatcher'`);
    expect([...row!.permissions].sort()).toEqual([...DEFAULT_ROLES.find((r) => r.code === 'dispatcher')!.permissions].sort());
  });

  it('refuses a malformed body and an unknown role', async () => {
    const bad = await t.req('PUT', '/api/security/roles/dispatcher', { cookie: secadmin, body: { permissions: 'org.read' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('body.permissions');
    const missing = await t.req('PUT', '/api/security/roles/no_such_role', { cookie: secadmin, body: { permissions: [] } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('not_found');
  });

  it('a change ends the sessions of the role’s holders; granting audit.read to dispatchers lets kf_dispatcher read the log after signing in again', async () => {
    const kf = await t.login('kf_dispatcher');
    const lk = await t.login('lk_dispatcher');
    const other = await t.login('kf_prevention');
    expect((await t.req('GET', '/api/audit/events', { cookie: kf })).statusCode).toBe(403);

    const res = await t.req('PUT', '/api/security/roles/dispatcher', { cookie: secadmin, body: { permissions: ['org.read', 'audit.read', 'org.read'] } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: 'dispatcher', permissions: ['audit.read', 'org.read'] });

    for (const cookie of [kf, lk]) expect((await t.req('GET', '/api/auth/me', { cookie })).statusCode).toBe(401);
    // Holders of other roles, and the security administrator, keep their sessions.
    expect((await t.req('GET', '/api/auth/me', { cookie: other })).statusCode).toBe(200);
    expect((await t.req('GET', '/api/security/roles', { cookie: secadmin })).statusCode).toBe(200);

    const again = await t.login('kf_dispatcher');
    expect((await t.req('GET', '/api/auth/me', { cookie: again })).json().permissions).toEqual(['audit.read', 'org.read']);
    expect((await t.req('GET', '/api/audit/events', { cookie: again })).statusCode).toBe(200);

    // Taking it away again works the same way.
    expect((await t.req('PUT', '/api/security/roles/dispatcher', { cookie: secadmin, body: { permissions: ['org.read'] } })).statusCode).toBe(200);
    expect((await t.req('GET', '/api/audit/events', { cookie: again })).statusCode).toBe(401);
    const third = await t.login('kf_dispatcher');
    expect((await t.req('GET', '/api/audit/events', { cookie: third })).statusCode).toBe(403);
  });
});

describe('security settings', () => {
  it('reads the defaults', async () => {
    const res = await t.req('GET', '/api/security/settings', { cookie: secadmin });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(DEFAULT_SETTINGS);
  });

  it.each([
    ['idleTimeoutMinutes', 0],
    ['idleTimeoutMinutes', 31],
    ['idleTimeoutMinutes', 10.5],
    ['absoluteLifetimeHours', 0],
    ['absoluteLifetimeHours', 25],
    ['lockoutThreshold', 2],
    ['lockoutThreshold', 11],
    ['lockoutMinutes', 4],
    ['passwordMinLength', 7],
    ['passwordMinLength', 65],
    ['totpForGovernment', 'yes'],
  ] as const)('refuses %s = %s naming the field', async (key, value) => {
    const res = await t.req('PUT', '/api/security/settings', { cookie: secadmin, body: { ...DEFAULT_SETTINGS, [key]: value } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation.invalid', field: `body.${key}` });
  });

  it('refuses an incomplete body', async () => {
    const { passwordMinLength: _p, ...rest } = DEFAULT_SETTINGS;
    const res = await t.req('PUT', '/api/security/settings', { cookie: secadmin, body: rest });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('body.passwordMinLength');
  });

  it('saves valid settings, and they take effect', async () => {
    const next = { ...DEFAULT_SETTINGS, passwordMinLength: 12, lockoutThreshold: 3 };
    const res = await t.req('PUT', '/api/security/settings', { cookie: secadmin, body: next });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(next);
    expect((await t.req('GET', '/api/security/settings', { cookie: secadmin })).json()).toEqual(next);
    try {
      // The longer minimum applies to a password change.
      const cookie = await t.login('kf_liaison');
      const short = await t.req('POST', '/api/auth/password', { cookie, body: { currentPassword: 'Sibao@2022', newPassword: 'Short#Pw123' } });
      expect(short.statusCode).toBe(400);
      expect(short.json()).toMatchObject({ code: 'auth.weak_password', field: 'body.newPassword' });
      expect(short.json().message).toContain('12');
      // Three failures now lock the account.
      for (let i = 0; i < 3; i++) await t.req('POST', '/api/auth/login', { body: { username: 'kf_supervisor', password: 'Wrong#Pass1' }, ip: `192.0.2.${i + 1}` });
      const locked = await t.req('POST', '/api/auth/login', { body: { username: 'kf_supervisor', password: 'Sibao@2022' }, ip: '192.0.2.9' });
      expect(locked.statusCode).toBe(423);
    } finally {
      expect((await t.req('PUT', '/api/security/settings', { cookie: secadmin, body: DEFAULT_SETTINGS })).statusCode).toBe(200);
    }
  });
});

describe('only the security administrator', () => {
  it('answers 403 to every other role on every security route', async () => {
    const cookies = await Promise.all(['sysadmin', 'auditadmin', 'kf_dispatcher', 'kf_industry', 'ent_lankao'].map((u) => t.login(u)));
    for (const cookie of cookies) {
      const calls = [
        t.req('GET', '/api/security/roles', { cookie }),
        t.req('GET', '/api/security/permissions', { cookie }),
        t.req('PUT', '/api/security/roles/dispatcher', { cookie, body: { permissions: ['org.read', 'audit.read'] } }),
        t.req('GET', '/api/security/settings', { cookie }),
        t.req('PUT', '/api/security/settings', { cookie, body: DEFAULT_SETTINGS }),
      ];
      for (const res of await Promise.all(calls)) {
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe('forbidden');
      }
    }
    const [row] = await rows<{ permissions: string[] }>(t, sql`select permissions from roles where code = 'dispatcher'`);
    expect(row!.permissions).toEqual(['org.read']);
  });
});
