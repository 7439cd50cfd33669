import { and, asc, desc, eq, gte, inArray, isNull } from 'drizzle-orm';
import type { Conn, Db } from '../../platform/db/index.js';
import { recordAudit, type AuditActor } from '../../platform/audit/service.js';
import { maskPhone, type FieldCrypto } from '../../platform/crypto.js';
import { errors } from '../../platform/errors.js';
import type { Scope } from '../../platform/scope.js';
import type { OrgService } from '../org/service.js';
import { pairedOf, partiesOf, visible, type Viewer } from './access.js';
import { recordEvent, type DemandNotifier } from './events.js';
import { answerDuration, deadlineAfter, HOLIDAYS_2022, mergeRules, similarity, warningAt, type Calendar, type DemandRules } from './rules.js';
import { nextState, type DemandAction, type Party } from './states.js';
import { demandCalendar, demandEvents, demands, demandSettings, type DemandCategory, type Level, type UnitType, type Urgency } from './tables.js';
import { unitsOf, type RegionInfo, type UnitOption } from './units.js';
import { TotalCounter } from '../../platform/db/totals.js';

export type DemandRow = typeof demands.$inferSelect;

/** The enterprise register, from the whitelist module's service. */
export interface EnterpriseLookup {
  get(conn: Conn, scope: Scope, id: string): Promise<{ id: string; name: string; regionCode: string }>;
  /** Names by id (the caller has already scoped the ids). */
  names(conn: Conn, ids: string[]): Promise<Map<string, string>>;
}

export interface FileInput {
  category: DemandCategory;
  urgency: Urgency;
  title: string;
  description: string;
  contactName: string;
  contactPhone: string;
  idempotencyKey?: string | undefined;
  confirmNotDuplicate?: boolean | undefined;
}

export interface ActionBody {
  note?: string | null | undefined;
  unitType?: UnitType | undefined;
  unitId?: string | undefined;
  complex?: boolean | undefined;
  deadline?: string | undefined;
  rating?: number | undefined;
  solved?: boolean | undefined;
  major?: boolean | undefined;
}

export interface Deps {
  regions: RegionInfo;
  crypto: FieldCrypto;
  org: OrgService;
  enterprises: EnterpriseLookup;
  notifier?: DemandNotifier;
}

/** The states in which each clock runs. */
export const INTAKE_STATES = ['received', 'sent_back'] as const;
export const WORK_STATES = ['dispatched', 'accepted', 'in_progress'] as const;

/** Scheduling of a demand's timers after each step (clocks.ts), in the step's transaction. */
export interface ClockHook {
  after(tx: Conn, d: DemandRow): Promise<void>;
}

/**
 * Rows filed before the masked column existed get it, a batch at a time (the sweep calls this;
 * until then a view masks them from the encrypted number). Returns how many it filled.
 */
export async function backfillMaskedPhones(db: Db, crypto: FieldCrypto, batch = 1000): Promise<number> {
  const rows = await db.select({ id: demands.id, enc: demands.contactPhoneEnc }).from(demands).where(isNull(demands.contactPhoneMasked)).limit(batch);
  for (const r of rows) await db.update(demands).set({ contactPhoneMasked: maskPhone(crypto.decrypt(r.enc)) }).where(eq(demands.id, r.id));
  return rows.length;
}

export class DemandService {
  private cal: Calendar | null = null;
  clocks: ClockHook | null = null;
  /** The lists' capped totals; every change below tells it, in its transaction and after it commits. */
  readonly totals: TotalCounter;
  constructor(
    readonly db: Db,
    readonly deps: Deps,
  ) {
    this.totals = new TotalCounter(db);
  }

  levelOf(regionCode: string): Level {
    return this.deps.regions.level(regionCode) ?? 'county';
  }

  async calendar(conn: Conn): Promise<Calendar> {
    if (!this.cal) {
      const rows = await conn.select().from(demandCalendar);
      // An installation that never edited its calendar works with the 2022 defaults.
      this.cal = new Map((rows.length ? rows : HOLIDAYS_2022).map((r) => [r.day, r.kind]));
    }
    return this.cal;
  }
  forgetCalendar(): void {
    this.cal = null;
  }

  /** The rules of the command holding a demand: its overrides over the defaults. */
  async rulesFor(conn: Conn, holderRegionCode: string): Promise<DemandRules & { autoEscalate: boolean }> {
    const row = (await conn.select().from(demandSettings).where(eq(demandSettings.regionCode, holderRegionCode)))[0];
    return { ...mergeRules(row?.rules as Partial<DemandRules> | null), autoEscalate: row?.autoEscalate ?? false };
  }

