import { z } from 'zod';
import ExcelJS from 'exceljs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { caller, typed } from '../../platform/http.js';
import { ErrorBody, pageOf, Paging, Uuid } from '../../platform/schemas.js';
import { scopeCoversRegion } from '../../platform/scope.js';
import { errors } from '../../platform/errors.js';
import { shanghaiTime } from '../../platform/excel.js';
import type { WeeklyReportRecord, WeeklyReportService } from './weekly.js';
import { WeeklyReportSchema, WeeklySummarySchema } from './views.js';
import { weeklyPdf } from './weekly-pdf.js';

const auth = { 401: ErrorBody, 403: ErrorBody };
const Id = z.object({ id: Uuid });
const KIND = { demand: { zh: '诉求', en: 'Demand' }, task: { zh: '交办任务', en: 'Task' } } as const;

function reportView(svc: WeeklyReportService, r: WeeklyReportRecord) {
  return { id: r.id, commandId: r.commandId, commandName: r.data.commandName, regionCode: r.regionCode, regionName: svc.regions.name(r.regionCode), weekOf: r.weekOf, periodFrom: r.periodFrom.toISOString(), periodTo: r.periodTo.toISOString(), generatedAt: r.generatedAt.toISOString(), generatedBy: r.generatedBy, totals: r.data.totals, data: r.data };
}

/** The report as a workbook: the figures per unit, the longest-overdue items, the notices. */
export async function weeklyWorkbook(r: WeeklyReportRecord, en: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const t = (zh: string, e: string) => (en ? e : zh);
  const units = wb.addWorksheet(t('分单位情况', 'By unit'));
  units.columns = [
    { header: t('类别', 'Kind'), width: 12 },
    { header: t('责任单位', 'Responsible unit'), width: 36 },
    { header: t('本周新增', 'New'), width: 12 },
    { header: t('本周办结', 'Closed'), width: 12 },
    { header: t('超期', 'Overdue'), width: 12 },
    { header: t('上报', 'Escalated'), width: 12 },
  ];
  units.getRow(1).font = { bold: true };
  for (const row of r.data.rows) units.addRow([en ? KIND[row.kind].en : KIND[row.kind].zh, row.unit.label, row.created, row.closed, row.overdue, row.escalated]);
  for (const kind of ['demand', 'task'] as const) {
    const x = r.data.totals[kind];
    units.addRow([en ? KIND[kind].en : KIND[kind].zh, t('合计', 'Total'), x.created, x.closed, x.overdue, x.escalated]).font = { bold: true };
  }
  const longest = wb.addWorksheet(t('超期最久事项', 'Longest overdue'));
  longest.columns = [{ header: t('类别', 'Kind'), width: 12 }, { header: t('事项', 'Item'), width: 48 }, { header: t('责任单位', 'Responsible unit'), width: 36 }, { header: t('超期起始', 'Overdue since'), width: 20 }];
  longest.getRow(1).font = { bold: true };
  for (const i of r.data.longestOverdue) longest.addRow([en ? KIND[i.kind].en : KIND[i.kind].zh, i.title, i.unitLabel ?? '', shanghaiTime(i.overdueSince)]);
  const notices = wb.addWorksheet(t('督办单', 'Notices'));
  notices.columns = [{ header: t('本周下发', 'Issued'), width: 14 }, { header: t('本周回复', 'Replied'), width: 14 }, { header: t('本周办结', 'Closed'), width: 14 }, { header: t('逾期未回复', 'Overdue'), width: 14 }];
  notices.getRow(1).font = { bold: true };
  notices.addRow([r.data.notices.issued, r.data.notices.replied, r.data.notices.closed, r.data.notices.overdue]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A file download with a UTF-8 file name. */
export function sendDownload(reply: FastifyReply, contentType: string, fileName: string, body: Buffer) {
  return reply.header('content-type', contentType).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`).send(body);
}

/** The weekly supervision report (督查督办周报告): list, detail, downloads and "generate now". */
export function reportRoutes(svc: WeeklyReportService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);

    r.get('/api/reports/weekly', { config: { permission: 'reports.read' }, schema: { tags: ['reports'], summary: '周报告列表 Weekly reports of the caller’s region', querystring: z.object({ regionCode: z.string().regex(/^\d{6}$/).optional(), from: z.iso.date().optional(), to: z.iso.date().optional(), ...Paging }), response: { 200: pageOf(WeeklySummarySchema), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { scope } = caller(req);
      if (req.query.regionCode && !scopeCoversRegion(scope, req.query.regionCode)) throw errors.notFound('region');
      if (req.query.from && req.query.to && req.query.from > req.query.to) throw errors.validation('query.to', 'to is before from');
      const res = await svc.list(scope, req.query);
      return {
        items: res.items.map((x) => ({ ...x, commandName: x.commandName, regionName: svc.regions.name(x.regionCode), periodFrom: x.periodFrom.toISOString(), periodTo: x.periodTo.toISOString(), generatedAt: x.generatedAt.toISOString() })),
        total: res.total,
      };
    });

    r.post('/api/reports/weekly/generate', { config: { permission: 'reports.generate' }, schema: { tags: ['reports'], summary: '立即生成本周报告 Generate this week’s report now', response: { 200: WeeklyReportSchema, 409: ErrorBody, ...auth } } }, async (req) => {
      const { session, actor } = caller(req);
      return reportView(svc, await svc.generateNow(session, actor));
    });

    r.get('/api/reports/weekly/:id', { config: { permission: 'reports.read' }, schema: { tags: ['reports'], summary: '周报告 Weekly report', params: Id, response: { 200: WeeklyReportSchema, 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      return reportView(svc, await svc.get(caller(req).scope, req.params.id));
    });

    r.get('/api/reports/weekly/:id/xlsx', { config: { permission: 'reports.read' }, schema: { tags: ['reports'], summary: '下载周报告 Excel Download as xlsx', params: Id, response: { 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req, reply) => {
      const report = await svc.get(caller(req).scope, req.params.id);
      const en = req.lang === 'en-US';
      const name = en ? `weekly-report-${report.regionCode}-${report.weekOf}` : `督查督办周报告-${report.data.commandName}-${report.weekOf}`;
      return sendDownload(reply, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `${name}.xlsx`, await weeklyWorkbook(report, en));
    });

    r.get('/api/reports/weekly/:id/pdf', { config: { permission: 'reports.read' }, schema: { tags: ['reports'], summary: '下载周报告 PDF Download as PDF', params: Id, response: { 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req, reply) => {
      const report = await svc.get(caller(req).scope, req.params.id);
      const en = req.lang === 'en-US';
      const name = en ? `weekly-report-${report.regionCode}-${report.weekOf}` : `督查督办周报告-${report.data.commandName}-${report.weekOf}`;
      return sendDownload(reply, 'application/pdf', `${name}.pdf`, await weeklyPdf(report, en));
    });
  };
}
