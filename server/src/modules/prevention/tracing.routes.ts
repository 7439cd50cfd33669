import { z } from 'zod';
import { and, count, desc, eq, gte, ilike, lte, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { caller, typed } from '../../platform/http.js';
import { containsPattern, ErrorBody, pageOf, Paging, Uuid } from '../../platform/schemas.js';
import { sendXlsx, shanghaiTime } from '../../platform/excel.js';
import { scopeWhere, type Scope } from '../../platform/scope.js';
import { sendDownload } from './download.js';
import { isolateUnit, liftIsolation, loopPicture, type IsolationRow } from './loops.js';
import type { PreventionService } from './service.js';
import { trace } from './tracing.js';
import { DRUG_CLASSES, preventionDrugPurchases, preventionTracedPersons, VENUE_KINDS } from './tracing.tables.js';
import { createVenue, listVenues, updateVenue, venueSheet, type VenueRow } from './venues.js';

const auth = { 401: ErrorBody, 403: ErrorBody };
const Id = z.object({ id: Uuid });
const iso = (d: Date | null) => d?.toISOString() ?? null;
const When = z.iso.datetime({ offset: true });

const VenueSchema = z.object({ id: z.string(), code: z.string(), enterpriseId: z.string(), enterpriseName: z.string(), regionCode: z.string(), parentId: z.string().nullable(), name: z.string(), kind: z.enum(VENUE_KINDS), unitId: z.string().nullable(), unitName: z.string().nullable() }).meta({ id: 'PreventionVenue' });
const VenueBody = z.object({ enterpriseId: Uuid.optional(), parentId: Uuid.nullish(), name: z.string().trim().min(1).max(100), kind: z.enum(VENUE_KINDS), unitId: Uuid.nullish() });
const PersonSchema = z.object({ personHash: z.string(), idCardMasked: z.string(), idCard: z.string().nullable(), name: z.string().nullable(), employeeId: z.string().nullable(), enterpriseId: z.string().nullable(), unitId: z.string().nullable() });
const ContactSchema = PersonSchema.extend({ overlaps: z.number(), minGapMinutes: z.number(), sameUnit: z.boolean(), venues: z.array(z.string()), via: z.number() }).meta({ id: 'PreventionContact' });
const TraceSchema = z.object({
  person: PersonSchema, windowMinutes: z.number(),
  scans: z.array(z.object({ venueCode: z.string(), venueName: z.string(), unitId: z.string().nullable(), scannedAt: z.string() })),
  contacts: z.array(ContactSchema), secondOrder: z.array(ContactSchema).nullable(),
  units: z.array(z.object({ id: z.string(), name: z.string(), enterpriseId: z.string(), isolated: z.boolean(), members: z.array(z.object({ employeeId: z.string(), name: z.string(), idCardMasked: z.string(), post: z.string() })) })),
}).meta({ id: 'PreventionTrace' });
const IsolationSchema = z.object({ id: z.string(), unitId: z.string(), isolatedFrom: z.string(), isolatedUntil: z.string().nullable(), reason: z.string(), createdBy: z.string().nullable(), createdAt: z.string() }).meta({ id: 'PreventionUnitIsolation' });
const PictureSchema = z.object({
  enterprise: z.object({ id: z.string(), name: z.string() }),
  units: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), members: z.number(), venues: z.number(), status: z.enum(['isolated', 'scheduled', 'producing']), isolation: IsolationSchema.nullable() })),
  mayIsolate: z.boolean(),
}).meta({ id: 'PreventionLoopPicture' });
const PurchaseSchema = z.object({ purchaseId: z.string(), idCardMasked: z.string(), phoneMasked: z.string().nullable(), drugClass: z.enum(DRUG_CLASSES), pharmacy: z.string(), purchasedAt: z.string(), regionCode: z.string(), regionName: z.string(), enterpriseId: z.string().nullable(), enterpriseName: z.string().nullable(), alerted: z.boolean() }).meta({ id: 'PreventionDrugPurchase' });
const PurchaseFilters = z.object({ drugClass: z.enum(DRUG_CLASSES).optional(), q: z.string().trim().max(100).optional(), from: When.optional(), to: When.optional() });

