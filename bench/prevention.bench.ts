/**
 * Prevention benchmarks on PostgreSQL (npx tsx bench/prevention.bench.ts). Creates and drops its
 * own database sibao_bench_prevention, or with BENCH_DATABASE_URL uses that one as it is (a roster
 * already there is reused). Sizes: BENCH_RESULTS (default 5,000,000 test results), BENCH_EMPLOYEES
 * (default 5,000,000), BENCH_REPEAT (default 3; medians are reported).
 *
 * 1. Ingest: the full path (stream → check, keyed SM3 hash → on PostgreSQL COPY straight into the
 *    results table in chunks, one transaction, the roster's last-test fields updated once) against a
 *    bare COPY of the same CSV file into the same results table, in the same run. The roster holds the
 *    file's people, so the roster update does its real work every round.
 * 2. Compliance over the employees: the grouped counts the compliance page runs, province-wide, and the
 *    overdue-test alert sweep (AlertService.sweep, the 5-minute job) over the same employees.
 * 3. Peak resident memory (VmHWM) of one ingest run in a child process of its own
 *    (prevention-ingest-child.ts): of the file above, or of a generated file of BENCH_RSS_MB megabytes
 *    (1000 for the 1 GB target). BENCH_CHILD_NODE_OPTIONS is the child's NODE_OPTIONS.
 * Prints one JSON line last for scripts/bench.mjs.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openDatabase } from '../server/src/platform/db/index.js';
import { createFieldCrypto } from '../server/src/platform/crypto.js';
import { generateIdCard } from '../server/src/seed/idcard.js';
import { createRandom } from '../server/src/seed/random.js';
import { PreventionService } from '../server/src/modules/prevention/service.js';
import { ingestTestResults } from '../server/src/modules/prevention/ingest.js';
import { complianceBy } from '../server/src/modules/prevention/compliance.js';
import { DEFAULT_RULES } from '../server/src/modules/prevention/rules.js';
import { AlertService } from '../server/src/modules/prevention/alerts.js';
import type { NotificationService } from '../server/src/platform/notifications/service.js';
import { benchDatabase, metric, report, type Metric } from './lib.js';

const RESULTS = Number(process.env.BENCH_RESULTS ?? 5_000_000);
const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 5_000_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const RSS_MB = Number(process.env.BENCH_RSS_MB ?? 0);
/** The people the generated results belong to; the first of the roster carry their hashes. */
const PEOPLE = 100_000;
const KEY = '0'.repeat(64);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const rng = createRandom(7);
const ids = Array.from({ length: PEOPLE }, () => generateIdCard(rng, '410225', [1960, 2004]));

async function writeCsv(file: string, n: number): Promise<void> {
  const start = Date.parse('2022-05-01T00:00:00Z');
  async function* lines() {
    yield 'sample_id,id_card,sampled_at,result,institution\n';
    let chunk = '';
    for (let i = 0; i < n; i++) {
      chunk += `S${i.toString().padStart(9, '0')},${ids[i % ids.length]},${new Date(start + (i % 1_000_000) * 2000).toISOString()},negative,开封市疾控中心\n`;
      if (chunk.length > 1 << 20) {
        yield chunk;
        chunk = '';
      }
    }
    yield chunk;
  }
  await pipeline(Readable.from(lines()), fs.createWriteStream(file));
}

/** Empty results and runs, and the roster's last-test fields back to before any ingest, so every round does the same work. */
async function resetResults(client: pg.Client): Promise<void> {
  await client.query('truncate prevention_test_results, prevention_ingest_runs, prevention_ingest_staging, prevention_ingest_rejects');
  await client.query(`update prevention_employees set last_negative_at = null, last_positive_at = null where id_card_masked = 'bench-person' and (last_negative_at is not null or last_positive_at is not null)`);
  await client.query('checkpoint');
}

/**
 * The roster: EMPLOYEES people, of whom the first PEOPLE are the results' people (their real lookup
 * hashes), so ingest updates their last test. A roster of that size already there is kept as it is.
 */
