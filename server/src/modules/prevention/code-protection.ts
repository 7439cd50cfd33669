import { and, asc, eq, inArray } from 'drizzle-orm';
import type { AuditActor } from '../../platform/audit/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import { scopeWhere, type Scope } from '../../platform/scope.js';
import type { PreventionService } from './service.js';
import { preventionEmployees, type PostKind } from './tables.js';

export interface CodeProtectionPerson {
  enterpriseId: string;
  name: string;
  post: string;
  postKind: PostKind;
  idCard: string;
  phone: string;
}

/**
 * The active staff of the given enterprises for the code-protection list (赋码保护名单) the provincial
 * epidemic platform takes. ID numbers and phones stay masked unless the caller may see them in
 * clear; a clear export is one audit event naming how many people it carried.
 */
export async function codeProtectionPersons(svc: PreventionService, scope: Scope, actor: AuditActor, enterpriseIds: string[], clear: boolean): Promise<CodeProtectionPerson[]> {
  if (enterpriseIds.length === 0) return [];
  return svc.db.transaction(async (tx) => {
    const out: CodeProtectionPerson[] = [];
    for (let i = 0; i < enterpriseIds.length; i += 1000) {
      const rows = await tx
        .select()
        .from(preventionEmployees)
        .where(scopeWhere(scope, preventionEmployees, and(inArray(preventionEmployees.enterpriseId, enterpriseIds.slice(i, i + 1000)), eq(preventionEmployees.status, 'active'))))
        .orderBy(asc(preventionEmployees.enterpriseId), asc(preventionEmployees.name));
      for (const e of rows) {
        out.push({
          enterpriseId: e.enterpriseId,
          name: e.name,
          post: e.post,
          postKind: e.postKind,
          idCard: clear ? svc.crypto.decrypt(e.idCardEnc) : e.idCardMasked,
          phone: clear ? (e.phoneEnc ? svc.crypto.decrypt(e.phoneEnc) : '') : (e.phoneMasked ?? ''),
        });
      }
    }
    if (clear) await recordAudit(tx, actor, { action: 'prevention.pii.export', targetType: 'prevention_employee', regionCode: scope.regionCode, detail: { purpose: 'code_protection', people: out.length, enterprises: enterpriseIds.length } });
    return out;
  });
}
