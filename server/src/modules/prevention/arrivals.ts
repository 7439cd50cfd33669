import { and, asc, count, desc, eq, gte, ilike, inArray, lte, max, or, sql, type SQL } from 'drizzle-orm';
import type { AuditActor } from '../../platform/audit/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import { maskIdCard, maskPhone } from '../../platform/crypto.js';
import type { Conn } from '../../platform/db/index.js';
import { errors } from '../../platform/errors.js';
import { containsPattern } from '../../platform/schemas.js';
import { scopeWhere, type Scope } from '../../platform/scope.js';
import { isValidIdCard } from '../../seed/idcard.js';
import type { AlertService } from './alerts.js';
import { decideArrival, type ArrivalStatus, type RiskAreaLike } from './arrival-rules.js';
import { shanghaiDay } from './daily-reports.js';
import { loadRules } from './rules.js';
import { normaliseIdCard, type PreventionService } from './service.js';
import { preventionArrivals, preventionRiskAreas, type ArrivalPersonKind } from './reports.tables.js';
import { preventionAlerts, preventionEmployees, preventionTestResults } from './tables.js';

export type ArrivalRow = typeof preventionArrivals.$inferSelect;
const a = preventionArrivals;

export interface ArrivalInput {
  enterpriseId?: string | undefined;
  name: string;
  idCard: string;
  phone?: string | null | undefined;
  personKind: ArrivalPersonKind;
  originCode: string;
  originName: string;
  route: string;
  purpose: string;
  arrivalAt: Date;
}

export interface ArrivalFilters {
  enterpriseId?: string | undefined;
  regionCodes?: string[] | undefined;
  status?: ArrivalStatus | undefined;
  originCode?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  late?: boolean | undefined;
  q?: string | undefined;
}

/** Each arrival's status as SQL, mirroring arrival-rules.ts arrivalStatus (a test checks the two agree). */
export function arrivalStatusSql(now: Date) {
  const iso = now.toISOString();
  const tested = sql`exists (select 1 from ${preventionTestResults} where ${preventionTestResults.idCardHash} = ${a.idCardHash} and ${preventionTestResults.sampledAt} >= ${a.arrivalAt})`;
  return sql<ArrivalStatus>`(case when ${a.decision} = 'quarantine' then (case when ${a.quarantineUntil} > ${iso}::timestamptz then 'quarantine' else 'released' end)
    when ${tested} then 'tested' when ${a.testDueAt} < ${iso}::timestamptz then 'overdue' else 'awaiting_test' end)`;
}

/** Arrival reports (入豫报备): filing, the risk decision and its re-decision, and unreported arrivals. */
export class ArrivalService {
  constructor(
    readonly svc: PreventionService,
    private readonly alerts: AlertService,
  ) {}

  async riskAreas(conn: Conn): Promise<RiskAreaLike[]> {
    return conn.select({ id: preventionRiskAreas.id, code: preventionRiskAreas.code, level: preventionRiskAreas.level, fromDay: preventionRiskAreas.fromDay, toDay: preventionRiskAreas.toDay }).from(preventionRiskAreas).orderBy(asc(preventionRiskAreas.createdAt));
  }

  async arrival(conn: Conn, scope: Scope, id: string, now = new Date()): Promise<ArrivalRow & { status: ArrivalStatus }> {
    const row = (await conn.select({ a, status: arrivalStatusSql(now) }).from(a).where(scopeWhere(scope, a, eq(a.id, id))))[0];
    if (!row) throw errors.notFound('arrival');
    return { ...row.a, status: row.status };
  }

  /**
   * Files an arrival. An enterprise files for its visitor or returning employee; prevention staff
   * record one found from another source (always late). A report filed after the arrival day is
   * late too. The same person, host and day twice is stored once.
   */
  async file(scope: Scope, actor: AuditActor, input: ArrivalInput, now = new Date()): Promise<{ row: ArrivalRow; created: boolean }> {
    const idCard = normaliseIdCard(input.idCard);
    if (!isValidIdCard(idCard)) throw errors.validation('body.idCard', '身份证号码无效（GB 11643 校验位） invalid ID number');
    const phone = input.phone?.trim() || null;
    const c = this.svc.crypto;
    return this.svc.db.transaction(async (tx) => {
      const ent = await this.svc.targetEnterprise(tx, scope, input.enterpriseId);
      const rules = await loadRules(tx);
      const hash = c.lookupHash(idCard);
      const arrivalDay = shanghaiDay(input.arrivalAt);
      const existing = (await tx.select().from(a).where(and(eq(a.enterpriseId, ent.id), eq(a.idCardHash, hash), eq(a.arrivalDay, arrivalDay))))[0];
      if (existing) return { row: existing, created: false };
      const source = scope.kind === 'government' ? 'found' : 'host';
      const late = source === 'found' || shanghaiDay(now) > arrivalDay;
      const employee = (await tx.select({ id: preventionEmployees.id }).from(preventionEmployees).where(and(eq(preventionEmployees.enterpriseId, ent.id), eq(preventionEmployees.idCardHash, hash))))[0];
      const decided = decideArrival(rules, await this.riskAreas(tx), input.originCode, input.arrivalAt, arrivalDay);
      const [row] = await tx.insert(a).values({
        enterpriseId: ent.id, regionCode: ent.regionCode, name: input.name.trim(),
        idCardEnc: c.encrypt(idCard), idCardHash: hash, idCardMasked: maskIdCard(idCard),
        phoneEnc: phone ? c.encrypt(phone) : null, phoneMasked: phone ? maskPhone(phone) : null,
        personKind: input.personKind, originCode: input.originCode, originName: input.originName.trim(), route: input.route.trim(), purpose: input.purpose.trim(),
        arrivalAt: input.arrivalAt, arrivalDay, source, late, employeeId: employee?.id ?? null, ...decided,
        reportedBy: actor.name, reportedAt: now, decidedAt: now,
      }).returning();
      if (employee) await this.syncEmployee(tx, employee.id);
      await recordAudit(tx, actor, { action: 'prevention.arrival.file', targetType: 'prevention_arrival', targetId: row!.id, regionCode: ent.regionCode, detail: { enterpriseId: ent.id, source, late, decision: decided.decision, originCode: input.originCode, arrivalDay } });
      return { row: row!, created: true };
    });
  }