  /** The dispatch clock of the command that now holds the demand. */
  async dispatchClock(conn: Conn, holder: string, urgency: Urgency, now: Date) {
    const rules = await this.rulesFor(conn, holder);
    const deadline = deadlineAfter(now, rules.dispatch[urgency], await this.calendar(conn));
    return { dispatchDeadline: deadline, dispatchWarnAt: warningAt(now, deadline, rules), dispatchWarnedAt: null };
  }

  async answerClock(conn: Conn, d: Pick<DemandRow, 'holderRegionCode' | 'urgency' | 'complex'>, now: Date, override?: Date) {
    const rules = await this.rulesFor(conn, d.holderRegionCode);
    const deadline = override ?? deadlineAfter(now, answerDuration(d.urgency, d.complex, rules), await this.calendar(conn));
    return { answerDeadline: deadline, answerWarnAt: warningAt(now, deadline, rules), answerWarnedAt: null };
  }

  /** Earlier demands of the enterprise like this one: same category, similar text, within the window. */
  async similarOf(conn: Conn, scope: Scope, enterpriseId: string, input: Pick<FileInput, 'category' | 'title' | 'description'>, now = new Date()) {
    const rules = await this.rulesFor(conn, scope.regionCode);
    const since = new Date(now.getTime() - rules.duplicateWindowDays * 86_400_000);
    const rows = await conn
      .select({ id: demands.id, no: demands.no, title: demands.title, description: demands.description, state: demands.state, createdAt: demands.createdAt })
      .from(demands)
      .where(and(eq(demands.enterpriseId, enterpriseId), eq(demands.category, input.category), gte(demands.createdAt, since)))
      .orderBy(desc(demands.createdAt))
      .limit(200);
    const text = `${input.title} ${input.description}`;
    return rows
      .map((r) => ({ ...r, similarity: similarity(text, `${r.title} ${r.description}`) }))
      .filter((r) => r.similarity >= rules.duplicateSimilarity)
      .sort((a, b) => b.similarity - a.similarity);
  }

  /**
   * An enterprise files a demand. Sending the same idempotency key again returns the stored one;
   * a similar demand of the last days is refused (409) until the user confirms it is not one.
   */
  async file(v: Viewer, actor: AuditActor, input: FileInput, now = new Date()): Promise<{ demand: DemandRow; created: boolean }> {
    const scope = v.scope;
    if (scope.kind !== 'enterprise') throw errors.forbidden();
    const out = await this.db.transaction(async (tx) => {
      if (input.idempotencyKey) {
        const same = await tx.select().from(demands).where(and(eq(demands.enterpriseId, scope.enterpriseId), eq(demands.idempotencyKey, input.idempotencyKey)));
        if (same[0]) return { demand: same[0], created: false };
      }
      const ent = await this.deps.enterprises.get(tx, scope, scope.enterpriseId);
      if (!input.confirmNotDuplicate) {
        const dup = (await this.similarOf(tx, scope, ent.id, input, now))[0];
        const rules = await this.rulesFor(tx, ent.regionCode);
        if (dup) throw errors.of(409, 'demands.possible_duplicate', { no: String(dup.no), days: String(rules.duplicateWindowDays) }, 'body.confirmNotDuplicate');
      }
      const holder = ent.regionCode;
      const clock = await this.dispatchClock(tx, holder, input.urgency, now);
      const [d] = await tx
        .insert(demands)
        .values({
          enterpriseId: ent.id,
          enterpriseName: ent.name,
          regionCode: ent.regionCode,
          category: input.category,
          urgency: input.urgency,
          title: input.title,
          description: input.description,
          contactName: input.contactName,
          contactPhoneEnc: this.deps.crypto.encrypt(input.contactPhone),
          contactPhoneMasked: maskPhone(input.contactPhone),
          state: 'received',
          level: this.levelOf(holder),
          holderRegionCode: holder,
          idempotencyKey: input.idempotencyKey ?? null,
          createdBy: actor.id,
          createdAt: now,
          updatedAt: now,
          ...clock,
        })
        .onConflictDoNothing()
        .returning();
      if (!d) {
        // A concurrent request with the same key won the race: answer with its demand.
        const same = await tx.select().from(demands).where(and(eq(demands.enterpriseId, scope.enterpriseId), eq(demands.idempotencyKey, input.idempotencyKey ?? '')));
        return { demand: same[0]!, created: false };
      }
      this.totals.changed();
      await recordEvent(tx, actor, d, { action: 'file', from: null, to: 'received', note: null, detail: { urgency: input.urgency, category: input.category } }, this.deps.notifier, now);
      await this.clocks?.after(tx, d);
      return { demand: d, created: true };
    });
    this.totals.changed();
    return out;
  }

