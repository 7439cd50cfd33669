import { z } from 'zod';
import { count, desc } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { SessionUser } from '../../platform/auth/service.js';
import { caller, typed } from '../../platform/http.js';
import { ErrorBody, pageOf, Paging, Uuid } from '../../platform/schemas.js';
import { sendXlsx, shanghaiTime } from '../../platform/excel.js';
import type { Scope } from '../../platform/scope.js';
import { CASE_ACTIONS, CASE_STATES, caseActions } from './case-states.js';
import { preventionSuspectedCases } from './care.tables.js';
import { employeeNames, pointNames, type CaseRow, type CaseService } from './cases.js';
import { loadRules } from './rules.js';
import type { PreventionService } from './service.js';

const auth = { 401: ErrorBody, 403: ErrorBody };
const iso = (d: Date | null) => d?.toISOString() ?? null;
const CaseSchema = z
  .object({
    id: z.string(), enterpriseId: z.string(), enterpriseName: z.string(), regionCode: z.string(), regionName: z.string(), employeeId: z.string(),
    /** the roster name for prevention staff, masked (张*) for everyone else */
    name: z.string(), idCardMasked: z.string(), state: z.enum(CASE_STATES),
    observationPointId: z.string().nullable(), observationPointName: z.string().nullable(),
    flaggedAt: z.string(), flaggedBy: z.string().nullable(), observedAt: z.string().nullable(), retestDueAt: z.string().nullable(), retestOverdue: z.boolean(),
    quietStartedAt: z.string().nullable(), quietTests: z.number(), quietPeriodDays: z.number(), lastTestAt: z.string().nullable(), closedAt: z.string().nullable(),
    actions: z.array(z.enum(CASE_ACTIONS)),
  })
  .meta({ id: 'PreventionSuspectedCase' });
