import { z } from 'zod';
import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendXlsx } from '../../platform/excel.js';
import { caller, typed } from '../../platform/http.js';
import { ErrorBody, Uuid } from '../../platform/schemas.js';
import { errors } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit/service.js';
import { getUserInScope, listRoles } from '../../platform/auth/accounts.js';
import { scopeCoversRegion, scopeWhere } from '../../platform/scope.js';
import { demandMetrics } from './metrics.js';
import { viewerOf } from './access.js';
import { DEFAULT_RULES, HOLIDAYS_2022, mergeRules, type DemandRules } from './rules.js';
import type { DemandService } from './service.js';
import { demandCalendar, demandSettings, liaisonPairings, UNIT_TYPES } from './tables.js';
import { unitsOf } from './units.js';
import { RegionCode } from './views.js';

const auth = { 401: ErrorBody, 403: ErrorBody };
const DurationSchema = z.object({ hours: z.number().min(0).max(720).optional(), workingDays: z.number().int().min(0).max(60).optional() }).refine((d) => d.hours !== undefined || d.workingDays !== undefined, 'hours or workingDays');
const RulesSchema = z
  .object({
    dispatch: z.object({ normal: DurationSchema, urgent: DurationSchema, public_health: DurationSchema }),
    answer: z.object({ urgent: DurationSchema, normal: DurationSchema, complex: DurationSchema }),
    warnAt: z.number().min(0.1).max(0.99),
    duplicateWindowDays: z.number().int().min(1).max(365),
    duplicateSimilarity: z.number().min(0.1).max(1),
    commonSimilarity: z.number().min(0.05).max(1),
  })
  .meta({ id: 'DemandRules' });
const SettingsSchema = z.object({ regionCode: z.string(), autoEscalate: z.boolean(), rules: RulesSchema, defaults: RulesSchema });
const DaySchema = z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), kind: z.enum(['holiday', 'workday']), name: z.string().trim().min(1).max(50) });
const UnitSchema = z.object({ type: z.enum(UNIT_TYPES), id: z.string(), label: z.string(), regionCode: z.string() });

