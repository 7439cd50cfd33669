/**
 * Policy matching at province scale: 200 published policies × 50,000 enterprises on PostgreSQL,
 * all policies evaluated in one scan of the enterprise register (matching.ts matchPolicies), the
 * matches diffed set-wise and the new ones notified in bulk. Target: a full matching run < 10 s.
 *   npm run bench -- policies      or alone: npx tsx bench/policies.bench.ts
 * Prints the time of each phase (fingerprint check, evaluation, writing matches, lapsing,
 * notifications) per run. The nightly re-run over unchanged data stops at the fingerprint check.
 */
import { performance } from 'node:perf_hooks';
import { eq, sql } from 'drizzle-orm';
import type { Rule } from '../server/src/platform/rules/index.js';
import type { Scope } from '../server/src/platform/scope.js';
import { JobQueue } from '../server/src/platform/jobs/index.js';
import { NotificationService } from '../server/src/platform/notifications/service.js';
import { regionLookup } from '../server/src/seed/whitelist.js';
import { PoliciesService } from '../server/src/modules/policies/service.js';
import type { MatchTimings } from '../server/src/modules/policies/matching.js';
import { policies } from '../server/src/modules/policies/tables.js';
import type { Benefit } from '../server/src/modules/policies/benefit.js';
import { POLICY_CATEGORIES } from '../server/src/modules/policies/tables.js';
import { benchDatabase, metric, openSeeded, report } from './lib.js';

