import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { randomUuid, rows, userIdOf } from '../../testing/helpers.js';
import { OrgService, RegionDirectory } from '../../modules/org/service.js';
import type { NotificationInput, StoredNotification } from './service.js';

let t: TestApp;
let ids: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  // This file's own copy of the database: start from no notifications (the seed adds demo ones).
  await t.database.db.execute(sql`delete from notifications`);
  ids = {};
  for (const u of ['lk_dispatcher', 'gl_dispatcher', 'ent_lankao', 'ent_lankao2', 'kf_dispatcher', 'ent_gulou']) ids[u] = await userIdOf(t, u);
});
afterAll(async () => {
  await t.close();
});

let seq = 0;
/** A small notification for the given users, distinct per call. */
function input(users: string[], over: Partial<NotificationInput> = {}): NotificationInput {
  seq++;
  return {
    userIds: users.map((u) => ids[u]!),
    kind: 'test.event',
    title: { zh: `测试消息 ${seq}`, en: `Test message ${seq}` },
    body: { zh: '正文', en: 'Body' },
    link: `/demands/${seq}`,
    ref: { type: 'demand', id: String(seq) },
    ...over,
  };
}

async function notify(i: NotificationInput) {
  await t.database.db.transaction((tx) => t.app.notifications.notify(tx, i));
}

