import type { PermissionDef } from '../../platform/context.js';

export const DEMAND_PERMISSIONS: PermissionDef[] = [
  { code: 'demands.read', zh: '查看诉求（按本人角色可见范围）', en: 'View demands (within what the role may see)' },
  { code: 'demands.file', zh: '提交诉求与回访评价', en: 'File demands and rate answers' },
  { code: 'demands.dispatch', zh: '诉求受理交办、核实销号、上报与下交、共性问题', en: 'Dispatch, verify and close demands; escalate, hand down; common issues' },
  { code: 'demands.handle', zh: '责任单位签收、办理、答复诉求', en: 'Accept, work on and answer demands as the responsible unit' },
  { code: 'demands.liaison', zh: '包保干部查看并答复包保企业诉求', en: 'Liaison cadre: see and answer the paired enterprises’ demands' },
  { code: 'demands.supervise', zh: '查看本地区全部诉求与统计', en: 'See all demands of the region and their metrics' },
];
