/**
 * Tasks and supervision on PostgreSQL: 100 000 assignments of 20 000 tasks in 开封市, then the
 * medians of the pages people open most (overdue board, my assignments, the task list) through
 * the real HTTP stack (inject), the weekly report of one command and the Friday run for all.
 * Runs alone: `npx tsx bench/tasks.bench.ts` (creates and drops sibao_bench_tasks).
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../server/src/config.js';
import { openDatabase } from '../server/src/platform/db/index.js';
import { createFieldCrypto } from '../server/src/platform/crypto.js';
import { seedDatabase } from '../server/src/seed/index.js';
import { buildApp } from '../server/src/app.js';
import { DEMO_PASSWORD } from '../server/src/seed/accounts.js';
import { buildTasksModule } from '../server/src/modules/tasks/module.js';
import { DEFAULT_TASKS_SETTINGS } from '../server/src/modules/tasks/settings.js';
import { OrgUnits } from '../server/src/modules/org/units.js';

const NAME = 'sibao_bench_tasks';
const ADMIN = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TASKS = Number(process.env.BENCH_TASKS ?? 20_000);
const PER_TASK = 5;
const RUNS = 30;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return Math.round((s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2) * 100) / 100;
}
async function time(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    xs.push(performance.now() - t0);
  }
  return median(xs);
}

const admin = new pg.Client({ connectionString: ADMIN });
await admin.connect();
await admin.query(`drop database if exists ${NAME} with (force)`);
await admin.query(`create database ${NAME}`);
const url = new URL(ADMIN);
url.pathname = `/${NAME}`;
const database = await openDatabase({ databaseUrl: url.toString(), dataDir: null });
try {
  const crypto = createFieldCrypto('b'.repeat(64));
  let t0 = performance.now();
  await seedDatabase(database.db, crypto, { scale: 'city' });
  console.log(`seeded city scale in ${Math.round(performance.now() - t0)} ms`);

  // Bulk data: TASKS tasks of the 开封市 command, each to PER_TASK of its units, states and dates spread.
  const units = new OrgUnits(database.db);
  const kf = (await units.commandOfRegion('410200'))!;
  const choices = await units.assignableUnits('410200');
  t0 = performance.now();
  await database.db.execute(sql`
    insert into tasks (id, command_id, region_code, title, requirement, deadline, created_by_name, created_at)
    select gen_random_uuid(), ${kf.id}, '410200', '压测任务 ' || g, '压测', now() + ((g % 60) - 30) * interval '1 day', 'bench', now() - (g % 60) * interval '1 day'
    from generate_series(1, ${TASKS}) g`);
  const unitsJson = JSON.stringify(choices.map((u) => ({ t: u.type, i: u.id, l: u.label, r: u.regionCode })));
  await database.db.execute(sql`
    with u as (select row_number() over () - 1 as n, x->>'t' as t, (x->>'i')::uuid as i, x->>'l' as l, x->>'r' as r from jsonb_array_elements(${unitsJson}::jsonb) x),
         nu as (select count(*)::int as c from u),
         tk as (select id, deadline, created_at, row_number() over (order by id) as k from tasks)
    insert into task_assignments (task_id, region_code, command_region_code, unit_type, unit_id, unit_label, state, deadline, assigned_at, accepted_at)
    select tk.id, u.r, '410200', u.t, u.i, u.l,
      (array['assigned','in_progress','submitted','returned','accepted','cancelled'])[1 + ((tk.k + j) % 6)],
      tk.deadline, tk.created_at,
      case when (tk.k + j) % 6 = 4 then tk.created_at + interval '2 days' end
    from tk cross join generate_series(0, ${PER_TASK - 1}) j cross join nu
    join u on u.n = (tk.k * ${PER_TASK} + j) % nu.c
    on conflict do nothing`);
  await database.db.execute(sql`analyze`);
  const counts = (await database.db.execute(sql`select (select count(*) from tasks)::int as t, (select count(*) from task_assignments)::int as a`)) as unknown as { rows: { t: number; a: number }[] };
  console.log(`loaded ${counts.rows[0]!.t} tasks, ${counts.rows[0]!.a} assignments in ${Math.round(performance.now() - t0)} ms`);

  const config = { ...loadConfig({}), logLevel: 'silent', webDist: '/nonexistent' };
  const app = await buildApp({ database, config, crypto, serveWeb: false });
  await app.ready();
  const cookie = async (username: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
    const c = res.cookies.find((x) => x.name === 'sibao_session');
    if (!c) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    return `sibao_session=${c.value}`;
  };
  const [supervisor, dispatcher, industry] = [await cookie('kf_supervisor'), await cookie('kf_dispatcher'), await cookie('kf_industry')];
  const get = (url: string, c: string) => async () => {
    const res = await app.inject({ method: 'GET', url, headers: { cookie: c } });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
  };
  const results: Record<string, number> = {};
  results['GET /api/supervision/overdue (supervisor, page 1 of 20)'] = await time(RUNS, get('/api/supervision/overdue', supervisor));
  results['GET /api/supervision/overdue (page 50)'] = await time(RUNS, get('/api/supervision/overdue?page=50', supervisor));
  results['GET /api/tasks/assignments/mine (department)'] = await time(RUNS, get('/api/tasks/assignments/mine', industry));
  results['GET /api/tasks (dispatcher, page 1)'] = await time(RUNS, get('/api/tasks', dispatcher));
  results['GET /api/tasks?overdue=true'] = await time(RUNS, get('/api/tasks?overdue=true', dispatcher));
  const m = buildTasksModule(database.db, { subtree: (c) => (c === '410200' ? ['410200', ...choices.filter((u) => u.type === 'command').map((u) => u.regionCode)] : [c]), name: (c) => c }, { notify: async () => {} }, DEFAULT_TASKS_SETTINGS);
  results['weekly report of 开封市 (one command)'] = await time(10, () => m.weekly.generate(kf, m.weekly.lastSlot(new Date()), { id: null, name: 'bench', ip: null }));
  const commands = (await units.allCommands()).length;
  let friday = new Date('2030-01-04T09:30:00Z');
  results[`Friday run, all ${commands} commands`] = await time(3, async () => {
    friday = new Date(friday.getTime() + 7 * 86_400_000);
    await m.weekly.generateDue(friday);
  });
  await app.close();
  for (const [k, v] of Object.entries(results)) console.log(`${k}: median ${v} ms`);
  console.log(JSON.stringify({ name: 'tasks', metrics: Object.entries(results).map(([label, median]) => ({ label, median, unit: 'ms' })) }));
} finally {
  await database.close();
  // pool.end() resolves before every backend has gone; dropping with force under a live connection
  // makes the pool emit an unhandled "terminating connection" error. Wait for them to leave.
  for (let i = 0; i < 250; i++) {
    const r = await admin.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [NAME]);
    if (r.rows[0]?.n === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await admin.query(`drop database if exists ${NAME} with (force)`);
  await admin.end();
}
