import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { Conn, Db } from '../db/index.js';
import { errors } from '../errors.js';
import { recordAudit, type AuditActor } from '../audit/service.js';
import { attachments } from './tables.js';
import type { FileStore } from './store.js';

export type Attachment = typeof attachments.$inferSelect;

export interface AttachmentInput {
  ownerType: string;
  ownerId: string;
  file: { name: string; contentType: string; body: Buffer | Readable };
  actor: AuditActor;
}

export interface AttachmentOptions {
  /** FILES_MAX_BYTES */
  maxBytes: number;
  /** When set, only these content types (FILES_ALLOWED_TYPES); `image/*` matches a whole family. */
  allowedTypes?: string[] | undefined;
}

const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/** The name as given, less any path and control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return cleaned.length > 0 ? cleaned : 'file';
}

/** Reads a stream into memory, refusing it as soon as it passes the limit. */
async function readLimited(body: Buffer | Readable, maxBytes: number): Promise<Buffer> {
  if (Buffer.isBuffer(body)) {
    if (body.length > maxBytes) throw errors.of(413, 'files.too_large', { max: String(maxBytes) }, 'file');
    return body;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += buf.length;
    if (size > maxBytes) {
      body.destroy();
      throw errors.of(413, 'files.too_large', { max: String(maxBytes) }, 'file');
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/**
 * Attachments of any module's records. The module checks that the caller may see (or change)
 * the owner record before calling list/open/save: this service does not know the owners.
 */
export class AttachmentService {
  constructor(
    private readonly db: Db,
    readonly store: FileStore,
    private readonly opts: AttachmentOptions,
  ) {}

  get maxBytes(): number {
    return this.opts.maxBytes;
  }

  private checkType(contentType: string): string {
    const type = contentType.split(';')[0]!.trim().toLowerCase() || 'application/octet-stream';
    if (!CONTENT_TYPE.test(type)) throw errors.validation('file.contentType', 'not a media type');
    const allowed = this.opts.allowedTypes;
    if (allowed && allowed.length > 0 && !allowed.some((a) => a === type || (a.endsWith('/*') && type.startsWith(a.slice(0, -1))))) {
      throw errors.of(415, 'files.type_not_allowed', { type }, 'file');
    }
    return type;
  }

  /**
   * Stores the bytes, then the row and its audit event in the caller's transaction. If that
   * transaction rolls back, the stored bytes stay behind without a row (harmless; never served).
   */
  async save(conn: Conn, input: AttachmentInput): Promise<Attachment> {
    const contentType = this.checkType(input.file.contentType);
    const bytes = await readLimited(input.file.body, this.opts.maxBytes);
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    const id = crypto.randomUUID();
    const storageKey = `${new Date().toISOString().slice(0, 7)}/${id}`;
    await this.store.put(storageKey, bytes, contentType);
    const row = (
      await conn
        .insert(attachments)
        .values({ id, ownerType: input.ownerType, ownerId: input.ownerId, name: cleanFileName(input.file.name), contentType, size: bytes.length, sha256, storageKey, createdBy: input.actor.id })
        .returning()
    )[0]!;
    await recordAudit(conn, input.actor, {
      action: 'attachment.saved',
      targetType: input.ownerType,
      targetId: input.ownerId,
      detail: { attachmentId: id, name: row.name, size: row.size, sha256 },
    });
    return row;
  }

  list(ownerType: string, ownerId: string): Promise<Attachment[]> {
    return this.db
      .select()
      .from(attachments)
      .where(and(eq(attachments.ownerType, ownerType), eq(attachments.ownerId, ownerId)))
      .orderBy(asc(attachments.createdAt), asc(attachments.name));
  }

  /** The attachments of many owners of one type (a page of a list), in one query. */
  async listMany(ownerType: string, ownerIds: readonly string[]): Promise<Map<string, Attachment[]>> {
    const out = new Map<string, Attachment[]>(ownerIds.map((id) => [id, []]));
    if (!ownerIds.length) return out;
    const rows = await this.db
      .select()
      .from(attachments)
      .where(and(eq(attachments.ownerType, ownerType), inArray(attachments.ownerId, [...ownerIds])))
      .orderBy(asc(attachments.createdAt), asc(attachments.name));
    for (const r of rows) out.get(r.ownerId)?.push(r);
    return out;
  }

  /** The row only (the module checks its owner before opening the bytes). */
  async get(id: string): Promise<Attachment | null> {
    return (await this.db.select().from(attachments).where(eq(attachments.id, id)))[0] ?? null;
  }

  async open(id: string): Promise<{ attachment: Attachment; stream: Readable }> {
    const attachment = await this.get(id);
    if (!attachment) throw errors.notFound('attachment');
    return { attachment, stream: await this.store.get(attachment.storageKey) };
  }

  /**
   * Removes the row with its audit event in the caller's transaction and returns it; the bytes
   * stay until `discard(row)`, which the caller runs after the commit (a rollback then leaves the
   * file whole, and a failed discard leaves only unreferenced bytes, never a row without its file).
   */
  async remove(conn: Conn, id: string, actor: AuditActor): Promise<Attachment> {
    const row = (await conn.delete(attachments).where(eq(attachments.id, id)).returning())[0];
    if (!row) throw errors.notFound('attachment');
    await recordAudit(conn, actor, { action: 'attachment.removed', targetType: row.ownerType, targetId: row.ownerId, detail: { attachmentId: id, name: row.name, sha256: row.sha256 } });
    return row;
  }

  /** Deletes the stored bytes of a removed attachment (after the removal committed). */
  async discard(row: Attachment): Promise<void> {
    await this.store.delete(row.storageKey);
  }
}

/** RFC 6266 / 5987: an ASCII fallback for old clients and the UTF-8 name for everyone else. */
export function contentDisposition(name: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Sends an attachment's bytes with its type, length, checksum and a UTF-8 file name. */
export function sendAttachment(reply: FastifyReply, attachment: Attachment, stream: Readable, opts: { inline?: boolean } = {}) {
  return reply
    .header('content-type', attachment.contentType)
    .header('content-length', String(attachment.size))
    .header('content-disposition', contentDisposition(attachment.name, opts.inline ? 'inline' : 'attachment'))
    .header('x-content-type-options', 'nosniff')
    .header('digest', `sha-256=${Buffer.from(attachment.sha256, 'hex').toString('base64')}`)
    .send(stream);
}
