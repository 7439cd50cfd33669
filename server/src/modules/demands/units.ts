import type { OrgService } from '../org/service.js';
import type { Scope } from '../../platform/scope.js';
import type { UnitType } from './tables.js';

export interface UnitOption {
  type: UnitType;
  id: string;
  label: string;
  /** The region the unit belongs to (for a lower command: that command's region). */
  regionCode: string;
}

export interface RegionInfo {
  level(code: string): 'province' | 'city' | 'county' | undefined;
  /** [code, parent, …, province]. */
  ancestors(code: string): string[];
  subtree(code: string): string[];
  children(code: string): string[];
  name(code: string): string;
}

/**
 * The units a command may dispatch to (through the org service): the departments and task
 * forces of its own region, and the commands of the regions directly below it.
 */
export async function unitsOf(org: OrgService, regions: RegionInfo, scope: Scope, regionCode: string): Promise<UnitOption[]> {
  const [deps, cmds] = await Promise.all([org.departmentsOf(scope, regionCode), org.commandsOf(scope, regionCode)]);
  const out: UnitOption[] = deps.map((d) => ({ type: 'department', id: d.id, label: d.name, regionCode }));
  for (const c of cmds) for (const tf of c.taskForces) out.push({ type: 'task_force', id: tf.id, label: tf.name, regionCode });
  for (const child of regions.children(regionCode)) {
    for (const c of await org.commandsOf(scope, child)) out.push({ type: 'command', id: c.id, label: c.name, regionCode: child });
  }
  return out;
}
