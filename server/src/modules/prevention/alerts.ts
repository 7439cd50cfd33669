import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AuditActor } from '../../platform/audit/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Conn, Db } from '../../platform/db/index.js';
import { errors } from '../../platform/errors.js';
import { scopeWhere, type Scope } from '../../platform/scope.js';
import type { NotificationInput, NotificationService } from '../../platform/notifications/service.js';
import { complianceSql } from './compliance.js';
import { nextAlertStatus, type AlertAction } from './alert-states.js';
import { loadRules } from './rules.js';
import { preventionAlerts, preventionEmergencyRegions, preventionEmployees, type AlertDetail, type AlertKind } from './tables.js';

export type AlertRow = typeof preventionAlerts.$inferSelect;

/** A full alert row to insert (kinds whose text is computed per row, e.g. drug purchases without an enterprise). */
export type NewAlertRow = typeof preventionAlerts.$inferInsert;
export interface RowMessage { title: { zh: string; en: string }; body: { zh: string; en: string } }

/** The day in Asia/Shanghai: an enterprise gets at most one overdue alert a day. */
function shanghaiDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

// 6 columns a row: 500 rows keep a statement well under the protocol's 65,535 parameters.
const ROWS_PER_INSERT = 500;

export function recipientKey(a: { enterpriseId: string | null; regionCode: string }): string {
  return `${a.enterpriseId ?? ''}:${a.regionCode}`;
}

/** The recipients of many alerts at once, by enterprise and region. */
export type BulkAlertRecipients = (alerts: readonly { enterpriseId: string | null; regionCode: string }[]) => Promise<Map<string, string[]>>;
/** What bulkRecipients needs of the org module's service. */
export interface RecipientDirectory {
  userIdsForMany(by: 'enterpriseId' | 'regionCode', values: readonly string[], q?: { roleCodes?: string[]; permission?: string }): Promise<Map<string, string[]>>;
}

/**
 * The recipients of alerts: the enterprise's holders of prevention.alerts, then the prevention staff
 * of its region and each region above, for a whole sweep in two queries (a sweep over a province
 * notifies thousands of enterprises).
 */
export function bulkRecipients(dir: RecipientDirectory, regions: { ancestors(code: string): string[] }): BulkAlertRecipients {
  return async (alerts) => {
    const enterprises = alerts.flatMap((a) => (a.enterpriseId ? [a.enterpriseId] : []));
    const codes = [...new Set(alerts.flatMap((a) => regions.ancestors(a.regionCode)))];
    const byEnterprise = await dir.userIdsForMany('enterpriseId', enterprises, { permission: 'prevention.alerts' });
    const byRegion = await dir.userIdsForMany('regionCode', codes, { roleCodes: ['prevention_staff'] });
    const out = new Map<string, string[]>();
    for (const a of alerts) {
      const own = a.enterpriseId ? (byEnterprise.get(a.enterpriseId) ?? []) : [];
      out.set(recipientKey(a), [...own, ...regions.ancestors(a.regionCode).flatMap((c) => byRegion.get(c) ?? [])]);
    }
    return out;
  };
}

type InsertedAlert = Pick<AlertRow, 'id' | 'kind' | 'enterpriseId' | 'regionCode' | 'detail'>;

