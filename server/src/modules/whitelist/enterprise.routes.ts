import { z } from 'zod';
import { desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { caller, typed } from '../../platform/http.js';
import { ErrorBody } from '../../platform/schemas.js';
import { errors } from '../../platform/errors.js';
import { describe, type Rule } from '../../platform/rules/index.js';
import type { Scope } from '../../platform/scope.js';
import { ENTERPRISE_FIELDS } from './catalogue.js';
import { listLinks, profileVersions, replaceLinks, updateProfile } from './profile.js';
import type { WhitelistService } from './service.js';
import { scopeWhere } from '../../platform/scope.js';
import { whitelistHistory } from './tables.js';
import { ApplicationSchema, applicationView, EnterpriseSchema, enterpriseView, EvaluationSchema } from './views.js';

const auth = { 401: ErrorBody, 403: ErrorBody };
export const LinkSchema = z.object({ id: z.string(), direction: z.enum(['upstream', 'downstream']), partnerName: z.string(), partnerUscc: z.string(), partnerListed: z.boolean() });
export const HistorySchema = z.object({ id: z.string(), event: z.string(), fromStatus: z.string().nullable(), toStatus: z.string().nullable(), note: z.string().nullable(), detail: z.unknown(), actorName: z.string().nullable(), at: z.string() });
export const VersionSchema = z.object({ version: z.number(), changes: z.unknown(), changedBy: z.string().nullable(), at: z.string() }).meta({ id: 'ProfileVersion' });
const TAX_FROM_BUREAU = 'set from the tax bureau’s data; an enterprise cannot change it';
const Count = z.number().int().min(0).max(10_000_000);
const Text = z.string().trim().max(200);
const ProfileBody = z.object({
  legalRepresentative: z.string().trim().min(1).max(40).optional(),
  contactName: Text.nullable().optional(),
  contactPhone: z.string().trim().regex(/^1\d{10}$/, '11-digit mobile number').nullable().optional(),
  employees: Count.optional(),
  outputValueFen: z.number().int().min(0).max(1e15).optional(),
  dormitoryCapacity: Count.optional(),
  closedLoopCapacity: Count.optional(),
  hasPreventionPlan: z.boolean().optional(),
  hasTaskForce: z.boolean().optional(),
  competentDepartment: Text.nullable().optional(),
  liaisonCadres: Text.nullable().optional(),
  pairedMedicalInstitution: Text.nullable().optional(),
  preventionStaff: Count.optional(),
  cityOperationSupport: z.boolean().optional(),
  // The tax credit rating and arrears come from the tax bureau (import, or a department with
  // whitelist.import: PUT /api/whitelist/enterprises/:id/tax-status), never from the enterprise.
  taxCreditRating: z.never({ error: TAX_FROM_BUREAU }).optional(),
  taxArrears: z.never({ error: TAX_FROM_BUREAU }).optional(),
});

function ownId(scope: Scope): string {
  if (scope.kind !== 'enterprise') throw errors.forbidden();
  return scope.enterpriseId;
}

/** What an enterprise account does for itself: profile, supply-chain links, application. */
export function enterpriseRoutes(svc: WhitelistService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    const { ctx } = app;
    const cfg = { permission: 'enterprise.self' };

    r.get('/api/enterprise/profile', { config: cfg, schema: { tags: ['enterprise'], summary: '本企业信息 My profile', response: { 200: EnterpriseSchema, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope, session } = caller(req);
      const ent = await svc.enterprise(svc.db, scope, ownId(scope));
      return enterpriseView(svc.regions, ctx.crypto, session, ent, await svc.applicationOf(svc.db, ent.id));
    });

    r.put('/api/enterprise/profile', { config: cfg, schema: { tags: ['enterprise'], summary: '更新本企业信息 Update my profile', body: ProfileBody, response: { 200: EnterpriseSchema, 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope, session, actor } = caller(req);
      const row = await updateProfile(svc, ctx.crypto, scope, actor, ownId(scope), req.body);
      return enterpriseView(svc.regions, ctx.crypto, session, row, await svc.applicationOf(svc.db, row.id));
    });

    r.get('/api/enterprise/profile/versions', { config: cfg, schema: { tags: ['enterprise'], summary: '本企业信息变更记录 My profile\'s versions', response: { 200: z.array(VersionSchema), ...auth } } }, async (req) => {
      const { scope } = caller(req);
      return (await profileVersions(svc.db, scope, ownId(scope))).map((v) => ({ version: v.version, changes: v.changes, changedBy: v.changedBy, at: v.at.toISOString() }));
    });

    r.get('/api/enterprise/links', { config: cfg, schema: { tags: ['enterprise'], summary: '上下游关联企业 Supply-chain links', response: { 200: z.array(LinkSchema), ...auth } } }, async (req) => {
      const { scope } = caller(req);
      return listLinks(svc.db, scope, ownId(scope));
    });

    r.put(
      '/api/enterprise/links',
      { config: cfg, schema: { tags: ['enterprise'], summary: '保存上下游关联企业 Save supply-chain links', body: z.object({ links: z.array(z.object({ direction: z.enum(['upstream', 'downstream']), partnerName: z.string().trim().min(1).max(100), partnerUscc: z.string().trim().toUpperCase() })).max(100) }), response: { 200: z.array(LinkSchema), 400: ErrorBody, 404: ErrorBody, ...auth } } },
      async (req) => {
        const { scope, actor } = caller(req);
        return replaceLinks(svc, scope, actor, ownId(scope), req.body.links);
      },
    );

    r.get(
      '/api/enterprise/application',
      {
        config: cfg,
        schema: {
          tags: ['enterprise'],
          summary: '我的申报与达标自查 My application and the criteria check',
          response: { 200: z.object({ application: ApplicationSchema.nullable(), listingStatus: z.string(), criteria: z.object({ title: z.string(), description: z.string(), autoAdmit: z.boolean() }).nullable(), check: EvaluationSchema.nullable(), canApply: z.boolean(), history: z.array(HistorySchema) }), 404: ErrorBody, ...auth },
        },
      },
      async (req) => {
        const { scope, session } = caller(req);
        const ent = await svc.enterprise(svc.db, scope, ownId(scope));
        const app0 = await svc.applicationOf(svc.db, ent.id);
        const { criteria, result } = await svc.check(svc.db, ent, req.lang);
        const history = await svc.db.select().from(whitelistHistory).where(scopeWhere(scope, whitelistHistory, eq(whitelistHistory.enterpriseId, ent.id))).orderBy(desc(whitelistHistory.at));
        const onList = ent.listingStatus === 'listed' || ent.listingStatus === 'suspended';
        const canApply = !onList && (!app0 || ['rejected', 'approved', 'auto_admitted'].includes(app0.status));
        return {
          application: app0 ? applicationView(svc.regions, session, app0, ent) : null,
          listingStatus: ent.listingStatus,
          criteria: criteria ? { title: criteria.title, description: describe(criteria.rule as Rule, ENTERPRISE_FIELDS, req.lang), autoAdmit: criteria.autoAdmit } : null,
          check: result,
          canApply,
          history: history.map((h) => ({ ...h, at: h.at.toISOString() })),
        };
      },
    );

    r.post(
      '/api/enterprise/application',
      { config: cfg, schema: { tags: ['enterprise'], summary: '申报（或修改后重新申报）Apply or re-apply', body: z.object({ statement: z.string().trim().max(2000).nullish() }), response: { 201: ApplicationSchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, ...auth } } },
      async (req, reply) => {
        const { scope, session, actor } = caller(req);
        const row = await svc.submit(scope, actor, ownId(scope), req.body.statement ?? null, req.lang);
        const ent = await svc.enterprise(svc.db, scope, row.enterpriseId);
        return reply.status(201).send(applicationView(svc.regions, session, row, ent));
      },
    );
  };
}
