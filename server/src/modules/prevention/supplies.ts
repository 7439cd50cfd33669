import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AuditActor } from '../../platform/audit/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Conn } from '../../platform/db/index.js';
import { errors } from '../../platform/errors.js';
import { scopeWhere, type Scope } from '../../platform/scope.js';
import { OCCUPYING_STATES } from './case-states.js';
import { preventionObservationPoints, preventionSupplies, preventionSuspectedCases } from './care.tables.js';
import { occupancy, type PointRow } from './cases.js';
import type { PreventionService } from './service.js';

export type SupplyRow = typeof preventionSupplies.$inferSelect;
export const ROLLUP_BYS = ['region', 'enterprise'] as const;
export type RollupBy = (typeof ROLLUP_BYS)[number];

/** "Low" when the stock is at or under its safety stock (a safety stock of 0 never warns). */
export function isLow(s: { quantity: number; safetyStock: number }): boolean {
  return s.safetyStock > 0 && s.quantity <= s.safetyStock;
}

export interface RollupRow {
  key: string;
  enterprises: number;
  items: number;
  lowItems: number;
  points: number;
  rooms: number;
  occupied: number;
}

/** Prevention supplies and observation-room capacity of enterprises, with the region roll-up. */
export class SuppliesService {
  constructor(private readonly svc: PreventionService) {}

  get db() {
    return this.svc.db;
  }

  async supply(conn: Conn, scope: Scope, id: string): Promise<SupplyRow> {
    const row = (await conn.select().from(preventionSupplies).where(scopeWhere(scope, preventionSupplies, eq(preventionSupplies.id, id))))[0];
    if (!row) throw errors.notFound('supply');
    return row;
  }

  async point(conn: Conn, scope: Scope, id: string): Promise<PointRow> {
    const row = (await conn.select().from(preventionObservationPoints).where(scopeWhere(scope, preventionObservationPoints, eq(preventionObservationPoints.id, id))))[0];
    if (!row) throw errors.notFound('observation_point');
    return row;
  }

  /** Sets an item's stock (by enterprise and item: saving the same item twice keeps one row). */
  async saveSupply(scope: Scope, actor: AuditActor, body: { enterpriseId?: string | undefined; item: string; unit: string; quantity: number; safetyStock: number }): Promise<SupplyRow> {
    return this.db.transaction(async (tx) => {
      const ent = await this.svc.targetEnterprise(tx, scope, body.enterpriseId);
      const values = { unit: body.unit, quantity: body.quantity, safetyStock: body.safetyStock, updatedBy: actor.name, updatedAt: new Date() };
      const [row] = await tx
        .insert(preventionSupplies)
        .values({ enterpriseId: ent.id, regionCode: ent.regionCode, item: body.item, ...values })
        .onConflictDoUpdate({ target: [preventionSupplies.enterpriseId, preventionSupplies.item], set: values })
        .returning();
      await recordAudit(tx, actor, { action: 'prevention.supply.save', targetType: 'prevention_supply', targetId: row!.id, regionCode: ent.regionCode, detail: { enterpriseId: ent.id, item: body.item, quantity: body.quantity, safetyStock: body.safetyStock } });
      return row!;
    });
  }