/** Settings of a command, the working-day calendar, liaison pairings and the units to dispatch to. */
export function demandAdminRoutes(svc: DemandService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);

    r.get('/api/demands/:id/units', { config: { permission: 'demands.dispatch' }, schema: { tags: ['demands'], summary: '可交办单位 Units the holding command may dispatch this demand to', params: z.object({ id: Uuid }), response: { 200: z.array(UnitSchema), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { session, scope } = caller(req);
      const d = await svc.get(svc.db, viewerOf(session, scope), req.params.id);
      return unitsOf(svc.deps.org, svc.deps.regions, scope, d.holderRegionCode);
    });

    const Rate = z.number().nullable();
    const MetricsRowSchema = z.object({ key: z.string(), label: z.string(), total: z.number(), dispatched: z.number(), accepted: z.number(), revisited: z.number(), solved: z.number(), rated: z.number(), satisfied: z.number(), answered: z.number(), onTime: z.number(), responseRate: Rate, resolutionRate: Rate, satisfactionRate: Rate, onTimeRate: Rate });
    const MetricsQuery = z.object({ from: z.iso.date(), to: z.iso.date(), groupBy: z.enum(['region', 'unit']).default('region'), regionCode: RegionCode.optional() });
    async function metrics(req: FastifyRequest, q: z.infer<typeof MetricsQuery>) {
      const { session, scope } = caller(req);
      if (q.regionCode && !scopeCoversRegion(scope, q.regionCode)) throw errors.notFound('region');
      // Dates are Beijing calendar days: [from 00:00, to 24:00) Asia/Shanghai.
      const start = new Date(`${q.from}T00:00:00+08:00`);
      const end = new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000);
      if (end <= start) throw errors.validation('query.to', 'the period ends before it starts');
      return demandMetrics(svc.db, viewerOf(session, scope), { from: start, to: end, groupBy: q.groupBy, regionCodes: q.regionCode ? svc.deps.regions.subtree(q.regionCode) : undefined }, svc.deps.regions.name);
    }
    r.get('/api/demands/metrics', {
      config: { permission: 'demands.read' },
      schema: { tags: ['demands'], summary: '三率统计 Response, resolution, satisfaction and on-time rates, average time in each state', querystring: MetricsQuery, response: { 200: z.object({ rows: z.array(MetricsRowSchema), avgHours: z.record(z.string(), z.number()) }), 400: ErrorBody, 404: ErrorBody, ...auth } },
    }, async (req) => metrics(req, req.query));
    r.get('/api/demands/metrics/export', {
      config: { permission: 'demands.read' },
      schema: { tags: ['demands'], summary: '导出三率统计 Export the metrics (xlsx)', querystring: MetricsQuery, response: { 400: ErrorBody, 404: ErrorBody, ...auth } },
    }, async (req, reply) => {
      const { rows } = await metrics(req, req.query);
      const en = req.lang === 'en-US';
      const pct = (x: number | null) => (x === null ? '' : `${x}%`);
      return sendXlsx(reply, en ? 'demand-metrics' : '诉求三率统计', en ? 'Metrics' : '三率', [
        { header: req.query.groupBy === 'region' ? (en ? 'Region' : '地区') : en ? 'Unit' : '责任单位', width: 30, value: (r) => r.label },
        { header: en ? 'Demands' : '诉求总数', value: (r) => r.total },
        { header: en ? 'Response rate' : '响应率', value: (r) => pct(r.responseRate) },
        { header: en ? 'Resolution rate' : '解决率', value: (r) => pct(r.resolutionRate) },
        { header: en ? 'Satisfaction rate' : '满意率', value: (r) => pct(r.satisfactionRate) },
        { header: en ? 'On-time rate' : '按时答复率', value: (r) => pct(r.onTimeRate) },
      ], rows);
    });

    r.get('/api/demands/settings', { config: { permission: 'demands.dispatch' }, schema: { tags: ['demands'], summary: '本级时限规则与自动上报 The command’s clocks and automatic escalation', response: { 200: SettingsSchema, ...auth } } }, async (req) => {
      const { session } = caller(req);
      const rules = await svc.rulesFor(svc.db, session.user.regionCode);
      const { autoEscalate, ...rest } = rules;
      return { regionCode: session.user.regionCode, autoEscalate, rules: rest, defaults: DEFAULT_RULES };
    });

    r.put('/api/demands/settings', { config: { permission: 'demands.dispatch' }, schema: { tags: ['demands'], summary: '修改本级时限规则 Set the command’s clocks and automatic escalation', body: z.object({ autoEscalate: z.boolean(), rules: RulesSchema }), response: { 200: SettingsSchema, 400: ErrorBody, ...auth } } }, async (req) => {
      const { session, actor } = caller(req);
      const regionCode = session.user.regionCode;
      await svc.db.transaction(async (tx) => {
        const values = { regionCode, autoEscalate: req.body.autoEscalate, rules: req.body.rules as unknown as Record<string, unknown>, updatedBy: actor.name, updatedAt: new Date() };
        await tx.insert(demandSettings).values(values).onConflictDoUpdate({ target: demandSettings.regionCode, set: values });
        await recordAudit(tx, actor, { action: 'demand.settings', targetType: 'command', regionCode, detail: { autoEscalate: req.body.autoEscalate, rules: req.body.rules } });
      });
      return { regionCode, autoEscalate: req.body.autoEscalate, rules: mergeRules(req.body.rules as Partial<DemandRules>), defaults: DEFAULT_RULES };
    });

    r.get('/api/demands/calendar', { config: { permission: 'demands.read' }, schema: { tags: ['demands'], summary: '工作日历 Holidays and make-up working days', response: { 200: z.array(DaySchema), ...auth } } }, async () => {
      const rows = await svc.db.select().from(demandCalendar).orderBy(asc(demandCalendar.day));
      return rows.length ? rows : HOLIDAYS_2022;
    });

    r.put('/api/demands/calendar', { config: { permission: 'demands.dispatch' }, schema: { tags: ['demands'], summary: '修改工作日历（省级）Replace the calendar (province only)', body: z.object({ days: z.array(DaySchema).max(2000) }), response: { 200: z.array(DaySchema), 400: ErrorBody, ...auth } } }, async (req) => {
      const { scope, actor } = caller(req);
      // One calendar for the whole province: only the provincial command edits it.
      if (scope.kind !== 'government' || scope.regionCodes !== null) throw errors.forbidden();
      await svc.db.transaction(async (tx) => {
        await tx.delete(demandCalendar);
        if (req.body.days.length) await tx.insert(demandCalendar).values(req.body.days).onConflictDoNothing();
        await recordAudit(tx, actor, { action: 'demand.calendar', detail: { days: req.body.days.length } });
      });
      svc.forgetCalendar();
      return svc.db.select().from(demandCalendar).orderBy(asc(demandCalendar.day));
    });

    const Pairing = z.object({ userId: z.string(), enterpriseId: z.string(), regionCode: z.string(), createdBy: z.string().nullable() });
    r.post('/api/demands/liaisons', { config: { permission: 'demands.dispatch' }, schema: { tags: ['demands'], summary: '结对包保干部 Pair a liaison cadre with an enterprise', body: z.object({ userId: Uuid, enterpriseId: Uuid }), response: { 200: Pairing, 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope, actor } = caller(req);
      return svc.db.transaction(async (tx) => {
        const ent = await svc.deps.enterprises.get(tx, scope, req.body.enterpriseId);
        const user = await getUserInScope(tx, scope, req.body.userId);
        const role = (await listRoles(tx)).find((x) => x.code === user.role);
        if (!role?.permissions.includes('demands.liaison')) throw errors.validation('body.userId', 'the account is not a liaison cadre');
        const row = { userId: req.body.userId, enterpriseId: ent.id, regionCode: ent.regionCode, createdBy: actor.name };
        await tx.insert(liaisonPairings).values(row).onConflictDoNothing();
        await recordAudit(tx, actor, { action: 'demand.liaison_paired', targetType: 'enterprise', targetId: ent.id, regionCode: ent.regionCode, detail: { userId: req.body.userId } });
        return row;
      });
    });

    r.delete('/api/demands/liaisons', { config: { permission: 'demands.dispatch' }, schema: { tags: ['demands'], summary: '解除结对 Remove a pairing', body: z.object({ userId: Uuid, enterpriseId: Uuid }), response: { 200: z.object({ removed: z.boolean() }), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope, actor } = caller(req);
      return svc.db.transaction(async (tx) => {
        const gone = await tx.delete(liaisonPairings).where(scopeWhere(scope, liaisonPairings, and(eq(liaisonPairings.userId, req.body.userId), eq(liaisonPairings.enterpriseId, req.body.enterpriseId)))).returning();
        if (!gone[0]) throw errors.notFound('user');
        await recordAudit(tx, actor, { action: 'demand.liaison_unpaired', targetType: 'enterprise', targetId: req.body.enterpriseId, regionCode: gone[0].regionCode, detail: { userId: req.body.userId } });
        return { removed: true };
      });
    });
  };
}
