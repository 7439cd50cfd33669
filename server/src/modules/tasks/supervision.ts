import { and, asc, desc, eq, gt, ilike, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.js';
import { sumCapped, TotalCounter, type Capped } from '../../platform/db/totals.js';
import type { SessionUser } from '../../platform/auth/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import { errors } from '../../platform/errors.js';
import { containsPattern } from '../../platform/schemas.js';
import { scopeCoversRegion, scopeWhere, type Scope } from '../../platform/scope.js';
import type { OrgUnits } from '../org/units.js';
import type { Notifier, RegionNames } from './ports.js';
import type { Caller, UnitKey } from './service.js';
import type { TasksSettings } from './settings.js';
import type { SupervisedItem, SupervisionSource } from './sources.js';
import { canNotice, NOTICE_TRANSITIONS, nextNotice, noticeActions, type NoticeAction, type NoticeActor } from './states.js';
import { noticeEvents, supervisionNotices, type ItemKind, type NoticeState } from './tables.js';

export type NoticeRow = typeof supervisionNotices.$inferSelect;
export type NoticeEventRow = typeof noticeEvents.$inferSelect;

/**
 * Supervision (督办督查): the overdue board over every source (demands, tasks), and supervision
 * notices to the unit responsible for a late item, which must reply.
 */
export class SupervisionService {
  private readonly sources = new Map<ItemKind, SupervisionSource>();
  /** Capped totals of the notice lists; every notice write below tells it, in its transaction and after it commits. */
  readonly totals: TotalCounter;
  constructor(
    readonly db: Db,
    readonly units: OrgUnits,
    readonly regions: RegionNames,
    private readonly notifier: Notifier,
    readonly settings: TasksSettings,
  ) {
    this.totals = new TotalCounter(db);
  }

  addSource(source: SupervisionSource): void {
    this.sources.set(source.kind, source);
  }
  sourceList(): SupervisionSource[] {
    return [...this.sources.values()];
  }
  private source(kind: ItemKind): SupervisionSource {
    const s = this.sources.get(kind);
    if (!s) throw errors.notFound('item');
    return s;
  }

  /**
   * Late items of every source (or one kind), most overdue first. Each source pages on its own,
   * so the merged page takes the first page·size of each and cuts the requested window.
   */
  async overdue(scope: Scope, q: { kind?: ItemKind | undefined; regionCode?: string | undefined; page: number; pageSize: number }): Promise<{ items: SupervisedItem[] } & Capped> {
    const chosen = q.kind ? [this.source(q.kind)] : this.sourceList();
    const window = q.page * q.pageSize;
    const parts = await Promise.all(chosen.map((s) => s.overdue(scope, { ...(q.regionCode ? { regionCode: q.regionCode } : {}), page: 1, pageSize: window })));
    const all = parts.flatMap((p) => p.items).sort((a, b) => (a.overdueSince ?? '').localeCompare(b.overdueSince ?? '') || a.id.localeCompare(b.id));
    return { items: all.slice((q.page - 1) * q.pageSize, window), ...sumCapped(parts) };
  }

  unitsOf(session: SessionUser): Promise<UnitKey[]> {
    return this.units.unitsOfAccount(session.user, session.role.permissions, 'tasks.assign');
  }

  private sides(session: SessionUser, n: NoticeRow, mine: UnitKey[], inScope: boolean): NoticeActor[] {
    const out: NoticeActor[] = [];
    const perms = session.role.permissions;
    if (perms.includes('supervision.reply') && mine.some((k) => k.type === n.unitType && k.id === n.unitId)) out.push('unit');
    if (perms.includes('supervision.issue') && inScope) out.push('supervisor');
    return out;
  }

  /** Issues a notice on a late item to its responsible unit; issuing again while one is open answers the open one. */
  async issue(c: Caller, input: { kind: ItemKind; itemId: string; requirement: string; replyDeadline?: Date | null | undefined }, now = new Date()): Promise<{ notice: NoticeRow; created: boolean }> {
    const item = await this.source(input.kind).find(c.scope, input.itemId);
    if (!item) throw errors.notFound('item');
    if (!item.unit) throw errors.of(409, 'supervision.no_unit');
    const unit = item.unit;
    const replyDeadline = input.replyDeadline ?? new Date(now.getTime() + this.settings.noticeReplyDays * 86_400_000);
    if (replyDeadline.getTime() <= now.getTime()) throw errors.validation('body.replyDeadline', 'must be in the future');
    // Recipients are read before the transaction: PGlite has one connection, held by the transaction.
    const unitUsers = await this.units.userIdsOfUnit(unit, 'tasks.assign');
    const out = await this.db.transaction(async (tx) => {
      const inserted = await tx
        .insert(supervisionNotices)
        .values({ itemKind: item.kind, itemId: item.id, itemTitle: item.title, itemLink: item.link, regionCode: item.regionCode, unitType: unit.type, unitId: unit.id, unitLabel: unit.label, requirement: input.requirement, replyDeadline, issuedById: c.session.user.id, issuedByName: c.session.user.displayName })
        .onConflictDoNothing()
        .returning();
      const notice = inserted[0];
      if (!notice) {
        const open = (await tx.select().from(supervisionNotices).where(and(eq(supervisionNotices.itemKind, item.kind), eq(supervisionNotices.itemId, item.id), inArray(supervisionNotices.state, ['issued', 'overdue']))))[0];
        if (!open) throw errors.of(409, 'supervision.no_unit');
        return { notice: open, created: false };
      }
      this.totals.changed();
      await tx.insert(noticeEvents).values({ noticeId: notice.id, regionCode: notice.regionCode, action: 'issue', fromState: null, toState: 'issued', note: input.requirement, actorName: c.session.user.displayName, at: sql`clock_timestamp()` });
      await recordAudit(tx, c.actor, { action: 'supervision.issue', targetType: 'supervision_notice', targetId: notice.id, regionCode: notice.regionCode, detail: { item: `${item.kind}:${item.id}`, unit: unit.label } });
      await this.notifier.notify(tx, {
        userIds: unitUsers,
        kind: 'supervision.issued',
        title: { zh: `督办单：${item.title}`, en: `Supervision notice: ${item.title}` },
        body: { zh: input.requirement, en: input.requirement },
        link: `/supervision/notices/${notice.id}`,
        ref: { type: 'supervision_notice', id: notice.id },
        dedupeKey: `notice-issued:${notice.id}`,
      });
      return { notice, created: true };
    });
    if (out.created) this.totals.changed();
    return out;
  }

  /**
   * Notices the caller may see: the supervisor's region subtree (a region inside it narrows the
   * list; one outside answers 404), or (mine) those sent to the caller's units. The total is capped.
   */
  async list(c: Caller, f: { mine?: boolean | undefined; q?: string | undefined; state?: NoticeState | undefined; kind?: ItemKind | undefined; regionCode?: string | undefined; page: number; pageSize: number }) {
    if (f.regionCode && !f.mine && !scopeCoversRegion(c.scope, f.regionCode)) throw errors.notFound('region');
    const keys = await this.unitsOf(c.session);
    const mineCond = keys.length ? or(...keys.map((k) => and(eq(supervisionNotices.unitType, k.type), eq(supervisionNotices.unitId, k.id)))) : sql`false`;
    const conds: (SQL | undefined)[] = [
      f.mine ? mineCond : undefined,
      f.state ? eq(supervisionNotices.state, f.state) : undefined,
      f.kind ? eq(supervisionNotices.itemKind, f.kind) : undefined,
      f.regionCode ? inArray(supervisionNotices.regionCode, this.regions.subtree(f.regionCode)) : undefined,
      f.q ? or(ilike(supervisionNotices.itemTitle, containsPattern(f.q)), ilike(supervisionNotices.unitLabel, containsPattern(f.q))) : undefined,
    ];
    // A unit's user outside the supervisor role reaches its own notices even without region scope over them.
    const where = f.mine ? and(...conds)! : scopeWhere(c.scope, supervisionNotices, and(...conds));
    const [rows, total] = await Promise.all([
      this.db.select().from(supervisionNotices).where(where).orderBy(desc(supervisionNotices.createdAt), asc(supervisionNotices.id)).limit(f.pageSize).offset((f.page - 1) * f.pageSize),
      this.totals.total(supervisionNotices, where),
    ]);
    return { items: rows.map((n) => ({ ...n, actions: noticeActions(n.state, this.sides(c.session, n, keys, scopeCoversRegion(c.scope, n.regionCode))) })), ...total };
  }

  /** One notice, for the supervisor whose scope reaches it or a user of its unit; else 404. */
  async get(c: Caller, id: string): Promise<{ notice: NoticeRow; events: NoticeEventRow[]; actions: NoticeAction[] }> {
    const n = (await this.db.select().from(supervisionNotices).where(eq(supervisionNotices.id, id)))[0];
    if (!n) throw errors.notFound('notice');
    const keys = await this.unitsOf(c.session);
    const mine = keys.some((k) => k.type === n.unitType && k.id === n.unitId);
    const inScope = scopeCoversRegion(c.scope, n.regionCode) && c.session.role.permissions.includes('supervision.read');
    if (!mine && !inScope) throw errors.notFound('notice');
    const events = await this.db.select().from(noticeEvents).where(eq(noticeEvents.noticeId, id)).orderBy(asc(noticeEvents.at));
    return { notice: n, events, actions: noticeActions(n.state, this.sides(c.session, n, keys, inScope)) };
  }

  async act(c: Caller, id: string, action: Exclude<NoticeAction, 'expire'>, note: string): Promise<NoticeRow> {
    const { notice: n, actions } = await this.get(c, id);
    const by = NOTICE_TRANSITIONS[action].by;
    // An illegal transition is refused as such (409) before asking whether the caller may take it.
    if (!canNotice(action, n.state)) nextNotice(action, n.state);
    if (!actions.includes(action)) throw errors.forbidden();
    const to = nextNotice(action, n.state);
    const recipients = by === 'unit' ? (n.issuedById ? [n.issuedById] : []) : await this.units.userIdsOfUnit({ type: n.unitType, id: n.unitId }, 'tasks.assign');
    const moved = await this.db.transaction(async (tx) => {
      const at = sql`clock_timestamp()`;
      const set = action === 'reply' ? { reply: note, repliedAt: at, repliedByName: c.session.user.displayName } : action === 'close' ? { closeNote: note, closedAt: at } : { closeNote: note };
      const updated = (await tx.update(supervisionNotices).set({ state: to, updatedAt: at, ...set }).where(and(eq(supervisionNotices.id, n.id), eq(supervisionNotices.state, n.state))).returning())[0];
      if (!updated) throw errors.of(409, 'tasks.invalid_transition', { action, from: n.state });
      this.totals.changed();
      await tx.insert(noticeEvents).values({ noticeId: n.id, regionCode: n.regionCode, action, fromState: n.state, toState: to, note, actorName: c.session.user.displayName, at });
      await recordAudit(tx, c.actor, { action: `supervision.${action}`, targetType: 'supervision_notice', targetId: n.id, regionCode: n.regionCode, detail: { from: n.state, to, note } });
      const word = { reply: { zh: '已回复', en: 'replied' }, return: { zh: '回复被退回', en: 'reply returned' }, close: { zh: '已办结', en: 'closed' } }[action];
      await this.notifier.notify(tx, {
        userIds: recipients.filter((u) => u !== c.session.user.id),
        kind: `supervision.${action}`,
        title: { zh: `督办单${word.zh}：${n.itemTitle}`, en: `Supervision notice ${word.en}: ${n.itemTitle}` },
        body: { zh: note, en: note },
        link: `/supervision/notices/${n.id}`,
        ref: { type: 'supervision_notice', id: n.id },
      });
      return updated;
    });
    this.totals.changed();
    return moved;
  }

  /**
   * The notices' clock, run by the recurring sweep: a warning `noticeWarningHours` before the reply
   * deadline, and `overdue` after it. Idempotent: each notice is warned once and expires once.
   */
  async sweep(now: Date): Promise<{ warned: number; expired: number }> {
    const horizon = new Date(now.getTime() + this.settings.noticeWarningHours * 3600_000);
    const toWarn = await this.db.select().from(supervisionNotices).where(and(eq(supervisionNotices.state, 'issued'), isNull(supervisionNotices.warnedAt), lte(supervisionNotices.replyDeadline, horizon), gt(supervisionNotices.replyDeadline, now))).limit(1000);
    for (const n of toWarn) {
      const userIds = await this.units.userIdsOfUnit({ type: n.unitType, id: n.unitId }, 'tasks.assign');
      const warned = await this.db.transaction(async (tx) => {
        const claimed = await tx.update(supervisionNotices).set({ warnedAt: now }).where(and(eq(supervisionNotices.id, n.id), isNull(supervisionNotices.warnedAt))).returning({ id: supervisionNotices.id });
        if (claimed.length === 0) return false;
        this.totals.changed();
        await this.notifier.notify(tx, {
          userIds,
          kind: 'supervision.reply_warning',
          title: { zh: `督办单即将到期，请尽快回复：${n.itemTitle}`, en: `Supervision notice due soon: ${n.itemTitle}` },
          link: `/supervision/notices/${n.id}`,
          ref: { type: 'supervision_notice', id: n.id },
          dedupeKey: `notice-warning:${n.id}`,
        });
        return true;
      });
      if (warned) this.totals.changed();
    }
    const toExpire = await this.db.select().from(supervisionNotices).where(and(eq(supervisionNotices.state, 'issued'), lt(supervisionNotices.replyDeadline, now))).limit(1000);
    let expired = 0;
    for (const n of toExpire) {
      const userIds = [...(await this.units.userIdsOfUnit({ type: n.unitType, id: n.unitId }, 'tasks.assign')), ...(n.issuedById ? [n.issuedById] : [])];
      const moved = await this.db.transaction(async (tx) => {
        const to = nextNotice('expire', n.state);
        const done = await tx.update(supervisionNotices).set({ state: to, updatedAt: now }).where(and(eq(supervisionNotices.id, n.id), eq(supervisionNotices.state, 'issued'))).returning({ id: supervisionNotices.id });
        if (done.length === 0) return false;
        this.totals.changed();
        await tx.insert(noticeEvents).values({ noticeId: n.id, regionCode: n.regionCode, action: 'expire', fromState: n.state, toState: to, note: null, actorName: 'system', at: now });
        await recordAudit(tx, { id: null, name: 'system', ip: null }, { action: 'supervision.expire', targetType: 'supervision_notice', targetId: n.id, regionCode: n.regionCode, detail: { from: n.state, to } });
        await this.notifier.notify(tx, {
          userIds,
          kind: 'supervision.overdue',
          title: { zh: `督办单已逾期未回复：${n.itemTitle}`, en: `Supervision notice overdue: ${n.itemTitle}` },
          link: `/supervision/notices/${n.id}`,
          ref: { type: 'supervision_notice', id: n.id },
          dedupeKey: `notice-overdue:${n.id}`,
        });
        return true;
      });
      if (moved) {
        this.totals.changed();
        expired++;
      }
    }
    return { warned: toWarn.length, expired };
  }
}
