import { z } from 'zod';
import multipart from '@fastify/multipart';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { caller, typed } from '../../platform/http.js';
import { ErrorBody, Uuid } from '../../platform/schemas.js';
import { errors } from '../../platform/errors.js';
import { scopeCoversRegion } from '../../platform/scope.js';
import type { Tx } from '../../platform/db/index.js';
import { AttachmentListSchema, AttachmentSchema, attachmentView, isUploader, multipartOptions, removeUpload, saveUpload, sendAttachment, uploadedFile, type AttachmentService } from '../../platform/files/index.js';
import type { Caller, TasksService } from './service.js';
import type { SupervisionService } from './supervision.js';
import { OPEN_ASSIGNMENT_STATES } from './states.js';
import { supervisionNotices, taskAssignments, tasks, type AssignmentState, type NoticeState } from './tables.js';

const auth = { 401: ErrorBody, 403: ErrorBody };
export const ASSIGNMENT_OWNER = 'task_assignment';
export const NOTICE_OWNER = 'supervision_notice';
/** Evidence is added while the unit still owes the work (not once submitted for acceptance). */
const EVIDENCE_STATES: readonly AssignmentState[] = OPEN_ASSIGNMENT_STATES.filter((s) => s !== 'submitted');
/** A reply's files are added while the reply is owed. */
const REPLY_STATES: readonly NoticeState[] = ['issued', 'overdue'];

/**
 * Who the caller is for one assignment: its unit (may add evidence), its command side (sees it),
 * or no one (404, as if it did not exist).
 */
async function assignmentAccess(svc: TasksService, c: Caller, id: string) {
  const row = (await svc.db.select({ a: taskAssignments, t: tasks }).from(taskAssignments).innerJoin(tasks, eq(tasks.id, taskAssignments.taskId)).where(eq(taskAssignments.id, id)))[0];
  if (!row) throw errors.notFound('assignment');
  const mine = (await svc.unitsOf(c.session)).some((k) => k.type === row.a.unitType && k.id === row.a.unitId);
  const commandSide = svc.overseer(c.session) && scopeCoversRegion(c.scope, row.t.regionCode);
  if (!mine && !commandSide) throw errors.notFound('assignment');
  const unit = mine && c.session.role.permissions.includes('tasks.handle');
  const open = EVIDENCE_STATES.includes(row.a.state);
  return { a: row.a, unit, open, canAdd: unit && open };
}

/** Whether the assignment still takes evidence, read again under a row lock in the removing transaction. */
async function assignmentOpen(tx: Tx, id: string): Promise<boolean> {
  const row = (await tx.select({ state: taskAssignments.state }).from(taskAssignments).where(eq(taskAssignments.id, id)).for('update'))[0];
  return row !== undefined && EVIDENCE_STATES.includes(row.state);
}

/** Who the caller is for one notice: svc.get answers 404 out of scope; the unit side adds files to its reply. */
async function noticeAccess(svc: SupervisionService, c: Caller, id: string) {
  const { notice } = await svc.get(c, id);
  const unit = c.session.role.permissions.includes('supervision.reply') && (await svc.unitsOf(c.session)).some((k) => k.type === notice.unitType && k.id === notice.unitId);
  const open = REPLY_STATES.includes(notice.state);
  return { notice, unit, open, canAdd: unit && open };
}

async function noticeOpen(tx: Tx, id: string): Promise<boolean> {
  const row = (await tx.select({ state: supervisionNotices.state }).from(supervisionNotices).where(eq(supervisionNotices.id, id)).for('update'))[0];
  return row !== undefined && REPLY_STATES.includes(row.state);
}

/**
 * Evidence attached to an assignment's progress and completion reports, and files attached to a
 * supervision notice's reply. Whoever can see the owner lists and downloads; the unit adds, and
 * the uploader removes a file while the unit may still add.
 */