async function ensureRoster(client: pg.Client, crypto: ReturnType<typeof createFieldCrypto>): Promise<void> {
  const have = Number((await client.query<{ n: string }>('select count(*) as n from prevention_employees')).rows[0]!.n);
  if (have >= EMPLOYEES) {
    console.log(`reusing the roster of ${have.toLocaleString()} employees`);
    return;
  }
  console.log(`inserting ${EMPLOYEES.toLocaleString()} employees…`);
  await client.query('truncate prevention_employees cascade');
  await client.query(`insert into prevention_employees (enterprise_id, region_code, name, id_card_enc, id_card_hash, id_card_masked, post, post_kind, unit_id, last_negative_at)
    select ('00000000-0000-0000-0000-' || lpad((g % 50000)::text, 12, '0'))::uuid, (array['410225','410204','410102','410302'])[1 + g % 4], 'p' || g, 'sm4:x:y', md5(g::text), 'm', 'post',
      (array['regular','regular','mobile_contact','city_supply'])[1 + g % 4], case when g % 3 = 0 then null else ('00000000-0000-0000-0001-' || lpad((g % 200000)::text, 12, '0'))::uuid end,
      case when g % 10 = 0 then null else now() - ((g % 96) || ' hours')::interval end
    from generate_series(1, ${EMPLOYEES}) g`);
  const hashes = ids.slice(0, Math.min(PEOPLE, EMPLOYEES)).map((id) => crypto.lookupHash(id));
  await client.query(`update prevention_employees e set id_card_hash = h.v, id_card_masked = 'bench-person', last_negative_at = null
    from unnest($1::text[]) with ordinality h(v, g) where e.name = 'p' || h.g`, [hashes]);
  await client.query('analyze prevention_employees');
}

/** One ingest in bench/prevention-ingest-child.ts; its JSON line. */
async function ingestInChild(url: string, file: string): Promise<{ rows: number; merged: number; seconds: number; peakRssMb: number }> {
  const child = fileURLToPath(new URL('./prevention-ingest-child.ts', import.meta.url));
  const env = { ...process.env, NODE_OPTIONS: process.env.BENCH_CHILD_NODE_OPTIONS ?? '' };
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', child, url, file], { env, maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as { rows: number; merged: number; seconds: number; peakRssMb: number };
}

