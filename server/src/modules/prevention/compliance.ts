import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Conn } from '../../platform/db/index.js';
import { scopeWhere, type Scope } from '../../platform/scope.js';
import type { ComplianceStatus, RulePack } from './rules.js';
import { preventionEmergencyRegions, preventionEmployees } from './tables.js';

const e = preventionEmployees;

/**
 * The interval, due time and status of each employee as SQL, mirroring rules.ts intervalHours and
 * complianceOf (a test checks the two agree), so aggregates over millions run in one pass.
 * Callers must left-join preventionEmergencyRegions on the employee's region.
 */
export function complianceSql(rules: RulePack, now: Date) {
  const hours = sql<number>`least(${rules.testIntervalHours}::int,
    case ${e.postKind} when 'mobile_contact' then ${rules.mobileContactIntervalHours}::int when 'city_supply' then ${rules.citySupplyIntervalHours}::int else ${rules.testIntervalHours}::int end,
    case when ${e.unitId} is not null and ${preventionEmergencyRegions.regionCode} is not null then ${rules.emergencyClosedLoopIntervalHours}::int else ${rules.testIntervalHours}::int end)`;
  // An arrival not yet followed by a negative test brings the due time forward (rules.ts testDueAt); least() skips nulls.
  const due = sql<Date | null>`least(${e.lastNegativeAt} + ${hours} * interval '1 hour',
    case when ${e.lastArrivalAt} is not null and (${e.lastNegativeAt} is null or ${e.lastNegativeAt} < ${e.lastArrivalAt}) then ${e.lastArrivalAt} + ${rules.arrivalTestHours}::int * interval '1 hour' end)`;
  // overdue and dueSoon compare the stored times with thresholds worked out here (due < at ⇔ the last negative
  // test before at − interval, or the arrival before at − arrival hours), instead of computing `due` per row:
  // the interval arithmetic per row was most of the sweep's and the compliance page's time over millions.
  const overdue = sql`coalesce((${e.lastNegativeAt} is null and ${e.lastArrivalAt} is null) or ${dueBefore(rules, now)}, false)`;
  const dueSoon = sql`(not ${overdue} and coalesce(${dueBefore(rules, new Date(now.getTime() + rules.dueSoonHours * 3600_000), true)}, false))`;
  const status = sql<ComplianceStatus>`case when ${overdue} then 'overdue' when ${dueSoon} then 'due_soon' else 'compliant' end`;
  return { hours, due, overdue, dueSoon, status };
}

/**
 * `due < at` (or `<=`) as comparisons of the stored columns with constants: the least interval is the
 * greatest threshold. Null when the person has no due time (no negative test and no arrival).
 */
function dueBefore(rules: RulePack, at: Date, orAt = false): SQL {
  const before = (hours: number) => sql`${new Date(at.getTime() - hours * 3600_000).toISOString()}::timestamptz`;
  const op = orAt ? sql.raw('<=') : sql.raw('<');
  const threshold = sql`greatest(${before(rules.testIntervalHours)},
    case ${e.postKind} when 'mobile_contact' then ${before(rules.mobileContactIntervalHours)} when 'city_supply' then ${before(rules.citySupplyIntervalHours)} else ${before(rules.testIntervalHours)} end,
    case when ${e.unitId} is not null and ${preventionEmergencyRegions.regionCode} is not null then ${before(rules.emergencyClosedLoopIntervalHours)} else ${before(rules.testIntervalHours)} end)`;
  return sql`(${e.lastNegativeAt} ${op} ${threshold}
    or (${e.lastArrivalAt} is not null and (${e.lastNegativeAt} is null or ${e.lastNegativeAt} < ${e.lastArrivalAt}) and ${e.lastArrivalAt} ${op} ${before(rules.arrivalTestHours)}))`;
}

export function statusFilter(c: ReturnType<typeof complianceSql>, status: ComplianceStatus): SQL {
  switch (status) {
    case 'overdue':
      return c.overdue;
    case 'due_soon':
      return c.dueSoon;
    case 'compliant':
      return sql`not (${c.overdue} or ${c.dueSoon})`;
  }
}

export const GROUP_BYS = ['unit', 'enterprise', 'region'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export interface ComplianceGroup { key: string | null; total: number; compliant: number; dueSoon: number; overdue: number }

/** Counts of active employees by unit, enterprise or region: compliant / due soon / overdue. */
export async function complianceBy(conn: Conn, scope: Scope, rules: RulePack, groupBy: GroupBy, filter: SQL | undefined, now = new Date()): Promise<ComplianceGroup[]> {
  const c = complianceSql(rules, now);
  const col = groupBy === 'unit' ? e.unitId : groupBy === 'enterprise' ? e.enterpriseId : e.regionCode;
  const rows = await conn
    .select({
      key: col,
      total: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) filter (where ${c.overdue}))::int`,
      dueSoon: sql<number>`(count(*) filter (where ${c.dueSoon}))::int`,
    })
    .from(e)
    .leftJoin(preventionEmergencyRegions, eq(preventionEmergencyRegions.regionCode, e.regionCode))
    .where(scopeWhere(scope, e, and(eq(e.status, 'active'), filter)))
    .groupBy(col)
    .orderBy(col);
  return rows.map((r) => ({ key: r.key, total: r.total, overdue: r.overdue, dueSoon: r.dueSoon, compliant: r.total - r.overdue - r.dueSoon }));
}

/**
 * The share of active employees covered by a negative test at the end of each of the last `days`
 * days (Asia/Shanghai), from the stored results. It uses today's roster and intervals: the
 * roster's history is not kept.
 */
export async function complianceTrend(conn: Conn, scope: Scope, rules: RulePack, days: number, filter: SQL | undefined, now = new Date()): Promise<{ day: string; total: number; compliant: number }[]> {
  const c = complianceSql(rules, now);
  const where = scopeWhere(scope, e, and(eq(e.status, 'active'), filter));
  const res = await conn.execute(sql`
    with d as (
      select (((${now.toISOString()}::timestamptz at time zone 'Asia/Shanghai')::date - g) ) as day from generate_series(0, ${days - 1}::int) g
    ), ends as (
      select day, least(((day + 1)::timestamp at time zone 'Asia/Shanghai'), ${now.toISOString()}::timestamptz) as at from d
    ), p as (
      select ${e.idCardHash} as h, ${c.hours} as hours from ${e}
      left join ${preventionEmergencyRegions} on ${preventionEmergencyRegions.regionCode} = ${e.regionCode}
      where ${where}
    )
    select to_char(ends.day, 'YYYY-MM-DD') as day, count(p.h)::int as total,
      (count(p.h) filter (where exists (select 1 from prevention_test_results r where r.id_card_hash = p.h and r.result = 'negative'
        and r.sampled_at <= ends.at and r.sampled_at > ends.at - p.hours * interval '1 hour')))::int as compliant
    from ends cross join p group by ends.day order by ends.day`);
  return (res as unknown as { rows: { day: string; total: number; compliant: number }[] }).rows;
}

