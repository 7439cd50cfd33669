import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { exec, multipartFile, randomUuid, rows } from '../../testing/helpers.js';

let t: TestApp;
let kfDispatcher: string;
let kfIndustry: string;
let kfTransport: string;
let kfSupervisor: string;
let lkDispatcher: string;
let taskId: string;
let assignmentId: string;
let noticeId: string;
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

beforeAll(async () => {
  t = await createTestApp({ files: { maxBytes: 64, allowedTypes: ['image/*', 'application/pdf', 'text/plain'] } });
  [kfDispatcher, kfIndustry, kfTransport, kfSupervisor, lkDispatcher] = await Promise.all(['kf_dispatcher', 'kf_industry', 'kf_tf_transport', 'kf_supervisor', 'lk_dispatcher'].map((u) => t.login(u)));
  const units = (await t.req('GET', '/api/tasks/units', { cookie: kfDispatcher })).json() as { type: string; id: string; label: string }[];
  const industry = units.find((u) => u.type === 'department' && u.label.includes('工业和信息化'))!;
  const res = await t.req('POST', '/api/tasks', { cookie: kfDispatcher, body: { title: '佐证材料测试任务', requirement: '上传检查记录', deadline: inDays(2), units: [{ type: industry.type, id: industry.id }] } });
  taskId = res.json().id;
  assignmentId = (await t.req('GET', `/api/tasks/${taskId}`, { cookie: kfDispatcher })).json().assignments[0].id;
});
afterAll(async () => {
  await t.close();
});

function upload(cookie: string | undefined, path: string, body: string, name = '检查记录.pdf', type = 'application/pdf') {
  const { payload, contentType } = multipartFile(Buffer.from(body), name, type);
  return t.app.inject({ method: 'POST', url: path, payload, headers: { 'content-type': contentType, ...(cookie ? { cookie } : {}) } });
}

describe('assignment evidence', () => {
  it('the unit attaches evidence to its reports; the command lists and downloads it; strangers get 404', async () => {
    const path = `/api/tasks/assignments/${assignmentId}/attachments`;
    expect((await upload(undefined, path, '%PDF')).statusCode).toBe(401);
    expect((await t.req('GET', path)).statusCode).toBe(401);
    const res = await upload(kfIndustry, path, '%PDF-1.4 检查记录');
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    const audit = await rows<{ target_id: string }>(t, sql`select target_id from audit_events where action = 'attachment.saved' and target_type = 'task_assignment'`);
    expect(audit.map((x) => x.target_id)).toContain(assignmentId);
    expect((await t.req('GET', path, { cookie: kfIndustry })).json()).toMatchObject({ canAdd: true, items: [{ id: a.id, name: '检查记录.pdf' }] });
    expect((await t.req('GET', path, { cookie: kfDispatcher })).json()).toMatchObject({ canAdd: false, items: [{ id: a.id }] });
    const file = await t.req('GET', `${path}/${a.id}`, { cookie: kfDispatcher });
    expect(file.statusCode).toBe(200);
    expect(file.body).toBe('%PDF-1.4 检查记录');
    // Another unit of the command, and another county: as if it did not exist.
    for (const cookie of [kfTransport, lkDispatcher]) {
      expect((await t.req('GET', path, { cookie })).statusCode).toBe(404);
      expect((await t.req('GET', `${path}/${a.id}`, { cookie })).statusCode).toBe(404);
    }
    expect((await upload(kfTransport, path, 'x', 'x.txt', 'text/plain')).statusCode).toBe(404);
    // The command sees the assignment but does not report on it.
    expect((await upload(kfDispatcher, path, 'x', 'x.txt', 'text/plain')).statusCode).toBe(403);
    expect((await t.req('GET', `${path}/${randomUuid()}`, { cookie: kfDispatcher })).statusCode).toBe(404);
    expect((await t.req('GET', `/api/tasks/assignments/${randomUuid()}/attachments`, { cookie: kfDispatcher })).statusCode).toBe(404);
  });

  it('names body.file for too large, a type not allowed or no file; refuses evidence once submitted (409)', async () => {
    const path = `/api/tasks/assignments/${assignmentId}/attachments`;
    const big = await upload(kfIndustry, path, 'x'.repeat(65), 'big.txt', 'text/plain');
    expect(big.statusCode).toBe(400);
    expect(big.json()).toMatchObject({ code: 'files.too_large', field: 'body.file' });
    const bad = await upload(kfIndustry, path, 'MZ', 'run.exe', 'application/x-msdownload');
    expect(bad.json()).toMatchObject({ code: 'files.type_not_allowed', field: 'body.file' });
    expect((await t.req('POST', path, { cookie: kfIndustry, body: {} })).json().field).toBe('body.file');
    expect((await t.req('GET', '/api/tasks/assignments/x/attachments', { cookie: kfIndustry })).json().field).toBe('params.id');
    const done = await t.req('POST', `/api/tasks/assignments/${assignmentId}/complete`, { cookie: kfIndustry, body: { note: '已完成，佐证见附件' } });
    expect(done.json().state).toBe('submitted');
    const late = await upload(kfIndustry, path, 'x', 'x.txt', 'text/plain');
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('tasks.closed_no_attachments');
    // Returned for more work: evidence can be added again.
    await t.req('POST', `/api/tasks/assignments/${assignmentId}/return`, { cookie: kfDispatcher, body: { note: '佐证不足' } });
    expect((await upload(kfIndustry, path, 'photo', '现场.png', 'image/png')).statusCode).toBe(201);
  });
});

