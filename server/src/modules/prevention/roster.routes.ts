import { z } from 'zod';
import { and, asc, count, eq, ilike, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { caller, typed } from '../../platform/http.js';
import { containsPattern, ErrorBody, pageOf, Paging, Uuid } from '../../platform/schemas.js';
import { errors } from '../../platform/errors.js';
import { sendXlsx, shanghaiTime } from '../../platform/excel.js';
import { scopeWhere, type Scope } from '../../platform/scope.js';
import type { SessionUser } from '../../platform/auth/service.js';
import { complianceSql, statusFilter } from './compliance.js';
import { importRoster, rosterTemplate } from './roster-import.js';
import { COMPLIANCE_STATUSES, loadRules, type RulePack } from './rules.js';
import type { EmployeeRow, PreventionService } from './service.js';
import { sendDownload } from './download.js';
import { EMPLOYEE_STATUSES, POST_KINDS, preventionEmergencyRegions, preventionEmployees, preventionUnits, UNIT_KINDS } from './tables.js';
import { EmployeeSchema, employeeView } from './views.js';

const auth = { 401: ErrorBody, 403: ErrorBody };
const Id = z.object({ id: Uuid });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const UnitSchema = z.object({ id: z.string(), enterpriseId: z.string(), regionCode: z.string(), name: z.string(), kind: z.enum(UNIT_KINDS), isolated: z.boolean() }).meta({ id: 'PreventionUnit' });
const Filters = z.object({
  q: z.string().trim().max(64).optional(),
  enterpriseId: Uuid.optional(),
  unitId: Uuid.optional(),
  postKind: z.enum(POST_KINDS).optional(),
  status: z.enum(EMPLOYEE_STATUSES).optional(),
  compliance: z.enum(COMPLIANCE_STATUSES).optional(),
});
const Phone = z.string().trim().regex(/^1\d{10}$/, 'an 11-digit mobile number');
const EmployeeBody = z.object({
  enterpriseId: Uuid.optional(),
  name: z.string().trim().min(1).max(50),
  idCard: z.string().trim().min(15).max(18),
  phone: Phone.nullish(),
  post: z.string().trim().min(1).max(50),
  postKind: z.enum(POST_KINDS),
  unitId: Uuid.nullish(),
  dormitory: z.string().trim().max(100).nullish(),
  status: z.enum(EMPLOYEE_STATUSES).optional(),
});
const ImportReport = z.object({ rows: z.number(), created: z.number(), existing: z.number(), unitsCreated: z.number(), rejected: z.array(z.object({ row: z.number(), reason: z.string() })) });

/** Employees of the caller's scope with their compliance, as the list, the export and the detail show them. */
export async function employeeViews(svc: PreventionService, session: SessionUser, rules: RulePack, rows: EmployeeRow[]) {
  const [ents, units, emergency] = await Promise.all([
    svc.enterprises.names(svc.db, rows.map((r) => r.enterpriseId)),
    svc.unitNames(svc.db, rows.flatMap((r) => (r.unitId ? [r.unitId] : []))),
    svc.db.select({ code: preventionEmergencyRegions.regionCode }).from(preventionEmergencyRegions),
  ]);
  const em = new Set(emergency.map((x) => x.code));
  return rows.map((r) => employeeView(rules, session, r, { enterpriseName: ents.get(r.enterpriseId) ?? '', regionName: svc.regions.name(r.regionCode), unitName: r.unitId ? (units.get(r.unitId) ?? null) : null, regionInEmergency: em.has(r.regionCode) }));
}

/** Roster: closed-loop units and employees, import, masked lists and the audited unmasked view. */
export function rosterRoutes(svc: PreventionService) {
  return async (app: FastifyInstance) => {
    await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
    const r = typed(app);

    async function where(scope: Scope, f: z.infer<typeof Filters>, rules: RulePack): Promise<SQL> {
      if (f.enterpriseId) await svc.enterprises.find(svc.db, scope, f.enterpriseId);
      const c = complianceSql(rules, new Date());
      return scopeWhere(scope, preventionEmployees, and(
        f.enterpriseId ? eq(preventionEmployees.enterpriseId, f.enterpriseId) : undefined,
        f.unitId ? eq(preventionEmployees.unitId, f.unitId) : undefined,
        f.postKind ? eq(preventionEmployees.postKind, f.postKind) : undefined,
        f.status ? eq(preventionEmployees.status, f.status) : undefined,
        f.compliance ? and(eq(preventionEmployees.status, 'active'), statusFilter(c, f.compliance)) : undefined,
        f.q ? ilike(preventionEmployees.name, containsPattern(f.q)) : undefined,
      ));
    }

    r.get('/api/prevention/units', { config: { permission: 'prevention.read' }, schema: { tags: ['prevention'], summary: '闭环单元 Closed-loop units', querystring: z.object({ enterpriseId: Uuid.optional() }), response: { 200: z.array(UnitSchema), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope } = caller(req);
      if (req.query.enterpriseId) await svc.enterprises.find(svc.db, scope, req.query.enterpriseId);
      return svc.units(svc.db, scope, req.query.enterpriseId ? eq(preventionUnits.enterpriseId, req.query.enterpriseId) : undefined);
    });

    r.post('/api/prevention/units', { config: { permission: 'prevention.roster' }, schema: { tags: ['prevention'], summary: '新建闭环单元 Create a closed-loop unit', body: z.object({ enterpriseId: Uuid.optional(), name: z.string().trim().min(1).max(50), kind: z.enum(UNIT_KINDS).default('workshop') }), response: { 201: UnitSchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, ...auth } } }, async (req, reply) => {
      const { scope, actor } = caller(req);
      return reply.status(201).send(await svc.createUnit(scope, actor, req.body));
    });

    r.get('/api/prevention/employees', { config: { permission: 'prevention.read' }, schema: { tags: ['prevention'], summary: '员工名册（脱敏）Employee roster (masked)', querystring: Filters.extend(Paging), response: { 200: pageOf(EmployeeSchema), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope, session } = caller(req);
      const { page, pageSize, ...f } = req.query;
      const rules = await loadRules(svc.db);
      const w = await where(scope, f, rules);
      const base = svc.db.select({ e: preventionEmployees }).from(preventionEmployees).leftJoin(preventionEmergencyRegions, eq(preventionEmergencyRegions.regionCode, preventionEmployees.regionCode));
      const [rows, total] = await Promise.all([
        base.where(w).orderBy(asc(preventionEmployees.enterpriseId), asc(preventionEmployees.name), asc(preventionEmployees.id)).limit(pageSize).offset((page - 1) * pageSize),
        svc.db.select({ n: count() }).from(preventionEmployees).leftJoin(preventionEmergencyRegions, eq(preventionEmergencyRegions.regionCode, preventionEmployees.regionCode)).where(w),
      ]);
      return { items: await employeeViews(svc, session, rules, rows.map((x) => x.e)), total: total[0]?.n ?? 0 };
    });

    r.get('/api/prevention/employees/export', { config: { permission: 'prevention.read' }, schema: { tags: ['prevention'], summary: '导出名册（脱敏，xlsx）Export the roster (masked)', querystring: Filters, response: { 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req, reply) => {
      const { scope, session } = caller(req);
      const rules = await loadRules(svc.db);
      const rows = await svc.db.select({ e: preventionEmployees }).from(preventionEmployees).leftJoin(preventionEmergencyRegions, eq(preventionEmergencyRegions.regionCode, preventionEmployees.regionCode)).where(await where(scope, req.query, rules)).orderBy(asc(preventionEmployees.enterpriseId), asc(preventionEmployees.name)).limit(100_000);
      const views = await employeeViews(svc, session, rules, rows.map((x) => x.e));
      const en = req.lang === 'en-US';
      const label = { compliant: en ? 'Compliant' : '合规', due_soon: en ? 'Due soon' : '即将到期', overdue: en ? 'Overdue' : '超期' } as const;
      return sendXlsx(reply, en ? 'roster' : '员工名册', en ? 'Roster' : '员工名册', [
        { header: en ? 'Enterprise' : '企业', width: 30, value: (v) => v.enterpriseName },
        { header: en ? 'Region' : '地区', value: (v) => v.regionName },
        { header: en ? 'Name' : '姓名', value: (v) => v.name },
        { header: en ? 'ID number' : '身份证号', width: 22, value: (v) => v.idCardMasked },
        { header: en ? 'Phone' : '手机号', value: (v) => v.phoneMasked ?? '' },
        { header: en ? 'Post' : '岗位', value: (v) => v.post },
        { header: en ? 'Unit' : '闭环单元', value: (v) => v.unitName ?? '' },
        { header: en ? 'Last negative' : '最近阴性采样', width: 20, value: (v) => shanghaiTime(v.lastNegativeAt) },
        { header: en ? 'Compliance' : '核酸合规', value: (v) => label[v.compliance] },
      ], views);
    });

    r.get('/api/prevention/employees/template', { config: { permission: 'prevention.roster' }, schema: { tags: ['prevention'], summary: '名册导入模板 Roster import template (xlsx)', response: { ...auth } } }, async (_req, reply) => {
      return sendDownload(reply, XLSX, '员工名册模板.xlsx', await rosterTemplate());
    });

    r.post('/api/prevention/employees', { config: { permission: 'prevention.roster' }, schema: { tags: ['prevention'], summary: '登记员工 Add an employee', body: EmployeeBody, response: { 201: EmployeeSchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, ...auth } } }, async (req, reply) => {
      const { scope, session, actor } = caller(req);
      const { enterpriseId, ...input } = req.body;
      const row = await svc.createEmployee(scope, actor, enterpriseId, input);
      return reply.status(201).send((await employeeViews(svc, session, await loadRules(svc.db), [row]))[0]!);
    });

    r.patch('/api/prevention/employees/:id', { config: { permission: 'prevention.roster' }, schema: { tags: ['prevention'], summary: '修改员工信息 Update an employee', params: Id, body: EmployeeBody.pick({ post: true, postKind: true, unitId: true, dormitory: true, status: true, phone: true }).partial(), response: { 200: EmployeeSchema, 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope, session, actor } = caller(req);
      const row = await svc.updateEmployee(scope, actor, req.params.id, req.body);
      return (await employeeViews(svc, session, await loadRules(svc.db), [row]))[0]!;
    });

    r.post('/api/prevention/employees/:id/reveal', { config: { permission: 'prevention.pii' }, schema: { tags: ['prevention'], summary: '查看完整证件号与手机号（留痕）Reveal ID number and phone (audited)', params: Id, body: z.object({ purpose: z.string().trim().min(2).max(200) }), response: { 200: z.object({ idCard: z.string(), phone: z.string().nullable() }), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope, actor } = caller(req);
      return svc.reveal(scope, actor, req.params.id, req.body.purpose);
    });

    r.post('/api/prevention/employees/import', { config: { permission: 'prevention.roster' }, schema: { tags: ['prevention'], summary: '导入员工名册 Import a roster (xlsx, multipart field "file")', consumes: ['multipart/form-data'], querystring: z.object({ enterpriseId: Uuid.optional() }), response: { 200: ImportReport, 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope, actor } = caller(req);
      if (!req.isMultipart()) throw errors.validation('body.file', 'upload an .xlsx file as multipart form data');
      if (scope.kind === 'government' && !req.query.enterpriseId) throw errors.validation('query.enterpriseId', 'required for government callers');
      const file = await req.file();
      if (!file) throw errors.validation('body.file', 'no file');
      const buf = await file.toBuffer();
      try {
        return await importRoster(svc, scope, actor, req.query.enterpriseId, buf);
      } catch (err) {
        if (err instanceof Error && !('statusCode' in err)) throw errors.validation('body.file', 'not a readable .xlsx file');
        throw err;
      }
    });
  };
}

