import { z } from 'zod';
import { count, desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { caller, typed } from '../../platform/http.js';
import { ErrorBody, pageOf, Paging, Uuid } from '../../platform/schemas.js';
import { errors } from '../../platform/errors.js';
import { sendXlsx, shanghaiTime } from '../../platform/excel.js';
import { scopeCoversRegion, scopeWhere, type Scope } from '../../platform/scope.js';
import type { SessionUser } from '../../platform/auth/service.js';
import { enterpriseNames, SECTORS } from '../whitelist/policy-view.js';
import type { PoliciesService } from './service.js';
import { applyFor, decideUptake, matchWhere, policyTitles, UPTAKE_GROUPS, uptakeStats, type MatchFilter, type MatchRow } from './uptake.js';
import { policies, policyMatches, UPTAKE_STATUSES } from './tables.js';
import { MatchSchema, matchView, RegionCode } from './views.js';

const auth = { 401: ErrorBody, 403: ErrorBody };
const Id = z.object({ id: Uuid });
const Filters = z.object({
  policyId: Uuid.optional(),
  regionCode: RegionCode.optional(),
  sector: z.enum(SECTORS).optional(),
  status: z.enum(UPTAKE_STATUSES).optional(),
  notApplied: z.stringbool().optional(),
  includeLapsed: z.stringbool().optional(),
});
const yuan = (fen: number | null) => (fen === null ? null : fen / 100);

/** Uptake (应享尽享): the enterprise's own matched policies, the department's follow-up and figures. */
export function uptakeRoutes(svc: PoliciesService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    const name = (c: string) => svc.regions.name(c);

    async function views(session: SessionUser, rows: MatchRow[]) {
      const [ps, es] = await Promise.all([policyTitles(svc, [...new Set(rows.map((m) => m.policyId))]), enterpriseNames(svc.db, [...new Set(rows.map((m) => m.enterpriseId))])]);
      return rows.map((m) => matchView(name, session, m, ps.get(m.policyId)!, es.get(m.enterpriseId) ?? { name: '', uscc: '' }));
    }
    function filter(scope: Scope, f: MatchFilter) {
      if (f.regionCode && !scopeCoversRegion(scope, f.regionCode)) throw errors.notFound('region');
      return matchWhere(svc, scope, f);
    }

    r.get('/api/enterprise/policies', { config: { permission: 'enterprise.self' }, schema: { tags: ['policies'], summary: '我的政策 Policies matched to my enterprise', querystring: z.object({ status: z.enum(UPTAKE_STATUSES).optional() }), response: { 200: z.array(MatchSchema), 400: ErrorBody, ...auth } } }, async (req) => {
      const { session, scope } = caller(req);
      if (scope.kind !== 'enterprise') return [];
      // Matches of withdrawn policies stay visible once the enterprise has applied.
      const rows = await svc.db
        .select({ m: policyMatches })
        .from(policyMatches)
        .innerJoin(policies, eq(policies.id, policyMatches.policyId))
        .where(scopeWhere(scope, policyMatches, req.query.status ? eq(policyMatches.status, req.query.status) : undefined))
        .orderBy(desc(policyMatches.matchedAt));
      const shown = rows.map((x) => x.m).filter((m) => m.status !== 'eligible' || m.qualifies);
      return views(session, shown);
    });

    r.post('/api/enterprise/policies/:id/apply', { config: { permission: 'enterprise.self' }, schema: { tags: ['policies'], summary: '标记已申请 Mark a matched policy applied', params: Id, body: z.object({ reference: z.string().trim().min(1).max(100) }), response: { 200: MatchSchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, ...auth } } }, async (req) => {
      const { session, scope, actor } = caller(req);
      if (scope.kind !== 'enterprise') throw errors.notFound('policy_match');
      const m = await applyFor(svc, scope, actor, req.params.id, req.body.reference);
      return (await views(session, [m]))[0]!;
    });

    r.get('/api/policy-matches', { config: { permission: 'policies.uptake' }, schema: { tags: ['policies'], summary: '政策兑现跟踪 Matches and their uptake', querystring: Filters.extend(Paging), response: { 200: pageOf(MatchSchema), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { session, scope } = caller(req);
      const { page, pageSize, ...f } = req.query;
      const w = filter(scope, f);
      const [rows, total] = await Promise.all([
        svc.db.select().from(policyMatches).where(w).orderBy(policyMatches.regionCode, desc(policyMatches.matchedAt)).limit(pageSize).offset((page - 1) * pageSize),
        svc.db.select({ n: count() }).from(policyMatches).where(w),
      ]);
      return { items: await views(session, rows), total: total[0]?.n ?? 0 };
    });

    r.get('/api/policy-matches/export', { config: { permission: 'policies.uptake' }, schema: { tags: ['policies'], summary: '导出（含“符合未申请”清单） Export, e.g. eligible but not applied (xlsx)', querystring: Filters, response: { 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req, reply) => {
      const { session, scope } = caller(req);
      const rows = await svc.db.select().from(policyMatches).where(filter(scope, req.query)).orderBy(policyMatches.regionCode).limit(100_000);
      const list = await views(session, rows);
      const en = req.lang === 'en-US';
      return sendXlsx(reply, req.query.notApplied ? (en ? 'eligible-not-applied' : '符合条件未申请企业') : en ? 'policy-uptake' : '政策兑现台账', en ? 'Uptake' : '兑现', [
        { header: en ? 'Enterprise' : '企业名称', width: 36, value: (m) => m.enterpriseName },
        { header: en ? 'Credit code' : '统一社会信用代码', value: (m) => m.uscc },
        { header: en ? 'Region' : '地区', value: (m) => m.regionName },
        { header: en ? 'Policy' : '政策', width: 36, value: (m) => m.policyTitle },
        { header: en ? 'Benefit (yuan)' : '测算金额（元）', value: (m) => yuan(m.benefitFen) },
        { header: en ? 'Status' : '状态', value: (m) => m.status },
        { header: en ? 'Application ref' : '申请编号', value: (m) => m.applicationRef },
        { header: en ? 'Disbursed (yuan)' : '兑现金额（元）', value: (m) => yuan(m.disbursedFen) },
        { header: en ? 'Matched at' : '匹配时间', value: (m) => shanghaiTime(m.matchedAt) },
      ], list);
    });

    r.get('/api/policy-matches/uptake', { config: { permission: 'policies.uptake' }, schema: { tags: ['policies'], summary: '应享尽享统计 Uptake per policy, region, sector or category', querystring: Filters.extend({ groupBy: z.enum(UPTAKE_GROUPS).default('policy') }), response: { 200: z.array(z.object({ key: z.string(), label: z.string(), eligible: z.number(), notified: z.number(), applied: z.number(), approved: z.number(), disbursed: z.number(), benefitFen: z.number(), disbursedFen: z.number() })), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope } = caller(req);
      const { groupBy, ...f } = req.query;
      if (f.regionCode && !scopeCoversRegion(scope, f.regionCode)) throw errors.notFound('region');
      const rows = await uptakeStats(svc, scope, groupBy, f);
      const titles = groupBy === 'policy' ? await policyTitles(svc, rows.map((x) => x.key)) : new Map<string, { title: string }>();
      return rows.map((x) => ({ ...x, label: groupBy === 'policy' ? (titles.get(x.key)?.title ?? x.key) : groupBy === 'region' ? name(x.key) : x.key }));
    });

    r.post('/api/policy-matches/:id/decision', { config: { permission: 'policies.manage' }, schema: { tags: ['policies'], summary: '登记审批结果或兑现金额 Record approval, rejection or disbursement', params: Id, body: z.object({ action: z.enum(['approve', 'reject', 'disburse']), note: z.string().trim().max(500).nullable().optional(), amountFen: z.number().int().min(0).max(1e13).optional() }), response: { 200: MatchSchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, ...auth } } }, async (req) => {
      const { session, scope, actor } = caller(req);
      const m = await decideUptake(svc, scope, actor, req.params.id, req.body.action, req.body);
      return (await views(session, [m]))[0]!;
    });
  };
}
