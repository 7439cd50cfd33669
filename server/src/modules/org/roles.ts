import type { PermissionDef } from '../../platform/context.js';

/** Permissions of the foundation; each module adds its own beside its routes. */
export const ORG_PERMISSIONS: PermissionDef[] = [
  { code: 'org.read', zh: '查看组织机构', en: 'View the organisation' },
  { code: 'users.manage', zh: '管理用户账号', en: 'Manage user accounts' },
  { code: 'security.manage', zh: '管理角色与安全设置', en: 'Manage roles and security settings' },
  { code: 'audit.read', zh: '查看与校验审计日志', en: 'Read and verify the audit log' },
];

export interface RoleDefault {
  code: string;
  nameZh: string;
  nameEn: string;
  permissions: string[];
  isAdmin: boolean;
  government: boolean;
}

/**
 * The roles and what they may do by default. The security administrator edits permissions in the
 * web app; these are the values a fresh installation starts with. The three administrators are
 * separated (三员分立): none holds another's permission.
 */
export const DEFAULT_ROLES: RoleDefault[] = [
  { code: 'enterprise_user', nameZh: '企业用户', nameEn: 'Enterprise user', permissions: ['enterprise.self', 'demands.read', 'demands.file', 'prevention.read', 'prevention.roster', 'prevention.alerts', 'prevention.report', 'prevention.supplies'], isAdmin: false, government: false },
  { code: 'department_staff', nameZh: '行业主管部门人员', nameEn: 'Department staff', permissions: ['org.read', 'whitelist.read', 'whitelist.review', 'whitelist.criteria', 'whitelist.batch', 'whitelist.import', 'whitelist.remove', 'policies.manage', 'policies.uptake', 'policies.subsidy', 'demands.read', 'demands.handle'], isAdmin: false, government: true },
  { code: 'task_force_member', nameZh: '工作专班成员', nameEn: 'Task-force member', permissions: ['org.read', 'whitelist.read', 'whitelist.review', 'whitelist.criteria', 'whitelist.batch', 'whitelist.import', 'whitelist.remove', 'policies.uptake', 'demands.read', 'demands.handle'], isAdmin: false, government: true },
  { code: 'dispatcher', nameZh: '指挥部调度员', nameEn: 'Command dispatcher', permissions: ['org.read', 'whitelist.read', 'whitelist.review', 'whitelist.criteria', 'whitelist.batch', 'whitelist.import', 'whitelist.remove', 'policies.manage', 'policies.uptake', 'policies.subsidy', 'demands.read', 'demands.dispatch', 'demands.handle', 'demands.supervise', 'prevention.read'], isAdmin: false, government: true },
  { code: 'prevention_staff', nameZh: '防疫专班人员', nameEn: 'Prevention staff', permissions: ['org.read', 'whitelist.read', 'prevention.read', 'prevention.roster', 'prevention.pii', 'prevention.ingest', 'prevention.admin', 'prevention.apikeys', 'prevention.alerts', 'prevention.report', 'prevention.cases', 'prevention.supplies', 'prevention.trace'], isAdmin: false, government: true },
  { code: 'supervisor', nameZh: '督办督查人员', nameEn: 'Supervisor', permissions: ['org.read', 'whitelist.read', 'policies.uptake', 'demands.read', 'demands.supervise'], isAdmin: false, government: true },
  { code: 'liaison_cadre', nameZh: '包保干部', nameEn: 'Liaison cadre', permissions: ['org.read', 'whitelist.read', 'policies.uptake', 'demands.read', 'demands.liaison'], isAdmin: false, government: true },
  { code: 'system_admin', nameZh: '系统管理员', nameEn: 'System administrator', permissions: ['users.manage', 'org.read'], isAdmin: true, government: true },
  { code: 'security_admin', nameZh: '安全管理员', nameEn: 'Security administrator', permissions: ['security.manage'], isAdmin: true, government: true },
  { code: 'audit_admin', nameZh: '审计管理员', nameEn: 'Audit administrator', permissions: ['audit.read'], isAdmin: true, government: true },
];

/** Department kinds whose staff are bound to one sector (行业主管部门 of that sector). */
export const DEPARTMENT_SECTOR: Record<string, string> = {
  industry_it: 'industry',
  commerce: 'commerce',
  transport: 'transport',
  culture_tourism: 'culture_tourism',
};

/** Roles whose scope narrows to their department's or task force's sector. */
export const SECTOR_BOUND_ROLES = new Set(['department_staff', 'task_force_member']);

/** Grants of the tasks module (工作交办, 督办督查, 周报告): kept in one appended block so modules merge cleanly. */
const TASKS_GRANTS: Record<string, string[]> = {
  department_staff: ['tasks.read', 'tasks.handle', 'supervision.reply'],
  task_force_member: ['tasks.read', 'tasks.handle', 'supervision.reply'],
  dispatcher: ['tasks.read', 'tasks.assign', 'tasks.handle', 'supervision.read', 'supervision.reply', 'reports.read', 'reports.generate'],
  supervisor: ['tasks.read', 'supervision.read', 'supervision.issue', 'supervision.reply', 'reports.read'],
};
for (const role of DEFAULT_ROLES) role.permissions.push(...(TASKS_GRANTS[role.code] ?? []));
