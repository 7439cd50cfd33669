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

  it('removes a file for its uploader only (204), with the audit event and the stored bytes gone; 401, 400, 404 out of scope, 403 files.not_uploader', async () => {
    const d = await fileDemand(t, c.ent_lankao!);
    const a = (await upload(c.ent_lankao, d.id, 'remove me', '删除.txt', 'text/plain')).json();
    expect(a.canDelete).toBe(true);
    const other = await fileDemand(t, c.ent_lankao!);
    const url = `/api/demands/${d.id}/attachments/${a.id}`;
    expect((await t.req('GET', `/api/demands/${d.id}/attachments`, { cookie: c.ent_lankao })).json().items).toMatchObject([{ id: a.id, canDelete: true }]);
    expect((await t.req('GET', `/api/demands/${d.id}/attachments`, { cookie: c.lk_dispatcher })).json().items).toMatchObject([{ id: a.id, canDelete: false }]);
    expect((await t.req('DELETE', url)).statusCode).toBe(401);
    expect((await t.req('DELETE', `/api/demands/not-a-uuid/attachments/${a.id}`, { cookie: c.ent_lankao })).json()).toMatchObject({ statusCode: 400, field: 'params.id' });
    expect((await t.req('DELETE', `/api/demands/${d.id}/attachments/nope`, { cookie: c.ent_lankao })).json()).toMatchObject({ statusCode: 400, field: 'params.attachmentId' });
    for (const who of ['ent_lankao2', 'ent_gulou', 'gl_dispatcher']) expect((await t.req('DELETE', url, { cookie: c[who] })).statusCode, who).toBe(404);
    // A file of one demand named under another the caller filed, and an unknown file.
    expect((await t.req('DELETE', `/api/demands/${other.id}/attachments/${a.id}`, { cookie: c.ent_lankao })).statusCode).toBe(404);
    expect((await t.req('DELETE', `/api/demands/${d.id}/attachments/${randomUuid()}`, { cookie: c.ent_lankao })).statusCode).toBe(404);
    // The county dispatcher sees the demand and its files but did not upload this one.
    const notMine = await t.req('DELETE', url, { cookie: c.lk_dispatcher });
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json()).toMatchObject({ code: 'files.not_uploader', message: '只有上传人可以删除此附件' });
    expect((await t.req('DELETE', url, { cookie: c.lk_dispatcher, lang: 'en-US' })).json().message).toBe('Only the person who uploaded this file may remove it');

    const key = (await rows<{ storage_key: string }>(t, sql`select storage_key from attachments where id = ${a.id}`))[0]!.storage_key;
    const res = await t.req('DELETE', url, { cookie: c.ent_lankao });
    expect(res.statusCode, res.body).toBe(204);
    expect(res.body).toBe('');
    expect((await t.req('GET', `/api/demands/${d.id}/attachments`, { cookie: c.ent_lankao })).json().items).toEqual([]);
    expect((await t.req('GET', url, { cookie: c.ent_lankao })).statusCode).toBe(404);
    await expect(t.app.attachments.store.get(key)).rejects.toThrow();
    const audit = await rows<{ target_id: string; detail: { attachmentId: string } }>(t, sql`select target_id, detail from audit_events where action = 'attachment.removed' and target_type = 'demand'`);
    expect(audit.find((x) => x.detail.attachmentId === a.id)?.target_id).toBe(d.id);
    expect((await t.req('DELETE', url, { cookie: c.ent_lankao })).statusCode).toBe(404);
  });

  it('keeps the files of a closed demand: removing one is 409 and canDelete is false', async () => {
    const d = await fileDemand(t, c.ent_lankao!);
    const a = (await upload(c.ent_lankao, d.id, 'kept', '保留.txt', 'text/plain')).json();
    const units = (await t.req('GET', `/api/demands/${d.id}/units`, { cookie: c.lk_dispatcher })).json() as { type: string; id: string; label: string }[];
    const dep = units.find((u) => u.type === 'department' && u.label.includes('工业和信息化'))!;
    await act(c.lk_dispatcher!, d.id, 'dispatch', { unitType: 'department', unitId: dep.id });
    await act(c.lk_industry!, d.id, 'accept');
    await act(c.lk_industry!, d.id, 'answer', { note: '已协调' });
    await act(c.ent_lankao!, d.id, 'revisit', { rating: 5, solved: true });
    await act(c.lk_dispatcher!, d.id, 'verify');
    expect((await act(c.lk_dispatcher!, d.id, 'close')).json().state).toBe('closed');
    const res = await t.req('DELETE', `/api/demands/${d.id}/attachments/${a.id}`, { cookie: c.ent_lankao });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('demands.closed_attachments_kept');
    expect((await t.req('GET', `/api/demands/${d.id}/attachments`, { cookie: c.ent_lankao })).json().items).toMatchObject([{ id: a.id, canDelete: false }]);
  });
});
