import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { multipartFile, randomUuid, rows } from '../../testing/helpers.js';
import { fileDemand } from './test-data.js';

let t: TestApp;
const c: Record<string, string> = {};
const ACCOUNTS = ['ent_lankao', 'ent_lankao2', 'ent_gulou', 'lk_dispatcher', 'lk_industry', 'gl_dispatcher', 'kf_supervisor'];
beforeAll(async () => {
  // Small limits, so the size and type refusals are quick to provoke.
  t = await createTestApp({ files: { maxBytes: 64, allowedTypes: ['image/*', 'application/pdf', 'text/plain'] } });
  for (const a of ACCOUNTS) c[a] = await t.login(a);
});
afterAll(async () => {
  await t.close();
});

function upload(cookie: string | undefined, id: string, body: Buffer | string, name = '营业执照.pdf', type = 'application/pdf') {
  const { payload, contentType } = multipartFile(Buffer.from(body), name, type);
  return t.app.inject({ method: 'POST', url: `/api/demands/${id}/attachments`, payload, headers: { 'content-type': contentType, ...(cookie ? { cookie } : {}) } });
}
const act = (cookie: string, id: string, action: string, body: Record<string, unknown> = {}) => t.req('POST', `/api/demands/${id}/${action}`, { cookie, body });

