import { z } from 'zod';
import { count, desc } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { sendAttachment, type AttachmentService } from '../../platform/files/index.js';
import { caller, typed } from '../../platform/http.js';
import { ErrorBody, pageOf, Paging, Uuid } from '../../platform/schemas.js';
import { errors } from '../../platform/errors.js';
import { sendXlsx } from '../../platform/excel.js';
import { scopeCoversRegion, scopeWhere, type Scope } from '../../platform/scope.js';
import type { SessionUser } from '../../platform/auth/service.js';
import { enterpriseNames } from '../whitelist/policy-view.js';
import type { PoliciesService } from './service.js';
import { boothPolicyFor, claimWhere, decideClaim, fileClaim, INVOICE_OWNER, invoiceView, isInvoiceType, payerTotals, visibleClaim, type ClaimRow } from './claims.js';
import { boothShares, RulePackSchema } from './subsidy.js';
import { boothClaims, CLAIM_STATUSES } from './tables.js';
import { ClaimSchema, claimView, DateText, InvoiceFileSchema, RegionCode } from './views.js';

const auth = { 401: ErrorBody, 403: ErrorBody };
const Id = z.object({ id: Uuid });
const Price = z.number().int().min(1).max(1e11);
const SharesSchema = z.object({ priceFen: z.number(), subsidyFen: z.number(), provinceFen: z.number(), localFen: z.number() });
const TotalsSchema = z.object({ regionCode: z.string(), regionName: z.string(), claims: z.number(), priceFen: z.number(), subsidyFen: z.number(), provinceFen: z.number(), localFen: z.number() });

