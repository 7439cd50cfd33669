import { and, eq, sql } from 'drizzle-orm';
import type { AuditActor } from '../../platform/audit/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Conn, Db } from '../../platform/db/index.js';
import { errors } from '../../platform/errors.js';
import { scopeWhere, type Scope } from '../../platform/scope.js';
import type { NotificationService } from '../../platform/notifications/service.js';
import { complianceSql } from './compliance.js';
import { nextAlertStatus, type AlertAction } from './alert-states.js';
import { loadRules } from './rules.js';
import { preventionAlerts, preventionEmergencyRegions, preventionEmployees, type AlertDetail, type AlertKind } from './tables.js';

export type AlertRow = typeof preventionAlerts.$inferSelect;

/** Who an alert goes to: the enterprise's prevention contacts and the prevention staff over its county. */
export type AlertRecipients = (alert: { enterpriseId: string | null; regionCode: string }) => Promise<string[]>;
/** A full alert row to insert (kinds whose text is computed per row, e.g. drug purchases without an enterprise). */
export type NewAlertRow = typeof preventionAlerts.$inferInsert;
export interface RowMessage { title: { zh: string; en: string }; body: { zh: string; en: string } }

/** The day in Asia/Shanghai: an enterprise gets at most one overdue alert a day. */
function shanghaiDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** An alert another sweep step raises: kept once per dedupe key. */
export interface NewAlert { kind: AlertKind; dedupeKey: string; enterpriseId: string; regionCode: string; detail: AlertDetail }
/** The notification text of an alert kind other than overdue_test, registered by the file that raises it. */
export type AlertMessage = (detail: AlertDetail) => { title: { zh: string; en: string }; body: { zh: string; en: string }; link: string };
/** A step of the sweep (missing daily reports, unreported arrivals…): returns how many alerts it raised. */
export type SweepStep = (now: Date) => Promise<number>;

export class AlertService {
  private readonly steps: SweepStep[] = [];
  private readonly messages = new Map<AlertKind, AlertMessage>();

  /** Registers a further check the sweep runs after the overdue-test check. */
  addSweepStep(step: SweepStep): void {
    this.steps.push(step);
  }

  registerMessage(kind: AlertKind, message: AlertMessage): void {
    this.messages.set(kind, message);
  }

  constructor(
    readonly db: Db,
    private readonly notifications: NotificationService,
    private readonly recipients: AlertRecipients,
  ) {}

  /**
   * Raises an overdue-test alert for every enterprise with overdue people, once per enterprise and
   * day (the dedupe key), and notifies in the same transaction. Safe to run twice.
   */
  async sweep(now = new Date()): Promise<number> {
    const rules = await loadRules(this.db);
    const c = complianceSql(rules, now);
    const e = preventionEmployees;
    const rows = await this.db
      .select({ enterpriseId: e.enterpriseId, regionCode: e.regionCode, total: sql<number>`count(*)::int`, overdue: sql<number>`(count(*) filter (where ${c.overdue}))::int` })
      .from(e)
      .leftJoin(preventionEmergencyRegions, eq(preventionEmergencyRegions.regionCode, e.regionCode))
      .where(eq(e.status, 'active'))
      .groupBy(e.enterpriseId, e.regionCode)
      .having(sql`count(*) filter (where ${c.overdue}) > 0`);
    const day = shanghaiDay(now);
    let raised = 0;
    for (let i = 0; i < rows.length; i += 500) {
      const batch = rows.slice(i, i + 500);
      // Recipients are looked up before the transaction: on PGlite (one connection) a query outside an
      // open transaction would wait for it forever.
      const recipients = new Map<string, string[]>();
      for (const r of batch) recipients.set(r.enterpriseId, await this.recipients(r));
      await this.db.transaction(async (tx) => {
        const inserted = await tx
          .insert(preventionAlerts)
          .values(batch.map((r) => ({ kind: 'overdue_test' as const, dedupeKey: `overdue_test:${r.enterpriseId}:${day}`, enterpriseId: r.enterpriseId, regionCode: r.regionCode, detail: { overdue: r.overdue, total: r.total, day }, raisedAt: now })))
          .onConflictDoNothing()
          .returning();
        for (const a of inserted) await this.notify(tx, a, recipients.get(a.enterpriseId ?? '') ?? []);
        raised += inserted.length;
      });
    }
    for (const step of this.steps) raised += await step(now);
    return raised;
  }

