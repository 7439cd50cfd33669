import { z } from 'zod';
import type { SessionUser } from '../../platform/auth/service.js';
import { complianceOf, intervalHours, testDueAt, COMPLIANCE_STATUSES, type RulePack } from './rules.js';
import type { EmployeeRow } from './service.js';
import { EMPLOYEE_STATUSES, POST_KINDS } from './tables.js';

export const EmployeeSchema = z
  .object({
    id: z.string(),
    enterpriseId: z.string(),
    enterpriseName: z.string(),
    regionCode: z.string(),
    regionName: z.string(),
    name: z.string(),
    idCardMasked: z.string(),
    phoneMasked: z.string().nullable(),
    post: z.string(),
    postKind: z.enum(POST_KINDS),
    unitId: z.string().nullable(),
    unitName: z.string().nullable(),
    dormitory: z.string().nullable(),
    status: z.enum(EMPLOYEE_STATUSES),
    lastNegativeAt: z.string().nullable(),
    intervalHours: z.number(),
    dueAt: z.string().nullable(),
    compliance: z.enum(COMPLIANCE_STATUSES),
    actions: z.array(z.enum(['edit', 'reveal'])),
  })
  .meta({ id: 'PreventionEmployee' });
export type EmployeeView = z.infer<typeof EmployeeSchema>;

export function employeeView(
  rules: RulePack,
  session: SessionUser,
  e: EmployeeRow,
  labels: { enterpriseName: string; regionName: string; unitName: string | null; regionInEmergency: boolean },
  now = new Date(),
): EmployeeView {
  const hours = intervalHours(rules, { postKind: e.postKind, inClosedLoopUnit: e.unitId !== null, regionInEmergency: labels.regionInEmergency });
  const actions: EmployeeView['actions'] = [];
  if (session.role.permissions.includes('prevention.roster')) actions.push('edit');
  if (session.role.permissions.includes('prevention.pii')) actions.push('reveal');
  return {
    id: e.id,
    enterpriseId: e.enterpriseId,
    enterpriseName: labels.enterpriseName,
    regionCode: e.regionCode,
    regionName: labels.regionName,
    name: e.name,
    idCardMasked: e.idCardMasked,
    phoneMasked: e.phoneMasked,
    post: e.post,
    postKind: e.postKind,
    unitId: e.unitId,
    unitName: labels.unitName,
    dormitory: e.dormitory,
    status: e.status,
    lastNegativeAt: e.lastNegativeAt?.toISOString() ?? null,
    intervalHours: hours,
    dueAt: testDueAt(rules, e.lastNegativeAt, hours, e.lastArrivalAt)?.toISOString() ?? null,
    compliance: complianceOf(rules, e.lastNegativeAt, hours, now, e.lastArrivalAt),
    actions,
  };
}
