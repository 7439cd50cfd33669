import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { asc, eq, gt, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { dbError, exec, readXlsx, rows, strongPassword, userIdOf, XLSX_TYPE } from '../../testing/helpers.js';
import { DEMO_PASSWORD } from '../../seed/accounts.js';
import { canonicalJson, eventHash } from './service.js';
import { auditEvents } from './tables.js';

let t: TestApp;
let auditor: string;
let sysadmin: string;
let secadmin: string;
beforeAll(async () => {
  t = await createTestApp();
  auditor = await t.login('auditadmin');
  sysadmin = await t.login('sysadmin');
  secadmin = await t.login('secadmin');
});
afterAll(async () => {
  await t.close();
});

type Event = typeof auditEvents.$inferSelect;

async function lastId(): Promise<number> {
  const [r] = await rows<{ id: number | string | null }>(t, sql`select max(id) as id from audit_events`);
  return Number(r?.id ?? 0);
}
async function eventsAfter(id: number): Promise<Event[]> {
  return t.database.db.select().from(auditEvents).where(gt(auditEvents.id, id)).orderBy(asc(auditEvents.id));
}
async function verify() {
  const res = await t.req('POST', '/api/audit/verify', { cookie: auditor });
  expect(res.statusCode).toBe(200);
  return res.json() as { ok: boolean; checked: number; brokenAt: { id: number; at: string; reason: string } | null };
}
/** Runs raw statements with the append-only trigger off, as an intruder with table rights could. */
async function withoutTrigger(fn: () => Promise<void>) {
  await exec(t, sql`alter table audit_events disable trigger audit_events_no_update`);
  try {
    await fn();
  } finally {
    await exec(t, sql`alter table audit_events enable trigger audit_events_no_update`);
  }
}
/** Some event well inside the chain, with events after it. */
async function middleEvent(): Promise<Event> {
  const all = await t.database.db.select({ id: auditEvents.id }).from(auditEvents).orderBy(asc(auditEvents.id));
  expect(all.length).toBeGreaterThan(5);
  const id = all[Math.floor(all.length / 2)]!.id;
  return (await t.database.db.select().from(auditEvents).where(eq(auditEvents.id, id)))[0]!;
}

describe('what is recorded', () => {
  it('every sign-in, failed sign-in and change writes an event', async () => {
    const before = await lastId();
    await t.login('kf_dispatcher');
    await t.req('POST', '/api/auth/login', { body: { username: 'kf_dispatcher', password: 'Wrong#Pass1' }, ip: '192.0.2.10' });
    await t.req('POST', '/api/auth/login', { body: { username: 'ghost', password: 'Wrong#Pass1' }, ip: '192.0.2.10' });

    const initial = strongPassword();
    const created = await t.req('POST', '/api/users', {
      cookie: sysadmin,
      body: { username: 'audit_probe', displayName: '审计探针', role: 'dispatcher', regionCode: '410200', password: initial },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const probe = await t.login('audit_probe', initial);
    expect((await t.req('POST', '/api/auth/password', { cookie: probe, body: { currentPassword: initial, newPassword: strongPassword() } })).statusCode).toBe(204);
    expect((await t.req('PATCH', `/api/users/${id}`, { cookie: sysadmin, body: { displayName: '审计探针二' } })).statusCode).toBe(200);
    expect((await t.req('PATCH', `/api/users/${id}`, { cookie: sysadmin, body: { disabled: true } })).statusCode).toBe(200);
    expect((await t.req('PATCH', `/api/users/${id}`, { cookie: sysadmin, body: { disabled: false } })).statusCode).toBe(200);
    expect((await t.req('POST', `/api/users/${id}/reset-password`, { cookie: sysadmin, body: { password: strongPassword() } })).statusCode).toBe(204);
    expect((await t.req('POST', `/api/users/${id}/unlock`, { cookie: sysadmin })).statusCode).toBe(204);
    const settings = (await t.req('GET', '/api/security/settings', { cookie: secadmin })).json();
    expect((await t.req('PUT', '/api/security/settings', { cookie: secadmin, body: settings })).statusCode).toBe(200);
    expect((await t.req('PUT', '/api/security/roles/supervisor', { cookie: secadmin, body: { permissions: ['org.read'] } })).statusCode).toBe(200);

    const events = await eventsAfter(before);
    const actions = events.map((e) => e.action);
    expect(actions).toEqual([
      'auth.login',
      'auth.login_failed',
      'auth.login_failed',
      'user.created',
      'auth.login',
      'auth.password_changed',
      'user.updated',
      'user.disabled',
      'user.enabled',
      'user.password_reset',
      'user.unlocked',
      'security.settings_changed',
      'role.permissions_changed',
    ]);
    const kfId = await userIdOf(t, 'kf_dispatcher');
    expect(events[0]).toMatchObject({ actorId: kfId, actorName: 'kf_dispatcher', targetType: 'user', targetId: kfId, regionCode: '410200' });
    expect(events[0]!.ip).toMatch(/^198\.18\./);
    expect(events[1]).toMatchObject({ actorName: 'kf_dispatcher', ip: '192.0.2.10', detail: { reason: 'wrong_password', failures: 1 } });
    expect(events[2]).toMatchObject({ actorId: null, actorName: 'ghost', detail: { reason: 'unknown_user' } });
    const sysId = await userIdOf(t, 'sysadmin');
    for (const e of events.slice(3).filter((x) => x.action.startsWith('user.'))) {
      expect(e).toMatchObject({ actorId: sysId, actorName: 'sysadmin', targetType: 'user', targetId: id });
    }
    expect(events[3]!.detail).toEqual({ username: 'audit_probe', role: 'dispatcher' });
    expect(events.at(-1)).toMatchObject({ actorName: 'secadmin', targetType: 'role', targetId: 'supervisor' });
    // No password, hash or secret ever reaches the log.
    const text = JSON.stringify(events);
    expect(text).not.toContain(initial);
    expect(text).not.toContain('argon2');
  });

  it('a lock-out and a refused sign-in are recorded with their reason', async () => {
    const before = await lastId();
    for (let i = 0; i < 5; i++) await t.req('POST', '/api/auth/login', { body: { username: 'kf_liaison', password: 'Wrong#Pass1' }, ip: `192.0.2.${20 + i}` });
    await t.req('POST', '/api/auth/login', { body: { username: 'kf_liaison', password: DEMO_PASSWORD }, ip: '192.0.2.30' });
    const actions = (await eventsAfter(before)).map((e) => [e.action, (e.detail as { reason?: string } | null)?.reason]);
    expect(actions).toEqual([
      ['auth.login_failed', 'wrong_password'],
      ['auth.login_failed', 'wrong_password'],
      ['auth.login_failed', 'wrong_password'],
      ['auth.login_failed', 'wrong_password'],
      ['auth.locked', 'wrong_password'],
      ['auth.login_refused', 'locked'],
    ]);
  });

  it('concurrent changes still form one linear chain', async () => {
    const names = ['kf_prevention', 'kf_supervisor', 'kf_industry', 'kf_tf_transport', 'lk_dispatcher', 'lk_industry', 'gl_dispatcher', 'prov_dispatcher'];
    const ids = await Promise.all(names.map((n) => userIdOf(t, n)));
    const results = await Promise.all(ids.map((id, i) => t.req('PATCH', `/api/users/${id}`, { cookie: sysadmin, body: { displayName: `并发${i}` } })));
    expect(results.map((r) => r.statusCode)).toEqual(ids.map(() => 200));
    expect((await verify()).ok).toBe(true);
  });
});

describe('verification of the hash chain', () => {
  it('the chain of the seeded and used database verifies, and verifying is itself recorded', async () => {
    const [count] = await rows<{ n: number | string }>(t, sql`select count(*) as n from audit_events`);
    const result = await verify();
    expect(result).toEqual({ ok: true, checked: Number(count!.n), brokenAt: null });
    const [last] = await eventsAfter((await lastId()) - 1);
    expect(last).toMatchObject({ action: 'audit.verified', actorName: 'auditadmin', detail: { ok: true, checked: Number(count!.n) } });
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE on audit_events', async () => {
    const e = await middleEvent();
    expect(await dbError(exec(t, sql`update audit_events set action = 'x' where id = ${e.id}`))).toMatch(/append-only/);
    expect(await dbError(exec(t, sql`update audit_events set detail = null`))).toMatch(/append-only/);
    expect(await dbError(exec(t, sql`delete from audit_events where id = ${e.id}`))).toMatch(/append-only/);
    expect(await dbError(exec(t, sql`truncate audit_events`))).toMatch(/append-only/);
    const [again] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.id, e.id));
    expect(again).toEqual(e);
  });

  it('an edited detail or action is found at exactly that event, and restoring it heals the chain', async () => {
    const e = await middleEvent();
    await withoutTrigger(() => exec(t, sql`update audit_events set detail = ${JSON.stringify({ forged: true })}::jsonb where id = ${e.id}`));
    let result = await verify();
    expect(result.ok).toBe(false);
    expect(result.brokenAt).toMatchObject({ id: e.id, reason: 'hash_mismatch' });
    const [before] = await rows<{ n: number | string }>(t, sql`select count(*) as n from audit_events where id < ${e.id}`);
    expect(result.checked).toBe(Number(before!.n));

    await withoutTrigger(() => exec(t, sql`update audit_events set detail = ${e.detail === null ? null : JSON.stringify(e.detail)}::jsonb, action = 'user.deleted' where id = ${e.id}`));
    result = await verify();
    expect(result.brokenAt).toMatchObject({ id: e.id, reason: 'hash_mismatch' });

    await withoutTrigger(() => exec(t, sql`update audit_events set action = ${e.action} where id = ${e.id}`));
    expect((await verify()).ok).toBe(true);
  });

  it('re-hashing an edited event breaks the link of the next one', async () => {
    const e = await middleEvent();
    const forged = { ...e, at: new Date(e.at).toISOString(), actorName: 'someone_else' };
    const forgedHash = eventHash(e.prevHash, forged);
    await withoutTrigger(() => exec(t, sql`update audit_events set actor_name = 'someone_else', hash = ${forgedHash} where id = ${e.id}`));
    const result = await verify();
    const [next] = await rows<{ id: number | string }>(t, sql`select min(id) as id from audit_events where id > ${e.id}`);
    expect(result.ok).toBe(false);
    expect(result.brokenAt).toMatchObject({ id: Number(next!.id), reason: 'link_mismatch' });
    await withoutTrigger(() => exec(t, sql`update audit_events set actor_name = ${e.actorName}, hash = ${e.hash} where id = ${e.id}`));
    expect((await verify()).ok).toBe(true);
  });

  it('a deleted event in the middle is found as a link mismatch at the next one', async () => {
    const e = await middleEvent();
    await withoutTrigger(() => exec(t, sql`delete from audit_events where id = ${e.id}`));
    const result = await verify();
    const [next] = await rows<{ id: number | string }>(t, sql`select min(id) as id from audit_events where id > ${e.id}`);
    expect(result.ok).toBe(false);
    expect(result.brokenAt).toMatchObject({ id: Number(next!.id), reason: 'link_mismatch' });
    // Putting the very same row back restores the chain.
    await t.database.db.insert(auditEvents).values(e);
    expect((await verify()).ok).toBe(true);
  });
});

describe('reading the log', () => {
  it('pages newest first', async () => {
    const [count] = await rows<{ n: number | string }>(t, sql`select count(*) as n from audit_events`);
    const p1 = await t.req('GET', '/api/audit/events?pageSize=5', { cookie: auditor });
    expect(p1.statusCode).toBe(200);
    const b1 = p1.json();
    expect(b1.total).toBe(Number(count!.n));
    expect(b1.items).toHaveLength(5);
    const ids1 = b1.items.map((e: { id: number }) => e.id);
    expect([...ids1].sort((a, b) => b - a)).toEqual(ids1);
    const b2 = (await t.req('GET', '/api/audit/events?pageSize=5&page=2', { cookie: auditor })).json();
    expect(b2.items).toHaveLength(5);
    // Reading page 1 is itself audited, so page 2 starts one event later: at most one overlap.
    expect(Math.max(...b2.items.map((e: { id: number }) => e.id))).toBeLessThanOrEqual(Math.min(...ids1));
    const beyond = (await t.req('GET', '/api/audit/events?pageSize=200&page=1000', { cookie: auditor })).json();
    expect(beyond.items).toEqual([]);
  });

  it('filters by action, actor, target type and time', async () => {
    const byAction = (await t.req('GET', '/api/audit/events?action=user.created&pageSize=200', { cookie: auditor })).json();
    expect(byAction.total).toBeGreaterThan(0);
    expect(byAction.items.every((e: { action: string }) => e.action === 'user.created')).toBe(true);

    const byActor = (await t.req('GET', '/api/audit/events?actor=kf_dispatcher&pageSize=200', { cookie: auditor })).json();
    expect(byActor.total).toBeGreaterThan(0);
    expect(byActor.items.every((e: { actorName: string }) => e.actorName.includes('kf_dispatcher'))).toBe(true);

    const byType = (await t.req('GET', '/api/audit/events?targetType=role&pageSize=200', { cookie: auditor })).json();
    expect(byType.total).toBeGreaterThan(0);
    expect(byType.items.every((e: { targetType: string }) => e.targetType === 'role')).toBe(true);

    const combined = (await t.req('GET', '/api/audit/events?actor=kf_liaison&action=auth.locked', { cookie: auditor })).json();
    expect(combined.total).toBe(1);

    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect((await t.req('GET', `/api/audit/events?from=${encodeURIComponent(future)}`, { cookie: auditor })).json().total).toBe(0);
    const past = '2000-01-01T00:00:00+08:00';
    expect((await t.req('GET', `/api/audit/events?to=${encodeURIComponent(past)}`, { cookie: auditor })).json().total).toBe(0);
    const [count] = await rows<{ n: number | string }>(t, sql`select count(*) as n from audit_events`);
    const all = (await t.req('GET', `/api/audit/events?from=${encodeURIComponent(past)}&to=${encodeURIComponent(future)}`, { cookie: auditor })).json();
    expect(all.total).toBe(Number(count!.n));
  });

  it('rejects bad filters naming the field', async () => {
    const bad = await t.req('GET', '/api/audit/events?from=yesterday', { cookie: auditor });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation.invalid', field: 'query.from' });
    const big = await t.req('GET', '/api/audit/events?pageSize=1000', { cookie: auditor });
    expect(big.statusCode).toBe(400);
    expect(big.json().field).toBe('query.pageSize');
  });

  it('exports an xlsx, and the export is itself recorded', async () => {
    const before = await lastId();
    const res = await t.req('GET', '/api/audit/export?action=user.', { cookie: auditor });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX_TYPE);
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename\*=UTF-8''.+\.xlsx$/);
    const sheet = await readXlsx(res.rawPayload);
    expect(sheet[0]![0]).toBe('ID');
    const [n] = await rows<{ n: number | string }>(t, sql`select count(*) as n from audit_events where action ilike '%user.%' and id <= ${before}`);
    expect(sheet.length - 1).toBe(Number(n!.n));
    expect(sheet.slice(1).every((r) => String(r[4]).startsWith('user.'))).toBe(true);
    const after = await eventsAfter(before);
    expect(after.map((e) => e.action)).toEqual(['audit.exported']);
    expect(after[0]).toMatchObject({ actorName: 'auditadmin', detail: { rows: Number(n!.n) } });
  });
});

