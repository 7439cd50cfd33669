import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { ageSession, rows, sessionIdOf, strongPassword, userIdOf } from '../../testing/helpers.js';
import { DEMO_PASSWORD } from '../../seed/accounts.js';
import { passwordMeetsPolicy } from './passwords.js';
import { currentTotp, verifyTotp } from './totp.js';
import { freshTotp } from '../../testing/totp.js';
import { users } from './tables.js';

let t: TestApp;
let sysadmin: string;
let secadmin: string;
beforeAll(async () => {
  t = await createTestApp();
  sysadmin = await t.login('sysadmin');
  secadmin = await t.login('secadmin');
});
afterAll(async () => {
  await t.close();
});

const login = (body: Record<string, unknown>, ip?: string) => t.req('POST', '/api/auth/login', { body, ...(ip ? { ip } : {}) });
/** Each call comes from a new address, so the login rate limit never interferes with these tests. */
let ipCounter = 0;
const freshIp = () => `192.0.2.${++ipCounter}`;

async function totpSecretOf(username: string): Promise<string> {
  const u = (await t.database.db.select().from(users).where(eq(users.username, username)))[0]!;
  return t.crypto.decrypt(u.totpSecretEnc!);
}

/** A six-digit code the authenticator would not accept now. */
function wrongCode(secret: string): string {
  for (let i = 0; ; i++) {
    const code = String((Number(currentTotp(secret)) + 100_000 + i * 7919) % 1_000_000).padStart(6, '0');
    if (!verifyTotp(secret, code)) return code;
  }
}

describe('login', () => {
  it('signs in and answers me', async () => {
    const cookie = await t.login('kf_dispatcher');
    const me = await t.req('GET', '/api/auth/me', { cookie });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: 'kf_dispatcher', regionCode: '410200', regionLevel: 'city', mustChangePassword: false, mustEnrollTotp: false });
  });

  it('sets an httpOnly, SameSite=Strict session cookie on success', async () => {
    const res = await login({ username: 'kf_dispatcher', password: DEMO_PASSWORD }, freshIp());
    expect(res.statusCode).toBe(200);
    expect(res.json().user.username).toBe('kf_dispatcher');
    const cookie = res.cookies.find((c) => c.name === 'sibao_session');
    expect(cookie).toBeDefined();
    expect(cookie!.httpOnly).toBe(true);
    expect(String(cookie!.sameSite).toLowerCase()).toBe('strict');
    expect(cookie!.path).toBe('/');
    expect(cookie!.value.length).toBeGreaterThanOrEqual(32);
    // Only a hash of the token is stored, never the token itself.
    const stored = await rows<{ id: string }>(t, sql`select id from sessions where id = ${cookie!.value}`);
    expect(stored).toHaveLength(0);
    const hashed = await rows<{ id: string }>(t, sql`select id from sessions where id = ${sessionIdOf(`sibao_session=${cookie!.value}`)}`);
    expect(hashed).toHaveLength(1);
  });

  it('refuses a wrong password with 401 auth.invalid_credentials', async () => {
    const res = await login({ username: 'kf_dispatcher', password: 'nope' }, freshIp());
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('auth.invalid_credentials');
    expect(res.cookies.find((c) => c.name === 'sibao_session')).toBeUndefined();
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const wrong = await login({ username: 'kf_dispatcher', password: 'Wrong#Pass1' }, freshIp());
    const unknown = await login({ username: 'nobody_here', password: 'Wrong#Pass1' }, freshIp());
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('refuses a missing field with 400 naming it', async () => {
    const res = await login({ username: 'kf_dispatcher' }, freshIp());
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation.invalid', field: 'body.password' });
  });
});

describe('lock-out', () => {
  it('locks the account after 5 failures, even against the right password, until a system admin unlocks it', async () => {
    const username = 'kf_liaison';
    for (let i = 0; i < 4; i++) {
      const res = await login({ username, password: `Wrong#${i}abc` }, freshIp());
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('auth.invalid_credentials');
    }
    const fifth = await login({ username, password: 'Wrong#5abc' }, freshIp());
    expect(fifth.statusCode).toBe(401);

    const guess = await login({ username, password: 'Another#Guess9' }, freshIp());
    expect(guess.statusCode).toBe(401);
    expect(guess.json().code).toBe('auth.invalid_credentials');
    const locked = await login({ username, password: DEMO_PASSWORD }, freshIp());
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe('auth.locked');
    expect(locked.json().message).toMatch(/\d{4}-\d\d-\d\dT/);

    const id = await userIdOf(t, username);
    const listed = await t.req('GET', `/api/users?q=${username}&status=locked`, { cookie: sysadmin });
    expect(listed.json().items.map((u: { id: string }) => u.id)).toEqual([id]);

    const unlock = await t.req('POST', `/api/users/${id}/unlock`, { cookie: sysadmin });
    expect(unlock.statusCode).toBe(204);
    const ok = await login({ username, password: DEMO_PASSWORD }, freshIp());
    expect(ok.statusCode).toBe(200);
  });

  it('a success resets the failure count', async () => {
    const username = 'kf_supervisor';
    for (let i = 0; i < 4; i++) expect((await login({ username, password: 'Wrong#1abc' }, freshIp())).statusCode).toBe(401);
    const [before] = await rows<{ failed_logins: number }>(t, sql`select failed_logins from users where username = ${username}`);
    expect(before!.failed_logins).toBe(4);
    expect((await login({ username, password: DEMO_PASSWORD }, freshIp())).statusCode).toBe(200);
    const [after] = await rows<{ failed_logins: number }>(t, sql`select failed_logins from users where username = ${username}`);
    expect(after!.failed_logins).toBe(0);
  });
});

