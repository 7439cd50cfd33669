import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { rows } from '../../testing/helpers.js';
import { ingestTestResults } from './ingest.js';
import { PreventionService } from './service.js';
import { idCard, multipart, resultsCsv } from './testdata.js';

let t: TestApp;
let prevention: string;
let entLk: string;
let lkDispatcher: string;
beforeAll(async () => {
  t = await createTestApp();
  [prevention, entLk, lkDispatcher] = await Promise.all(['kf_prevention', 'ent_lankao', 'lk_dispatcher'].map((u) => t.login(u)));
});
afterAll(async () => {
  await t.close();
});

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
function upload(cookie: string, body: string, name = 'results.csv') {
  const { payload, contentType } = multipart(body, name, name.endsWith('.csv') ? 'text/csv' : 'application/x-ndjson');
  return t.app.inject({ method: 'POST', url: '/api/prevention/ingest/test-results', payload, headers: { cookie, 'content-type': contentType } });
}
async function newEmployee(postKind = 'regular') {
  const id = idCard();
  const res = await t.req('POST', '/api/prevention/employees', { cookie: entLk, body: { name: '测试员工', idCard: id, post: '操作工', postKind } });
  return { id, employeeId: res.json().id as string };
}
async function employee(id: string) {
  const list = (await t.req('GET', '/api/prevention/employees?pageSize=200&q=测试员工', { cookie: entLk })).json().items as { id: string; compliance: string; lastNegativeAt: string | null }[];
  return list.find((x) => x.id === id)!;
}
async function count(q: ReturnType<typeof sql>) {
  return (await rows<{ n: number }>(t, q))[0]!.n;
}