describe('demand attachments', () => {
  it('the filing enterprise attaches files; every party who sees the demand lists and downloads them', async () => {
    const d = await fileDemand(t, c.ent_lankao!);
    expect((await upload(undefined, d.id, '%PDF')).statusCode).toBe(401);
    const res = await upload(c.ent_lankao, d.id, '%PDF-1.4 营业执照');
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ name: '营业执照.pdf', contentType: 'application/pdf', size: Buffer.byteLength('%PDF-1.4 营业执照') });
    expect(a).not.toHaveProperty('storageKey');
    const audit = await rows<{ target_id: string }>(t, sql`select target_id from audit_events where action = 'attachment.saved' and target_type = 'demand'`);
    expect(audit.map((x) => x.target_id)).toContain(d.id);

    const own = (await t.req('GET', `/api/demands/${d.id}/attachments`, { cookie: c.ent_lankao })).json();
    expect(own).toMatchObject({ canAdd: true, items: [{ id: a.id, name: '营业执照.pdf' }] });
    for (const who of ['lk_dispatcher', 'kf_supervisor']) {
      const list = (await t.req('GET', `/api/demands/${d.id}/attachments`, { cookie: c[who] })).json();
      expect(list, who).toMatchObject({ canAdd: false, items: [{ id: a.id }] });
      const file = await t.req('GET', `/api/demands/${d.id}/attachments/${a.id}`, { cookie: c[who] });
      expect(file.statusCode, who).toBe(200);
      expect(file.body).toBe('%PDF-1.4 营业执照');
      expect(file.headers['content-disposition']).toContain("filename*=UTF-8''%E8%90%A5");
    }
    // The unit sees it once dispatched to it.
    const units = (await t.req('GET', `/api/demands/${d.id}/units`, { cookie: c.lk_dispatcher })).json() as { type: string; id: string; label: string }[];
    const dep = units.find((u) => u.type === 'department' && u.label.includes('工业和信息化'))!;
    expect((await t.req('GET', `/api/demands/${d.id}/attachments/${a.id}`, { cookie: c.lk_industry })).statusCode).toBe(404);
    await act(c.lk_dispatcher!, d.id, 'dispatch', { unitType: 'department', unitId: dep.id });
    expect((await t.req('GET', `/api/demands/${d.id}/attachments/${a.id}`, { cookie: c.lk_industry })).statusCode).toBe(200);
    expect((await t.req('GET', `/api/demands/${d.id}/attachments`)).statusCode).toBe(401);
    expect((await t.req('GET', `/api/demands/${d.id}/attachments/${a.id}`)).statusCode).toBe(401);
  });

  it('answers 404 out of scope for listing, uploading and downloading, and for a file of another demand', async () => {
    const d = await fileDemand(t, c.ent_lankao!);
    const a = (await upload(c.ent_lankao, d.id, 'hello', '说明.txt', 'text/plain')).json();
    const other = await fileDemand(t, c.ent_lankao2!);
    for (const who of ['ent_lankao2', 'ent_gulou', 'gl_dispatcher']) {
      expect((await t.req('GET', `/api/demands/${d.id}/attachments`, { cookie: c[who] })).statusCode, who).toBe(404);
      expect((await t.req('GET', `/api/demands/${d.id}/attachments/${a.id}`, { cookie: c[who] })).statusCode, who).toBe(404);
    }
    expect((await upload(c.ent_lankao2, d.id, 'x', 'x.txt', 'text/plain')).statusCode).toBe(404);
    // A file id of one demand asked for under another the caller can see.
    expect((await t.req('GET', `/api/demands/${other.id}/attachments/${a.id}`, { cookie: c.lk_dispatcher })).statusCode).toBe(404);
    expect((await t.req('GET', `/api/demands/${d.id}/attachments/${randomUuid()}`, { cookie: c.lk_dispatcher })).statusCode).toBe(404);
    // A government account sees the demand but is not the enterprise that filed it.
    expect((await upload(c.lk_dispatcher, d.id, 'x', 'x.txt', 'text/plain')).statusCode).toBe(403);
  });

  it('names body.file for a file over the size limit, a type not allowed, or no file; params for a bad id', async () => {
    const d = await fileDemand(t, c.ent_lankao!);
    const big = await upload(c.ent_lankao, d.id, 'x'.repeat(65), 'big.txt', 'text/plain');
    expect(big.statusCode, big.body).toBe(400);
    expect(big.json()).toMatchObject({ code: 'files.too_large', field: 'body.file' });
    const html = await upload(c.ent_lankao, d.id, '<b>x</b>', 'page.html', 'text/html');
    expect(html.statusCode).toBe(400);
    expect(html.json()).toMatchObject({ code: 'files.type_not_allowed', field: 'body.file' });
    const json = await t.req('POST', `/api/demands/${d.id}/attachments`, { cookie: c.ent_lankao, body: { file: 'x' } });
    expect(json.statusCode).toBe(400);
    expect(json.json().field).toBe('body.file');
    expect((await t.req('GET', '/api/demands/not-a-uuid/attachments', { cookie: c.ent_lankao })).json().field).toBe('params.id');
    expect((await t.req('GET', `/api/demands/${d.id}/attachments/nope`, { cookie: c.ent_lankao })).json().field).toBe('params.attachmentId');
    expect((await t.req('GET', `/api/demands/${d.id}/attachments`, { cookie: c.ent_lankao })).json().items).toEqual([]);
  });

  it('refuses new files once the demand is closed (409), keeping the earlier ones readable', async () => {
    const d = await fileDemand(t, c.ent_lankao!);
    const a = (await upload(c.ent_lankao, d.id, 'photo', '现场照片.png', 'image/png')).json();
    const units = (await t.req('GET', `/api/demands/${d.id}/units`, { cookie: c.lk_dispatcher })).json() as { type: string; id: string; label: string }[];
    const dep = units.find((u) => u.type === 'department' && u.label.includes('工业和信息化'))!;
    await act(c.lk_dispatcher!, d.id, 'dispatch', { unitType: 'department', unitId: dep.id });
    await act(c.lk_industry!, d.id, 'accept');
    await act(c.lk_industry!, d.id, 'answer', { note: '已协调' });
    // Still open to files until closed: the enterprise can add one while revisiting.
    expect((await upload(c.ent_lankao, d.id, 'more', '补充.txt', 'text/plain')).statusCode).toBe(201);
    await act(c.ent_lankao!, d.id, 'revisit', { rating: 5, solved: true });
    await act(c.lk_dispatcher!, d.id, 'verify');
    expect((await act(c.lk_dispatcher!, d.id, 'close')).json().state).toBe('closed');
    const late = await upload(c.ent_lankao, d.id, 'late', 'late.txt', 'text/plain');
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('demands.closed_no_attachments');
    const list = (await t.req('GET', `/api/demands/${d.id}/attachments`, { cookie: c.ent_lankao })).json();
    expect(list.canAdd).toBe(false);
    expect(list.items.map((x: { id: string }) => x.id)).toContain(a.id);
  });
});
