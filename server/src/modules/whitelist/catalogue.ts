import { sql } from 'drizzle-orm';
import type { Catalogue, FieldRecord } from '../../platform/rules/index.js';
import { enterprises } from './tables.js';

const SECTOR_OPTIONS = [
  { value: 'industry', zh: '工业生产', en: 'Industry' },
  { value: 'commerce', zh: '商贸流通', en: 'Commerce' },
  { value: 'transport', zh: '交通运输', en: 'Transport' },
  { value: 'culture_tourism', zh: '文化旅游', en: 'Culture & tourism' },
  { value: 'key_project', zh: '重点项目', en: 'Key project' },
] as const;
const KIND_OPTIONS = [
  { value: 'enterprise', zh: '企业', en: 'Enterprise' },
  { value: 'project', zh: '项目', en: 'Project' },
  { value: 'park', zh: '园区（综合保税区）', en: 'Park unit (bonded zone)' },
] as const;

const TAX_RATING_OPTIONS = [
  { value: 'A', zh: 'A级', en: 'A' },
  { value: 'B', zh: 'B级', en: 'B' },
  { value: 'M', zh: 'M级', en: 'M' },
  { value: 'C', zh: 'C级', en: 'C' },
  { value: 'D', zh: 'D级', en: 'D' },
] as const;

const e = enterprises;
const person = { zh: '人', en: 'people' };
const pct = { zh: '%', en: '%' };

/** The enterprise fields selection criteria may test; ratios are derived fields. */
export const ENTERPRISE_FIELDS: Catalogue = {
  sector: { type: 'enum', label: { zh: '行业', en: 'Sector' }, options: SECTOR_OPTIONS, sql: sql`${e.sector}` },
  kind: { type: 'enum', label: { zh: '主体类型', en: 'Kind' }, options: KIND_OPTIONS, sql: sql`${e.kind}` },
  cityOperationSupport: { type: 'boolean', label: { zh: '城市运行保障企业', en: 'City operation support' }, sql: sql`${e.cityOperationSupport}` },
  employees: { type: 'number', label: { zh: '用工人数', en: 'Employees' }, unit: person, sql: sql`${e.employees}::numeric`, integer: { sql: sql`${e.employees}`, scale: 1 } },
  outputValueWan: { type: 'number', label: { zh: '总产值(投资额)', en: 'Output value (investment)' }, unit: { zh: '万元', en: '×10k yuan' }, sql: sql`(${e.outputValueFen}::numeric / 1000000)`, integer: { sql: sql`${e.outputValueFen}`, scale: 1_000_000 } },
  dormitoryCapacity: { type: 'number', label: { zh: '宿舍床位', en: 'Dormitory beds' }, unit: person, sql: sql`${e.dormitoryCapacity}::numeric`, integer: { sql: sql`${e.dormitoryCapacity}`, scale: 1 } },
  dormitoryRatio: { type: 'number', label: { zh: '宿舍可容纳员工比例', en: 'Dormitory beds per employee' }, unit: pct, sql: sql`(${e.dormitoryCapacity}::numeric * 100 / nullif(${e.employees}, 0))` },
  closedLoopCapacity: { type: 'number', label: { zh: '闭环生产可容纳人数', en: 'Closed-loop capacity' }, unit: person, sql: sql`${e.closedLoopCapacity}::numeric`, integer: { sql: sql`${e.closedLoopCapacity}`, scale: 1 } },
  closedLoopRatio: { type: 'number', label: { zh: '闭环生产人员比例', en: 'Closed-loop share of staff' }, unit: pct, sql: sql`(${e.closedLoopCapacity}::numeric * 100 / nullif(${e.employees}, 0))` },
  canRunClosedLoop: { type: 'boolean', label: { zh: '具备闭环管理条件', en: 'Can run closed-loop' }, sql: sql`(${e.closedLoopCapacity} > 0)` },
  hasPreventionPlan: { type: 'boolean', label: { zh: '制定疫情防控方案', en: 'Prevention plan on file' }, sql: sql`${e.hasPreventionPlan}` },
  hasTaskForce: { type: 'boolean', label: { zh: '成立防疫工作专班', en: 'Prevention task force' }, sql: sql`${e.hasTaskForce}` },
  preventionStaff: { type: 'number', label: { zh: '专职防疫人员', en: 'Prevention staff' }, unit: person, sql: sql`${e.preventionStaff}::numeric`, integer: { sql: sql`${e.preventionStaff}`, scale: 1 } },
  hasPairedMedical: { type: 'boolean', label: { zh: '结对帮扶医疗卫生机构', en: 'Paired medical institution' }, sql: sql`(coalesce(${e.pairedMedicalInstitution}, '') <> '')` },
  // No rating on file fails every condition on it (null), "not in arrears" included only for taxArrears.
  taxCreditRating: { type: 'enum', label: { zh: '纳税信用等级', en: 'Tax credit rating' }, options: TAX_RATING_OPTIONS, sql: sql`${e.taxCreditRating}` },
  taxArrears: { type: 'boolean', label: { zh: '欠缴税款', en: 'Taxes in arrears' }, sql: sql`${e.taxArrears}` },
};

export type EnterpriseFacts = Pick<typeof enterprises.$inferSelect, 'sector' | 'kind' | 'cityOperationSupport' | 'employees' | 'outputValueFen' | 'dormitoryCapacity' | 'closedLoopCapacity' | 'hasPreventionPlan' | 'hasTaskForce' | 'preventionStaff' | 'pairedMedicalInstitution' | 'taxCreditRating' | 'taxArrears'>;

/** An enterprise as the record the rule engine evaluates, matching ENTERPRISE_FIELDS' SQL. */
export function enterpriseRecord(x: EnterpriseFacts): FieldRecord {
  return {
    sector: x.sector,
    kind: x.kind,
    cityOperationSupport: x.cityOperationSupport,
    employees: x.employees,
    outputValueWan: x.outputValueFen / 1e6,
    dormitoryCapacity: x.dormitoryCapacity,
    dormitoryRatio: x.employees === 0 ? null : (x.dormitoryCapacity * 100) / x.employees,
    closedLoopCapacity: x.closedLoopCapacity,
    closedLoopRatio: x.employees === 0 ? null : (x.closedLoopCapacity * 100) / x.employees,
    canRunClosedLoop: x.closedLoopCapacity > 0,
    hasPreventionPlan: x.hasPreventionPlan,
    hasTaskForce: x.hasTaskForce,
    preventionStaff: x.preventionStaff,
    hasPairedMedical: (x.pairedMedicalInstitution ?? '') !== '',
    taxCreditRating: x.taxCreditRating,
    taxArrears: x.taxArrears,
  };
}
