import { z } from 'zod';
import { and, asc, eq, ilike, inArray, or } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { caller, typed } from '../../platform/http.js';
import { containsPattern, ErrorBody, pageOf, Paging, Uuid } from '../../platform/schemas.js';
import { sendXlsx, shanghaiTime } from '../../platform/excel.js';
import { listRoles } from '../../platform/auth/accounts.js';
import { users } from '../../platform/auth/tables.js';
import { scopeWhere, type Scope } from '../../platform/scope.js';
import type { DemandService } from './service.js';
import { liaisonPairings } from './tables.js';

const auth = { 401: ErrorBody, 403: ErrorBody };
const PairingSchema = z
  .object({ userId: z.string(), userName: z.string(), username: z.string(), enterpriseId: z.string(), enterpriseName: z.string(), regionCode: z.string(), regionName: z.string(), createdBy: z.string().nullable(), createdAt: z.string() })
  .meta({ id: 'LiaisonPairing' });
type PairingView = z.infer<typeof PairingSchema>;
const Filters = z.object({ q: z.string().trim().max(64).optional(), enterpriseId: Uuid.optional() });
/** Pairings are counted in the hundreds per county: read the scope's whole list, name it, then filter and page. */
const MAX_PAIRINGS = 20_000;

/** Liaison pairings (包保干部结对) with the names of both sides, searchable, paged and exported. */
export function liaisonRoutes(svc: DemandService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);

    async function named(scope: Scope, f: z.infer<typeof Filters>): Promise<PairingView[]> {
      const rows = await svc.db
        .select()
        .from(liaisonPairings)
        .where(scopeWhere(scope, liaisonPairings, f.enterpriseId ? eq(liaisonPairings.enterpriseId, f.enterpriseId) : undefined))
        .orderBy(asc(liaisonPairings.regionCode), asc(liaisonPairings.createdAt))
        .limit(MAX_PAIRINGS);
      const userIds = [...new Set(rows.map((p) => p.userId))];
      const people = userIds.length ? await svc.db.select({ id: users.id, username: users.username, displayName: users.displayName }).from(users).where(inArray(users.id, userIds)) : [];
      const byId = new Map(people.map((u) => [u.id, u]));
      const names = await svc.deps.enterprises.names(svc.db, rows.map((p) => p.enterpriseId));
      const q = f.q?.toLowerCase();
      return rows
        .map((p) => ({
          userId: p.userId,
          userName: byId.get(p.userId)?.displayName ?? '',
          username: byId.get(p.userId)?.username ?? '',
          enterpriseId: p.enterpriseId,
          enterpriseName: names.get(p.enterpriseId) ?? '',
          regionCode: p.regionCode,
          regionName: svc.deps.regions.name(p.regionCode),
          createdBy: p.createdBy,
          createdAt: p.createdAt.toISOString(),
        }))
        .filter((p) => !q || [p.userName, p.username, p.enterpriseName].some((x) => x.toLowerCase().includes(q)));
    }

    r.get('/api/demands/liaisons', { config: { permission: 'demands.dispatch' }, schema: { tags: ['demands'], summary: '包保干部结对 Liaison pairings in scope (search by cadre or enterprise)', querystring: Filters.extend(Paging), response: { 200: pageOf(PairingSchema), 400: ErrorBody, ...auth } } }, async (req) => {
      const { page, pageSize, ...f } = req.query;
      const all = await named(caller(req).scope, f);
      return { items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length };
    });

    r.get('/api/demands/liaisons/export', { config: { permission: 'demands.dispatch' }, schema: { tags: ['demands'], summary: '导出包保结对 Export liaison pairings (xlsx)', querystring: Filters, response: { 400: ErrorBody, ...auth } } }, async (req, reply) => {
      const rows = await named(caller(req).scope, req.query);
      const en = req.lang === 'en-US';
      return sendXlsx(reply, en ? 'liaison-pairings' : '包保干部结对', en ? 'Pairings' : '结对', [
        { header: en ? 'Liaison cadre' : '包保干部', width: 16, value: (p) => p.userName },
        { header: en ? 'Account' : '账号', width: 16, value: (p) => p.username },
        { header: en ? 'Enterprise' : '包保企业', width: 36, value: (p) => p.enterpriseName },
        { header: en ? 'Region' : '地区', value: (p) => p.regionName },
        { header: en ? 'Paired by' : '结对人', value: (p) => p.createdBy ?? '' },
        { header: en ? 'Paired at' : '结对时间', width: 20, value: (p) => shanghaiTime(new Date(p.createdAt)) },
      ], rows);
    });

    r.get('/api/demands/liaisons/cadres', { config: { permission: 'demands.dispatch' }, schema: { tags: ['demands'], summary: '可结对的包保干部 Liaison-cadre accounts in scope, to pair', querystring: z.object({ q: z.string().trim().max(64).optional() }), response: { 200: z.array(z.object({ id: z.string(), username: z.string(), displayName: z.string(), regionCode: z.string(), regionName: z.string() })), 400: ErrorBody, ...auth } } }, async (req) => {
      const { scope } = caller(req);
      const codes = (await listRoles(svc.db)).filter((x) => x.permissions.includes('demands.liaison')).map((x) => x.code);
      if (codes.length === 0) return [];
      const q = req.query.q;
      const rows = await svc.db
        .select({ id: users.id, username: users.username, displayName: users.displayName, regionCode: users.regionCode })
        .from(users)
        .where(scopeWhere(scope, users, and(inArray(users.role, codes), eq(users.disabled, false), q ? or(ilike(users.username, containsPattern(q)), ilike(users.displayName, containsPattern(q))) : undefined)))
        .orderBy(asc(users.username))
        .limit(50);
      return rows.map((u) => ({ ...u, regionName: svc.deps.regions.name(u.regionCode) }));
    });
  };
}
