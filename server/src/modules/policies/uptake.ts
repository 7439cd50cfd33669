import { and, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AuditActor } from '../../platform/audit/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import { errors } from '../../platform/errors.js';
import { scopeWhere, type Scope } from '../../platform/scope.js';
import type { PoliciesService } from './service.js';
import { nextUptake, type UptakeAction } from './states.js';
import { policies, policyMatches, type PolicyCategory, type UptakeStatus } from './tables.js';

export type MatchRow = typeof policyMatches.$inferSelect;

export interface MatchFilter {
  policyId?: string | undefined;
  regionCode?: string | undefined;
  sector?: string | undefined;
  status?: UptakeStatus | undefined;
  /** The liaison cadres' follow-up list: qualifying, told, and not yet applied. */
  notApplied?: boolean | undefined;
  includeLapsed?: boolean | undefined;
}

export function matchWhere(svc: PoliciesService, scope: Scope, f: MatchFilter): SQL {
  const conds: (SQL | undefined)[] = [
    f.policyId ? eq(policyMatches.policyId, f.policyId) : undefined,
    f.regionCode ? inArray(policyMatches.regionCode, svc.regions.subtree(f.regionCode)) : undefined,
    f.sector ? eq(policyMatches.sector, f.sector) : undefined,
    f.status ? eq(policyMatches.status, f.status) : undefined,
    f.notApplied ? and(eq(policyMatches.status, 'eligible'), eq(policyMatches.qualifies, true)) : undefined,
    f.includeLapsed ? undefined : eq(policyMatches.qualifies, true),
  ];
  return scopeWhere(scope, policyMatches, and(...conds));
}

/** The enterprise marks a matched policy applied, with its application reference. */
export async function applyFor(svc: PoliciesService, scope: Scope, actor: AuditActor, id: string, reference: string, at = new Date()): Promise<MatchRow> {
  return svc.db.transaction(async (tx) => {
    const m = (await tx.select().from(policyMatches).where(scopeWhere(scope, policyMatches, eq(policyMatches.id, id))).for('update'))[0];
    if (!m) throw errors.notFound('policy_match');
    if (m.status === 'applied' && m.applicationRef === reference) return m;
    if (!m.qualifies) throw errors.of(409, 'policies.no_longer_eligible');
    const to = nextUptake('apply', m.status);
    const [row] = await tx.update(policyMatches).set({ status: to, applicationRef: reference, appliedAt: at, decisionNote: null }).where(eq(policyMatches.id, m.id)).returning();
    await recordAudit(tx, actor, { action: 'policies.uptake.apply', targetType: 'policy_match', targetId: m.id, regionCode: m.regionCode, detail: { policyId: m.policyId, reference } });
    return row!;
  });
}

/** The department records its decision on an application, or the amount disbursed (兑现). */
export async function decideUptake(svc: PoliciesService, scope: Scope, actor: AuditActor, id: string, action: Exclude<UptakeAction, 'apply'>, body: { note?: string | null | undefined; amountFen?: number | undefined }, at = new Date()): Promise<MatchRow> {
  if (action === 'reject' && !body.note) throw errors.validation('body.note', 'a rejection needs a reason');
  if (action === 'disburse' && body.amountFen === undefined) throw errors.validation('body.amountFen', 'the disbursed amount is required');
  if (scope.kind !== 'government') throw errors.notFound('policy_match');
  return svc.db.transaction(async (tx) => {
    const m = (await tx.select().from(policyMatches).where(scopeWhere(scope, policyMatches, eq(policyMatches.id, id))).for('update'))[0];
    if (!m) throw errors.notFound('policy_match');
    // The same disbursement sent twice is stored once.
    if (action === 'disburse' && m.status === 'disbursed' && m.disbursedFen === body.amountFen) return m;
    const to = nextUptake(action, m.status);
    const set: Partial<typeof policyMatches.$inferInsert> =
      action === 'disburse' ? { status: to, disbursedFen: body.amountFen ?? null, disbursedAt: at } : { status: to, decisionNote: body.note ?? null, decidedBy: actor.name, decidedAt: at };
    const [row] = await tx.update(policyMatches).set(set).where(eq(policyMatches.id, m.id)).returning();
    await recordAudit(tx, actor, { action: `policies.uptake.${action}`, targetType: 'policy_match', targetId: m.id, regionCode: m.regionCode, detail: { policyId: m.policyId, from: m.status, to, note: body.note ?? null, amountFen: body.amountFen ?? null } });
    return row!;
  });
}

export const UPTAKE_GROUPS = ['policy', 'region', 'sector', 'category'] as const;
export type UptakeGroup = (typeof UPTAKE_GROUPS)[number];

export interface UptakeRow {
  key: string;
  eligible: number;
  notified: number;
  applied: number;
  approved: number;
  disbursed: number;
  benefitFen: number;
  disbursedFen: number;
}

/** Uptake (应享尽享) per policy, region, sector or category, within the caller's scope. */
export async function uptakeStats(svc: PoliciesService, scope: Scope, group: UptakeGroup, f: MatchFilter): Promise<UptakeRow[]> {
  const key: SQL<string> =
    group === 'policy' ? sql<string>`${policyMatches.policyId}::text` : group === 'region' ? sql<string>`${policyMatches.regionCode}` : group === 'sector' ? sql<string>`${policyMatches.sector}` : sql<string>`${policies.category}`;
  const rows = await svc.db
    .select({
      key,
      eligible: count(),
      notified: sql<number>`count(${policyMatches.notifiedAt})::int`,
      applied: sql<number>`count(*) filter (where ${policyMatches.status} in ('applied', 'approved', 'rejected', 'disbursed'))::int`,
      approved: sql<number>`count(*) filter (where ${policyMatches.status} in ('approved', 'disbursed'))::int`,
      disbursed: sql<number>`count(*) filter (where ${policyMatches.status} = 'disbursed')::int`,
      benefitFen: sql<string>`coalesce(sum(${policyMatches.benefitFen}), 0)::text`,
      disbursedFen: sql<string>`coalesce(sum(${policyMatches.disbursedFen}), 0)::text`,
    })
    .from(policyMatches)
    .innerJoin(policies, eq(policies.id, policyMatches.policyId))
    .where(matchWhere(svc, scope, f))
    .groupBy(key)
    .orderBy(desc(count()));
  return rows.map((r) => ({ ...r, eligible: Number(r.eligible), notified: Number(r.notified), applied: Number(r.applied), approved: Number(r.approved), disbursed: Number(r.disbursed), benefitFen: Number(r.benefitFen), disbursedFen: Number(r.disbursedFen) }));
}

export async function policyTitles(svc: PoliciesService, ids: string[]): Promise<Map<string, { title: string; category: PolicyCategory }>> {
  if (!ids.length) return new Map();
  const rows = await svc.db.select({ id: policies.id, title: policies.title, category: policies.category }).from(policies).where(inArray(policies.id, ids));
  return new Map(rows.map((r) => [r.id, { title: r.title, category: r.category }]));
}
