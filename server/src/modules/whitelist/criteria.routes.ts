import { z } from 'zod';
import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { caller, typed } from '../../platform/http.js';
import { ErrorBody } from '../../platform/schemas.js';
import { errors } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit/service.js';
import { scopeCoversRegion, scopeWhere } from '../../platform/scope.js';
import { catalogueView, describe, RuleSchema, validateRule, type Rule } from '../../platform/rules/index.js';
import { ENTERPRISE_FIELDS } from './catalogue.js';
import type { WhitelistService } from './service.js';
import { whitelistCriteria } from './tables.js';
import { RegionCode, SectorEnum } from './views.js';

const CriteriaSchema = z
  .object({ id: z.string(), regionCode: z.string(), regionName: z.string(), sector: SectorEnum, title: z.string(), rule: z.unknown(), description: z.string(), autoAdmit: z.boolean(), version: z.number(), updatedBy: z.string().nullable(), updatedAt: z.string(), editable: z.boolean() })
  .meta({ id: 'WhitelistCriteria' });
const auth = { 401: ErrorBody, 403: ErrorBody };

/** Selection criteria: published, so readable by anyone signed in; edited by the sector's department. */
export function criteriaRoutes(svc: WhitelistService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    r.get(
      '/api/whitelist/criteria/fields',
      { config: { permission: 'authenticated' }, schema: { tags: ['whitelist'], summary: '遴选标准可用字段 Criteria field catalogue', response: { 200: z.array(z.object({ name: z.string(), type: z.string(), label: z.object({ zh: z.string(), en: z.string() }), unit: z.object({ zh: z.string(), en: z.string() }).nullable(), options: z.array(z.object({ value: z.string(), zh: z.string(), en: z.string() })), ops: z.array(z.string()) })), ...auth } } },
      async () => catalogueView(ENTERPRISE_FIELDS),
    );

    r.get(
      '/api/whitelist/criteria',
      { config: { permission: 'authenticated' }, schema: { tags: ['whitelist'], summary: '遴选标准 Published selection criteria', querystring: z.object({ regionCode: RegionCode.optional(), sector: SectorEnum.optional() }), response: { 200: z.array(CriteriaSchema), 400: ErrorBody, ...auth } } },
      async (req) => {
        const { scope, session } = caller(req);
        // Criteria are published to the public (向社会公布): the list is not narrowed by scope;
        // which ones the caller may edit is.
        const region = req.query.regionCode ?? scope.regionCode;
        const codes = [...new Set([...svc.regions.ancestors(region), ...svc.regions.subtree(region)])];
        const rows = await svc.db.select().from(whitelistCriteria).where(and(inArray(whitelistCriteria.regionCode, codes), req.query.sector ? eq(whitelistCriteria.sector, req.query.sector) : undefined)).orderBy(whitelistCriteria.regionCode, whitelistCriteria.sector);
        const canEdit = session.role.permissions.includes('whitelist.criteria') && scope.kind === 'government';
        return rows.map((c) => ({
          ...c,
          regionName: svc.regions.name(c.regionCode),
          description: describe(c.rule as Rule, ENTERPRISE_FIELDS, req.lang),
          updatedAt: c.updatedAt.toISOString(),
          editable: canEdit && scopeCoversRegion(scope, c.regionCode) && (scope.kind !== 'government' || scope.sector === null || scope.sector === c.sector),
        }));
      },
    );

    r.put(
      '/api/whitelist/criteria',
      {
        config: { permission: 'whitelist.criteria' },
        schema: { tags: ['whitelist'], summary: '发布遴选标准 Publish selection criteria', body: z.object({ regionCode: RegionCode, sector: SectorEnum, title: z.string().trim().min(1).max(200), rule: RuleSchema, autoAdmit: z.boolean() }), response: { 200: CriteriaSchema, 400: ErrorBody, 404: ErrorBody, ...auth } },
      },
      async (req) => {
        const { scope, actor } = caller(req);
        const b = req.body;
        const issue = validateRule(b.rule, ENTERPRISE_FIELDS)[0];
        if (issue) throw errors.validation(`body.rule.${issue.path}`, issue.reason);
        if (scope.kind !== 'government' || !scopeCoversRegion(scope, b.regionCode) || !svc.regions.name(b.regionCode)) throw errors.notFound('region');
        if (scope.sector !== null && scope.sector !== b.sector) throw errors.validation('body.sector', 'outside your sector');
        const row = await svc.db.transaction(async (tx) => {
          const existing = await tx.select().from(whitelistCriteria).where(scopeWhere(scope, whitelistCriteria, and(eq(whitelistCriteria.regionCode, b.regionCode), eq(whitelistCriteria.sector, b.sector))));
          const values = { title: b.title, rule: b.rule, autoAdmit: b.autoAdmit, updatedBy: actor.name, updatedAt: new Date() };
          const [saved] = existing[0]
            ? await tx.update(whitelistCriteria).set({ ...values, version: existing[0].version + 1 }).where(eq(whitelistCriteria.id, existing[0].id)).returning()
            : await tx.insert(whitelistCriteria).values({ ...values, regionCode: b.regionCode, sector: b.sector }).returning();
          await recordAudit(tx, actor, { action: 'whitelist.criteria.publish', targetType: 'criteria', targetId: saved!.id, regionCode: b.regionCode, detail: { sector: b.sector, version: saved!.version, rule: b.rule, autoAdmit: b.autoAdmit } });
          return saved!;
        });
        return { ...row, regionName: svc.regions.name(row.regionCode), description: describe(row.rule as Rule, ENTERPRISE_FIELDS, req.lang), updatedAt: row.updatedAt.toISOString(), editable: true };
      },
    );
  };
}
