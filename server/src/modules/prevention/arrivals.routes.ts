import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { SessionUser } from '../../platform/auth/service.js';
import { errors } from '../../platform/errors.js';
import { sendXlsx, shanghaiTime } from '../../platform/excel.js';
import { caller, typed } from '../../platform/http.js';
import { ErrorBody, pageOf, Paging, Uuid } from '../../platform/schemas.js';
import { scopeCoversRegion, type Scope } from '../../platform/scope.js';
import { ARRIVAL_STATUSES, type ArrivalStatus } from './arrival-rules.js';
import type { ArrivalFilters, ArrivalRow, ArrivalService } from './arrivals.js';
import { ARRIVAL_DECISIONS, ARRIVAL_PERSON_KINDS, ARRIVAL_SOURCES, RISK_LEVELS } from './reports.tables.js';
import { mayEditRiskAreas, type RiskAreaRow, type RiskAreaService } from './risk-areas.js';

const auth = { 401: ErrorBody, 403: ErrorBody };
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const AreaCode = z.string().regex(/^\d{6}$/, 'a 6-digit area code');
const iso = (d: Date | null) => d?.toISOString() ?? null;

const ArrivalSchema = z.object({
  id: z.string(), enterpriseId: z.string(), enterpriseName: z.string(), regionCode: z.string(), regionName: z.string(),
  name: z.string(), idCardMasked: z.string(), phoneMasked: z.string().nullable(), personKind: z.enum(ARRIVAL_PERSON_KINDS),
  originCode: z.string(), originName: z.string(), route: z.string(), purpose: z.string(), arrivalAt: z.string(), arrivalDay: z.string(),
  source: z.enum(ARRIVAL_SOURCES), late: z.boolean(), onRoster: z.boolean(), decision: z.enum(ARRIVAL_DECISIONS), healthCode: z.enum(['red', 'green']),
  riskAreaId: z.string().nullable(), quarantineUntil: z.string().nullable(), testDueAt: z.string().nullable(), status: z.enum(ARRIVAL_STATUSES),
  reportedBy: z.string().nullable(), reportedAt: z.string(), decidedAt: z.string(), actions: z.array(z.enum(['reveal'])),
}).meta({ id: 'PreventionArrival' });
const Filters = z.object({
  enterpriseId: Uuid.optional(), regionCode: AreaCode.optional(), status: z.enum(ARRIVAL_STATUSES).optional(), originCode: AreaCode.optional(),
  from: Day.optional(), to: Day.optional(), late: z.enum(['true', 'false']).transform((v) => v === 'true').optional(), q: z.string().trim().max(64).optional(),
});
const ArrivalBody = z.object({
  enterpriseId: Uuid.optional(),
  name: z.string().trim().min(1).max(50),
  idCard: z.string().trim().min(15).max(18),
  phone: z.string().trim().regex(/^1\d{10}$/, 'an 11-digit mobile number').nullish(),
  personKind: z.enum(ARRIVAL_PERSON_KINDS),
  originCode: AreaCode,
  originName: z.string().trim().min(1).max(100),
  route: z.string().trim().min(1).max(500),
  purpose: z.string().trim().min(1).max(500),
  arrivalAt: z.iso.datetime({ offset: true }),
});
const AreaFilters = z.object({ active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(), level: z.enum(RISK_LEVELS).optional(), q: z.string().trim().max(64).optional() });
const RiskAreaSchema = z.object({ id: z.string(), code: z.string(), name: z.string(), level: z.enum(RISK_LEVELS), fromDay: z.string(), toDay: z.string().nullable(), createdBy: z.string().nullable(), createdAt: z.string(), actions: z.array(z.enum(['end', 'remove'])) }).meta({ id: 'PreventionRiskArea' });

