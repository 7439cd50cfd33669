import { and, asc, count, eq, inArray, isNotNull, lt, notExists, notInArray, sql, type SQL } from 'drizzle-orm';
import type { AuditActor } from '../../platform/audit/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Conn } from '../../platform/db/index.js';
import { errors } from '../../platform/errors.js';
import { scopeWhere, type Scope } from '../../platform/scope.js';
import type { NotificationService } from '../../platform/notifications/service.js';
import { recipientKey, type BulkAlertRecipients } from './alerts.js';
import { CLOSED_STATES, nextCaseState, OCCUPYING_STATES, type CaseAction, type CaseState } from './case-states.js';
import { preventionCaseEvents, preventionObservationPoints, preventionSuspectedCases } from './care.tables.js';
import { loadRules } from './rules.js';
import type { PreventionService } from './service.js';
import { preventionAlerts, preventionEmployees } from './tables.js';

export type CaseRow = typeof preventionSuspectedCases.$inferSelect;
export type CaseEventRow = typeof preventionCaseEvents.$inferSelect;
export type PointRow = typeof preventionObservationPoints.$inferSelect;

/** 张三 → 张*, 欧阳娜娜 → 欧***: the enterprise list shows who without showing whom to anyone looking over a shoulder. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}

/** The day in Asia/Shanghai: one quiet-period test a day. */
function shanghaiDay(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The room count in use at each observation point: cases placed there and not yet closed. */
export async function occupancy(conn: Conn, pointIds: string[]): Promise<Map<string, number>> {
  if (!pointIds.length) return new Map();
  const c = preventionSuspectedCases;
  const rows = await conn
    .select({ id: c.observationPointId, n: count() })
    .from(c)
    .where(and(inArray(c.observationPointId, pointIds), inArray(c.state, [...OCCUPYING_STATES])))
    .groupBy(c.observationPointId);
  return new Map(rows.map((r) => [r.id!, r.n]));
}

/** Roster names by employee id (for prevention staff's views; the caller scoped the ids). */
export async function employeeNames(conn: Conn, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await conn.select({ id: preventionEmployees.id, name: preventionEmployees.name }).from(preventionEmployees).where(inArray(preventionEmployees.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function pointNames(conn: Conn, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await conn.select({ id: preventionObservationPoints.id, name: preventionObservationPoints.name }).from(preventionObservationPoints).where(inArray(preventionObservationPoints.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface CaseActInput {
  action: CaseAction;
  observationPointId?: string | null | undefined;
  note?: string | null | undefined;
}

/** Suspected-case handling: flag, observe (capacity checked), re-test, quiet period, return or confirm. */
export class CaseService {
  constructor(
    private readonly svc: PreventionService,
    private readonly notifications: NotificationService,
    /** the enterprise's prevention contacts and the prevention staff over its region, for many cases at once */
    private readonly recipients: BulkAlertRecipients,
  ) {}

  get db() {
    return this.svc.db;
  }

  async get(conn: Conn, scope: Scope, id: string): Promise<CaseRow> {
    const row = (await conn.select().from(preventionSuspectedCases).where(scopeWhere(scope, preventionSuspectedCases, eq(preventionSuspectedCases.id, id))))[0];
    if (!row) throw errors.notFound('suspected_case');
    return row;
  }

  async events(conn: Conn, caseId: string): Promise<CaseEventRow[]> {
    return conn.select().from(preventionCaseEvents).where(eq(preventionCaseEvents.caseId, caseId)).orderBy(asc(preventionCaseEvents.at), asc(preventionCaseEvents.id));
  }

  /** Flags a roster employee as a suspected case; one open case per person (flagging twice stores it once). */
  async flag(scope: Scope, actor: AuditActor, body: { employeeId: string; reason: string }, now = new Date()): Promise<CaseRow> {
    return this.db.transaction(async (tx) => {
      const e = await this.svc.employee(tx, scope, body.employeeId);
      const open = await tx
        .select({ id: preventionSuspectedCases.id })
        .from(preventionSuspectedCases)
        .where(and(eq(preventionSuspectedCases.employeeId, e.id), notInArray(preventionSuspectedCases.state, [...CLOSED_STATES])));
      if (open[0]) throw errors.of(409, 'prevention.case_open', {}, 'body.employeeId');
      const [row] = await tx
        .insert(preventionSuspectedCases)
        .values({ enterpriseId: e.enterpriseId, regionCode: e.regionCode, employeeId: e.id, nameMasked: maskName(e.name), idCardMasked: e.idCardMasked, reasonEnc: this.svc.crypto.encrypt(body.reason), flaggedAt: now, flaggedBy: actor.name, updatedAt: now })
        .returning();
      await tx.insert(preventionCaseEvents).values({ caseId: row!.id, action: 'flag', fromState: null, toState: 'flagged', noteEnc: this.svc.crypto.encrypt(body.reason), actorName: actor.name, at: now });
      await recordAudit(tx, actor, { action: 'prevention.case.flag', targetType: 'prevention_suspected_case', targetId: row!.id, regionCode: e.regionCode, detail: { enterpriseId: e.enterpriseId, employeeId: e.id } });
      return row!;
    });
  }

  /** One step of the workflow; the transition table decides, the rule pack gives the re-test deadline and quiet period. */
  async act(scope: Scope, actor: AuditActor, id: string, input: CaseActInput, now = new Date()): Promise<CaseRow> {
    const rules = await loadRules(this.db);
    return this.db.transaction(async (tx) => {
      const cur = (await tx.select().from(preventionSuspectedCases).where(scopeWhere(scope, preventionSuspectedCases, eq(preventionSuspectedCases.id, id))).for('update'))[0];
      if (!cur) throw errors.notFound('suspected_case');
      const to = nextCaseState(cur.state, input.action);
      if (!to) throw errors.of(409, 'prevention.case_transition', { from: cur.state, action: input.action }, 'body.action');
      const set: Partial<typeof preventionSuspectedCases.$inferInsert> = { state: to, updatedAt: now };
      switch (input.action) {
        case 'observe': {
          if (!input.observationPointId) throw errors.validation('body.observationPointId', 'which observation point');
          // The point's row is locked so two placements cannot both take its last room.
          const point = (await tx.select().from(preventionObservationPoints).where(and(eq(preventionObservationPoints.id, input.observationPointId), eq(preventionObservationPoints.enterpriseId, cur.enterpriseId))).for('update'))[0];
          if (!point) throw errors.validation('body.observationPointId', 'not an observation point of this enterprise');
          const used = (await occupancy(tx, [point.id])).get(point.id) ?? 0;
          if (used >= point.rooms) throw errors.of(409, 'prevention.observation_full', { rooms: String(point.rooms) }, 'body.observationPointId');
          Object.assign(set, { observationPointId: point.id, observedAt: now, retestDueAt: new Date(now.getTime() + rules.retestHours * 3600_000) });
          break;
        }
        case 'retest_negative':
          Object.assign(set, { lastTestAt: now, quietStartedAt: now, quietTests: 0 });
          break;
        case 'daily_negative':
          if (cur.lastTestAt && shanghaiDay(cur.lastTestAt) === shanghaiDay(now)) throw errors.of(409, 'prevention.daily_test_done', {}, 'body.action');
          Object.assign(set, { lastTestAt: now, quietTests: cur.quietTests + 1 });
          break;
        case 'retest_positive':
        case 'daily_positive':
          Object.assign(set, { lastTestAt: now, closedAt: now });
          break;
        case 'return_to_post':
          if (cur.quietTests < rules.quietPeriodDays) throw errors.of(409, 'prevention.quiet_incomplete', { done: String(cur.quietTests), days: String(rules.quietPeriodDays) }, 'body.action');
          set.closedAt = now;
          break;
      }
      const [row] = await tx.update(preventionSuspectedCases).set(set).where(eq(preventionSuspectedCases.id, cur.id)).returning();
      // The roster follows: off duty while observed (so no overdue-test alert for them), back on duty on return.
      const status = to === 'returned' ? 'active' : input.action === 'observe' || to === 'confirmed' ? 'isolated' : null;
      if (status) await tx.update(preventionEmployees).set({ status, updatedAt: now }).where(eq(preventionEmployees.id, cur.employeeId));
      await tx.insert(preventionCaseEvents).values({ caseId: cur.id, action: input.action, fromState: cur.state, toState: to, noteEnc: input.note ? this.svc.crypto.encrypt(input.note) : null, actorName: actor.name, at: now });
      await recordAudit(tx, actor, { action: `prevention.case.${input.action}`, targetType: 'prevention_suspected_case', targetId: cur.id, regionCode: cur.regionCode, detail: { from: cur.state, to, observationPointId: set.observationPointId ?? null } });
      return row!;
    });
  }

  /** The clear health details of a case (reason and notes): each read is audited. */
  async readHealth(scope: Scope, actor: AuditActor, id: string): Promise<{ row: CaseRow; reason: string; events: (CaseEventRow & { note: string | null })[] }> {
    return this.db.transaction(async (tx) => {
      const row = await this.get(tx, scope, id);
      const events = await this.events(tx, row.id);
      await recordAudit(tx, actor, { action: 'prevention.case.read', targetType: 'prevention_suspected_case', targetId: row.id, regionCode: row.regionCode, detail: { fields: ['reason', 'notes'] } });
      return { row, reason: this.svc.crypto.decrypt(row.reasonEnc), events: events.map((e) => ({ ...e, note: e.noteEnc ? this.svc.crypto.decrypt(e.noteEnc) : null })) };
    });
  }

  /** Raises one alert per case whose re-test deadline passed while still under observation. Safe to run twice. */
  async sweepRetestOverdue(now = new Date()): Promise<number> {
    const c = preventionSuspectedCases;
    const al = preventionAlerts;
    // Cases already alerted are left out, so a sweep every five minutes looks up no recipients for them.
    const late = await this.db
      .select({ id: c.id, enterpriseId: c.enterpriseId, regionCode: c.regionCode, nameMasked: c.nameMasked })
      .from(c)
      .where(and(
        eq(c.state, 'under_observation'),
        isNotNull(c.retestDueAt),
        lt(c.retestDueAt, now),
        notExists(this.db.select({ one: sql`1` }).from(al).where(eq(al.dedupeKey, sql`'retest_overdue:' || ${c.id}::text`))),
      ));
    if (!late.length) return 0;
    // All the recipients in two queries, before any transaction: on PGlite (one connection) a query
    // outside an open transaction would wait for it forever.
    const recipients = await this.recipients(late);
    let raised = 0;
    for (const k of late) {
      const to = recipients.get(recipientKey(k)) ?? [];
      await this.db.transaction(async (tx) => {
        const [a] = await tx
          .insert(preventionAlerts)
          .values({ kind: 'retest_overdue', dedupeKey: `retest_overdue:${k.id}`, enterpriseId: k.enterpriseId, regionCode: k.regionCode, detail: { overdue: 1, total: 1, day: shanghaiDay(now) }, raisedAt: now })
          .onConflictDoNothing()
          .returning();
        if (!a) return;
        raised++;
        await this.notifications.notify(tx, {
          userIds: to,
          kind: 'alert.raised',
          title: { zh: `电子哨预警：疑似人员 ${k.nameMasked} 超过复检时限`, en: `Sentinel alert: suspected case ${k.nameMasked} not re-tested in time` },
          body: { zh: '转入留观点后未在规定时限内完成单采复核，请立即复检。', en: 'The single-tube re-test after moving to the observation point is overdue; re-test now.' },
          link: `/prevention/cases/${k.id}`,
          ref: { type: 'prevention_alert', id: a.id },
          dedupeKey: `prevention_alert:${a.id}`,
        });
      });
    }
    return raised;
  }

  /** Filters of the case list. */
  where(scope: Scope, f: { state?: CaseState | undefined; enterpriseId?: string | undefined; open?: boolean | undefined; overdue?: boolean | undefined }, now = new Date()): SQL {
    const c = preventionSuspectedCases;
    return scopeWhere(scope, c, and(
      f.state ? eq(c.state, f.state) : undefined,
      f.enterpriseId ? eq(c.enterpriseId, f.enterpriseId) : undefined,
      f.open === true ? notInArray(c.state, [...CLOSED_STATES]) : f.open === false ? inArray(c.state, [...CLOSED_STATES]) : undefined,
      f.overdue ? and(eq(c.state, 'under_observation'), lt(c.retestDueAt, now)) : undefined,
    ));
  }
}
