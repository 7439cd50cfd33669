import ExcelJS from 'exceljs';
import { and, count, desc, eq, inArray } from 'drizzle-orm';
import type { AuditActor } from '../../platform/audit/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import { errors } from '../../platform/errors.js';
import { scopeCoversRegion, scopeWhere, type Scope } from '../../platform/scope.js';
import type { WhitelistService } from './service.js';
import { sectorTotals, type Sector } from './tables.js';
import { cellText, SECTOR_BY_TEXT } from './import.js';

/** Columns of the sector-totals template (statistics come from outside; 万元 as the statistics bureau reports them). */
export const TOTALS_COLUMNS = ['地区代码', '行业', '生效日期', '行业总产值(万元)'] as const;

export interface TotalsImportReport {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: { row: number; reason: string }[];
}

export async function listSectorTotals(svc: WhitelistService, scope: Scope, q: { regionCode?: string | undefined; sector?: Sector | undefined; page: number; pageSize: number }) {
  if (scope.kind !== 'government') throw errors.notFound('region');
  if (q.regionCode && (!scopeCoversRegion(scope, q.regionCode) || !svc.regions.name(q.regionCode))) throw errors.notFound('region');
  const w = scopeWhere(scope, sectorTotals, and(q.regionCode ? inArray(sectorTotals.regionCode, svc.regions.subtree(q.regionCode)) : undefined, q.sector ? eq(sectorTotals.sector, q.sector) : undefined));
  const [rows, total] = await Promise.all([
    svc.db.select().from(sectorTotals).where(w).orderBy(sectorTotals.regionCode, sectorTotals.sector, desc(sectorTotals.effectiveFrom)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    svc.db.select({ n: count() }).from(sectorTotals).where(w),
  ]);
  return {
    items: rows.map((r) => ({ id: r.id, regionCode: r.regionCode, regionName: svc.regions.name(r.regionCode), sector: r.sector, effectiveFrom: r.effectiveFrom, totalOutputFen: r.totalOutputFen, enteredBy: r.enteredBy, enteredAt: r.createdAt.toISOString() })),
    total: total[0]?.n ?? 0,
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function dateCell(v: ExcelJS.CellValue): string {
  // Excel stores typed dates as Date (midnight UTC of the day shown).
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return cellText(v).replace(/[/.]/g, '-').replace(/^(\d{4})-(\d)-/, '$1-0$2-').replace(/-(\d)$/, '-0$1');
}

/**
 * Loads sector totals from a sheet. Rows are checked one by one and the bad ones reported; a row
 * for a region, sector and date already entered replaces its figure, so loading the same file
 * twice changes nothing the second time.
 */
export async function importSectorTotals(svc: WhitelistService, scope: Scope, actor: AuditActor, file: Buffer): Promise<TotalsImportReport> {
  if (scope.kind !== 'government') throw errors.notFound('region');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const report: TotalsImportReport = { rows: 0, created: 0, updated: 0, unchanged: 0, rejected: [] };
  if (!ws) return report;
  const good = new Map<string, { row: number; regionCode: string; sector: Sector; effectiveFrom: string; totalOutputFen: number }>();
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const region = cellText(row.getCell(1).value);
    const sectorText = cellText(row.getCell(2).value);
    const from = dateCell(row.getCell(3).value);
    const wanText = cellText(row.getCell(4).value);
    if ([region, sectorText, from, wanText].every((x) => x === '')) return;
    report.rows++;
    const reject = (reason: string) => report.rejected.push({ row: n, reason });
    const sector = SECTOR_BY_TEXT[sectorText];
    if (!svc.regions.name(region) || !scopeCoversRegion(scope, region)) return reject(`地区代码不在辖区内 region outside your scope: ${region}`);
    if (!sector) return reject(`行业无效 invalid sector: ${sectorText}`);
    if (scope.sector !== null && scope.sector !== sector) return reject(`行业不在职责范围内 sector outside your scope: ${sectorText}`);
    if (!DATE.test(from) || Number.isNaN(Date.parse(from)) || !new Date(from).toISOString().startsWith(from)) return reject(`生效日期无效 invalid date: ${from}`);
    const wan = Number(wanText);
    if (wanText === '' || !Number.isFinite(wan) || wan < 0 || wan > 1e11) return reject(`行业总产值无效 invalid total: ${wanText}`);
    const key = `${region}|${sector}|${from}`;
    if (good.has(key)) return reject(`与第${good.get(key)!.row}行重复 duplicate of row ${good.get(key)!.row}`);
    // 万元 with up to 6 decimals is an exact number of fen; round half away from zero otherwise.
    good.set(key, { row: n, regionCode: region, sector, effectiveFrom: from, totalOutputFen: Math.round(wan * 1e6) });
  });
  await svc.db.transaction(async (tx) => {
    const list = [...good.values()];
    for (let i = 0; i < list.length; i += 500) {
      const chunk = list.slice(i, i + 500);
      const existing = await tx.select().from(sectorTotals).where(inArray(sectorTotals.regionCode, [...new Set(chunk.map((c) => c.regionCode))]));
      const known = new Map(existing.map((e) => [`${e.regionCode}|${e.sector}|${e.effectiveFrom}`, e]));
      for (const c of chunk) {
        const before = known.get(`${c.regionCode}|${c.sector}|${c.effectiveFrom}`);
        if (before && before.totalOutputFen === c.totalOutputFen) {
          report.unchanged++;
          continue;
        }
        const values = { regionCode: c.regionCode, sector: c.sector, effectiveFrom: c.effectiveFrom, totalOutputFen: c.totalOutputFen, enteredBy: actor.name };
        if (before) {
          await tx.update(sectorTotals).set({ totalOutputFen: c.totalOutputFen, enteredBy: actor.name, createdAt: new Date() }).where(eq(sectorTotals.id, before.id));
          report.updated++;
        } else {
          await tx.insert(sectorTotals).values(values);
          report.created++;
        }
      }
    }
    await recordAudit(tx, actor, { action: 'whitelist.sector_total.import', targetType: 'sector_total', detail: { ...report, rejected: report.rejected.length } });
  });
  return report;
}

/** An empty sheet with the template's header and one example row, for the department to fill. */
export async function templateWorkbook(columns: readonly string[], example: (string | number)[], notes: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导入模板');
  ws.columns = columns.map((header) => ({ header, width: Math.max(14, header.length * 2 + 4) }));
  ws.getRow(1).font = { bold: true };
  ws.addRow(example);
  const help = wb.addWorksheet('填写说明');
  help.getColumn(1).width = 100;
  for (const n of notes) help.addRow([n]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const SECTOR_LABELS: Record<Sector, string> = { industry: '工业生产', commerce: '商贸流通', transport: '交通运输', culture_tourism: '文化旅游', key_project: '重点项目' };