describe('notifications API', () => {
  it('answers 401 without a session', async () => {
    for (const [m, url] of [
      ['GET', '/api/notifications'],
      ['GET', '/api/notifications/unread-count'],
      ['POST', `/api/notifications/${randomUuid()}/read`],
      ['POST', '/api/notifications/read-all'],
      ['GET', '/api/notifications/stream'],
    ] as const) {
      const res = await t.req(m, url);
      expect(res.statusCode, url).toBe(401);
    }
  });

  it('shows each user only their own notifications: another user’s id answers 404', async () => {
    await notify(input(['ent_lankao'], { title: { zh: '企业一的消息', en: 'For enterprise one' } }));
    await notify(input(['ent_lankao2'], { title: { zh: '企业二的消息', en: 'For enterprise two' } }));
    const one = await t.login('ent_lankao');
    const two = await t.login('ent_lankao2');
    const list1 = (await t.req('GET', '/api/notifications', { cookie: one })).json();
    const list2 = (await t.req('GET', '/api/notifications', { cookie: two })).json();
    expect(list1.items.map((n: { title: { zh: string } }) => n.title.zh)).toEqual(['企业一的消息']);
    expect(list2.items.map((n: { title: { zh: string } }) => n.title.zh)).toEqual(['企业二的消息']);
    const theirs = list2.items[0].id as string;
    const res = await t.req('POST', `/api/notifications/${theirs}/read`, { cookie: one });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'not_found', message: '消息不存在' });
    const missing = await t.req('POST', `/api/notifications/${randomUuid()}/read`, { cookie: one });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual(res.json());
    // Still unread for its owner.
    expect((await t.req('GET', '/api/notifications/unread-count', { cookie: two })).json()).toEqual({ count: 1 });
  });

  it('answers 400 naming the field', async () => {
    const cookie = await t.login('lk_dispatcher');
    const badPage = await t.req('GET', '/api/notifications?pageSize=0', { cookie });
    expect(badPage.statusCode).toBe(400);
    expect(badPage.json().field).toBe('query.pageSize');
    const badUnread = await t.req('GET', '/api/notifications?unread=maybe', { cookie });
    expect(badUnread.json().field).toBe('query.unread');
    const badId = await t.req('POST', '/api/notifications/not-a-uuid/read', { cookie });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().field).toBe('params.id');
  });

  it('lists with paging and the unread filter, marks read and all read, with audit events', async () => {
    for (let i = 0; i < 5; i++) await notify(input(['gl_dispatcher']));
    const cookie = await t.login('gl_dispatcher');
    const page1 = (await t.req('GET', '/api/notifications?page=1&pageSize=2', { cookie })).json();
    expect(page1).toMatchObject({ total: 5, unread: 5 });
    expect(page1.items).toHaveLength(2);
    expect(page1.items[0]).toMatchObject({ kind: 'test.event', read: false, readAt: null, body: { zh: '正文', en: 'Body' }, ref: { type: 'demand' } });
    expect(page1.items[0].link).toMatch(/^\/demands\//);
    const page3 = (await t.req('GET', '/api/notifications?page=3&pageSize=2', { cookie })).json();
    expect(page3.items).toHaveLength(1);

    const read = await t.req('POST', `/api/notifications/${page1.items[0].id}/read`, { cookie });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: page1.items[0].id, read: true });
    // Twice is harmless and keeps the first time.
    const again = await t.req('POST', `/api/notifications/${page1.items[0].id}/read`, { cookie });
    expect(again.json().readAt).toBe(read.json().readAt);
    expect((await t.req('GET', '/api/notifications/unread-count', { cookie })).json()).toEqual({ count: 4 });
    const unreadOnly = (await t.req('GET', '/api/notifications?unread=true', { cookie })).json();
    expect(unreadOnly.total).toBe(4);

    const all = await t.req('POST', '/api/notifications/read-all', { cookie });
    expect(all.json()).toEqual({ updated: 4 });
    expect((await t.req('GET', '/api/notifications/unread-count', { cookie })).json()).toEqual({ count: 0 });
    expect((await t.req('POST', '/api/notifications/read-all', { cookie })).json()).toEqual({ updated: 0 });

    const audit = await rows<{ action: string }>(t, sql`select action from audit_events where actor_id = ${ids.gl_dispatcher} and action like 'notification.%' order by id`);
    expect(audit.map((a) => a.action)).toEqual(['notification.read', 'notification.read_all']);
  });

  it('stores the same dedupe key once per user, and nothing when the transaction rolls back', async () => {
    const i = input(['kf_dispatcher'], { dedupeKey: 'test:dedupe:1' });
    await notify(i);
    await notify(i);
    await expect(
      t.database.db.transaction(async (tx) => {
        await t.app.notifications.notify(tx, input(['kf_dispatcher'], { title: { zh: '回滚', en: 'rolled back' } }));
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const stored = await rows<{ title_zh: string }>(t, sql`select title_zh from notifications where user_id = ${ids.kf_dispatcher}`);
    expect(stored.map((r) => r.title_zh)).toEqual([i.title.zh]);
  });

  it('stores many notifications in bulk: beyond one insert, duplicates and dedupe keys once', async () => {
    // 1,200 notifications for one user span three inserts; a repeated input and a repeated
    // recipient are stored once.
    const many = Array.from({ length: 1200 }, (_, i) => input(['ent_gulou'], { dedupeKey: `test:bulk:${i}` }));
    const u = ids.ent_gulou!;
    await t.database.db.transaction((tx) => t.app.notifications.notifyMany(tx, [...many, many[0]!, { ...many[1]!, userIds: [u, u] }]));
    await t.database.db.transaction((tx) => t.app.notifications.notifyMany(tx, many.slice(0, 10)));
    await t.database.db.transaction((tx) => t.app.notifications.notifyMany(tx, []));
    const n = await rows<{ n: number }>(t, sql`select count(*)::int as n from notifications where user_id = ${u} and dedupe_key like 'test:bulk:%'`);
    expect(n[0]!.n).toBe(1200);
  });

  it('pushes live over the event stream after commit, and runs channels in a job', async () => {
    const delivered: StoredNotification[] = [];
    t.app.notifications.addChannel({ name: 'test-sms', deliver: async (n) => void delivered.push(n) });
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const cookie = await t.login('lk_dispatcher');
    const ctrl = new AbortController();
    const res = await fetch(`${address}/api/notifications/stream`, { headers: { cookie }, signal: ctrl.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const nextCount = async (): Promise<number> => {
      for (;;) {
        const m = /event: unread\ndata: (\{[^\n]*\})\n\n/.exec(buffer);
        if (m) {
          buffer = buffer.slice(m.index + m[0].length);
          return (JSON.parse(m[1]!) as { count: number }).count;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    };
    const before = await nextCount();
    let signals = 0;
    const off = t.app.notifications.hub.subscribe(ids.lk_dispatcher!, () => void signals++);
    let signalsInTx = -1;
    await t.database.db.transaction(async (tx) => {
      await t.app.notifications.notify(tx, input(['lk_dispatcher']));
      await new Promise((r) => setTimeout(r, 100));
      signalsInTx = signals;
    });
    expect(signalsInTx).toBe(0);
    expect(await nextCount()).toBe(before + 1);
    expect(signals).toBe(1);
    off();
    expect(delivered).toHaveLength(0);
    expect(await t.app.jobs.runDue()).toBeGreaterThanOrEqual(1);
    expect(delivered.map((n) => n.userId)).toEqual([ids.lk_dispatcher]);
    ctrl.abort();
  });
});

describe('OrgService.userIdsFor', () => {
  it('finds active accounts by region, role, enterprise and permission', async () => {
    const regions = new RegionDirectory();
    await regions.load(t.database.db);
    const org = new OrgService(t.database.db, regions);
    const lk = await org.userIdsFor({ regionCode: '410225', roleCodes: ['dispatcher'] });
    expect(lk).toEqual([ids.lk_dispatcher]);
    const kfAll = await org.userIdsFor({ regionCode: '410200', includeSubRegions: true, roleCodes: ['dispatcher'] });
    expect(kfAll).toEqual(expect.arrayContaining([ids.kf_dispatcher, ids.lk_dispatcher, ids.gl_dispatcher]));
    expect(await org.userIdsFor({ regionCode: '410200', roleCodes: ['dispatcher'] })).toEqual([ids.kf_dispatcher]);
    const entRows = await rows<{ enterprise_id: string }>(t, sql`select enterprise_id from users where username = 'ent_lankao'`);
    expect(await org.userIdsFor({ enterpriseId: entRows[0]!.enterprise_id })).toEqual([ids.ent_lankao]);
    const byPermission = await org.userIdsFor({ regionCode: '410225', permission: 'enterprise.self' });
    expect(byPermission.sort()).toEqual([ids.ent_lankao, ids.ent_lankao2].sort());
    expect(await org.userIdsFor({ roleCodes: [] })).toEqual([]);
    await t.database.db.execute(sql`update users set disabled = true where username = 'ent_lankao2'`);
    expect(await org.userIdsFor({ regionCode: '410225', permission: 'enterprise.self' })).toEqual([ids.ent_lankao]);
    await t.database.db.execute(sql`update users set disabled = false where username = 'ent_lankao2'`);
  });
});
