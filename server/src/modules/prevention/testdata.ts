import ExcelJS from 'exceljs';
import { generateIdCard } from '../../seed/idcard.js';
import { createRandom } from '../../seed/random.js';
import { ROSTER_COLUMNS } from './roster-import.js';

/** Small test-data factories for the prevention tests. */
const rng = createRandom(4242);
export function idCard(region = '410225'): string {
  return generateIdCard(rng, region, [1970, 2000]);
}
/** A wrong check character on an otherwise valid number. */
export function badIdCard(): string {
  const id = idCard();
  const last = id.charAt(17);
  return id.slice(0, 17) + (last === '0' ? '1' : '0');
}
export function multipart(file: Buffer | string, filename: string, type: string) {
  const boundary = '----sibaoprevtest';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head), Buffer.from(file), Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}
export async function rosterXlsx(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow([...ROSTER_COLUMNS]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
export function resultsCsv(rows: { sampleId: string; idCard: string; sampledAt: string; result: string; institution?: string }[]): string {
  return ['sample_id,id_card,sampled_at,result,institution', ...rows.map((r) => `${r.sampleId},${r.idCard},${r.sampledAt},${r.result},${r.institution ?? '开封市疾控中心'}`)].join('\n') + '\n';
}
