import ExcelJS from 'exceljs';
import type { AuditActor } from '../../platform/audit/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { FieldCrypto } from '../../platform/crypto.js';
import { scopeCoversRegion, type Scope } from '../../platform/scope.js';
import { isValidUscc } from '../../seed/uscc.js';
import type { WhitelistService } from './service.js';
import { enterprises, SECTORS, TAX_CREDIT_RATINGS, type EnterpriseKind, type Sector, type TaxCreditRating } from './tables.js';

/** The columns of the import template, in order (header row 1). */
export const IMPORT_COLUMNS = ['统一社会信用代码', '企业名称', '主体类型', '行业', '地区代码', '法定代表人', '联系人', '联系电话', '用工人数', '总产值(万元)', '宿舍床位', '闭环容量', '防疫方案', '城市运行保障', '纳税信用等级', '欠税'] as const;

const KIND: Record<string, EnterpriseKind> = { 企业: 'enterprise', 项目: 'project', 园区: 'park', enterprise: 'enterprise', project: 'project', park: 'park' };
export const SECTOR_BY_TEXT: Record<string, Sector> = { 工业生产: 'industry', 商贸流通: 'commerce', 交通运输: 'transport', 文化旅游: 'culture_tourism', 重点项目: 'key_project', ...Object.fromEntries(SECTORS.map((s) => [s, s])) };
const YES = new Set(['是', 'y', 'yes', 'true', '1']);
/** "A", "a" or "A级"; empty means no rating on file. */
function taxRating(text: string): TaxCreditRating | null | undefined {
  const t = text.replace(/级$/, '').trim().toUpperCase();
  if (t === '') return null;
  return (TAX_CREDIT_RATINGS as readonly string[]).includes(t) ? (t as TaxCreditRating) : undefined;
}

export interface ImportReport {
  rows: number;
  created: number;
  existing: number;
  rejected: { row: number; reason: string }[];
}

export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim();
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '').trim();
  return String(v).trim();
}

/**
 * Loads an enterprise list: each row is checked and the bad ones reported with their row number;
 * the good ones are inserted, keyed by the credit code, so loading a file twice adds nothing twice.
 */
export async function importEnterprises(svc: WhitelistService, crypto: FieldCrypto, scope: Scope, actor: AuditActor, file: Buffer): Promise<ImportReport> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const report: ImportReport = { rows: 0, created: 0, existing: 0, rejected: [] };
  if (!ws) return report;
  const good: (typeof enterprises.$inferInsert)[] = [];
  const seen = new Set<string>();
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const c = IMPORT_COLUMNS.map((_, i) => cellText(row.getCell(i + 1).value));
    if (c.every((x) => x === '')) return;
    report.rows++;
    const reject = (reason: string) => report.rejected.push({ row: n, reason });
    const [uscc, name, kindText, sectorText, regionCode, legal, contact, phone, emp, wan, dorm, loop, plan, support, rating, arrears] = c as [string, string, string, string, string, string, string, string, string, string, string, string, string, string, string, string];
    const kind = KIND[kindText];
    const sector = SECTOR_BY_TEXT[sectorText];
    const num = (s: string) => (s === '' ? 0 : Number(s));
    if (!isValidUscc(uscc)) return reject(`统一社会信用代码无效 invalid credit code: ${uscc}`);
    if (seen.has(uscc)) return reject(`统一社会信用代码重复 duplicate credit code in the file: ${uscc}`);
    if (!name) return reject('企业名称为空 name missing');
    if (!kind) return reject(`主体类型无效 invalid kind: ${kindText}`);
    if (!sector) return reject(`行业无效 invalid sector: ${sectorText}`);
    if (!svc.regions.name(regionCode) || !scopeCoversRegion(scope, regionCode)) return reject(`地区代码不在辖区内 region outside your scope: ${regionCode}`);
    if (scope.kind === 'government' && scope.sector !== null && scope.sector !== sector) return reject(`行业不在职责范围内 sector outside your scope: ${sectorText}`);
    if (!legal) return reject('法定代表人为空 legal representative missing');
    if (phone && !/^1\d{10}$/.test(phone)) return reject(`联系电话无效 invalid mobile number: ${phone}`);
    const taxCreditRating = taxRating(rating);
    if (taxCreditRating === undefined) return reject(`纳税信用等级无效 invalid tax credit rating (A, B, M, C or D): ${rating}`);
    const nums = [emp, wan, dorm, loop].map(num);
    if (nums.some((x) => !Number.isFinite(x) || x < 0)) return reject('数值列无效 a number column is invalid');
    const [employees, outputWan, dormitoryCapacity, closedLoopCapacity] = nums as [number, number, number, number];
    seen.add(uscc);
    good.push({
      uscc, name, kind, sector, regionCode, legalRepresentative: legal, contactName: contact || null,
      contactPhoneEnc: phone ? crypto.encrypt(phone) : null,
      employees: Math.round(employees), outputValueFen: Math.round(outputWan * 1e6),
      dormitoryCapacity: Math.round(dormitoryCapacity), closedLoopCapacity: Math.round(closedLoopCapacity),
      hasPreventionPlan: YES.has(plan.toLowerCase()), cityOperationSupport: YES.has(support.toLowerCase()),
      taxCreditRating, taxArrears: YES.has(arrears.toLowerCase()),
    });
  });
  await svc.db.transaction(async (tx) => {
    for (let i = 0; i < good.length; i += 500) {
      const inserted = await tx.insert(enterprises).values(good.slice(i, i + 500)).onConflictDoNothing({ target: enterprises.uscc }).returning({ id: enterprises.id });
      report.created += inserted.length;
    }
    report.existing = good.length - report.created;
    await recordAudit(tx, actor, { action: 'whitelist.import', targetType: 'enterprise', detail: { ...report, rejected: report.rejected.length } });
  });
  return report;
}
