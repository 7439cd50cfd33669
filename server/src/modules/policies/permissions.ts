import type { PermissionDef } from '../../platform/context.js';

export const POLICIES_PERMISSIONS: PermissionDef[] = [
  { code: 'policies.manage', zh: '发布与修订惠企政策、登记审批与兑现', en: 'Publish and revise policies, record approvals and disbursements' },
  { code: 'policies.uptake', zh: '查看政策匹配与兑现情况', en: 'Follow matches and uptake' },
  { code: 'policies.subsidy', zh: '审核核酸采样屋补贴', en: 'Review sampling-booth subsidy claims' },
];
