import type { PermissionDef } from '../../platform/context.js';

export const WHITELIST_PERMISSIONS: PermissionDef[] = [
  { code: 'whitelist.read', zh: '查看白名单', en: 'View the whitelist' },
  { code: 'whitelist.review', zh: '审核白名单申报、抽查与分级', en: 'Review applications, spot checks and service tiers' },
  { code: 'whitelist.criteria', zh: '制定遴选标准', en: 'Edit selection criteria' },
  { code: 'whitelist.batch', zh: '发布白名单批次', en: 'Publish whitelist batches' },
  { code: 'whitelist.import', zh: '导入企业与行业总产值', en: 'Import enterprises and sector totals' },
  { code: 'whitelist.remove', zh: '移出、暂停与恢复白名单（熔断）', en: 'Remove, suspend and re-admit (circuit breaker)' },
  { code: 'enterprise.self', zh: '维护本企业信息与申报', en: 'Maintain own enterprise profile and application' },
];
