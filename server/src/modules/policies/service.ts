import { and, eq } from 'drizzle-orm';
import type { Conn, Db } from '../../platform/db/index.js';
import type { AuditActor } from '../../platform/audit/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import { errors } from '../../platform/errors.js';
import { scopeCoversRegion, scopeWhere, type Scope } from '../../platform/scope.js';
import { evaluate, validateRule, type Evaluation, type Rule, type RuleLang } from '../../platform/rules/index.js';
import type { RegionLookup } from '../whitelist/service.js';
import { policyEnterprises } from '../whitelist/policy-view.js';
import { benefitFor, benefitIssues, type Benefit } from './benefit.js';
import { ownFacts, POLICY_FIELDS } from './catalogue.js';
import { matchWhole } from './matching-parts.js';
import { matchPolicies, notifyNewMatches, publishedTargets, type MatchOutcome, type MatchTimings, type PolicyNotifier } from './matching.js';
import { nextPolicy, type PolicyAction } from './states.js';
import { RulePackSchema, type RulePack } from './subsidy.js';
import { policies, policyMatches, policyVersions, type PolicyCategory, type PolicyLevel } from './tables.js';

export type PolicyRow = typeof policies.$inferSelect;
export type VersionRow = typeof policyVersions.$inferSelect;

/** What the module needs of the durable jobs plumbing (platform/jobs JobQueue). */
export interface PolicyJobs {
  register(kind: string, handler: (payload: unknown, ctx: { db: Db; now: Date }) => Promise<void>): void;
  every(name: string, intervalMs: number, handler: (ctx: { db: Db; now: Date }) => Promise<void>): void;
  schedule(conn: Conn, job: { kind: string; runAt: Date; payload?: unknown; key?: string }): Promise<void>;
}

export interface PolicyInput {
  regionCode: string;
  title: string;
  issuingBody: string;
  level: PolicyLevel;
  documentNumber?: string | null | undefined;
  category: PolicyCategory;
  validFrom?: string | null | undefined;
  validTo?: string | null | undefined;
  summary: string;
  fullText?: string | null | undefined;
  howToApply?: string | null | undefined;
  consultantName?: string | null | undefined;
  consultantContact?: string | null | undefined;
  rule: Rule;
  benefit: Benefit;
  subsidy?: RulePack | null | undefined;
}

export const MATCH_JOB = 'policies.match';
export const NIGHTLY_MS = 24 * 3600_000;

export class PoliciesService {
  constructor(
    readonly db: Db,
    readonly regions: RegionLookup,
    readonly notifier: PolicyNotifier | null = null,
    readonly jobs: PolicyJobs | null = null,
  ) {
    jobs?.register(MATCH_JOB, async (payload, ctx) => {
      const { policyId } = payload as { policyId: string };
      await this.matchPublished(ctx.now, policyId);
    });
    jobs?.every('policies.nightly-match', NIGHTLY_MS, async (ctx) => {
      await this.matchPublished(ctx.now);
    });
  }

  /** The enterprises a policy of a region applies to: its subtree, or everyone for the province. */
  regionsOf = (code: string): readonly string[] | null => (this.regions.ancestors(code).length <= 1 ? null : this.regions.subtree(code));

  /** Checks rule and benefit against the catalogue; the first problem is a 400 naming its field. */
  validate(input: Pick<PolicyInput, 'rule' | 'benefit' | 'validFrom' | 'validTo'>, prefix = 'body') {
    const r = validateRule(input.rule, POLICY_FIELDS)[0];
    if (r) throw errors.validation(`${prefix}.rule${r.path ? `.${r.path}` : ''}`, r.reason);
    const b = benefitIssues(input.benefit, POLICY_FIELDS)[0];
    if (b) throw errors.validation(`${prefix}.benefit.${b.path}`, b.reason);
    if (input.validFrom && input.validTo && input.validFrom > input.validTo) throw errors.validation(`${prefix}.validTo`, 'ends before it starts');
  }

  async get(conn: Conn, id: string): Promise<PolicyRow | null> {
    return (await conn.select().from(policies).where(eq(policies.id, id)))[0] ?? null;
  }