  /** Raises full alert rows, each once (dedupe key), with a message computed per row, notifying in the same transaction. */
  async raiseRows(rows: NewAlertRow[], message: (a: AlertRow) => RowMessage): Promise<AlertRow[]> {
    if (!rows.length) return [];
    const recipients = new Map<string, string[]>();
    for (const r of rows) {
      const k = `${r.enterpriseId ?? ''}:${r.regionCode}`;
      if (!recipients.has(k)) recipients.set(k, await this.recipients({ enterpriseId: r.enterpriseId ?? null, regionCode: r.regionCode }));
    }
    return this.db.transaction(async (tx) => {
      const inserted = await tx.insert(preventionAlerts).values(rows).onConflictDoNothing().returning();
      for (const a of inserted) {
        const m = message(a);
        await this.notifications.notify(tx, { userIds: recipients.get(`${a.enterpriseId ?? ''}:${a.regionCode}`) ?? [], kind: 'alert.raised', ...m, link: '/prevention/alerts', ref: { type: 'prevention_alert', id: a.id }, dedupeKey: `prevention_alert:${a.id}` });
      }
      return inserted;
    });
  }

  /** Raises each alert once (its dedupe key) and notifies its recipients in the same transaction. */
  async raise(items: NewAlert[], now = new Date()): Promise<number> {
    let raised = 0;
    for (let i = 0; i < items.length; i += 500) {
      const batch = items.slice(i, i + 500);
      const recipients = new Map<string, string[]>();
      for (const r of batch) if (!recipients.has(r.enterpriseId)) recipients.set(r.enterpriseId, await this.recipients(r));
      await this.db.transaction(async (tx) => {
        const inserted = await tx.insert(preventionAlerts).values(batch.map((a) => ({ ...a, raisedAt: now }))).onConflictDoNothing().returning();
        for (const a of inserted) await this.notify(tx, a, recipients.get(a.enterpriseId ?? '') ?? []);
        raised += inserted.length;
      });
    }
    return raised;
  }

  private async notify(conn: Conn, a: AlertRow, userIds: string[]) {
    const message = this.messages.get(a.kind);
    if (message) {
      await this.notifications.notify(conn, { userIds, kind: 'alert.raised', ...message(a.detail), ref: { type: 'prevention_alert', id: a.id }, dedupeKey: `prevention_alert:${a.id}` });
      return;
    }
    await this.notifications.notify(conn, {
      userIds,
      kind: 'alert.raised',
      title: { zh: `电子哨预警：${a.detail.overdue} 人核酸检测超期`, en: `Sentinel alert: ${a.detail.overdue} people overdue for a PCR test` },
      body: { zh: `${a.detail.day}，在岗 ${a.detail.total} 人中 ${a.detail.overdue} 人超过检测间隔未检测阴性结果，请督促检测。`, en: `${a.detail.day}: ${a.detail.overdue} of ${a.detail.total} people on duty have no negative test within their interval.` },
      link: '/prevention/alerts',
      ref: { type: 'prevention_alert', id: a.id },
      dedupeKey: `prevention_alert:${a.id}`,
    });
  }

  async act(scope: Scope, actor: AuditActor, id: string, action: AlertAction, note: string | null): Promise<AlertRow> {
    return this.db.transaction(async (tx) => {
      const cur = (await tx.select().from(preventionAlerts).where(scopeWhere(scope, preventionAlerts, eq(preventionAlerts.id, id))).for('update'))[0];
      if (!cur) throw errors.notFound('alert');
      const to = nextAlertStatus(cur.status, action);
      if (!to) throw errors.of(409, 'prevention.alert_transition', { from: cur.status, action });
      if (action === 'resolve' && !note) throw errors.validation('body.note', 'a note on how it was resolved');
      const now = new Date();
      const [row] = await tx
        .update(preventionAlerts)
        .set(action === 'acknowledge' ? { status: to, acknowledgedAt: now, acknowledgedBy: actor.name, note: note ?? cur.note } : { status: to, resolvedAt: now, resolvedBy: actor.name, note })
        .where(and(eq(preventionAlerts.id, cur.id)))
        .returning();
      await recordAudit(tx, actor, { action: `prevention.alert.${action}`, targetType: 'prevention_alert', targetId: cur.id, regionCode: cur.regionCode, detail: { from: cur.status, to, note } });
      return row!;
    });
  }
}
