import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { demands } from './tables.js';
import { fileDemand } from './test-data.js';
import { demandSupervisionSource } from './supervision-source.js';
import { DemandClocks } from './clocks.js';

let t: TestApp;
const c: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const a of ['ent_lankao2', 'lk_dispatcher', 'kf_dispatcher', 'kf_supervisor', 'gl_dispatcher']) c[a] = await t.login(a);
});
afterAll(async () => {
  await t.close();
});
const hours = (h: number) => new Date(Date.now() + h * 3600_000);
const timeline = async (id: string, cookie: string) => ((await t.req('GET', `/api/demands/${id}`, { cookie })).json().events as { action: string; actorName: string }[]).map((e) => e.action);

describe('durable timers: warning, overdue, automatic escalation', () => {
  it('warns the dispatcher before the dispatch deadline and marks the demand overdue after it, once', async () => {
    const d = await fileDemand(t, c.ent_lankao2!);
    await t.app.jobs.runDue(hours(19));
    await t.app.jobs.runDue(hours(19.5));
    expect(await timeline(d.id, c.lk_dispatcher!)).toEqual(['file', 'warn']);
    const bell = (await t.req('GET', '/api/notifications?pageSize=50', { cookie: c.lk_dispatcher })).json();
    const mine = bell.items.filter((n: { link: string | null }) => n.link === `/demands/${d.id}`);
    expect(mine.map((n: { kind: string }) => n.kind).sort()).toEqual(['demand.file', 'demand.warn']);
    await t.app.jobs.runDue(hours(25));
    expect(await timeline(d.id, c.lk_dispatcher!)).toEqual(['file', 'warn', 'overdue']);
    const overdue = (await t.req('GET', '/api/demands?view=overdue', { cookie: c.lk_dispatcher })).json();
    expect(overdue.items.map((x: { id: string }) => x.id)).not.toContain(d.id); // not overdue yet by the wall clock
    const row = (await t.database.db.select().from(demands).where(eq(demands.id, d.id)))[0]!;
    expect(row.overdueSince?.toISOString()).toBe(row.dispatchDeadline?.toISOString());
  });

  it('escalates on a breach where the command turned it on, and the new level gets its own clock', async () => {
    const s = (await t.req('GET', '/api/demands/settings', { cookie: c.lk_dispatcher })).json();
    await t.req('PUT', '/api/demands/settings', { cookie: c.lk_dispatcher, body: { autoEscalate: true, rules: s.rules } });
    const d = await fileDemand(t, c.ent_lankao2!, { urgency: 'urgent' });
    await t.app.jobs.runDue(hours(1.5));
    const row = (await t.database.db.select().from(demands).where(eq(demands.id, d.id)))[0]!;
    expect(row).toMatchObject({ level: 'city', holderRegionCode: '410200', escalated: true, overdueSince: null });
    expect(row.dispatchDeadline!.getTime()).toBeGreaterThan(hours(1.5).getTime() - 1000);
    expect(await timeline(d.id, c.kf_dispatcher!)).toEqual(['file', 'overdue', 'escalate']);
    const notes = (await t.req('GET', '/api/notifications?pageSize=50', { cookie: c.kf_dispatcher })).json();
    expect(notes.items.some((n: { kind: string; link: string }) => n.kind === 'demand.escalate' && n.link === `/demands/${d.id}`)).toBe(true);
    await t.req('PUT', '/api/demands/settings', { cookie: c.lk_dispatcher, body: { autoEscalate: false, rules: s.rules } });
  });

  it('the sweep catches what a timer missed, and is idempotent', async () => {
    const d = await fileDemand(t, c.ent_lankao2!);
    const clocks = new DemandClocks(t.app.demandService, t.app.jobs);
    expect(await clocks.sweep(hours(20))).toBeGreaterThan(0);
    expect(await clocks.sweep(hours(30))).toBeGreaterThan(0);
    expect(await clocks.sweep(hours(30))).toBe(0);
    expect(await timeline(d.id, c.lk_dispatcher!)).toEqual(['file', 'warn', 'overdue']);
  });

  it('is a supervision source: overdue items in scope, one item or null out of scope, weekly figures', async () => {
    const svc = t.app.demandService;
    const src = demandSupervisionSource({ db: svc.db, regions: svc.deps.regions });
    const d = await fileDemand(t, c.ent_lankao2!);
    await t.database.db.update(demands).set({ dispatchDeadline: hours(-2) }).where(eq(demands.id, d.id));
    const kf = { kind: 'government', regionCode: '410200', regionCodes: svc.deps.regions.subtree('410200'), sector: null } as const;
    const gl = { kind: 'government', regionCode: '410204', regionCodes: ['410204'], sector: null } as const;
    const board = await src.overdue(kf, { page: 1, pageSize: 50 });
    expect(board.items.find((x) => x.id === d.id)).toMatchObject({ kind: 'demand', link: `/demands/${d.id}`, unit: null });
    expect((await src.overdue(gl, { page: 1, pageSize: 50 })).items.find((x) => x.id === d.id)).toBeUndefined();
    expect(await src.find(gl, d.id)).toBeNull();
    expect((await src.find(kf, d.id))?.overdueSince).not.toBeNull();
    const week = await src.weekly(svc.db, '410200', hours(-24 * 7), hours(1));
    expect(week.longestOverdue.some((x) => x.id === d.id)).toBe(true);
  });
});
