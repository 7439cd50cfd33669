import { z } from 'zod';
import { and, count, desc, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { caller, typed } from '../../platform/http.js';
import { containsPattern, ErrorBody, pageOf, Paging, Uuid } from '../../platform/schemas.js';
import { errors } from '../../platform/errors.js';
import { sendXlsx } from '../../platform/excel.js';
import { catalogueView, RuleSchema, type Rule } from '../../platform/rules/index.js';
import { scopeWhere, type Scope } from '../../platform/scope.js';
import type { SessionUser } from '../../platform/auth/service.js';
import { searchPolicyEnterprises } from '../whitelist/policy-view.js';
import { BenefitSchema, describeBenefit, yuan, type Benefit } from './benefit.js';
import { POLICY_FIELDS } from './catalogue.js';
import type { PoliciesService, PolicyRow } from './service.js';
import { POLICY_CATEGORIES, POLICY_LEVELS, POLICY_STATUSES, policies, policyVersions } from './tables.js';
import { canManage, EvaluationSchema, PolicyBody, PolicySchema, policyView, RegionCode, VersionSchema } from './views.js';

const auth = { 401: ErrorBody, 403: ErrorBody };
const Id = z.object({ id: Uuid });
const Filters = z.object({
  q: z.string().trim().max(64).optional(),
  category: z.enum(POLICY_CATEGORIES).optional(),
  level: z.enum(POLICY_LEVELS).optional(),
  status: z.enum(POLICY_STATUSES).optional(),
  regionCode: RegionCode.optional(),
});
const FieldSchema = z.object({ name: z.string(), type: z.string(), label: z.object({ zh: z.string(), en: z.string() }), unit: z.object({ zh: z.string(), en: z.string() }).nullable(), options: z.array(z.object({ value: z.string(), zh: z.string(), en: z.string() })), ops: z.array(z.string()) });

/**
 * The public policy list (全面公示惠企专项政策清单): everyone signed in sees published
 * policies; a department also sees its region's drafts and withdrawn ones.
 */
function listWhere(svc: PoliciesService, session: SessionUser, scope: Scope, f: z.infer<typeof Filters>): SQL | undefined {
  const mine = session.role.permissions.includes('policies.manage') && scope.kind === 'government' ? scopeWhere(scope, policies) : undefined;
  const visible = f.status === 'published' || !mine ? eq(policies.status, 'published') : f.status ? and(eq(policies.status, f.status), mine) : or(eq(policies.status, 'published'), mine);
  return and(
    visible,
    f.category ? eq(policies.category, f.category) : undefined,
    f.level ? eq(policies.level, f.level) : undefined,
    f.regionCode ? inArray(policies.regionCode, svc.regions.subtree(f.regionCode)) : undefined,
    f.q ? or(ilike(policies.title, containsPattern(f.q)), ilike(policies.documentNumber, containsPattern(f.q)), ilike(policies.summary, containsPattern(f.q))) : undefined,
  );
}

export function policyRoutes(svc: PoliciesService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    const name = (c: string) => svc.regions.name(c);

    async function views(session: SessionUser, scope: Scope, rows: PolicyRow[], lang: 'zh-CN' | 'en-US') {
      const vs = rows.length ? await svc.db.select().from(policyVersions).where(inArray(policyVersions.policyId, rows.map((p) => p.id))) : [];
      return rows.map((p) => policyView(name, session, scope, p, vs.find((v) => v.policyId === p.id && v.version === p.version)!, lang));
    }
    /** A policy the caller may see: published, or in the region of a department that manages it. */
    async function visible(session: SessionUser, scope: Scope, id: string): Promise<PolicyRow> {
      const p = await svc.get(svc.db, id);
      if (!p || (p.status !== 'published' && !canManage(session, scope, p))) throw errors.notFound('policy');
      return p;
    }

    r.get('/api/policies/fields', { config: { permission: 'authenticated' }, schema: { tags: ['policies'], summary: '政策条件可用字段 Eligibility field catalogue', response: { 200: z.array(FieldSchema), ...auth } } }, async () => catalogueView(POLICY_FIELDS));

    r.get('/api/policies', { config: { permission: 'authenticated' }, schema: { tags: ['policies'], summary: '政策清单 The policy list', querystring: Filters.extend(Paging), response: { 200: pageOf(PolicySchema), 400: ErrorBody, ...auth } } }, async (req) => {
      const { session, scope } = caller(req);
      const { page, pageSize, ...f } = req.query;
      const w = listWhere(svc, session, scope, f);
      const [rows, total] = await Promise.all([
        svc.db.select().from(policies).where(w).orderBy(desc(policies.publishedAt), desc(policies.updatedAt)).limit(pageSize).offset((page - 1) * pageSize),
        svc.db.select({ n: count() }).from(policies).where(w),
      ]);
      return { items: await views(session, scope, rows, req.lang), total: total[0]?.n ?? 0 };
    });

    r.get('/api/policies/export', { config: { permission: 'authenticated' }, schema: { tags: ['policies'], summary: '导出政策清单 Export the policy list (xlsx)', querystring: Filters, response: { 400: ErrorBody, ...auth } } }, async (req, reply) => {
      const { session, scope } = caller(req);
      const rows = await svc.db.select().from(policies).where(listWhere(svc, session, scope, req.query)).orderBy(desc(policies.publishedAt)).limit(10_000);
      const list = await views(session, scope, rows, req.lang);
      const en = req.lang === 'en-US';
      return sendXlsx(reply, en ? 'policies' : '惠企政策清单', en ? 'Policies' : '政策清单', [
        { header: en ? 'Title' : '政策名称', width: 40, value: (p) => p.title },
        { header: en ? 'Document number' : '文号', value: (p) => p.documentNumber },
        { header: en ? 'Issuing body' : '发布单位', value: (p) => p.issuingBody },
        { header: en ? 'Region' : '地区', value: (p) => p.regionName },
        { header: en ? 'Category' : '类别', value: (p) => p.category },
        { header: en ? 'In force' : '有效期', value: (p) => `${p.validFrom ?? ''} ~ ${p.validTo ?? ''}` },
        { header: en ? 'Eligibility' : '享受条件', width: 50, value: (p) => p.ruleText },
        { header: en ? 'Benefit' : '支持内容', width: 30, value: (p) => p.benefitText },
        { header: en ? 'How to apply' : '申请方式', width: 30, value: (p) => p.howToApply },
        { header: en ? 'Consultant' : '政策咨询员', value: (p) => [p.consultantName, p.consultantContact].filter(Boolean).join(' ') },
        { header: en ? 'Status' : '状态', value: (p) => p.status },
      ], list);
    });

    r.get('/api/policies/enterprises', { config: { permission: 'policies.manage' }, schema: { tags: ['policies'], summary: '试算企业检索 Enterprises to try a rule on', querystring: z.object({ q: z.string().trim().max(64).optional() }), response: { 200: z.array(z.object({ id: z.string(), name: z.string(), uscc: z.string(), regionCode: z.string() })), 400: ErrorBody, ...auth } } }, async (req) => {
      const { scope } = caller(req);
      return searchPolicyEnterprises(svc.db, scope, req.query.q, 20);
    });

    r.post('/api/policies/preview', { config: { permission: 'policies.manage' }, schema: { tags: ['policies'], summary: '对某企业试算 Try a rule on one enterprise', body: z.object({ enterpriseId: Uuid, rule: RuleSchema, benefit: BenefitSchema }), response: { 200: z.object({ enterprise: z.object({ id: z.string(), name: z.string() }), evaluation: EvaluationSchema, benefitFen: z.number().nullable(), benefitText: z.string() }), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope } = caller(req);
      const out = await svc.preview(scope, req.body.enterpriseId, req.body.rule, req.body.benefit, req.lang);
      return { ...out, benefitText: out.benefitFen === null ? describeBenefit(req.body.benefit as Benefit, POLICY_FIELDS, req.lang) : `${yuan(out.benefitFen)}${req.lang === 'en-US' ? ' yuan' : '元'}` };
    });

    r.get('/api/policies/:id', { config: { permission: 'authenticated' }, schema: { tags: ['policies'], summary: '政策详情 A policy with its versions', params: Id, response: { 200: PolicySchema.extend({ versions: z.array(VersionSchema) }), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { session, scope } = caller(req);
      const p = await visible(session, scope, req.params.id);
      const vs = await svc.versions(svc.db, p.id);
      const cur = vs.find((v) => v.version === p.version)!;
      return {
        ...policyView(name, session, scope, p, cur, req.lang),
        versions: vs.map((v) => ({ version: v.version, rule: v.rule, benefit: v.benefit, ruleText: policyView(name, session, scope, p, v, req.lang).ruleText, benefitText: describeBenefit(v.benefit as Benefit, POLICY_FIELDS, req.lang), createdBy: v.createdBy, createdAt: v.createdAt.toISOString() })),
      };
    });

    r.post('/api/policies', { config: { permission: 'policies.manage' }, schema: { tags: ['policies'], summary: '新建政策（草稿） Create a policy draft', body: PolicyBody, response: { 201: PolicySchema, 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req, reply) => {
      const { session, scope, actor } = caller(req);
      const p = await svc.create(scope, actor, { ...req.body, rule: req.body.rule as Rule });
      return reply.code(201).send(policyView(name, session, scope, p, { rule: req.body.rule, benefit: req.body.benefit }, req.lang));
    });

    r.put('/api/policies/:id', { config: { permission: 'policies.manage' }, schema: { tags: ['policies'], summary: '修改政策（已发布的生成新版本并重新匹配） Edit; a published policy gets a new version', params: Id, body: PolicyBody, response: { 200: PolicySchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, ...auth } } }, async (req) => {
      const { session, scope, actor } = caller(req);
      const p = await svc.update(scope, actor, req.params.id, req.body);
      return policyView(name, session, scope, p, await svc.current(svc.db, p), req.lang);
    });

    for (const action of ['publish', 'withdraw'] as const) {
      r.post(`/api/policies/:id/${action}`, { config: { permission: 'policies.manage' }, schema: { tags: ['policies'], summary: action === 'publish' ? '发布政策并匹配企业 Publish and match' : '撤回政策 Withdraw', params: Id, response: { 200: PolicySchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, ...auth } } }, async (req) => {
        const { session, scope, actor } = caller(req);
        const p = await svc.transition(scope, actor, req.params.id, action);
        return policyView(name, session, scope, p, await svc.current(svc.db, p), req.lang);
      });
    }
  };
}