describe('supervision reply files', () => {
  it('the unit attaches files to its reply; the supervisor downloads them; strangers get 404', async () => {
    await exec(t, sql`update task_assignments set deadline = now() - interval '2 days' where task_id = ${taskId}`);
    const issued = await t.req('POST', '/api/supervision/notices', { cookie: kfSupervisor, body: { kind: 'task', itemId: assignmentId, requirement: '请说明超期原因并附佐证' } });
    expect(issued.statusCode, issued.body).toBe(201);
    noticeId = issued.json().id;
    const path = `/api/supervision/notices/${noticeId}/attachments`;
    expect((await upload(undefined, path, 'x')).statusCode).toBe(401);
    expect((await t.req('GET', path)).statusCode).toBe(401);
    const res = await upload(kfIndustry, path, '%PDF 情况说明', '情况说明.pdf');
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect((await t.req('GET', path, { cookie: kfSupervisor })).json()).toMatchObject({ canAdd: false, items: [{ id: a.id, name: '情况说明.pdf' }] });
    expect((await t.req('GET', `${path}/${a.id}`, { cookie: kfSupervisor })).body).toBe('%PDF 情况说明');
    for (const cookie of [kfTransport, lkDispatcher]) {
      expect((await t.req('GET', path, { cookie })).statusCode).toBe(404);
      expect((await t.req('GET', `${path}/${a.id}`, { cookie })).statusCode).toBe(404);
      expect((await upload(cookie, path, 'x', 'x.txt', 'text/plain')).statusCode).toBe(404);
    }
    expect((await upload(kfSupervisor, path, 'x', 'x.txt', 'text/plain')).statusCode).toBe(403);
    // A file of the assignment is not a file of the notice.
    const evidence = (await t.req('GET', `/api/tasks/assignments/${assignmentId}/attachments`, { cookie: kfIndustry })).json().items[0].id;
    expect((await t.req('GET', `${path}/${evidence}`, { cookie: kfSupervisor })).statusCode).toBe(404);
    const big = await upload(kfIndustry, path, 'x'.repeat(65), 'big.txt', 'text/plain');
    expect(big.json()).toMatchObject({ code: 'files.too_large', field: 'body.file' });
    await t.req('POST', `/api/supervision/notices/${noticeId}/reply`, { cookie: kfIndustry, body: { note: '已完成，见附件' } });
    const late = await upload(kfIndustry, path, 'x', 'x.txt', 'text/plain');
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('supervision.closed_no_attachments');
  });
});

