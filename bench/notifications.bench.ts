/**
 * GET /api/notifications/unread-count under 100 connections: the request every open page makes
 * (the bell). 200 000 notifications over the demo accounts, one in ten unread.
 */
import { sql } from 'drizzle-orm';
import { benchDatabase, loadRuns, login, metric, openSeeded, report, spawnServer } from './lib.js';

const NAME = 'notifications';
const PER_USER = Number(process.env.BENCH_NOTIFICATIONS_PER_USER ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DURATION = Number(process.env.BENCH_DURATION_SEC ?? 10);
/** Server processes (SIBAO_WORKERS of the server started as `npm start` starts it). */
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);

const { url, drop } = await benchDatabase(NAME);
const { database } = await openSeeded(url, 'city');
try {
  await database.db.execute(sql`
    insert into notifications (user_id, kind, title_zh, title_en, link, read_at, created_at)
    select u.id, 'bench.event', '压测消息 ' || g, 'Bench message ' || g, '/',
           case when g % 10 = 0 then null else now() end,
           now() - (g || ' seconds')::interval
    from users u cross join generate_series(1, ${PER_USER}) g`);
  await database.db.execute(sql`analyze notifications`);
  const total = (await database.db.execute(sql`select count(*)::int as n from notifications`)) as unknown as { rows: { n: number }[] };
  console.error(`notifications: ${total.rows[0]?.n}`);

  const { baseUrl, stop } = await spawnServer(url, WORKERS);
  console.error(`server: ${WORKERS} worker process(es) (BENCH_WORKERS)`);
  try {
    const cookie = await login(baseUrl, 'lk_dispatcher');
    const target = `${baseUrl}/api/notifications/unread-count`;
    const check = await fetch(target, { headers: { cookie } });
    console.error(`unread count: ${await check.text()}`);
    // Warm-up: connection pool, JIT, plan caches.
    await loadRuns(1, { url: target, connections: 100, durationSec: 3, headers: { cookie } });
    const runs = await loadRuns(RUNS, { url: target, connections: 100, durationSec: DURATION, headers: { cookie } });
    for (const r of runs) console.error(`run: ${r.requestsPerSec.toFixed(0)} req/s, p50 ${r.latencyP50} ms, p99 ${r.latencyP99} ms, errors ${r.errors}, non-2xx ${r.non2xx}`);
    if (runs.some((r) => r.errors > 0 || r.non2xx > 0)) throw new Error('requests failed during the benchmark');
    report(NAME, [
      metric('unread-count throughput (100 connections)', runs.map((r) => r.requestsPerSec), 'req/s', { value: 500, better: 'higher' }),
      metric('unread-count latency p50', runs.map((r) => r.latencyP50), 'ms'),
      metric('unread-count latency p99', runs.map((r) => r.latencyP99), 'ms', { value: 500, better: 'lower' }),
    ]);
  } finally {
    await stop();
  }
} finally {
  await database.close();
  await drop();
}
