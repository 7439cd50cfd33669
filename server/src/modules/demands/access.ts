import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { SessionUser } from '../../platform/auth/service.js';
import type { Conn } from '../../platform/db/index.js';
import { scopeWhere, type Scope } from '../../platform/scope.js';
import type { Party } from './states.js';
import { demands, liaisonPairings } from './tables.js';

/** Who is asking, with what their role lets them do with demands. */
export interface Viewer {
  scope: Scope;
  userId: string;
  regionCode: string;
  departmentId: string | null;
  taskForceId: string | null;
  perms: ReadonlySet<string>;
}

export function viewerOf(session: SessionUser, scope: Scope): Viewer {
  const u = session.user;
  return { scope, userId: u.id, regionCode: u.regionCode, departmentId: u.departmentId, taskForceId: u.taskForceId, perms: new Set(session.role.permissions) };
}

/** Dispatchers and supervisors see their region's demands; others see what concerns them. */
export function seesRegion(v: Viewer): boolean {
  return v.scope.kind === 'government' && (v.perms.has('demands.dispatch') || v.perms.has('demands.supervise'));
}

/** The unit columns that name the viewer's own unit(s). */
function unitMatch(v: Viewer): SQL | undefined {
  const conds: SQL[] = [];
  if (v.departmentId) conds.push(and(eq(demands.unitType, 'department'), eq(demands.unitId, v.departmentId))!);
  if (v.taskForceId) conds.push(and(eq(demands.unitType, 'task_force'), eq(demands.unitId, v.taskForceId))!);
  return conds.length ? or(...conds) : undefined;
}

/**
 * The demands a viewer may see, ANDed with `extra`, always through scopeWhere: enterprise users
 * see their own, dispatchers and supervisors their region's, units the demands dispatched to
 * them, liaison cadres the demands of the enterprises they are paired with.
 */
export function visible(v: Viewer, extra?: SQL): SQL {
  if (v.scope.kind === 'enterprise' || seesRegion(v)) return scopeWhere(v.scope, demands, extra);
  const any: SQL[] = [];
  const unit = v.perms.has('demands.handle') ? unitMatch(v) : undefined;
  if (unit) any.push(unit);
  if (v.perms.has('demands.liaison')) {
    any.push(inArray(demands.enterpriseId, sql`(select ${liaisonPairings.enterpriseId} from ${liaisonPairings} where ${liaisonPairings.userId} = ${v.userId})`));
  }
  return scopeWhere(v.scope, demands, and(any.length ? or(...any) : sql`false`, extra));
}

type DemandRow = typeof demands.$inferSelect;

/** The enterprises a liaison cadre is paired with (empty for everyone else). */
export async function pairedOf(conn: Conn, v: Viewer): Promise<ReadonlySet<string>> {
  if (!v.perms.has('demands.liaison') || v.scope.kind !== 'government') return new Set();
  const rows = await conn.select({ e: liaisonPairings.enterpriseId }).from(liaisonPairings).where(eq(liaisonPairings.userId, v.userId));
  return new Set(rows.map((r) => r.e));
}

/** The parties the viewer is for one demand, which the state machine checks. */
export function partiesOf(v: Viewer, d: DemandRow, paired: ReadonlySet<string>): Party[] {
  const out: Party[] = [];
  if (v.scope.kind === 'enterprise') {
    if (v.scope.enterpriseId === d.enterpriseId && v.perms.has('demands.file')) out.push('enterprise');
    return out;
  }
  if (v.perms.has('demands.dispatch') && v.regionCode === d.holderRegionCode) out.push('dispatcher');
  if (v.perms.has('demands.handle') && d.unitId) {
    const mine =
      (d.unitType === 'department' && d.unitId === v.departmentId) ||
      (d.unitType === 'task_force' && d.unitId === v.taskForceId) ||
      (d.unitType === 'command' && d.unitRegionCode === v.regionCode && v.perms.has('demands.dispatch'));
    if (mine) out.push('unit');
  }
  if (v.perms.has('demands.liaison') && paired.has(d.enterpriseId)) out.push('liaison');
  return out;
}
