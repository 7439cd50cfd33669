import { z } from 'zod';
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { Conn, Db, Tx } from '../db/index.js';
import type { AuditActor } from '../audit/service.js';
import { AppError, errors } from '../errors.js';
import type { Attachment, AttachmentService } from './service.js';

/** The multipart field every attachment upload uses. */
export const UPLOAD_FIELD = 'body.file';

/** An attachment as the API shows it (never the storage key); `canDelete`: the caller may remove it now. */
export const AttachmentSchema = z
  .object({ id: z.string(), name: z.string(), contentType: z.string(), size: z.number(), sha256: z.string(), createdAt: z.string(), canDelete: z.boolean() })
  .meta({ id: 'Attachment' });
export const AttachmentListSchema = z.object({ items: z.array(AttachmentSchema), canAdd: z.boolean() });

export function attachmentView(a: Attachment, canDelete: boolean): z.infer<typeof AttachmentSchema> {
  return { id: a.id, name: a.name, contentType: a.contentType, size: a.size, sha256: a.sha256, createdAt: a.createdAt.toISOString(), canDelete };
}

/** Only the account that uploaded a file may remove it. */
export function isUploader(a: Attachment, userId: string): boolean {
  return a.createdBy !== null && a.createdBy === userId;
}

/**
 * A module's delete route after it has found the attachment among the owner's (404 otherwise):
 * 403 `files.not_uploader` for anyone but the uploader; then in one transaction `stillOpen(tx)`
 * (the module re-reads its owner and throws its 409 when closed), the row and its audit event;
 * the stored bytes are deleted after the commit (a failure there is logged, the file unreferenced).
 */
export async function removeUpload(db: Db, attachments: AttachmentService, a: Attachment, by: { userId: string; actor: AuditActor }, stillOpen: (tx: Tx) => Promise<void>, log: FastifyBaseLogger): Promise<void> {
  if (!isUploader(a, by.userId)) throw errors.of(403, 'files.not_uploader');
  const removed = await db.transaction(async (tx) => {
    await stillOpen(tx);
    return attachments.remove(tx, a.id, by.actor);
  });
  try {
    await attachments.discard(removed);
  } catch (err) {
    log.warn({ err, attachmentId: removed.id }, 'attachment removed; its stored bytes were not');
  }
}

export interface UploadedFile {
  name: string;
  contentType: string;
  body: Buffer;
}

/**
 * The one file of a multipart upload (field "file"). Anything that is not one file is a 400 on
 * body.file; so is a file over the size limit (the route registers @fastify/multipart with
 * fileSize = the configured limit, so the parser stops reading there).
 */
export async function uploadedFile(req: FastifyRequest, maxBytes: number): Promise<UploadedFile> {
  if (!req.isMultipart()) throw errors.validation(UPLOAD_FIELD, 'upload the file as multipart form data (field "file")');
  const part = await req.file();
  if (!part || part.fieldname !== 'file') throw errors.validation(UPLOAD_FIELD, 'no file in field "file"');
  try {
    const body = await part.toBuffer();
    return { name: part.filename, contentType: part.mimetype, body };
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'FST_REQ_FILE_TOO_LARGE') throw errors.of(400, 'files.too_large', { max: String(maxBytes) }, UPLOAD_FIELD);
    throw err;
  }
}

/**
 * Saves an upload as an attachment of (ownerType, ownerId) in the caller's transaction, with its
 * audit event. The store's size and type refusals (413/415) are answered as 400 naming the field:
 * the client sent a bad value for body.file, like any other bad input.
 */
export async function saveUpload(conn: Conn, attachments: AttachmentService, ownerType: string, ownerId: string, file: UploadedFile, actor: AuditActor): Promise<Attachment> {
  try {
    return await attachments.save(conn, { ownerType, ownerId, file, actor });
  } catch (err) {
    if (err instanceof AppError && err.code.startsWith('files.')) throw errors.of(400, err.code, err.params, UPLOAD_FIELD);
    if (err instanceof AppError && err.field === 'file.contentType') throw errors.validation(UPLOAD_FIELD, 'not a media type');
    throw err;
  }
}

/** The multipart options of a route plugin that takes attachments. */
export function multipartOptions(maxBytes: number) {
  return { limits: { fileSize: maxBytes, files: 1, fields: 5 }, throwFileSizeLimit: true };
}
