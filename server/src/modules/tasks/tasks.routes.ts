import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { caller, typed } from '../../platform/http.js';
import { ErrorBody, Paging, Uuid } from '../../platform/schemas.js';
import { sendXlsx, shanghaiTime } from '../../platform/excel.js';
import { cappedPageOf } from '../../platform/db/totals.js';
import type { TasksService } from './service.js';
import { ASSIGNMENT_TRANSITIONS, type AssignmentAction } from './states.js';
import { ASSIGNMENT_STATES, UNIT_TYPES } from './tables.js';
import { AssignmentSchema, assignmentView, TaskEventSchema, taskEventView, TaskSchema, taskView, UnitSchema } from './views.js';

const auth = { 401: ErrorBody, 403: ErrorBody };
const Id = z.object({ id: Uuid });
const Filters = z.object({ q: z.string().trim().max(64).optional(), state: z.enum(ASSIGNMENT_STATES).optional(), overdue: z.enum(['true', 'false']).optional() });
const Note = z.object({ note: z.string().trim().max(4000).nullish() });
const STATE_ZH: Record<(typeof ASSIGNMENT_STATES)[number], string> = { assigned: '已交办', in_progress: '办理中', submitted: '待验收', returned: '已退回', accepted: '已验收', cancelled: '已撤销' };

/** Tasks (工作交办): the command's list and assign dialog, the unit's queue, the per-assignee steps. */
export function taskRoutes(svc: TasksService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);

    r.get('/api/tasks/units', { config: { permission: 'tasks.assign' }, schema: { tags: ['tasks'], summary: '可交办单位 Units the caller’s command may assign to', response: { 200: z.array(UnitSchema.extend({ regionCode: z.string() })), ...auth } } }, async (req) => {
      const { session } = caller(req);
      return svc.units.assignableUnits(session.user.regionCode);
    });

    r.get('/api/tasks', { config: { permission: 'tasks.read' }, schema: { tags: ['tasks'], summary: '交办任务 Tasks of the caller’s region', querystring: Filters.extend(Paging), response: { 200: cappedPageOf(TaskSchema), 400: ErrorBody, ...auth } } }, async (req) => {
      const { page, pageSize, q, state, overdue } = req.query;
      const res = await svc.listTasks(caller(req), { q, state, overdue: overdue === 'true', page, pageSize });
      return { items: res.rows.map((t) => taskView(svc.regions, t, res.counts.get(t.id) ?? {})), total: res.total, totalCapped: res.totalCapped };
    });

    r.get('/api/tasks/export', { config: { permission: 'tasks.read' }, schema: { tags: ['tasks'], summary: '导出交办任务 Export tasks (xlsx)', querystring: Filters, response: { 400: ErrorBody, ...auth } } }, async (req, reply) => {
      const { q, state, overdue } = req.query;
      const res = await svc.listTasks(caller(req), { q, state, overdue: overdue === 'true', page: 1, pageSize: 100_000 });
      const en = req.lang === 'en-US';
      const rows = res.rows.map((t) => taskView(svc.regions, t, res.counts.get(t.id) ?? {}));
      return sendXlsx(reply, en ? 'tasks' : '工作交办', en ? 'Tasks' : '工作交办', [
        { header: en ? 'Title' : '任务名称', width: 36, value: (t) => t.title },
        { header: en ? 'Region' : '地区', value: (t) => t.regionName },
        { header: en ? 'Deadline' : '办理期限', width: 20, value: (t) => shanghaiTime(t.deadline) },
        { header: en ? 'Units' : '承办单位数', value: (t) => t.total },
        ...ASSIGNMENT_STATES.map((s) => ({ header: en ? s : STATE_ZH[s], value: (t: (typeof rows)[number]) => t.counts[s] ?? 0 })),
        { header: en ? 'Assigned by' : '交办人', value: (t) => t.createdByName },
        { header: en ? 'Assigned at' : '交办时间', width: 20, value: (t) => shanghaiTime(t.createdAt) },
      ], rows);
    });

    r.post('/api/tasks', {
      config: { permission: 'tasks.assign' },
      schema: {
        tags: ['tasks'],
        summary: '交办任务 Assign a task to units',
        body: z.object({
          title: z.string().trim().min(1).max(200),
          requirement: z.string().trim().min(1).max(4000),
          deadline: z.iso.datetime({ offset: true }),
          units: z.array(z.object({ type: z.enum(UNIT_TYPES), id: Uuid })).min(1).max(100),
          requestKey: z.string().trim().min(8).max(64).nullish(),
        }),
        response: { 200: TaskSchema, 201: TaskSchema, 400: ErrorBody, 409: ErrorBody, ...auth },
      },
    }, async (req, reply) => {
      const c = caller(req);
      const { task, created } = await svc.create(c, { ...req.body, deadline: new Date(req.body.deadline) });
      const counts = (await svc.stateCounts([task.id])).get(task.id) ?? {};
      return reply.status(created ? 201 : 200).send(taskView(svc.regions, task, counts));
    });

    r.get('/api/tasks/assignments/mine', { config: { permission: 'tasks.handle' }, schema: { tags: ['tasks'], summary: '我的交办任务 Assignments of the caller’s units', querystring: Filters.omit({ overdue: true }).extend(Paging), response: { 200: cappedPageOf(AssignmentSchema), 400: ErrorBody, ...auth } } }, async (req) => {
      const c = caller(req);
      const { page, pageSize, q, state } = req.query;
      const res = await svc.mine(c, { q, state, page, pageSize });
      return { items: res.items.map((a) => assignmentView(svc.regions, a, { title: a.taskTitle, requirement: a.requirement })), total: res.total, totalCapped: res.totalCapped };
    });

    r.get('/api/tasks/:id', { config: { permission: 'tasks.read' }, schema: { tags: ['tasks'], summary: '任务详情与各单位进展 Task detail with each unit’s progress', params: Id, response: { 200: z.object({ task: TaskSchema, assignments: z.array(AssignmentSchema), events: z.array(TaskEventSchema) }), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const c = caller(req);
      const d = await svc.detail(c, req.params.id);
      const counts = (await svc.stateCounts([d.task.id])).get(d.task.id) ?? {};
      return { task: taskView(svc.regions, d.task, counts), assignments: d.assignments.map((a) => assignmentView(svc.regions, a, d.task)), events: d.events.map(taskEventView) };
    });

    const SUMMARY: Record<AssignmentAction, string> = { progress: '反馈进展 Report progress', complete: '报告完成（附佐证） Report completion with evidence', accept: '验收通过 Accept', return: '退回重办 Return', cancel: '撤销交办 Cancel' };
    for (const action of Object.keys(ASSIGNMENT_TRANSITIONS) as AssignmentAction[]) {
      r.post(`/api/tasks/assignments/:id/${action}`, {
        config: { permission: ASSIGNMENT_TRANSITIONS[action].by === 'unit' ? 'tasks.handle' : 'tasks.assign' },
        schema: { tags: ['tasks'], summary: SUMMARY[action], params: Id, body: Note, response: { 200: AssignmentSchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, ...auth } },
      }, async (req) => {
        const c = caller(req);
        const updated = await svc.act(c, req.params.id, action, req.body.note ?? null);
        const d = await svc.detail(c, updated.taskId);
        const a = d.assignments.find((x) => x.id === updated.id);
        return assignmentView(svc.regions, a ?? { ...updated, actions: [] }, d.task);
      });
    }
  };
}
