import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Conn, Db } from '../../platform/db/index.js';
import type { AuditActor } from '../../platform/audit/service.js';
import { errors } from '../../platform/errors.js';
import { scopeWhere, type Scope } from '../../platform/scope.js';
import { evaluate, type Evaluation, type Rule } from '../../platform/rules/index.js';
import { ENTERPRISE_FIELDS, enterpriseRecord } from './catalogue.js';
import { recordStep } from './history.js';
import { nextApplication, nextListing, type ListingAction } from './states.js';
import {
  enterprises,
  supplyLinks,
  whitelistApplications,
  whitelistCriteria,
  whitelistMemberships,
  type ListingStatus,
  type Sector,
} from './tables.js';

export type EnterpriseRow = typeof enterprises.$inferSelect;
export type ApplicationRow = typeof whitelistApplications.$inferSelect;
export type CriteriaRow = typeof whitelistCriteria.$inferSelect;

/** Region ancestry, from the org module's region directory. */
export interface RegionLookup {
  ancestors(code: string): string[];
  subtree(code: string): string[];
  name(code: string): string;
  children(code: string): string[];
}

export type EnterpriseChangedListener = (enterpriseId: string) => Promise<void>;

export class WhitelistService {
  private readonly changeListeners: EnterpriseChangedListener[] = [];

  constructor(
    readonly db: Db,
    readonly regions: RegionLookup,
  ) {}

  /** Other modules (policy matching) follow changes of an enterprise's profile or listing. */
  onEnterpriseChanged(listener: EnterpriseChangedListener): void {
    this.changeListeners.push(listener);
  }

