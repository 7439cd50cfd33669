import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { demandEvents, demands } from './tables.js';
import { fileDemand } from './test-data.js';
import { demandSupervisionSource } from './supervision-source.js';
import { DemandClocks } from './clocks.js';

let t: TestApp;
const c: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const a of ['ent_lankao2', 'lk_dispatcher', 'lk_industry', 'kf_dispatcher', 'kf_supervisor', 'gl_dispatcher']) c[a] = await t.login(a);
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
  it('counts in the weekly report the escalations that happened in the week, against the unit the demand was with', async () => {
    const svc = t.app.demandService;
    const src = demandSupervisionSource({ db: svc.db, regions: svc.deps.regions });
    const act = (cookie: string, id: string, action: string, body: Record<string, unknown> = {}) => t.req('POST', `/api/demands/${id}/${action}`, { cookie, body });
    const weekOf = async () => {
      const w = await src.weekly(svc.db, '410200', hours(-1), hours(1));
      const dept = w.byUnit.find((r) => r.unit.label.includes('工业和信息化') && r.unit.type === 'department');
      return { unit: dept?.escalated ?? 0, without: w.escalatedWithoutUnit ?? 0 };
    };
    const before = await weekOf();
    // Escalated by its unit: counted against the unit, though the demand no longer has one.
    const a = await fileDemand(t, c.ent_lankao2!);
    const units = (await t.req('GET', `/api/demands/${a.id}/units`, { cookie: c.lk_dispatcher })).json() as { type: string; id: string; label: string }[];
    const dep = units.find((u) => u.type === 'department' && u.label.includes('工业和信息化'))!;
    expect((await act(c.lk_dispatcher!, a.id, 'dispatch', { unitType: 'department', unitId: dep.id })).statusCode).toBe(200);
    expect((await act(c.lk_industry!, a.id, 'escalate', { note: '跨县协调' })).json()).toMatchObject({ escalated: true, unitId: null });
    // Escalated from intake: in the totals, on no unit's row.
    const b = await fileDemand(t, c.ent_lankao2!);
    await act(c.lk_dispatcher!, b.id, 'escalate', { note: '县级无法协调' });
    // Escalated last week and changed this week: not an escalation of this week.
    const old = await fileDemand(t, c.ent_lankao2!);
    await act(c.lk_dispatcher!, old.id, 'escalate', { note: '上周上报' });
    await t.database.db.update(demandEvents).set({ at: hours(-24 * 8) }).where(and(eq(demandEvents.demandId, old.id), eq(demandEvents.action, 'escalate')));
    await act(c.kf_dispatcher!, old.id, 'hand-down', { note: '请县里办理' });
    expect(await weekOf()).toEqual({ unit: before.unit + 1, without: before.without + 1 });
  });
});
