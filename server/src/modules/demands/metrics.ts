import { and, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.js';
import { visible, type Viewer } from './access.js';
import { demandEvents, demands } from './tables.js';

/**
 * The figures the Beijing 12345 hotline reports (三率), over the demands filed in a period:
 * - response rate (响应率): of the demands dispatched to a unit, the share the unit signed for
 *   (accepted) — 12345 counts a work order as responded once the unit takes it and contacts the caller;
 * - resolution rate (解决率): of the demands the enterprise revisited, the share it called solved;
 * - satisfaction rate (满意率): of the demands rated, the share rated 4 or 5 (满意 and 基本满意);
 * - on-time rate (按时办结率): of the answered demands, the share answered before the answer deadline;
 * - average time in each state: hours from entering a state to leaving it, from the timeline.
 */
export interface MetricsRow {
  key: string;
  label: string;
  total: number;
  dispatched: number;
  accepted: number;
  revisited: number;
  solved: number;
  rated: number;
  satisfied: number;
  answered: number;
  onTime: number;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  onTimeRate: number | null;
}

const rate = (num: number, den: number) => (den > 0 ? Math.round((num / den) * 1000) / 10 : null);

export async function demandMetrics(db: Db, v: Viewer, q: { from: Date; to: Date; groupBy: 'region' | 'unit'; regionCodes?: string[] | undefined }, regionName: (code: string) => string) {
  const where: SQL = visible(v, and(gte(demands.createdAt, q.from), lt(demands.createdAt, q.to), q.regionCodes ? inArray(demands.regionCode, q.regionCodes) : undefined));
  const key = q.groupBy === 'region' ? demands.regionCode : sql<string>`coalesce(${demands.unitId}::text, '-')`;
  const rows = await db
    .select({
      key: sql<string>`${key}`,
      label: sql<string | null>`max(${demands.unitLabel})`,
      total: sql<number>`count(*)::int`,
      dispatched: sql<number>`count(${demands.dispatchedAt})::int`,
      accepted: sql<number>`count(${demands.acceptedAt})::int`,
      revisited: sql<number>`count(${demands.solved})::int`,
      solved: sql<number>`count(*) filter (where ${demands.solved})::int`,
      rated: sql<number>`count(${demands.rating})::int`,
      satisfied: sql<number>`count(*) filter (where ${demands.rating} >= 4)::int`,
      answered: sql<number>`count(${demands.answeredAt})::int`,
      onTime: sql<number>`count(*) filter (where ${demands.answeredAt} <= ${demands.answerDeadline})::int`,
    })
    .from(demands)
    .where(where)
    .groupBy(key);
  const out: MetricsRow[] = rows.map((r) => ({
    ...r,
    label: q.groupBy === 'region' ? regionName(r.key) : (r.label ?? '未交办'),
    responseRate: rate(r.accepted, r.dispatched),
    resolutionRate: rate(r.solved, r.revisited),
    satisfactionRate: rate(r.satisfied, r.rated),
    onTimeRate: rate(r.onTime, r.answered),
  }));
  out.sort((a, b) => b.total - a.total);
  const stays = await db.execute<{ state: string; hours: number }>(sql`
    select state, round(avg(extract(epoch from (next_at - at)) / 3600)::numeric, 1)::float as hours from (
      select ${demandEvents.toState} as state, ${demandEvents.at} as at,
             lead(${demandEvents.at}) over (partition by ${demandEvents.demandId} order by ${demandEvents.at}) as next_at
      from ${demandEvents} where ${demandEvents.demandId} in (select ${demands.id} from ${demands} where ${where})
    ) s where next_at is not null and state is not null group by state`);
  const avgHours = Object.fromEntries((stays as unknown as { rows: { state: string; hours: number }[] }).rows.map((r) => [r.state, Number(r.hours)]));
  return { rows: out, avgHours };
}
