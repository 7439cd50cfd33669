import { z } from 'zod';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { caller, typed } from '../../platform/http.js';
import { ErrorBody, Uuid } from '../../platform/schemas.js';
import { errors } from '../../platform/errors.js';
import { AttachmentListSchema, AttachmentSchema, attachmentView, isUploader, multipartOptions, removeUpload, saveUpload, sendAttachment, uploadedFile, type AttachmentService } from '../../platform/files/index.js';
import { partiesOf, viewerOf, type Viewer } from './access.js';
import type { DemandRow, DemandService } from './service.js';

const auth = { 401: ErrorBody, 403: ErrorBody };
export const DEMAND_OWNER = 'demand';

/** The enterprise that filed it adds files while the demand is not closed. */
function canAdd(v: Viewer, d: DemandRow): boolean {
  return d.state !== 'closed' && partiesOf(v, d, new Set()).includes('enterprise');
}

/**
 * Attachments of a demand: the filing enterprise adds them (when filing and later, until it is
 * closed) and its uploader removes them until then; every party who can see the demand lists and
 * downloads them. Out of scope is 404.
 */
export function demandAttachmentRoutes(svc: DemandService, files: AttachmentService) {
  return async (app: FastifyInstance) => {
    await app.register(multipart, multipartOptions(files.maxBytes));
    const r = typed(app);

    r.get('/api/demands/:id/attachments', { config: { permission: 'demands.read' }, schema: { tags: ['demands'], summary: '诉求附件 Files of a demand, and whether the caller may add one', params: z.object({ id: Uuid }), response: { 200: AttachmentListSchema, 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { session, scope } = caller(req);
      const v = viewerOf(session, scope);
      const d = await svc.get(svc.db, v, req.params.id);
      const items = await files.list(DEMAND_OWNER, d.id);
      const open = d.state !== 'closed';
      return { items: items.map((a) => attachmentView(a, open && isUploader(a, session.user.id))), canAdd: canAdd(v, d) };
    });

    r.post('/api/demands/:id/attachments', {
      config: { permission: 'demands.file' },
      schema: { tags: ['demands'], summary: '上传诉求附件 Attach a file (multipart field "file"; the filing enterprise, until closed)', consumes: ['multipart/form-data'], params: z.object({ id: Uuid }), response: { 201: AttachmentSchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, ...auth } },
    }, async (req, reply) => {
      const { session, scope, actor } = caller(req);
      const v = viewerOf(session, scope);
      // Who may attach is checked before the bytes are read: a stranger learns nothing and sends nothing.
      const pre = await svc.get(svc.db, v, req.params.id);
      if (!partiesOf(v, pre, new Set()).includes('enterprise')) throw errors.forbidden();
      const file = await uploadedFile(req, files.maxBytes);
      const saved = await svc.db.transaction(async (tx) => {
        const d = await svc.get(tx, v, req.params.id, true);
        if (!canAdd(v, d)) throw errors.of(409, 'demands.closed_no_attachments');
        return saveUpload(tx, files, DEMAND_OWNER, d.id, file, actor);
      });
      return reply.status(201).send(attachmentView(saved, true));
    });

    r.get('/api/demands/:id/attachments/:attachmentId', { config: { permission: 'demands.read' }, schema: { tags: ['demands'], summary: '下载诉求附件 Download a file of a demand', params: z.object({ id: Uuid, attachmentId: Uuid }), response: { 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req, reply) => {
      const { session, scope } = caller(req);
      const d = await svc.get(svc.db, viewerOf(session, scope), req.params.id);
      const a = await files.get(req.params.attachmentId);
      if (!a || a.ownerType !== DEMAND_OWNER || a.ownerId !== d.id) throw errors.notFound('attachment');
      const { attachment, stream } = await files.open(a.id);
      return sendAttachment(reply, attachment, stream);
    });

    r.delete('/api/demands/:id/attachments/:attachmentId', {
      config: { permission: 'demands.read' },
      schema: { tags: ['demands'], summary: '删除诉求附件 Remove a file of a demand (its uploader, until the demand is closed)', params: z.object({ id: Uuid, attachmentId: Uuid }), response: { 204: z.null(), 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, ...auth } },
    }, async (req, reply) => {
      const { session, scope, actor } = caller(req);
      const v = viewerOf(session, scope);
      const d = await svc.get(svc.db, v, req.params.id);
      const a = await files.get(req.params.attachmentId);
      if (!a || a.ownerType !== DEMAND_OWNER || a.ownerId !== d.id) throw errors.notFound('attachment');
      await removeUpload(svc.db, files, a, { userId: session.user.id, actor }, async (tx) => {
        if ((await svc.get(tx, v, d.id, true)).state === 'closed') throw errors.of(409, 'demands.closed_attachments_kept');
      }, req.log);
      return reply.status(204).send(null);
    });
  };
}
