import { and, asc, count, desc, eq, gte, ilike, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { AuditActor } from '../../platform/audit/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import { errors } from '../../platform/errors.js';
import type { Scope } from '../../platform/scope.js';
import { containsPattern } from '../../platform/schemas.js';
import type { ArrivalService } from './arrivals.js';
import { shanghaiDay } from './daily-reports.js';
import { preventionRiskAreas, type RiskLevel } from './reports.tables.js';

export type RiskAreaRow = typeof preventionRiskAreas.$inferSelect;
const r = preventionRiskAreas;

/**
 * Who may edit the list: prevention staff at provincial level (scope over the whole province). The
 * documents decide arrivals by the national medium/high-risk list, which the province's command applies
 * province-wide; cities and counties read it (风险地区名单全省统一).
 */
export function mayEditRiskAreas(permissions: readonly string[], scope: Scope): boolean {
  return permissions.includes('prevention.admin') && scope.kind === 'government' && scope.regionCodes === null;
}

export interface RiskAreaInput { code: string; name: string; level: RiskLevel; fromDay: string; toDay?: string | null | undefined }

/**
 * The risk-area list, kept by prevention staff. Every change decides the open arrivals again in the
 * same transaction (arrivals.ts redecide), so the list and the decisions never disagree.
 */
export class RiskAreaService {
  constructor(private readonly arrivals: ArrivalService) {}

  private get db() {
    return this.arrivals.svc.db;
  }

  async list(f: { active?: boolean | undefined; level?: RiskLevel | undefined; q?: string | undefined }, page: number, pageSize: number, now = new Date()) {
    const today = shanghaiDay(now);
    // Active: not ended yet (an area may be entered ahead of its first day).
    const active = or(isNull(r.toDay), gte(r.toDay, today));
    const w: SQL | undefined = and(
      f.active === true ? active : f.active === false ? lt(r.toDay, today) : undefined,
      f.level ? eq(r.level, f.level) : undefined,
      f.q ? or(ilike(r.name, containsPattern(f.q)), ilike(r.code, containsPattern(f.q))) : undefined,
    );
    const [items, total] = await Promise.all([
      this.db.select().from(r).where(w).orderBy(desc(r.fromDay), asc(r.code)).limit(pageSize).offset((page - 1) * pageSize),
      this.db.select({ n: count() }).from(r).where(w),
    ]);
    return { items, total: total[0]?.n ?? 0 };
  }

  async create(actor: AuditActor, input: RiskAreaInput, now = new Date()): Promise<{ row: RiskAreaRow; redecided: number }> {
    if (input.toDay && input.toDay < input.fromDay) throw errors.validation('body.toDay', 'before the first day');
    return this.db.transaction(async (tx) => {
      const [row] = await tx.insert(r).values({ code: input.code, name: input.name.trim(), level: input.level, fromDay: input.fromDay, toDay: input.toDay ?? null, createdBy: actor.name }).returning();
      await recordAudit(tx, actor, { action: 'prevention.risk_area.create', targetType: 'prevention_risk_area', targetId: row!.id, detail: { code: input.code, level: input.level, fromDay: input.fromDay, toDay: input.toDay ?? null } });
      return { row: row!, redecided: await this.arrivals.redecide(tx, actor, now) };
    });
  }

  /** Ends an area: its last day becomes yesterday (Asia/Shanghai), so arrivals from today on are not affected. */
  async end(actor: AuditActor, id: string, now = new Date()): Promise<{ row: RiskAreaRow; redecided: number }> {
    return this.db.transaction(async (tx) => {
      const cur = (await tx.select().from(r).where(eq(r.id, id)).for('update'))[0];
      if (!cur) throw errors.notFound('risk_area');
      const yesterday = shanghaiDay(new Date(now.getTime() - 86_400_000));
      if (cur.toDay !== null && cur.toDay <= yesterday) throw errors.of(409, 'prevention.risk_area_ended');
      const toDay = cur.fromDay > yesterday ? cur.fromDay : yesterday;
      const [row] = await tx.update(r).set({ toDay }).where(eq(r.id, id)).returning();
      await recordAudit(tx, actor, { action: 'prevention.risk_area.end', targetType: 'prevention_risk_area', targetId: id, detail: { code: cur.code, toDay } });
      return { row: row!, redecided: await this.arrivals.redecide(tx, actor, now) };
    });
  }

  /** Removes an area entered by mistake: arrivals it decided are decided again. */
  async remove(actor: AuditActor, id: string, now = new Date()): Promise<number> {
    return this.db.transaction(async (tx) => {
      const gone = await tx.delete(r).where(eq(r.id, id)).returning();
      if (!gone[0]) throw errors.notFound('risk_area');
      await recordAudit(tx, actor, { action: 'prevention.risk_area.remove', targetType: 'prevention_risk_area', targetId: id, detail: { code: gone[0].code, level: gone[0].level, fromDay: gone[0].fromDay, toDay: gone[0].toDay } });
      return this.arrivals.redecide(tx, actor, now);
    });
  }
}
