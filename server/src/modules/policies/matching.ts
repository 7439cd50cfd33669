import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Conn } from '../../platform/db/index.js';
import { toSql, type Rule } from '../../platform/rules/index.js';
import { users } from '../../platform/auth/tables.js';
import { POLICY_SOURCE } from '../whitelist/policy-view.js';
import { benefitSql, type Benefit } from './benefit.js';
import { POLICY_FIELDS } from './catalogue.js';
import { policies, policyMatches, policyVersions } from './tables.js';

/** What the module needs of the notifications plumbing (platform/notifications NotificationService). */
export interface PolicyNotifier {
  notify(conn: Conn, input: { userIds: string[]; kind: string; title: { zh: string; en: string }; body?: { zh: string; en: string }; link?: string; ref?: { type: string; id: string }; dedupeKey?: string }): Promise<void>;
}

export interface MatchOutcome {
  /** Enterprises matched for the first time. */
  added: number;
  /** Matches whose benefit, version or standing changed (including re-qualified ones). */
  changed: number;
  /** Matches marked as no longer qualifying. */
  lapsed: number;
  notifiedUsers: number;
}

export interface MatchTarget {
  id: string;
  title: string;
  version: number;
  rule: Rule;
  benefit: Benefit;
  /** Region codes the policy applies to; null for the whole province. */
  regionCodes: readonly string[] | null;
}

/**
 * Matches one policy against every enterprise (or just one) in a single statement: eligible
 * enterprises are upserted with their benefit, those that no longer qualify are marked, and a
 * second run with nothing changed writes nothing.
 */
export async function matchPolicy(conn: Conn, p: MatchTarget, now: Date, enterpriseId?: string): Promise<Omit<MatchOutcome, 'notifiedUsers'>> {
  const src = POLICY_SOURCE;
  const region: SQL = p.regionCodes === null ? sql`true` : sql`${src.regionCode} in (${sql.join(p.regionCodes.map((c) => sql`${c}`), sql`, `)})`;
  const one: SQL = enterpriseId ? sql`${src.id} = ${enterpriseId}` : sql`true`;
  const oneMatch: SQL = enterpriseId ? sql`m.enterprise_id = ${enterpriseId}` : sql`true`;
  const res = await conn.execute(sql`
    with elig as (
      select ${src.id} as eid, ${src.regionCode} as rc, ${src.sector} as sc, ${benefitSql(p.benefit, POLICY_FIELDS)} as bf
      from ${src.table} where ${region} and ${one} and ${toSql(p.rule, POLICY_FIELDS)}
    ), up as (
      insert into policy_matches as pm (policy_id, enterprise_id, region_code, sector, policy_version, qualifies, benefit_fen, matched_at, notified_at)
      select ${p.id}, eid, rc, sc, ${p.version}, true, bf, ${now}, ${now}
      from elig left join policy_matches cur on cur.policy_id = ${p.id} and cur.enterprise_id = elig.eid
      -- Only new or changed pairs reach the insert: a speculative insert per unchanged pair
      -- would make the nightly run as costly as the first.
      where cur.id is null or cur.qualifies = false or cur.policy_version <> ${p.version} or cur.benefit_fen is distinct from elig.bf
        or cur.region_code <> elig.rc or cur.sector <> elig.sc
      on conflict (policy_id, enterprise_id) do update set qualifies = true, lapsed_at = null, policy_version = excluded.policy_version,
        notified_at = coalesce(pm.notified_at, excluded.notified_at),
        benefit_fen = excluded.benefit_fen, region_code = excluded.region_code, sector = excluded.sector
      where pm.qualifies = false or pm.policy_version <> excluded.policy_version or pm.benefit_fen is distinct from excluded.benefit_fen
        or pm.region_code <> excluded.region_code or pm.sector <> excluded.sector
      returning (xmax = 0) as inserted
    ), gone as (
      -- Joined to the enterprise by its key rather than anti-joined to elig: index lookups stay
      -- fast whatever the planner believes about a table that has just grown.
      update policy_matches m set qualifies = false, lapsed_at = ${now}
      from ${src.table}
      where ${src.id} = m.enterprise_id and m.policy_id = ${p.id} and m.qualifies and ${oneMatch}
        and not (${region} and ${toSql(p.rule, POLICY_FIELDS)})
      returning 1
    )
    select (select count(*) from up where inserted)::int as added, (select count(*) from up where not inserted)::int as changed, (select count(*) from gone)::int as lapsed`);
  const row = (res as unknown as { rows: { added: number; changed: number; lapsed: number }[] }).rows[0]!;
  return { added: Number(row.added), changed: Number(row.changed), lapsed: Number(row.lapsed) };
}

/**
 * Notifies the users of every enterprise the policy was pushed to in this run (the upsert set
 * notified_at = now on new matches): one notification for all of them, as the text is the
 * policy's; each sees its own benefit under "my policies".
 */
export async function notifyNewMatches(conn: Conn, notifier: PolicyNotifier | null, p: { id: string; title: string }, now: Date): Promise<number> {
  if (!notifier) return 0;
  const recipients = await conn
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(policyMatches, eq(policyMatches.enterpriseId, users.enterpriseId))
    .where(and(eq(policyMatches.policyId, p.id), eq(policyMatches.qualifies, true), eq(policyMatches.notifiedAt, now), eq(users.disabled, false)));
  if (!recipients.length) return 0;
  await notifier.notify(conn, {
    userIds: recipients.map((r) => r.id),
    kind: 'policy.matched',
    title: { zh: `政策推送：${p.title}`, en: `A policy for you: ${p.title}` },
    body: { zh: '贵单位符合该政策的享受条件，请在“我的政策”中查看并申请。', en: 'Your enterprise meets the conditions of this policy; see "My policies" to apply.' },
    link: '/my-policies',
    ref: { type: 'policy', id: p.id },
    dedupeKey: `policy:${p.id}:matched`,
  });
  return recipients.length;
}

/** The published policies with their current rule and benefit, ready to match. */
export async function publishedTargets(conn: Conn, regionsOf: (code: string) => readonly string[] | null, policyId?: string): Promise<MatchTarget[]> {
  const rows = await conn
    .select({ id: policies.id, title: policies.title, regionCode: policies.regionCode, version: policies.version, rule: policyVersions.rule, benefit: policyVersions.benefit })
    .from(policies)
    .innerJoin(policyVersions, and(eq(policyVersions.policyId, policies.id), eq(policyVersions.version, policies.version)))
    .where(and(eq(policies.status, 'published'), policyId ? eq(policies.id, policyId) : undefined))
    .orderBy(policies.createdAt);
  return rows.map((r) => ({ id: r.id, title: r.title, version: r.version, rule: r.rule as Rule, benefit: r.benefit as Benefit, regionCodes: regionsOf(r.regionCode) }));
}