  /** Called after the change has committed; a listener's failure must not undo or fail the change. */
  async enterpriseChanged(enterpriseId: string): Promise<void> {
    for (const listener of this.changeListeners) {
      try {
        await listener(enterpriseId);
      } catch (err) {
        process.emitWarning(`enterprise-changed listener failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  /** An enterprise the caller may see; out of scope answers 404 like a missing one. */
  async enterprise(conn: Conn, scope: Scope, id: string, lock = false): Promise<EnterpriseRow> {
    const q = conn.select().from(enterprises).where(scopeWhere(scope, enterprises, eq(enterprises.id, id)));
    const rows = lock ? await q.for('update') : await q;
    if (!rows[0]) throw errors.notFound('enterprise');
    return rows[0];
  }

  /** The criteria that apply to an enterprise: its sector's, from the nearest region up. */
  async criteriaFor(conn: Conn, regionCode: string, sector: Sector): Promise<CriteriaRow | null> {
    const chain = this.regions.ancestors(regionCode);
    const rows = await conn.select().from(whitelistCriteria).where(and(eq(whitelistCriteria.sector, sector), inArray(whitelistCriteria.regionCode, chain)));
    rows.sort((a, b) => chain.indexOf(a.regionCode) - chain.indexOf(b.regionCode));
    return rows[0] ?? null;
  }

  async check(conn: Conn, ent: EnterpriseRow, lang: 'zh-CN' | 'en-US'): Promise<{ criteria: CriteriaRow | null; result: Evaluation | null }> {
    const criteria = await this.criteriaFor(conn, ent.regionCode, ent.sector);
    if (!criteria) return { criteria: null, result: null };
    return { criteria, result: evaluate(criteria.rule as Rule, enterpriseRecord(ent), ENTERPRISE_FIELDS, lang) };
  }

  /** 链式保障: the enterprise names a whitelisted partner, or a whitelisted firm names it. */
  async isLinkedToListed(conn: Conn, ent: EnterpriseRow): Promise<boolean> {
    const listed = sql`${enterprises.listingStatus} in ('listed', 'suspended')`;
    const named = await conn
      .select({ id: enterprises.id })
      .from(supplyLinks)
      .innerJoin(enterprises, eq(enterprises.uscc, supplyLinks.partnerUscc))
      .where(and(eq(supplyLinks.enterpriseId, ent.id), listed))
      .limit(1);
    if (named.length) return true;
    const namedBy = await conn
      .select({ id: enterprises.id })
      .from(supplyLinks)
      .innerJoin(enterprises, eq(enterprises.id, supplyLinks.enterpriseId))
      .where(and(eq(supplyLinks.partnerUscc, ent.uscc), listed))
      .limit(1);
    return namedBy.length > 0;
  }

  async applicationOf(conn: Conn, enterpriseId: string): Promise<ApplicationRow | null> {
    const rows = await conn.select().from(whitelistApplications).where(eq(whitelistApplications.enterpriseId, enterpriseId));
    return rows[0] ?? null;
  }

  /**
   * An enterprise applies (or amends and applies again). The criteria are checked at once:
   * meeting them all where the sector's criteria admit automatically puts it on the list
   * (达标即入); otherwise the application waits for the department's review.
   */
  async submit(scope: Scope, actor: AuditActor, enterpriseId: string, statement: string | null, lang: 'zh-CN' | 'en-US', at = new Date()): Promise<ApplicationRow> {
    const row = await this.db.transaction(async (tx) => {
      const ent = await this.enterprise(tx, scope, enterpriseId, true);
      const existing = await this.applicationOf(tx, ent.id);
      if (ent.listingStatus === 'listed' || ent.listingStatus === 'suspended') throw errors.of(409, 'whitelist.already_listed');
      const action = existing ? 'resubmit' : 'submit';
      const submitted = nextApplication(action, existing?.status ?? null);
      const { criteria, result } = await this.check(tx, ent, lang);
      const priority = await this.isLinkedToListed(tx, ent);
      const values = {
        status: submitted,
        criteriaId: criteria?.id ?? null,
        criteriaVersion: criteria?.version ?? null,
        checkResult: result,
        checkPassed: result?.passed ?? false,
        priority,
        statement,
        decisionReason: null,
        decidedBy: null,
        decidedAt: null,
        submittedAt: at,
      };
      const [row] = existing
        ? await tx.update(whitelistApplications).set({ ...values, round: existing.round + 1 }).where(eq(whitelistApplications.id, existing.id)).returning()
        : await tx.insert(whitelistApplications).values({ ...values, enterpriseId: ent.id, regionCode: ent.regionCode, sector: ent.sector }).returning();
      await recordStep(tx, actor, ent, { event: `application.${action}`, from: existing?.status ?? null, to: submitted, note: statement, detail: { passed: result?.passed ?? null, priority } });
      const auto = result?.passed === true && criteria?.autoAdmit === true;
      const to = nextApplication(auto ? 'auto_admit' : 'queue', submitted);
      const [final] = await tx
        .update(whitelistApplications)
        .set({ status: to, ...(auto ? { decidedAt: at, decidedBy: 'system' } : {}) })
        .where(eq(whitelistApplications.id, row!.id))
        .returning();
      await recordStep(tx, actor, ent, { event: auto ? 'application.auto_admit' : 'application.queue', from: submitted, to });
      if (auto) await this.changeListing(tx, actor, ent, 'admit', null, null, at);
      return final!;
    });
    await this.enterpriseChanged(row.enterpriseId);
    return row;
  }

  /** The department decides an application waiting for review. */
  async decide(scope: Scope, actor: AuditActor, applicationId: string, decision: 'approve' | 'reject', reason: string | null, at = new Date()): Promise<ApplicationRow> {
    const decided = await this.db.transaction(async (tx) => {
      const rows = await tx.select().from(whitelistApplications).where(scopeWhere(scope, whitelistApplications, eq(whitelistApplications.id, applicationId))).for('update');
      const app = rows[0];
      if (!app) throw errors.notFound('application');
      if (decision === 'reject' && !reason) throw errors.validation('body.reason', 'a rejection needs a reason');
      const to = nextApplication(decision, app.status);
      const [row] = await tx
        .update(whitelistApplications)
        .set({ status: to, decisionReason: reason, decidedBy: actor.name, decidedAt: at })
        .where(eq(whitelistApplications.id, app.id))
        .returning();
      const ent = await this.enterprise(tx, scope, app.enterpriseId, true);
      await recordStep(tx, actor, ent, { event: `application.${decision}`, from: app.status, to, note: reason });
      if (decision === 'approve') await this.changeListing(tx, actor, ent, 'admit', reason, null, at);
      return row!;
    });
    await this.enterpriseChanged(decided.enterpriseId);
    return decided;
  }

  /** A change of the enterprise's place on the list, with its history, audit and membership period. */
  async changeListing(tx: Conn, actor: AuditActor, ent: EnterpriseRow, action: ListingAction, note: string | null, detail: Record<string, unknown> | null, at = new Date()): Promise<ListingStatus> {
    const to = nextListing(action, ent.listingStatus);
    await tx.update(enterprises).set({ listingStatus: to, updatedAt: at }).where(eq(enterprises.id, ent.id));
    const wasOn = ent.listingStatus === 'listed' || ent.listingStatus === 'suspended';
    const isOn = to === 'listed' || to === 'suspended';
    if (!wasOn && isOn) await tx.insert(whitelistMemberships).values({ enterpriseId: ent.id, regionCode: ent.regionCode, sector: ent.sector, listedAt: at });
    if (wasOn && !isOn) {
      await tx
        .update(whitelistMemberships)
        .set({ endedAt: at })
        .where(and(eq(whitelistMemberships.enterpriseId, ent.id), isNull(whitelistMemberships.endedAt)));
    }
    await recordStep(tx, actor, ent, { event: `listing.${action}`, from: ent.listingStatus, to, note, detail });
    ent.listingStatus = to;
    return to;
  }

  /** Removal (熔断), suspension, resumption or re-admission by the department. */
  async adjust(scope: Scope, actor: AuditActor, enterpriseId: string, action: Exclude<ListingAction, 'admit'>, body: { reason: string; evidence?: string | null | undefined; decision?: string | null | undefined }, at = new Date()) {
    const changed = await this.db.transaction(async (tx) => {
      const ent = await this.enterprise(tx, scope, enterpriseId, true);
      if (action === 'remove' && (!body.evidence || !body.decision)) throw errors.validation(!body.evidence ? 'body.evidence' : 'body.decision', 'a removal keeps its evidence and decision');
      const detail = action === 'remove' ? { evidence: body.evidence, decision: body.decision } : action === 'suspend' ? { consultation: 'pending' } : null;
      await this.changeListing(tx, actor, ent, action, body.reason, detail, at);
      return ent;
    });
    await this.enterpriseChanged(changed.id);
    return changed;
  }

  async latestApplications(conn: Conn, ids: string[]): Promise<Map<string, ApplicationRow>> {
    if (!ids.length) return new Map();
    const rows = await conn.select().from(whitelistApplications).where(inArray(whitelistApplications.enterpriseId, ids)).orderBy(desc(whitelistApplications.submittedAt));
    return new Map(rows.map((r) => [r.enterpriseId, r]));
  }

  /** Names of enterprises by id, for other modules' lists (no scope: the caller already scoped the ids). */
  async enterpriseNames(conn: Conn, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await conn.select({ id: enterprises.id, name: enterprises.name }).from(enterprises).where(inArray(enterprises.id, [...new Set(ids)]));
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Whitelisted (listed) enterprises in the caller's scope, for other modules' duties (daily health reports). */
  async listedEnterprises(conn: Conn, scope: Scope): Promise<{ id: string; name: string; regionCode: string }[]> {
    return conn.select({ id: enterprises.id, name: enterprises.name, regionCode: enterprises.regionCode }).from(enterprises).where(scopeWhere(scope, enterprises, eq(enterprises.listingStatus, 'listed'))).orderBy(enterprises.regionCode, enterprises.name);
  }

  /**
   * Of these enterprise ids, those whose purpose on the platform ended before `before`: removed from the whitelist
   * with their last period on it ended then, or no longer in the register. Other modules' retention asks this.
   */
  async endedBefore(conn: Conn, ids: string[], before: Date): Promise<string[]> {
    if (!ids.length) return [];
    const rows = await conn
      .select({ id: enterprises.id, status: enterprises.listingStatus, lastEnd: sql<string | null>`(select max(m.ended_at) from whitelist_memberships m where m.enterprise_id = "enterprises"."id")`, open: sql<boolean>`exists (select 1 from whitelist_memberships m where m.enterprise_id = "enterprises"."id" and m.ended_at is null)` })
      .from(enterprises)
      .where(inArray(enterprises.id, [...new Set(ids)]));
    const known = new Map(rows.map((r) => [r.id, r]));
    return [...new Set(ids)].filter((id) => {
      const r = known.get(id);
      if (!r) return true;
      return r.status === 'removed' && !r.open && r.lastEnd !== null && new Date(r.lastEnd).getTime() < before.getTime();
    });
  }
}
