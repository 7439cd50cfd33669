import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import type { AuditActor } from '../../platform/audit/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Scope } from '../../platform/scope.js';
import { idCardCheckChar } from '../../seed/idcard.js';
import { normaliseIdCard, type EmployeeInput, type PreventionService } from './service.js';
import { preventionEmployees, preventionUnits, type EmployeeStatus, type PostKind } from './tables.js';

/** The columns of the roster template, in order (header row 1). */
export const ROSTER_COLUMNS = ['姓名', '身份证号', '手机号', '岗位', '岗位类别', '闭环单元', '宿舍', '状态'] as const;

const POST_KIND: Record<string, PostKind> = { 普通: 'regular', 普通岗位: 'regular', 流动接触: 'mobile_contact', 流动及接触岗位: 'mobile_contact', 城市保供: 'city_supply', 城市保供人员: 'city_supply', regular: 'regular', mobile_contact: 'mobile_contact', city_supply: 'city_supply' };
const STATUS: Record<string, EmployeeStatus> = { 在岗: 'active', 休假: 'on_leave', 隔离: 'isolated', 离职: 'left', active: 'active', on_leave: 'on_leave', isolated: 'isolated', left: 'left' };

export interface RosterImportReport {
  rows: number;
  created: number;
  existing: number;
  unitsCreated: number;
  rejected: { row: number; reason: string }[];
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim();
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '').trim();
  return String(v).trim();
}

/**
 * Loads a roster: bad rows are reported with their row number and reason; good ones are inserted
 * keyed by (enterprise, ID hash), so loading the same file twice adds nobody twice. Units named in
 * the file that do not exist yet are created.
 */
export async function importRoster(svc: PreventionService, scope: Scope, actor: AuditActor, enterpriseId: string | undefined, file: Buffer): Promise<RosterImportReport> {
  const ent = await svc.targetEnterprise(svc.db, scope, enterpriseId);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const report: RosterImportReport = { rows: 0, created: 0, existing: 0, unitsCreated: 0, rejected: [] };
  if (!ws) return report;
  const good: { input: EmployeeInput; unitName: string }[] = [];
  const seen = new Set<string>();
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const c = ROSTER_COLUMNS.map((_, i) => cellText(row.getCell(i + 1).value));
    if (c.every((x) => x === '')) return;
    report.rows++;
    const [name, idCard, phone, post, kindText, unitName, dormitory, statusText] = c as [string, string, string, string, string, string, string, string];
    const postKind = kindText ? POST_KIND[kindText] : 'regular';
    const status = statusText ? STATUS[statusText] : 'active';
    if (!postKind) return void report.rejected.push({ row: n, reason: `岗位类别无效 invalid post kind: ${kindText}` });
    if (!status) return void report.rejected.push({ row: n, reason: `状态无效 invalid status: ${statusText}` });
    const input: EmployeeInput = { name, idCard, phone: phone || null, post, postKind, dormitory: dormitory || null, status };
    const bad = svc.checkEmployee(input);
    if (bad) return void report.rejected.push({ row: n, reason: bad.reason });
    const key = normaliseIdCard(idCard);
    if (seen.has(key)) return void report.rejected.push({ row: n, reason: '身份证号在文件中重复 duplicate ID number in the file' });
    seen.add(key);
    good.push({ input, unitName });
  });
  await svc.db.transaction(async (tx) => {
    const unitIds = new Map((await tx.select().from(preventionUnits).where(eq(preventionUnits.enterpriseId, ent.id))).map((u) => [u.name, u.id]));
    for (const name of new Set(good.map((g) => g.unitName).filter((x) => x && !unitIds.has(x)))) {
      const [u] = await tx.insert(preventionUnits).values({ enterpriseId: ent.id, regionCode: ent.regionCode, name }).onConflictDoNothing().returning();
      if (u) {
        unitIds.set(name, u.id);
        report.unitsCreated++;
      } else {
        const existing = await tx.select({ id: preventionUnits.id }).from(preventionUnits).where(and(eq(preventionUnits.enterpriseId, ent.id), eq(preventionUnits.name, name)));
        if (existing[0]) unitIds.set(name, existing[0].id);
      }
    }
    const values = good.map((g) => svc.employeeValues(ent, { ...g.input, unitId: g.unitName ? (unitIds.get(g.unitName) ?? null) : null }));
    for (let i = 0; i < values.length; i += 500) {
      const inserted = await tx.insert(preventionEmployees).values(values.slice(i, i + 500)).onConflictDoNothing().returning({ id: preventionEmployees.id });
      report.created += inserted.length;
    }
    report.existing = good.length - report.created;
    await recordAudit(tx, actor, { action: 'prevention.roster.import', targetType: 'enterprise', targetId: ent.id, regionCode: ent.regionCode, detail: { ...report, rejected: report.rejected.length } });
  });
  return report;
}

/** An empty template with the header row, for the download button. */
export async function rosterTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('员工名册');
  ws.addRow([...ROSTER_COLUMNS]);
  ws.addRow(['张三', `41022519900101123${idCardCheckChar('41022519900101123')}`, '13800000000', '物流司机', '流动接触', '一车间', '1号宿舍', '在岗']);
  ws.columns.forEach((c) => (c.width = 18));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
