import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { exec, randomUuid, readXlsx, rows, strongPassword, userIdOf, XLSX_TYPE } from '../../testing/helpers.js';
import { freshTotp } from '../../testing/totp.js';
import { DEMO_PASSWORD } from '../../seed/accounts.js';

let t: TestApp;
let sysadmin: string;
beforeAll(async () => {
  t = await createTestApp();
  sysadmin = await t.login('sysadmin');
});
afterAll(async () => {
  await t.close();
});

interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: string;
  roleName: string;
  regionCode: string;
  regionName: string;
  departmentId: string | null;
  departmentName: string | null;
  enterpriseId: string | null;
  phoneMasked: string | null;
  disabled: boolean;
  lockedUntil: string | null;
}

async function list(cookie: string, query: string): Promise<{ items: UserView[]; total: number }> {
  const res = await t.req('GET', `/api/users?pageSize=200&${query}`, { cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
async function departmentId(regionCode: string, kind: string): Promise<string> {
  const [r] = await rows<{ id: string }>(t, sql`select id from departments where region_code = ${regionCode} and kind = ${kind}`);
  return r!.id;
}
async function taskForceId(regionCode: string, kind: string): Promise<string> {
  const [r] = await rows<{ id: string }>(t, sql`select id from task_forces where region_code = ${regionCode} and kind = ${kind}`);
  return r!.id;
}
async function enterpriseIn(regionCode: string): Promise<string> {
  const [r] = await rows<{ id: string }>(t, sql`select id from enterprises where region_code = ${regionCode} order by uscc limit 1`);
  return r!.id;
}
const newUser = (over: Record<string, unknown> = {}) => ({
  username: `u_${Math.random().toString(36).slice(2, 10)}`,
  displayName: '测试用户',
  role: 'dispatcher',
  regionCode: '410200',
  password: strongPassword(),
  ...over,
});

describe('listing users', () => {
  it('lists every account in scope, ordered by username, with names and a masked phone', async () => {
    const [count] = await rows<{ n: number | string }>(t, sql`select count(*) as n from users`);
    const all = await list(sysadmin, '');
    expect(all.total).toBe(Number(count!.n));
    const names = all.items.map((u) => u.username);
    expect([...names].sort()).toEqual(names);
    const kf = all.items.find((u) => u.username === 'kf_dispatcher')!;
    expect(kf).toMatchObject({ role: 'dispatcher', roleName: '指挥部调度员', regionCode: '410200', regionName: '开封市', phoneMasked: '138****0020', disabled: false, lockedUntil: null });
    expect(kf.departmentName).toContain('开封市发展和改革委员会');
    const ent = all.items.find((u) => u.username === 'ent_lankao')!;
    expect(ent.enterpriseId).toBeTruthy();
    const en = (await t.req('GET', '/api/users?q=kf_dispatcher', { cookie: sysadmin, lang: 'en-US' })).json();
    expect(en.items[0].roleName).toBe('Command dispatcher');
  });

  it('filters by text', async () => {
    const res = await list(sysadmin, 'q=kf_');
    expect(res.total).toBe(6);
    expect(res.items.every((u) => u.username.includes('kf_') || u.displayName.includes('kf_'))).toBe(true);
    const byName = await list(sysadmin, `q=${encodeURIComponent('兰考')}`);
    expect(byName.items.map((u) => u.username)).toEqual(expect.arrayContaining(['lk_dispatcher', 'ent_lankao']));
  });

  it('filters by region, with its subtree', async () => {
    const lk = await list(sysadmin, 'regionCode=410225');
    expect(lk.items.every((u) => u.regionCode === '410225')).toBe(true);
    expect(lk.items.map((u) => u.username)).toEqual(expect.arrayContaining(['lk_dispatcher', 'lk_industry', 'ent_lankao', 'ent_lankao2']));
    const kf = await list(sysadmin, 'regionCode=410200');
    expect(kf.items.map((u) => u.username)).toEqual(expect.arrayContaining(['kf_dispatcher', 'lk_dispatcher', 'gl_dispatcher']));
    expect(kf.items.some((u) => u.regionCode === '410000')).toBe(false);
  });

  it('filters by role', async () => {
    const res = await list(sysadmin, 'role=dispatcher');
    expect(res.items.every((u) => u.role === 'dispatcher')).toBe(true);
    expect(res.items.map((u) => u.username)).toEqual(expect.arrayContaining(['prov_dispatcher', 'kf_dispatcher', 'lk_dispatcher', 'gl_dispatcher']));
  });

  it('filters by status', async () => {
    const disabledId = await userIdOf(t, 'kf_liaison');
    const lockedId = await userIdOf(t, 'kf_supervisor');
    expect((await t.req('PATCH', `/api/users/${disabledId}`, { cookie: sysadmin, body: { disabled: true } })).statusCode).toBe(200);
    await exec(t, sql`update users set locked_until = now() + interval '10 minutes' where id = ${lockedId}`);
    try {
      const disabled = await list(sysadmin, 'status=disabled');
      expect(disabled.items.map((u) => u.id)).toEqual([disabledId]);
      const locked = await list(sysadmin, 'status=locked');
      expect(locked.items.map((u) => u.id)).toEqual([lockedId]);
      expect(locked.items[0]!.lockedUntil).not.toBeNull();
      const enabled = await list(sysadmin, 'status=enabled');
      const ids = enabled.items.map((u) => u.id);
      expect(ids).not.toContain(disabledId);
      expect(ids).not.toContain(lockedId);
      const [count] = await rows<{ n: number | string }>(t, sql`select count(*) as n from users`);
      expect(enabled.total).toBe(Number(count!.n) - 2);
      expect((await list(sysadmin, 'status=disabled&regionCode=410225')).total).toBe(0);
    } finally {
      await t.req('PATCH', `/api/users/${disabledId}`, { cookie: sysadmin, body: { disabled: false } });
      await t.req('POST', `/api/users/${lockedId}/unlock`, { cookie: sysadmin });
    }
    expect((await list(sysadmin, 'status=disabled')).total).toBe(0);
    expect((await list(sysadmin, 'status=locked')).total).toBe(0);
  });

  it('pages', async () => {
    const all = await list(sysadmin, '');
    const p1 = (await t.req('GET', '/api/users?pageSize=3&page=1', { cookie: sysadmin })).json();
    const p2 = (await t.req('GET', '/api/users?pageSize=3&page=2', { cookie: sysadmin })).json();
    expect(p1.total).toBe(all.total);
    expect(p1.items.map((u: UserView) => u.id)).toEqual(all.items.slice(0, 3).map((u) => u.id));
    expect(p2.items.map((u: UserView) => u.id)).toEqual(all.items.slice(3, 6).map((u) => u.id));
  });

  it('rejects bad filters naming the field', async () => {
    for (const [q, field] of [
      ['status=frozen', 'query.status'],
      ['regionCode=4102', 'query.regionCode'],
      ['pageSize=201', 'query.pageSize'],
      ['page=0', 'query.page'],
    ]) {
      const res = await t.req('GET', `/api/users?${q}`, { cookie: sysadmin });
      expect(res.statusCode, q).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation.invalid', field });
    }
    const missing = await t.req('GET', '/api/users?regionCode=999999', { cookie: sysadmin });
    expect(missing.statusCode).toBe(404);
  });
});

describe('creating users', () => {
  it('creates an account (201) that must change its password, with its phone masked and encrypted', async () => {
    const body = newUser({ phone: '13800000000', departmentId: await departmentId('410200', 'commerce') });
    const res = await t.req('POST', '/api/users', { cookie: sysadmin, body });
    expect(res.statusCode).toBe(201);
    const u = res.json();
    expect(u).toMatchObject({ username: body.username, role: 'dispatcher', regionCode: '410200', regionName: '开封市', phoneMasked: '138****0000', disabled: false, totpEnabled: false });
    expect(u.departmentName).toContain('商务局');
    expect(res.body).not.toContain('13800000000');
    const [raw] = await rows<{ phone_enc: string; must_change_password: boolean; password_hash: string }>(t, sql`select phone_enc, must_change_password, password_hash from users where id = ${u.id}`);
    expect(raw!.phone_enc).toMatch(/^sm4:/);
    expect(raw!.phone_enc).not.toContain('13800000000');
    expect(raw!.must_change_password).toBe(true);
    expect(raw!.password_hash).toMatch(/^\$argon2id\$/);
    const cookie = await t.login(body.username, body.password);
    expect((await t.req('GET', '/api/auth/me', { cookie })).json().mustChangePassword).toBe(true);
  });

  it('places an enterprise user in its enterprise’s region', async () => {
    const enterpriseId = await enterpriseIn('410225');
    const res = await t.req('POST', '/api/users', { cookie: sysadmin, body: newUser({ role: 'enterprise_user', regionCode: '410200', enterpriseId }) });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ role: 'enterprise_user', regionCode: '410225', enterpriseId });
    expect(res.json().enterpriseName).toBeTruthy();
  });

  it.each([
    ['a weak password', { password: 'weakpassword' }, 400, 'body.password', 'auth.weak_password'],
    ['a short password', { password: 'Aa1!' }, 400, 'body.password', 'auth.weak_password'],
    ['an unknown role', { role: 'overlord' }, 400, 'body.role', 'validation.invalid'],
    ['a bad username', { username: 'a b' }, 400, 'body.username', 'validation.invalid'],
    ['a bad phone', { phone: '12345' }, 400, 'body.phone', 'validation.invalid'],
    ['a bad region code', { regionCode: '41' }, 400, 'body.regionCode', 'validation.invalid'],
    ['an unknown region', { regionCode: '999999' }, 400, 'body.regionCode', 'validation.invalid'],
    ['an empty display name', { displayName: ' ' }, 400, 'body.displayName', 'validation.invalid'],
    ['a department id that is no uuid', { departmentId: 'x' }, 400, 'body.departmentId', 'validation.invalid'],
    ['an enterprise user without enterprise', { role: 'enterprise_user' }, 400, 'body.enterpriseId', 'validation.invalid'],
    ['an unknown enterprise', { role: 'enterprise_user', enterpriseId: randomUuid() }, 400, 'body.enterpriseId', 'validation.invalid'],
  ] as const)('refuses %s', async (_name, over, status, field, code) => {
    const res = await t.req('POST', '/api/users', { cookie: sysadmin, body: newUser(over) });
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ statusCode: status, code, field });
  });

  it('refuses a department or task force of another region', async () => {
    const dep = await t.req('POST', '/api/users', { cookie: sysadmin, body: newUser({ departmentId: await departmentId('410225', 'commerce') }) });
    expect(dep.statusCode).toBe(400);
    expect(dep.json().field).toBe('body.departmentId');
    const tf = await t.req('POST', '/api/users', { cookie: sysadmin, body: newUser({ role: 'task_force_member', taskForceId: await taskForceId('410225', 'transport') }) });
    expect(tf.statusCode).toBe(400);
    expect(tf.json().field).toBe('body.taskForceId');
  });

  it('refuses an enterprise for a government account', async () => {
    const res = await t.req('POST', '/api/users', { cookie: sysadmin, body: newUser({ enterpriseId: await enterpriseIn('410225') }) });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('body.enterpriseId');
  });

  it('refuses a duplicate username with 409', async () => {
    const res = await t.req('POST', '/api/users', { cookie: sysadmin, body: newUser({ username: 'kf_dispatcher' }) });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'conflict', field: 'body.username' });
  });
});

