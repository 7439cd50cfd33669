import { z } from 'zod';
import { and, asc, count, eq, ilike, inArray, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { SessionUser } from '../../platform/auth/service.js';
import { caller, typed } from '../../platform/http.js';
import { containsPattern, ErrorBody, pageOf, Paging, Uuid } from '../../platform/schemas.js';
import { errors } from '../../platform/errors.js';
import { sendXlsx, shanghaiTime } from '../../platform/excel.js';
import { scopeCoversRegion, scopeWhere, type Scope } from '../../platform/scope.js';
import { preventionObservationPoints, preventionSupplies } from './care.tables.js';
import { occupancy, type PointRow } from './cases.js';
import { lastRetentionRun } from './retention-job.js';
import { retentionTargets } from './retention.js';
import { loadRules } from './rules.js';
import type { PreventionService } from './service.js';
import { isLow, ROLLUP_BYS, type SuppliesService, type SupplyRow } from './supplies.js';

const auth = { 401: ErrorBody, 403: ErrorBody };
const RegionCode = z.string().regex(/^\d{6}$/, 'a 6-digit region code');
const SupplySchema = z
  .object({ id: z.string(), enterpriseId: z.string(), enterpriseName: z.string(), regionCode: z.string(), regionName: z.string(), item: z.string(), unit: z.string(), quantity: z.number(), safetyStock: z.number(), low: z.boolean(), updatedBy: z.string().nullable(), updatedAt: z.string(), actions: z.array(z.enum(['edit', 'delete'])) })
  .meta({ id: 'PreventionSupply' });
const PointSchema = z
  .object({ id: z.string(), enterpriseId: z.string(), enterpriseName: z.string(), regionCode: z.string(), regionName: z.string(), name: z.string(), rooms: z.number(), occupied: z.number(), free: z.number(), note: z.string().nullable(), updatedAt: z.string(), actions: z.array(z.enum(['edit'])) })
  .meta({ id: 'PreventionObservationPoint' });
const RollupSchema = z.object({ key: z.string(), label: z.string(), enterprises: z.number(), items: z.number(), lowItems: z.number(), points: z.number(), rooms: z.number(), occupied: z.number() });
const SupplyFilters = z.object({ enterpriseId: Uuid.optional(), regionCode: RegionCode.optional(), q: z.string().trim().max(64).optional(), low: z.enum(['true', 'false']).transform((v) => v === 'true').optional() });
const Count = z.number().int().min(0).max(100_000_000);

/** Prevention supplies, observation points with their occupancy, the region roll-up, and the retention status. */
export function suppliesRoutes(svc: PreventionService, supplies: SuppliesService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    const may = (s: SessionUser) => s.role.permissions.includes('prevention.supplies');

    async function regionFilter(scope: Scope, regionCode: string | undefined) {
      if (!regionCode) return null;
      if (!svc.regions.name(regionCode) || !scopeCoversRegion(scope, regionCode)) throw errors.notFound('region');
      return svc.regions.subtree(regionCode);
    }
    async function supplyViews(session: SessionUser, rows: SupplyRow[]) {
      const ents = await svc.enterprises.names(svc.db, rows.map((x) => x.enterpriseId));
      return rows.map((x) => ({ ...x, enterpriseName: ents.get(x.enterpriseId) ?? '', regionName: svc.regions.name(x.regionCode), low: isLow(x), updatedAt: x.updatedAt.toISOString(), actions: may(session) ? (['edit', 'delete'] as const).slice() : [] }));
    }
    async function pointViews(session: SessionUser, rows: PointRow[]) {
      const [ents, occ] = await Promise.all([svc.enterprises.names(svc.db, rows.map((x) => x.enterpriseId)), occupancy(svc.db, rows.map((x) => x.id))]);
      return rows.map((x) => {
        const occupied = occ.get(x.id) ?? 0;
        return { id: x.id, enterpriseId: x.enterpriseId, enterpriseName: ents.get(x.enterpriseId) ?? '', regionCode: x.regionCode, regionName: svc.regions.name(x.regionCode), name: x.name, rooms: x.rooms, occupied, free: Math.max(0, x.rooms - occupied), note: x.note, updatedAt: x.updatedAt.toISOString(), actions: may(session) ? (['edit'] as const).slice() : [] };
      });
    }
    async function supplyWhere(scope: Scope, f: z.infer<typeof SupplyFilters>) {
      if (f.enterpriseId) await svc.enterprises.find(svc.db, scope, f.enterpriseId);
      const regions = await regionFilter(scope, f.regionCode);
      const s = preventionSupplies;
      return scopeWhere(scope, s, and(
        f.enterpriseId ? eq(s.enterpriseId, f.enterpriseId) : undefined,
        regions ? inArray(s.regionCode, regions) : undefined,
        f.q ? ilike(s.item, containsPattern(f.q)) : undefined,
        f.low === true ? sql`${s.safetyStock} > 0 and ${s.quantity} <= ${s.safetyStock}` : undefined,
      ));
    }

    r.get('/api/prevention/supplies', { config: { permission: 'prevention.read' }, schema: { tags: ['prevention'], summary: '防疫物资库存 Prevention supplies in stock', querystring: SupplyFilters.extend(Paging), response: { 200: pageOf(SupplySchema), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope, session } = caller(req);
      const { page, pageSize, ...f } = req.query;
      const w = await supplyWhere(scope, f);
      const [rows, total] = await Promise.all([
        svc.db.select().from(preventionSupplies).where(w).orderBy(asc(preventionSupplies.enterpriseId), asc(preventionSupplies.item)).limit(pageSize).offset((page - 1) * pageSize),
        svc.db.select({ n: count() }).from(preventionSupplies).where(w),
      ]);
      return { items: await supplyViews(session, rows), total: total[0]?.n ?? 0 };
    });

    r.get('/api/prevention/supplies/export', { config: { permission: 'prevention.read' }, schema: { tags: ['prevention'], summary: '导出防疫物资（xlsx）Export supplies', querystring: SupplyFilters, response: { 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req, reply) => {
      const { scope, session } = caller(req);
      const rows = await svc.db.select().from(preventionSupplies).where(await supplyWhere(scope, req.query)).orderBy(asc(preventionSupplies.enterpriseId), asc(preventionSupplies.item)).limit(100_000);
      const v = await supplyViews(session, rows);
      const en = req.lang === 'en-US';
      return sendXlsx(reply, en ? 'prevention-supplies' : '防疫物资', en ? 'Supplies' : '防疫物资', [
        { header: en ? 'Enterprise' : '企业', width: 30, value: (x) => x.enterpriseName },
        { header: en ? 'Region' : '地区', value: (x) => x.regionName },
        { header: en ? 'Item' : '物资', value: (x) => x.item },
        { header: en ? 'Quantity' : '库存', value: (x) => x.quantity },
        { header: en ? 'Unit' : '单位', value: (x) => x.unit },
        { header: en ? 'Safety stock' : '安全库存', value: (x) => x.safetyStock },
        { header: en ? 'Low' : '低于安全库存', value: (x) => (x.low ? (en ? 'yes' : '是') : '') },
        { header: en ? 'Updated' : '更新时间', width: 20, value: (x) => shanghaiTime(x.updatedAt) },
      ], v);
    });

    r.put('/api/prevention/supplies', { config: { permission: 'prevention.supplies' }, schema: { tags: ['prevention'], summary: '登记或更新物资库存 Set an item’s stock', body: z.object({ enterpriseId: Uuid.optional(), item: z.string().trim().min(1).max(50), unit: z.string().trim().min(1).max(20), quantity: Count, safetyStock: Count }), response: { 200: SupplySchema, 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope, session, actor } = caller(req);
      return (await supplyViews(session, [await supplies.saveSupply(scope, actor, req.body)]))[0]!;
    });

    r.delete('/api/prevention/supplies/:id', { config: { permission: 'prevention.supplies' }, schema: { tags: ['prevention'], summary: '删除物资条目 Delete a supply item', params: z.object({ id: Uuid }), response: { 204: z.null(), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req, reply) => {
      const { scope, actor } = caller(req);
      await supplies.deleteSupply(scope, actor, req.params.id);
      return reply.status(204).send(null);
    });

    r.get('/api/prevention/supplies/rollup', { config: { permission: 'prevention.read' }, schema: { tags: ['prevention'], summary: '物资与留观房间汇总 Supplies and observation rooms by region or enterprise', querystring: z.object({ groupBy: z.enum(ROLLUP_BYS).default('region'), regionCode: RegionCode.optional() }), response: { 200: z.object({ groups: z.array(RollupSchema) }), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope } = caller(req);
      const groups = await supplies.rollup(svc.db, scope, req.query.groupBy, await regionFilter(scope, req.query.regionCode));
      const names = req.query.groupBy === 'enterprise' ? await svc.enterprises.names(svc.db, groups.map((g) => g.key)) : new Map(groups.map((g) => [g.key, svc.regions.name(g.key)]));
      return { groups: groups.map((g) => ({ ...g, label: names.get(g.key) ?? g.key })) };
    });

    r.get('/api/prevention/observation-points', { config: { permission: 'prevention.read' }, schema: { tags: ['prevention'], summary: '留观点与房间占用 Observation points and rooms in use', querystring: z.object({ enterpriseId: Uuid.optional(), regionCode: RegionCode.optional() }).extend(Paging), response: { 200: pageOf(PointSchema), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope, session } = caller(req);
      if (req.query.enterpriseId) await svc.enterprises.find(svc.db, scope, req.query.enterpriseId);
      const regions = await regionFilter(scope, req.query.regionCode);
      const p = preventionObservationPoints;
      const extra = and(req.query.enterpriseId ? eq(p.enterpriseId, req.query.enterpriseId) : undefined, regions ? inArray(p.regionCode, regions) : undefined);
      const rows = await supplies.points(svc.db, scope, extra);
      const page = rows.slice((req.query.page - 1) * req.query.pageSize, req.query.page * req.query.pageSize);
      return { items: await pointViews(session, page), total: rows.length };
    });

    r.post('/api/prevention/observation-points', { config: { permission: 'prevention.supplies' }, schema: { tags: ['prevention'], summary: '新建留观点 Create an observation point', body: z.object({ enterpriseId: Uuid.optional(), name: z.string().trim().min(1).max(50), rooms: z.number().int().min(1).max(10_000), note: z.string().trim().max(500).nullish() }), response: { 201: PointSchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, ...auth } } }, async (req, reply) => {
      const { scope, session, actor } = caller(req);
      return reply.status(201).send((await pointViews(session, [await supplies.createPoint(scope, actor, req.body)]))[0]!);
    });

    r.patch('/api/prevention/observation-points/:id', { config: { permission: 'prevention.supplies' }, schema: { tags: ['prevention'], summary: '修改留观点房间数 Change an observation point', params: z.object({ id: Uuid }), body: z.object({ rooms: z.number().int().min(0).max(10_000).optional(), note: z.string().trim().max(500).nullish() }), response: { 200: PointSchema, 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope, session, actor } = caller(req);
      return (await pointViews(session, [await supplies.updatePoint(scope, actor, req.params.id, req.body)]))[0]!;
    });

    r.get('/api/prevention/retention', { config: { permission: 'prevention.read' }, schema: { tags: ['prevention'], summary: '个人信息保存期限与最近一次清理 Retention window and last run', response: { 200: z.object({ retentionDays: z.number(), rosterGraceDays: z.number(), targets: z.array(z.object({ name: z.string(), table: z.string(), action: z.enum(['delete', 'anonymise']) })), lastRun: z.object({ ranAt: z.string(), counts: z.record(z.string(), z.number()) }).nullable() }), ...auth } } }, async () => {
      const rules = await loadRules(svc.db);
      const last = await lastRetentionRun(svc.db);
      return {
        retentionDays: rules.retentionDays,
        rosterGraceDays: rules.rosterGraceDays,
        targets: retentionTargets().map((t) => ({ name: t.name, table: t.table, action: t.action.kind })),
        lastRun: last ? { ranAt: last.ranAt.toISOString(), counts: last.counts } : null,
      };
    });
  };
}
