import { and, asc, eq, inArray, isNull, lt, or, gt, sql, type SQL } from 'drizzle-orm';
import type { Conn, Db } from '../../platform/db/index.js';
import type { TotalCounter } from '../../platform/db/totals.js';
import { errors } from '../../platform/errors.js';
import { scopeCoversRegion, scopeWhere, type Scope } from '../../platform/scope.js';
import type { RegionNames } from './ports.js';
import type { SupervisedItem, SupervisionSource, WeeklyUnitFigures } from './sources.js';
import { OPEN_ASSIGNMENT_STATES } from './states.js';
import { taskAssignments, tasks } from './tables.js';

type Row = { a: typeof taskAssignments.$inferSelect; title: string };

/** Tasks as supervision sees them: each assignment is one supervised item, its unit answers for it. */
export class TaskSupervisionSource implements SupervisionSource {
  readonly kind = 'task' as const;
  constructor(
    private readonly db: Db,
    private readonly regions: RegionNames,
    private readonly totals: TotalCounter,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private item({ a, title }: Row, now: Date): SupervisedItem {
    const open = OPEN_ASSIGNMENT_STATES.includes(a.state);
    return {
      kind: 'task',
      id: a.id,
      title,
      regionCode: a.regionCode,
      state: a.state,
      unit: { type: a.unitType, id: a.unitId, label: a.unitLabel },
      deadline: a.deadline.toISOString(),
      overdueSince: open && a.deadline < now ? a.deadline.toISOString() : null,
      escalated: false,
      link: `/tasks/${a.taskId}`,
    };
  }

  private overdueWhere(now: Date): SQL {
    return and(inArray(taskAssignments.state, [...OPEN_ASSIGNMENT_STATES]), lt(taskAssignments.deadline, now))!;
  }

  async overdue(scope: Scope, q: { regionCode?: string; page: number; pageSize: number }) {
    const now = this.clock();
    if (q.regionCode && !scopeCoversRegion(scope, q.regionCode)) throw errors.notFound('region');
    const where = scopeWhere(scope, taskAssignments, and(this.overdueWhere(now), q.regionCode ? inArray(taskAssignments.regionCode, this.regions.subtree(q.regionCode)) : undefined));
    const [rows, total] = await Promise.all([
      this.db.select({ a: taskAssignments, title: tasks.title }).from(taskAssignments).innerJoin(tasks, eq(tasks.id, taskAssignments.taskId)).where(where).orderBy(asc(taskAssignments.deadline), asc(taskAssignments.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
      this.totals.total(taskAssignments, where),
    ]);
    return { items: rows.map((r) => this.item(r, now)), ...total };
  }

  async find(scope: Scope, id: string): Promise<SupervisedItem | null> {
    const r = (await this.db.select({ a: taskAssignments, title: tasks.title }).from(taskAssignments).innerJoin(tasks, eq(tasks.id, taskAssignments.taskId)).where(scopeWhere(scope, taskAssignments, eq(taskAssignments.id, id))))[0];
    return r ? this.item(r, this.clock()) : null;
  }

  async weekly(conn: Conn, regionCode: string, from: Date, to: Date): Promise<{ byUnit: WeeklyUnitFigures[]; longestOverdue: SupervisedItem[] }> {
    const inRegion = inArray(taskAssignments.commandRegionCode, this.regions.subtree(regionCode));
    // Overdue at the end of the period: past the deadline and not accepted by then (cancelled never counts).
    const overdueAtEnd = and(lt(taskAssignments.deadline, to), sql`${taskAssignments.state} <> 'cancelled'`, or(isNull(taskAssignments.acceptedAt), gt(taskAssignments.acceptedAt, to)));
    const rows = await conn
      .select({
        unitType: taskAssignments.unitType,
        unitId: taskAssignments.unitId,
        unitLabel: taskAssignments.unitLabel,
        created: sql<number>`count(*) filter (where ${taskAssignments.assignedAt} >= ${from.toISOString()}::timestamptz and ${taskAssignments.assignedAt} < ${to.toISOString()}::timestamptz)`.mapWith(Number),
        closed: sql<number>`count(*) filter (where ${taskAssignments.acceptedAt} >= ${from.toISOString()}::timestamptz and ${taskAssignments.acceptedAt} < ${to.toISOString()}::timestamptz)`.mapWith(Number),
        overdue: sql<number>`count(*) filter (where ${overdueAtEnd})`.mapWith(Number),
      })
      .from(taskAssignments)
      .where(and(inRegion, lt(taskAssignments.assignedAt, to)))
      .groupBy(taskAssignments.unitType, taskAssignments.unitId, taskAssignments.unitLabel)
      .orderBy(asc(taskAssignments.unitLabel));
    const byUnit = rows
      .filter((r) => r.created + r.closed + r.overdue > 0)
      .map((r) => ({ unit: { type: r.unitType, id: r.unitId, label: r.unitLabel }, created: r.created, closed: r.closed, overdue: r.overdue, escalated: 0 }));
    const longest = await conn
      .select({ a: taskAssignments, title: tasks.title })
      .from(taskAssignments)
      .innerJoin(tasks, eq(tasks.id, taskAssignments.taskId))
      .where(and(inRegion, lt(taskAssignments.assignedAt, to), overdueAtEnd))
      .orderBy(asc(taskAssignments.deadline))
      .limit(50);
    return { byUnit, longestOverdue: longest.map((r) => ({ ...this.item(r, to), overdueSince: r.a.deadline.toISOString() })) };
  }
}
