import { and, asc, count, desc, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Conn, Db } from '../../platform/db/index.js';
import type { AuditActor } from '../../platform/audit/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import { errors } from '../../platform/errors.js';
import { scopeWhere, type Scope } from '../../platform/scope.js';
import type { OrgCommand, OrgUnits } from '../org/units.js';
import type { RegionNames } from './ports.js';
import type { TasksSettings } from './settings.js';
import type { SupervisionService } from './supervision.js';
import { supervisionNotices, weeklyReports, type WeeklyLongest, type WeeklyReportData, type WeeklyReportRow } from './tables.js';

export type WeeklyReportRecord = typeof weeklyReports.$inferSelect;

const SHANGHAI_OFFSET_MS = 8 * 3600_000; // Asia/Shanghai: UTC+8 all year, no daylight saving
const WEEK_MS = 7 * 86_400_000;

/** The latest report time (weekday at hour, Asia/Shanghai) at or before `now`. */
export function reportSlotAtOrBefore(now: Date, weekday: number, hour: number): Date {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  const back = (local.getUTCDay() - weekday + 7) % 7;
  let slot = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - back, hour);
  if (slot > local.getTime()) slot -= WEEK_MS;
  return new Date(slot - SHANGHAI_OFFSET_MS);
}
/** The Shanghai calendar date of a report time: the report's "week of". */
export function weekOfSlot(slot: Date): string {
  return new Date(slot.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The weekly supervision report (督查督办周报告) of each command: for the week before its report
 * time, per responsible unit, the new, closed, overdue and escalated demands and tasks, the
 * longest-overdue items by name, and the notices issued and answered. One row per command and
 * week: generating again replaces the figures, so generation is idempotent.
 */
export class WeeklyReportService {
  constructor(
    readonly db: Db,
    readonly units: OrgUnits,
    readonly regions: RegionNames,
    private readonly supervision: SupervisionService,
    readonly settings: TasksSettings,
  ) {}

  lastSlot(now: Date): Date {
    return reportSlotAtOrBefore(now, this.settings.reportWeekday, this.settings.reportHour);
  }

  /** Figures of one command for the week ending at `slot`, counted up to min(now, slot). */
  async figures(conn: Conn, command: OrgCommand, slot: Date, now: Date): Promise<WeeklyReportData> {
    const from = new Date(slot.getTime() - WEEK_MS);
    const to = now < slot ? now : slot;
    const rows: WeeklyReportRow[] = [];
    const longest: WeeklyLongest[] = [];
    const totals: WeeklyReportData['totals'] = { demand: { created: 0, closed: 0, overdue: 0, escalated: 0 }, task: { created: 0, closed: 0, overdue: 0, escalated: 0 } };
    for (const source of this.supervision.sourceList()) {
      const w = await source.weekly(conn, command.regionCode, from, to);
      for (const u of w.byUnit) {
        rows.push({ kind: source.kind, unit: u.unit, created: u.created, closed: u.closed, overdue: u.overdue, escalated: u.escalated });
        const t = totals[source.kind];
        t.created += u.created;
        t.closed += u.closed;
        t.overdue += u.overdue;
        t.escalated += u.escalated;
      }
      totals[source.kind].escalated += w.escalatedWithoutUnit ?? 0;
      for (const i of w.longestOverdue) longest.push({ kind: i.kind, id: i.id, title: i.title, unitLabel: i.unit?.label ?? null, overdueSince: i.overdueSince, link: i.link });
    }
    longest.sort((a, b) => (a.overdueSince ?? '').localeCompare(b.overdueSince ?? ''));
    const inRegion = inArray(supervisionNotices.regionCode, this.regions.subtree(command.regionCode));
    const within = (col: typeof supervisionNotices.createdAt | typeof supervisionNotices.repliedAt | typeof supervisionNotices.closedAt) => and(inRegion, gte(col, from), lt(col, to));
    const n = async (where: ReturnType<typeof and>) => (await conn.select({ n: count() }).from(supervisionNotices).where(where))[0]?.n ?? 0;
    const notices = {
      issued: await n(within(supervisionNotices.createdAt)),
      replied: await n(within(supervisionNotices.repliedAt)),
      closed: await n(within(supervisionNotices.closedAt)),
      overdue: await n(and(inRegion, eq(supervisionNotices.state, 'overdue'))),
    };
    return { commandName: command.name, rows, totals, longestOverdue: longest.slice(0, this.settings.longestOverdueCount), notices };
  }

  async generate(command: OrgCommand, slot: Date, actor: AuditActor, now = new Date()): Promise<WeeklyReportRecord> {
    return this.db.transaction(async (tx) => {
      const data = await this.figures(tx, command, slot, now);
      const values = { commandId: command.id, regionCode: command.regionCode, weekOf: weekOfSlot(slot), periodFrom: new Date(slot.getTime() - WEEK_MS), periodTo: slot, data, generatedAt: now, generatedBy: actor.name ?? 'system' };
      const row = (
        await tx
          .insert(weeklyReports)
          .values(values)
          .onConflictDoUpdate({ target: [weeklyReports.commandId, weeklyReports.weekOf], set: { data, generatedAt: now, generatedBy: values.generatedBy } })
          .returning()
      )[0]!;
      await recordAudit(tx, actor, { action: 'reports.generate', targetType: 'weekly_report', targetId: row.id, regionCode: row.regionCode, detail: { weekOf: row.weekOf } });
      return row;
    });
  }

  /** "Generate now" of a dispatcher: the current week of the caller's command, counted up to now. */
  async generateNow(session: { user: { regionCode: string } }, actor: AuditActor, now = new Date()): Promise<WeeklyReportRecord> {
    const command = await this.units.commandOfRegion(session.user.regionCode);
    if (!command) throw errors.of(409, 'tasks.no_command');
    const last = this.lastSlot(now);
    const slot = last.getTime() === now.getTime() ? last : new Date(last.getTime() + WEEK_MS);
    return this.generate(command, slot, actor, now);
  }

  /**
   * The recurring job: once the report time has passed, every command gets the report of that
   * week; a report generated early ("generate now") is generated again with the full week.
   */
  async generateDue(now = new Date()): Promise<number> {
    const slot = this.lastSlot(now);
    const weekOf = weekOfSlot(slot);
    const done = new Set((await this.db.select({ commandId: weeklyReports.commandId }).from(weeklyReports).where(and(eq(weeklyReports.weekOf, weekOf), gte(weeklyReports.generatedAt, slot)))).map((r) => r.commandId));
    let n = 0;
    for (const command of await this.units.allCommands()) {
      if (done.has(command.id)) continue;
      await this.generate(command, slot, { id: null, name: 'system', ip: null }, now);
      n++;
    }
    return n;
  }

  /** `from`/`to` (dates, inclusive) select reports by the Friday they are for (week_of). */
  async list(scope: Scope, f: { regionCode?: string | undefined; from?: string | undefined; to?: string | undefined; page: number; pageSize: number }) {
    const where = scopeWhere(
      scope,
      weeklyReports,
      and(
        f.regionCode ? inArray(weeklyReports.regionCode, this.regions.subtree(f.regionCode)) : undefined,
        f.from ? gte(weeklyReports.weekOf, f.from) : undefined,
        f.to ? lte(weeklyReports.weekOf, f.to) : undefined,
      ),
    );
    const [rows, total] = await Promise.all([
      this.db
        .select({ id: weeklyReports.id, commandId: weeklyReports.commandId, regionCode: weeklyReports.regionCode, weekOf: weeklyReports.weekOf, periodFrom: weeklyReports.periodFrom, periodTo: weeklyReports.periodTo, generatedAt: weeklyReports.generatedAt, generatedBy: weeklyReports.generatedBy, commandName: sql<string>`${weeklyReports.data}->>'commandName'`, totals: sql<WeeklyReportData['totals']>`${weeklyReports.data}->'totals'` })
        .from(weeklyReports)
        .where(where)
        .orderBy(desc(weeklyReports.weekOf), asc(weeklyReports.regionCode))
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize),
      this.db.select({ n: count() }).from(weeklyReports).where(where),
    ]);
    return { items: rows, total: total[0]?.n ?? 0 };
  }

  async get(scope: Scope, id: string): Promise<WeeklyReportRecord> {
    const r = (await this.db.select().from(weeklyReports).where(scopeWhere(scope, weeklyReports, eq(weeklyReports.id, id))))[0];
    if (!r) throw errors.notFound('weekly_report');
    return r;
  }
}
