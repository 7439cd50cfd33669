import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

export interface SheetColumn<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | boolean | null;
}

/** Builds one worksheet and sends it as an .xlsx download with a UTF-8 file name. */
export async function sendXlsx<T>(reply: FastifyReply, fileName: string, sheet: string, columns: SheetColumn<T>[], rows: T[]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.columns = columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width ?? 18 }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) ws.addRow(columns.map((c) => c.value(row)));
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}.xlsx`)
    .send(buf);
}

/** Times are stored in UTC and shown in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghaiTime(d: Date | string | null): string {
  if (!d) return '';
  const t = new Date(new Date(d).getTime() + 8 * 3600_000);
  return t.toISOString().replace('T', ' ').slice(0, 19);
}