describe('only the audit role reads the log', () => {
  it('answers 403 to every other role on every audit route', async () => {
    const others = [sysadmin, secadmin, await t.login('kf_dispatcher'), await t.login('prov_dispatcher'), await t.login('ent_lankao')];
    for (const cookie of others) {
      for (const [method, url] of [['GET', '/api/audit/events'], ['POST', '/api/audit/verify'], ['GET', '/api/audit/export']] as const) {
        const res = await t.req(method, url, { cookie });
        expect(res.statusCode, `${method} ${url}`).toBe(403);
        expect(res.json().code).toBe('forbidden');
      }
    }
  });
});

describe('canonicalJson', () => {
  /** The same value with every object's keys in reverse order (Object.fromEntries keeps __proto__ as a key). */
  const reorder = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(reorder);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reorder(x)]));
    return v;
  };

  it('does not depend on key order', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => canonicalJson(reorder(v)) === canonicalJson(v)));
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
  });

  it('is valid JSON that reads back to the same canonical form', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const s = canonicalJson(v);
        return canonicalJson(JSON.parse(s)) === s;
      }),
    );
  });

  it('is equal exactly for equal values', () => {
    const plain = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), fc.boolean(), (a, other, same) => {
        const b = same ? reorder(a) : other;
        return (canonicalJson(a) === canonicalJson(b)) === isDeepStrictEqual(plain(a), plain(b));
      }),
    );
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
    expect(canonicalJson({ a: undefined, b: 1 })).toBe(canonicalJson({ b: 1 }));
  });
});
