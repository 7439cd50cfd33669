import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { rows } from '../../testing/helpers.js';
import { loadConfig } from '../../config.js';
import { AppError } from '../errors.js';
import { AttachmentService, DiskFileStore, S3FileStore, cleanFileName, contentDisposition, createFileStore, sendAttachment, type S3Like } from './index.js';

const actor = { id: null, name: 'test', ip: null };
let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await createTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sibao-files-test-'));
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function service(opts: Partial<ConstructorParameters<typeof AttachmentService>[2]> = {}) {
  return new AttachmentService(t.database.db, new DiskFileStore(dir), { maxBytes: 1024, ...opts });
}

async function text(stream: Readable): Promise<string> {
  return Buffer.concat(await stream.toArray()).toString('utf8');
}

describe('attachments', () => {
  it('saves bytes with size, sha256 and content type, lists and opens them, with an audit event', async () => {
    const s = service();
    const body = '整改报告：已完成闭环管理。';
    const saved = await t.database.db.transaction((tx) =>
      s.save(tx, { ownerType: 'demand', ownerId: 'd-1', file: { name: 'C:\\docs\\整改报告.txt', contentType: 'Text/Plain; charset=utf-8', body: Buffer.from(body) }, actor }),
    );
    expect(saved).toMatchObject({ ownerType: 'demand', ownerId: 'd-1', name: '整改报告.txt', contentType: 'text/plain', size: Buffer.byteLength(body) });
    expect(saved.sha256).toBe(crypto.createHash('sha256').update(body).digest('hex'));
    expect(fs.existsSync(path.join(dir, ...saved.storageKey.split('/')))).toBe(true);

    // A stream is accepted too.
    await s.save(t.database.db, { ownerType: 'demand', ownerId: 'd-1', file: { name: 'photo.jpg', contentType: 'image/jpeg', body: Readable.from([Buffer.from('jpeg'), Buffer.from('data')]) }, actor });
    const list = await s.list('demand', 'd-1');
    expect(list.map((a) => a.name)).toEqual(['整改报告.txt', 'photo.jpg']);
    expect(await s.list('demand', 'd-2')).toEqual([]);

    const opened = await s.open(saved.id);
    expect(await text(opened.stream)).toBe(body);
    const audit = await rows<{ action: string; target_id: string }>(t, sql`select action, target_id from audit_events where action = 'attachment.saved' order by id`);
    expect(audit).toEqual([{ action: 'attachment.saved', target_id: 'd-1' }, { action: 'attachment.saved', target_id: 'd-1' }]);
  });

  it('refuses a file over the size limit (buffer or stream) and a type outside the allowed list', async () => {
    const s = service({ maxBytes: 10, allowedTypes: ['image/*', 'application/pdf'] });
    const tooBig = s.save(t.database.db, { ownerType: 'x', ownerId: '1', file: { name: 'a.pdf', contentType: 'application/pdf', body: Buffer.alloc(11) }, actor });
    await expect(tooBig).rejects.toMatchObject({ statusCode: 413, code: 'files.too_large', field: 'file' });
    const tooBigStream = s.save(t.database.db, { ownerType: 'x', ownerId: '1', file: { name: 'a.png', contentType: 'image/png', body: Readable.from([Buffer.alloc(6), Buffer.alloc(6)]) }, actor });
    await expect(tooBigStream).rejects.toMatchObject({ statusCode: 413 });
    const badType = s.save(t.database.db, { ownerType: 'x', ownerId: '1', file: { name: 'a.html', contentType: 'text/html', body: Buffer.from('<b>') }, actor });
    await expect(badType).rejects.toMatchObject({ statusCode: 415, code: 'files.type_not_allowed' });
    const notAType = s.save(t.database.db, { ownerType: 'x', ownerId: '1', file: { name: 'a', contentType: 'nonsense', body: Buffer.from('a') }, actor });
    await expect(notAType).rejects.toBeInstanceOf(AppError);
    const ok = await s.save(t.database.db, { ownerType: 'x', ownerId: '1', file: { name: 'a.png', contentType: 'image/png', body: Buffer.alloc(10) }, actor });
    expect(ok.size).toBe(10);
    expect(await s.list('x', '1')).toHaveLength(1);
  });

  it('removes the row and the bytes; a missing id is not_found', async () => {
    const s = service();
    const a = await s.save(t.database.db, { ownerType: 'y', ownerId: '1', file: { name: 'a.txt', contentType: 'text/plain', body: Buffer.from('a') }, actor });
    const removed = await t.database.db.transaction((tx) => s.remove(tx, a.id, actor));
    expect(await s.list('y', '1')).toEqual([]);
    // The bytes stay until the caller discards them after its commit.
    expect(fs.existsSync(path.join(dir, ...a.storageKey.split('/')))).toBe(true);
    await s.discard(removed);
    expect(fs.existsSync(path.join(dir, ...a.storageKey.split('/')))).toBe(false);
    await expect(s.open(a.id)).rejects.toMatchObject({ statusCode: 404, code: 'not_found' });
  });

  it('the disk store refuses keys that would leave its root', async () => {
    const store = new DiskFileStore(dir);
    for (const key of ['../x', 'a/../../x', '/etc/passwd', 'a//b', '']) {
      await expect(store.put(key, Buffer.from('x'), 'text/plain'), key).rejects.toThrow(/bad storage key/);
    }
  });

  it('the S3 store sends put, get and delete to its bucket under its prefix', async () => {
    const sent: unknown[] = [];
    const fake: S3Like = {
      send: async (cmd) => {
        sent.push(cmd);
        if (cmd instanceof GetObjectCommand) return { Body: Readable.from([Buffer.from('hello')]) };
        return {};
      },
    };
    const store = new S3FileStore(fake, 'sibao-files', 'prod');
    await store.put('2026-11/abc', Readable.from([Buffer.from('hel'), Buffer.from('lo')]), 'text/plain');
    expect(await text(await store.get('2026-11/abc'))).toBe('hello');
    await store.delete('2026-11/abc');
    expect(sent[0]).toBeInstanceOf(PutObjectCommand);
    expect((sent[0] as PutObjectCommand).input).toMatchObject({ Bucket: 'sibao-files', Key: 'prod/2026-11/abc', ContentType: 'text/plain', ContentLength: 5 });
    expect((sent[1] as GetObjectCommand).input).toEqual({ Bucket: 'sibao-files', Key: 'prod/2026-11/abc' });
    expect(sent[2]).toBeInstanceOf(DeleteObjectCommand);
  });

  it('the configuration chooses the store: the disk by default, S3 when FILES_S3_BUCKET is set', () => {
    expect(createFileStore(loadConfig({ DATA_DIR: dir }))).toBeInstanceOf(DiskFileStore);
    const cfg = loadConfig({ FILES_S3_BUCKET: 'b', FILES_S3_ENDPOINT: 'http://127.0.0.1:9000', FILES_MAX_BYTES: '2048', FILES_ALLOWED_TYPES: 'image/*, application/pdf' });
    expect(createFileStore(cfg)).toBeInstanceOf(S3FileStore);
    expect(cfg.files).toMatchObject({ maxBytes: 2048, allowedTypes: ['image/*', 'application/pdf'], s3: { bucket: 'b', forcePathStyle: true, region: 'us-east-1' } });
  });

  it('cleans file names and writes a UTF-8 Content-Disposition', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\u0000b\n.txt')).toBe('ab.txt');
    expect(cleanFileName('')).toBe('file');
    expect(contentDisposition('整改 报告(1).pdf')).toBe(`attachment; filename="__ __(1).pdf"; filename*=UTF-8''%E6%95%B4%E6%94%B9%20%E6%8A%A5%E5%91%8A%281%29.pdf`);
  });

  it('sendAttachment serves the bytes with type, length, digest and the file name', async () => {
    const s = service();
    const a = await s.save(t.database.db, { ownerType: 'z', ownerId: '1', file: { name: '周报.pdf', contentType: 'application/pdf', body: Buffer.from('%PDF-1.3 test') }, actor });
    const Fastify = (await import('fastify')).default;
    const app: FastifyInstance = Fastify();
    app.get('/f/:id', async (req, reply) => {
      const { id } = z.object({ id: z.string() }).parse(req.params);
      const { attachment, stream } = await s.open(id);
      return sendAttachment(reply, attachment, stream);
    });
    const res = await app.inject({ method: 'GET', url: `/f/${a.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('%PDF-1.3 test');
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-length']).toBe('13');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''%E5%91%A8%E6%8A%A5.pdf");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers.digest).toBe(`sha-256=${Buffer.from(a.sha256, 'hex').toString('base64')}`);
    await app.close();
  });

  it('the app exposes its attachment service', () => {
    expect(t.app.attachments).toBeInstanceOf(AttachmentService);
  });
});