/** INSERT … SELECT of alert rows (kind, dedupe key, enterprise, region, detail, raised at), each once, returning the new ones. */
async function insertAlerts(conn: Conn, select: SQL): Promise<InsertedAlert[]> {
  const res = (await conn.execute(sql`
    insert into ${preventionAlerts} (kind, dedupe_key, enterprise_id, region_code, detail, raised_at)
    ${select}
    on conflict do nothing
    returning id, kind, enterprise_id, region_code, detail`)) as unknown as { rows: { id: string; kind: AlertKind; enterprise_id: string | null; region_code: string; detail: AlertDetail }[] };
  return res.rows.map((r) => ({ id: r.id, kind: r.kind, enterpriseId: r.enterprise_id, regionCode: r.region_code, detail: r.detail }));
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
    /** the recipients of many alerts at once (bulkRecipients in production) */
    private readonly recipients: BulkAlertRecipients,
  ) {}

  /**
   * Raises an overdue-test alert for every enterprise with overdue people, once per enterprise and
   * day (the dedupe key), and notifies in the same transaction. Safe to run twice.
   *
   * Set-based, because it runs every five minutes over millions of employees: one grouped pass that
   * already leaves out the enterprises alerted today (so later sweeps of the day look up no
   * recipients), recipients resolved once per enterprise and region in this sweep, one
   * INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING for all the alerts and one bulk notifyMany.
   */
  async sweep(now = new Date()): Promise<number> {
    const rules = await loadRules(this.db);
    const c = complianceSql(rules, now);
    const e = preventionEmployees;
    const day = shanghaiDay(now);
    const key = sql`'overdue_test:' || ${e.enterpriseId}::text || ':' || ${day}::text`;
    const rows = await this.db
      .select({ enterpriseId: e.enterpriseId, regionCode: e.regionCode, total: sql<number>`count(*)::int`, overdue: sql<number>`(count(*) filter (where ${c.overdue}))::int` })
      .from(e)
      .leftJoin(preventionEmergencyRegions, eq(preventionEmergencyRegions.regionCode, e.regionCode))
      .where(eq(e.status, 'active'))
      .groupBy(e.enterpriseId, e.regionCode)
      .having(sql`count(*) filter (where ${c.overdue}) > 0 and not exists (select 1 from ${preventionAlerts} where ${preventionAlerts.dedupeKey} = ${key})`);
    let raised = 0;
    if (rows.length) {
      // Recipients are looked up before the transaction: on PGlite (one connection) a query outside an
      // open transaction would wait for it forever.
      const recipients = await this.recipientsOf(rows);
      await this.db.transaction(async (tx) => {
        const inserted = await insertAlerts(
          tx,
          sql`select 'overdue_test', 'overdue_test:' || x."enterpriseId"::text || ':' || ${day}::text, x."enterpriseId", x."regionCode",
                jsonb_build_object('overdue', x.overdue, 'total', x.total, 'day', ${day}::text), ${now.toISOString()}::timestamptz
              from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x("enterpriseId" uuid, "regionCode" text, overdue int, total int)`,
        );
        await this.notifications.notifyMany(tx, inserted.map((a) => this.message(a, recipients.get(recipientKey(a)) ?? [])));
        raised = inserted.length;
      });
    }
    for (const step of this.steps) raised += await step(now);
    return raised;
  }

  /** The recipients of each distinct enterprise and region, looked up once per call (a sweep, a batch). */
  private async recipientsOf(rows: readonly { enterpriseId: string | null; regionCode: string }[]): Promise<Map<string, string[]>> {
    return this.recipients(rows);
  }

  /** Raises full alert rows, each once (dedupe key), with a message computed per row, notifying in the same transaction. */
  async raiseRows(rows: NewAlertRow[], message: (a: AlertRow) => RowMessage): Promise<AlertRow[]> {
    if (!rows.length) return [];
    const recipients = await this.recipientsOf(rows.map((r) => ({ enterpriseId: r.enterpriseId ?? null, regionCode: r.regionCode })));
    return this.db.transaction(async (tx) => {
      const inserted: AlertRow[] = [];
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) inserted.push(...(await tx.insert(preventionAlerts).values(rows.slice(i, i + ROWS_PER_INSERT)).onConflictDoNothing().returning()));
      await this.notifications.notifyMany(
        tx,
        inserted.map((a) => ({ userIds: recipients.get(recipientKey(a)) ?? [], kind: 'alert.raised', ...message(a), link: '/prevention/alerts', ref: { type: 'prevention_alert', id: a.id }, dedupeKey: `prevention_alert:${a.id}` })),
      );
      return inserted;
    });
  }

  /** Raises each alert once (its dedupe key) and notifies its recipients in the same transaction. */
  async raise(items: NewAlert[], now = new Date()): Promise<number> {
    if (!items.length) return 0;
    const recipients = await this.recipientsOf(items);
    return this.db.transaction(async (tx) => {
      const inserted: InsertedAlert[] = [];
      for (let i = 0; i < items.length; i += ROWS_PER_INSERT) {
        const batch = items.slice(i, i + ROWS_PER_INSERT);
        inserted.push(...(await tx.insert(preventionAlerts).values(batch.map((a) => ({ ...a, raisedAt: now }))).onConflictDoNothing().returning()));
      }
      await this.notifications.notifyMany(tx, inserted.map((a) => this.message(a, recipients.get(recipientKey(a)) ?? [])));
      return inserted.length;
    });
  }

  private message(a: InsertedAlert, userIds: string[]): NotificationInput {
    const ref = { type: 'prevention_alert', id: a.id };
    const dedupeKey = `prevention_alert:${a.id}`;
    const message = this.messages.get(a.kind);
    if (message) return { userIds, kind: 'alert.raised', ...message(a.detail), ref, dedupeKey };
    return {
      userIds,
      kind: 'alert.raised',
      title: { zh: `电子哨预警：${a.detail.overdue} 人核酸检测超期`, en: `Sentinel alert: ${a.detail.overdue} people overdue for a PCR test` },
      body: { zh: `${a.detail.day}，在岗 ${a.detail.total} 人中 ${a.detail.overdue} 人超过检测间隔未检测阴性结果，请督促检测。`, en: `${a.detail.day}: ${a.detail.overdue} of ${a.detail.total} people on duty have no negative test within their interval.` },
      link: '/prevention/alerts',
      ref,
      dedupeKey,
    };
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
