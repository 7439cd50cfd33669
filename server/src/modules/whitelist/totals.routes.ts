import { z } from 'zod';
import type { FastifyInstance, FastifyReply } from 'fastify';
import multipart from '@fastify/multipart';
import { caller, typed } from '../../platform/http.js';
import { ErrorBody, pageOf, Paging } from '../../platform/schemas.js';
import { errors } from '../../platform/errors.js';
import { sendXlsx, shanghaiTime } from '../../platform/excel.js';
import { IMPORT_COLUMNS } from './import.js';
import type { WhitelistService } from './service.js';
import { importSectorTotals, listSectorTotals, SECTOR_LABELS, templateWorkbook, TOTALS_COLUMNS } from './totals.js';
import { RegionCode, SectorEnum } from './views.js';

const auth = { 401: ErrorBody, 403: ErrorBody };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SectorTotalSchema = z
  .object({ id: z.string(), regionCode: z.string(), regionName: z.string(), sector: SectorEnum, effectiveFrom: z.string(), totalOutputFen: z.number(), enteredBy: z.string().nullable(), enteredAt: z.string() })
  .meta({ id: 'SectorTotal' });
const ImportResult = z.object({ rows: z.number(), created: z.number(), updated: z.number(), unchanged: z.number(), rejected: z.array(z.object({ row: z.number(), reason: z.string() })) });
const Filters = z.object({ regionCode: RegionCode.optional(), sector: SectorEnum.optional() });

function sendFile(reply: FastifyReply, name: string, body: Buffer) {
  return reply.header('content-type', XLSX).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}.xlsx`).send(body);
}

/** Sector totals per region (the denominator of coverage, from outside statistics) and the import templates. */
export function sectorTotalRoutes(svc: WhitelistService) {
  return async (app: FastifyInstance) => {
    await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
    const r = typed(app);

    r.get('/api/whitelist/sector-totals', {
      config: { permission: 'whitelist.read' },
      schema: { tags: ['whitelist'], summary: '行业总产值（含历史） Sector totals with their history', querystring: Filters.extend(Paging), response: { 200: pageOf(SectorTotalSchema), 400: ErrorBody, 404: ErrorBody, ...auth } },
    }, async (req) => listSectorTotals(svc, caller(req).scope, req.query));

    r.get('/api/whitelist/sector-totals/export', {
      config: { permission: 'whitelist.read' },
      schema: { tags: ['whitelist'], summary: '导出行业总产值 Export sector totals (xlsx)', querystring: Filters, response: { 400: ErrorBody, 404: ErrorBody, ...auth } },
    }, async (req, reply) => {
      const { items } = await listSectorTotals(svc, caller(req).scope, { ...req.query, page: 1, pageSize: 100_000 });
      type Row = (typeof items)[number];
      return sendXlsx<Row>(reply, '行业总产值', '行业总产值', [
        { header: TOTALS_COLUMNS[0], value: (x) => x.regionCode },
        { header: '地区', value: (x) => x.regionName },
        { header: TOTALS_COLUMNS[1], value: (x) => SECTOR_LABELS[x.sector] },
        { header: TOTALS_COLUMNS[2], value: (x) => x.effectiveFrom },
        { header: TOTALS_COLUMNS[3], value: (x) => x.totalOutputFen / 1e6 },
        { header: '录入人', value: (x) => x.enteredBy },
        { header: '录入时间', width: 20, value: (x) => shanghaiTime(x.enteredAt) },
      ], items);
    });

    r.get('/api/whitelist/sector-totals/template', {
      config: { permission: 'whitelist.import' },
      schema: { tags: ['whitelist'], summary: '行业总产值导入模板 Sector-totals import template (xlsx)', response: { ...auth } },
    }, async (req, reply) => {
      const region = caller(req).scope.regionCode;
      return sendFile(reply, '行业总产值导入模板', await templateWorkbook(TOTALS_COLUMNS, [region, '工业生产', '2022-05-01', 123456.78], [
        '地区代码：六位行政区划代码，须在本单位辖区内。',
        `行业：${Object.values(SECTOR_LABELS).join('、')}。`,
        '生效日期：YYYY-MM-DD；同一地区、行业、日期再次导入时以新数值为准，数值相同则不作改动。',
        '行业总产值：万元（重点项目填投资额），最多六位小数。',
      ]));
    });

    r.post('/api/whitelist/sector-totals/import', {
      config: { permission: 'whitelist.import' },
      schema: { tags: ['whitelist'], summary: '导入行业总产值 Import sector totals (xlsx, multipart field "file")', consumes: ['multipart/form-data'], response: { 200: ImportResult, 400: ErrorBody, 404: ErrorBody, ...auth } },
    }, async (req) => {
      const { scope, actor } = caller(req);
      if (!req.isMultipart()) throw errors.validation('body.file', 'upload an .xlsx file as multipart form data');
      const file = await req.file();
      if (!file) throw errors.validation('body.file', 'no file');
      const buf = await file.toBuffer();
      try {
        return await importSectorTotals(svc, scope, actor, buf);
      } catch (err) {
        if (err instanceof Error && !('statusCode' in err)) throw errors.validation('body.file', 'not a readable .xlsx file');
        throw err;
      }
    });

    r.get('/api/whitelist/import/template', {
      config: { permission: 'whitelist.import' },
      schema: { tags: ['whitelist'], summary: '企业名单导入模板 Enterprise-list import template (xlsx)', response: { ...auth } },
    }, async (req, reply) => {
      const region = caller(req).scope.regionCode;
      return sendFile(reply, '企业名单导入模板', await templateWorkbook(IMPORT_COLUMNS, ['91410225MA9XXXXXXX', '示例食品有限公司', '企业', '工业生产', region, '张三', '李四', '13900000000', 1200, 5000, 400, 300, '是', '否', 'A', '否'], [
        '统一社会信用代码：18位，按 GB 32100 校验（含校验位）；已存在的企业不会重复导入。',
        '主体类型：企业、项目、园区。',
        `行业：${Object.values(SECTOR_LABELS).join('、')}。`,
        '地区代码：六位行政区划代码，须在本单位辖区内。',
        '联系电话：11位手机号，加密存储。',
        '总产值：万元（项目填投资额）。防疫方案、城市运行保障、欠税：是 / 否。',
        '纳税信用等级：A、B、M、C、D，无评级留空。',
        '示例行的信用代码不是有效代码，导入前请替换或删除。',
      ]));
    });
  };
}