  /** One demand the viewer may see (else 404), optionally locked for a change. */
  async get(conn: Conn, v: Viewer, id: string, lock = false): Promise<DemandRow> {
    const q = conn.select().from(demands).where(visible(v, eq(demands.id, id)));
    const rows = lock ? await q.for('update') : await q;
    if (!rows[0]) throw errors.notFound('demand');
    return rows[0];
  }

  async detail(v: Viewer, id: string) {
    const d = await this.get(this.db, v, id);
    return { demand: d, parties: partiesOf(v, d, await pairedOf(this.db, v)) };
  }

  /** The contact phone in clear, for a party of the demand only; every read is an audit event. */
  async revealContact(v: Viewer, actor: AuditActor, id: string, purpose: string | null): Promise<string> {
    return this.db.transaction(async (tx) => {
      const d = await this.get(tx, v, id);
      if (!partiesOf(v, d, await pairedOf(tx, v)).length) throw errors.forbidden();
      await recordAudit(tx, actor, { action: 'demands.contact.read', targetType: 'demand', targetId: d.id, regionCode: d.regionCode, detail: { no: d.no, purpose, fields: ['contactPhone'] } });
      return this.deps.crypto.decrypt(d.contactPhoneEnc);
    });
  }

  /** Takes one action of the state machine on a demand, as the viewer. */
  async act(v: Viewer, actor: AuditActor, id: string, action: Exclude<DemandAction, 'batch_answer'>, body: ActionBody, now = new Date()): Promise<DemandRow> {
    // The units come from the org service on its own connection: read them before the
    // transaction (PGlite has one connection, which the transaction holds).
    let units: UnitOption[] = [];
    if (action === 'dispatch') {
      const pre = await this.get(this.db, v, id);
      if (partiesOf(v, pre, new Set()).includes('dispatcher')) units = await unitsOf(this.deps.org, this.deps.regions, v.scope, pre.holderRegionCode);
    }
    const row = await this.db.transaction(async (tx) => {
      const d = await this.get(tx, v, id, true);
      const parties = partiesOf(v, d, await pairedOf(tx, v));
      return this.apply(tx, actor, d, action, parties, body, now, units);
    });
    this.totals.changed();
    return row;
  }

