import { and, count, desc, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import type { AuditActor } from '../../platform/audit/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Conn } from '../../platform/db/index.js';
import { errors } from '../../platform/errors.js';
import { scopeWhere, type Scope } from '../../platform/scope.js';
import type { AlertService } from './alerts.js';
import { loadRules } from './rules.js';
import type { PreventionService } from './service.js';
import { preventionDailyReportPersons, preventionDailyReports, type HealthMeasure, type Symptom } from './reports.tables.js';
import { preventionAlerts, preventionEmployees } from './tables.js';

export type DailyReportRow = typeof preventionDailyReports.$inferSelect;
export type ReportPersonRow = typeof preventionDailyReportPersons.$inferSelect;

/** The whitelisted enterprises a scope covers (the whitelist module's service, wired in app.ts). */
export type ListedEnterprises = (conn: Conn, scope: Scope) => Promise<{ id: string; name: string; regionCode: string }[]>;

/** The whole province: the sweep looks at every enterprise. */
export const PROVINCE_SCOPE: Scope = { kind: 'government', regionCode: '410000', regionCodes: null, sector: null };

const HOUR = 3600_000;
/** The calendar day in Asia/Shanghai (UTC+8, no daylight saving), as YYYY-MM-DD. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + 8 * HOUR).toISOString().slice(0, 10);
}
export function shanghaiHour(at: Date): number {
  return new Date(at.getTime() + 8 * HOUR).getUTCHours();
}

export interface ReportPersonInput { employeeId: string; symptoms: Symptom[]; detail?: string | null | undefined; measure: HealthMeasure }
export interface DailyReportInput {
  enterpriseId?: string | undefined;
  zero: boolean;
  /** A past day (YYYY-MM-DD, Asia/Shanghai) for a missed report, within the rule pack's lateReportDays; today when absent. */
  day?: string | undefined;
  onSite?: number | undefined;
  symptomatic?: number | undefined;
  isolated?: number | undefined;
  observation?: number | undefined;
  note?: string | null | undefined;
  persons?: ReportPersonInput[] | undefined;
}

export const BOARD_STATUSES = ['reported', 'zero', 'missing'] as const;
export type BoardStatus = (typeof BOARD_STATUSES)[number];
export interface BoardRow { enterpriseId: string; enterpriseName: string; regionCode: string; status: BoardStatus; report: DailyReportRow | null }

/** Daily health reports (日报告) and zero reports (零报告), who has not reported, and the evening alert. */
export class DailyReportService {
  constructor(
    readonly svc: PreventionService,
    private readonly listed: ListedEnterprises,
    private readonly alerts: AlertService,
  ) {}

  async report(conn: Conn, scope: Scope, id: string): Promise<DailyReportRow> {
    const row = (await conn.select().from(preventionDailyReports).where(scopeWhere(scope, preventionDailyReports, eq(preventionDailyReports.id, id))))[0];
    if (!row) throw errors.notFound('daily_report');
    return row;
  }

  async persons(conn: Conn, reportIds: string[]): Promise<ReportPersonRow[]> {
    if (!reportIds.length) return [];
    return conn.select().from(preventionDailyReportPersons).where(inArray(preventionDailyReportPersons.reportId, reportIds)).orderBy(preventionDailyReportPersons.createdAt, preventionDailyReportPersons.id);
  }

  /** Today's report of the enterprise, or null. */
  async today(scope: Scope, enterpriseId: string | undefined, now = new Date()) {
    const ent = await this.svc.targetEnterprise(this.svc.db, scope, enterpriseId);
    const day = shanghaiDay(now);
    const report = (await this.svc.db.select().from(preventionDailyReports).where(and(eq(preventionDailyReports.enterpriseId, ent.id), eq(preventionDailyReports.day, day))))[0] ?? null;
    const onRoster = await this.activeCount(this.svc.db, ent.id);
    return { enterprise: ent, day, report, onRoster, deadlineHour: (await loadRules(this.svc.db)).dailyReportDeadlineHour };
  }

  private async activeCount(conn: Conn, enterpriseId: string): Promise<number> {
    const r = await conn.select({ n: count() }).from(preventionEmployees).where(and(eq(preventionEmployees.enterpriseId, enterpriseId), eq(preventionEmployees.status, 'active')));
    return r[0]?.n ?? 0;
  }