  /** A policy the caller may edit: a government caller whose region covers the policy's. */
  async editable(conn: Conn, scope: Scope, id: string, lock = false): Promise<PolicyRow> {
    const q = conn.select().from(policies).where(scopeWhere(scope, policies, eq(policies.id, id)));
    const row = (lock ? await q.for('update') : await q)[0];
    if (!row || scope.kind !== 'government') throw errors.notFound('policy');
    return row;
  }

  async versions(conn: Conn, policyId: string): Promise<VersionRow[]> {
    return conn.select().from(policyVersions).where(eq(policyVersions.policyId, policyId)).orderBy(policyVersions.version);
  }

  async current(conn: Conn, p: PolicyRow): Promise<VersionRow> {
    const v = (await conn.select().from(policyVersions).where(and(eq(policyVersions.policyId, p.id), eq(policyVersions.version, p.version))))[0];
    if (!v) throw new Error(`policy ${p.id} has no version ${p.version}`);
    return v;
  }

  private fields(input: PolicyInput) {
    return {
      title: input.title, issuingBody: input.issuingBody, level: input.level, documentNumber: input.documentNumber ?? null, category: input.category,
      validFrom: input.validFrom ?? null, validTo: input.validTo ?? null, summary: input.summary, fullText: input.fullText ?? null, howToApply: input.howToApply ?? null,
      consultantName: input.consultantName ?? null, consultantContact: input.consultantContact ?? null, subsidy: input.subsidy ? RulePackSchema.parse(input.subsidy) : null,
    };
  }

  private checkRegion(scope: Scope, regionCode: string) {
    if (scope.kind !== 'government' || !scopeCoversRegion(scope, regionCode) || !this.regions.name(regionCode)) throw errors.notFound('region');
  }

  async create(scope: Scope, actor: AuditActor, input: PolicyInput, key: string | null = null): Promise<PolicyRow> {
    this.validate(input);
    this.checkRegion(scope, input.regionCode);
    return this.db.transaction(async (tx) => {
      const [row] = await tx.insert(policies).values({ ...this.fields(input), key, regionCode: input.regionCode, updatedBy: actor.name }).returning();
      await tx.insert(policyVersions).values({ policyId: row!.id, regionCode: row!.regionCode, version: 1, rule: input.rule, benefit: input.benefit, createdBy: actor.name });
      await recordAudit(tx, actor, { action: 'policies.create', targetType: 'policy', targetId: row!.id, regionCode: row!.regionCode, detail: { title: input.title } });
      return row!;
    });
  }

  /**
   * Edits a policy. A draft or withdrawn one is edited in place; a published one whose rule or
   * benefit changes gets a new version and is matched again.
   */
  async update(scope: Scope, actor: AuditActor, id: string, input: PolicyInput): Promise<PolicyRow> {
    this.validate(input);
    const row = await this.db.transaction(async (tx) => {
      const p = await this.editable(tx, scope, id, true);
      if (input.regionCode !== p.regionCode) this.checkRegion(scope, input.regionCode);
      const action: PolicyAction = p.status === 'published' ? 'revise' : 'update';
      nextPolicy(action, p.status);
      const cur = await this.current(tx, p);
      const ruleChanged = JSON.stringify(cur.rule) !== JSON.stringify(input.rule) || JSON.stringify(cur.benefit) !== JSON.stringify(input.benefit);
      let version = p.version;
      if (ruleChanged && action === 'revise') {
        version = p.version + 1;
        await tx.insert(policyVersions).values({ policyId: p.id, regionCode: input.regionCode, version, rule: input.rule, benefit: input.benefit, createdBy: actor.name });
      } else if (ruleChanged) {
        await tx.update(policyVersions).set({ rule: input.rule, benefit: input.benefit, createdBy: actor.name, createdAt: new Date() }).where(eq(policyVersions.id, cur.id));
      }
      const [saved] = await tx.update(policies).set({ ...this.fields(input), regionCode: input.regionCode, version, updatedBy: actor.name, updatedAt: new Date() }).where(eq(policies.id, p.id)).returning();
      await recordAudit(tx, actor, { action: `policies.${action}`, targetType: 'policy', targetId: p.id, regionCode: saved!.regionCode, detail: { version, ruleChanged } });
      if (action === 'revise' && (ruleChanged || input.regionCode !== p.regionCode)) await this.requestMatch(tx, p.id);
      return saved!;
    });
    await this.afterRequest(row.id);
    return row;
  }

