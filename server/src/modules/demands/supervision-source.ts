import { and, asc, eq, gte, inArray, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Conn, Db } from '../../platform/db/index.js';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { scopeCoversRegion, scopeWhere, type Scope } from '../../platform/scope.js';
import { TotalCounter } from '../../platform/db/totals.js';
import { INTAKE_STATES, WORK_STATES, type DemandRow } from './service.js';
import { demandEvents, demands, type UnitType } from './tables.js';
import { overdueAt } from './views.js';

// The supervision contract is the tasks module's (it owns supervision); demands implement it.
import type { SupervisedItem, SupervisionSource, WeeklyUnitFigures } from '../tasks/sources.js';
export type { SupervisedItem, SupervisionSource, WeeklyUnitFigures };

/** The running clock has passed at `at`: the condition the overdue board and the report share. */
function overdueCond(at: Date): SQL {
  return or(and(inArray(demands.state, [...INTAKE_STATES]), lt(demands.dispatchDeadline, at)), and(inArray(demands.state, [...WORK_STATES]), lt(demands.answerDeadline, at)))!;
}
const deadlineExpr = sql<Date>`case when ${demands.state} in ('received', 'sent_back') then ${demands.dispatchDeadline} else ${demands.answerDeadline} end`;

function item(d: DemandRow, at: Date): SupervisedItem {
  const running = d.state === 'received' || d.state === 'sent_back' ? d.dispatchDeadline : d.answerDeadline;
  const late = overdueAt(d, at);
  return {
    kind: 'demand',
    id: d.id,
    title: `#${d.no} ${d.enterpriseName}：${d.title}`,
    regionCode: d.regionCode,
    state: d.state,
    unit: d.unitType && d.unitId ? { type: d.unitType, id: d.unitId, label: d.unitLabel ?? '' } : null,
    deadline: running ? running.toISOString() : null,
    overdueSince: late ? late.toISOString() : null,
    escalated: d.escalated,
    link: `/demands/${d.id}`,
  };
}

/** Demands as the supervision task force sees them: through scopeWhere, like every reader. */
/**
 * What the source needs of the demands service (the seed builds it without the whole service).
 * `totals`: the service's counter, so the board's total follows a change at once (else its own).
 */
export interface DemandSourceDeps { db: Db; regions: { subtree(code: string): string[] }; totals?: TotalCounter }

export function demandSupervisionSource(svc: DemandSourceDeps): SupervisionSource {
  const totals = svc.totals ?? new TotalCounter(svc.db);
  return {
    kind: 'demand',
    async overdue(scope, q) {
      if (q.regionCode && !scopeCoversRegion(scope, q.regionCode)) return { items: [], total: 0, totalCapped: false };
      const now = new Date();
      const w = scopeWhere(scope, demands, and(overdueCond(now), q.regionCode ? inArray(demands.regionCode, svc.regions.subtree(q.regionCode)) : undefined));
      const [rows, total] = await Promise.all([svc.db.select().from(demands).where(w).orderBy(asc(deadlineExpr)).limit(q.pageSize).offset((q.page - 1) * q.pageSize), totals.total(demands, w)]);
      return { items: rows.map((d) => item(d, now)), ...total };
    },
    async find(scope, id) {
      const rows = await svc.db.select().from(demands).where(scopeWhere(scope, demands, eq(demands.id, id)));
      return rows[0] ? item(rows[0], new Date()) : null;
    },
    async weekly(conn, regionCode, from, to) {
      const subtree = svc.regions.subtree(regionCode);
      const inRegion = inArray(demands.regionCode, subtree);
      const within = (col: AnyPgColumn) => and(gte(col, from), lt(col, to));
      const rows = await conn
        .select({
          unitType: demands.unitType,
          unitId: demands.unitId,
          unitLabel: sql<string>`max(${demands.unitLabel})`,
          created: sql<number>`count(*) filter (where ${within(demands.createdAt)})::int`,
          closed: sql<number>`count(*) filter (where ${within(demands.closedAt)})::int`,
          overdue: sql<number>`count(*) filter (where ${within(demands.overdueSince)})::int`,
        })
        .from(demands)
        .where(and(inRegion, isNotNull(demands.unitId), lt(demands.createdAt, to)))
        .groupBy(demands.unitType, demands.unitId);
      // Escalations that happened in the week (the timeline's escalate steps), each against the unit
      // the demand was with at the time; one escalated earlier and touched this week does not count.
      const fromUnit = sql`${demandEvents.detail}->'fromUnit'`;
      const ups = await conn
        .select({ unitType: sql<UnitType | null>`${fromUnit}->>'type'`, unitId: sql<string | null>`${fromUnit}->>'id'`, unitLabel: sql<string>`max(${fromUnit}->>'label')`, n: sql<number>`count(*)::int` })
        .from(demandEvents)
        .where(and(eq(demandEvents.action, 'escalate'), inArray(demandEvents.regionCode, subtree), within(demandEvents.at)))
        .groupBy(sql`1`, sql`2`);
      const byKey = new Map<string, WeeklyUnitFigures>();
      for (const r of rows) byKey.set(`${r.unitType}:${r.unitId}`, { unit: { type: r.unitType!, id: r.unitId!, label: r.unitLabel }, created: r.created, closed: r.closed, overdue: r.overdue, escalated: 0 });
      let escalatedWithoutUnit = 0;
      for (const u of ups) {
        if (!u.unitType || !u.unitId) {
          escalatedWithoutUnit += u.n;
          continue;
        }
        const key = `${u.unitType}:${u.unitId}`;
        const row = byKey.get(key) ?? { unit: { type: u.unitType, id: u.unitId, label: u.unitLabel }, created: 0, closed: 0, overdue: 0, escalated: 0 };
        row.escalated += u.n;
        byKey.set(key, row);
      }
      const byUnit = [...byKey.values()].filter((r) => r.created + r.closed + r.overdue + r.escalated > 0);
      const late = await conn.select().from(demands).where(and(inRegion, overdueCond(to))).orderBy(asc(deadlineExpr)).limit(10);
      return { byUnit, longestOverdue: late.map((d) => item(d, to)), escalatedWithoutUnit };
    },
  };
}
