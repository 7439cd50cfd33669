/**
 * The unit's queue and the dispatcher's list over 1 million demands (issue 4):
 * - p99 latency under 100 concurrent connections (autocannon against the running server);
 * - the server's time per request against the bare SQL it runs: every statement one request sends
 *   (session, scope, page, count) is captured at the driver and replayed alone on a plain client.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { createFieldCrypto, maskPhone } from '../server/src/platform/crypto.js';
import { openDatabase } from '../server/src/platform/db/index.js';
import { BENCH_KEY, benchDatabase, freePort, login, median, metric, openSeeded, report, spawnServer, spawnUntil, startServer, type LoadResult } from './lib.js';

const NAME = 'demands';
const DEMANDS = Number(process.env.BENCH_DEMANDS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DURATION = Number(process.env.BENCH_DURATION_SEC ?? 10);
const SAMPLES = 50;
/** Server processes under load (SIBAO_WORKERS of the spawned server; the floor gets as many). */
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
/** Lower concurrencies also measured, one run each (BENCH_FEWER_CONNECTIONS, comma-separated; empty: none). */
const FEWER = (process.env.BENCH_FEWER_CONNECTIONS ?? '10,25,50').split(',').map(Number).filter((n) => n > 0);

interface Captured { name?: string; text: string; values: unknown[] }
let capture: Captured[] | null = null;
// Record what the driver sends while `capture` is set (drizzle goes through pg's Client#query).
const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function patched(this: pg.Client, ...args: unknown[]) {
  const [q, v] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
  // The statement's name too: the server prepares its statements, and the bare replay does the same work.
  if (capture) capture.push(typeof q === 'string' ? { text: q, values: v ?? [] } : { name: (q as { name?: string }).name, text: q.text, values: q.values ?? v ?? [] });
  return original.apply(this, args);
} as typeof pg.Client.prototype.query;

/**
 * autocannon in a worker thread of its own: 100 connections' worth of client work would otherwise
 * share the event loop of the server it measures (both run in this process).
 */
async function loadRuns(n: number, opts: { url: string; connections: number; durationSec: number; headers: Record<string, string> }): Promise<LoadResult[]> {
  const out: LoadResult[] = [];
  for (let i = 0; i < n; i++) {
    const r = await autocannon({ url: opts.url, connections: opts.connections, duration: opts.durationSec, headers: opts.headers, workers: 1 });
    out.push({ requestsPerSec: r.requests.average, latencyP50: r.latency.p50, latencyP99: r.latency.p99, errors: r.errors, non2xx: r.non2xx });
  }
  return out;
}

/**
 * The floor: a bare Fastify route (bench/floor-server.ts) running the captured statements on a pg pool of
 * its own (prepared, like the server's), with as many workers as the server under load.
 */
async function floorServer(dbUrl: string, statements: Captured[]): Promise<{ url: string; close: () => Promise<void> }> {
  const file = path.join(os.tmpdir(), `sibao-floor-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify(statements));
  const port = await freePort();
  const env = { ...process.env, DATABASE_URL: dbUrl, PORT: String(port), BENCH_FLOOR_WORKERS: String(WORKERS), BENCH_FLOOR_STATEMENTS: file };
  const s = await spawnUntil(['--import', 'tsx', 'bench/floor-server.ts'], env, `http://127.0.0.1:${port}`, /floor ready/);
  return { url: `${s.baseUrl}/floor`, close: async () => { await s.stop(); fs.rmSync(file, { force: true }); } };
}

/** A database already holding the million (BENCH_DATABASE_URL, run alone again) is reused as it is. */
async function loaded(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ n: string }>(`select count(*) as n from demands`).catch(() => null);
    return Number(r?.rows[0]?.n ?? 0) >= DEMANDS;
  } finally {
    await c.end();
  }
}

