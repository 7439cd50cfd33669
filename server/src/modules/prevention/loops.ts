import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { AuditActor } from '../../platform/audit/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Conn } from '../../platform/db/index.js';
import { errors } from '../../platform/errors.js';
import type { Scope } from '../../platform/scope.js';
import type { PreventionService } from './service.js';
import { preventionEmployees, preventionUnits } from './tables.js';
import { preventionUnitIsolations, preventionVenues } from './tracing.tables.js';

export type IsolationRow = typeof preventionUnitIsolations.$inferSelect;

/** An isolation in force at `now`: started, not lifted, not past its end. */
export function inForce(i: Pick<IsolationRow, 'isolatedFrom' | 'isolatedUntil' | 'liftedAt'>, now: Date): boolean {
  return !i.liftedAt && i.isolatedFrom.getTime() <= now.getTime() && (!i.isolatedUntil || i.isolatedUntil.getTime() > now.getTime());
}

/** The isolations not lifted and not yet over, latest first (in force now or scheduled). */
async function current(conn: Conn, unitIds: string[], now: Date): Promise<Map<string, IsolationRow>> {
  if (!unitIds.length) return new Map();
  const rows = await conn
    .select()
    .from(preventionUnitIsolations)
    .where(and(inArray(preventionUnitIsolations.unitId, unitIds), isNull(preventionUnitIsolations.liftedAt), sql`(${preventionUnitIsolations.isolatedUntil} is null or ${preventionUnitIsolations.isolatedUntil} > ${now.toISOString()}::timestamptz)`))
    .orderBy(desc(preventionUnitIsolations.createdAt));
  const out = new Map<string, IsolationRow>();
  for (const r of rows) if (!out.has(r.unitId)) out.set(r.unitId, r);
  return out;
}

export interface LoopUnitView { id: string; name: string; kind: string; members: number; venues: number; status: 'isolated' | 'scheduled' | 'producing'; isolation: IsolationRow | null }

/**
 * The closed-loop picture of one enterprise: each unit with its headcount, venues and status. A
 * positive case isolates its unit; the others keep producing (其他区域原则上不停工、不停产).
 */
export async function loopPicture(svc: PreventionService, scope: Scope, enterpriseId: string, now = new Date()): Promise<{ enterprise: { id: string; name: string }; units: LoopUnitView[] }> {
  const ent = await svc.enterprises.find(svc.db, scope, enterpriseId);
  const units = await svc.units(svc.db, scope, eq(preventionUnits.enterpriseId, ent.id));
  const ids = units.map((u) => u.id);
  const [members, venues, iso] = await Promise.all([
    ids.length ? svc.db.select({ unitId: preventionEmployees.unitId, n: count() }).from(preventionEmployees).where(and(inArray(preventionEmployees.unitId, ids), sql`${preventionEmployees.status} <> 'left'`)).groupBy(preventionEmployees.unitId) : [],
    ids.length ? svc.db.select({ unitId: preventionVenues.unitId, n: count() }).from(preventionVenues).where(inArray(preventionVenues.unitId, ids)).groupBy(preventionVenues.unitId) : [],
    current(svc.db, ids, now),
  ]);
  const m = new Map(members.map((x) => [x.unitId, x.n]));
  const v = new Map(venues.map((x) => [x.unitId, x.n]));
  return {
    enterprise: { id: ent.id, name: ent.name },
    units: units.map((u) => {
      const i = iso.get(u.id) ?? null;
      return { id: u.id, name: u.name, kind: u.kind, members: m.get(u.id) ?? 0, venues: v.get(u.id) ?? 0, status: i ? (inForce(i, now) ? 'isolated' : 'scheduled') : 'producing', isolation: i };
    }),
  };
}

/**
 * Isolates a unit from `from` until `until` (open-ended when null), replacing an isolation not yet
 * over. The unit's `isolated` flag follows, so the roster and compliance see it.
 */
export async function isolateUnit(svc: PreventionService, scope: Scope, actor: AuditActor, unitId: string, body: { from: Date; until: Date | null; reason: string }): Promise<IsolationRow> {
  if (body.until && body.until.getTime() <= body.from.getTime()) throw errors.validation('body.until', 'must be after from');
  return svc.db.transaction(async (tx) => {
    const unit = await svc.unit(tx, scope, unitId);
    const now = new Date();
    const prev = (await current(tx, [unit.id], now)).get(unit.id);
    if (prev) await tx.update(preventionUnitIsolations).set({ liftedAt: now, liftedBy: actor.name }).where(eq(preventionUnitIsolations.id, prev.id));
    const [row] = await tx.insert(preventionUnitIsolations).values({ unitId: unit.id, enterpriseId: unit.enterpriseId, regionCode: unit.regionCode, isolatedFrom: body.from, isolatedUntil: body.until, reason: body.reason, createdBy: actor.name }).returning();
    await tx.update(preventionUnits).set({ isolated: inForce(row!, now) }).where(eq(preventionUnits.id, unit.id));
    await recordAudit(tx, actor, { action: 'prevention.unit.isolate', targetType: 'prevention_unit', targetId: unit.id, regionCode: unit.regionCode, detail: { from: body.from.toISOString(), until: body.until?.toISOString() ?? null, reason: body.reason, replaced: prev?.id ?? null } });
    return row!;
  });
}

/** Lifts the unit's isolation: it returns to production. Lifting a unit not isolated is a 409. */
export async function liftIsolation(svc: PreventionService, scope: Scope, actor: AuditActor, unitId: string, reason: string): Promise<void> {
  await svc.db.transaction(async (tx) => {
    const unit = await svc.unit(tx, scope, unitId);
    const now = new Date();
    const prev = (await current(tx, [unit.id], now)).get(unit.id);
    if (!prev) throw errors.of(409, 'prevention.not_isolated', {}, 'unitId');
    await tx.update(preventionUnitIsolations).set({ liftedAt: now, liftedBy: actor.name }).where(eq(preventionUnitIsolations.id, prev.id));
    await tx.update(preventionUnits).set({ isolated: false }).where(eq(preventionUnits.id, unit.id));
    await recordAudit(tx, actor, { action: 'prevention.unit.lift', targetType: 'prevention_unit', targetId: unit.id, regionCode: unit.regionCode, detail: { isolation: prev.id, reason } });
  });
}

/** Sweep step: isolations that started or ended since the last sweep set the units' flag. */
export async function refreshIsolationFlags(conn: Conn, now = new Date()): Promise<number> {
  const res = await conn.execute(sql`
    update prevention_units u set isolated = x.iso
    from (select u2.id, exists (select 1 from prevention_unit_isolations i where i.unit_id = u2.id and i.lifted_at is null
            and i.isolated_from <= ${now.toISOString()}::timestamptz and (i.isolated_until is null or i.isolated_until > ${now.toISOString()}::timestamptz)) as iso
          from prevention_units u2 where u2.id in (select unit_id from prevention_unit_isolations)) x
    where u.id = x.id and u.isolated <> x.iso`);
  return (res as unknown as { affectedRows?: number; rowCount?: number }).rowCount ?? (res as unknown as { affectedRows?: number }).affectedRows ?? 0;
}

