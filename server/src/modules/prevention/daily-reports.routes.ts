import { z } from 'zod';
import { inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { SessionUser } from '../../platform/auth/service.js';
import { errors } from '../../platform/errors.js';
import { sendXlsx, shanghaiTime } from '../../platform/excel.js';
import { caller, typed } from '../../platform/http.js';
import { ErrorBody, pageOf, Paging, Uuid } from '../../platform/schemas.js';
import { scopeCoversRegion, type Scope } from '../../platform/scope.js';
import { BOARD_STATUSES, shanghaiDay, type BoardRow, type DailyReportRow, type DailyReportService } from './daily-reports.js';
import { HEALTH_MEASURES, SYMPTOMS } from './reports.tables.js';
import { preventionEmployees } from './tables.js';

const auth = { 401: ErrorBody, 403: ErrorBody };
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const Count = z.number().int().min(0).max(1_000_000);
const ReportSchema = z.object({
  id: z.string(), enterpriseId: z.string(), enterpriseName: z.string(), regionCode: z.string(), regionName: z.string(), day: z.string(),
  zero: z.boolean(), onSite: z.number(), symptomatic: z.number(), isolated: z.number(), observation: z.number(), hasNote: z.boolean(),
  filedBy: z.string().nullable(), filedAt: z.string(), late: z.boolean(),
}).meta({ id: 'PreventionDailyReport' });
const PersonSchema = z.object({ id: z.string(), employeeId: z.string(), name: z.string(), idCardMasked: z.string(), post: z.string(), measure: z.enum(HEALTH_MEASURES) });
const DetailSchema = ReportSchema.extend({ persons: z.array(PersonSchema), actions: z.array(z.enum(['reveal'])) }).meta({ id: 'PreventionDailyReportDetail' });
const BoardItem = z.object({ enterpriseId: z.string(), enterpriseName: z.string(), regionCode: z.string(), regionName: z.string(), status: z.enum(BOARD_STATUSES), report: ReportSchema.nullable() });
const Tally = z.object({ expected: z.number(), reported: z.number(), zero: z.number(), missing: z.number() });
const BoardQuery = z.object({ day: Day.optional(), regionCode: z.string().regex(/^\d{6}$/, 'a 6-digit region code').optional(), status: z.enum(BOARD_STATUSES).optional(), q: z.string().trim().max(64).optional() });
const FileBody = z.object({
  enterpriseId: Uuid.optional(),
  zero: z.boolean(),
  day: Day.optional(),
  onSite: Count.optional(),
  symptomatic: Count.optional(),
  isolated: Count.optional(),
  observation: Count.optional(),
  note: z.string().trim().max(2000).nullish(),
  persons: z.array(z.object({ employeeId: Uuid, symptoms: z.array(z.enum(SYMPTOMS)).min(1), detail: z.string().trim().max(500).nullish(), measure: z.enum(HEALTH_MEASURES) })).max(500).optional(),
});

/** Daily health reports (日报告) with the zero report (零报告), and who has (not) reported per region. */
export function dailyReportRoutes(reports: DailyReportService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    const svc = reports.svc;

    async function views(rows: DailyReportRow[]) {
      const names = await svc.enterprises.names(svc.db, rows.map((x) => x.enterpriseId));
      return rows.map((x) => ({
        id: x.id, enterpriseId: x.enterpriseId, enterpriseName: names.get(x.enterpriseId) ?? '', regionCode: x.regionCode, regionName: svc.regions.name(x.regionCode), day: x.day,
        zero: x.zero, onSite: x.onSite, symptomatic: x.symptomatic, isolated: x.isolated, observation: x.observation, hasNote: x.noteEnc !== null, filedBy: x.filedBy, filedAt: x.filedAt.toISOString(), late: x.day < shanghaiDay(x.filedAt),
      }));
    }
    async function detail(session: SessionUser, row: DailyReportRow) {
      const persons = await reports.persons(svc.db, [row.id]);
      const people = persons.length ? await svc.db.select().from(preventionEmployees).where(inArray(preventionEmployees.id, persons.map((p) => p.employeeId))) : [];
      const byId = new Map(people.map((p) => [p.id, p]));
      return {
        ...(await views([row]))[0]!,
        persons: persons.map((p) => ({ id: p.id, employeeId: p.employeeId, name: byId.get(p.employeeId)?.name ?? '', idCardMasked: byId.get(p.employeeId)?.idCardMasked ?? '', post: byId.get(p.employeeId)?.post ?? '', measure: p.measure })),
        actions: session.role.permissions.includes('prevention.pii') ? (['reveal'] as const).slice() : [],
      };
    }
    async function board(scope: Scope, q: z.infer<typeof BoardQuery>) {
      if (q.regionCode && !scopeCoversRegion(scope, q.regionCode)) throw errors.notFound('region');
      const day = q.day ?? shanghaiDay(new Date());
      const rows = await reports.board(scope, day, q.regionCode ? svc.regions.subtree(q.regionCode) : null);
      const tally = (xs: BoardRow[]) => ({ expected: xs.length, reported: xs.filter((x) => x.status === 'reported').length, zero: xs.filter((x) => x.status === 'zero').length, missing: xs.filter((x) => x.status === 'missing').length });
      const regions = [...new Set(rows.map((x) => x.regionCode))].map((code) => ({ regionCode: code, regionName: svc.regions.name(code), ...tally(rows.filter((x) => x.regionCode === code)) }));
      const shown = rows.filter((x) => (!q.status || x.status === q.status) && (!q.q || x.enterpriseName.includes(q.q)));
      return { day, rows: shown, regions, totals: tally(rows) };
    }
    async function boardItems(rows: BoardRow[]) {
      const reps = await views(rows.flatMap((x) => (x.report ? [x.report] : [])));
      const byEnt = new Map(reps.map((x) => [x.enterpriseId, x]));
      return rows.map((x) => ({ enterpriseId: x.enterpriseId, enterpriseName: x.enterpriseName, regionCode: x.regionCode, regionName: svc.regions.name(x.regionCode), status: x.status, report: byEnt.get(x.enterpriseId) ?? null }));
    }

    r.get('/api/prevention/daily-reports/today', { config: { permission: 'prevention.read' }, schema: { tags: ['prevention'], summary: '本企业今日健康报告 Today’s daily health report of an enterprise', querystring: z.object({ enterpriseId: Uuid.optional() }), response: { 200: z.object({ day: z.string(), deadlineHour: z.number(), enterpriseId: z.string(), enterpriseName: z.string(), onRoster: z.number(), report: DetailSchema.nullable(), actions: z.array(z.enum(['file'])) }), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope, session } = caller(req);
      if (scope.kind === 'government' && !req.query.enterpriseId) throw errors.validation('query.enterpriseId', 'required for government callers');
      const t = await reports.today(scope, req.query.enterpriseId);
      return {
        day: t.day, deadlineHour: t.deadlineHour, enterpriseId: t.enterprise.id, enterpriseName: t.enterprise.name, onRoster: t.onRoster,
        report: t.report ? await detail(session, t.report) : null,
        actions: session.role.permissions.includes('prevention.report') ? (['file'] as const).slice() : [],
      };
    });

    r.post('/api/prevention/daily-reports', { config: { permission: 'prevention.report' }, schema: { tags: ['prevention'], summary: '填报今日（或补报近几日）健康报告或零报告（同日再报即更新）File today’s daily or zero report, or a missed one late (again the same day replaces it)', body: FileBody, response: { 200: DetailSchema, 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope, session, actor } = caller(req);
      if (scope.kind === 'government' && !req.body.enterpriseId) throw errors.validation('body.enterpriseId', 'required for government callers');
      return detail(session, await reports.file(scope, actor, req.body));
    });

    r.get('/api/prevention/daily-reports', { config: { permission: 'prevention.read' }, schema: { tags: ['prevention'], summary: '已报健康报告 Filed daily reports', querystring: z.object({ enterpriseId: Uuid.optional(), from: Day.optional(), to: Day.optional(), zero: z.enum(['true', 'false']).transform((v) => v === 'true').optional() }).extend(Paging), response: { 200: pageOf(ReportSchema), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope } = caller(req);
      const { page, pageSize, ...f } = req.query;
      const res = await reports.history(scope, f, page, pageSize);
      return { items: await views(res.items), total: res.total };
    });

    r.get('/api/prevention/daily-reports/board', { config: { permission: 'prevention.read' }, schema: { tags: ['prevention'], summary: '各地日报告情况（已报、零报告、未报）Who has reported, per region', querystring: BoardQuery.extend(Paging), response: { 200: z.object({ day: z.string(), items: z.array(BoardItem), total: z.number(), regions: z.array(Tally.extend({ regionCode: z.string(), regionName: z.string() })), totals: Tally }), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope } = caller(req);
      const { page, pageSize, ...q } = req.query;
      const b = await board(scope, q);
      return { day: b.day, items: await boardItems(b.rows.slice((page - 1) * pageSize, page * pageSize)), total: b.rows.length, regions: b.regions, totals: b.totals };
    });

    r.get('/api/prevention/daily-reports/board/export', { config: { permission: 'prevention.read' }, schema: { tags: ['prevention'], summary: '导出日报告情况（xlsx）Export who has reported', querystring: BoardQuery, response: { 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req, reply) => {
      const { scope } = caller(req);
      const b = await board(scope, req.query);
      const items = await boardItems(b.rows);
      const en = req.lang === 'en-US';
      const label = { reported: en ? 'Reported' : '已报告', zero: en ? 'Zero report' : '零报告', missing: en ? 'Missing' : '未报告' } as const;
      return sendXlsx(reply, en ? `daily-reports-${b.day}` : `健康日报告-${b.day}`, en ? 'Daily reports' : '健康日报告', [
        { header: en ? 'Region' : '地区', value: (v) => v.regionName },
        { header: en ? 'Enterprise' : '企业', width: 32, value: (v) => v.enterpriseName },
        { header: en ? 'Status' : '状态', value: (v) => label[v.status] },
        { header: en ? 'On site' : '在岗人数', value: (v) => v.report?.onSite ?? '' },
        { header: en ? 'Abnormal' : '异常人数', value: (v) => v.report?.symptomatic ?? '' },
        { header: en ? 'Isolated' : '隔离人数', value: (v) => v.report?.isolated ?? '' },
        { header: en ? 'Under observation' : '观察人数', value: (v) => v.report?.observation ?? '' },
        { header: en ? 'Filed at' : '填报时间', width: 20, value: (v) => (v.report ? shanghaiTime(v.report.filedAt) : '') },
      ], items);
    });

    r.get('/api/prevention/daily-reports/:id', { config: { permission: 'prevention.read' }, schema: { tags: ['prevention'], summary: '健康报告详情（健康信息加密）A daily report (health details hidden)', params: z.object({ id: Uuid }), response: { 200: DetailSchema, 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope, session } = caller(req);
      return detail(session, await reports.report(svc.db, scope, req.params.id));
    });

    r.post('/api/prevention/daily-reports/:id/reveal', { config: { permission: 'prevention.pii' }, schema: { tags: ['prevention'], summary: '查看健康详情（留痕）Reveal the health details (audited)', params: z.object({ id: Uuid }), body: z.object({ purpose: z.string().trim().min(2).max(200) }), response: { 200: z.object({ note: z.string().nullable(), persons: z.array(z.object({ id: z.string(), employeeId: z.string(), symptoms: z.array(z.enum(SYMPTOMS)), detail: z.string().nullable() })) }), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope, actor } = caller(req);
      return reports.reveal(scope, actor, req.params.id, req.body.purpose);
    });
  };
}