describe('second factor for administrators', () => {
  it('asks for the code, refuses a wrong one and accepts the right one', async () => {
    const secret = await totpSecretOf('auditadmin');
    const without = await login({ username: 'auditadmin', password: DEMO_PASSWORD }, freshIp());
    expect(without.statusCode).toBe(401);
    expect(without.json()).toMatchObject({ code: 'auth.totp_required', field: 'body.totp' });
    expect(without.cookies.find((c) => c.name === 'sibao_session')).toBeUndefined();

    const wrong = await login({ username: 'auditadmin', password: DEMO_PASSWORD, totp: wrongCode(secret) }, freshIp());
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'auth.totp_invalid', field: 'body.totp' });

    const code = await freshTotp(secret);
    const right = await login({ username: 'auditadmin', password: DEMO_PASSWORD, totp: code }, freshIp());
    expect(right.statusCode).toBe(200);
    expect(right.json().user).toMatchObject({ username: 'auditadmin', totpEnabled: true, mustEnrollTotp: false });
    // The same code again (a replayed or shoulder-surfed code) is refused: each step signs in once.
    const replay = await login({ username: 'auditadmin', password: DEMO_PASSWORD, totp: code }, freshIp());
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ code: 'auth.totp_invalid', field: 'body.totp' });
  });

  it('does not reveal whether the password was right when the code is missing and the password wrong', async () => {
    const res = await login({ username: 'auditadmin', password: 'Wrong#Pass1' }, freshIp());
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('auth.invalid_credentials');
  });
});

