import { z } from 'zod';
import { and, count, desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { SessionUser } from '../../platform/auth/service.js';
import { caller, typed } from '../../platform/http.js';
import { ErrorBody, pageOf, Paging, Uuid } from '../../platform/schemas.js';
import { scopeWhere } from '../../platform/scope.js';
import { alertActions, ALERT_ACTIONS } from './alert-states.js';
import type { AlertRow, AlertService } from './alerts.js';
import type { PreventionService } from './service.js';
import { ALERT_KINDS, ALERT_STATUSES, preventionAlerts } from './tables.js';

const auth = { 401: ErrorBody, 403: ErrorBody };
const AlertSchema = z
  .object({
    id: z.string(), kind: z.enum(ALERT_KINDS), enterpriseId: z.string().nullable(), enterpriseName: z.string(), regionCode: z.string(), regionName: z.string(),
    detail: z.object({ day: z.string(), overdue: z.number().optional(), total: z.number().optional(), purchaseId: z.string().optional(), drugClass: z.string().optional(), pharmacy: z.string().optional(), purchasedAt: z.string().optional(), idCardMasked: z.string().optional() }).catchall(z.union([z.string(), z.number(), z.null()])), status: z.enum(ALERT_STATUSES), note: z.string().nullable(),
    raisedAt: z.string(), acknowledgedAt: z.string().nullable(), acknowledgedBy: z.string().nullable(), resolvedAt: z.string().nullable(), resolvedBy: z.string().nullable(),
    actions: z.array(z.enum(ALERT_ACTIONS)),
  })
  .meta({ id: 'PreventionAlert' });
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The sentinel alert inbox: alerts of the caller's scope, acknowledged and resolved with a note. */
export function alertRoutes(svc: PreventionService, alerts: AlertService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    async function views(session: SessionUser, rows: AlertRow[]) {
      const names = await svc.enterprises.names(svc.db, rows.flatMap((a) => (a.enterpriseId ? [a.enterpriseId] : [])));
      const may = session.role.permissions.includes('prevention.alerts');
      return rows.map((a) => ({
        ...a, enterpriseName: (a.enterpriseId && names.get(a.enterpriseId)) || '', regionName: svc.regions.name(a.regionCode),
        raisedAt: a.raisedAt.toISOString(), acknowledgedAt: iso(a.acknowledgedAt), resolvedAt: iso(a.resolvedAt),
        actions: may ? alertActions(a.status) : [],
      }));
    }

    r.get('/api/prevention/alerts', { config: { permission: 'prevention.read' }, schema: { tags: ['prevention'], summary: '电子哨预警 Sentinel alerts', querystring: z.object({ status: z.enum(ALERT_STATUSES).optional(), kind: z.enum(ALERT_KINDS).optional() }).extend(Paging), response: { 200: pageOf(AlertSchema), 400: ErrorBody, ...auth } } }, async (req) => {
      const { scope, session } = caller(req);
      const w = scopeWhere(scope, preventionAlerts, and(req.query.status ? eq(preventionAlerts.status, req.query.status) : undefined, req.query.kind ? eq(preventionAlerts.kind, req.query.kind) : undefined));
      const [rows, total] = await Promise.all([
        svc.db.select().from(preventionAlerts).where(w).orderBy(desc(preventionAlerts.raisedAt), desc(preventionAlerts.id)).limit(req.query.pageSize).offset((req.query.page - 1) * req.query.pageSize),
        svc.db.select({ n: count() }).from(preventionAlerts).where(w),
      ]);
      return { items: await views(session, rows), total: total[0]?.n ?? 0 };
    });

    for (const action of ALERT_ACTIONS) {
      r.post(`/api/prevention/alerts/:id/${action}`, { config: { permission: 'prevention.alerts' }, schema: { tags: ['prevention'], summary: action === 'acknowledge' ? '签收预警 Acknowledge an alert' : '处置完毕（须填写说明）Resolve an alert (note required)', params: z.object({ id: Uuid }), body: z.object({ note: z.string().trim().max(2000).nullish() }), response: { 200: AlertSchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, ...auth } } }, async (req) => {
        const { scope, session, actor } = caller(req);
        const row = await alerts.act(scope, actor, req.params.id, action, req.body.note || null);
        return (await views(session, [row]))[0]!;
      });
    }
  };
}
