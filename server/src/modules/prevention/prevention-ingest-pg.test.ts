import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { rows } from '../../testing/helpers.js';
import { ingestTestResults, type IngestHooks } from './ingest.js';
import { PreventionService } from './service.js';
import { idCard } from './testdata.js';

/**
 * Large files through the PCR-test ingest: on PostgreSQL they take the direct path (ingest-pg.ts:
 * chunks COPYed into the results table under savepoints, a temp-table merge for a chunk that
 * conflicts, one transaction per run); on PGlite the staging path. Both keep the same contract.
 */
let t: TestApp;
let svc: PreventionService;
let entLk: string;
beforeAll(async () => {
  t = await createTestApp();
  entLk = await t.login('ent_lankao');
  svc = new PreventionService(t.database.db, t.database.kind, t.crypto, { find: async () => ({ id: '', name: '', regionCode: '' }), names: async () => new Map() }, { name: () => '', subtree: () => [] });
});
afterAll(async () => {
  await t.close();
});

const actor = { id: null, name: 'test', ip: null };
const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
const people = Array.from({ length: 50 }, () => idCard());
// Enough rows for several chunks (10k, 20k, …) and several read batches.
const line = (prefix: string, i: number, at = hoursAgo(2 + (i % 40))) => `${prefix}-${i},${people[i % people.length]},${at},${i % 997 === 0 ? '阳性' : '阴性'},开封市疾控中心`;
const csv = (lines: string[]) => `sample_id,id_card,sampled_at,result,institution\n${lines.join('\n')}\n`;
const src = (body: string, fileName: string) => ({ stream: Readable.from([body]), format: 'csv' as const, fileName, source: 'upload' as const, regionCode: '410200', apiKeyId: null });
const run = (body: string, fileName: string, hooks: IngestHooks = {}) => ingestTestResults(svc, actor, src(body, fileName), hooks);
async function count(q: ReturnType<typeof sql>) {
  return (await rows<{ n: number }>(t, q))[0]!.n;
}
const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);