describe('session lifetime', () => {
  it('ends a session idle for more than 30 minutes', async () => {
    const cookie = await t.login('kf_prevention');
    await ageSession(t, cookie, { lastSeenMinutesAgo: 29 });
    expect((await t.req('GET', '/api/auth/me', { cookie })).statusCode).toBe(200);
    await ageSession(t, cookie, { lastSeenMinutesAgo: 31 });
    const res = await t.req('GET', '/api/auth/me', { cookie });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('auth.unauthenticated');
    // The expired session is gone for good, even if its clock were set right again.
    expect(await rows(t, sql`select id from sessions where id = ${sessionIdOf(cookie)}`)).toHaveLength(0);
  });

  it('touching the session moves the idle clock', async () => {
    const cookie = await t.login('kf_prevention');
    await ageSession(t, cookie, { lastSeenMinutesAgo: 20 });
    expect((await t.req('GET', '/api/auth/me', { cookie })).statusCode).toBe(200);
    const [row] = await rows<{ age: number | string }>(t, sql`select extract(epoch from now() - last_seen_at) as age from sessions where id = ${sessionIdOf(cookie)}`);
    expect(Number(row!.age)).toBeLessThan(60);
  });

  it('ends a session past its absolute lifetime, however active', async () => {
    const cookie = await t.login('kf_prevention');
    await ageSession(t, cookie, { expiresMinutesAgo: 1 });
    const res = await t.req('GET', '/api/auth/me', { cookie });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('auth.unauthenticated');
  });

  it('logout ends the session', async () => {
    const cookie = await t.login('kf_prevention');
    const out = await t.req('POST', '/api/auth/logout', { cookie });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'sibao_session');
    expect(cleared?.value ?? '').toBe('');
    expect((await t.req('GET', '/api/auth/me', { cookie })).statusCode).toBe(401);
    expect(await rows(t, sql`select id from sessions where id = ${sessionIdOf(cookie)}`)).toHaveLength(0);
  });

  it('a forged or unknown cookie is just unauthenticated', async () => {
    const res = await t.req('GET', '/api/auth/me', { cookie: 'sibao_session=not-a-real-token' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('auth.unauthenticated');
  });
});

describe('disabling an account', () => {
  it('ends its sessions at once and refuses new sign-ins', async () => {
    const username = 'lk_industry';
    const cookie = await t.login(username);
    const other = await t.login(username);
    expect((await t.req('GET', '/api/org/summary', { cookie })).statusCode).toBe(200);
    const id = await userIdOf(t, username);

    const patched = await t.req('PATCH', `/api/users/${id}`, { cookie: sysadmin, body: { disabled: true } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().disabled).toBe(true);
    for (const c of [cookie, other]) {
      const res = await t.req('GET', '/api/auth/me', { cookie: c });
      expect(res.statusCode).toBe(401);
    }
    const again = await login({ username, password: DEMO_PASSWORD }, freshIp());
    expect(again.statusCode).toBe(401);
    expect(again.json().code).toBe('auth.disabled');

    expect((await t.req('PATCH', `/api/users/${id}`, { cookie: sysadmin, body: { disabled: false } })).statusCode).toBe(200);
    expect((await login({ username, password: DEMO_PASSWORD }, freshIp())).statusCode).toBe(200);
  });

  it('a system admin cannot disable their own account', async () => {
    const id = await userIdOf(t, 'sysadmin');
    const res = await t.req('PATCH', `/api/users/${id}`, { cookie: sysadmin, body: { disabled: true } });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('body.disabled');
  });
});

describe('first sign-in and password change', () => {
  let initial: string;
  let cookie: string;
  beforeAll(async () => {
    initial = strongPassword();
    const created = await t.req('POST', '/api/users', {
      cookie: sysadmin,
      body: { username: 'kf_newcomer', displayName: '新同事', role: 'dispatcher', regionCode: '410200', password: initial },
    });
    expect(created.statusCode).toBe(201);
    cookie = await t.login('kf_newcomer', initial);
  });

  it('must change the initial password before anything else', async () => {
    const me = await t.req('GET', '/api/auth/me', { cookie });
    expect(me.statusCode).toBe(200);
    expect(me.json().mustChangePassword).toBe(true);
    const summary = await t.req('GET', '/api/org/summary', { cookie });
    expect(summary.statusCode).toBe(403);
    expect(summary.json().code).toBe('auth.password_change_required');
  });

  it('refuses a weak new password naming body.newPassword', async () => {
    for (const weak of ['short1A', 'alllowercase', 'ALLUPPER12', '12345678901']) {
      const res = await t.req('POST', '/api/auth/password', { cookie, body: { currentPassword: initial, newPassword: weak } });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'auth.weak_password', field: 'body.newPassword' });
    }
  });

  it('refuses a wrong current password naming body.currentPassword', async () => {
    const res = await t.req('POST', '/api/auth/password', { cookie, body: { currentPassword: 'Wrong#Pass1', newPassword: strongPassword() } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'auth.wrong_password', field: 'body.currentPassword' });
  });

  it('refuses the same password again', async () => {
    const res = await t.req('POST', '/api/auth/password', { cookie, body: { currentPassword: initial, newPassword: initial } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'auth.password_reused', field: 'body.newPassword' });
  });

  it('after the change the same session may work, and the new password signs in', async () => {
    const next = strongPassword();
    const res = await t.req('POST', '/api/auth/password', { cookie, body: { currentPassword: initial, newPassword: next } });
    expect(res.statusCode).toBe(204);
    expect((await t.req('GET', '/api/org/summary', { cookie })).statusCode).toBe(200);
    expect((await t.req('GET', '/api/auth/me', { cookie })).json().mustChangePassword).toBe(false);
    expect((await login({ username: 'kf_newcomer', password: initial }, freshIp())).statusCode).toBe(401);
    expect((await login({ username: 'kf_newcomer', password: next }, freshIp())).statusCode).toBe(200);
  });
});

