import { z } from 'zod';
import { and, asc, count, desc, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import { caller, typed } from '../../platform/http.js';
import { ErrorBody, pageOf, Paging, Uuid } from '../../platform/schemas.js';
import { errors } from '../../platform/errors.js';
import { scopeCoversRegion, scopeWhere } from '../../platform/scope.js';
import { authenticateKey, createApiKey, listApiKeys, revokeApiKey, type ApiKeyRow } from './apikeys.js';
import { ingest, INGEST_KIND_NAMES, TEST_RESULTS, type IngestFormat, type IngestHooks, type IngestSource, type RunRow } from './ingest.js';
import { DRUG_PURCHASES, VENUE_SCANS } from './tracing-ingest.js';
import type { AuditActor } from '../../platform/audit/service.js';
import type { PreventionService } from './service.js';
import { csvText, sendDownload } from './download.js';
import { INGEST_STATUSES, preventionIngestRejects, preventionIngestRuns } from './tables.js';

const auth = { 401: ErrorBody, 403: ErrorBody };
const Id = z.object({ id: Uuid });
export const RunSchema = z
  .object({ id: z.string(), kind: z.enum(INGEST_KIND_NAMES), source: z.enum(['api', 'upload']), format: z.enum(['csv', 'jsonl']), fileName: z.string().nullable(), sha256: z.string(), bytes: z.number(), status: z.enum(INGEST_STATUSES), rows: z.number(), merged: z.number(), duplicates: z.number(), rejected: z.number(), error: z.string().nullable(), regionCode: z.string(), createdBy: z.string().nullable(), startedAt: z.string(), finishedAt: z.string().nullable(), replayed: z.boolean() })
  .meta({ id: 'PreventionIngestRun' });
const ApiKeySchema = z.object({ id: z.string(), name: z.string(), prefix: z.string(), regionCode: z.string(), createdBy: z.string().nullable(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() }).meta({ id: 'PreventionApiKey' });

export function runView(r: RunRow, replayed = false): z.infer<typeof RunSchema> {
  const { kind, apiKeyId: _a, startedAt, finishedAt, ...rest } = r;
  return { ...rest, kind: kind as z.infer<typeof RunSchema>['kind'], startedAt: startedAt.toISOString(), finishedAt: finishedAt?.toISOString() ?? null, replayed };
}
function keyView(k: ApiKeyRow): z.infer<typeof ApiKeySchema> {
  return { id: k.id, name: k.name, prefix: k.prefix, regionCode: k.regionCode, createdBy: k.createdBy, createdAt: k.createdAt.toISOString(), lastUsedAt: k.lastUsedAt?.toISOString() ?? null, revokedAt: k.revokedAt?.toISOString() ?? null };
}
function formatOf(name: string | null, contentType: string | undefined): IngestFormat | null {
  if (/\.(jsonl|ndjson)$/i.test(name ?? '') || /ndjson|jsonl|json/i.test(contentType ?? '')) return 'jsonl';
  if (/\.csv$/i.test(name ?? '') || /csv|text\/plain/i.test(contentType ?? '')) return 'csv';
  return null;
}

type Ingest = (actor: AuditActor, src: IngestSource) => Promise<{ run: RunRow; replayed: boolean }>;
/** The kinds the ingest pipeline takes, by URL slug: each gets the same upload and machine routes. */
function kinds(svc: PreventionService, hooks: IngestHooks): { slug: string; zh: string; en: string; run: Ingest }[] {
  return [
    { slug: 'test-results', zh: '核酸检测结果', en: 'PCR-test results', run: (a, s) => ingest(svc, TEST_RESULTS, a, s, hooks) },
    { slug: 'venue-scans', zh: '场所码扫码记录', en: 'venue scans', run: (a, s) => ingest(svc, VENUE_SCANS, a, s, hooks) },
    { slug: 'drug-purchases', zh: '四类药品购买记录', en: 'purchases of the four drug classes', run: (a, s) => ingest(svc, DRUG_PURCHASES, a, s, hooks) },
  ];
}

/** PCR-test ingest: the web upload, the machine API (API keys, not sessions), runs and their rejects. */
export function ingestRoutes(svc: PreventionService, hooks: IngestHooks = {}, afterIngest: () => Promise<void> = async () => {}) {
  return async (app: FastifyInstance) => {
    await app.register(multipart, { limits: { fileSize: 4 * 1024 * 1024 * 1024, files: 1 } });
    // The machine API streams its body straight to the ingest: no size limit, never buffered.
    app.addContentTypeParser(['text/csv', 'application/x-ndjson', 'application/jsonl'], (_req, payload, done) => done(null, payload));
    const r = typed(app);

    for (const k of kinds(svc, hooks)) {
      r.post(`/api/prevention/ingest/${k.slug}`, { config: { permission: 'prevention.ingest' }, schema: { tags: ['prevention'], summary: `上传${k.zh}（CSV 或 JSON Lines，multipart 字段 file）Upload ${k.en}`, consumes: ['multipart/form-data'], response: { 200: RunSchema, 400: ErrorBody, ...auth } } }, async (req) => {
        const { session, actor } = caller(req);
        if (!req.isMultipart()) throw errors.validation('body.file', 'upload a .csv or .jsonl file as multipart form data');
        const file = await req.file();
        if (!file) throw errors.validation('body.file', 'no file');
        const format = formatOf(file.filename, file.mimetype);
        if (!format) {
          file.file.resume();
          throw errors.validation('body.file', 'a .csv or .jsonl file');
        }
        const { run, replayed } = await k.run(actor, { stream: file.file, format, fileName: file.filename, source: 'upload', regionCode: session.user.regionCode, apiKeyId: null });
        if (!replayed) await afterIngest();
        return runView(run, replayed);
      });

      r.post(`/api/prevention/machine/${k.slug}`, { config: { permission: 'public' }, schema: { tags: ['prevention'], summary: `机构接口：推送${k.zh}（Authorization: Bearer 密钥；text/csv 或 application/x-ndjson 流）Machine API: ${k.en}`, consumes: ['text/csv', 'application/x-ndjson'], headers: z.object({ authorization: z.string().optional() }).loose(), response: { 200: RunSchema, 400: ErrorBody, 401: ErrorBody } } }, async (req, reply: FastifyReply) => {
        const key = await authenticateKey(svc.db, req.headers.authorization);
        const format = formatOf(null, req.headers['content-type']);
        const body = req.body as Readable | undefined;
        if (!format || !body || typeof body.pipe !== 'function') throw errors.validation('body', 'send text/csv or application/x-ndjson');
        const actor = { id: null, name: `api-key:${key.prefix}`, ip: req.ip };
        const { run, replayed } = await k.run(actor, { stream: body, format, fileName: null, source: 'api', regionCode: key.regionCode, apiKeyId: key.id });
        if (!replayed) await afterIngest();
        return reply.send(runView(run, replayed));
      });
    }

    r.get('/api/prevention/ingest/runs', { config: { permission: 'prevention.ingest' }, schema: { tags: ['prevention'], summary: '导入批次 Ingest runs', querystring: z.object({ status: z.enum(INGEST_STATUSES).optional(), kind: z.enum(INGEST_KIND_NAMES).optional() }).extend(Paging), response: { 200: pageOf(RunSchema), 400: ErrorBody, ...auth } } }, async (req) => {
      const { scope } = caller(req);
      const w = scopeWhere(scope, preventionIngestRuns, and(req.query.status ? eq(preventionIngestRuns.status, req.query.status) : undefined, req.query.kind ? eq(preventionIngestRuns.kind, req.query.kind) : undefined));
      const [rows, total] = await Promise.all([
        svc.db.select().from(preventionIngestRuns).where(w).orderBy(desc(preventionIngestRuns.startedAt)).limit(req.query.pageSize).offset((req.query.page - 1) * req.query.pageSize),
        svc.db.select({ n: count() }).from(preventionIngestRuns).where(w),
      ]);
      return { items: rows.map((x) => runView(x)), total: total[0]?.n ?? 0 };
    });

    r.get('/api/prevention/ingest/runs/:id/rejects', { config: { permission: 'prevention.ingest' }, schema: { tags: ['prevention'], summary: '被拒行及原因（CSV 下载）Rejected rows with reasons (csv)', params: Id, response: { 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req, reply) => {
      const { scope } = caller(req);
      const run = (await svc.db.select().from(preventionIngestRuns).where(scopeWhere(scope, preventionIngestRuns, eq(preventionIngestRuns.id, req.params.id))))[0];
      if (!run) throw errors.notFound('ingest_run');
      const rows = await svc.db.select().from(preventionIngestRejects).where(scopeWhere(scope, preventionIngestRejects, and(eq(preventionIngestRejects.runId, run.id)))).orderBy(asc(preventionIngestRejects.lineNo));
      return sendDownload(reply, 'text/csv; charset=utf-8', `rejects-${run.id.slice(0, 8)}.csv`, csvText([['行号 line', '原因 reason'], ...rows.map((x) => [String(x.lineNo), x.reason])]));
    });

    r.get('/api/prevention/api-keys', { config: { permission: 'prevention.apikeys' }, schema: { tags: ['prevention'], summary: '检测机构接口密钥 API keys', response: { 200: z.array(ApiKeySchema), ...auth } } }, async (req) => (await listApiKeys(svc.db, caller(req).scope)).map(keyView));

    r.post('/api/prevention/api-keys', { config: { permission: 'prevention.apikeys' }, schema: { tags: ['prevention'], summary: '新建接口密钥（仅显示一次）Create an API key (shown once)', body: z.object({ name: z.string().trim().min(1).max(100), regionCode: z.string().regex(/^\d{6}$/).optional() }), response: { 201: z.object({ key: z.string(), apiKey: ApiKeySchema }), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req, reply) => {
      const { scope, session, actor } = caller(req);
      const regionCode = req.body.regionCode ?? session.user.regionCode;
      if (!scopeCoversRegion(scope, regionCode) || !svc.regions.name(regionCode)) throw errors.notFound('region');
      const { key, row } = await createApiKey(svc.db, scope, actor, { name: req.body.name, regionCode });
      return reply.status(201).send({ key, apiKey: keyView(row) });
    });

    r.post('/api/prevention/api-keys/:id/revoke', { config: { permission: 'prevention.apikeys' }, schema: { tags: ['prevention'], summary: '吊销接口密钥 Revoke an API key', params: Id, response: { 200: ApiKeySchema, 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope, actor } = caller(req);
      return keyView(await revokeApiKey(svc.db, scope, actor, req.params.id));
    });
  };
}
