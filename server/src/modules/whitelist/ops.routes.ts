import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { caller, typed } from '../../platform/http.js';
import { ErrorBody, Uuid } from '../../platform/schemas.js';
import { errors } from '../../platform/errors.js';
import { sendXlsx } from '../../platform/excel.js';
import { batchDetail, listBatches, publishBatch } from './batches.js';
import { coverage, COVERAGE_TARGET, setSectorTotal } from './coverage.js';
import { importEnterprises } from './import.js';
import type { WhitelistService } from './service.js';
import { DateText, RegionCode, SectorEnum } from './views.js';

const auth = { 401: ErrorBody, 403: ErrorBody };
const BatchSchema = z.object({ id: z.string(), regionCode: z.string(), sector: SectorEnum, number: z.number(), title: z.string(), publishedOn: z.string(), publishedBy: z.string().nullable(), size: z.number() }).meta({ id: 'WhitelistBatch' });
const BatchItem = z.object({ id: z.string(), name: z.string(), uscc: z.string(), regionCode: z.string(), regionName: z.string(), kind: z.string(), serviceTier: z.string().nullable(), listingStatus: z.string(), outputValueFen: z.number() });
const strip = <T extends { createdAt: Date }>({ createdAt: _c, ...b }: T) => b;
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** Batches, coverage with sector totals, and the import of an existing enterprise list. */
export function whitelistOpsRoutes(svc: WhitelistService) {
  return async (app: FastifyInstance) => {
    await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
    const r = typed(app);
    const { ctx } = app;

    r.get('/api/whitelist/batches', { config: { permission: 'whitelist.read' }, schema: { tags: ['whitelist'], summary: '白名单批次 Published batches', response: { 200: z.array(BatchSchema), ...auth } } }, async (req) => (await listBatches(svc, caller(req).scope)).map(strip));

    r.post('/api/whitelist/batches', {
      config: { permission: 'whitelist.batch' },
      schema: { tags: ['whitelist'], summary: '发布一批 Publish the next batch', body: z.object({ regionCode: RegionCode, sector: SectorEnum, title: z.string().trim().min(1).max(200), publishedOn: DateText.optional() }), response: { 201: BatchSchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, ...auth } },
    }, async (req, reply) => {
      const { scope, actor } = caller(req);
      const b = await publishBatch(svc, scope, actor, { ...req.body, publishedOn: req.body.publishedOn ?? today() });
      return reply.status(201).send(strip(b));
    });

    r.get('/api/whitelist/batches/:id', { config: { permission: 'whitelist.read' }, schema: { tags: ['whitelist'], summary: '批次名单 Batch list', params: z.object({ id: Uuid }), response: { 200: z.object({ batch: BatchSchema, items: z.array(BatchItem) }), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const d = await batchDetail(svc, caller(req).scope, req.params.id);
      return { batch: strip(d.batch), items: d.items };
    });

    r.get('/api/whitelist/batches/:id/export', { config: { permission: 'whitelist.read' }, schema: { tags: ['whitelist'], summary: '导出批次 Export a batch (xlsx)', params: z.object({ id: Uuid }), response: { 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req, reply) => {
      const d = await batchDetail(svc, caller(req).scope, req.params.id);
      const en = req.lang === 'en-US';
      return sendXlsx(reply, `${d.batch.title}`, en ? `Batch ${d.batch.number}` : `第${d.batch.number}批`, [
        { header: en ? 'No.' : '序号', width: 6, value: (x) => d.items.indexOf(x) + 1 },
        { header: en ? 'Name' : '企业(项目)名称', width: 36, value: (x) => x.name },
        { header: en ? 'Credit code' : '统一社会信用代码', value: (x) => x.uscc },
        { header: en ? 'Region' : '地区', value: (x) => x.regionName },
        { header: en ? 'Service tier' : '保障层级', value: (x) => x.serviceTier ?? '' },
        { header: en ? 'Published on' : '发布日期', value: () => d.batch.publishedOn },
      ], d.items);
    });

    r.get('/api/whitelist/coverage', {
      config: { permission: 'whitelist.read' },
      schema: { tags: ['whitelist'], summary: '覆盖率 Coverage against the 70% target, on any date', querystring: z.object({ regionCode: RegionCode.optional(), date: DateText.optional() }), response: { 200: z.object({ target: z.number(), date: z.string(), rows: z.array(z.object({ regionCode: z.string(), regionName: z.string(), sector: SectorEnum, whitelistedFen: z.number(), totalFen: z.number().nullable(), coverage: z.number().nullable(), belowTarget: z.boolean() })) }), 400: ErrorBody, 404: ErrorBody, ...auth } },
    }, async (req) => {
      const { scope } = caller(req);
      const date = req.query.date ?? today();
      return { target: COVERAGE_TARGET, date, rows: await coverage(svc, scope, req.query.regionCode ?? scope.regionCode, date) };
    });

    r.put('/api/whitelist/sector-totals', {
      config: { permission: 'whitelist.import' },
      schema: { tags: ['whitelist'], summary: '行业总产值 Enter a sector total', body: z.object({ regionCode: RegionCode, sector: SectorEnum, effectiveFrom: DateText, totalOutputFen: z.number().int().min(0).max(1e17) }), response: { 200: z.object({ id: z.string(), regionCode: z.string(), sector: SectorEnum, effectiveFrom: z.string(), totalOutputFen: z.number() }), 400: ErrorBody, 404: ErrorBody, ...auth } },
    }, async (req) => {
      const { scope, actor } = caller(req);
      const row = await setSectorTotal(svc, scope, actor, req.body);
      return { id: row.id, regionCode: row.regionCode, sector: row.sector, effectiveFrom: row.effectiveFrom, totalOutputFen: row.totalOutputFen };
    });

    r.post('/api/whitelist/import', {
      config: { permission: 'whitelist.import' },
      schema: { tags: ['whitelist'], summary: '导入企业名单 Import an enterprise list (xlsx, multipart field "file")', consumes: ['multipart/form-data'], response: { 200: z.object({ rows: z.number(), created: z.number(), existing: z.number(), rejected: z.array(z.object({ row: z.number(), reason: z.string() })) }), 400: ErrorBody, ...auth } },
    }, async (req) => {
      const { scope, actor } = caller(req);
      if (!req.isMultipart()) throw errors.validation('body.file', 'upload an .xlsx file as multipart form data');
      const file = await req.file();
      if (!file) throw errors.validation('body.file', 'no file');
      const buf = await file.toBuffer();
      try {
        return await importEnterprises(svc, ctx.crypto, scope, actor, buf);
      } catch (err) {
        if (err instanceof Error && !('statusCode' in err)) throw errors.validation('body.file', 'not a readable .xlsx file');
        throw err;
      }
    });
  };
}