describe('second factor for government users (totpForGovernment)', () => {
  let settings: Record<string, unknown>;
  beforeAll(async () => {
    settings = (await t.req('GET', '/api/security/settings', { cookie: secadmin })).json();
    const res = await t.req('PUT', '/api/security/settings', { cookie: secadmin, body: { ...settings, totpForGovernment: true } });
    expect(res.statusCode).toBe(200);
  });
  afterAll(async () => {
    await t.req('PUT', '/api/security/settings', { cookie: secadmin, body: { ...settings, totpForGovernment: false } });
  });

  it('a government user must enrol before doing anything else, then needs the code to sign in', async () => {
    const res = await login({ username: 'kf_tf_transport', password: DEMO_PASSWORD }, freshIp());
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ mustEnrollTotp: true, totpEnabled: false });
    const cookie = `sibao_session=${res.cookies.find((c) => c.name === 'sibao_session')!.value}`;

    const blocked = await t.req('GET', '/api/org/summary', { cookie });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('auth.totp_enrollment_required');
    expect((await t.req('GET', '/api/auth/me', { cookie })).statusCode).toBe(200);

    const setup = await t.req('GET', '/api/auth/totp/setup', { cookie });
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUrl, qrDataUrl } = setup.json();
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect(otpauthUrl).toContain(`secret=${secret}`);
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);

    const bad = await t.req('POST', '/api/auth/totp/enable', { cookie, body: { code: wrongCode(secret) } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'auth.totp_invalid', field: 'body.code' });
    const malformed = await t.req('POST', '/api/auth/totp/enable', { cookie, body: { code: '12ab' } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().field).toBe('body.code');

    const enabled = await t.req('POST', '/api/auth/totp/enable', { cookie, body: { code: await freshTotp(secret) } });
    expect(enabled.statusCode).toBe(204);
    expect((await t.req('GET', '/api/org/summary', { cookie })).statusCode).toBe(200);
    // The secret is stored encrypted, never in clear.
    const [row] = await rows<{ totp_secret_enc: string }>(t, sql`select totp_secret_enc from users where username = 'kf_tf_transport'`);
    expect(row!.totp_secret_enc).not.toContain(secret);
    // A second set-up cannot replace an enabled factor.
    expect((await t.req('GET', '/api/auth/totp/setup', { cookie })).statusCode).toBe(403);

    const noCode = await login({ username: 'kf_tf_transport', password: DEMO_PASSWORD }, freshIp());
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().code).toBe('auth.totp_required');
    const withCode = await login({ username: 'kf_tf_transport', password: DEMO_PASSWORD, totp: await freshTotp(secret) }, freshIp());
    expect(withCode.json()).toMatchObject({ user: { username: 'kf_tf_transport' } });
    expect(withCode.json().user.mustEnrollTotp).toBe(false);
  });

  it('enterprise users are not affected', async () => {
    const res = await login({ username: 'ent_lankao', password: DEMO_PASSWORD }, freshIp());
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ mustEnrollTotp: false, totpEnabled: false });
  });
});

describe('login rate limit', () => {
  it('answers 429 auth.rate_limited after 20 attempts a minute from one address, and only for that address', async () => {
    const ip = '203.0.113.77';
    const codes: number[] = [];
    for (let i = 0; i < 20; i++) codes.push((await login({ username: 'nobody_here', password: 'x' }, ip)).statusCode);
    expect(codes.every((c) => c === 401)).toBe(true);
    const limited = await login({ username: 'kf_dispatcher', password: DEMO_PASSWORD }, ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ statusCode: 429, code: 'auth.rate_limited' });
    expect(typeof limited.json().message).toBe('string');
    const elsewhere = await login({ username: 'kf_dispatcher', password: DEMO_PASSWORD }, '203.0.113.78');
    expect(elsewhere.statusCode).toBe(200);
  });
});

describe('passwordMeetsPolicy', () => {
  it('needs the minimum length', () => {
    expect(passwordMeetsPolicy('Aa1!aaa', 8)).toBe(false);
    expect(passwordMeetsPolicy('Aa1!aaaa', 8)).toBe(true);
    expect(passwordMeetsPolicy('Aa1!aaaa', 12)).toBe(false);
  });
  it('needs at least three kinds of characters', () => {
    expect(passwordMeetsPolicy('abcdefgh', 8)).toBe(false);
    expect(passwordMeetsPolicy('abcdEFGH', 8)).toBe(false);
    expect(passwordMeetsPolicy('abcd1234', 8)).toBe(false);
    expect(passwordMeetsPolicy('abcdEF12', 8)).toBe(true);
    expect(passwordMeetsPolicy('abcd12!@', 8)).toBe(true);
    expect(passwordMeetsPolicy('ABCD12!@', 8)).toBe(true);
    expect(passwordMeetsPolicy('中文密码中文密码1A', 8)).toBe(true);
    expect(passwordMeetsPolicy(DEMO_PASSWORD, 8)).toBe(true);
  });
  it('a password of a single kind never passes, however long', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{8,40}$|^[A-Z]{8,40}$|^[0-9]{8,40}$/), (p) => !passwordMeetsPolicy(p, 8)),
    );
  });
  it('is monotone: adding characters never makes a passing password fail', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8, maxLength: 30 }), fc.string({ maxLength: 10 }), (p, extra) => {
        if (passwordMeetsPolicy(p, 8)) return passwordMeetsPolicy(p + extra, 8);
        return true;
      }),
    );
  });
  it('follows the configured minimum', () => {
    fc.assert(
      fc.property(fc.integer({ min: 8, max: 64 }), (min) => {
        const base = 'Aa1!'.repeat(20);
        return passwordMeetsPolicy(base.slice(0, min), min) && !passwordMeetsPolicy(base.slice(0, min - 1), min);
      }),
    );
  });
});
