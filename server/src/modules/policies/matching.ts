import { createHash } from 'node:crypto';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Conn } from '../../platform/db/index.js';
import { toSql, type Rule } from '../../platform/rules/index.js';
import { users } from '../../platform/auth/tables.js';
import { POLICY_SOURCE } from '../whitelist/policy-view.js';
import { benefitSql, type Benefit } from './benefit.js';
import { POLICY_FIELDS } from './catalogue.js';
import { policies, policyMatches, policyMatchState, policyVersions } from './tables.js';

/** What the module needs of the notifications plumbing (platform/notifications NotificationService). */
export interface PolicyNotifier {
  notifyMany(conn: Conn, inputs: { userIds: string[]; kind: string; title: { zh: string; en: string }; body?: { zh: string; en: string }; link?: string; ref?: { type: string; id: string }; dedupeKey?: string }[]): Promise<void>;
}

export interface MatchOutcome {
  /** Enterprises matched for the first time. */
  added: number;
  /** Matches whose benefit, version or standing changed (including re-qualified ones). */
  changed: number;
  /** Matches marked as no longer qualifying. */
  lapsed: number;
  notifiedUsers: number;
  /** A whole run that found the policies and enterprises as the last one left them: nothing done. */
  unchanged?: boolean;
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

/** Milliseconds per phase of a matching run, for the benchmark's profile. */
export interface MatchTimings {
  /** The fingerprint of a whole run (policies and enterprise facts), compared with the last one. */
  check: number;
  evaluate: number;
  write: number;
  lapse: number;
  notify: number;
}

type Counts = Omit<MatchOutcome, 'notifiedUsers'>;
const WHOLE = 'all';
const dialect = new PgDialect({ casing: 'snake_case' });
const RUN_TABLE = sql.raw('policy_match_run');

function rowsOf<T>(res: unknown): T[] {
  return (res as { rows: T[] }).rows;
}
/** Rows an INSERT or UPDATE touched (node-postgres rowCount, PGlite affectedRows). */
function affected(res: unknown): number {
  const r = res as { rowCount?: number | null; affectedRows?: number };
  return Number(r.rowCount ?? r.affectedRows ?? 0);
}

/**
 * A time-ordered (version 7 layout) uuid for the n-th row of a statement: the statement's start
 * in milliseconds, its sub-millisecond fraction in the 12 bits after the version, then the
 * variant and n as a 60-bit counter. Ids of one statement ascend with n; those of a later run
 * (runs are serialised by matching's advisory lock) with its later start. FROM needs
 * ORDERED_ID_CLOCK, which reads the clock once per statement.
 */
const ORDERED_ID_CLOCK = sql`(select lpad(to_hex(floor(extract(epoch from clock_timestamp()) * 4096000)::bigint), 15, '0') as h) as id_clock`;
function orderedId(n: SQL): SQL {
  return sql`(substr(id_clock.h, 1, 12) || '7' || substr(id_clock.h, 13, 3) || to_hex((-9223372036854775808)::bigint + ${n}))::uuid`;
}

/**
 * The one-pass evaluation: a single scan of the register, each row yielding the indexes of the
 * policies it satisfies (one CASE per policy, its region tested first), joined to the policies'
 * ids and versions, with the benefit computed only for the pairs that qualify.
 */
export function evaluationSql(targets: readonly MatchTarget[], enterpriseId?: string): SQL {
  const src = POLICY_SOURCE;
  const cases = targets.map((p, i) => {
    const region: SQL | null = p.regionCodes === null ? null : sql`${src.regionCode} in (${sql.join(p.regionCodes.map((c) => sql`${c}`), sql`, `)})`;
    const cond = region ? sql`${region} and ${toSql(p.rule, POLICY_FIELDS)}` : toSql(p.rule, POLICY_FIELDS);
    return sql`case when ${cond} then ${sql.raw(String(i))} end`;
  });
  const benefits = targets.flatMap((p, i) => (p.benefit.kind === 'none' ? [] : [sql`when ${sql.raw(String(i))} then ${benefitSql(p.benefit, POLICY_FIELDS)}`]));
  const benefit = benefits.length ? sql`case u.i ${sql.join(benefits, sql` `)} end` : sql`null::bigint`;
  const list = sql.join(targets.map((p, i) => sql`(${sql.raw(String(i))}, ${p.id}::uuid, ${p.version}::int)`), sql`, `);
  return sql`
    insert into ${RUN_TABLE} (policy_id, policy_version, enterprise_id, region_code, sector, benefit_fen)
    select t.policy_id, t.version, ${src.id}, ${src.regionCode}, ${src.sector}, ${benefit}
    from ${src.table}
    cross join lateral unnest(array_remove(array[${sql.join(cases, sql`, `)}]::int[], null)) as u(i)
    join (values ${list}) as t(idx, policy_id, version) on t.idx = u.i
    where ${enterpriseId ? sql`${src.id} = ${enterpriseId}` : sql`true`}`;
}

/**
 * Matches many policies against every enterprise (or just one) in one pass. The rules are
 * compiled into a single scan of the enterprise register: each row yields the array of the
 * policies it satisfies (one CASE per policy, region first), unnested into a temporary table of
 * eligible pairs with their benefit. Matches are then diffed against that table set-wise: one
 * upsert of the new or changed pairs, one update of those no longer eligible. A second run with
 * nothing changed writes nothing.
 */
export interface MatchOptions {
  /** Every published policy against every enterprise: skipped when the fingerprint says nothing changed. */
  whole?: boolean;
  /**
   * One part of a whole run split over connections (matching-parts.ts): its policies are its own,
   * so parts run side by side, each under the shared run lock and its part's lock; the caller
   * keeps the run's state row.
   */
  part?: number;
}

export async function matchPolicies(conn: Conn, targets: readonly MatchTarget[], now: Date, enterpriseId?: string, timings?: MatchTimings, opts: MatchOptions = {}): Promise<Counts> {
  let t0 = performance.now();
  const lap = (k: keyof MatchTimings) => {
    const t = performance.now();
    if (timings) timings[k] += t - t0;
    t0 = t;
  };
  // Two runs (the publication's job and the nightly one) would otherwise race on the same rows.
  if (opts.part === undefined) await conn.execute(sql`select pg_advisory_xact_lock(hashtext('policies.match'))`);
  else await conn.execute(sql`select pg_advisory_xact_lock_shared(hashtext('policies.match')), pg_advisory_xact_lock(hashtext('policies.match.part'), ${opts.part}::int)`);
  const whole = opts.whole === true && !enterpriseId && opts.part === undefined;
  if (!whole && opts.part === undefined) await conn.delete(policyMatchState);
  if (!targets.length) return { added: 0, changed: 0, lapsed: 0 };
  // The compiled statement is large (a CASE per policy): PostgreSQL's JIT spent over a minute
  // compiling it for a 15 s scan (EXPLAIN ANALYZE, 200 policies); interpreted it runs at once.
  // The diff joins hundreds of thousands of pairs against a table that grows while it runs (and
  // may have just been emptied): a nested loop there, picked from stale statistics, re-reads the
  // table per pair and never finishes. Hash joins are the right plan at any size. The sort of
  // the new pairs and the hash joins fit in memory with a larger work_mem; the run can be
  // repeated at any time, so its commit need not wait for the WAL flush.
  if (!enterpriseId) {
    await conn.execute(sql`set local jit = off`);
    await conn.execute(sql`set local enable_nestloop = off`);
    await conn.execute(sql`set local work_mem = '64MB'`);
    await conn.execute(sql`set local synchronous_commit = off`);
  }
  let fingerprint: { value: string; enterprises: number } | null = null;
  if (whole) {
    fingerprint = await matchFingerprint(conn, targets);
    lap('check');
    if (await unchangedSinceLast(conn, fingerprint)) return { added: 0, changed: 0, lapsed: 0, unchanged: true };
  }
  await conn.execute(sql`drop table if exists ${RUN_TABLE}`);
  await conn.execute(sql`create temp table ${RUN_TABLE} (policy_id uuid not null, policy_version int not null, enterprise_id uuid not null, region_code text not null, sector text not null, benefit_fen bigint) on commit drop`);
  await conn.execute(evaluationSql(targets, enterpriseId));
  // Statistics for the diff's joins: without them the planner guesses a tiny table.
  if (!enterpriseId) await conn.execute(sql`analyze ${RUN_TABLE}`);
  lap('evaluate');

  const ids = sql`(${sql.join(targets.map((p) => sql`${p.id}::uuid`), sql`, `)})`;
  // Under the advisory lock nothing else inserts matches, so new pairs go in with a plain
  // INSERT (no speculative insertion, no RETURNING to materialise) and changed ones with an UPDATE.
  // The new pairs go in sorted by the natural key, each with a time-ordered id, so both unique
  // indexes are filled in key order (from an empty table: appended) instead of at random pages
  // (a random uuid per row was a third of the insert's index cost at 340k rows).
  const changedPair = (m: string) => sql.raw(`${m}.qualifies = false or ${m}.policy_version <> r.policy_version or ${m}.benefit_fen is distinct from r.benefit_fen or ${m}.region_code <> r.region_code or ${m}.sector <> r.sector`);
  const added = await conn.execute(sql`
    insert into policy_matches (id, policy_id, enterprise_id, region_code, sector, policy_version, qualifies, benefit_fen, matched_at, notified_at)
    select ${orderedId(sql`row_number() over (order by r.policy_id, r.enterprise_id)`)}, r.policy_id, r.enterprise_id, r.region_code, r.sector, r.policy_version, true, r.benefit_fen, ${now}, ${now}
    from ${RUN_TABLE} r, ${ORDERED_ID_CLOCK}
    where not exists (select 1 from policy_matches cur where cur.policy_id = r.policy_id and cur.enterprise_id = r.enterprise_id)
    order by r.policy_id, r.enterprise_id`);
  const changed = await conn.execute(sql`
    update policy_matches pm set qualifies = true, lapsed_at = null, policy_version = r.policy_version,
      notified_at = coalesce(pm.notified_at, ${now}), benefit_fen = r.benefit_fen, region_code = r.region_code, sector = r.sector
    from ${RUN_TABLE} r
    where pm.policy_id = r.policy_id and pm.enterprise_id = r.enterprise_id and (${changedPair('pm')})`);
  const up = { added: affected(added), changed: affected(changed) };
  lap('write');
  const gone = rowsOf<{ lapsed: number }>(
    await conn.execute(sql`
      with gone as (
        update policy_matches m set qualifies = false, lapsed_at = ${now}
        where m.policy_id in ${ids} and m.qualifies and ${enterpriseId ? sql`m.enterprise_id = ${enterpriseId}` : sql`true`}
          and not exists (select 1 from ${RUN_TABLE} r where r.policy_id = m.policy_id and r.enterprise_id = m.enterprise_id)
        returning 1
      )
      select count(*)::int as lapsed from gone`),
  )[0]!;
  await conn.execute(sql`drop table ${RUN_TABLE}`);
  if (fingerprint) await saveFingerprint(conn, fingerprint, now);
  lap('lapse');
  return { added: Number(up.added), changed: Number(up.changed), lapsed: Number(gone.lapsed) };
}

/** The fingerprint of the data a whole run has matched, compared by the next whole run. */
export async function saveFingerprint(conn: Conn, fingerprint: { value: string; enterprises: number }, now: Date): Promise<void> {
  const state = { fingerprint: fingerprint.value, enterprises: fingerprint.enterprises, matchedAt: now };
  await conn.insert(policyMatchState).values({ key: WHOLE, ...state }).onConflictDoUpdate({ target: policyMatchState.key, set: state });
}

/** Whether a whole run over these policies would find what the last whole run left: nothing to do. */
export async function unchangedSinceLast(conn: Conn, fingerprint: { value: string }): Promise<boolean> {
  const last = (await conn.select().from(policyMatchState).where(eq(policyMatchState.key, WHOLE)))[0];
  return !!last && last.fingerprint === fingerprint.value;
}

/**
 * What a whole matching run depends on, hashed: the compiled evaluation statement (every
 * published policy's id, version, region, rule and benefit, and the compiler itself), and every
 * enterprise's id, region, sector and each eligibility field's value (the catalogue's own SQL,
 * so a new field is covered without listing it here). One scan of the register, in id order.
 */
export async function matchFingerprint(conn: Conn, targets: readonly MatchTarget[]): Promise<{ value: string; enterprises: number }> {
  const q = dialect.sqlToQuery(evaluationSql(targets));
  const src = POLICY_SOURCE;
  const facts = sql.join([src.id, src.regionCode, src.sector, ...Object.values(POLICY_FIELDS).map((f) => f.sql)], sql`, `);
  const row = rowsOf<{ h: string | null; n: number }>(await conn.execute(sql`select md5(string_agg(md5(row(${facts})::text), '' order by ${src.id})) as h, count(*)::int as n from ${src.table}`))[0]!;
  const value = createHash('sha256').update(JSON.stringify([q.sql, q.params, row.h, row.n])).digest('hex');
  return { value, enterprises: Number(row.n) };
}

/** One policy against every enterprise (or one): matchPolicies with a single target. */
export function matchPolicy(conn: Conn, p: MatchTarget, now: Date, enterpriseId?: string): Promise<Counts> {
  return matchPolicies(conn, [p], now, enterpriseId);
}

/**
 * Notifies the users of every enterprise a policy was pushed to in this run (the upsert set
 * notified_at = now on new matches): one notification per user and policy, all of them stored
 * by one bulk call. Each sees its own benefit under "my policies".
 */
export async function notifyNewMatches(conn: Conn, notifier: PolicyNotifier | null, targets: readonly { id: string; title: string }[], now: Date): Promise<number> {
  if (!notifier || !targets.length) return 0;
  const recipients = await conn
    .selectDistinct({ policyId: policyMatches.policyId, userId: users.id })
    .from(users)
    .innerJoin(policyMatches, eq(policyMatches.enterpriseId, users.enterpriseId))
    .where(and(inArray(policyMatches.policyId, targets.map((p) => p.id)), eq(policyMatches.qualifies, true), eq(policyMatches.notifiedAt, now), eq(users.disabled, false)));
  if (!recipients.length) return 0;
  const byPolicy = new Map<string, string[]>();
  for (const r of recipients) byPolicy.set(r.policyId, [...(byPolicy.get(r.policyId) ?? []), r.userId]);
  const titles = new Map(targets.map((p) => [p.id, p.title]));
  await notifier.notifyMany(
    conn,
    [...byPolicy].map(([id, userIds]) => ({
      userIds,
      kind: 'policy.matched',
      title: { zh: `政策推送：${titles.get(id) ?? ''}`, en: `A policy for you: ${titles.get(id) ?? ''}` },
      body: { zh: '贵单位符合该政策的享受条件，请在“我的政策”中查看并申请。', en: 'Your enterprise meets the conditions of this policy; see "My policies" to apply.' },
      link: '/my-policies',
      ref: { type: 'policy', id },
      dedupeKey: `policy:${id}:matched`,
    })),
  );
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
