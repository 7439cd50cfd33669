import { z } from 'zod';
import { and, count, desc, eq, gte, ilike, lte, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { caller, typed } from '../http.js';
import { containsPattern, ErrorBody, pageOf, Paging } from '../schemas.js';
import { sendXlsx, shanghaiTime } from '../excel.js';
import { recordAudit, verifyChain } from './service.js';
import { auditEvents } from './tables.js';

const Filters = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  targetType: z.string().trim().max(64).optional(),
});
const EventSchema = z.object({
  id: z.number(),
  at: z.string(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
const auth = { 401: ErrorBody, 403: ErrorBody };

function where(f: z.infer<typeof Filters>): SQL | undefined {
  const c: SQL[] = [];
  if (f.from) c.push(gte(auditEvents.at, new Date(f.from).toISOString()));
  if (f.to) c.push(lte(auditEvents.at, new Date(f.to).toISOString()));
  if (f.actor) c.push(ilike(auditEvents.actorName, containsPattern(f.actor)));
  if (f.action) c.push(ilike(auditEvents.action, containsPattern(f.action)));
  if (f.targetType) c.push(eq(auditEvents.targetType, f.targetType));
  return and(...c);
}

function view(e: typeof auditEvents.$inferSelect) {
  return { id: e.id, at: new Date(e.at).toISOString(), actorName: e.actorName, ip: e.ip, action: e.action, targetType: e.targetType, targetId: e.targetId, detail: e.detail ?? null };
}

/**
 * The audit administrator reads the whole log (it is not region-scoped: the audit role exists to
 * see everything) and can verify the chain. Reading it is itself audited.
 */
export async function auditRoutes(app: FastifyInstance) {
  const r = typed(app);
  const { ctx } = app;
  const cfg = { permission: 'audit.read' };

  r.get(
    '/api/audit/events',
    { config: cfg, schema: { tags: ['audit'], summary: '审计日志 Audit events', querystring: Filters.extend(Paging), response: { 200: pageOf(EventSchema), 400: ErrorBody, ...auth } } },
    async (req) => {
      const { page, pageSize, ...f } = req.query;
      const w = where(f);
      const [rows, total] = await Promise.all([
        ctx.db.select().from(auditEvents).where(w).orderBy(desc(auditEvents.id)).limit(pageSize).offset((page - 1) * pageSize),
        ctx.db.select({ n: count() }).from(auditEvents).where(w),
      ]);
      // Recorded after the read so the page shows the log as it was when asked.
      await recordAudit(ctx.db, caller(req).actor, { action: 'audit.read', detail: { ...f, page } });
      return { items: rows.map(view), total: total[0]?.n ?? 0 };
    },
  );

  r.post(
    '/api/audit/verify',
    {
      config: cfg,
      schema: {
        tags: ['audit'],
        summary: '校验哈希链 Verify the hash chain',
        response: {
          200: z.object({ ok: z.boolean(), checked: z.number(), brokenAt: z.object({ id: z.number(), at: z.string(), reason: z.string() }).nullable() }),
          ...auth,
        },
      },
    },
    async (req) => {
      const result = await verifyChain(ctx.db);
      await recordAudit(ctx.db, caller(req).actor, { action: 'audit.verified', detail: { ok: result.ok, checked: result.checked } });
      return result;
    },
  );

  r.get(
    '/api/audit/export',
    { config: cfg, schema: { tags: ['audit'], summary: '导出审计日志 Export (xlsx)', querystring: Filters, response: { 400: ErrorBody, ...auth } } },
    async (req, reply) => {
      const rows = await ctx.db.select().from(auditEvents).where(where(req.query)).orderBy(desc(auditEvents.id)).limit(100_000);
      await recordAudit(ctx.db, caller(req).actor, { action: 'audit.exported', detail: { rows: rows.length } });
      const en = req.lang === 'en-US';
      return sendXlsx(reply, en ? 'audit-log' : '审计日志', en ? 'Audit' : '审计日志', [
        { header: 'ID', width: 10, value: (e) => e.id },
        { header: en ? 'Time (Asia/Shanghai)' : '时间', value: (e) => shanghaiTime(e.at) },
        { header: en ? 'Actor' : '操作人', value: (e) => e.actorName },
        { header: 'IP', value: (e) => e.ip },
        { header: en ? 'Action' : '操作', value: (e) => e.action },
        { header: en ? 'Target type' : '对象类型', value: (e) => e.targetType },
        { header: en ? 'Target' : '对象', width: 38, value: (e) => e.targetId },
        { header: en ? 'Detail' : '详情', width: 50, value: (e) => (e.detail ? JSON.stringify(e.detail) : '') },
        { header: en ? 'Hash (SM3)' : '哈希(SM3)', width: 66, value: (e) => e.hash },
      ], rows);
    },
  );
}