async function main() {
  // The runner's database (npm run bench) or one of its own, created here and dropped at the end.
  const { url, drop } = await benchDatabase('prevention');
  const database = await openDatabase({ databaseUrl: url, dataDir: null });
  const crypto = createFieldCrypto(KEY);
  const svc = new PreventionService(database.db, 'postgres', crypto, { find: async () => ({ id: '', name: '', regionCode: '' }), names: async () => new Map() }, { name: () => '', subtree: () => [] });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const file = path.join(os.tmpdir(), `sibao-bench-prevention-${process.pid}.csv`);
  const out: string[] = [];
  const metrics: Metric[] = [];
  try {
    await ensureRoster(client, crypto);
    if (RESULTS > 0) {
      console.log(`writing ${RESULTS.toLocaleString()} results…`);
      await writeCsv(file, RESULTS);
      const bytes = fs.statSync(file).size;
      console.log(`file ${(bytes / 1e6).toFixed(0)} MB`);

      const bare: number[] = [];
      const full: number[] = [];
      for (let r = 0; r < REPEAT; r++) {
        await resetResults(client);
        let t0 = performance.now();
        const copy = client.query(copyFrom('COPY prevention_test_results (sample_id, id_card_hash, sampled_at, result, institution) FROM STDIN (FORMAT csv, HEADER true)'));
        await pipeline(fs.createReadStream(file), copy);
        bare.push(performance.now() - t0);

        await resetResults(client);
        t0 = performance.now();
        const { run } = await ingestTestResults(svc, { id: null, name: 'bench', ip: null }, { stream: fs.createReadStream(file), format: 'csv', fileName: 'bench.csv', source: 'api', regionCode: '410000', apiKeyId: null });
        full.push(performance.now() - t0);
        if (run.merged !== RESULTS) throw new Error(`merged ${run.merged} of ${RESULTS}`);
        console.log(`round ${r + 1}: bare COPY ${fmt(bare[r]!)}, ingest ${fmt(full[r]!)}, load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
      }
      const ratio = median(bare) / median(full);
      out.push(`ingest of ${RESULTS.toLocaleString()} results (${(bytes / 1e6).toFixed(0)} MB CSV), medians of ${REPEAT}: bare COPY ${fmt(median(bare))}, full ingest ${fmt(median(full))}, rate ratio ${ratio.toFixed(2)} (target ≥ 0.5) ${ratio >= 0.5 ? 'PASS' : 'FAIL'}`);
      metrics.push(metric(`ingest rate ÷ bare COPY rate, ${RESULTS.toLocaleString()} results`, [ratio], '×', { value: 0.5, better: 'higher' }));
      metrics.push(metric('bare COPY', bare.map((x) => x / 1000), 's'), metric('full ingest', full.map((x) => x / 1000), 's'));

      // Memory: one ingest in a child process, so the figure is the ingest's alone.
      let memFile = file;
      if (RSS_MB > 0) {
        memFile = path.join(os.tmpdir(), `sibao-bench-prevention-rss-${process.pid}.csv`);
        const perRow = bytes / RESULTS;
        console.log(`writing a ${RSS_MB} MB file for the memory run…`);
        await writeCsv(memFile, Math.ceil((RSS_MB * 1e6) / perRow));
      }
      try {
        const memBytes = fs.statSync(memFile).size;
        await resetResults(client);
        const child = await ingestInChild(url, memFile);
        console.log(`child ingest: ${child.rows.toLocaleString()} rows in ${child.seconds.toFixed(1)} s, peak RSS ${child.peakRssMb.toFixed(0)} MB`);
        const mb = (memBytes / 1e6).toFixed(0);
        metrics.push(metric(`peak RSS of the ingesting process, ${mb} MB file`, [child.peakRssMb], 'MB', { value: 300, better: 'lower' }));
        out.push(`peak RSS (VmHWM) of a child process ingesting a ${mb} MB file (${child.rows.toLocaleString()} rows, ${child.seconds.toFixed(1)} s): ${child.peakRssMb.toFixed(0)} MB (target < 300 MB at 1 GB) ${child.peakRssMb < 300 ? 'PASS' : 'FAIL'}`);
      } finally {
        if (memFile !== file) fs.rmSync(memFile, { force: true });
      }
    }
    const province = { kind: 'government' as const, regionCode: '410000', regionCodes: null, sector: null };
    for (const groupBy of ['region', 'enterprise'] as const) {
      const times: number[] = [];
      let groups = 0;
      for (let r = 0; r < REPEAT; r++) {
        const t0 = performance.now();
        groups = (await complianceBy(database.db, province, DEFAULT_RULES, groupBy, undefined)).length;
        times.push(performance.now() - t0);
      }
      metrics.push(metric(`compliance by ${groupBy}, ${EMPLOYEES.toLocaleString()} employees`, times.map((x) => x / 1000), 's', { value: 10, better: 'lower' }));
      out.push(`compliance by ${groupBy} over ${EMPLOYEES.toLocaleString()} employees (${groups} groups), median of ${REPEAT}: ${fmt(median(times))} (target < 10 s) ${median(times) < 10_000 ? 'PASS' : 'FAIL'}`);
    }
    // The alert sweep as the 5-minute job runs it: grouped overdue counts, then one alert per enterprise and day.
    const noNotify = { notify: async () => undefined, notifyMany: async () => undefined } as unknown as NotificationService;
    const sweeps: number[] = [];
    let raised = 0;
    for (let r = 0; r < REPEAT; r++) {
      await client.query('truncate prevention_alerts');
      const alerts = new AlertService(database.db, noNotify, async () => new Map());
      const t0 = performance.now();
      raised = await alerts.sweep(new Date());
      sweeps.push(performance.now() - t0);
    }
    metrics.push(metric(`overdue alert sweep, ${EMPLOYEES.toLocaleString()} employees`, sweeps.map((x) => x / 1000), 's', { value: 10, better: 'lower' }));
    out.push(`overdue alert sweep over ${EMPLOYEES.toLocaleString()} employees (${raised} alerts raised), median of ${REPEAT}: ${fmt(median(sweeps))} (target < 10 s) ${median(sweeps) < 10_000 ? 'PASS' : 'FAIL'}`);
  } finally {
    fs.rmSync(file, { force: true });
    await client.end();
    await database.close();
    await drop();
  }
  console.log('\nprevention benchmark (PostgreSQL)');
  for (const line of out) console.log(`  ${line}`);
  report('prevention', metrics);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
