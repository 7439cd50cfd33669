import { createPdf, CJK_FONT, CJK_FONT_BOLD, pdfToBuffer } from '../../platform/pdf.js';
import { shanghaiTime } from '../../platform/excel.js';
import type { WeeklyReportRecord } from './weekly.js';

const KIND = { demand: { zh: '诉求', en: 'Demand' }, task: { zh: '交办任务', en: 'Task' } } as const;

/** The weekly report as a printable A4 PDF (Chinese font from platform/pdf). */
export async function weeklyPdf(r: WeeklyReportRecord, en: boolean): Promise<Buffer> {
  const t = (zh: string, e: string) => (en ? e : zh);
  const doc = createPdf({ info: { Title: t('督查督办周报告', 'Weekly supervision report') } });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const d = r.data;

  doc.font(CJK_FONT_BOLD).fontSize(18).text(t('督查督办周报告', 'Weekly supervision report'), { align: 'center' });
  doc.moveDown(0.3).font(CJK_FONT).fontSize(11).text(d.commandName, { align: 'center' });
  doc.moveDown(0.3).fontSize(9).fillColor('#555').text(`${t('报告周', 'Week of')} ${r.weekOf} · ${t('统计期间', 'Period')} ${shanghaiTime(r.periodFrom)} — ${shanghaiTime(r.periodTo)} · ${t('生成时间', 'Generated')} ${shanghaiTime(r.generatedAt)}`, { align: 'center' });
  doc.fillColor('#000').moveDown(1);

  /** One table: a bold header row and the rows, columns by relative width, a new page when full. */
  const table = (title: string, headers: string[], widths: number[], rows: (string | number)[][]) => {
    doc.font(CJK_FONT_BOLD).fontSize(12).text(title, left);
    doc.moveDown(0.3);
    const total = widths.reduce((a, b) => a + b, 0);
    const xs = widths.map((_, i) => left + (widths.slice(0, i).reduce((a, b) => a + b, 0) / total) * width);
    const line = (cells: (string | number)[], bold: boolean) => {
      if (doc.y > doc.page.height - doc.page.margins.bottom - 30) doc.addPage();
      const y = doc.y;
      doc.font(bold ? CJK_FONT_BOLD : CJK_FONT).fontSize(9);
      let bottom = y;
      cells.forEach((c, i) => {
        doc.text(String(c), xs[i]!, y, { width: ((widths[i] ?? 1) / total) * width - 6 });
        bottom = Math.max(bottom, doc.y);
      });
      doc.y = bottom + 3;
      doc.moveTo(left, doc.y - 1).lineTo(left + width, doc.y - 1).strokeColor('#ddd').lineWidth(0.5).stroke();
    };
    line(headers, true);
    if (rows.length === 0) line([t('无', 'None')], false);
    for (const row of rows) line(row, false);
    doc.x = left;
    doc.moveDown(1);
  };

  const totalRows = (['demand', 'task'] as const).map((k) => [en ? KIND[k].en : KIND[k].zh, d.totals[k].created, d.totals[k].closed, d.totals[k].overdue, d.totals[k].escalated]);
  const figures = [t('本周新增', 'New'), t('本周办结', 'Closed'), t('超期', 'Overdue'), t('上报', 'Escalated')];
  table(t('一、总体情况', '1. Overview'), [t('类别', 'Kind'), ...figures], [2, 1, 1, 1, 1], totalRows);
  table(t('二、分单位情况', '2. By unit'), [t('类别', 'Kind'), t('责任单位', 'Responsible unit'), ...figures], [1.2, 4, 1, 1, 1, 1], d.rows.map((x) => [en ? KIND[x.kind].en : KIND[x.kind].zh, x.unit.label, x.created, x.closed, x.overdue, x.escalated]));
  table(t('三、超期最久事项', '3. Longest overdue'), [t('类别', 'Kind'), t('事项', 'Item'), t('责任单位', 'Responsible unit'), t('超期起始', 'Overdue since')], [1.2, 4, 3, 2], d.longestOverdue.map((x) => [en ? KIND[x.kind].en : KIND[x.kind].zh, x.title, x.unitLabel ?? '', shanghaiTime(x.overdueSince)]));
  table(t('四、督办单情况', '4. Supervision notices'), [t('本周下发', 'Issued'), t('本周回复', 'Replied'), t('本周办结', 'Closed'), t('逾期未回复', 'Overdue')], [1, 1, 1, 1], [[d.notices.issued, d.notices.replied, d.notices.closed, d.notices.overdue]]);
  return pdfToBuffer(doc);
}