describe('changing users', () => {
  it('renames, and a role change ends the account’s sessions', async () => {
    const body = newUser();
    const created = (await t.req('POST', '/api/users', { cookie: sysadmin, body })).json();
    const cookie = await t.login(body.username, body.password);
    const renamed = await t.req('PATCH', `/api/users/${created.id}`, { cookie: sysadmin, body: { displayName: '改名了' } });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().displayName).toBe('改名了');
    expect((await t.req('GET', '/api/auth/me', { cookie })).statusCode).toBe(200);
    const moved = await t.req('PATCH', `/api/users/${created.id}`, { cookie: sysadmin, body: { role: 'supervisor', taskForceId: await taskForceId('410200', 'supervision') } });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ role: 'supervisor', taskForceName: '督办督查工作专班' });
    expect((await t.req('GET', '/api/auth/me', { cookie })).statusCode).toBe(401);
  });

  it('refuses bad changes naming the field', async () => {
    const id = await userIdOf(t, 'kf_prevention');
    const cases: [unknown, number, string][] = [
      [{ role: 'enterprise_user' }, 400, 'body.role'],
      [{ role: 'overlord' }, 400, 'body.role'],
      [{ departmentId: await departmentId('410225', 'health') }, 400, 'body.departmentId'],
      [{ displayName: '' }, 400, 'body.displayName'],
      [{ disabled: 'yes' }, 400, 'body.disabled'],
    ];
    for (const [body, status, field] of cases) {
      const res = await t.req('PATCH', `/api/users/${id}`, { cookie: sysadmin, body });
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().field).toBe(field);
    }
    const entId = await userIdOf(t, 'ent_lankao');
    const toGov = await t.req('PATCH', `/api/users/${entId}`, { cookie: sysadmin, body: { role: 'dispatcher' } });
    expect(toGov.statusCode).toBe(400);
    expect(toGov.json().field).toBe('body.role');
  });

  it('answers 404 for an unknown user and 400 for a malformed id', async () => {
    const unknown = await t.req('PATCH', `/api/users/${randomUuid()}`, { cookie: sysadmin, body: { displayName: 'x' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('not_found');
    const bad = await t.req('PATCH', '/api/users/not-a-uuid', { cookie: sysadmin, body: { displayName: 'x' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('params.id');
  });
});

describe('password reset and unlock', () => {
  it('a reset ends the sessions and makes the user change the password again', async () => {
    const username = 'kf_prevention';
    const id = await userIdOf(t, username);
    const old = await t.login(username);
    const weak = await t.req('POST', `/api/users/${id}/reset-password`, { cookie: sysadmin, body: { password: 'abc' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().field).toBe('body.password');

    const temp = strongPassword();
    const res = await t.req('POST', `/api/users/${id}/reset-password`, { cookie: sysadmin, body: { password: temp } });
    expect(res.statusCode).toBe(204);
    expect((await t.req('GET', '/api/auth/me', { cookie: old })).statusCode).toBe(401);
    expect((await t.req('POST', '/api/auth/login', { body: { username, password: DEMO_PASSWORD }, ip: '192.0.2.50' })).statusCode).toBe(401);
    const cookie = await t.login(username, temp);
    expect((await t.req('GET', '/api/auth/me', { cookie })).json().mustChangePassword).toBe(true);
    expect((await t.req('GET', '/api/org/summary', { cookie })).json().code).toBe('auth.password_change_required');
    expect((await t.req('POST', '/api/auth/password', { cookie, body: { currentPassword: temp, newPassword: DEMO_PASSWORD } })).statusCode).toBe(204);
    expect((await t.req('GET', '/api/org/summary', { cookie })).statusCode).toBe(200);
  });

  it('unlock lifts a lock-out', async () => {
    const username = 'kf_industry';
    const id = await userIdOf(t, username);
    await exec(t, sql`update users set locked_until = now() + interval '30 minutes', failed_logins = 0 where id = ${id}`);
    const locked = await t.req('POST', '/api/auth/login', { body: { username, password: DEMO_PASSWORD }, ip: '192.0.2.51' });
    expect(locked.statusCode).toBe(423);
    expect((await t.req('POST', `/api/users/${id}/unlock`, { cookie: sysadmin })).statusCode).toBe(204);
    const [row] = await rows<{ locked_until: unknown }>(t, sql`select locked_until from users where id = ${id}`);
    expect(row!.locked_until).toBeNull();
    await t.login(username);
  });

  it('answer 404 for an unknown user', async () => {
    expect((await t.req('POST', `/api/users/${randomUuid()}/unlock`, { cookie: sysadmin })).statusCode).toBe(404);
    expect((await t.req('POST', `/api/users/${randomUuid()}/reset-password`, { cookie: sysadmin, body: { password: strongPassword() } })).statusCode).toBe(404);
  });
});

describe('export', () => {
  it('exports the filtered list as xlsx with masked phones', async () => {
    const res = await t.req('GET', '/api/users/export?regionCode=410225', { cookie: sysadmin });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX_TYPE);
    expect(String(res.headers['content-disposition'])).toContain('attachment');
    const sheet = await readXlsx(res.rawPayload);
    expect(sheet[0]).toEqual(['用户名', '姓名', '角色', '地区', '部门', '手机号', '状态', '最近登录']);
    const listed = await list(sysadmin, 'regionCode=410225');
    expect(sheet.slice(1).map((r) => r[0])).toEqual(listed.items.map((u) => u.username));
    expect(sheet.slice(1).every((r) => r[3] === '兰考县')).toBe(true);
    const lk = sheet.find((r) => r[0] === 'lk_dispatcher')!;
    expect(lk[5]).toBe('138****0030');
    expect(JSON.stringify(sheet)).not.toMatch(/1\d{10}/);
  });

  it('speaks English when asked', async () => {
    const res = await t.req('GET', '/api/users/export?role=dispatcher', { cookie: sysadmin, lang: 'en-US' });
    const sheet = await readXlsx(res.rawPayload);
    expect(sheet[0]![0]).toBe('Username');
    expect(sheet.slice(1).every((r) => r[2] === 'Command dispatcher')).toBe(true);
  });
});

describe('scope of a county system administrator', () => {
  let lkAdmin: string;
  let glId: string;
  beforeAll(async () => {
    const initial = strongPassword();
    const created = await t.req('POST', '/api/users', {
      cookie: sysadmin,
      body: { username: 'lk_sysadmin', displayName: '兰考县系统管理员', role: 'system_admin', regionCode: '410225', password: initial },
    });
    expect(created.statusCode).toBe(201);
    // First sign-in: change the password and enrol the second factor an administrator needs.
    const first = await t.login('lk_sysadmin', initial);
    const me = (await t.req('GET', '/api/auth/me', { cookie: first })).json();
    expect(me).toMatchObject({ mustChangePassword: true, mustEnrollTotp: true });
    expect((await t.req('GET', '/api/users', { cookie: first })).statusCode).toBe(403);
    const password = strongPassword();
    expect((await t.req('POST', '/api/auth/password', { cookie: first, body: { currentPassword: initial, newPassword: password } })).statusCode).toBe(204);
    const blocked = await t.req('GET', '/api/users', { cookie: first });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('auth.totp_enrollment_required');
    const { secret } = (await t.req('GET', '/api/auth/totp/setup', { cookie: first })).json();
    expect((await t.req('POST', '/api/auth/totp/enable', { cookie: first, body: { code: await freshTotp(secret) } })).statusCode).toBe(204);
    const noCode = await t.req('POST', '/api/auth/login', { body: { username: 'lk_sysadmin', password }, ip: '192.0.2.60' });
    expect(noCode.json().code).toBe('auth.totp_required');
    lkAdmin = await t.login('lk_sysadmin', password);
    glId = await userIdOf(t, 'gl_dispatcher');
  });

  it('lists only accounts of 兰考县', async () => {
    const all = await list(lkAdmin, '');
    expect(all.items.map((u) => u.username)).toEqual(expect.arrayContaining(['lk_sysadmin', 'lk_dispatcher', 'ent_lankao']));
    expect(all.items.every((u) => u.regionCode === '410225')).toBe(true);
    expect((await list(lkAdmin, 'q=gl_dispatcher')).total).toBe(0);
    expect((await list(lkAdmin, 'q=sysadmin')).items.map((u) => u.username)).toEqual(['lk_sysadmin']);
  });

  it.each(['410204', '410200', '410000'])('filtering by region %s outside its county is not found', async (code) => {
    for (const url of [`/api/users?regionCode=${code}`, `/api/users/export?regionCode=${code}`]) {
      const res = await t.req('GET', url, { cookie: lkAdmin });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().code).toBe('not_found');
    }
  });

  it('its export holds no account of another county', async () => {
    const res = await t.req('GET', '/api/users/export', { cookie: lkAdmin });
    expect(res.statusCode).toBe(200);
    const sheet = await readXlsx(res.rawPayload);
    expect(sheet.length).toBeGreaterThan(2);
    expect(sheet.slice(1).every((r) => r[3] === '兰考县')).toBe(true);
  });

  it('cannot change, reset or unlock a user of 鼓楼区 or of the province: 404', async () => {
    const sysId = await userIdOf(t, 'sysadmin');
    for (const id of [glId, sysId]) {
      const calls = [
        t.req('PATCH', `/api/users/${id}`, { cookie: lkAdmin, body: { displayName: '被改了' } }),
        t.req('PATCH', `/api/users/${id}`, { cookie: lkAdmin, body: { disabled: true } }),
        t.req('POST', `/api/users/${id}/reset-password`, { cookie: lkAdmin, body: { password: strongPassword() } }),
        t.req('POST', `/api/users/${id}/unlock`, { cookie: lkAdmin }),
      ];
      for (const res of await Promise.all(calls)) {
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('not_found');
      }
    }
    const [gl] = await rows<{ display_name: string; disabled: boolean }>(t, sql`select display_name, disabled from users where id = ${glId}`);
    expect(gl).toEqual({ display_name: '鼓楼区调度员', disabled: false });
    await t.login('gl_dispatcher');
  });

  it('cannot create a user outside its county', async () => {
    const outside = await t.req('POST', '/api/users', { cookie: lkAdmin, body: newUser({ regionCode: '410204' }) });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().field).toBe('body.regionCode');
    const up = await t.req('POST', '/api/users', { cookie: lkAdmin, body: newUser({ regionCode: '410200' }) });
    expect(up.statusCode).toBe(400);
    expect(up.json().field).toBe('body.regionCode');
    const ent = await t.req('POST', '/api/users', { cookie: lkAdmin, body: newUser({ role: 'enterprise_user', regionCode: '410225', enterpriseId: await enterpriseIn('410204') }) });
    expect(ent.statusCode).toBe(400);
    expect(ent.json().field).toBe('body.enterpriseId');
    const dep = await t.req('POST', '/api/users', { cookie: lkAdmin, body: newUser({ regionCode: '410225', departmentId: await departmentId('410204', 'commerce') }) });
    expect(dep.statusCode).toBe(400);
    expect(dep.json().field).toBe('body.departmentId');
  });

  it('manages its own county', async () => {
    const created = await t.req('POST', '/api/users', { cookie: lkAdmin, body: newUser({ regionCode: '410225', departmentId: await departmentId('410225', 'commerce') }) });
    expect(created.statusCode).toBe(201);
    expect(created.json().regionCode).toBe('410225');
    const id = await userIdOf(t, 'lk_dispatcher');
    const patched = await t.req('PATCH', `/api/users/${id}`, { cookie: lkAdmin, body: { displayName: '兰考县调度员（改）' } });
    expect(patched.statusCode).toBe(200);
  });
});

describe('roles to assign', () => {
  it('lists the roles by code and name, in both languages', async () => {
    const res = await t.req('GET', '/api/users/roles', { cookie: sysadmin });
    expect(res.statusCode).toBe(200);
    const roles: { code: string; name: string }[] = res.json();
    expect(roles.map((r) => r.code)).toEqual(expect.arrayContaining(['dispatcher', 'enterprise_user', 'system_admin']));
    expect(roles.find((r) => r.code === 'dispatcher')!.name).toBe('指挥部调度员');
    const en: { code: string; name: string }[] = (await t.req('GET', '/api/users/roles', { cookie: sysadmin, lang: 'en-US' })).json();
    expect(en.find((r) => r.code === 'dispatcher')!.name).toBe('Command dispatcher');
  });
});

describe('separation of duties', () => {
  it('security, audit and ordinary accounts get 403 on every user route', async () => {
    const cookies = await Promise.all(['secadmin', 'auditadmin', 'kf_dispatcher', 'ent_lankao'].map((u) => t.login(u)));
    const id = await userIdOf(t, 'kf_dispatcher');
    for (const cookie of cookies) {
      const calls = [
        t.req('GET', '/api/users', { cookie }),
        t.req('GET', '/api/users/export', { cookie }),
        t.req('GET', '/api/users/roles', { cookie }),
        t.req('POST', '/api/users', { cookie, body: newUser() }),
        t.req('PATCH', `/api/users/${id}`, { cookie, body: { displayName: 'x' } }),
        t.req('POST', `/api/users/${id}/reset-password`, { cookie, body: { password: strongPassword() } }),
        t.req('POST', `/api/users/${id}/unlock`, { cookie }),
      ];
      for (const res of await Promise.all(calls)) {
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe('forbidden');
      }
    }
  });
});