export function taskAttachmentRoutes(tasksSvc: TasksService, supervision: SupervisionService, files: AttachmentService) {
  return async (app: FastifyInstance) => {
    await app.register(multipart, multipartOptions(files.maxBytes));
    const r = typed(app);
    const Id = z.object({ id: Uuid });
    const FileId = z.object({ id: Uuid, attachmentId: Uuid });

    const owners = {
      assignment: { path: '/api/tasks/assignments/:id/attachments', owner: ASSIGNMENT_OWNER, tag: 'tasks', read: 'tasks.read', add: 'tasks.handle', access: (c: Caller, id: string) => assignmentAccess(tasksSvc, c, id), stillOpen: assignmentOpen, closed: 'tasks.closed_no_attachments', kept: 'tasks.attachments_kept', zh: '任务佐证材料', en: 'Evidence of an assignment (progress and completion reports)' },
      notice: { path: '/api/supervision/notices/:id/attachments', owner: NOTICE_OWNER, tag: 'supervision', read: 'authenticated', add: 'supervision.reply', access: (c: Caller, id: string) => noticeAccess(supervision, c, id), stillOpen: noticeOpen, closed: 'supervision.closed_no_attachments', kept: 'supervision.attachments_kept', zh: '督办回复附件', en: 'Files of a supervision notice’s reply' },
    } as const;

    for (const o of Object.values(owners)) {
      r.get(o.path, { config: { permission: o.read }, schema: { tags: [o.tag], summary: `${o.zh} ${o.en}`, params: Id, response: { 200: AttachmentListSchema, 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
        const c = caller(req);
        const acc = await o.access(c, req.params.id);
        return { items: (await files.list(o.owner, req.params.id)).map((a) => attachmentView(a, acc.open && isUploader(a, c.session.user.id))), canAdd: acc.canAdd };
      });

      r.post(o.path, {
        config: { permission: o.add },
        schema: { tags: [o.tag], summary: `上传${o.zh} Attach a file (multipart field "file"; the responsible unit)`, consumes: ['multipart/form-data'], params: Id, response: { 201: AttachmentSchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, ...auth } },
      }, async (req, reply) => {
        const c = caller(req);
        const acc = await o.access(c, req.params.id);
        if (!acc.unit) throw errors.forbidden();
        if (!acc.canAdd) throw errors.of(409, o.closed);
        const file = await uploadedFile(req, files.maxBytes);
        const saved = await tasksSvc.db.transaction((tx) => saveUpload(tx, files, o.owner, req.params.id, file, c.actor));
        return reply.status(201).send(attachmentView(saved, true));
      });

      r.get(`${o.path}/:attachmentId`, { config: { permission: o.read }, schema: { tags: [o.tag], summary: `下载${o.zh} Download a file`, params: FileId, response: { 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req, reply) => {
        await o.access(caller(req), req.params.id);
        const a = await files.get(req.params.attachmentId);
        if (!a || a.ownerType !== o.owner || a.ownerId !== req.params.id) throw errors.notFound('attachment');
        const { attachment, stream } = await files.open(a.id);
        return sendAttachment(reply, attachment, stream);
      });

      r.delete(`${o.path}/:attachmentId`, {
        config: { permission: o.read },
        schema: { tags: [o.tag], summary: `删除${o.zh} Remove a file (its uploader, while the unit may still add files)`, params: FileId, response: { 204: z.null(), 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, ...auth } },
      }, async (req, reply) => {
        const c = caller(req);
        await o.access(c, req.params.id);
        const a = await files.get(req.params.attachmentId);
        if (!a || a.ownerType !== o.owner || a.ownerId !== req.params.id) throw errors.notFound('attachment');
        await removeUpload(tasksSvc.db, files, a, { userId: c.session.user.id, actor: c.actor }, async (tx) => {
          if (!(await o.stillOpen(tx, req.params.id))) throw errors.of(409, o.kept);
        }, req.log);
        return reply.status(204).send(null);
      });
    }
  };
}