const NAME = 'policies';
const POLICIES = Number(process.env.BENCH_POLICIES ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const PROVINCE: Scope = { kind: 'government', regionCode: '410000', regionCodes: null, sector: null };
const SECTORS = ['industry', 'commerce', 'transport', 'culture_tourism', 'key_project'];
const CITIES = ['410100', '410200', '410300', '410400', '410500', '410700', '411300'];

/** Realistic rule shapes: sector lists, thresholds, listing, city subtrees, nested any/not. */
function ruleFor(i: number): { rule: Rule; benefit: Benefit; regionCode: string } {
  const sector = SECTORS[i % SECTORS.length]!;
  const shapes: Rule[] = [
    { all: [{ field: 'sector', op: 'eq', value: sector }, { field: 'employees', op: 'gte', value: 100 + (i % 7) * 100 }] },
    { all: [{ field: 'listed', op: 'is_true' }, { field: 'outputValueWan', op: 'between', value: [500 * (i % 5), 5000 + 1000 * (i % 9)] }] },
    { all: [{ field: 'cityCode', op: 'eq', value: CITIES[i % CITIES.length]! }, { field: 'sector', op: 'in', value: [sector, SECTORS[(i + 2) % 5]!] }] },
    { all: [{ field: 'employees', op: 'gte', value: 1000 }, { not: { field: 'sector', op: 'eq', value: sector } }] },
    { all: [{ field: 'hasPreventionPlan', op: 'is_true' }, { field: 'dormitoryRatio', op: 'gte', value: 30 + (i % 50) }, { field: 'employees', op: 'gte', value: 200 }, { field: 'boughtSamplingBooth', op: 'is_false' }] },
    { any: [{ all: [{ field: 'sector', op: 'eq', value: 'transport' }, { field: 'cityOperationSupport', op: 'is_true' }] }, { field: 'countyCode', op: 'in', value: ['410225', '410204', '410102'] }] },
  ];
  const benefits: Benefit[] = [
    { kind: 'amount', amountFen: 1_000_000 + i },
    { kind: 'formula', expr: { op: 'mul', args: [{ field: 'employees' }, { const: 50_000 }] }, capFen: 100_000_000 },
    { kind: 'none' },
  ];
  return { rule: shapes[i % shapes.length]!, benefit: benefits[i % benefits.length]!, regionCode: i % 4 === 0 ? CITIES[i % CITIES.length]! : '410000' };
}

const secs = (ms: number) => (ms / 1000).toFixed(2);
const phases = (t: MatchTimings) => `check ${secs(t.check)} s, evaluate ${secs(t.evaluate)} s, write ${secs(t.write)} s, lapse ${secs(t.lapse)} s, notify ${secs(t.notify)} s`;
const zero = (): MatchTimings => ({ check: 0, evaluate: 0, write: 0, lapse: 0, notify: 0 });

const { url, drop } = await benchDatabase(NAME);
let t0 = performance.now();
const { database } = await openSeeded(url, 'province');
try {
  const db = database.db;
  const enterprises = (await db.select({ n: sql<number>`count(*)::int` }).from(sql`enterprises`))[0]!.n;
  console.error(`seeded province scale: ${enterprises} enterprises in ${secs(performance.now() - t0)} s`);

  // The real notifications service (its delivery jobs are stored, not run).
  const notifications = new NotificationService(db, new JobQueue(db));
  const svc = new PoliciesService(db, await regionLookup(db), notifications);
  const actor = { id: null, name: 'bench', ip: null };
  const existing = (await db.select({ n: sql<number>`count(*)::int` }).from(policies).where(eq(policies.status, 'published')))[0]!.n;
  for (let i = existing; i < POLICIES; i++) {
    const { rule, benefit, regionCode } = ruleFor(i);
    const p = await svc.create(PROVINCE, actor, { regionCode, title: `基准政策 ${i}`, issuingBody: 'bench', level: 'provincial', category: POLICY_CATEGORIES[i % POLICY_CATEGORIES.length]!, summary: 'bench', rule, benefit });
    await db.update(policies).set({ status: 'published', publishedAt: new Date() }).where(eq(policies.id, p.id));
  }
  await db.execute(sql`analyze`);

  const full: number[] = [];
  const steady: number[] = [];
  const changedNightly: number[] = [];
  let outcome = { added: 0, changed: 0, lapsed: 0, policies: 0, notifiedUsers: 0 };
  for (let r = 0; r < RUNS; r++) {
    // A first match from nothing: every eligible pair inserted, every enterprise user notified.
    await db.execute(sql`truncate policy_matches, policy_match_state`);
    await db.execute(sql`delete from notifications where kind = 'policy.matched'`);
    await db.execute(sql`analyze policy_matches`);
    let timings = zero();
    t0 = performance.now();
    outcome = await svc.matchPublished(new Date(), undefined, timings);
    full.push(performance.now() - t0);
    console.error(`run ${r + 1} full:    ${secs(full.at(-1)!)} s (${phases(timings)}); ${outcome.added} matches, ${outcome.notifiedUsers} notified`);
    // The nightly run over unchanged data: every statement runs, nothing is written.
    timings = zero();
    t0 = performance.now();
    const again = await svc.matchPublished(new Date(), undefined, timings);
    steady.push(performance.now() - t0);
    console.error(`run ${r + 1} nightly: ${secs(steady.at(-1)!)} s (${phases(timings)})`);
    if (again.added + again.changed + again.lapsed !== 0) throw new Error('re-run changed matches');
    // The nightly run after a change no trigger matched (an enterprise edited in the database):
    // the fingerprint differs, so everything is evaluated and diffed again.
    await db.execute(sql`update enterprises set employees = employees + 1 where id = (select id from enterprises order by id limit 1)`);
    timings = zero();
    t0 = performance.now();
    await svc.matchPublished(new Date(), undefined, timings);
    changedNightly.push(performance.now() - t0);
    console.error(`run ${r + 1} nightly after an unseen change: ${secs(changedNightly.at(-1)!)} s (${phases(timings)})`);
    await db.execute(sql`update enterprises set employees = employees - 1 where id = (select id from enterprises order by id limit 1)`);
  }
  console.error(`policies: ${outcome.policies}, enterprises: ${enterprises}, matches: ${outcome.added}`);
  const one = (await db.select({ id: sql<string>`id` }).from(sql`enterprises`).limit(1))[0]!.id;
  const single: number[] = [];
  for (let r = 0; r < 5; r++) {
    t0 = performance.now();
    await svc.matchEnterprise(one);
    single.push(performance.now() - t0);
  }
  report(NAME, [
    metric(`full matching, ${outcome.policies} policies × ${enterprises} enterprises (${outcome.added} matches)`, full.map((x) => x / 1000), 's', { value: 10, better: 'lower' }),
    metric('nightly re-run, nothing changed', steady.map((x) => x / 1000), 's'),
    metric('nightly re-run after one enterprise changed unseen', changedNightly.map((x) => x / 1000), 's'),
    metric(`one enterprise changed (all ${outcome.policies} policies)`, single, 'ms'),
  ]);
} finally {
  await database.close();
  await drop();
}