describe('PCR-test ingest', () => {
  it('answers 401 without a session or a key', async () => {
    expect((await t.req('GET', '/api/prevention/ingest/runs')).statusCode).toBe(401);
    expect((await t.req('POST', '/api/prevention/ingest/test-results', { body: {} })).statusCode).toBe(401);
    const m = await t.app.inject({ method: 'POST', url: '/api/prevention/machine/test-results', payload: 'x', headers: { 'content-type': 'text/csv', authorization: 'Bearer sbk_nothing' } });
    expect(m.statusCode).toBe(401);
    expect((await t.req('GET', '/api/prevention/api-keys')).statusCode).toBe(401);
  });

  it('ingests an upload, reports each rejected row, and changes compliance', async () => {
    const a = await newEmployee();
    expect((await employee(a.employeeId)).compliance).toBe('overdue');
    const csv = resultsCsv([
      { sampleId: 'T-UP-1', idCard: a.id, sampledAt: hoursAgo(3), result: '阴性' },
      { sampleId: 'T-UP-2', idCard: idCard('410204'), sampledAt: hoursAgo(5), result: 'negative' },
      { sampleId: 'T-UP-3', idCard: '410225199001011230', sampledAt: hoursAgo(5), result: 'negative' },
      { sampleId: 'T-UP-4', idCard: idCard(), sampledAt: 'yesterday', result: 'negative' },
      { sampleId: 'T-UP-5', idCard: idCard(), sampledAt: hoursAgo(1), result: 'unknown' },
      { sampleId: 'T-UP-1', idCard: a.id, sampledAt: hoursAgo(2), result: 'negative' },
    ]);
    const res = await upload(prevention, csv);
    expect(res.statusCode).toBe(200);
    const run = res.json();
    expect(run).toMatchObject({ status: 'completed', rows: 6, merged: 2, duplicates: 1, rejected: 3, replayed: false, source: 'upload', format: 'csv' });
    expect((await employee(a.employeeId)).compliance).toBe('compliant');
    const rej = await t.req('GET', `/api/prevention/ingest/runs/${run.id}/rejects`, { cookie: prevention });
    expect(rej.statusCode).toBe(200);
    expect(rej.body).toContain('invalid id_card');
    expect(rej.body.split('\r\n').slice(1).map((l) => l.split(',')[0])).toEqual(['4', '5', '6']);
    const list = (await t.req('GET', '/api/prevention/ingest/runs', { cookie: prevention })).json();
    expect(list.items.some((x: { id: string }) => x.id === run.id)).toBe(true);
  });

  it('stores the same file once: a second upload replays the first run', async () => {
    const a = await newEmployee();
    const csv = resultsCsv([{ sampleId: 'T-TWICE-1', idCard: a.id, sampledAt: hoursAgo(4), result: 'negative' }, { sampleId: 'T-TWICE-2', idCard: a.id, sampledAt: hoursAgo(30), result: 'negative' }]);
    const first = (await upload(prevention, csv)).json();
    const second = (await upload(prevention, csv)).json();
    expect(second).toMatchObject({ id: first.id, replayed: true, merged: 2 });
    expect(await count(sql`select count(*)::int as n from prevention_test_results where sample_id like 'T-TWICE-%'`)).toBe(2);
    // The same samples in another file (JSON lines) are duplicates, not new results.
    const jsonl = [{ sample_id: 'T-TWICE-1', id_card: a.id, sampled_at: hoursAgo(4), result: 'negative', institution: '金域' }].map((x) => JSON.stringify(x)).join('\n');
    const third = (await upload(prevention, `${jsonl}\nnot json\n`, 'more.jsonl')).json();
    expect(third).toMatchObject({ rows: 2, merged: 0, duplicates: 1, rejected: 1, format: 'jsonl' });
  });

  it('completes a run the process died in, and stores nothing twice', async () => {
    const svc = new PreventionService(t.database.db, t.database.kind, t.crypto, { find: async () => ({ id: '', name: '', regionCode: '' }), names: async () => new Map() }, { name: () => '', subtree: () => [] });
    const a = await newEmployee();
    const csv = resultsCsv(Array.from({ length: 50 }, (_, i) => ({ sampleId: `T-CRASH-${i}`, idCard: i === 0 ? a.id : idCard(), sampledAt: hoursAgo(1 + i), result: 'negative' })));
    const actor = { id: null, name: 'test', ip: null };
    const src = () => ({ stream: Readable.from([csv]), format: 'csv' as const, fileName: 'crash.csv', source: 'upload' as const, regionCode: '410200', apiKeyId: null });
    await expect(ingestTestResults(svc, actor, src(), { beforeMerge: async () => { throw new Error('killed'); } })).rejects.toThrow('killed');
    expect(await count(sql`select count(*)::int as n from prevention_test_results where sample_id like 'T-CRASH-%'`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from prevention_ingest_runs where file_name = 'crash.csv' and status = 'failed'`)).toBe(1);
    // A run left 'running' (the process died, nobody marked it failed) is completed the same way.
    await t.database.db.execute(sql`update prevention_ingest_runs set status = 'running' where file_name = 'crash.csv'`);
    const { run, replayed } = await ingestTestResults(svc, actor, src());
    expect(replayed).toBe(false);
    expect(run).toMatchObject({ status: 'completed', rows: 50, merged: 50, duplicates: 0 });
    expect(await count(sql`select count(*)::int as n from prevention_test_results where sample_id like 'T-CRASH-%'`)).toBe(50);
    expect(await count(sql`select count(*)::int as n from prevention_ingest_staging`)).toBe(0);
    expect((await ingestTestResults(svc, actor, src())).replayed).toBe(true);
    expect(await count(sql`select count(*)::int as n from prevention_test_results where sample_id like 'T-CRASH-%'`)).toBe(50);
    expect((await employee(a.employeeId)).compliance).toBe('compliant');
  });

  it('takes results over the machine API with a key, never with a session', async () => {
    const bad = await t.req('POST', '/api/prevention/api-keys', { cookie: prevention, body: { name: '' } });
    expect(bad.json().field).toBe('body.name');
    expect((await t.req('POST', '/api/prevention/api-keys', { cookie: prevention, body: { name: '省平台', regionCode: '410100' } })).statusCode).toBe(404);
    const created = await t.req('POST', '/api/prevention/api-keys', { cookie: prevention, body: { name: '开封市疾控中心' } });
    expect(created.statusCode).toBe(201);
    const { key, apiKey } = created.json();
    expect(JSON.stringify(await rows(t, sql`select * from prevention_api_keys`))).not.toContain(key);
    const a = await newEmployee('mobile_contact');
    const body = JSON.stringify({ sample_id: 'T-API-1', id_card: a.id, sampled_at: hoursAgo(2), result: 'negative', institution: '开封市疾控中心' });
    const send = (auth: Record<string, string>, type = 'application/x-ndjson') => t.app.inject({ method: 'POST', url: '/api/prevention/machine/test-results', payload: body, headers: { 'content-type': type, ...auth } });
    expect((await send({ cookie: prevention })).statusCode).toBe(401);
    expect((await send({ authorization: `Bearer ${key}` }, 'application/xml')).statusCode).toBeGreaterThanOrEqual(400);
    const ok = await send({ authorization: `Bearer ${key}` });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ source: 'api', merged: 1, status: 'completed', regionCode: '410200' });
    expect((await employee(a.employeeId)).compliance).toBe('compliant');
    expect((await t.req('POST', `/api/prevention/api-keys/${apiKey.id}/revoke`, { cookie: prevention })).json().revokedAt).not.toBeNull();
    expect((await send({ authorization: `Bearer ${key}` })).statusCode).toBe(401);
  });

  it('keeps runs and keys to the region that made them', async () => {
    const run = (await t.req('GET', '/api/prevention/ingest/runs', { cookie: prevention })).json().items[0];
    expect((await t.req('GET', '/api/prevention/ingest/runs', { cookie: lkDispatcher })).statusCode).toBe(403);
    expect((await t.req('GET', `/api/prevention/ingest/runs/${run.id}/rejects`, { cookie: entLk })).statusCode).toBe(403);
    // The security administrator may grant prevention.apikeys to a role; by default only prevention staff hold it.
    const keys = (await t.req('GET', '/api/prevention/api-keys', { cookie: prevention })).json();
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k: { regionCode: string }) => k.regionCode.startsWith('4102'))).toBe(true);
    expect((await t.req('GET', '/api/prevention/api-keys', { cookie: lkDispatcher })).statusCode).toBe(403);
    expect((await t.req('POST', `/api/prevention/api-keys/${keys[0].id}/revoke`, { cookie: entLk })).statusCode).toBe(403);
    expect((await t.req('GET', '/api/prevention/ingest/runs?status=bogus', { cookie: prevention })).json().field).toBe('query.status');
    expect((await t.req('GET', `/api/prevention/ingest/runs/not-a-uuid/rejects`, { cookie: prevention })).json().field).toBe('params.id');
  });
});