  /**
   * Files the enterprise's report for today (Asia/Shanghai). Filing again the same day replaces the
   * report, so the same report twice is stored once. A zero report has nothing abnormal; its staff on
   * site defaults to the active roster.
   */
  async file(scope: Scope, actor: AuditActor, input: DailyReportInput, now = new Date()): Promise<DailyReportRow> {
    const persons = input.persons ?? [];
    const symptomatic = input.symptomatic ?? persons.length;
    if (input.zero) {
      if (persons.length) throw errors.validation('body.persons', 'a zero report lists nobody');
      if (symptomatic || input.isolated || input.observation) throw errors.validation('body.zero', 'a zero report has nothing abnormal');
    } else {
      if (input.onSite === undefined) throw errors.validation('body.onSite', 'required');
      if (symptomatic < persons.length) throw errors.validation('body.symptomatic', 'fewer than the persons listed');
    }
    if (new Set(persons.map((p) => p.employeeId)).size !== persons.length) throw errors.validation('body.persons', 'a person listed twice');
    const c = this.svc.crypto;
    const today = shanghaiDay(now);
    const day = input.day ?? today;
    if (day > today) throw errors.validation('body.day', 'a day to come');
    if (day < today) {
      const earliest = shanghaiDay(new Date(now.getTime() - (await loadRules(this.svc.db)).lateReportDays * 86_400_000));
      if (day < earliest) throw errors.validation('body.day', `earlier than ${earliest}: too late to file`);
    }
    return this.svc.db.transaction(async (tx) => {
      const ent = await this.svc.targetEnterprise(tx, scope, input.enterpriseId);
      if (persons.length) {
        const found = await tx.select({ id: preventionEmployees.id }).from(preventionEmployees).where(and(eq(preventionEmployees.enterpriseId, ent.id), inArray(preventionEmployees.id, persons.map((p) => p.employeeId))));
        if (found.length !== persons.length) throw errors.validation('body.persons', 'not an employee on this enterprise’s roster');
      }
      const onSite = input.onSite ?? (await this.activeCount(tx, ent.id));
      const note = input.note?.trim() || null;
      const values = {
        zero: input.zero, onSite, symptomatic: input.zero ? 0 : symptomatic, isolated: input.zero ? 0 : (input.isolated ?? 0), observation: input.zero ? 0 : (input.observation ?? 0),
        noteEnc: note ? c.encrypt(note) : null, filedBy: actor.name, filedAt: now,
      };
      const [row] = await tx
        .insert(preventionDailyReports)
        .values({ enterpriseId: ent.id, regionCode: ent.regionCode, day, ...values })
        .onConflictDoUpdate({ target: [preventionDailyReports.enterpriseId, preventionDailyReports.day], set: values })
        .returning();
      await tx.delete(preventionDailyReportPersons).where(eq(preventionDailyReportPersons.reportId, row!.id));
      if (persons.length) {
        await tx.insert(preventionDailyReportPersons).values(persons.map((p) => ({
          reportId: row!.id, enterpriseId: ent.id, regionCode: ent.regionCode, employeeId: p.employeeId, measure: p.measure,
          healthEnc: c.encrypt(JSON.stringify({ symptoms: p.symptoms, detail: p.detail?.trim() || null })),
        })));
      }
      // Counts only: the health details stay out of the audit log.
      await recordAudit(tx, actor, { action: 'prevention.daily_report.file', targetType: 'prevention_daily_report', targetId: row!.id, regionCode: ent.regionCode, detail: { enterpriseId: ent.id, day, zero: input.zero, persons: persons.length, late: day < today } });
      if (day < today) {
        // A late report settles the day's missing-report alert (电子哨), if one was raised and is still open.
        const settled = await tx
          .update(preventionAlerts)
          .set({ status: 'resolved', resolvedAt: now, resolvedBy: actor.name, note: `已补报 ${day} 健康日报告 Late report filed` })
          .where(and(eq(preventionAlerts.dedupeKey, `missing_daily_report:${ent.id}:${day}`), inArray(preventionAlerts.status, ['open', 'acknowledged'])))
          .returning({ id: preventionAlerts.id, status: preventionAlerts.status });
        for (const a of settled) await recordAudit(tx, actor, { action: 'prevention.alert.resolve', targetType: 'prevention_alert', targetId: a.id, regionCode: ent.regionCode, detail: { to: 'resolved', by: 'late daily report', day } });
      }
      return row!;
    });
  }

  /** The clear health details of a report: each read is an audit event in the same transaction. */
  async reveal(scope: Scope, actor: AuditActor, id: string, purpose: string) {
    return this.svc.db.transaction(async (tx) => {
      const r = await this.report(tx, scope, id);
      const persons = await this.persons(tx, [r.id]);
      await recordAudit(tx, actor, { action: 'prevention.pii.read', targetType: 'prevention_daily_report', targetId: r.id, regionCode: r.regionCode, detail: { purpose, fields: ['note', 'health'] } });
      return {
        note: r.noteEnc ? this.svc.crypto.decrypt(r.noteEnc) : null,
        persons: persons.map((p) => ({ id: p.id, employeeId: p.employeeId, ...(JSON.parse(this.svc.crypto.decrypt(p.healthEnc)) as { symptoms: Symptom[]; detail: string | null }) })),
      };
    });
  }

