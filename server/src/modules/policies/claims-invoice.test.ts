import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { multipartFile, randomUuid, rows } from '../../testing/helpers.js';

let t: TestApp;
let lk: string;
let gl: string;
let entLk: string;
let entLk2: string;
let claimId: string;
beforeAll(async () => {
  t = await createTestApp();
  lk = await t.login('lk_dispatcher');
  gl = await t.login('gl_dispatcher');
  entLk = await t.login('ent_lankao');
  entLk2 = await t.login('ent_lankao2');
  await t.req('PUT', '/api/enterprise/profile', { cookie: entLk2, body: { employees: 1500 } });
  const c = await t.req('POST', '/api/enterprise/booth-claims', { cookie: entLk2, body: { invoiceNumber: 'FP-INV-0001', invoiceDate: '2022-06-20', supplier: '采样屋厂', priceFen: 10_000_000 } });
  expect(c.statusCode).toBe(201);
  claimId = c.json().id;
});
afterAll(async () => {
  await t.close();
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
function upload(cookie: string, id: string, file = PDF, name = '发票.pdf', type = 'application/pdf') {
  const { payload, contentType } = multipartFile(file, name, type);
  return t.req('POST', `/api/booth-claims/${id}/invoices`, { cookie, body: payload, headers: { 'content-type': contentType } });
}

describe('booth claim invoices', () => {
  it('answers 401 without a session', async () => {
    expect((await upload('', claimId)).statusCode).toBe(401);
    expect((await t.req('GET', `/api/booth-claims/${claimId}/invoices/${randomUuid()}`)).statusCode).toBe(401);
  });

  it('refuses what is not an invoice file, naming the field', async () => {
    const bad = await upload(entLk2, claimId, Buffer.from('a,b'), 'x.csv', 'text/csv');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('body.file');
    const json = await t.req('POST', `/api/booth-claims/${claimId}/invoices`, { cookie: entLk2, body: { file: 'x' } });
    expect(json.statusCode).toBe(400);
    expect((await t.req('GET', `/api/booth-claims/not-a-uuid/invoices/${randomUuid()}`, { cookie: lk })).statusCode).toBe(400);
  });

  it('the enterprise attaches the invoice; the department sees and downloads it; others get 404', async () => {
    expect((await upload(entLk, claimId)).statusCode).toBe(404);
    expect((await upload(entLk2, randomUuid())).statusCode).toBe(404);
    const up = await upload(entLk2, claimId);
    expect(up.statusCode).toBe(201);
    const file = up.json() as { id: string; name: string; size: number; contentType: string };
    expect(file).toMatchObject({ name: '发票.pdf', size: PDF.length, contentType: 'application/pdf' });

    const mine = (await t.req('GET', '/api/enterprise/booth-claims', { cookie: entLk2 })).json() as { id: string; invoices: { id: string }[] }[];
    expect(mine.find((c) => c.id === claimId)?.invoices.map((f) => f.id)).toEqual([file.id]);
    const review = (await t.req('GET', '/api/booth-claims?status=submitted&pageSize=200', { cookie: lk })).json().items as { id: string; invoices: { id: string }[] }[];
    expect(review.find((c) => c.id === claimId)?.invoices.map((f) => f.id)).toEqual([file.id]);

    const url = `/api/booth-claims/${claimId}/invoices/${file.id}`;
    for (const cookie of [lk, entLk2]) {
      const res = await t.req('GET', url, { cookie });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.rawPayload.equals(PDF)).toBe(true);
    }
    expect((await t.req('GET', `${url}?inline=1`, { cookie: lk })).headers['content-disposition']).toMatch(/^inline;/);
    // Another enterprise, a department of another county, a file of another owner: all 404.
    expect((await t.req('GET', url, { cookie: entLk })).statusCode).toBe(404);
    expect((await t.req('GET', url, { cookie: gl })).statusCode).toBe(404);
    expect((await t.req('GET', `/api/booth-claims/${claimId}/invoices/${randomUuid()}`, { cookie: lk })).statusCode).toBe(404);

    const audit = await rows<{ action: string }>(t, sql`select action from audit_events where action = 'attachment.saved' and target_id = ${claimId}`);
    expect(audit.length).toBe(1);
  });
});
