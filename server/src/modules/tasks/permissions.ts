import type { PermissionDef } from '../../platform/context.js';

export const TASKS_PERMISSIONS: PermissionDef[] = [
  { code: 'tasks.read', zh: '查看工作交办', en: 'View assigned tasks' },
  { code: 'tasks.assign', zh: '交办工作、验收或退回', en: 'Assign tasks, accept or return them' },
  { code: 'tasks.handle', zh: '办理交办工作（反馈进展与完成情况）', en: 'Work on assigned tasks (report progress and completion)' },
  { code: 'supervision.read', zh: '查看超期事项与督办单', en: 'View overdue items and supervision notices' },
  { code: 'supervision.issue', zh: '下发督办单、办结或退回回复', en: 'Issue supervision notices, close or return replies' },
  { code: 'supervision.reply', zh: '回复督办单', en: 'Reply to supervision notices' },
  { code: 'reports.read', zh: '查看督查督办周报告', en: 'View weekly supervision reports' },
  { code: 'reports.generate', zh: '立即生成周报告', en: 'Generate the weekly report now' },
];
