import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { caller, typed } from '../../platform/http.js';
import { ErrorBody, Paging, Uuid } from '../../platform/schemas.js';
import { sendXlsx, shanghaiTime } from '../../platform/excel.js';
import { cappedPageOf } from '../../platform/db/totals.js';
import type { SupervisionService } from './supervision.js';
import { ITEM_KINDS, NOTICE_STATES } from './tables.js';
import { NoticeEventSchema, noticeEventView, NoticeSchema, noticeView, SupervisedItemSchema, supervisedView } from './views.js';

const auth = { 401: ErrorBody, 403: ErrorBody };
const Id = z.object({ id: Uuid });
const RegionCode = z.string().regex(/^\d{6}$/);
const BoardFilters = z.object({ kind: z.enum(ITEM_KINDS).optional(), regionCode: RegionCode.optional() });
const NoticeFilters = z.object({ q: z.string().trim().max(64).optional(), state: z.enum(NOTICE_STATES).optional(), kind: z.enum(ITEM_KINDS).optional() });
/** The supervisor's list also narrows to a region of its subtree (404 outside it); a unit's list is its own notices. */
const RegionNoticeFilters = NoticeFilters.extend({ regionCode: RegionCode.optional() });
const KIND_ZH = { demand: '诉求', task: '交办任务' } as const;
const NOTICE_STATE_ZH = { issued: '待回复', replied: '已回复', closed: '已办结', overdue: '逾期未回复' } as const;