  /** Filed reports in the caller's scope, newest first. */
  async history(scope: Scope, f: { enterpriseId?: string | undefined; from?: string | undefined; to?: string | undefined; zero?: boolean | undefined }, page: number, pageSize: number) {
    if (f.enterpriseId) await this.svc.enterprises.find(this.svc.db, scope, f.enterpriseId);
    const t = preventionDailyReports;
    const w = scopeWhere(scope, t, and(
      f.enterpriseId ? eq(t.enterpriseId, f.enterpriseId) : undefined,
      f.from ? gte(t.day, f.from) : undefined,
      f.to ? lte(t.day, f.to) : undefined,
      f.zero !== undefined ? eq(t.zero, f.zero) : undefined,
    ));
    const [items, total] = await Promise.all([
      this.svc.db.select().from(t).where(w).orderBy(desc(t.day), t.enterpriseId).limit(pageSize).offset((page - 1) * pageSize),
      this.svc.db.select({ n: count() }).from(t).where(w),
    ]);
    return { items, total: total[0]?.n ?? 0 };
  }

  /**
   * Who has reported on `day`, in the caller's scope: every whitelisted enterprise and every
   * enterprise with a roster is expected to report, and so is anyone who did.
   */
  async board(scope: Scope, day: string, regionCodes: string[] | null): Promise<BoardRow[]> {
    const db = this.svc.db;
    const inRegion = (col: typeof preventionEmployees.regionCode | typeof preventionDailyReports.regionCode): SQL | undefined => (regionCodes ? inArray(col, regionCodes) : undefined);
    const [listed, rostered, filed] = await Promise.all([
      this.listed(db, scope),
      db.selectDistinct({ id: preventionEmployees.enterpriseId, regionCode: preventionEmployees.regionCode }).from(preventionEmployees).where(scopeWhere(scope, preventionEmployees, and(eq(preventionEmployees.status, 'active'), inRegion(preventionEmployees.regionCode)))),
      db.select().from(preventionDailyReports).where(scopeWhere(scope, preventionDailyReports, and(eq(preventionDailyReports.day, day), inRegion(preventionDailyReports.regionCode)))),
    ]);
    const expected = new Map<string, string>();
    for (const e of listed) if (!regionCodes || regionCodes.includes(e.regionCode)) expected.set(e.id, e.regionCode);
    for (const e of rostered) expected.set(e.id, e.regionCode);
    for (const r of filed) expected.set(r.enterpriseId, r.regionCode);
    const byEnt = new Map(filed.map((r) => [r.enterpriseId, r]));
    const names = await this.svc.enterprises.names(db, [...expected.keys()]);
    return [...expected].map(([id, regionCode]) => {
      const report = byEnt.get(id) ?? null;
      const status: BoardStatus = !report ? 'missing' : report.zero ? 'zero' : 'reported';
      return { enterpriseId: id, enterpriseName: names.get(id) ?? '', regionCode, status, report };
    }).sort((a, b) => a.regionCode.localeCompare(b.regionCode) || a.enterpriseName.localeCompare(b.enterpriseName, 'zh-CN'));
  }

  /**
   * Sweep step: after the rule pack's deadline hour (Asia/Shanghai) every expected enterprise that has
   * not filed today gets one "missing daily report" alert (dedupe key per enterprise and day).
   */
  async sweepMissing(now: Date): Promise<number> {
    const rules = await loadRules(this.svc.db);
    if (shanghaiHour(now) < rules.dailyReportDeadlineHour) return 0;
    const day = shanghaiDay(now);
    const missing = (await this.board(PROVINCE_SCOPE, day, null)).filter((r) => r.status === 'missing');
    const key = (id: string) => `missing_daily_report:${id}:${day}`;
    // Skip the ones already raised, so a sweep every five minutes does not look up recipients again.
    const raised = missing.length ? await this.svc.db.select({ k: preventionAlerts.dedupeKey }).from(preventionAlerts).where(inArray(preventionAlerts.dedupeKey, missing.map((m) => key(m.enterpriseId)))) : [];
    const done = new Set(raised.map((r) => r.k));
    return this.alerts.raise(missing.filter((m) => !done.has(key(m.enterpriseId))).map((m) => ({
      kind: 'missing_daily_report' as const, dedupeKey: key(m.enterpriseId), enterpriseId: m.enterpriseId, regionCode: m.regionCode,
      detail: { day, deadlineHour: rules.dailyReportDeadlineHour },
    })), now);
  }
}