/** Arrival reports (入豫报备) and the risk-area list that decides them. */
export function arrivalRoutes(arrivals: ArrivalService, areas: RiskAreaService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    const svc = arrivals.svc;

    async function views(session: SessionUser, rows: (ArrivalRow & { status: ArrivalStatus })[]) {
      const names = await svc.enterprises.names(svc.db, rows.map((x) => x.enterpriseId));
      const pii = session.role.permissions.includes('prevention.pii');
      return rows.map((x) => ({
        id: x.id, enterpriseId: x.enterpriseId, enterpriseName: names.get(x.enterpriseId) ?? '', regionCode: x.regionCode, regionName: svc.regions.name(x.regionCode),
        name: x.name, idCardMasked: x.idCardMasked, phoneMasked: x.phoneMasked, personKind: x.personKind, originCode: x.originCode, originName: x.originName, route: x.route, purpose: x.purpose,
        arrivalAt: x.arrivalAt.toISOString(), arrivalDay: x.arrivalDay, source: x.source, late: x.late, onRoster: x.employeeId !== null, decision: x.decision,
        healthCode: x.decision === 'quarantine' ? ('red' as const) : ('green' as const), riskAreaId: x.riskAreaId, quarantineUntil: iso(x.quarantineUntil), testDueAt: iso(x.testDueAt), status: x.status,
        reportedBy: x.reportedBy, reportedAt: x.reportedAt.toISOString(), decidedAt: x.decidedAt.toISOString(), actions: pii ? ['reveal' as const] : [],
      }));
    }
    function filters(scope: Scope, q: z.infer<typeof Filters>): ArrivalFilters {
      if (q.regionCode && !scopeCoversRegion(scope, q.regionCode)) throw errors.notFound('region');
      const { regionCode, ...rest } = q;
      return { ...rest, regionCodes: regionCode ? svc.regions.subtree(regionCode) : undefined };
    }
    function areaView(session: SessionUser, scope: Scope, x: RiskAreaRow) {
      const admin = mayEditRiskAreas(session.role.permissions, scope);
      return { ...x, createdAt: x.createdAt.toISOString(), actions: admin ? (['end', 'remove'] as const).slice() : [] };
    }

    r.get('/api/prevention/arrivals', { config: { permission: 'prevention.read' }, schema: { tags: ['prevention'], summary: '入豫报备 Arrival reports', querystring: Filters.extend(Paging), response: { 200: pageOf(ArrivalSchema), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope, session } = caller(req);
      const { page, pageSize, ...q } = req.query;
      const res = await arrivals.list(scope, filters(scope, q), page, pageSize);
      return { items: await views(session, res.items), total: res.total };
    });

    r.get('/api/prevention/arrivals/export', { config: { permission: 'prevention.read' }, schema: { tags: ['prevention'], summary: '导出入豫报备（脱敏，xlsx）Export arrival reports (masked)', querystring: Filters, response: { 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req, reply) => {
      const { scope, session } = caller(req);
      const res = await arrivals.list(scope, filters(scope, req.query), 1, 100_000);
      const en = req.lang === 'en-US';
      const status: Record<ArrivalStatus, string> = { quarantine: en ? 'In central quarantine' : '集中隔离中', released: en ? 'Quarantine ended' : '隔离期满', awaiting_test: en ? 'Awaiting test' : '待检测', tested: en ? 'Tested' : '已检测', overdue: en ? 'Test overdue' : '检测超时' };
      return sendXlsx(reply, en ? 'arrivals' : '入豫报备', en ? 'Arrivals' : '入豫报备', [
        { header: en ? 'Host enterprise' : '接待企业', width: 30, value: (v) => v.enterpriseName },
        { header: en ? 'Name' : '姓名', value: (v) => v.name },
        { header: en ? 'ID number' : '身份证号', width: 22, value: (v) => v.idCardMasked },
        { header: en ? 'Phone' : '手机号', value: (v) => v.phoneMasked ?? '' },
        { header: en ? 'Origin' : '来源地', value: (v) => `${v.originName}（${v.originCode}）` },
        { header: en ? 'Route' : '行程', width: 30, value: (v) => v.route },
        { header: en ? 'Arrival' : '抵达时间', width: 20, value: (v) => shanghaiTime(v.arrivalAt) },
        { header: en ? 'Purpose' : '事由', value: (v) => v.purpose },
        { header: en ? 'Code' : '赋码', value: (v) => (v.healthCode === 'red' ? (en ? 'Red' : '红码') : (en ? 'Green' : '绿码')) },
        { header: en ? 'Status' : '状态', value: (v) => status[v.status] },
        { header: en ? 'Late' : '补报', value: (v) => (v.late ? (en ? 'Yes' : '是') : '') },
      ], await views(session, res.items));
    });

    r.post('/api/prevention/arrivals', { config: { permission: 'prevention.report' }, schema: { tags: ['prevention'], summary: '提交入豫报备（工作人员登记：未报备人员）File an arrival report (staff: an unreported arrival found)', body: ArrivalBody, response: { 200: ArrivalSchema, 201: ArrivalSchema, 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req, reply) => {
      const { scope, session, actor } = caller(req);
      if (scope.kind === 'government' && !req.body.enterpriseId) throw errors.validation('body.enterpriseId', 'required for government callers');
      const { row, created } = await arrivals.file(scope, actor, { ...req.body, arrivalAt: new Date(req.body.arrivalAt) });
      const full = await arrivals.arrival(svc.db, scope, row.id);
      return reply.status(created ? 201 : 200).send((await views(session, [full]))[0]!);
    });

    r.get('/api/prevention/arrivals/:id', { config: { permission: 'prevention.read' }, schema: { tags: ['prevention'], summary: '入豫报备详情 An arrival report', params: z.object({ id: Uuid }), response: { 200: ArrivalSchema, 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope, session } = caller(req);
      return (await views(session, [await arrivals.arrival(svc.db, scope, req.params.id)]))[0]!;
    });

    r.post('/api/prevention/arrivals/:id/reveal', { config: { permission: 'prevention.pii' }, schema: { tags: ['prevention'], summary: '查看完整证件号与手机号（留痕）Reveal ID number and phone (audited)', params: z.object({ id: Uuid }), body: z.object({ purpose: z.string().trim().min(2).max(200) }), response: { 200: z.object({ idCard: z.string(), phone: z.string().nullable() }), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope, actor } = caller(req);
      return arrivals.reveal(scope, actor, req.params.id, req.body.purpose);
    });

    // The risk-area list is province-wide public information: every prevention reader sees all of it.
    r.get('/api/prevention/risk-areas', { config: { permission: 'prevention.read' }, schema: { tags: ['prevention'], summary: '风险地区 Risk areas', querystring: AreaFilters.extend(Paging), response: { 200: pageOf(RiskAreaSchema).extend({ mayEdit: z.boolean() }), 400: ErrorBody, ...auth } } }, async (req) => {
      const { session, scope } = caller(req);
      const { page, pageSize, ...f } = req.query;
      const res = await areas.list(f, page, pageSize);
      return { items: res.items.map((x) => areaView(session, scope, x)), total: res.total, mayEdit: mayEditRiskAreas(session.role.permissions, scope) };
    });

    r.get('/api/prevention/risk-areas/export', { config: { permission: 'prevention.read' }, schema: { tags: ['prevention'], summary: '导出风险地区（xlsx）Export the risk areas', querystring: AreaFilters, response: { 400: ErrorBody, ...auth } } }, async (req, reply) => {
      const res = await areas.list(req.query, 1, 100_000);
      const en = req.lang === 'en-US';
      const level = { medium: en ? 'Medium risk' : '中风险', high: en ? 'High risk' : '高风险', static: en ? 'Static management' : '静态管理区域' } as const;
      return sendXlsx(reply, en ? 'risk-areas' : '风险地区', en ? 'Risk areas' : '风险地区', [
        { header: en ? 'Division code' : '区划代码', value: (v) => v.code },
        { header: en ? 'Area' : '地区名称', width: 30, value: (v) => v.name },
        { header: en ? 'Level' : '风险等级', value: (v) => level[v.level] },
        { header: en ? 'From' : '起始日期', value: (v) => v.fromDay },
        { header: en ? 'Ended' : '解除日期', value: (v) => v.toDay ?? (en ? 'Ongoing' : '持续中') },
      ], res.items);
    });

    r.post('/api/prevention/risk-areas', { config: { permission: 'prevention.admin' }, schema: { tags: ['prevention'], summary: '新增风险地区（重新判定入豫人员）Add a risk area (arrivals decided again)', body: z.object({ code: AreaCode, name: z.string().trim().min(1).max(100), level: z.enum(RISK_LEVELS), fromDay: Day, toDay: Day.nullish() }), response: { 201: RiskAreaSchema.extend({ redecided: z.number() }), 400: ErrorBody, ...auth } } }, async (req, reply) => {
      const { session, scope, actor } = caller(req);
      if (!mayEditRiskAreas(session.role.permissions, scope)) throw errors.forbidden();
      const { row, redecided } = await areas.create(actor, req.body);
      return reply.status(201).send({ ...areaView(session, scope, row), redecided });
    });

    r.post('/api/prevention/risk-areas/:id/end', { config: { permission: 'prevention.admin' }, schema: { tags: ['prevention'], summary: '解除风险地区 End a risk area', params: z.object({ id: Uuid }), response: { 200: RiskAreaSchema.extend({ redecided: z.number() }), 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, ...auth } } }, async (req) => {
      const { session, scope, actor } = caller(req);
      if (!mayEditRiskAreas(session.role.permissions, scope)) throw errors.forbidden();
      const { row, redecided } = await areas.end(actor, req.params.id);
      return { ...areaView(session, scope, row), redecided };
    });

    r.delete('/api/prevention/risk-areas/:id', { config: { permission: 'prevention.admin' }, schema: { tags: ['prevention'], summary: '删除误录的风险地区 Remove a risk area entered by mistake', params: z.object({ id: Uuid }), response: { 200: z.object({ redecided: z.number() }), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { session, scope, actor } = caller(req);
      if (!mayEditRiskAreas(session.role.permissions, scope)) throw errors.forbidden();
      return { redecided: await areas.remove(actor, req.params.id) };
    });
  };
}
