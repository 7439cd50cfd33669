import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { exec, rows } from '../../testing/helpers.js';
import { registerRetention } from './retention.js';

let t: TestApp;
let staff: string;
let entLk: string;
let removedEnt: string;
let keptEnt: string;
const day = 86_400_000;
const start = Date.now();
const n = async (q: ReturnType<typeof sql>) => (await rows<{ n: number }>(t, q))[0]!.n;

beforeAll(async () => {
  t = await createTestApp();
  [staff, entLk] = await Promise.all(['kf_prevention', 'ent_lankao'].map((u) => t.login(u)));
  keptEnt = (await t.req('GET', '/api/prevention/employees?pageSize=1', { cookie: entLk })).json().items[0].enterpriseId;
  removedEnt = (await t.req('GET', '/api/prevention/employees?pageSize=1', { cookie: await t.login('ent_lankao2') })).json().items[0].enterpriseId;
  // A table anonymised rather than deleted, to prove that path too (registered like any module's table).
  await exec(t, sql`create table retention_probe (id int primary key, person text, at timestamptz not null)`);
  registerRetention({ name: 'probe', table: 'retention_probe', timeColumn: 'at', action: { kind: 'anonymise', set: { person: 'NULL' } }, windowRule: 'retentionDays' });
  const old = new Date(start - 40 * day).toISOString();
  const recent = new Date(start - 1 * day).toISOString();
  await exec(t, sql`insert into retention_probe values (1, '张三', ${old}), (2, '李四', ${recent})`);
  await exec(t, sql`insert into prevention_test_results (sample_id, id_card_hash, sampled_at, result, institution) values ('OLD-1', 'h1', ${old}, 'negative', 'x'), ('OLD-2', 'h2', ${old}, 'negative', 'x'), ('OLD-3', 'h3', ${old}, 'positive', 'x')`);
  await exec(t, sql`insert into prevention_ingest_runs (id, source, format, sha256, status, region_code, started_at) values ('00000000-0000-4000-8000-000000000001', 'api', 'csv', 'old', 'failed', '410225', ${old}), ('00000000-0000-4000-8000-000000000002', 'api', 'csv', 'new', 'failed', '410225', ${recent})`);
  await exec(t, sql`insert into prevention_ingest_staging (run_id, line_no, sample_id, id_card_hash, sampled_at, result, institution) values ('00000000-0000-4000-8000-000000000001', 2, 'S1', 'h', ${old}, 'negative', 'x'), ('00000000-0000-4000-8000-000000000001', 3, 'S2', 'h', ${old}, 'negative', 'x'), ('00000000-0000-4000-8000-000000000002', 2, 'S3', 'h', ${recent}, 'negative', 'x')`);
  await exec(t, sql`insert into prevention_ingest_rejects (run_id, line_no, reason, region_code) values ('00000000-0000-4000-8000-000000000001', 4, 'invalid id_card', '410225'), ('00000000-0000-4000-8000-000000000002', 4, 'invalid id_card', '410225')`);
  await exec(t, sql`insert into prevention_suspected_cases (id, enterprise_id, region_code, employee_id, name_masked, id_card_masked, reason_enc, state, flagged_at, closed_at) values
    ('00000000-0000-4000-8000-0000000000c1', ${keptEnt}, '410225', gen_random_uuid(), '张*', '410225********1234', 'enc', 'returned', ${old}, ${old}),
    ('00000000-0000-4000-8000-0000000000c2', ${keptEnt}, '410225', gen_random_uuid(), '李*', '410225********1234', 'enc', 'under_observation', ${old}, null)`);
  await exec(t, sql`insert into prevention_case_events (case_id, action, to_state, at) values ('00000000-0000-4000-8000-0000000000c1', 'flag', 'flagged', ${old})`);
  // The whitelist removes the second enterprise (through its own route, as the department would).
  await exec(t, sql`update enterprises set listing_status = 'listed' where id = ${removedEnt}`);
  await exec(t, sql`insert into whitelist_memberships (enterprise_id, region_code, sector, listed_at) select id, region_code, sector, now() - interval '100 days' from enterprises where id = ${removedEnt} and not exists (select 1 from whitelist_memberships m where m.enterprise_id = ${removedEnt} and m.ended_at is null)`);
  const removal = await t.req('POST', `/api/whitelist/enterprises/${removedEnt}/remove`, { cookie: await t.login('kf_dispatcher'), body: { reason: '发生聚集性疫情', evidence: '通报', decision: '开封市指挥部决定' } });
  expect(removal.statusCode).toBe(200);
});
afterAll(async () => {
  await t.close();
});