describe('removing files', () => {
  async function freshAssignment(title: string): Promise<string> {
    const units = (await t.req('GET', '/api/tasks/units', { cookie: kfDispatcher })).json() as { type: string; id: string; label: string }[];
    const industry = units.find((u) => u.type === 'department' && u.label.includes('工业和信息化'))!;
    const task = (await t.req('POST', '/api/tasks', { cookie: kfDispatcher, body: { title, requirement: '上传检查记录', deadline: inDays(2), units: [{ type: industry.type, id: industry.id }] } })).json();
    return (await t.req('GET', `/api/tasks/${task.id}`, { cookie: kfDispatcher })).json().assignments[0].id;
  }
  const storageKey = async (id: string) => (await rows<{ storage_key: string }>(t, sql`select storage_key from attachments where id = ${id}`))[0]!.storage_key;
  const removedAudit = async (targetType: string) => (await rows<{ target_id: string; detail: { attachmentId: string } }>(t, sql`select target_id, detail from audit_events where action = 'attachment.removed' and target_type = ${targetType}`));

  it('assignment evidence: the uploader removes it (204) until submitted (409); 401, 400, 404 out of scope, 403 files.not_uploader', async () => {
    const id = await freshAssignment('删除佐证测试任务');
    const path = `/api/tasks/assignments/${id}/attachments`;
    const a = (await upload(kfIndustry, path, '%PDF 记录')).json();
    expect(a.canDelete).toBe(true);
    expect((await t.req('GET', path, { cookie: kfIndustry })).json().items).toMatchObject([{ id: a.id, canDelete: true }]);
    expect((await t.req('GET', path, { cookie: kfDispatcher })).json().items).toMatchObject([{ id: a.id, canDelete: false }]);
    const url = `${path}/${a.id}`;
    expect((await t.req('DELETE', url)).statusCode).toBe(401);
    expect((await t.req('DELETE', `/api/tasks/assignments/x/attachments/${a.id}`, { cookie: kfIndustry })).json()).toMatchObject({ statusCode: 400, field: 'params.id' });
    expect((await t.req('DELETE', `${path}/x`, { cookie: kfIndustry })).json()).toMatchObject({ statusCode: 400, field: 'params.attachmentId' });
    for (const cookie of [kfTransport, lkDispatcher]) expect((await t.req('DELETE', url, { cookie })).statusCode).toBe(404);
    expect((await t.req('DELETE', `${path}/${randomUuid()}`, { cookie: kfIndustry })).statusCode).toBe(404);
    expect((await t.req('DELETE', `/api/tasks/assignments/${assignmentId}/attachments/${a.id}`, { cookie: kfIndustry })).statusCode).toBe(404);
    const notMine = await t.req('DELETE', url, { cookie: kfDispatcher });
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json().code).toBe('files.not_uploader');
    const key = await storageKey(a.id);
    expect((await t.req('DELETE', url, { cookie: kfIndustry })).statusCode).toBe(204);
    expect((await t.req('GET', path, { cookie: kfIndustry })).json().items).toEqual([]);
    await expect(t.app.attachments.store.get(key)).rejects.toThrow();
    expect((await removedAudit('task_assignment')).find((x) => x.detail.attachmentId === a.id)?.target_id).toBe(id);
    // Once submitted for acceptance the evidence stays.
    const b = (await upload(kfIndustry, path, 'photo', '现场.png', 'image/png')).json();
    expect((await t.req('POST', `/api/tasks/assignments/${id}/complete`, { cookie: kfIndustry, body: { note: '已完成' } })).json().state).toBe('submitted');
    const kept = await t.req('DELETE', `${path}/${b.id}`, { cookie: kfIndustry });
    expect(kept.statusCode).toBe(409);
    expect(kept.json().code).toBe('tasks.attachments_kept');
    expect((await t.req('GET', path, { cookie: kfIndustry })).json().items).toMatchObject([{ id: b.id, canDelete: false }]);
  });

  it('notice reply files: the uploader removes them (204) until replied (409); 401, 400, 404 out of scope, 403 files.not_uploader', async () => {
    const id = await freshAssignment('删除督办附件测试任务');
    await exec(t, sql`update task_assignments set deadline = now() - interval '2 days' where id = ${id}`);
    const issued = await t.req('POST', '/api/supervision/notices', { cookie: kfSupervisor, body: { kind: 'task', itemId: id, requirement: '请说明超期原因' } });
    expect(issued.statusCode, issued.body).toBe(201);
    const notice = issued.json().id as string;
    const path = `/api/supervision/notices/${notice}/attachments`;
    const a = (await upload(kfIndustry, path, '%PDF 说明', '说明.pdf')).json();
    expect((await t.req('GET', path, { cookie: kfIndustry })).json().items).toMatchObject([{ id: a.id, canDelete: true }]);
    expect((await t.req('GET', path, { cookie: kfSupervisor })).json().items).toMatchObject([{ id: a.id, canDelete: false }]);
    const url = `${path}/${a.id}`;
    expect((await t.req('DELETE', url)).statusCode).toBe(401);
    expect((await t.req('DELETE', `/api/supervision/notices/x/attachments/${a.id}`, { cookie: kfIndustry })).json()).toMatchObject({ statusCode: 400, field: 'params.id' });
    expect((await t.req('DELETE', `${path}/x`, { cookie: kfIndustry })).json()).toMatchObject({ statusCode: 400, field: 'params.attachmentId' });
    for (const cookie of [kfTransport, lkDispatcher]) expect((await t.req('DELETE', url, { cookie })).statusCode).toBe(404);
    expect((await t.req('DELETE', `${path}/${randomUuid()}`, { cookie: kfIndustry })).statusCode).toBe(404);
    const notMine = await t.req('DELETE', url, { cookie: kfSupervisor, lang: 'en-US' });
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json()).toMatchObject({ code: 'files.not_uploader', message: 'Only the person who uploaded this file may remove it' });
    const key = await storageKey(a.id);
    expect((await t.req('DELETE', url, { cookie: kfIndustry })).statusCode).toBe(204);
    expect((await t.req('GET', path, { cookie: kfSupervisor })).json().items).toEqual([]);
    await expect(t.app.attachments.store.get(key)).rejects.toThrow();
    expect((await removedAudit('supervision_notice')).find((x) => x.detail.attachmentId === a.id)?.target_id).toBe(notice);
    // Once replied, the reply's files stay.
    const b = (await upload(kfIndustry, path, 'more', '补充.txt', 'text/plain')).json();
    expect((await t.req('POST', `/api/supervision/notices/${notice}/reply`, { cookie: kfIndustry, body: { note: '已说明' } })).statusCode).toBe(200);
    const kept = await t.req('DELETE', `${path}/${b.id}`, { cookie: kfIndustry });
    expect(kept.statusCode).toBe(409);
    expect(kept.json().code).toBe('supervision.attachments_kept');
  });
});