  /** The change itself, for a demand already loaded and locked in `tx`. */
  async apply(tx: Conn, actor: AuditActor, d: DemandRow, action: DemandAction, parties: readonly Party[], body: ActionBody, now: Date, units: UnitOption[] = []): Promise<DemandRow> {
    let to = nextState(action, d.state, parties);
    const need = (field: keyof ActionBody, ok: boolean, reason: string) => {
      if (!ok) throw errors.validation(`body.${field}`, reason);
    };
    const set: Partial<DemandRow> = { updatedAt: now };
    const detail: Record<string, unknown> = {};
    switch (action) {
      case 'dispatch': {
        need('unitId', !!body.unitType && !!body.unitId, 'choose the responsible unit');
        const unit = units.find((u) => u.type === body.unitType && u.id === body.unitId);
        if (!unit) throw errors.of(400, 'demands.unit_not_available', {}, 'body.unitId');
        const override = body.deadline ? new Date(body.deadline) : undefined;
        need('deadline', !override || override.getTime() > now.getTime(), 'the deadline must be in the future');
        const complex = body.complex ?? d.complex;
        Object.assign(set, { unitType: unit.type, unitId: unit.id, unitLabel: unit.label, unitRegionCode: unit.type === 'command' ? unit.regionCode : null, complex, dispatchedAt: now, overdueSince: null });
        Object.assign(set, await this.answerClock(tx, { ...d, complex }, now, override));
        Object.assign(detail, { unit: unit.label, unitType: unit.type, deadline: (set.answerDeadline as Date).toISOString(), complex });
        break;
      }
      case 'accept':
        set.acceptedAt = now;
        break;
      case 'send_back':
        need('note', !!body.note, 'say why it is sent back');
        Object.assign(set, { unitType: null, unitId: null, unitLabel: null, unitRegionCode: null, answerDeadline: null, answerWarnAt: null, overdueSince: null });
        Object.assign(set, await this.dispatchClock(tx, d.holderRegionCode, d.urgency, now));
        detail.unit = d.unitLabel;
        break;
      case 'progress':
        need('note', !!body.note, 'describe the progress');
        break;
      case 'answer':
      case 'batch_answer':
        need('note', !!body.note, 'write the answer');
        Object.assign(set, { answer: body.note, answeredAt: now });
        break;
      case 'revisit':
      case 'reopen':
        need('rating', body.rating !== undefined, 'rate the answer 1–5');
        Object.assign(set, { rating: body.rating, solved: action === 'revisit', revisitComment: body.note ?? null });
        if (action === 'reopen') Object.assign(set, { overdueSince: null }, await this.answerClock(tx, d, now));
        Object.assign(detail, { rating: body.rating, solved: action === 'revisit' });
        break;
      case 'verify':
        break;
      case 'close':
        set.closedAt = now;
        break;
      case 'escalate': {
        need('note', !!body.note, 'say why it is escalated');
        const chain = this.deps.regions.ancestors(d.regionCode);
        const major = body.major === true;
        let holder: string;
        let level: Level;
        if (d.level === 'leadership') throw errors.of(409, 'demands.no_higher_level');
        if (major || d.level === 'province') {
          holder = chain[chain.length - 1]!;
          level = 'leadership';
        } else {
          const i = chain.indexOf(d.holderRegionCode);
          holder = chain[i + 1] ?? chain[chain.length - 1]!;
          level = this.levelOf(holder);
        }
        Object.assign(set, { holderRegionCode: holder, level, escalated: true, major: d.major || major, unitType: null, unitId: null, unitLabel: null, unitRegionCode: null, answerDeadline: null, answerWarnAt: null, overdueSince: null });
        Object.assign(set, await this.dispatchClock(tx, holder, d.urgency, now));
        // The unit it was with when escalated: the weekly report counts the escalation against it.
        Object.assign(detail, { fromLevel: d.level, toLevel: level, holder, major, fromUnit: d.unitType && d.unitId ? { type: d.unitType, id: d.unitId, label: d.unitLabel ?? '' } : null });
        break;
      }
      case 'hand_down': {
        need('note', !!body.note, 'say why it is handed down');
        const chain = this.deps.regions.ancestors(d.regionCode);
        let holder: string;
        let level: Level;
        if (d.level === 'leadership') {
          holder = d.holderRegionCode;
          level = this.levelOf(holder);
        } else {
          const i = chain.indexOf(d.holderRegionCode);
          if (i <= 0) throw errors.of(409, 'demands.not_escalated');
          holder = chain[i - 1]!;
          level = this.levelOf(holder);
        }
        Object.assign(set, { holderRegionCode: holder, level, handedDown: true, overdueSince: null });
        Object.assign(set, await this.dispatchClock(tx, holder, d.urgency, now));
        Object.assign(detail, { fromLevel: d.level, toLevel: level, holder });
        to = 'received';
        break;
      }
      default: {
        const never: never = action;
        throw new Error(`unhandled ${String(never)}`);
      }
    }
    set.state = to;
    const [row] = await tx.update(demands).set(set).where(eq(demands.id, d.id)).returning();
    this.totals.changed();
    await recordEvent(tx, actor, row!, { action, from: d.state, to, note: body.note ?? null, detail }, this.deps.notifier, now, d);
    await this.clocks?.after(tx, row!);
    return row!;
  }

  /** Timeline of one demand (the caller has already been shown the demand). */
  async timeline(conn: Conn, d: DemandRow) {
    return conn.select().from(demandEvents).where(eq(demandEvents.demandId, d.id)).orderBy(asc(demandEvents.at));
  }

  /** Open demands of a category in some regions, outside any common issue: candidates for one. */
  async openIn(conn: Conn, v: Viewer, category: DemandCategory, regionCodes: string[]) {
    return conn
      .select()
      .from(demands)
      .where(visible(v, and(eq(demands.category, category), inArray(demands.regionCode, regionCodes), inArray(demands.state, [...INTAKE_STATES, ...WORK_STATES]), isNull(demands.commonIssueId))))
      .orderBy(desc(demands.createdAt))
      .limit(500);
  }
}