describe('retention job', () => {
  it('answers 401 without a session, and shows the window with no run yet', async () => {
    expect((await t.req('GET', '/api/prevention/retention')).statusCode).toBe(401);
    const r = (await t.req('GET', '/api/prevention/retention', { cookie: entLk })).json();
    expect(r).toMatchObject({ retentionDays: 28, rosterGraceDays: 28, lastRun: null });
    expect(r.targets.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(['test_results', 'ingest_staging', 'ingest_rejects', 'suspected_cases']));
  });

  it('deletes or anonymises what is older than the window, keeps the rest, audits the counts', async () => {
    const results = await n(sql`select count(*)::int as n from prevention_test_results`);
    await t.app.jobs.runDue(new Date(start + 2 * day));
    expect(await n(sql`select count(*)::int as n from prevention_test_results`)).toBe(results - 3);
    expect(await n(sql`select count(*)::int as n from prevention_test_results where sample_id like 'OLD-%'`)).toBe(0);
    expect(await rows(t, sql`select run_id from prevention_ingest_staging`)).toEqual([{ run_id: '00000000-0000-4000-8000-000000000002' }]);
    expect(await rows(t, sql`select run_id from prevention_ingest_rejects where run_id in ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002')`)).toEqual([{ run_id: '00000000-0000-4000-8000-000000000002' }]);
    expect(await rows(t, sql`select id from prevention_suspected_cases where id::text like '00000000-%'`)).toEqual([{ id: '00000000-0000-4000-8000-0000000000c2' }]);
    expect(await n(sql`select count(*)::int as n from prevention_case_events where case_id = '00000000-0000-4000-8000-0000000000c1'`)).toBe(0);
    expect(await rows(t, sql`select id, person from retention_probe order by id`)).toEqual([{ id: 1, person: null }, { id: 2, person: '李四' }]);
    // Within the grace period the removed enterprise's roster is kept.
    expect(await n(sql`select count(*)::int as n from prevention_employees where enterprise_id = ${removedEnt}`)).toBeGreaterThan(0);
    const audit = await rows<{ detail: { counts: Record<string, number> } }>(t, sql`select detail from audit_events where action = 'prevention.retention.apply'`);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail.counts).toMatchObject({ test_results: 3, ingest_staging: 2, ingest_rejects: 1, suspected_cases: 1, probe: 1, roster_of_ended_enterprises: 0 });
    const shown = (await t.req('GET', '/api/prevention/retention', { cookie: staff })).json();
    expect(shown.lastRun.counts.test_results).toBe(3);
  });

  it('changes nothing when run again', async () => {
    const before = await rows(t, sql`select (select count(*)::int from prevention_test_results) a, (select count(*)::int from prevention_ingest_staging) b, (select count(*)::int from prevention_suspected_cases) c, (select count(*)::int from prevention_employees) d`);
    await t.app.jobs.runDue(new Date(start + 3 * day + 60_000));
    const after = await rows(t, sql`select (select count(*)::int from prevention_test_results) a, (select count(*)::int from prevention_ingest_staging) b, (select count(*)::int from prevention_suspected_cases) c, (select count(*)::int from prevention_employees) d`);
    expect(after).toEqual(before);
    const audit = await rows<{ detail: { counts: Record<string, number> } }>(t, sql`select detail from audit_events where action = 'prevention.retention.apply' order by id`);
    expect(audit).toHaveLength(2);
    expect(Object.values(audit[1]!.detail.counts).every((v) => v === 0)).toBe(true);
  });

  it('deletes the roster of an enterprise removed from the whitelist once the grace period is over', async () => {
    const kept = await n(sql`select count(*)::int as n from prevention_employees where enterprise_id = ${keptEnt}`);
    await t.app.jobs.runDue(new Date(start + 30 * day));
    expect(await n(sql`select count(*)::int as n from prevention_employees where enterprise_id = ${removedEnt}`)).toBe(0);
    expect(await n(sql`select count(*)::int as n from prevention_employees where enterprise_id = ${keptEnt}`)).toBe(kept);
  });
});