function isolationView(i: IsolationRow): z.infer<typeof IsolationSchema> {
  return { id: i.id, unitId: i.unitId, isolatedFrom: i.isolatedFrom.toISOString(), isolatedUntil: iso(i.isolatedUntil), reason: i.reason, createdBy: i.createdBy, createdAt: i.createdAt.toISOString() };
}

/** Venue codes (场所码) with their printable sheet, contact tracing, the closed-loop picture, drug purchases. */
const TraceBody = z.object({ employeeId: Uuid.optional(), idCard: z.string().trim().max(18).optional(), from: When, to: When, secondOrder: z.boolean().default(false), reveal: z.boolean().default(false) }).refine((b) => Boolean(b.employeeId) !== Boolean(b.idCard), { path: ['idCard'], message: 'either employeeId or idCard' });

export function tracingRoutes(svc: PreventionService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    async function venueViews(rows: VenueRow[]) {
      const [names, units] = await Promise.all([svc.enterprises.names(svc.db, [...new Set(rows.map((v) => v.enterpriseId))]), svc.unitNames(svc.db, rows.flatMap((v) => (v.unitId ? [v.unitId] : [])))]);
      return rows.map((v) => ({ id: v.id, code: v.code, enterpriseId: v.enterpriseId, enterpriseName: names.get(v.enterpriseId) ?? '', regionCode: v.regionCode, parentId: v.parentId, name: v.name, kind: v.kind, unitId: v.unitId, unitName: v.unitId ? (units.get(v.unitId) ?? null) : null }));
    }

    r.get('/api/prevention/venues', { config: { permission: 'prevention.read' }, schema: { tags: ['prevention'], summary: '场所码（树）Venue codes', querystring: z.object({ enterpriseId: Uuid.optional(), kind: z.enum(VENUE_KINDS).optional(), q: z.string().trim().max(100).optional() }), response: { 200: z.object({ items: z.array(VenueSchema), mayEdit: z.boolean() }), 400: ErrorBody, ...auth } } }, async (req) => {
      const { scope, session } = caller(req);
      return { items: await venueViews(await listVenues(svc.db, scope, req.query)), mayEdit: session.role.permissions.includes('prevention.roster') };
    });

    r.get('/api/prevention/venues/export', { config: { permission: 'prevention.read' }, schema: { tags: ['prevention'], summary: '导出场所码（xlsx）Export venue codes', querystring: z.object({ enterpriseId: Uuid.optional(), kind: z.enum(VENUE_KINDS).optional(), q: z.string().trim().max(100).optional() }), response: { 400: ErrorBody, ...auth } } }, async (req, reply) => {
      const views = await venueViews(await listVenues(svc.db, caller(req).scope, req.query));
      const en = req.lang === 'en-US';
      return sendXlsx(reply, en ? 'venue-codes' : '场所码', en ? 'Venue codes' : '场所码', [
        { header: en ? 'Enterprise' : '企业', width: 30, value: (v) => v.enterpriseName },
        { header: en ? 'Venue' : '场所', width: 24, value: (v) => v.name },
        { header: en ? 'Kind' : '类型', value: (v) => v.kind },
        { header: en ? 'Code' : '场所码', width: 18, value: (v) => v.code },
        { header: en ? 'Closed-loop unit' : '闭环单元', value: (v) => v.unitName ?? '' },
      ], views);
    });

    r.post('/api/prevention/venues', { config: { permission: 'prevention.roster' }, schema: { tags: ['prevention'], summary: '新建场所码 Add a venue', body: VenueBody, response: { 201: VenueSchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, ...auth } } }, async (req, reply) => {
      const { scope, actor } = caller(req);
      const row = await createVenue(svc, scope, actor, req.body);
      return reply.status(201).send((await venueViews([row]))[0]!);
    });

    r.patch('/api/prevention/venues/:id', { config: { permission: 'prevention.roster' }, schema: { tags: ['prevention'], summary: '修改场所 Edit a venue', params: Id, body: VenueBody.omit({ enterpriseId: true }).partial(), response: { 200: VenueSchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, ...auth } } }, async (req) => {
      const { scope, actor } = caller(req);
      return (await venueViews([await updateVenue(svc, scope, actor, req.params.id, req.body)]))[0]!;
    });

    r.post('/api/prevention/venues/print', { config: { permission: 'prevention.read' }, schema: { tags: ['prevention'], summary: '打印场所码（PDF，每页 6 个）Print venue codes (PDF, 6 per page)', body: z.object({ ids: z.array(Uuid).min(1).max(600) }), response: { 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req, reply) => {
      return sendDownload(reply, 'application/pdf', '场所码.pdf', await venueSheet(svc, caller(req).scope, req.body.ids));
    });

    r.post('/api/prevention/tracing', { config: { permission: 'prevention.trace' }, schema: { tags: ['prevention'], summary: '流调：密接候选人（留痕）Contact tracing (audited)', body: TraceBody, response: { 200: TraceSchema, 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope, session, actor } = caller(req);
      const res = await trace(svc, scope, actor, session.role.permissions.includes('prevention.pii'), { ...req.body, from: new Date(req.body.from), to: new Date(req.body.to) });
      return { ...res, scans: res.scans.map((s) => ({ ...s, scannedAt: s.scannedAt.toISOString() })) };
    });

    // The export runs the trace again, so it is audited exactly as a trace (and an unmasked read when revealed).
    r.post('/api/prevention/tracing/export', { config: { permission: 'prevention.trace' }, schema: { tags: ['prevention'], summary: '导出密接候选人（xlsx，脱敏同列表，留痕）Export the contacts (xlsx, masked as listed, audited)', body: TraceBody, response: { 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req, reply) => {
      const { scope, session, actor } = caller(req);
      const res = await trace(svc, scope, actor, session.role.permissions.includes('prevention.pii'), { ...req.body, from: new Date(req.body.from), to: new Date(req.body.to) });
      const en = req.headers['accept-language']?.startsWith('en') ?? false;
      const rows = [...res.contacts.map((c, i) => ({ c, rank: i + 1, order: 1 })), ...(res.secondOrder ?? []).map((c, i) => ({ c, rank: i + 1, order: 2 }))];
      return sendXlsx(reply, `${en ? 'contacts' : '密接候选人'}-${res.person.idCardMasked}`, en ? 'Contacts' : '密接候选人', [
        { header: en ? 'Order' : '密接层级', width: 10, value: (x) => (x.order === 1 ? (en ? 'first' : '密接') : en ? 'second' : '次密接') },
        { header: en ? 'Rank' : '排序', width: 8, value: (x) => x.rank },
        { header: en ? 'Name' : '姓名', width: 14, value: (x) => x.c.name ?? '' },
        { header: en ? 'ID card' : '身份证号', width: 22, value: (x) => x.c.idCard ?? x.c.idCardMasked },
        { header: en ? 'Overlaps' : '重合次数', width: 10, value: (x) => x.c.overlaps },
        { header: en ? 'Closest gap (min)' : '最近间隔（分钟）', width: 16, value: (x) => x.c.minGapMinutes },
        { header: en ? 'Same closed-loop unit' : '同一闭环单元', width: 14, value: (x) => (x.c.sameUnit ? (en ? 'yes' : '是') : '') },
        { header: en ? 'Venues' : '场所', width: 40, value: (x) => x.c.venues.join('、') },
      ], rows);
    });

    r.get('/api/prevention/loop-picture/:id', { config: { permission: 'prevention.read' }, schema: { tags: ['prevention'], summary: '企业闭环单元图（按企业）Closed-loop picture of an enterprise', params: Id, response: { 200: PictureSchema, 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope, session } = caller(req);
      const p = await loopPicture(svc, scope, req.params.id);
      return { enterprise: p.enterprise, units: p.units.map((u) => ({ ...u, isolation: u.isolation ? isolationView(u.isolation) : null })), mayIsolate: session.role.permissions.includes('prevention.trace') };
    });

    r.put('/api/prevention/units/:id/isolation', { config: { permission: 'prevention.trace' }, schema: { tags: ['prevention'], summary: '闭环单元封闭管理（起止时间）Isolate a closed-loop unit', params: Id, body: z.object({ from: When, until: When.nullable(), reason: z.string().trim().min(1).max(500) }), response: { 200: IsolationSchema, 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope, actor } = caller(req);
      return isolationView(await isolateUnit(svc, scope, actor, req.params.id, { from: new Date(req.body.from), until: req.body.until ? new Date(req.body.until) : null, reason: req.body.reason }));
    });

    r.post('/api/prevention/units/:id/isolation/lift', { config: { permission: 'prevention.trace' }, schema: { tags: ['prevention'], summary: '解除封闭，恢复生产 Lift a unit’s isolation', params: Id, body: z.object({ reason: z.string().trim().min(1).max(500) }), response: { 204: z.null(), 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, ...auth } } }, async (req, reply) => {
      const { scope, actor } = caller(req);
      await liftIsolation(svc, scope, actor, req.params.id, req.body.reason);
      return reply.status(204).send(null);
    });

    async function purchases(scope: Scope, f: z.infer<typeof PurchaseFilters>, limit: number, offset: number) {
      const p = preventionDrugPurchases;
      const conds: (SQL | undefined)[] = [f.drugClass ? eq(p.drugClass, f.drugClass) : undefined, f.q ? ilike(p.pharmacy, containsPattern(f.q)) : undefined, f.from ? gte(p.purchasedAt, new Date(f.from)) : undefined, f.to ? lte(p.purchasedAt, new Date(f.to)) : undefined];
      const w = scopeWhere(scope, p, and(...conds));
      const [rows, total] = await Promise.all([
        svc.db.select({ p, masked: preventionTracedPersons.idCardMasked, phone: preventionTracedPersons.phoneMasked }).from(p).leftJoin(preventionTracedPersons, eq(preventionTracedPersons.personHash, p.personHash)).where(w).orderBy(desc(p.purchasedAt), desc(p.purchaseId)).limit(limit).offset(offset),
        svc.db.select({ n: count() }).from(p).where(w),
      ]);
      const names = await svc.enterprises.names(svc.db, rows.flatMap((x) => (x.p.enterpriseId ? [x.p.enterpriseId] : [])));
      return {
        items: rows.map(({ p: x, masked, phone }) => ({ purchaseId: x.purchaseId, idCardMasked: masked ?? '—', phoneMasked: phone ?? null, drugClass: x.drugClass, pharmacy: x.pharmacy, purchasedAt: x.purchasedAt.toISOString(), regionCode: x.regionCode, regionName: svc.regions.name(x.regionCode), enterpriseId: x.enterpriseId, enterpriseName: x.enterpriseId ? (names.get(x.enterpriseId) ?? null) : null, alerted: x.alerted })),
        total: total[0]?.n ?? 0,
      };
    }

    r.get('/api/prevention/drug-purchases', { config: { permission: 'prevention.read' }, schema: { tags: ['prevention'], summary: '四类药品购买记录 Purchases of the four drug classes', querystring: PurchaseFilters.extend(Paging), response: { 200: pageOf(PurchaseSchema), 400: ErrorBody, ...auth } } }, async (req) => {
      return purchases(caller(req).scope, req.query, req.query.pageSize, (req.query.page - 1) * req.query.pageSize);
    });

    r.get('/api/prevention/drug-purchases/export', { config: { permission: 'prevention.read' }, schema: { tags: ['prevention'], summary: '导出购药记录（脱敏，xlsx）Export drug purchases (masked)', querystring: PurchaseFilters, response: { 400: ErrorBody, ...auth } } }, async (req, reply) => {
      const { items } = await purchases(caller(req).scope, req.query, 100_000, 0);
      const en = req.lang === 'en-US';
      return sendXlsx(reply, en ? 'drug-purchases' : '四类药品购买记录', en ? 'Drug purchases' : '购药记录', [
        { header: en ? 'Purchased at' : '购药时间', width: 20, value: (v) => shanghaiTime(v.purchasedAt) },
        { header: en ? 'ID number' : '身份证号', width: 22, value: (v) => v.idCardMasked },
        { header: en ? 'Phone' : '手机号', value: (v) => v.phoneMasked ?? '' },
        { header: en ? 'Drug class' : '药品类别', value: (v) => v.drugClass },
        { header: en ? 'Pharmacy' : '药店', width: 30, value: (v) => v.pharmacy },
        { header: en ? 'Region' : '地区', value: (v) => v.regionName },
        { header: en ? 'Enterprise' : '企业', width: 30, value: (v) => v.enterpriseName ?? '' },
      ], items);
    });
  };
}