  async transition(scope: Scope, actor: AuditActor, id: string, action: 'publish' | 'withdraw'): Promise<PolicyRow> {
    const row = await this.db.transaction(async (tx) => {
      const p = await this.editable(tx, scope, id, true);
      const to = nextPolicy(action, p.status);
      const [saved] = await tx.update(policies).set({ status: to, updatedBy: actor.name, updatedAt: new Date(), ...(action === 'publish' ? { publishedAt: new Date() } : {}) }).where(eq(policies.id, p.id)).returning();
      await recordAudit(tx, actor, { action: `policies.${action}`, targetType: 'policy', targetId: p.id, regionCode: p.regionCode, detail: { from: p.status, to, version: p.version } });
      if (action === 'publish') await this.requestMatch(tx, p.id);
      // A withdrawn policy is no longer offered: matches not yet applied for stop qualifying
      // (publishing again re-qualifies them); those with uptake keep their history.
      if (action === 'withdraw') {
        await tx.update(policyMatches).set({ qualifies: false, lapsedAt: new Date() }).where(and(eq(policyMatches.policyId, p.id), eq(policyMatches.status, 'eligible'), eq(policyMatches.qualifies, true)));
      }
      return saved!;
    });
    if (action === 'publish') await this.afterRequest(row.id);
    return row;
  }

  /**
   * Matching is a durable job scheduled in the caller's transaction, so a publication is matched
   * even if the process stops right after the commit; it also runs at once after the commit so
   * the department sees the result. The job then finds nothing to change (matching is idempotent).
   */
  private async requestMatch(tx: Conn, policyId: string) {
    if (this.jobs) await this.jobs.schedule(tx, { kind: MATCH_JOB, runAt: new Date(), payload: { policyId }, key: `policy:${policyId}:match` });
  }

  private async afterRequest(policyId: string) {
    await this.matchPublished(new Date(), policyId);
  }

  /**
   * Matches the published policies (or one) against every enterprise: all of them in one pass and
   * one transaction (see matchPolicies), then one bulk notification of the new matches.
   */
  async matchPublished(now: Date, policyId?: string, timings?: MatchTimings): Promise<MatchOutcome & { policies: number }> {
    const targets = await publishedTargets(this.db, this.regionsOf, policyId);
    // Every published policy at once (the nightly run): split over connections, and it may find
    // nothing changed since the last.
    if (!policyId) return { ...(await matchWhole(this.db, targets, now, this.notifier, timings)), policies: targets.length };
    return this.db.transaction(async (tx) => {
      const o = await matchPolicies(tx, targets, now, undefined, timings);
      const t0 = performance.now();
      const notifiedUsers = await notifyNewMatches(tx, this.notifier, targets, now);
      if (timings) timings.notify += performance.now() - t0;
      return { ...o, notifiedUsers, policies: targets.length };
    });
  }

  /** An enterprise's profile or listing changed: match it against every published policy. */
  async matchEnterprise(enterpriseId: string, now = new Date()): Promise<MatchOutcome> {
    const targets = await publishedTargets(this.db, this.regionsOf);
    return this.db.transaction(async (tx) => {
      const o = await matchPolicies(tx, targets, now, enterpriseId);
      const notifiedUsers = o.added || o.changed ? await notifyNewMatches(tx, this.notifier, targets, now) : 0;
      return { ...o, notifiedUsers };
    });
  }

  /** "Try it on this enterprise": each condition with its result, and the benefit computed. */
  async preview(scope: Scope, enterpriseId: string, rule: Rule, benefit: Benefit, lang: RuleLang): Promise<{ enterprise: { id: string; name: string }; evaluation: Evaluation; benefitFen: number | null }> {
    this.validate({ rule, benefit });
    const ent = (await policyEnterprises(this.db, scope, [enterpriseId]))[0];
    if (!ent) throw errors.notFound('enterprise');
    const record = { ...ent.record, ...(await ownFacts(this.db, [ent.id])).get(ent.id) };
    const evaluation = evaluate(rule, record, POLICY_FIELDS, lang);
    return { enterprise: { id: ent.id, name: ent.name }, evaluation, benefitFen: evaluation.passed ? benefitFor(benefit, record) : null };
  }
}
