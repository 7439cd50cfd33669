import { z } from 'zod';
import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { caller, typed } from '../../platform/http.js';
import { ErrorBody, Uuid } from '../../platform/schemas.js';
import { errors } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit/service.js';
import { scopeCoversRegion, scopeWhere, type Scope } from '../../platform/scope.js';
import { complianceBy, complianceTrend, GROUP_BYS } from './compliance.js';
import { DEFAULT_RULES, loadRules, RulePack, saveRules } from './rules.js';
import type { PreventionService } from './service.js';
import { preventionEmergencyRegions, preventionEmployees } from './tables.js';

const auth = { 401: ErrorBody, 403: ErrorBody };
const RegionCode = z.string().regex(/^\d{6}$/, 'a 6-digit region code');
const Scoping = z.object({ regionCode: RegionCode.optional(), enterpriseId: Uuid.optional() });
const GroupSchema = z.object({ key: z.string().nullable(), label: z.string(), total: z.number(), compliant: z.number(), dueSoon: z.number(), overdue: z.number(), rate: z.number() }).meta({ id: 'PreventionComplianceGroup' });
const EmergencySchema = z.object({ regionCode: z.string(), regionName: z.string(), since: z.string(), note: z.string().nullable(), declaredBy: z.string().nullable() });

/** Compliance per unit, enterprise and region with its trend; the rule pack and the emergency regions. */
export function complianceRoutes(svc: PreventionService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);

    async function filter(scope: Scope, q: z.infer<typeof Scoping>) {
      if (q.regionCode && !scopeCoversRegion(scope, q.regionCode)) throw errors.notFound('region');
      if (q.enterpriseId) await svc.enterprises.find(svc.db, scope, q.enterpriseId);
      return and(
        q.regionCode ? inArray(preventionEmployees.regionCode, svc.regions.subtree(q.regionCode)) : undefined,
        q.enterpriseId ? eq(preventionEmployees.enterpriseId, q.enterpriseId) : undefined,
      );
    }

    r.get('/api/prevention/compliance', { config: { permission: 'prevention.read' }, schema: { tags: ['prevention'], summary: '核酸检测合规统计 Test compliance by unit, enterprise or region', querystring: Scoping.extend({ groupBy: z.enum(GROUP_BYS).default('enterprise') }), response: { 200: z.object({ groups: z.array(GroupSchema), total: GroupSchema, rules: RulePack }), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope } = caller(req);
      const rules = await loadRules(svc.db);
      const groups = await complianceBy(svc.db, scope, rules, req.query.groupBy, await filter(scope, req.query));
      const keys = groups.flatMap((g) => (g.key ? [g.key] : []));
      const names = req.query.groupBy === 'unit' ? await svc.unitNames(svc.db, keys) : req.query.groupBy === 'enterprise' ? await svc.enterprises.names(svc.db, keys) : new Map(keys.map((k) => [k, svc.regions.name(k)]));
      const rate = (g: { total: number; compliant: number }) => (g.total ? Math.round((g.compliant / g.total) * 1000) / 10 : 0);
      const sum = groups.reduce((a, g) => ({ total: a.total + g.total, compliant: a.compliant + g.compliant, dueSoon: a.dueSoon + g.dueSoon, overdue: a.overdue + g.overdue }), { total: 0, compliant: 0, dueSoon: 0, overdue: 0 });
      const unitless = req.lang === 'en-US' ? 'No closed-loop unit' : '未分配闭环单元';
      return {
        groups: groups.map((g) => ({ ...g, label: g.key ? (names.get(g.key) ?? g.key) : unitless, rate: rate(g) })),
        total: { key: null, label: req.lang === 'en-US' ? 'Total' : '合计', ...sum, rate: rate(sum) },
        rules,
      };
    });

    r.get('/api/prevention/compliance/trend', { config: { permission: 'prevention.read' }, schema: { tags: ['prevention'], summary: '合规趋势（每日）Daily compliance trend', querystring: Scoping.extend({ days: z.coerce.number().int().min(1).max(60).default(14) }), response: { 200: z.array(z.object({ day: z.string(), total: z.number(), compliant: z.number(), rate: z.number() })), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope } = caller(req);
      const rows = await complianceTrend(svc.db, scope, await loadRules(svc.db), req.query.days, await filter(scope, req.query));
      return rows.map((x) => ({ ...x, rate: x.total ? Math.round((x.compliant / x.total) * 1000) / 10 : 0 }));
    });

    r.get('/api/prevention/rules', { config: { permission: 'prevention.read' }, schema: { tags: ['prevention'], summary: '防疫规则（2022 年默认值）Prevention rule pack', response: { 200: z.object({ rules: RulePack, defaults: RulePack }), ...auth } } }, async () => ({ rules: await loadRules(svc.db), defaults: DEFAULT_RULES }));

    r.put('/api/prevention/rules', { config: { permission: 'prevention.admin' }, schema: { tags: ['prevention'], summary: '修改防疫规则 Change the rule pack', body: RulePack, response: { 200: z.object({ rules: RulePack, defaults: RulePack }), 400: ErrorBody, ...auth } } }, async (req) => {
      const { actor } = caller(req);
      await svc.db.transaction(async (tx) => {
        const before = await loadRules(tx);
        await saveRules(tx, req.body, actor.name);
        await recordAudit(tx, actor, { action: 'prevention.rules.update', targetType: 'prevention_rules', detail: { from: before, to: req.body } });
      });
      return { rules: await loadRules(svc.db), defaults: DEFAULT_RULES };
    });

    r.get('/api/prevention/emergency-regions', { config: { permission: 'prevention.read' }, schema: { tags: ['prevention'], summary: '紧急状态地区 Regions in emergency', response: { 200: z.array(EmergencySchema), ...auth } } }, async () => {
      // Which regions are in emergency is public within the platform: it changes everyone's interval.
      const rows = await svc.db.select().from(preventionEmergencyRegions).orderBy(preventionEmergencyRegions.regionCode);
      return rows.map((x) => ({ ...x, regionName: svc.regions.name(x.regionCode), since: x.since.toISOString() }));
    });

    r.put('/api/prevention/emergency-regions/:regionCode', { config: { permission: 'prevention.admin' }, schema: { tags: ['prevention'], summary: '设为紧急状态 Declare a region in emergency', params: z.object({ regionCode: RegionCode }), body: z.object({ note: z.string().trim().max(500).nullish() }), response: { 200: EmergencySchema, 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope, actor } = caller(req);
      const code = req.params.regionCode;
      if (!svc.regions.name(code) || !scopeCoversRegion(scope, code)) throw errors.notFound('region');
      const row = await svc.db.transaction(async (tx) => {
        const [x] = await tx.insert(preventionEmergencyRegions).values({ regionCode: code, note: req.body.note ?? null, declaredBy: actor.name }).onConflictDoUpdate({ target: preventionEmergencyRegions.regionCode, set: { note: req.body.note ?? null } }).returning();
        await recordAudit(tx, actor, { action: 'prevention.emergency.declare', targetType: 'region', targetId: code, regionCode: code, detail: { note: req.body.note ?? null } });
        return x!;
      });
      return { ...row, regionName: svc.regions.name(code), since: row.since.toISOString() };
    });

    r.delete('/api/prevention/emergency-regions/:regionCode', { config: { permission: 'prevention.admin' }, schema: { tags: ['prevention'], summary: '解除紧急状态 End a region’s emergency', params: z.object({ regionCode: RegionCode }), response: { 204: z.null(), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req, reply) => {
      const { scope, actor } = caller(req);
      const code = req.params.regionCode;
      await svc.db.transaction(async (tx) => {
        const gone = await tx.delete(preventionEmergencyRegions).where(scopeWhere(scope, preventionEmergencyRegions, eq(preventionEmergencyRegions.regionCode, code))).returning();
        if (!gone[0]) throw errors.notFound('region');
        await recordAudit(tx, actor, { action: 'prevention.emergency.end', targetType: 'region', targetId: code, regionCode: code });
      });
      return reply.status(204).send(null);
    });
  };
}
