import type { PermissionDef } from '../../platform/context.js';

export const PREVENTION_PERMISSIONS: PermissionDef[] = [
  { code: 'prevention.read', zh: '查看防疫信息（名册、核酸合规）', en: 'View prevention information (roster, test compliance)' },
  { code: 'prevention.roster', zh: '维护员工名册与闭环单元', en: 'Maintain the employee roster and closed-loop units' },
  { code: 'prevention.pii', zh: '查看完整身份证号与手机号（留痕）', en: 'See full ID numbers and phones (audited)' },
  { code: 'prevention.ingest', zh: '导入核酸检测结果', en: 'Ingest PCR-test results' },
  { code: 'prevention.admin', zh: '防疫规则与紧急状态地区', en: 'Prevention rules and regions in emergency' },
  { code: 'prevention.alerts', zh: '签收与处置电子哨预警', en: 'Acknowledge and resolve sentinel alerts' },
  { code: 'prevention.report', zh: '填报健康日报告与入豫报备', en: 'File daily health reports and arrival reports' },
  { code: 'prevention.trace', zh: '流调追踪与闭环单元封闭管理（留痕）', en: 'Contact tracing and isolating closed-loop units (audited)' },
  { code: 'prevention.apikeys', zh: '管理检测机构接口密钥', en: 'Manage testing institutions’ API keys' },
  { code: 'prevention.cases', zh: '疑似病例处置（留观、复检、静默期、返岗）', en: 'Handle suspected cases (observation, re-test, quiet period, return)' },
  { code: 'prevention.supplies', zh: '维护防疫物资与留观房间', en: 'Maintain prevention supplies and observation rooms' },
];
