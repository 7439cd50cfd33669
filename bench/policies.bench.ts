/**
 * Policy matching at province scale: 200 published policies × 50,000 enterprises on PostgreSQL,
 * every policy compiled to one SQL statement. Target: a full matching run under 10 s.
 *   npx tsx bench/policies.bench.ts   (BENCH_PG_URL defaults to postgres://postgres@127.0.0.1:5432)
 * Creates and drops its own database sibao_bench_policies.
 */
import pg from 'pg';
import { eq, sql } from 'drizzle-orm';
import { openDatabase } from '../server/src/platform/db/index.js';
import { createFieldCrypto } from '../server/src/platform/crypto.js';
import type { Rule } from '../server/src/platform/rules/index.js';
import type { Scope } from '../server/src/platform/scope.js';
import { seedDatabase } from '../server/src/seed/index.js';
import { regionLookup } from '../server/src/seed/whitelist.js';
import { PoliciesService } from '../server/src/modules/policies/service.js';
import { policies, policyMatches } from '../server/src/modules/policies/tables.js';
import type { Benefit } from '../server/src/modules/policies/benefit.js';
import { POLICY_CATEGORIES } from '../server/src/modules/policies/tables.js';

const BASE = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = 'sibao_bench_policies';
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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const admin = new pg.Client({ connectionString: BASE });
  await admin.connect();
  await admin.query(`drop database if exists ${NAME} with (force)`);
  await admin.query(`create database ${NAME}`);
  const url = new URL(BASE);
  url.pathname = `/${NAME}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: null });
  try {
    const db = database.db;
    let t0 = performance.now();
    await seedDatabase(db, createFieldCrypto('7f'.repeat(32)), { scale: 'province' });
    const enterprises = (await db.select({ n: sql<number>`count(*)::int` }).from(sql`enterprises`))[0]!.n;
    console.log(`seeded province scale: ${enterprises} enterprises in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const svc = new PoliciesService(db, await regionLookup(db));
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
    let outcome = { added: 0, changed: 0, lapsed: 0, policies: 0 };
    for (let r = 0; r < RUNS; r++) {
      // A first match from nothing: every eligible pair inserted.
      await db.delete(policyMatches);
      t0 = performance.now();
      const o = await svc.matchPublished(new Date());
      full.push(performance.now() - t0);
      outcome = o;
      // The nightly run over unchanged data: every statement runs, nothing is written.
      t0 = performance.now();
      const again = await svc.matchPublished(new Date());
      steady.push(performance.now() - t0);
      if (again.added + again.changed + again.lapsed !== 0) throw new Error('re-run changed matches');
    }
    console.log(`policies: ${outcome.policies}, enterprises: ${enterprises}, matches: ${outcome.added}`);
    console.log(`full matching (from empty)   median ${(median(full) / 1000).toFixed(2)} s  runs ${full.map((x) => (x / 1000).toFixed(2)).join(', ')}`);
    console.log(`nightly re-run (no change)   median ${(median(steady) / 1000).toFixed(2)} s  runs ${steady.map((x) => (x / 1000).toFixed(2)).join(', ')}`);
    const one = (await db.select({ id: sql<string>`id` }).from(sql`enterprises`).limit(1))[0]!.id;
    const single: number[] = [];
    for (let r = 0; r < 5; r++) {
      t0 = performance.now();
      await svc.matchEnterprise(one);
      single.push(performance.now() - t0);
    }
    console.log(`one enterprise changed       median ${median(single).toFixed(0)} ms (all ${outcome.policies} policies)`);
    if (median(full) > 10_000) process.exitCode = 1;
  } finally {
    await database.close();
    // The pool's backends leave a moment after close(); dropping under them raises in the pool.
    for (let i = 0; i < 250; i++) {
      const r = await admin.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [NAME]);
      if (r.rows[0]?.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await admin.query(`drop database if exists ${NAME} with (force)`);
    await admin.end();
  }
}

await main();