const EventSchema = z.object({ id: z.string(), action: z.string(), fromState: z.enum(CASE_STATES).nullable(), toState: z.enum(CASE_STATES), note: z.string().nullable(), actorName: z.string().nullable(), at: z.string() });
const DetailSchema = CaseSchema.extend({ reason: z.string().nullable(), events: z.array(EventSchema) }).meta({ id: 'PreventionSuspectedCaseDetail' });
const Filters = z.object({
  state: z.enum(CASE_STATES).optional(),
  enterpriseId: Uuid.optional(),
  open: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

/** Suspected cases: list, export, detail with timeline, flag and each step of the workflow. */
export function caseRoutes(svc: PreventionService, cases: CaseService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);

    async function views(session: SessionUser, rows: CaseRow[], now = new Date()) {
      const rules = await loadRules(svc.db);
      const staff = session.role.permissions.includes('prevention.cases');
      const pointIds = [...new Set(rows.flatMap((c) => (c.observationPointId ? [c.observationPointId] : [])))];
      const [ents, names, points] = await Promise.all([
        svc.enterprises.names(svc.db, rows.map((c) => c.enterpriseId)),
        staff ? employeeNames(svc.db, rows.map((c) => c.employeeId)) : Promise.resolve(new Map<string, string>()),
        pointNames(svc.db, pointIds),
      ]);
      return rows.map((c) => ({
        id: c.id, enterpriseId: c.enterpriseId, enterpriseName: ents.get(c.enterpriseId) ?? '', regionCode: c.regionCode, regionName: svc.regions.name(c.regionCode), employeeId: c.employeeId,
        name: (staff ? names.get(c.employeeId) : undefined) ?? c.nameMasked, idCardMasked: c.idCardMasked, state: c.state,
        observationPointId: c.observationPointId, observationPointName: c.observationPointId ? (points.get(c.observationPointId) ?? null) : null,
        flaggedAt: c.flaggedAt.toISOString(), flaggedBy: c.flaggedBy, observedAt: iso(c.observedAt), retestDueAt: iso(c.retestDueAt),
        retestOverdue: c.state === 'under_observation' && c.retestDueAt !== null && c.retestDueAt < now,
        quietStartedAt: iso(c.quietStartedAt), quietTests: c.quietTests, quietPeriodDays: rules.quietPeriodDays, lastTestAt: iso(c.lastTestAt), closedAt: iso(c.closedAt),
        actions: staff ? caseActions(c, rules.quietPeriodDays) : [],
      }));
    }
    async function list(scope: Scope, f: z.infer<typeof Filters>, limit: number, offset: number) {
      if (f.enterpriseId) await svc.enterprises.find(svc.db, scope, f.enterpriseId);
      const w = cases.where(scope, f);
      const [rows, total] = await Promise.all([
        svc.db.select().from(preventionSuspectedCases).where(w).orderBy(desc(preventionSuspectedCases.flaggedAt), desc(preventionSuspectedCases.id)).limit(limit).offset(offset),
        svc.db.select({ n: count() }).from(preventionSuspectedCases).where(w),
      ]);
      return { rows, total: total[0]?.n ?? 0 };
    }

    r.get('/api/prevention/cases', { config: { permission: 'prevention.read' }, schema: { tags: ['prevention'], summary: '疑似病例 Suspected cases', querystring: Filters.extend(Paging), response: { 200: pageOf(CaseSchema), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope, session } = caller(req);
      const { page, pageSize, ...f } = req.query;
      const { rows, total } = await list(scope, f, pageSize, (page - 1) * pageSize);
      return { items: await views(session, rows), total };
    });

    r.get('/api/prevention/cases/export', { config: { permission: 'prevention.read' }, schema: { tags: ['prevention'], summary: '导出疑似病例（xlsx，不含健康信息）Export suspected cases (no health details)', querystring: Filters, response: { 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req, reply) => {
      const { scope, session } = caller(req);
      const { rows } = await list(scope, req.query, 50_000, 0);
      const v = await views(session, rows);
      const en = req.lang === 'en-US';
      const state = { flagged: en ? 'Flagged' : '已发现', under_observation: en ? 'Under observation' : '留观待复检', quiet_period: en ? 'Quiet period' : '静默期', returned: en ? 'Returned to post' : '已返岗', confirmed: en ? 'Confirmed (handed over)' : '复核阳性（已移交）' } as const;
      return sendXlsx(reply, en ? 'suspected-cases' : '疑似病例', en ? 'Cases' : '疑似病例', [
        { header: en ? 'Enterprise' : '企业', width: 30, value: (x) => x.enterpriseName },
        { header: en ? 'Region' : '地区', value: (x) => x.regionName },
        { header: en ? 'Name' : '姓名', value: (x) => x.name },
        { header: en ? 'ID number' : '身份证号', width: 22, value: (x) => x.idCardMasked },
        { header: en ? 'State' : '状态', value: (x) => state[x.state] },
        { header: en ? 'Observation point' : '留观点', value: (x) => x.observationPointName ?? '' },
        { header: en ? 'Flagged' : '发现时间', width: 20, value: (x) => shanghaiTime(x.flaggedAt) },
        { header: en ? 'Re-test due' : '复检时限', width: 20, value: (x) => shanghaiTime(x.retestDueAt) },
        { header: en ? 'Quiet-period tests' : '静默期检测天数', value: (x) => x.quietTests },
        { header: en ? 'Closed' : '结束时间', width: 20, value: (x) => shanghaiTime(x.closedAt) },
      ], v);
    });

    r.get('/api/prevention/cases/:id', { config: { permission: 'prevention.read' }, schema: { tags: ['prevention'], summary: '疑似病例详情与处置时间线 Suspected case with its timeline', params: z.object({ id: Uuid }), response: { 200: DetailSchema, 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope, session, actor } = caller(req);
      // Health details (reason, notes) only for prevention staff, and each such read is audited.
      if (session.role.permissions.includes('prevention.cases')) {
        const { row, reason, events } = await cases.readHealth(scope, actor, req.params.id);
        return { ...(await views(session, [row]))[0]!, reason, events: events.map((e) => ({ id: e.id, action: e.action, fromState: e.fromState, toState: e.toState, note: e.note, actorName: e.actorName, at: e.at.toISOString() })) };
      }
      const row = await cases.get(svc.db, scope, req.params.id);
      const events = await cases.events(svc.db, row.id);
      return { ...(await views(session, [row]))[0]!, reason: null, events: events.map((e) => ({ id: e.id, action: e.action, fromState: e.fromState, toState: e.toState, note: null, actorName: e.actorName, at: e.at.toISOString() })) };
    });

    r.post('/api/prevention/cases', { config: { permission: 'prevention.cases' }, schema: { tags: ['prevention'], summary: '登记疑似病例 Flag a suspected case', body: z.object({ employeeId: Uuid, reason: z.string().trim().min(2).max(1000) }), response: { 201: CaseSchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, ...auth } } }, async (req, reply) => {
      const { scope, session, actor } = caller(req);
      const row = await cases.flag(scope, actor, req.body);
      return reply.status(201).send((await views(session, [row]))[0]!);
    });

    r.post('/api/prevention/cases/:id/actions', { config: { permission: 'prevention.cases' }, schema: { tags: ['prevention'], summary: '处置一步（留观、复检结果、静默期检测、返岗）One step of a suspected case', params: z.object({ id: Uuid }), body: z.object({ action: z.enum(CASE_ACTIONS), observationPointId: Uuid.nullish(), note: z.string().trim().max(1000).nullish() }), response: { 200: CaseSchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, ...auth } } }, async (req) => {
      const { scope, session, actor } = caller(req);
      const row = await cases.act(scope, actor, req.params.id, req.body);
      return (await views(session, [row]))[0]!;
    });
  };
}