/** The sampling-booth subsidy: claims, approval and the totals each payer owes. */
export function claimRoutes(svc: PoliciesService, files: AttachmentService) {
  return async (app: FastifyInstance) => {
    await app.register(multipart, { limits: { fileSize: files.maxBytes, files: 1 } });
    const r = typed(app);
    const name = (c: string) => svc.regions.name(c);
    async function views(session: SessionUser, rows: ClaimRow[]) {
      const es = await enterpriseNames(svc.db, [...new Set(rows.map((c) => c.enterpriseId))]);
      const inv = await files.listMany(INVOICE_OWNER, rows.map((c) => c.id));
      return rows.map((c) => claimView(name, session, c, es.get(c.enterpriseId)?.name ?? '', (inv.get(c.id) ?? []).map(invoiceView)));
    }
    function region(scope: Scope, code: string | undefined) {
      if (code && !scopeCoversRegion(scope, code)) throw errors.notFound('region');
    }

    r.get('/api/booth-claims/quote', { config: { permission: 'authenticated' }, schema: { tags: ['policies'], summary: '采样屋补贴测算 Compute the subsidy and both shares', querystring: z.object({ priceFen: z.coerce.number().int().min(1).max(1e11) }), response: { 200: SharesSchema.extend({ rulePack: RulePackSchema, policyId: z.string().nullable(), policyTitle: z.string().nullable() }), 400: ErrorBody, ...auth } } }, async (req) => {
      const { scope } = caller(req);
      const policy = await boothPolicyFor(svc, scope.regionCode);
      const pack = policy?.pack ?? RulePackSchema.parse({ minEmployees: 1000, shareBp: 5000, provinceParts: 7, localParts: 3 });
      return { ...boothShares(req.query.priceFen, pack), rulePack: pack, policyId: policy?.id ?? null, policyTitle: policy?.title ?? null };
    });

    r.get('/api/enterprise/booth-claims', { config: { permission: 'enterprise.self' }, schema: { tags: ['policies'], summary: '本企业采样屋补贴申请 My sampling-booth claims', response: { 200: z.array(ClaimSchema), ...auth } } }, async (req) => {
      const { session, scope } = caller(req);
      const rows = await svc.db.select().from(boothClaims).where(scopeWhere(scope, boothClaims)).orderBy(desc(boothClaims.createdAt));
      return views(session, rows);
    });

    r.post('/api/enterprise/booth-claims', { config: { permission: 'enterprise.self' }, schema: { tags: ['policies'], summary: '申请采样屋补贴 File a sampling-booth claim', body: z.object({ invoiceNumber: z.string().trim().min(1).max(50), invoiceDate: DateText, supplier: z.string().trim().min(1).max(200), priceFen: Price }), response: { 201: ClaimSchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, ...auth } } }, async (req, reply) => {
      const { session, scope, actor } = caller(req);
      if (scope.kind !== 'enterprise') throw errors.notFound('enterprise');
      const c = await fileClaim(svc, scope, actor, scope.enterpriseId, req.body);
      return reply.code(201).send((await views(session, [c]))[0]!);
    });

    const Filters = z.object({ status: z.enum(CLAIM_STATUSES).optional(), regionCode: RegionCode.optional() });
    r.get('/api/booth-claims', { config: { permission: 'policies.subsidy' }, schema: { tags: ['policies'], summary: '采样屋补贴审核 Claims to review', querystring: Filters.extend(Paging), response: { 200: pageOf(ClaimSchema), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { session, scope } = caller(req);
      const { page, pageSize, ...f } = req.query;
      region(scope, f.regionCode);
      const w = claimWhere(svc, scope, f);
      const [rows, total] = await Promise.all([
        svc.db.select().from(boothClaims).where(w).orderBy(desc(boothClaims.createdAt)).limit(pageSize).offset((page - 1) * pageSize),
        svc.db.select({ n: count() }).from(boothClaims).where(w),
      ]);
      return { items: await views(session, rows), total: total[0]?.n ?? 0 };
    });

    r.post('/api/booth-claims/:id/decision', { config: { permission: 'policies.subsidy' }, schema: { tags: ['policies'], summary: '审核采样屋补贴 Approve or reject a claim', params: Id, body: z.object({ action: z.enum(['approve', 'reject']), note: z.string().trim().max(500).nullable().optional() }), response: { 200: ClaimSchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, ...auth } } }, async (req) => {
      const { session, scope, actor } = caller(req);
      // Invoices are only ever added, so a count read before the decision's transaction can only
      // be short (refusing an approval the enterprise may retry), never stale the other way.
      const invoices = (await files.list(INVOICE_OWNER, req.params.id)).length;
      const c = await decideClaim(svc, scope, actor, req.params.id, req.body.action, req.body.note ?? null, invoices);
      return (await views(session, [c]))[0]!;
    });

    r.post('/api/booth-claims/:id/invoices', { config: { permission: 'enterprise.self' }, schema: { tags: ['policies'], summary: '上传采样屋发票（PDF 或图片，multipart 字段 file）Attach the invoice to a claim', consumes: ['multipart/form-data'], params: Id, response: { 201: InvoiceFileSchema, 400: ErrorBody, 404: ErrorBody, 413: ErrorBody, 415: ErrorBody, ...auth } } }, async (req, reply) => {
      const { scope, actor } = caller(req);
      // The claim first: another enterprise's claim answers 404 before its upload is read.
      const claim = await visibleClaim(svc, scope, req.params.id);
      if (!req.isMultipart()) throw errors.validation('body.file', 'upload the invoice (PDF or image) as multipart form data');
      const file = await req.file();
      if (!file) throw errors.validation('body.file', 'no file');
      if (!isInvoiceType(file.mimetype)) throw errors.validation('body.file', 'the invoice must be a PDF or an image');
      const saved = await svc.db.transaction((tx) => files.save(tx, { ownerType: INVOICE_OWNER, ownerId: claim.id, file: { name: file.filename, contentType: file.mimetype, body: file.file }, actor }));
      return reply.code(201).send(invoiceView(saved));
    });

    r.get('/api/booth-claims/:id/invoices/:fileId', { config: { permission: 'authenticated' }, schema: { tags: ['policies'], summary: '下载采样屋发票 Download a claim’s invoice', params: Id.extend({ fileId: Uuid }), querystring: z.object({ inline: z.enum(['0', '1']).optional() }), response: { 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req, reply) => {
      const { session, scope } = caller(req);
      // Those who see the claim: its enterprise, and the departments that review claims over its region.
      if (scope.kind === 'government' && !session.role.permissions.includes('policies.subsidy')) throw errors.notFound('booth_claim');
      const claim = await visibleClaim(svc, scope, req.params.id);
      const att = await files.get(req.params.fileId);
      if (!att || att.ownerType !== INVOICE_OWNER || att.ownerId !== claim.id) throw errors.notFound('attachment');
      const { stream } = await files.open(att.id);
      return sendAttachment(reply, att, stream, { inline: req.query.inline === '1' });
    });

    const TotalsQuery = z.object({ regionCode: RegionCode.optional() });
    r.get('/api/booth-claims/totals', { config: { permission: 'policies.subsidy' }, schema: { tags: ['policies'], summary: '按出资方汇总 Totals per payer (approved claims)', querystring: TotalsQuery, response: { 200: z.object({ rows: z.array(TotalsSchema), total: TotalsSchema.omit({ regionCode: true, regionName: true }) }), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope } = caller(req);
      region(scope, req.query.regionCode);
      const rows = (await payerTotals(svc, scope, req.query)).map((x) => ({ ...x, regionName: name(x.regionCode) }));
      const sum = (k: 'claims' | 'priceFen' | 'subsidyFen' | 'provinceFen' | 'localFen') => rows.reduce((a, x) => a + x[k], 0);
      return { rows, total: { claims: sum('claims'), priceFen: sum('priceFen'), subsidyFen: sum('subsidyFen'), provinceFen: sum('provinceFen'), localFen: sum('localFen') } };
    });

    r.get('/api/booth-claims/totals/export', { config: { permission: 'policies.subsidy' }, schema: { tags: ['policies'], summary: '导出出资汇总 Export totals per payer (xlsx)', querystring: TotalsQuery, response: { 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req, reply) => {
      const { scope } = caller(req);
      region(scope, req.query.regionCode);
      const rows = await payerTotals(svc, scope, req.query);
      const en = req.lang === 'en-US';
      const y = (fen: number) => fen / 100;
      return sendXlsx(reply, en ? 'booth-subsidy-totals' : '核酸采样屋补贴出资汇总', en ? 'Totals' : '汇总', [
        { header: en ? 'City or county (payer of the local share)' : '市县（承担地方部分）', width: 28, value: (x) => name(x.regionCode) },
        { header: en ? 'Claims' : '笔数', value: (x) => x.claims },
        { header: en ? 'Purchase price (yuan)' : '采购金额（元）', value: (x) => y(x.priceFen) },
        { header: en ? 'Subsidy (yuan)' : '补贴金额（元）', value: (x) => y(x.subsidyFen) },
        { header: en ? 'Province share (yuan)' : '省级承担（元）', value: (x) => y(x.provinceFen) },
        { header: en ? 'City/county share (yuan)' : '市县承担（元）', value: (x) => y(x.localFen) },
      ], rows);
    });
  };
}