describe('PCR-test ingest of large files', () => {
  it('stores a file once: the same rows in another file are duplicates, not errors', async () => {
    const lines = range(12_000).map((i) => line('IDEM', i));
    const first = await run(csv(lines), 'idem-1.csv');
    expect(first.run).toMatchObject({ status: 'completed', rows: 12_000, merged: 12_000, duplicates: 0, rejected: 0 });
    // Another file (other bytes, so not replayed by its hash) holding the same samples.
    const second = await run(csv([...lines].reverse()), 'idem-2.csv');
    expect(second.replayed).toBe(false);
    expect(second.run).toMatchObject({ status: 'completed', rows: 12_000, merged: 0, duplicates: 12_000, rejected: 0, error: null });
    expect(await count(sql`select count(*)::int as n from prevention_test_results where sample_id like 'IDEM-%'`)).toBe(12_000);
    expect(await count(sql`select count(*)::int as n from prevention_test_results where sample_id like 'IDEM-%' and run_id = ${first.run.id}`)).toBe(12_000);
  });

  it('stores every new row of a file whose chunks meet known samples, and updates the roster once', async () => {
    const known = range(300, 14_000).map((i) => line('MIX', i, hoursAgo(30)));
    await run(csv(known), 'mix-known.csv');
    const a = idCard();
    const emp = await t.req('POST', '/api/prevention/employees', { cookie: entLk, body: { name: '大批员工', idCard: a, post: '操作工', postKind: 'regular' } });
    expect(emp.statusCode).toBe(201);
    const lines = range(30_000).map((i) => line('MIX', i));
    // The employee's newest negative sits in a chunk that also holds known samples and an in-file repeat.
    lines[14_100] = `MIX-NEW-A,${a},${hoursAgo(1)},阴性,开封市疾控中心`;
    lines[14_101] = `MIX-NEW-A,${a},${hoursAgo(1)},阴性,开封市疾控中心`;
    lines[20_000] = `MIX-POS-A,${a},${hoursAgo(3)},阳性,开封市疾控中心`;
    lines[29_999] = `MIX-LAST-A,${a},${hoursAgo(5)},阴性,开封市疾控中心`;
    const { run: r } = await run(csv(lines), 'mix.csv');
    // 30,000 rows: 298 known (two known lines were replaced) and one repeat are duplicates.
    expect(r).toMatchObject({ status: 'completed', rows: 30_000, rejected: 0, duplicates: 299, merged: 29_701 });
    expect(await count(sql`select count(*)::int as n from prevention_test_results where sample_id like 'MIX-%' and run_id = ${r.id}`)).toBe(29_701);
    // MIX-20000 gave way to MIX-POS-A; MIX-14100 and MIX-14101 stay from the earlier file.
    expect(await count(sql`select count(*)::int as n from prevention_test_results where sample_id like 'MIX-%'`)).toBe(30_001);
    const [e] = await rows<{ last: Date | string; pos: Date | string }>(t, sql`select last_negative_at as last, last_positive_at as pos from prevention_employees where id = ${emp.json().id as string}`);
    expect(Math.abs(new Date(e!.last).getTime() - (Date.now() - 3600_000))).toBeLessThan(120_000);
    expect(Math.abs(new Date(e!.pos).getTime() - (Date.now() - 3 * 3600_000))).toBeLessThan(120_000);
    expect(await count(sql`select count(*)::int as n from prevention_ingest_staging`)).toBe(0);
  });

  it('counts samples already stored for the roster, as the staging merge did, however many people a file holds', async () => {
    for (const cap of [undefined, 1]) {
      const tag = `SEEN${cap ?? ''}`;
      const b = idCard();
      // The sample is stored before the person is on the roster; the roster takes it from the next file that repeats it.
      await run(csv([`${tag}-OLD,${b},${hoursAgo(6)},阴性,开封市疾控中心`]), `${tag}-old.csv`);
      const emp = await t.req('POST', '/api/prevention/employees', { cookie: entLk, body: { name: '复报员工', idCard: b, post: '操作工', postKind: 'regular' } });
      const lines = range(3_000).map((i) => line(tag, i));
      lines[1_500] = `${tag}-OLD,${b},${hoursAgo(6)},阴性,开封市疾控中心`;
      const { run: r } = await run(csv(lines), `${tag}.csv`, { latestCap: cap });
      expect(r).toMatchObject({ rows: 3_000, merged: 2_999, duplicates: 1 });
      const [e] = await rows<{ last: Date | string | null }>(t, sql`select last_negative_at as last from prevention_employees where id = ${emp.json().id as string}`);
      expect(e!.last, String(cap)).not.toBeNull();
      expect(Math.abs(new Date(e!.last!).getTime() - (Date.now() - 6 * 3600_000))).toBeLessThan(120_000);
    }
  });

  it('records rejects with their line numbers and reasons, once each, and keeps the good rows', async () => {
    const lines = range(15_000).map((i) => line('REJ', i));
    lines[0] = `REJ-0,410225199001011230,${hoursAgo(2)},阴性,x`;
    lines[11_000] = `REJ-11000,${people[0]},yesterday,阴性,x`;
    lines[14_999] = `REJ-14999,${people[0]},${hoursAgo(2)},maybe,x`;
    const { run: r } = await run(csv(lines), 'rejects.csv');
    expect(r).toMatchObject({ status: 'completed', rows: 15_000, merged: 14_997, rejected: 3, duplicates: 0 });
    const rej = await rows<{ lineNo: number; reason: string }>(t, sql`select line_no as "lineNo", reason from prevention_ingest_rejects where run_id = ${r.id} order by line_no`);
    expect(rej.map((x) => [x.lineNo, x.reason.split(' ').pop()])).toEqual([[2, 'id_card'], [11_002, 'sampled_at'], [15_001, 'result']]);
  });

  it('leaves nothing of a run that dies mid-way, and the re-run completes it', async () => {
    const known = range(100, 20_000).map((i) => line('CRASH2', i));
    await run(csv(known), 'crash2-known.csv');
    const lines = range(25_000).map((i) => line('CRASH2', i));
    lines[5] = 'CRASH2-bad,not-an-id,,,';
    const body = csv(lines);
    const die: IngestHooks = t.database.kind === 'postgres' ? { afterChunk: async (_id, n) => { if (n === 2) throw new Error('killed'); } } : { beforeMerge: async () => { throw new Error('killed'); } };
    await expect(run(body, 'crash2.csv', die)).rejects.toThrow('killed');
    expect(await count(sql`select count(*)::int as n from prevention_test_results where sample_id like 'CRASH2-%'`)).toBe(100);
    const [failed] = await rows<{ id: string; status: string }>(t, sql`select id, status from prevention_ingest_runs where file_name = 'crash2.csv'`);
    expect(failed!.status).toBe('failed');
    await expect(run(body, 'crash2.csv', { beforeMerge: async () => { throw new Error('killed again'); } })).rejects.toThrow('killed again');
    expect(await count(sql`select count(*)::int as n from prevention_test_results where sample_id like 'CRASH2-%'`)).toBe(100);
    // The process died without marking the run failed: the re-run takes it over all the same.
    await t.database.db.execute(sql`update prevention_ingest_runs set status = 'running' where id = ${failed!.id}`);
    const { run: r, replayed } = await run(body, 'crash2.csv');
    expect(replayed).toBe(false);
    expect(r).toMatchObject({ id: failed!.id, status: 'completed', rows: 25_000, merged: 24_899, duplicates: 100, rejected: 1 });
    expect(await count(sql`select count(*)::int as n from prevention_test_results where sample_id like 'CRASH2-%'`)).toBe(24_999);
    expect(await count(sql`select count(*)::int as n from prevention_ingest_rejects where run_id = ${r.id}`)).toBe(1);
    expect((await run(body, 'crash2.csv')).replayed).toBe(true);
  });
});
