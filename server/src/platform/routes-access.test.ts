import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../testing/app.js';
import { exec } from '../testing/helpers.js';
import { DEFAULT_ROLES } from '../modules/org/roles.js';
import { apiRoutes, expectErrorShape, SCOPE_CASES, urlOf, type Route } from './routes-cases.js';

/** Every /api route without a session, with each demo role, and for an account with a pending password change. */

let t: TestApp;
let routes: Route[];
beforeAll(async () => {
  t = await createTestApp();
  routes = apiRoutes(t);
});
afterAll(async () => {
  await t.close();
});

describe('authentication', () => {
  it('every route but login answers 401 auth.unauthenticated without a cookie', async () => {
    const failures: string[] = [];
    for (const r of routes) {
      if (r.key === 'POST /api/auth/login') continue;
      const res = await t.req(r.method, urlOf(r));
      if (res.statusCode !== 401 || res.json().code !== 'auth.unauthenticated') failures.push(`${r.key} → ${res.statusCode} ${res.body}`);
      else expectErrorShape(res);
    }
    expect(failures).toEqual([]);
  });

  it('…and before it looks at the input: no query, an empty body, a bad cookie', async () => {
    const failures: string[] = [];
    for (const r of routes) {
      if (r.key === 'POST /api/auth/login') continue;
      const res = await t.req(r.method, urlOf(r, false), {
        cookie: 'sibao_session=forged',
        ...(r.method === 'GET' ? {} : { body: {} }),
      });
      if (res.statusCode !== 401) failures.push(`${r.key} → ${res.statusCode} ${res.body}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('permissions', () => {
  const ACCOUNTS: Record<string, string> = {
    sysadmin: 'system_admin',
    secadmin: 'security_admin',
    auditadmin: 'audit_admin',
    kf_dispatcher: 'dispatcher',
    ent_lankao: 'enterprise_user',
  };
  let cookies: Record<string, string>;
  beforeAll(async () => {
    cookies = Object.fromEntries(await Promise.all(Object.keys(ACCOUNTS).map(async (u) => [u, await t.login(u)] as const)));
  });

  // Every route times every demo account: on a loaded machine this takes longer than the default minute.
  it('each permissioned route answers 403 exactly to the roles without its permission, and never 500', async () => {
    const failures: string[] = [];
    for (const r of routes) {
      const { permission } = SCOPE_CASES[r.key] ?? { permission: 'public' };
      if (permission === 'public' || permission === 'authenticated') continue;
      for (const [username, role] of Object.entries(ACCOUNTS)) {
        const allowed = DEFAULT_ROLES.find((x) => x.code === role)!.permissions.includes(permission);
        const res = await t.req(r.method, urlOf(r), { cookie: cookies[username]! });
        const forbidden = res.statusCode === 403 && res.json().code === 'forbidden';
        if (res.statusCode >= 500 || forbidden === allowed) failures.push(`${r.key} as ${username} (${allowed ? 'allowed' : 'not allowed'}) → ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  }, 240_000);

  it('an account that must change its password may reach only the pending routes', async () => {
    await exec(t, sql`update users set must_change_password = true where username = 'kf_liaison'`);
    const cookie = await t.login('kf_liaison');
    const failures: string[] = [];
    // Logout last: it ends the session the others need.
    const ordered = [...routes].sort((a, b) => Number(a.key === 'POST /api/auth/logout') - Number(b.key === 'POST /api/auth/logout'));
    for (const r of ordered) {
      const c = SCOPE_CASES[r.key];
      if (!c || c.permission === 'public') continue;
      const res = await t.req(r.method, urlOf(r), { cookie });
      const blocked = res.statusCode === 403 && res.json().code === 'auth.password_change_required';
      if (blocked === Boolean(c.pending) || res.statusCode >= 500) failures.push(`${r.key} → ${res.statusCode} ${res.body}`);
    }
    expect(failures).toEqual([]);
  });
});