const { url, drop } = await benchDatabase(NAME);
const reuse = !!process.env.BENCH_DATABASE_URL && (await loaded(url));
const { database, crypto } = reuse ? { database: await openDatabase({ databaseUrl: url, dataDir: null }), crypto: createFieldCrypto(BENCH_KEY) } : await openSeeded(url, 'city');
try {
  // A million demands over Kaifeng's enterprises; one in fifty sits in 兰考工信局's queue.
  const phone = crypto.encrypt('13900000000');
  if (!reuse) await database.db.execute(sql`
    with e as (select id, name, region_code, (row_number() over (order by id) - 1)::int as i from enterprises where region_code like '4102%'),
         n as (select count(*)::int as n from e),
         dep as (select id, name from departments where region_code = '410225' and kind = 'industry_it' limit 1)
    insert into demands (enterprise_id, enterprise_name, region_code, category, urgency, title, description, contact_name, contact_phone_enc, contact_phone_masked,
                         state, level, holder_region_code, unit_type, unit_id, unit_label, dispatch_deadline, answer_deadline, created_at, updated_at)
    select e.id, e.name, e.region_code,
           (array['raw_materials','labour','logistics','market','policy','prevention_supplies','other'])[1 + g % 7],
           case when g % 10 = 0 then 'urgent' else 'normal' end,
           '压测诉求 ' || g, '压测用诉求描述', '联系人', ${phone}, ${maskPhone('13900000000')},
           case when g % 50 = 0 then (array['dispatched','accepted','in_progress'])[1 + g % 3] when g % 3 = 0 then 'received' else 'closed' end,
           'county', e.region_code,
           case when g % 50 = 0 then 'department' end, case when g % 50 = 0 then dep.id end, case when g % 50 = 0 then dep.name end,
           now() + ((g % 48) || ' hours')::interval, case when g % 50 = 0 then now() + ((g % 72) || ' hours')::interval end,
           now() - ((g % 100000) || ' minutes')::interval, now()
    from generate_series(1, ${DEMANDS}) g
    cross join n
    join e on e.i = g % n.n
    cross join dep`);
  if (!reuse) {
    await database.db.execute(sql`update demands set region_code = '410225', holder_region_code = '410225' where unit_id is not null`);
    // As autovacuum would leave a table loaded once: statistics and the visibility map.
    await database.db.execute(sql`vacuum analyze demands`);
  }

  let serverSide: number[] | null = null;
  const { app, baseUrl } = await startServer(database, crypto, 0, (ms) => serverSide?.push(ms));
  // Under load: the server as `npm start` runs it, in processes of its own (the in-process one above
  // measures one request at a time).
  const served = await spawnServer(url, WORKERS);
  console.error(`load runs: ${WORKERS} worker process(es) (BENCH_WORKERS), autocannon in a worker thread of this process`);
  try {
    const cases = [
      { label: 'unit queue (兰考工信局, by deadline)', user: 'lk_industry', path: '/api/demands?view=queue&sort=deadline' },
      { label: 'dispatcher list (开封市, newest first)', user: 'kf_dispatcher', path: '/api/demands?view=all' },
      { label: 'dispatcher intake (兰考县)', user: 'lk_dispatcher', path: '/api/demands?view=intake&sort=deadline' },
    ];
    const metrics = [];
    const bare = new pg.Client({ connectionString: url });
    await bare.connect();
    try {
      for (const c of cases) {
        const cookie = await login(baseUrl, c.user);
        const target = `${baseUrl}${c.path}`;
        const first = await fetch(target, { headers: { cookie } });
        if (first.status !== 200) throw new Error(`${c.path}: ${first.status} ${await first.text()}`);
        console.error(`${c.label}: total ${(await first.json() as { total: number }).total}`);

        // One request at a time: the server's time per request, and the statements it sent.
        // Warm up first (JIT, prepared statements on the pool's connections), as a running server is.
        for (let i = 0; i < SAMPLES; i++) await (await fetch(target, { headers: { cookie } })).arrayBuffer();
        const server: number[] = [];
        serverSide = [];
        let statements: Captured[] = [];
        for (let i = 0; i < SAMPLES; i++) {
          capture = [];
          const t0 = performance.now();
          const res = await fetch(target, { headers: { cookie } });
          await res.arrayBuffer();
          server.push(performance.now() - t0);
          statements = capture;
          capture = null;
        }
        const inServer = serverSide;
        serverSide = null;
        const sqlTimes: number[] = [];
        for (let i = 0; i < SAMPLES; i++) {
          const t0 = performance.now();
          for (const s of statements) await bare.query({ name: s.name, text: s.text, values: s.values });
          sqlTimes.push(performance.now() - t0);
        }
        console.error(`${c.label}: ${statements.length} statements; server ${median(inServer).toFixed(2)} ms in the server (${median(server).toFixed(2)} ms at the client), bare SQL ${median(sqlTimes).toFixed(2)} ms`);

        // The floor: a bare Fastify route that sends the same statements with pg and returns the rows, no
        // application code; what this machine can do at 100 connections with the same database work.
        const floor = await floorServer(url, statements);
        try {
          await loadRuns(1, { url: floor.url, connections: 100, durationSec: 3, headers: {} });
          const fr = await loadRuns(RUNS, { url: floor.url, connections: 100, durationSec: DURATION, headers: {} });
          for (const r of fr) console.error(`  floor run: ${r.requestsPerSec.toFixed(0)} req/s, p50 ${r.latencyP50} ms, p99 ${r.latencyP99} ms`);
          metrics.push(
            metric(`${c.label}: floor (bare Fastify + pg, same statements) p99 at 100 connections`, fr.map((r) => r.latencyP99), 'ms'),
            metric(`${c.label}: floor throughput`, fr.map((r) => r.requestsPerSec), 'req/s'),
          );
        } finally {
          await floor.close();
        }

        const loadTarget = `${served.baseUrl}${c.path}`;
        await loadRuns(1, { url: loadTarget, connections: 100, durationSec: 3, headers: { cookie } });
        const runs = await loadRuns(RUNS, { url: loadTarget, connections: 100, durationSec: DURATION, headers: { cookie } });
        for (const r of runs) console.error(`  run: ${r.requestsPerSec.toFixed(0)} req/s, p50 ${r.latencyP50} ms, p99 ${r.latencyP99} ms, errors ${r.errors}, non-2xx ${r.non2xx}`);
        metrics.push(
          // A run in which no request finished says p99 0: count it as at least the run's length.
          metric(`${c.label}: p99 at 100 connections`, runs.map((r) => (r.requestsPerSec > 0 ? r.latencyP99 : DURATION * 1000)), 'ms', { value: 50, better: 'lower' }),
          metric(`${c.label}: throughput`, runs.map((r) => r.requestsPerSec), 'req/s'),
          // Timeouts (autocannon gives up after 10 s) and error answers are reported, not hidden.
          metric(`${c.label}: failed requests`, runs.map((r) => r.errors + r.non2xx), 'requests', { value: 0.5, better: 'lower' }),
          metric(`${c.label}: server time / bare SQL`, [median(inServer) / median(sqlTimes)], '×', { value: 2, better: 'lower' }),
          metric(`${c.label}: round trip at the client / bare SQL`, [median(server) / median(sqlTimes)], '×'),
        );
        // Where the machine's limit sits: the same load with fewer connections (one run each).
        for (const n of FEWER) {
          const [r] = await loadRuns(1, { url: loadTarget, connections: n, durationSec: DURATION, headers: { cookie } });
          console.error(`  ${n} connections: ${r!.requestsPerSec.toFixed(0)} req/s, p50 ${r!.latencyP50} ms, p99 ${r!.latencyP99} ms`);
          metrics.push(metric(`${c.label}: p99 at ${n} connections`, [r!.latencyP99], 'ms'));
        }
      }
    } finally {
      await bare.end();
    }
    report(NAME, metrics);
  } finally {
    await served.stop();
    await app.close();
  }
} finally {
  await database.close();
  await drop();
}
