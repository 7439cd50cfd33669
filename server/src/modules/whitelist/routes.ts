import { z } from 'zod';
import { and, asc, count, desc, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { caller, typed } from '../../platform/http.js';
import { ErrorBody, pageOf, Paging, Uuid } from '../../platform/schemas.js';
import { errors } from '../../platform/errors.js';
import { recordAudit, type AuditActor } from '../../platform/audit/service.js';
import { sendXlsx } from '../../platform/excel.js';
import { maskPhone } from '../../platform/crypto.js';
import { scopeCoversRegion, scopeWhere, type Scope } from '../../platform/scope.js';
import { listLinks, profileVersions, updateProfile } from './profile.js';
import { recordStep } from './history.js';
import type { WhitelistService } from './service.js';
import { enterprises, LISTING_STATUSES, SERVICE_TIERS, TAX_CREDIT_RATINGS, spotChecks, whitelistApplications, whitelistHistory, APPLICATION_STATUSES } from './tables.js';
import { ApplicationSchema, applicationView, DateText, EnterpriseSchema, enterpriseView, RegionCode, SectorEnum } from './views.js';
import { HistorySchema, LinkSchema, VersionSchema } from './enterprise.routes.js';

const auth = { 401: ErrorBody, 403: ErrorBody };
const Filters = z.object({
  q: z.string().trim().max(64).optional(),
  regionCode: RegionCode.optional(),
  sector: SectorEnum.optional(),
  listingStatus: z.enum(LISTING_STATUSES).optional(),
  serviceTier: z.enum(SERVICE_TIERS).optional(),
});
const SpotCheckSchema = z.object({ id: z.string(), checkedOn: z.string(), checker: z.string(), findings: z.string(), passed: z.boolean(), recordedBy: z.string().nullable() });
const Id = z.object({ id: Uuid });

/** A CSV download (UTF-8 with BOM, so Excel opens Chinese text correctly). */
function sendCsv(reply: FastifyReply, fileName: string, lines: string[][]) {
  const esc = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const body = '\ufeff' + lines.map((line) => line.map(esc).join(',')).join('\r\n');
  return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}.csv`).send(body);
}

/** The department's whitelist: enterprises, review queue, dynamic adjustment. */
/** Who is on the code-protection list: the staff roster is the prevention module's (app.ts wires it). */
export interface CodeProtectionRoster {
  persons(scope: Scope, actor: AuditActor, enterpriseIds: string[], clear: boolean): Promise<{ enterpriseId: string; name: string; post: string; postKind: string; idCard: string; phone: string }[]>;
}
/** The permission that shows ID numbers and phones in clear (granted with the roster's). */
const PII_PERMISSION = 'prevention.pii';
const POST_KIND_LABEL: Record<string, string> = { regular: '企业员工', mobile_contact: '物流及流动岗位人员', city_supply: '城市保供人员' };

export function whitelistRoutes(svc: WhitelistService, roster?: CodeProtectionRoster) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    const { ctx } = app;

    function where(scope: Scope, f: z.infer<typeof Filters>): SQL {
      if (f.regionCode && !scopeCoversRegion(scope, f.regionCode)) throw errors.notFound('region');
      const conds: (SQL | undefined)[] = [
        f.regionCode ? inArray(enterprises.regionCode, svc.regions.subtree(f.regionCode)) : undefined,
        f.sector ? eq(enterprises.sector, f.sector) : undefined,
        f.listingStatus ? eq(enterprises.listingStatus, f.listingStatus) : undefined,
        f.serviceTier ? eq(enterprises.serviceTier, f.serviceTier) : undefined,
        f.q ? or(ilike(enterprises.name, `%${f.q}%`), eq(enterprises.uscc, f.q.toUpperCase())) : undefined,
      ];
      return scopeWhere(scope, enterprises, and(...conds));
    }

    r.get('/api/whitelist/enterprises', { config: { permission: 'whitelist.read' }, schema: { tags: ['whitelist'], summary: '白名单企业 Enterprises and their whitelist status', querystring: Filters.extend(Paging), response: { 200: pageOf(EnterpriseSchema), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope, session } = caller(req);
      const { page, pageSize, ...f } = req.query;
      const w = where(scope, f);
      const [rows, total] = await Promise.all([
        svc.db.select().from(enterprises).where(w).orderBy(asc(enterprises.regionCode), asc(enterprises.name)).limit(pageSize).offset((page - 1) * pageSize),
        svc.db.select({ n: count() }).from(enterprises).where(w),
      ]);
      const apps = await svc.latestApplications(svc.db, rows.map((x) => x.id));
      return { items: rows.map((e) => enterpriseView(svc.regions, ctx.crypto, session, e, apps.get(e.id))), total: total[0]?.n ?? 0 };
    });

    r.get('/api/whitelist/enterprises/export', { config: { permission: 'whitelist.read' }, schema: { tags: ['whitelist'], summary: '导出白名单 Export (xlsx)', querystring: Filters, response: { 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req, reply) => {
      const { scope } = caller(req);
      const rows = await svc.db.select().from(enterprises).where(where(scope, req.query)).orderBy(asc(enterprises.regionCode), asc(enterprises.name)).limit(100_000);
      const en = req.lang === 'en-US';
      return sendXlsx(reply, en ? 'whitelist' : '白名单企业', en ? 'Whitelist' : '白名单', [
        { header: en ? 'Credit code' : '统一社会信用代码', value: (e) => e.uscc },
        { header: en ? 'Name' : '企业(项目)名称', width: 36, value: (e) => e.name },
        { header: en ? 'Region' : '地区', value: (e) => svc.regions.name(e.regionCode) },
        { header: en ? 'Sector' : '行业', value: (e) => e.sector },
        { header: en ? 'Status' : '状态', value: (e) => e.listingStatus },
        { header: en ? 'Service tier' : '保障层级', value: (e) => e.serviceTier ?? '' },
        { header: en ? 'Output value (10k yuan)' : '总产值(投资额,万元)', value: (e) => e.outputValueFen / 1e6 },
        { header: en ? 'Employees' : '用工人数', value: (e) => e.employees },
      ], rows);
    });

    r.get('/api/whitelist/enterprises/:id', {
      config: { permission: 'whitelist.read' },
      schema: { tags: ['whitelist'], summary: '企业详情与历史 Enterprise detail and history', params: Id, response: { 200: z.object({ enterprise: EnterpriseSchema, application: ApplicationSchema.nullable(), history: z.array(HistorySchema), spotChecks: z.array(SpotCheckSchema), links: z.array(LinkSchema), versions: z.array(VersionSchema) }), 400: ErrorBody, 404: ErrorBody, ...auth } },
    }, async (req) => {
      const { scope, session } = caller(req);
      const ent = await svc.enterprise(svc.db, scope, req.params.id);
      const [app0, history, checks, links, versions] = await Promise.all([
        svc.applicationOf(svc.db, ent.id),
        svc.db.select().from(whitelistHistory).where(scopeWhere(scope, whitelistHistory, eq(whitelistHistory.enterpriseId, ent.id))).orderBy(desc(whitelistHistory.at)),
        svc.db.select().from(spotChecks).where(scopeWhere(scope, spotChecks, eq(spotChecks.enterpriseId, ent.id))).orderBy(desc(spotChecks.checkedOn)),
        listLinks(svc.db, scope, ent.id),
        profileVersions(svc.db, scope, ent.id),
      ]);
      return {
        enterprise: enterpriseView(svc.regions, ctx.crypto, session, ent, app0),
        application: app0 ? applicationView(svc.regions, session, app0, ent) : null,
        history: history.map((h) => ({ ...h, at: h.at.toISOString() })),
        spotChecks: checks,
        links,
        versions: versions.map((v) => ({ version: v.version, changes: v.changes, changedBy: v.changedBy, at: v.at.toISOString() })),
      };
    });

    for (const action of ['remove', 'suspend', 'resume', 'readmit'] as const) {
      r.post(`/api/whitelist/enterprises/:id/${action}`, {
        config: { permission: 'whitelist.remove' },
        schema: { tags: ['whitelist'], summary: { remove: '移出白名单（熔断）Remove', suspend: '停产待省级会商 Suspend (shutdown pending consultation)', resume: '恢复 Resume', readmit: '重新纳入 Re-admit' }[action], params: Id, body: z.object({ reason: z.string().trim().min(1).max(2000), evidence: z.string().trim().max(4000).nullish(), decision: z.string().trim().max(2000).nullish() }), response: { 200: EnterpriseSchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, ...auth } },
      }, async (req) => {
        const { scope, session, actor } = caller(req);
        const ent = await svc.adjust(scope, actor, req.params.id, action, req.body);
        return enterpriseView(svc.regions, ctx.crypto, session, ent, await svc.applicationOf(svc.db, ent.id));
      });
    }

    r.post('/api/whitelist/enterprises/:id/spot-checks', {
      config: { permission: 'whitelist.review' },
      schema: { tags: ['whitelist'], summary: '抽查记录 Record a spot check', params: Id, body: z.object({ checkedOn: DateText, checker: z.string().trim().min(1).max(100), findings: z.string().trim().min(1).max(4000), passed: z.boolean() }), response: { 201: SpotCheckSchema, 400: ErrorBody, 404: ErrorBody, ...auth } },
    }, async (req, reply) => {
      const { scope, actor } = caller(req);
      const row = await svc.db.transaction(async (tx) => {
        const ent = await svc.enterprise(tx, scope, req.params.id);
        const [c] = await tx.insert(spotChecks).values({ ...req.body, enterpriseId: ent.id, regionCode: ent.regionCode, sector: ent.sector, recordedBy: actor.name }).returning();
        await recordStep(tx, actor, ent, { event: 'spot_check', note: req.body.findings, detail: { checker: req.body.checker, passed: req.body.passed, checkedOn: req.body.checkedOn } });
        return c!;
      });
      return reply.status(201).send(row);
    });

    r.put('/api/whitelist/enterprises/:id/tier', {
      config: { permission: 'whitelist.review' },
      schema: { tags: ['whitelist'], summary: '分级保障层级 Set the service tier', params: Id, body: z.object({ serviceTier: z.enum(SERVICE_TIERS).nullable() }), response: { 200: EnterpriseSchema, 400: ErrorBody, 404: ErrorBody, ...auth } },
    }, async (req) => {
      const { scope, session, actor } = caller(req);
      const row = await svc.db.transaction(async (tx) => {
        const ent = await svc.enterprise(tx, scope, req.params.id, true);
        const [u] = await tx.update(enterprises).set({ serviceTier: req.body.serviceTier, updatedAt: new Date() }).where(eq(enterprises.id, ent.id)).returning();
        await recordStep(tx, actor, ent, { event: 'tier.change', from: ent.serviceTier, to: req.body.serviceTier });
        return u!;
      });
      return enterpriseView(svc.regions, ctx.crypto, session, row, await svc.applicationOf(svc.db, row.id));
    });

    // Tax status comes from the tax bureau: set by import or by the department that imports it,
    // versioned like any profile change (and re-matched against the policies).
    r.put('/api/whitelist/enterprises/:id/tax-status', {
      config: { permission: 'whitelist.import' },
      schema: { tags: ['whitelist'], summary: '登记纳税信用等级与欠税情况（税务部门数据）Set the tax credit rating and arrears', params: Id, body: z.object({ taxCreditRating: z.enum(TAX_CREDIT_RATINGS).nullable(), taxArrears: z.boolean() }), response: { 200: EnterpriseSchema, 400: ErrorBody, 404: ErrorBody, ...auth } },
    }, async (req) => {
      const { scope, session, actor } = caller(req);
      const row = await updateProfile(svc, ctx.crypto, scope, actor, req.params.id, req.body);
      return enterpriseView(svc.regions, ctx.crypto, session, row, await svc.applicationOf(svc.db, row.id));
    });

    r.get('/api/whitelist/applications', {
      config: { permission: 'whitelist.read' },
      schema: { tags: ['whitelist'], summary: '申报审核队列 Review queue (priority first)', querystring: z.object({ status: z.enum(APPLICATION_STATUSES).optional(), regionCode: RegionCode.optional(), sector: SectorEnum.optional() }).extend(Paging), response: { 200: pageOf(ApplicationSchema), 400: ErrorBody, 404: ErrorBody, ...auth } },
    }, async (req) => {
      const { scope, session } = caller(req);
      const q = req.query;
      if (q.regionCode && !scopeCoversRegion(scope, q.regionCode)) throw errors.notFound('region');
      const w = scopeWhere(scope, whitelistApplications, and(
        q.status ? eq(whitelistApplications.status, q.status) : undefined,
        q.regionCode ? inArray(whitelistApplications.regionCode, svc.regions.subtree(q.regionCode)) : undefined,
        q.sector ? eq(whitelistApplications.sector, q.sector) : undefined,
      ));
      const [rows, total] = await Promise.all([
        svc.db.select({ a: whitelistApplications, name: enterprises.name, uscc: enterprises.uscc }).from(whitelistApplications).innerJoin(enterprises, eq(enterprises.id, whitelistApplications.enterpriseId)).where(w)
          .orderBy(desc(whitelistApplications.priority), asc(whitelistApplications.submittedAt)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
        svc.db.select({ n: count() }).from(whitelistApplications).where(w),
      ]);
      return { items: rows.map((x) => applicationView(svc.regions, session, x.a, x)), total: total[0]?.n ?? 0 };
    });

    for (const decision of ['approve', 'reject'] as const) {
      r.post(`/api/whitelist/applications/:id/${decision}`, {
        config: { permission: 'whitelist.review' },
        schema: { tags: ['whitelist'], summary: decision === 'approve' ? '审核通过 Approve' : '驳回 Reject (reason required)', params: Id, body: z.object({ reason: z.string().trim().max(2000).nullish() }), response: { 200: ApplicationSchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, ...auth } },
      }, async (req) => {
        const { scope, session, actor } = caller(req);
        const row = await svc.decide(scope, actor, req.params.id, decision, req.body.reason || null);
        const ent = await svc.enterprise(svc.db, scope, row.enterpriseId);
        return applicationView(svc.regions, session, row, ent);
      });
    }

    r.get('/api/whitelist/code-protection/export', {
      config: { permission: 'whitelist.read' },
      schema: { tags: ['whitelist'], summary: '赋码保护名单 Code-protection list: the whitelisted enterprises’ staff (xlsx or csv; ID numbers in clear only with prevention.pii)', querystring: z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx'), regionCode: RegionCode.optional() }), response: { 400: ErrorBody, 404: ErrorBody, ...auth } },
    }, async (req, reply) => {
      const { scope, actor, session } = caller(req);
      const rows = await svc.db.select().from(enterprises).where(where(scope, { regionCode: req.query.regionCode })).limit(100_000);
      const listed = rows.filter((e) => e.listingStatus === 'listed' || e.listingStatus === 'suspended');
      const clear = session.role.permissions.includes(PII_PERMISSION);
      const byId = new Map(listed.map((e) => [e.id, e]));
      const staff = roster ? await roster.persons(scope, actor, listed.map((e) => e.id), clear) : [];
      await recordAudit(svc.db, actor, { action: 'whitelist.code_protection.export', targetType: 'enterprise', detail: { enterprises: listed.length, people: staff.length, clear, format: req.query.format } });
      const cols = ['统一社会信用代码', '企业名称', '地区代码', '人员姓名', '人员类别', '岗位', '手机号', '身份证号'];
      const phoneOf = (enc: string | null) => (enc ? (clear ? ctx.crypto.decrypt(enc) : maskPhone(ctx.crypto.decrypt(enc))) : '');
      const data: string[][] = [];
      for (const e of listed) {
        // The enterprise's contact person heads its block: the platform's liaison for the list.
        data.push([e.uscc, e.name, e.regionCode, e.contactName ?? '', '企业联络人', '', phoneOf(e.contactPhoneEnc), '']);
      }
      for (const p of staff) {
        const e = byId.get(p.enterpriseId)!;
        data.push([e.uscc, e.name, e.regionCode, p.name, POST_KIND_LABEL[p.postKind] ?? p.postKind, p.post, p.phone, p.idCard]);
      }
      data.sort((a, b) => (a[0] === b[0] ? 0 : a[0]! < b[0]! ? -1 : 1));
      if (req.query.format === 'csv') return sendCsv(reply, '赋码保护名单', [cols, ...data]);
      return sendXlsx(reply, '赋码保护名单', '赋码保护', cols.map((header, i) => ({ header, value: (row: string[]) => row[i] ?? '' })), data);
    });
  };
}