  /** The roster keeps the latest arrival awaiting a test, so compliance counts the arrival test as due (rules.ts testDueAt). */
  private async syncEmployee(tx: Conn, employeeId: string): Promise<void> {
    const r = await tx.select({ at: max(a.arrivalAt) }).from(a).where(and(eq(a.employeeId, employeeId), eq(a.decision, 'test')));
    await tx.update(preventionEmployees).set({ lastArrivalAt: r[0]?.at ?? null, updatedAt: new Date() }).where(eq(preventionEmployees.id, employeeId));
  }

  /**
   * After a change of the risk-area list: decides again every arrival still in its quarantine window
   * or yet to come, and records each changed decision. Runs in the caller's transaction.
   */
  async redecide(tx: Conn, actor: AuditActor, now = new Date()): Promise<number> {
    const rules = await loadRules(tx);
    const areas = await this.riskAreas(tx);
    const since = new Date(now.getTime() - rules.centralQuarantineDays * 86_400_000);
    const open = await tx.select().from(a).where(gte(a.arrivalAt, since));
    let changed = 0;
    for (const r of open) {
      const d = decideArrival(rules, areas, r.originCode, r.arrivalAt, r.arrivalDay);
      if (d.decision === r.decision && d.riskAreaId === r.riskAreaId) continue;
      await tx.update(a).set({ ...d, decidedAt: now }).where(eq(a.id, r.id));
      if (r.employeeId) await this.syncEmployee(tx, r.employeeId);
      await recordAudit(tx, actor, { action: 'prevention.arrival.redecide', targetType: 'prevention_arrival', targetId: r.id, regionCode: r.regionCode, detail: { from: r.decision, to: d.decision, riskAreaId: d.riskAreaId } });
      changed++;
    }
    return changed;
  }

  where(scope: Scope, f: ArrivalFilters, now: Date): SQL {
    return scopeWhere(scope, a, and(
      f.enterpriseId ? eq(a.enterpriseId, f.enterpriseId) : undefined,
      f.regionCodes ? inArray(a.regionCode, f.regionCodes) : undefined,
      f.status ? sql`${arrivalStatusSql(now)} = ${f.status}` : undefined,
      f.originCode ? eq(a.originCode, f.originCode) : undefined,
      f.from ? gte(a.arrivalDay, f.from) : undefined,
      f.to ? lte(a.arrivalDay, f.to) : undefined,
      f.late !== undefined ? eq(a.late, f.late) : undefined,
      f.q ? or(ilike(a.name, containsPattern(f.q)), ilike(a.originName, containsPattern(f.q))) : undefined,
    ));
  }

  async list(scope: Scope, f: ArrivalFilters, page: number, pageSize: number, now = new Date()) {
    if (f.enterpriseId) await this.svc.enterprises.find(this.svc.db, scope, f.enterpriseId);
    const w = this.where(scope, f, now);
    const [rows, total] = await Promise.all([
      this.svc.db.select({ a, status: arrivalStatusSql(now) }).from(a).where(w).orderBy(desc(a.arrivalAt), desc(a.id)).limit(pageSize).offset((page - 1) * pageSize),
      this.svc.db.select({ n: count() }).from(a).where(w),
    ]);
    return { items: rows.map((r) => ({ ...r.a, status: r.status })), total: total[0]?.n ?? 0 };
  }

  /** The clear ID number and phone of an arrival: each read is an audit event. */
  async reveal(scope: Scope, actor: AuditActor, id: string, purpose: string): Promise<{ idCard: string; phone: string | null }> {
    return this.svc.db.transaction(async (tx) => {
      const r = await this.arrival(tx, scope, id);
      await recordAudit(tx, actor, { action: 'prevention.pii.read', targetType: 'prevention_arrival', targetId: r.id, regionCode: r.regionCode, detail: { purpose, fields: ['idCard', 'phone'] } });
      return { idCard: this.svc.crypto.decrypt(r.idCardEnc), phone: r.phoneEnc ? this.svc.crypto.decrypt(r.phoneEnc) : null };
    });
  }

  /** Sweep step: one "arrival not reported" alert for each late arrival (dedupe key per arrival). */
  async sweepUnreported(now: Date): Promise<number> {
    const rules = await loadRules(this.svc.db);
    const since = new Date(now.getTime() - rules.retentionDays * 86_400_000);
    const rows = await this.svc.db.select().from(a).where(and(
      eq(a.late, true), gte(a.reportedAt, since),
      sql`not exists (select 1 from ${preventionAlerts} where ${preventionAlerts.dedupeKey} = 'arrival_not_reported:' || ${a.id}::text)`,
    ));
    return this.alerts.raise(rows.map((r) => ({
      kind: 'arrival_not_reported' as const, dedupeKey: `arrival_not_reported:${r.id}`, enterpriseId: r.enterpriseId, regionCode: r.regionCode,
      detail: { day: r.arrivalDay, arrivalId: r.id, name: r.name, originName: r.originName, source: r.source },
    })), now);
  }
}