  async deleteSupply(scope: Scope, actor: AuditActor, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const cur = await this.supply(tx, scope, id);
      await tx.delete(preventionSupplies).where(eq(preventionSupplies.id, cur.id));
      await recordAudit(tx, actor, { action: 'prevention.supply.delete', targetType: 'prevention_supply', targetId: cur.id, regionCode: cur.regionCode, detail: { enterpriseId: cur.enterpriseId, item: cur.item } });
    });
  }

  async createPoint(scope: Scope, actor: AuditActor, body: { enterpriseId?: string | undefined; name: string; rooms: number; note?: string | null | undefined }): Promise<PointRow> {
    return this.db.transaction(async (tx) => {
      const ent = await this.svc.targetEnterprise(tx, scope, body.enterpriseId);
      const [row] = await tx.insert(preventionObservationPoints).values({ enterpriseId: ent.id, regionCode: ent.regionCode, name: body.name, rooms: body.rooms, note: body.note ?? null, updatedBy: actor.name }).onConflictDoNothing().returning();
      if (!row) throw errors.conflict('body.name');
      await recordAudit(tx, actor, { action: 'prevention.observation_point.create', targetType: 'prevention_observation_point', targetId: row.id, regionCode: ent.regionCode, detail: { enterpriseId: ent.id, name: body.name, rooms: body.rooms } });
      return row;
    });
  }

  /** Changes the room count; never below the rooms in use. */
  async updatePoint(scope: Scope, actor: AuditActor, id: string, patch: { rooms?: number | undefined; note?: string | null | undefined }): Promise<PointRow> {
    return this.db.transaction(async (tx) => {
      const cur = (await tx.select().from(preventionObservationPoints).where(scopeWhere(scope, preventionObservationPoints, eq(preventionObservationPoints.id, id))).for('update'))[0];
      if (!cur) throw errors.notFound('observation_point');
      const used = (await occupancy(tx, [cur.id])).get(cur.id) ?? 0;
      if (patch.rooms !== undefined && patch.rooms < used) throw errors.validation('body.rooms', `${used} rooms are in use`);
      const [row] = await tx
        .update(preventionObservationPoints)
        .set({ ...(patch.rooms !== undefined ? { rooms: patch.rooms } : {}), ...(patch.note !== undefined ? { note: patch.note } : {}), updatedBy: actor.name, updatedAt: new Date() })
        .where(eq(preventionObservationPoints.id, cur.id))
        .returning();
      await recordAudit(tx, actor, { action: 'prevention.observation_point.update', targetType: 'prevention_observation_point', targetId: cur.id, regionCode: cur.regionCode, detail: { from: { rooms: cur.rooms }, to: patch } });
      return row!;
    });
  }

  async points(conn: Conn, scope: Scope, extra?: SQL): Promise<PointRow[]> {
    return conn.select().from(preventionObservationPoints).where(scopeWhere(scope, preventionObservationPoints, extra)).orderBy(asc(preventionObservationPoints.enterpriseId), asc(preventionObservationPoints.name));
  }

  /**
   * Supplies and rooms summed per region (the county under the caller's region) or per enterprise. Each enterprise
   * is counted where it has supplies or observation points.
   */
  async rollup(conn: Conn, scope: Scope, by: RollupBy, regionCodes: string[] | null): Promise<RollupRow[]> {
    const s = preventionSupplies;
    const p = preventionObservationPoints;
    const c = preventionSuspectedCases;
    const sKey = by === 'region' ? s.regionCode : s.enterpriseId;
    const pKey = by === 'region' ? p.regionCode : p.enterpriseId;
    const [sup, pts, occ] = await Promise.all([
      conn
        .select({ key: sql<string>`${sKey}::text`, ents: sql<string[]>`array_agg(distinct ${s.enterpriseId}::text)`, items: sql<number>`count(*)::int`, low: sql<number>`(count(*) filter (where ${s.safetyStock} > 0 and ${s.quantity} <= ${s.safetyStock}))::int` })
        .from(s)
        .where(scopeWhere(scope, s, regionCodes ? inArray(s.regionCode, regionCodes) : undefined))
        .groupBy(sKey),
      conn
        .select({ key: sql<string>`${pKey}::text`, ents: sql<string[]>`array_agg(distinct ${p.enterpriseId}::text)`, points: sql<number>`count(*)::int`, rooms: sql<number>`sum(${p.rooms})::int` })
        .from(p)
        .where(scopeWhere(scope, p, regionCodes ? inArray(p.regionCode, regionCodes) : undefined))
        .groupBy(pKey),
      conn
        .select({ key: sql<string>`${by === 'region' ? c.regionCode : c.enterpriseId}::text`, n: sql<number>`count(*)::int` })
        .from(c)
        .where(scopeWhere(scope, c, and(inArray(c.state, [...OCCUPYING_STATES]), sql`${c.observationPointId} is not null`, regionCodes ? inArray(c.regionCode, regionCodes) : undefined)))
        .groupBy(by === 'region' ? c.regionCode : c.enterpriseId),
    ]);
    const out = new Map<string, RollupRow & { entSet: Set<string> }>();
    const at = (key: string) => {
      let r = out.get(key);
      if (!r) out.set(key, (r = { key, enterprises: 0, items: 0, lowItems: 0, points: 0, rooms: 0, occupied: 0, entSet: new Set() }));
      return r;
    };
    for (const x of sup) {
      const r = at(x.key);
      r.items += x.items;
      r.lowItems += x.low;
      x.ents.forEach((e) => r.entSet.add(e));
    }
    for (const x of pts) {
      const r = at(x.key);
      r.points += x.points;
      r.rooms += x.rooms;
      x.ents.forEach((e) => r.entSet.add(e));
    }
    for (const x of occ) at(x.key).occupied += x.n;
    return [...out.values()].map(({ entSet, ...r }) => ({ ...r, enterprises: entSet.size })).sort((a, b) => a.key.localeCompare(b.key));
  }
}