/** Supervision (督办督查): the overdue board, the notices and the units' replies. */
export function supervisionRoutes(svc: SupervisionService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);

    r.get('/api/supervision/overdue', { config: { permission: 'supervision.read' }, schema: { tags: ['supervision'], summary: '超期事项 Overdue demands and tasks, most overdue first', querystring: BoardFilters.extend(Paging), response: { 200: cappedPageOf(SupervisedItemSchema), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope } = caller(req);
      const res = await svc.overdue(scope, req.query);
      const now = new Date();
      return { items: res.items.map((i) => supervisedView(svc.regions, i, now)), total: res.total, totalCapped: res.totalCapped };
    });

    r.get('/api/supervision/overdue/export', { config: { permission: 'supervision.read' }, schema: { tags: ['supervision'], summary: '导出超期事项 Export the overdue board (xlsx)', querystring: BoardFilters, response: { 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req, reply) => {
      const { scope } = caller(req);
      const res = await svc.overdue(scope, { ...req.query, page: 1, pageSize: 10_000 });
      const now = new Date();
      const en = req.lang === 'en-US';
      return sendXlsx(reply, en ? 'overdue' : '超期事项', en ? 'Overdue' : '超期事项', [
        { header: en ? 'Kind' : '类别', value: (i) => (en ? i.kind : KIND_ZH[i.kind]) },
        { header: en ? 'Title' : '事项', width: 40, value: (i) => i.title },
        { header: en ? 'Region' : '地区', value: (i) => i.regionName },
        { header: en ? 'Responsible unit' : '责任单位', width: 30, value: (i) => i.unit?.label ?? '' },
        { header: en ? 'Deadline' : '办理期限', width: 20, value: (i) => shanghaiTime(i.deadline) },
        { header: en ? 'Hours overdue' : '超期小时', value: (i) => i.overdueHours },
        { header: en ? 'Escalated' : '已上报', value: (i) => (i.escalated ? (en ? 'yes' : '是') : '') },
      ], res.items.map((i) => supervisedView(svc.regions, i, now)));
    });

    r.post('/api/supervision/notices', {
      config: { permission: 'supervision.issue' },
      schema: {
        tags: ['supervision'],
        summary: '下发督办单 Issue a supervision notice to the responsible unit',
        body: z.object({ kind: z.enum(ITEM_KINDS), itemId: Uuid, requirement: z.string().trim().min(1).max(4000), replyDeadline: z.iso.datetime({ offset: true }).nullish() }),
        response: { 200: NoticeSchema, 201: NoticeSchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, ...auth },
      },
    }, async (req, reply) => {
      const c = caller(req);
      const { notice, created } = await svc.issue(c, { ...req.body, replyDeadline: req.body.replyDeadline ? new Date(req.body.replyDeadline) : null });
      const full = await svc.get(c, notice.id);
      return reply.status(created ? 201 : 200).send(noticeView(svc.regions, full.notice, full.actions));
    });

    r.get('/api/supervision/notices', { config: { permission: 'supervision.read' }, schema: { tags: ['supervision'], summary: '督办单 Supervision notices of the caller’s region', querystring: RegionNoticeFilters.extend(Paging), response: { 200: cappedPageOf(NoticeSchema), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const res = await svc.list(caller(req), req.query);
      return { items: res.items.map((n) => noticeView(svc.regions, n, n.actions)), total: res.total, totalCapped: res.totalCapped };
    });

    r.get('/api/supervision/notices/mine', { config: { permission: 'supervision.reply' }, schema: { tags: ['supervision'], summary: '本单位督办单 Notices sent to the caller’s units', querystring: NoticeFilters.extend(Paging), response: { 200: cappedPageOf(NoticeSchema), 400: ErrorBody, ...auth } } }, async (req) => {
      const res = await svc.list(caller(req), { ...req.query, mine: true });
      return { items: res.items.map((n) => noticeView(svc.regions, n, n.actions)), total: res.total, totalCapped: res.totalCapped };
    });

    r.get('/api/supervision/notices/export', { config: { permission: 'supervision.read' }, schema: { tags: ['supervision'], summary: '导出督办单 Export notices (xlsx)', querystring: RegionNoticeFilters, response: { 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req, reply) => {
      const res = await svc.list(caller(req), { ...req.query, page: 1, pageSize: 100_000 });
      const en = req.lang === 'en-US';
      return sendXlsx(reply, en ? 'supervision-notices' : '督办单', en ? 'Notices' : '督办单', [
        { header: en ? 'Kind' : '类别', value: (n) => (en ? n.itemKind : KIND_ZH[n.itemKind]) },
        { header: en ? 'Item' : '督办事项', width: 40, value: (n) => n.itemTitle },
        { header: en ? 'Region' : '地区', value: (n) => svc.regions.name(n.regionCode) },
        { header: en ? 'Responsible unit' : '责任单位', width: 30, value: (n) => n.unitLabel },
        { header: en ? 'Requirement' : '督办要求', width: 40, value: (n) => n.requirement },
        { header: en ? 'Reply by' : '回复期限', width: 20, value: (n) => shanghaiTime(n.replyDeadline) },
        { header: en ? 'State' : '状态', value: (n) => (en ? n.state : NOTICE_STATE_ZH[n.state]) },
        { header: en ? 'Reply' : '回复内容', width: 40, value: (n) => n.reply ?? '' },
        { header: en ? 'Issued by' : '督办人', value: (n) => n.issuedByName },
        { header: en ? 'Issued at' : '下发时间', width: 20, value: (n) => shanghaiTime(n.createdAt) },
      ], res.items);
    });

    // Either side reaches a notice here: its supervisor (scope) or a user of its unit; the service decides.
    r.get('/api/supervision/notices/:id', { config: { permission: 'authenticated' }, schema: { tags: ['supervision'], summary: '督办单详情 Notice with its steps', params: Id, response: { 200: z.object({ notice: NoticeSchema, events: z.array(NoticeEventSchema) }), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const d = await svc.get(caller(req), req.params.id);
      return { notice: noticeView(svc.regions, d.notice, d.actions), events: d.events.map(noticeEventView) };
    });

    const PERM = { reply: 'supervision.reply', return: 'supervision.issue', close: 'supervision.issue' } as const;
    const SUMMARY = { reply: '回复督办单 Reply', return: '退回回复 Return the reply', close: '办结督办单 Close' } as const;
    for (const action of ['reply', 'return', 'close'] as const) {
      r.post(`/api/supervision/notices/:id/${action}`, {
        config: { permission: PERM[action] },
        schema: { tags: ['supervision'], summary: SUMMARY[action], params: Id, body: z.object({ note: z.string().trim().min(1).max(4000) }), response: { 200: NoticeSchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, ...auth } },
      }, async (req) => {
        const c = caller(req);
        await svc.act(c, req.params.id, action, req.body.note);
        const d = await svc.get(c, req.params.id);
        return noticeView(svc.regions, d.notice, d.actions);
      });
    }
  };
}
